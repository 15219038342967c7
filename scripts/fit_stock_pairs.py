"""Fit the stock-pair threshold of the quiz generator on the blind-read blanks of evals/quiz_heldout.jsonl.

    python scripts/fit_stock_pairs.py

A fill-in blank is refused when its answer stands next to a neighbour of its run in at least ``threshold``
documents of Chinese law (``assistant/quiz/stock_pairs.py``; the counts from ``scripts/mine_stock_pairs.py``).
The cases are the blank items of the held-out review read blind under the present brief
(``evals/quiz_review_brief.md``, from round 44 on; earlier readers passed 「依照法律、____、规章」 and 「全面、____、
公正」 as often as not, and their marks measure a looser bar): the readers marked each ok, or bad as a giveaway a
reader fills from the run's stock wording (their reason names a 固定搭配, 套语, 常识 …); blanks bad for another
reason (a missing subject, a cut item) say nothing about the pair and are left out. The threshold is the one
with the best agreement with the readers (ties to the higher threshold, the fewer items refused), chosen by
5-fold cross-validation stratified by label; the figure printed is the held-out folds'. Rounds 44–48 were read
before this rule existed; later rounds hold only blanks an earlier threshold let through (their pairs rarer than it),
so adding them can only move the threshold down. The next blind round on documents never seen is the test.
Writes assistant/data/stock_pairs.json.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fitted_file import stratified_folds, write_fitted  # noqa: E402

from assistant.content.templates import BLANK  # noqa: E402
from assistant.quiz.stock_pairs import pair_documents  # noqa: E402

GRID = list(range(3, 61))
FIRST_ROUND = 44  # the first round read under evals/quiz_review_brief.md
_GIVEAWAY = re.compile(r"固定|套语|套话|搭配|人人|猜|常见|熟知|送分|不学|无需学习|连用|并列|常识")


def cases() -> list[tuple[int, bool]]:
    """(documents holding the blank's pair, read as a stock-wording giveaway) for each ok or giveaway blank."""
    out = []
    for line in (ROOT / "evals" / "quiz_heldout.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        read = re.match(r"blind: round (\d+)", row["read"])
        if row["type"] != "blank" or BLANK not in row["stem"] or not read or int(read.group(1)) < FIRST_ROUND:
            continue
        giveaway = row["verdict"] == "bad" and bool(_GIVEAWAY.search(row["reason"]))
        if row["verdict"] == "bad" and not giveaway:
            continue
        before, after = row["stem"].split(BLANK, 1)
        out.append((pair_documents(before, row["answer"], after), giveaway))
    return out


def agreement(rows: list[tuple[int, bool]], threshold: int) -> float:
    return sum((n >= threshold) == giveaway for n, giveaway in rows) / len(rows) if rows else 0.0


def best(rows: list[tuple[int, bool]]) -> int:
    return max(GRID, key=lambda t: (agreement(rows, t), t))


def main() -> None:
    rows = cases()
    fold = stratified_folds([g for _, g in rows], 5, seed=13)
    right = 0
    for k in range(5):
        train = [r for r, f in zip(rows, fold, strict=True) if f != k]
        held = [r for r, f in zip(rows, fold, strict=True) if f == k]
        t = best(train)
        right += sum((n >= t) == g for n, g in held)
    cv = right / len(rows)
    threshold = best(rows)
    giveaways = sum(g for _, g in rows)
    caught = sum(g and n >= threshold for n, g in rows)
    lost = sum(not g and n >= threshold for n, g in rows)
    print(f"{len(rows)} blanks ({giveaways} stock-wording giveaways); 5-fold CV agreement {cv:.3f}")
    print(
        f"threshold {threshold}: refuses {caught} of {giveaways} giveaways and {lost} of {len(rows) - giveaways} ok"
    )
    base = agreement(rows, 10**9)
    print(f"(refusing none agrees on {base:.3f})")
    write_fitted(
        ROOT / "assistant" / "data" / "stock_pairs.json",
        "scripts/fit_stock_pairs.py",
        f"agreement {cv:.3f} (5-fold CV stratified by label on {len(rows)} blanks read blind since round {FIRST_ROUND}; refusing none: {base:.3f})",
        "the next blind round on documents never seen (evals/quiz_heldout.jsonl)",
        threshold=threshold,
        giveaways_refused=f"{caught} of {giveaways}",
        ok_refused=f"{lost} of {len(rows) - giveaways}",
    )


if __name__ == "__main__":
    main()
