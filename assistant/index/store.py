"""The on-disk index: a self-describing folder, swapped in atomically.

``indexes/<name>`` is a symlink to ``indexes/<name>.<timestamp>/``, which holds::

    manifest.json     format, package version, embedding backend/model/dim, chunker and tokenizer
                      versions, one record per corpus file (sha256, size, mtime, doc id, status)
    clauses.jsonl     one Clause per line; line i is vector i and BM25 document i
    tokens.jsonl      the BM25 tokens of each clause (reused for unchanged files on re-index)
    documents.json    catalog card, path, hash, clean text and ingest notes of each document
    dense.faiss       FAISS IndexFlatIP over L2-normalised vectors (inner product = cosine)
    bm25/             bm25s index over jieba tokens

A build writes a new version folder and then replaces the symlink with ``os.replace`` (atomic), so a
reader sees the old index or the new one, never half of one, and a failed build leaves the old one.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from assistant import __version__
from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.schema import CatalogEntry, Clause, Document

FORMAT_VERSION = 1


@dataclass
class Manifest:
    embedding: dict[str, Any]
    chunker: str
    tokenizer: str
    files: dict[str, dict[str, Any]]
    n_clauses: int
    built_at: str = ""
    format: int = FORMAT_VERSION
    package_version: str = __version__
    stats: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def check_compatible(manifest: Manifest, backend: str, model_id: str, where: Path) -> None:
    """Refuse an index built with another embedding model or an older format, saying what to do."""
    if manifest.format != FORMAT_VERSION:
        raise IndexMismatchError(
            f"索引 {where} 的格式版本为 {manifest.format}，当前程序需要 {FORMAT_VERSION}。请运行：mine-assistant index --rebuild"
        )
    built = manifest.embedding
    if (built.get("backend"), built.get("model")) != (backend, model_id):
        raise IndexMismatchError(
            f"索引 {where} 由嵌入模型 {built.get('backend')}:{built.get('model')} 构建，"
            f"而当前配置为 {backend}:{model_id}；两者的向量不能混用。"
            "请运行 mine-assistant index --rebuild 用当前模型重建，或把配置改回原模型"
        )


class IndexStore:
    """A loaded index version. Heavy parts (FAISS, BM25) load on first use."""

    def __init__(self, folder: Path):
        self.folder = folder
        try:
            self.manifest = Manifest.from_json(
                json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            )
        except (OSError, ValueError, TypeError) as exc:
            raise IndexMissingError(f"{folder}（manifest.json 无法读取：{exc}）") from None

    @cached_property
    def clauses(self) -> list[Clause]:
        with (self.folder / "clauses.jsonl").open(encoding="utf-8") as f:
            return [Clause.from_dict(json.loads(line)) for line in f if line.strip()]

    @cached_property
    def documents(self) -> dict[str, Document]:
        data = json.loads((self.folder / "documents.json").read_text(encoding="utf-8"))
        return {
            d["catalog"]["id"]: Document(
                CatalogEntry(**d["catalog"]), d["path"], d["sha256"], d["text"], d["notes"]
            )
            for d in data
        }

    @cached_property
    def corpus_text(self) -> str:
        """Normalised text of every document (refusal looks words up in it); cached on the store, so
        it goes when the store goes (a re-index opens a new store)."""
        from assistant.text.normalize import normalize

        return normalize(" ".join(d.text for d in self.documents.values()))

    def tokens(self) -> list[list[str]]:
        with (self.folder / "tokens.jsonl").open(encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    @cached_property
    def faiss_index(self):
        import faiss

        return faiss.read_index(str(self.folder / "dense.faiss"))

    def vectors(self) -> np.ndarray:
        index = self.faiss_index
        return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)

    @cached_property
    def bm25(self):
        import bm25s

        return bm25s.BM25.load(str(self.folder / "bm25"), mmap=False, show_progress=False, verbosity=0)


def version_folder(index_path: Path) -> Path | None:
    """The version folder the index name points to, or None when there is no index."""
    if index_path.is_symlink() or index_path.is_dir():
        target = index_path.resolve()
        if (target / "manifest.json").exists():
            return target
    return None


def open_index(index_path: Path) -> IndexStore:
    folder = version_folder(index_path)
    if folder is None:
        raise IndexMissingError(str(index_path))
    return IndexStore(folder)


def new_build_folder(index_path: Path) -> Path:
    index_path.parent.mkdir(parents=True, exist_ok=True)
    folder = index_path.parent / f".{index_path.name}.building-{os.getpid()}-{time.time_ns()}"
    folder.mkdir()
    return folder


def publish(build_folder: Path, index_path: Path, keep_previous: int = 1) -> Path:
    """Move a finished build into place and atomically repoint ``index_path`` at it."""
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{time.time_ns() % 10**9:09d}"
    final = index_path.parent / f"{index_path.name}.{stamp}"
    build_folder.rename(final)
    if index_path.exists() and not index_path.is_symlink():  # a plain folder from elsewhere: keep it aside
        index_path.rename(index_path.parent / f"{index_path.name}.{stamp}-old")
    link_tmp = index_path.parent / f".{index_path.name}.link-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    link_tmp.symlink_to(final.name)
    os.replace(link_tmp, index_path)
    _prune(index_path, final, keep_previous)
    return final


def _prune(index_path: Path, current: Path, keep_previous: int) -> None:
    """Delete old versions, keeping ``keep_previous`` so readers mid-load are never pulled from under."""
    versions = sorted(
        p for p in index_path.parent.glob(f"{index_path.name}.*") if p.is_dir() and p != current
    )
    for old in versions[: max(0, len(versions) - keep_previous)]:
        shutil.rmtree(old, ignore_errors=True)
