"""Embeddings cached by the hash of the embedded text, per backend and model.

A rebuild embeds only texts it has not seen (the bundled model manages ~7.5 clauses/s on 2 cores, so
embedding less is the only way to re-index faster). Three layers, looked up in this order:

- ``embeddings-<backend>-<model>.npz`` beside the index versions: the cache of the last build;
- ``embeddings-<…>.part-<pid>-<n>.npz``: batches written while embedding (every ``flush_every``
  texts, atomically), so a build that is killed resumes where it stopped. ``save`` folds them into
  the main file;
- a read-only file shipped with the corpus (``indexes/shipped/``, written by
  ``scripts/refresh_shipped_embeddings.py``), so a fresh clone does not embed the shipped laws.

A damaged file (truncated ``.npz``, wrong shape, non-finite vectors) is discarded, never fatal: what
it held is embedded again.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from assistant.config import Config
    from assistant.index.embeddings import Embedder


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def cache_file_name(backend: str, model_id: str) -> str:
    slug = re.sub(r"[^\w.-]+", "_", f"{backend}-{model_id}")[-100:]
    return f"embeddings-{slug}.npz"


def read_vectors(path: Path, dim: int) -> dict[str, np.ndarray]:
    """The vectors of one cache file; raises ValueError when it is damaged or of another dimension."""
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, EOFError, KeyError, zipfile.BadZipFile, zlib.error) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from None
    if vectors.ndim != 2 or vectors.shape[1] != dim or len(keys) != len(vectors):
        raise ValueError(f"shape {vectors.shape} / {len(keys)} keys, expected (n, {dim})")
    finite = np.isfinite(vectors).all(axis=1)
    return dict(zip(keys[finite].tolist(), vectors[finite].astype(np.float32), strict=True))


def write_vectors(path: Path, items: list[tuple[str, np.ndarray]], dim: int) -> None:
    """Write ``items`` to ``path`` atomically (a reader sees the old file or the new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npz")
    keys = np.array([k for k, _ in items], dtype="U32")
    vecs = np.stack([v for _, v in items]).astype(np.float32) if items else np.zeros((0, dim), np.float32)
    np.savez(tmp, keys=keys, vectors=vecs)
    tmp.replace(path)


class EmbeddingCache:
    def __init__(
        self,
        folder: Path,
        backend: str,
        model_id: str,
        dim: int,
        *,
        shipped_dir: Path | None = None,
        flush_every: int = 64,
    ):
        self.path = folder / cache_file_name(backend, model_id)
        self.dim = dim
        self.flush_every = flush_every
        self.discarded: list[str] = []  # damaged files dropped while loading (for the build report)
        self._vectors: dict[str, np.ndarray] = {}
        self._parts: list[Path] = []  # batch files folded in by the next ``save``
        self._unsaved: list[str] = []
        self._seq = itertools.count()
        self._vectors.update(self._read(self.path, delete_damaged=True))
        for part in sorted(folder.glob(f"{self.path.stem}.part-*.npz")):
            self._vectors.update(self._read(part, delete_damaged=True))
            self._parts.append(part)
        self._shipped: dict[str, np.ndarray] = {}
        if shipped_dir is not None:
            self._shipped = self._read(shipped_dir / cache_file_name(backend, model_id), delete_damaged=False)
        self._dirty = bool(self._parts)

    @classmethod
    def of_index(cls, config: Config, embedder: Embedder) -> EmbeddingCache:
        """The cache beside ``config``'s index, for ``embedder``, with the shipped vectors behind it."""
        return cls(
            config.index_dir / ".cache",
            embedder.backend,
            embedder.model_id,
            embedder.dim,
            shipped_dir=config.shipped_embeddings_dir,
        )

    def _read(self, path: Path, *, delete_damaged: bool) -> dict[str, np.ndarray]:
        if not path.is_file():
            return {}
        try:
            return read_vectors(path, self.dim)
        except ValueError as exc:
            self.discarded.append(f"嵌入缓存 {path.name} 已损坏，已丢弃并重新计算（{exc}）")
            if delete_damaged:
                path.unlink(missing_ok=True)
            return {}

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, text: str) -> bool:
        key = text_key(text)
        return key in self._vectors or key in self._shipped

    def _get(self, key: str) -> np.ndarray:
        vector = self._vectors.get(key)
        return self._shipped[key] if vector is None else vector

    def embed(
        self,
        texts: list[str],
        embed_fn: Callable[[list[str]], np.ndarray],
        batch_size: int = 32,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[np.ndarray, int]:
        """Vectors for ``texts`` (cached ones reused); returns them and how many were embedded now.

        New vectors reach disk every ``flush_every`` texts, so a killed build loses at most that many."""
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors and k not in self._shipped))
        by_key = dict(zip(keys, texts, strict=True))
        for i in range(0, len(missing), batch_size):
            batch = missing[i : i + batch_size]
            vecs = np.asarray(embed_fn([by_key[k] for k in batch]), dtype=np.float32)
            self._vectors.update(zip(batch, vecs, strict=True))
            self._unsaved += batch
            self._dirty = True
            if len(self._unsaved) >= self.flush_every:
                self.flush()
            if progress:
                progress(len(batch))
        self.flush()
        out = np.stack([self._get(k) for k in keys]) if keys else np.zeros((0, self.dim), np.float32)
        return out.astype(np.float32), len(missing)

    def flush(self) -> None:
        """Write the vectors embedded since the last flush as one small batch file."""
        if not self._unsaved:
            return
        part = self.path.with_name(f"{self.path.stem}.part-{os.getpid()}-{next(self._seq):06d}.npz")
        write_vectors(part, [(k, self._vectors[k]) for k in self._unsaved], self.dim)
        self._parts.append(part)
        self._unsaved = []

    def save(self, keep: set[str] | None = None) -> None:
        """Write the cache as one file (only ``keep`` keys when given, so removed clauses do not pile
        up) and remove the batch files it folds in. Vectors of the shipped file are not copied."""
        if not self._dirty and keep is None:
            return
        items = [(k, v) for k, v in self._vectors.items() if keep is None or k in keep]
        write_vectors(self.path, items, self.dim)
        for part in self._parts:
            part.unlink(missing_ok=True)
        self._parts, self._unsaved, self._dirty = [], [], False
