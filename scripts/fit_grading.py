"""Fit the short-answer grader's coverage threshold on the dev half of evals/short_answers.jsonl.

    python scripts/fit_grading.py

A key point counts as found when the answer covers at least ``threshold`` of its own characters (those it
does not share with most of its sibling key points); the same bar says what a clause of the answer is about
when the grader looks for a figure given to the wrong point or a duty said to be not needed
(``assistant/quiz/shortanswer.py``). The threshold is chosen on dev by point agreement with the hand marks;
5-fold cross-validation grouped by question (a question's answers stay in one fold; within a fold the threshold
is chosen on the other four) gives the figure it is chosen by, with the wrong-point agreement and the score's
mean absolute error of the same held-out answers beside it, graded as ``mine-assistant eval grading`` grades
them (each answer against its whole article, other articles' rules not counted wrong; the index must be built).
The test half is printed for the record, never used. Writes assistant/data/grading.json.
A logistic model adding an embedding similarity was studied in scripts/study_grading_model.py and not
adopted (no gain in cross-validation, seconds more per bank).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fitted_file import stratified_folds, write_fitted  # noqa: E402

from assistant.quiz.shortanswer import Elsewhere, grade_short_answer, law_elsewhere  # noqa: E402

GRID = [round(0.20 + 0.05 * i, 2) for i in range(13)]  # 0.20 … 0.80


def marked_answers() -> list[dict]:
    """The hand-marked answers of evals/short_answers.jsonl, one dict each."""
    text = (ROOT / "evals" / "short_answers.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def question_folds(dev: list[dict]) -> dict[str, int]:
    """A fold (of 5) per question id: a question's answers are held out together."""
    questions = sorted({r["question_id"] for r in dev})
    return dict(zip(questions, stratified_folds(["q"] * len(questions), 5, seed=13), strict=True))


def clauses(rows: list[dict]) -> tuple[dict[tuple[str, str], str], Elsewhere]:
    """The whole text of each answer's article by (doc id, label), as the grading eval reads it, and the
    check of whether a statement is law elsewhere, over the knowledge base's clauses."""
    from assistant.answer.provision_view import article
    from assistant.config import load_config
    from assistant.evaluate.runner import ensure_index
    from assistant.retrieve.search import Searcher

    config = load_config()
    ensure_index(config, progress=False)
    searcher = Searcher(config)
    labels = {(r["doc_id"], r["clause"]) for r in rows}
    return {key: article(searcher, *key)[0] for key in labels}, law_elsewhere(
        c.text for c in searcher.clauses
    )


@dataclass(frozen=True)
class Graded:
    """One answer graded at one threshold, against its hand marks."""

    agree: int  # key points whose found flag agrees with the mark
    points: int
    wrong_agrees: bool  # a wrong point found where the marks have one, none where they have none
    error: float  # |score − marked score|


def graded(row: dict, threshold: float, clause: str, elsewhere: Elsewhere) -> Graded:
    score, found, wrong = grade_short_answer(row["answer"], row["key_points"], clause, elsewhere, threshold)
    agree = sum(mine == gold for mine, gold in zip(found, row["points_found"], strict=False))
    return Graded(
        agree,
        min(len(found), len(row["points_found"])),
        bool(wrong) == bool(row.get("wrong_points")),
        abs(score - row["score"]),
    )


def figures(cases: list[Graded]) -> tuple[float, float, float]:
    """(point agreement, wrong-point agreement, score MAE) of ``cases``."""
    n = len(cases) or 1
    points = sum(c.points for c in cases) or 1
    return (
        sum(c.agree for c in cases) / points,
        sum(c.wrong_agrees for c in cases) / n,
        sum(c.error for c in cases) / n,
    )


def best(table: dict[float, list[Graded]], idx: list[int]) -> float:
    # ties go to the threshold nearest the old default (0.6): the least change for the same fit
    return max(GRID, key=lambda t: (sum(table[t][i].agree for i in idx), -abs(t - 0.6)))


def main() -> None:
    rows = marked_answers()
    dev = [r for r in rows if r.get("split", "dev") == "dev"]
    test = [r for r in rows if r.get("split") == "test"]
    text, elsewhere = clauses(rows)

    def table(cases: list[dict]) -> dict[float, list[Graded]]:
        return {
            t: [graded(r, t, text.get((r["doc_id"], r["clause"]), ""), elsewhere) for r in cases]
            for t in GRID
        }

    on_dev = table(dev)
    fold_of_q = question_folds(dev)
    held_out: list[Graded] = []
    for k in range(5):
        train = [i for i, r in enumerate(dev) if fold_of_q[r["question_id"]] != k]
        held = [i for i, r in enumerate(dev) if fold_of_q[r["question_id"]] == k]
        t = best(on_dev, train)
        cases = [on_dev[t][i] for i in held]
        held_out += cases
        a, n = sum(c.agree for c in cases), sum(c.points for c in cases)
        print(f"fold {k}: threshold {t:.2f} on {len(train)} answers → {a}/{n} on {len(held)} held out")
    cv = figures(held_out)
    chosen = best(on_dev, list(range(len(dev))))
    for t in GRID:
        print(f"  threshold {t:.2f}: dev agreement {figures(on_dev[t])[0]:.3f}")
    at_chosen = figures(on_dev[chosen])
    on_test = figures([graded(r, chosen, text.get((r["doc_id"], r["clause"]), ""), elsewhere) for r in test])
    print(
        f"chosen {chosen:.2f}: CV on dev: point agreement {cv[0]:.3f}, wrong-point agreement {cv[1]:.3f}, "
        f"score MAE {cv[2]:.4f}; dev {at_chosen[0]:.3f}, {at_chosen[1]:.3f}, {at_chosen[2]:.4f}; "
        f"test (report only) {on_test[0]:.3f}, {on_test[1]:.3f}, {on_test[2]:.4f}"
    )
    write_fitted(
        ROOT / "assistant" / "data" / "grading.json",
        "scripts/fit_grading.py",
        f"point agreement {cv[0]:.3f}, wrong-point agreement {cv[1]:.3f}, score MAE {cv[2]:.4f} "
        f"(5-fold CV by question on {len(dev)} dev answers)",
        f"point agreement {on_test[0]:.3f}, wrong-point agreement {on_test[1]:.3f}, score MAE {on_test[2]:.4f} "
        f"on {len(test)} test answers",
        threshold=chosen,
    )


if __name__ == "__main__":
    main()
