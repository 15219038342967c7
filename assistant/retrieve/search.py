"""The search service: open the index, check it matches the configured embedding, and rank clauses.

Everything heavy loads on first use. The query path imports neither llama-index nor torch.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from assistant.config import Config
from assistant.errors import ConfigError
from assistant.index.embeddings import get_embedder
from assistant.index.store import IndexStore, check_compatible, open_index
from assistant.retrieve.base import Retriever
from assistant.retrieve.bm25 import BM25Retriever
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.hybrid import HybridRetriever
from assistant.schema import Clause, Hit
from assistant.text.tokenize import tokenize_query

METHODS = ("hybrid", "bm25", "dense")


class Searcher:
    def __init__(self, config: Config, store: IndexStore | None = None):
        self.config = config
        self.store = store or open_index(config.index_path)
        self.embedder = get_embedder(config.embedding_backend, config.embedding_model)
        check_compatible(
            self.store.manifest, self.embedder.backend, self.embedder.model_id, config.index_path
        )

    @property
    def clauses(self) -> list[Clause]:
        return self.store.clauses

    @cached_property
    def bm25(self) -> BM25Retriever:
        return BM25Retriever(self.store.bm25, tokenize_query)

    @cached_property
    def dense(self) -> DenseRetriever:
        return DenseRetriever(self.store.faiss_index, self.embedder)

    @cached_property
    def hybrid(self) -> HybridRetriever:
        w = self.config.bm25_weight
        return HybridRetriever([self.bm25, self.dense], [w, 1.0 - w], method=self.config.fusion)

    def retriever(self, method: str) -> Retriever:
        if method not in METHODS:
            raise ConfigError(f"未知的检索方式 {method!r}；可选：{', '.join(METHODS)}")
        return getattr(self, method)  # type: ignore[no-any-return]

    def mask(self, doc: str | None = None, kind: str | None = None) -> np.ndarray | None:
        if not doc and not kind:
            return None
        if doc and doc not in self.store.documents:
            raise ConfigError(f"没有文档 {doc!r}；已索引的文档：{', '.join(sorted(self.store.documents))}")
        return np.array(
            [(not doc or c.doc_id == doc) and (not kind or c.doc_kind == kind) for c in self.clauses]
        )

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        doc: str | None = None,
        kind: str | None = None,
        method: str = "hybrid",
    ) -> list[Hit]:
        """The ``k`` best clauses for ``query``; pieces of one clause count once (the best piece)."""
        retriever = self.retriever(method)
        scores = retriever.scores(query, self.mask(doc, kind))
        sources = getattr(retriever, "last_sources", {})
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for row, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            clause = self.clauses[row]
            key = (clause.doc_id, clause.label)
            if key in seen:
                continue
            seen.add(key)
            hits.append(Hit(clause, score, len(hits) + 1, sources.get(row, {method: score})))
            if len(hits) >= k:
                break
        return hits
