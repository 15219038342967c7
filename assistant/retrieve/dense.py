"""Dense retrieval: cosine similarity over the FAISS flat inner-product index."""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.index.embeddings import Embedder
from assistant.retrieve.base import top_rows
from assistant.text.query import Query


class DenseRetriever:
    name = "dense"

    def __init__(self, faiss_index: Any, embedder: Embedder, candidates: int = 100, threads: int = 1):
        self._index = faiss_index  # faiss.IndexFlatIP (untyped library)
        self._embedder = embedder
        self.candidates = candidates
        self.threads = threads
        self._vectors: np.ndarray | None = None

    def scores(self, query: Query, mask: np.ndarray | None = None) -> dict[int, float]:
        q = self._embedder.embed_query(query.text).astype(np.float32)
        if mask is None:
            k = min(self.candidates, self._index.ntotal)
            if k == 0:
                return {}
            import faiss

            # One query against a flat index is a single matrix-vector product: OpenMP threads only add
            # wake-up latency and oversubscribe a shared machine. The setting is per calling thread
            # (libgomp keeps it in the thread's ICVs), so it is set on every call: a server answers
            # from many threads, and a batch job in another thread keeps its own setting.
            faiss.omp_set_num_threads(self.threads)
            sims, rows = self._index.search(q[None, :], k)
            return {int(r): float(s) for r, s in zip(rows[0], sims[0], strict=True) if r >= 0}
        # Filtered search: score only the allowed rows (flat index, so this is exact).
        vectors = self._vectors
        if vectors is None:
            vectors = self._vectors = self._index.reconstruct_n(0, self._index.ntotal)
        return top_rows(vectors @ q, self.candidates, mask, min_score=-1.0)
