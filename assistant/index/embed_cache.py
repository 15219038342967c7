"""Embeddings cached by the hash of the embedded text, per backend and model.

A rebuild embeds only texts it has not seen (the bundled model manages ~7.5 clauses/s on 2 cores, so
embedding less is the only way to re-index faster). The cache lives beside the index versions and is
written atomically.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    def __init__(self, folder: Path, backend: str, model_id: str, dim: int):
        slug = re.sub(r"[^\w.-]+", "_", f"{backend}-{model_id}")[-100:]
        self.path = folder / f"embeddings-{slug}.npz"
        self.dim = dim
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            data = np.load(self.path)
            if data["vectors"].shape[1:] == (dim,):
                self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        self._dirty = False

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, text: str) -> bool:
        return text_key(text) in self._vectors

    def embed(
        self,
        texts: list[str],
        embed_fn: Callable[[list[str]], np.ndarray],
        batch_size: int = 32,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[np.ndarray, int]:
        """Vectors for ``texts`` (cached ones reused); returns them and how many were embedded now."""
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        by_key = dict(zip(keys, texts, strict=True))
        for i in range(0, len(missing), batch_size):
            batch = missing[i : i + batch_size]
            vecs = embed_fn([by_key[k] for k in batch])
            self._vectors.update(zip(batch, np.asarray(vecs, dtype=np.float32), strict=True))
            self._dirty = True
            if progress:
                progress(len(batch))
        out = np.stack([self._vectors[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)
        return out.astype(np.float32), len(missing)

    def save(self, keep: set[str] | None = None) -> None:
        """Write the cache (only ``keep`` keys when given, so removed clauses do not pile up)."""
        if not self._dirty and keep is None:
            return
        items = [(k, v) for k, v in self._vectors.items() if keep is None or k in keep]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp.npz")
        keys = np.array([k for k, _ in items], dtype="U32")
        vecs = np.stack([v for _, v in items]) if items else np.zeros((0, self.dim), np.float32)
        np.savez(tmp, keys=keys, vectors=vecs)
        tmp.replace(self.path)
        self._dirty = False
