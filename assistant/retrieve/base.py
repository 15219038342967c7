"""The retriever protocol every retriever implements; fusion takes any of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.text.query import Query


class Retriever(Protocol):
    name: str

    def scores(self, query: Query, mask: np.ndarray | None = None) -> dict[int, float]:
        """Scores of the top candidates for ``query`` as {clause row: score}; rows outside ``mask``
        (a boolean array over all clauses) are never returned. Only positive evidence is returned."""
        ...


@dataclass(frozen=True)
class Scored:
    """What retrieval found for one clause row: the (fused) score and each retriever's own score.

    Returned from the call that computed it, never kept on the retriever: one searcher serves many
    requests at once, and refusal reads ``sources``.
    """

    score: float
    sources: dict[str, float] = field(default_factory=dict)


@runtime_checkable
class FusingRetriever(Retriever, Protocol):
    """A retriever made of others (hybrid): it can say what each part scored."""

    def evidence(self, query: Query, mask: np.ndarray | None = None) -> dict[int, Scored]: ...


def score_rows(retriever: Retriever, query: Query, mask: np.ndarray | None = None) -> dict[int, Scored]:
    """Every candidate row of ``retriever`` with its evidence (a fusion retriever reports its parts)."""
    if isinstance(retriever, FusingRetriever):
        return retriever.evidence(query, mask)
    return {row: Scored(s, {retriever.name: s}) for row, s in retriever.scores(query, mask).items()}


def top_rows(scores: np.ndarray, k: int, mask: np.ndarray | None, min_score: float = 0.0) -> dict[int, float]:
    """The ``k`` best rows of a full score vector (masked rows and scores ≤ ``min_score`` dropped)."""
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    k = min(k, len(scores))
    if k <= 0:
        return {}
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return {int(i): float(scores[i]) for i in idx if scores[i] > min_score}
