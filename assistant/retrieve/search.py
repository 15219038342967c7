"""The searcher: open the index, check it matches the configured embedding, and rank clauses.

Everything heavy loads on first use. The query path imports neither llama-index nor torch. A
``Searcher`` is shared by every request of a server: after construction nothing on it changes per
query (the retrievers are built once, lazily; a search returns its own evidence in each ``Hit``).
"""

from __future__ import annotations

from functools import cached_property
from typing import Protocol

import numpy as np

from assistant.config import Config
from assistant.errors import ConfigError
from assistant.index.embeddings import Embedder, get_embedder
from assistant.index.store import IndexStore, check_compatible, open_index
from assistant.retrieve.base import Retriever, score_rows
from assistant.retrieve.bm25 import BM25Retriever
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.hybrid import HybridRetriever
from assistant.schema import Clause, Hit
from assistant.text.query import Query

METHODS = ("hybrid", "bm25", "dense")


class SearcherLike(Protocol):
    """What the answer, content and web layers need from a searcher (tests pass small fakes)."""

    config: Config
    store: IndexStore

    @property
    def clauses(self) -> list[Clause]: ...

    def query(self, text: str) -> Query: ...

    def search(
        self,
        query: str | Query,
        k: int = 5,
        *,
        doc: str | None = None,
        kind: str | None = None,
        method: str = "hybrid",
    ) -> list[Hit]: ...

    def matched_terms(self, query: str | Query) -> list[str]: ...


class Searcher:
    def __init__(self, config: Config, store: IndexStore | None = None, embedder: Embedder | None = None):
        self.config = config
        self.store = store or open_index(config.index_path)
        self.embedder = embedder or get_embedder(
            config.embedding_backend, config.embedding_model, query_threads=config.query_threads
        )
        check_compatible(
            self.store.manifest, self.embedder.backend, self.embedder.model_id, config.index_path
        )

    @property
    def clauses(self) -> list[Clause]:
        return self.store.clauses

    def query(self, text: str) -> Query:
        """The analysed question (tokenised once; every stage reads this value)."""
        return Query.parse(text)

    @cached_property
    def bm25(self) -> BM25Retriever:
        return BM25Retriever(self.store.bm25, candidates=self.config.candidates)

    @cached_property
    def dense(self) -> DenseRetriever:
        return DenseRetriever(
            self.store.faiss_index,
            self.embedder,
            candidates=self.config.candidates,
            threads=self.config.query_threads,
        )

    @cached_property
    def hybrid(self) -> HybridRetriever:
        w = self.config.bm25_weight
        return HybridRetriever([self.bm25, self.dense], [w, 1.0 - w], method=self.config.fusion)

    def retriever(self, method: str) -> Retriever:
        if method == "hybrid":
            return self.hybrid
        if method == "bm25":
            return self.bm25
        if method == "dense":
            return self.dense
        raise ConfigError(f"未知的检索方式 {method!r}；可选：{', '.join(METHODS)}")

    def mask(self, doc: str | None = None, kind: str | None = None) -> np.ndarray | None:
        if not doc and not kind:
            return None
        if doc and doc not in self.store.documents:
            raise ConfigError(f"没有文档 {doc!r}；已索引的文档：{', '.join(sorted(self.store.documents))}")
        return np.array(
            [(not doc or c.doc_id == doc) and (not kind or c.doc_kind == kind) for c in self.clauses]
        )

    def matched_terms(self, query: str | Query) -> list[str]:
        """The query's words the index knows (for highlighting)."""
        return self.bm25.query_tokens(query if isinstance(query, Query) else self.query(query))

    def search(
        self,
        query: str | Query,
        k: int = 5,
        *,
        doc: str | None = None,
        kind: str | None = None,
        method: str = "hybrid",
        retriever: Retriever | None = None,
    ) -> list[Hit]:
        """The ``k`` best clauses for ``query``; pieces of one clause count once (the best piece).

        Each hit carries its fused score and every retriever's own score (``Hit.sources``).
        ``retriever`` replaces the one ``method`` names (the eval's fusion sweep passes its own)."""
        q = query if isinstance(query, Query) else self.query(query)
        found = score_rows(retriever or self.retriever(method), q, self.mask(doc, kind))
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for row, scored in sorted(found.items(), key=lambda kv: (-kv[1].score, kv[0])):
            clause = self.clauses[row]
            key = (clause.doc_id, clause.label)
            if key in seen:
                continue
            seen.add(key)
            hits.append(Hit(clause, scored.score, len(hits) + 1, scored.sources))
            if len(hits) >= k:
                break
        return hits
