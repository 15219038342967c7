"""Whether a blank in a run of items is a stock pair with its neighbour, so anyone fills it unread.

「保证信息的真实、准确、____」 asks for 「完整」, which follows 「真实、准确」 in 108 documents of Chinese law; 「做到公正、
____、廉洁」 asks for 「严格」; 「安全第一、____、综合治理」 for 「预防为主」. Blind readers marked such blanks giveaways (rule 5
of the review brief). ``assistant/data/stock_pairs.tsv.gz`` counts, for each pair of words that stand either side
of a 、, the documents of a large body of law that hold it (``scripts/mine_stock_pairs.py``); a blank whose answer
pairs with the item before or after it in at least ``threshold`` documents is refused. The threshold is fitted
on the reviewed blanks of ``evals/quiz_heldout.jsonl`` by ``scripts/fit_stock_pairs.py``
(``assistant/data/stock_pairs.json``).

Where an item starts is not always known (the first item of 「应当真实、准确」 runs into its verb), so a neighbour's
side is looked up at each length from two to four characters and the largest count taken; the answer's side is
its own first or last (up to) four characters.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

from assistant.datafiles import data_text

_SIDES = (2, 3, 4)
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_HAN_END = re.compile(r"[\u4e00-\u9fff]+$")
# a run's items are joined by 、, its last by a conjunction: 「清扫、收集、运输和____」 pairs 运输 with 处理 as 「运输、处理」 would
_JOINERS = r"(?:、|以及|和|及|与|或者|或)"
_JOINED_BEFORE = re.compile(_JOINERS + "$")
_JOINED_AFTER = re.compile(_JOINERS)


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    raw = resources.files("assistant.data").joinpath("stock_pairs.tsv.gz").read_bytes()
    rows = (line.split("\t") for line in gzip.decompress(raw).decode("utf-8").splitlines())
    return {pair: int(n) for pair, n in rows}


@lru_cache(maxsize=1)
def threshold() -> int:
    return int(json.loads(data_text("stock_pairs.json"))["threshold"])


def pair_documents(before: str, answer: str, after: str) -> int:
    """How many documents of law hold the answer next to its neighbour in a run: ``before`` is the text before
    the blank (「……保证信息的真实、准确、」「……收集、贮存、运输和」), ``after`` the text after it (「、文明、高效。」). The
    larger of the two sides' counts; 0 when neither side joins an item (by 、 or a conjunction) or the answer is
    shorter than two characters."""
    counts = _counts()
    best = 0
    joined_before = _JOINED_BEFORE.search(before)
    joined_after = _JOINED_AFTER.match(after)
    left = _HAN_END.search(before[: joined_before.start()]) if joined_before else None
    right = _HAN.match(after[joined_after.end() :]) if joined_after else None
    if len(answer) < min(_SIDES):
        return 0
    if left:
        head = answer[: max(_SIDES)]
        best = max(
            (counts.get(f"{left.group()[-k:]}、{head}", 0) for k in _SIDES if len(left.group()) >= k),
            default=0,
        )
    if right:
        tail = answer[-max(_SIDES) :]
        pairs = (counts.get(f"{tail}、{right.group()[:j]}", 0) for j in _SIDES if len(right.group()) >= j)
        best = max(best, max(pairs, default=0))
    return best


def stock_pair(before: str, answer: str, after: str) -> bool:
    """Whether the blank's answer is the stock partner of a neighbour (``pair_documents`` ≥ the fitted threshold)."""
    return pair_documents(before, answer, after) >= threshold()
