"""The metric maths, free of any index or model so it can be unit-tested on tiny fake data.

Rankings are lists of hashable keys (e.g. ``(doc_id, clause_label)``), best first.
"""

from __future__ import annotations

import statistics
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


def first_relevant_rank(ranking: Sequence[Hashable], relevant: Iterable[Hashable]) -> int | None:
    """1-based rank of the first relevant item in ``ranking``, or None when none is retrieved."""
    wanted = set(relevant)
    for rank, key in enumerate(ranking, 1):
        if key in wanted:
            return rank
    return None


def hit_at_k(ranking: Sequence[Hashable], relevant: Iterable[Hashable], k: int) -> float:
    """1.0 when any relevant item is in the top ``k``, else 0.0."""
    rank = first_relevant_rank(ranking, relevant)
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(
    ranking: Sequence[Hashable], relevant: Iterable[Hashable], cutoff: int | None = None
) -> float:
    """1/rank of the first relevant item (0 when absent or ranked below ``cutoff``)."""
    rank = first_relevant_rank(ranking, relevant)
    if rank is None or (cutoff is not None and rank > cutoff):
        return 0.0
    return 1.0 / rank


def recall_at_k(ranking: Sequence[Hashable], relevant: Iterable[Hashable], k: int) -> float:
    """Share of the relevant items found in the top ``k``."""
    wanted = set(relevant)
    if not wanted:
        return 0.0
    return len(wanted & set(ranking[:k])) / len(wanted)


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def median(values: Iterable[float]) -> float:
    values = list(values)
    return float(statistics.median(values)) if values else 0.0


@dataclass(frozen=True)
class PrecisionRecall:
    precision: float
    recall: float
    tp: int
    fp: int
    fn: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def precision_recall(predicted: Sequence[bool], actual: Sequence[bool]) -> PrecisionRecall:
    """Precision and recall of a yes/no decision (e.g. "refused") against the gold labels.

    With no positive prediction, precision is 1.0 (nothing wrongly flagged); with no positive label,
    recall is 1.0 (nothing missed).
    """
    if len(predicted) != len(actual):
        raise ValueError(f"predicted has {len(predicted)} items, actual {len(actual)}")
    tp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and a)
    fp = sum(1 for p, a in zip(predicted, actual, strict=True) if p and not a)
    fn = sum(1 for p, a in zip(predicted, actual, strict=True) if not p and a)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return PrecisionRecall(precision, recall, tp, fp, fn)
