"""Dense retrieval: cosine similarity over the FAISS flat inner-product index."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np

from assistant.index.embeddings import Embedder
from assistant.retrieve.base import top_rows
from assistant.text.query import Query

RECENT = 256  # query embeddings kept (384 floats each)


class DenseRetriever:
    name = "dense"

    def __init__(self, faiss_index: Any, embedder: Embedder, candidates: int = 100, threads: int = 1):
        self._index = faiss_index  # faiss.IndexFlatIP (untyped library)
        self._embedder = embedder
        self.candidates = candidates
        self.threads = threads
        self._vectors: np.ndarray | None = None
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _query_vector(self, query: Query) -> np.ndarray:
        """The query's embedding. The last ``RECENT`` are kept: scoring and ``cosines`` embed a query once,
        and `applies` searches the national counterpart of the same plan items' sentences again and again
        (a long sentence costs the bundled model ~60 ms)."""
        with self._lock:  # the web app searches from many threads
            q = self._recent.get(query.text)
        if q is None:
            q = self._embedder.embed_query(query.text).astype(np.float32)
        with self._lock:
            self._recent[query.text] = q
            self._recent.move_to_end(query.text)
            while len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return q

    def cosines(self, query: Query, rows: list[int]) -> dict[int, float]:
        """The exact cosine of ``query`` with each of ``rows``, ranked or not: a clause BM25 found
        outside the dense candidates still has a similarity (it is not 0)."""
        if not rows:
            return {}
        q = self._query_vector(query)
        vectors = self._vectors
        if vectors is not None:
            picked = vectors[rows]
        else:
            picked = np.stack([self._index.reconstruct(int(r)) for r in rows])
        return {int(r): float(v) for r, v in zip(rows, picked @ q, strict=True)}

    def scores(self, query: Query, mask: np.ndarray | None = None) -> dict[int, float]:
        q = self._query_vector(query)
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
