"""Any of our embedding backends as a llama-index ``BaseEmbedding`` (for llama-index pipelines).

Imported only where llama-index is used (benchmarks, user code), because importing llama_index.core
costs ~1.3 s; e5 query/passage semantics are kept: queries go through ``embed_query``.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.index.embeddings import Embedder


class AssistantEmbedding(BaseEmbedding):
    _embedder: Any = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any):
        kwargs.setdefault("embed_batch_size", 64)
        super().__init__(model_name=f"{embedder.backend}:{embedder.model_id}", **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(list(texts)).tolist()


def as_llama_embedding(embedder: Embedder) -> AssistantEmbedding:
    return AssistantEmbedding(embedder)
