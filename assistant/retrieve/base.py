"""The retriever protocol every retriever implements; fusion takes any of them."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Retriever(Protocol):
    name: str

    def scores(self, query: str, mask: np.ndarray | None = None) -> dict[int, float]:
        """Scores of the top candidates for ``query`` as {clause row: score}; rows outside ``mask``
        (a boolean array over all clauses) are never returned. Only positive evidence is returned."""
        ...


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
