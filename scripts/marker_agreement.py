"""How far two hand markings of the test short answers agree, and the grader with each: the ceiling the
grading target (point agreement ≥ 0.92 on test) is measured against.

    python scripts/marker_agreement.py

evals/short_answers.jsonl holds the first marks; evals/short_answers_second_marks.jsonl a second marking of its
261 test answers (stop 37), made blind by a helper given the questions, key points, answers and the clause texts
(`mine-assistant show`), the README's marking conventions, and neither the first marks, the grader nor its code.
Prints point agreement and wrong-point agreement (whether an answer has any wrong point) of the two markings, and of
the grader (``grade_short_answer`` at the fitted threshold, each answer against its whole article as
``mine-assistant eval grading`` grades it; the index must be built) with each, and on the points both markings
agree on. Writes nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_grading import clauses, marked_answers  # noqa: E402

from assistant.quiz.shortanswer import THRESHOLD, grade_short_answer  # noqa: E402


def main() -> None:
    first = {r["id"]: r for r in marked_answers()}
    second = [
        json.loads(x) for x in (ROOT / "evals" / "short_answers_second_marks.jsonl").open(encoding="utf-8")
    ]
    text, elsewhere = clauses(list(first.values()))
    points = same = grader_first = grader_second = agreed = grader_agreed = 0
    wrong_same = wrong_first = wrong_second = 0
    for b in second:
        a = first[b["id"]]
        _, found, wrong = grade_short_answer(
            a["answer"], a["key_points"], text.get((a["doc_id"], a["clause"]), ""), elsewhere, THRESHOLD
        )
        for x, y, g in zip(a["points_found"], b["points_found"], found, strict=True):
            points += 1
            same += x == y
            grader_first += g == x
            grader_second += g == y
            if x == y:
                agreed += 1
                grader_agreed += g == x
        w1, w2 = bool(a.get("wrong_points")), bool(b["wrong_points"])
        wrong_same += w1 == w2
        wrong_first += bool(wrong) == w1
        wrong_second += bool(wrong) == w2
    n = len(second)
    print(f"{n} test answers, {points} key points")
    print(
        f"point agreement: first vs second marking {same / points:.3f}; grader vs first {grader_first / points:.3f}, "
        f"vs second {grader_second / points:.3f}; grader on the {agreed} points both markings agree on "
        f"{grader_agreed / agreed:.3f}"
    )
    print(
        f"wrong-point agreement: first vs second marking {wrong_same / n:.3f}; grader vs first {wrong_first / n:.3f}, "
        f"vs second {wrong_second / n:.3f}"
    )


if __name__ == "__main__":
    main()
