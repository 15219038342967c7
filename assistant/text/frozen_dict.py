"""jieba's word-frequency dictionary as two memory-mappable arrays, for fast query start-up.

jieba unmarshals a ~500k-entry dict on first use (0.6–0.9 s on our 2-core machines), more than the
whole ``search`` budget. Query tokenising needs only a few hundred look-ups, so at query time the same
FREQ data is served from a sorted array of 64-bit word hashes (loaded in milliseconds); the
segmentation is identical because jieba's algorithm only calls ``in``, ``[]`` and ``get`` on FREQ.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np


def _h(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


class FrozenFreq:
    """A read-mostly mapping word → frequency; writes (user-dictionary words) go to an overlay dict."""

    def __init__(self, keys: np.ndarray, freqs: np.ndarray):
        self._keys = keys
        self._freqs = freqs
        self._overlay: dict[str, int] = {}

    def _find(self, word: str) -> int:
        h = np.uint64(_h(word))
        i = int(np.searchsorted(self._keys, h))
        return i if i < len(self._keys) and self._keys[i] == h else -1

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self._overlay or self._find(word) >= 0)

    def __getitem__(self, word: str) -> int:
        if word in self._overlay:
            return self._overlay[word]
        i = self._find(word)
        if i < 0:
            raise KeyError(word)
        return int(self._freqs[i])

    def get(self, word: str, default: Any = None) -> Any:
        try:
            return self[word]
        except KeyError:
            return default

    def __setitem__(self, word: str, freq: int) -> None:
        self._overlay[word] = freq


def save_frozen(freq: dict[str, int], total: int, path: Path) -> None:
    keys = np.fromiter((_h(w) for w in freq), dtype=np.uint64, count=len(freq))
    values = np.fromiter(freq.values(), dtype=np.int64, count=len(freq))
    order = np.argsort(keys)
    import os

    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npz")  # concurrent first runs must not collide
    np.savez(tmp, keys=keys[order], freqs=values[order], total=np.array([total], dtype=np.int64))
    tmp.replace(path)


def load_frozen(path: Path) -> tuple[FrozenFreq, int]:
    data = np.load(path)
    return FrozenFreq(data["keys"], data["freqs"]), int(data["total"][0])
