"""Ingest one file end to end: load → front matter → clean → parse clauses → chunk. Errors become
report lines."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest import catalog as catalogs
from assistant.ingest.chunking import chunk_spans
from assistant.ingest.clauses import parse_spans
from assistant.ingest.cleaning import clean
from assistant.ingest.front_matter import check_card, split_front_matter
from assistant.ingest.limits import IngestLimits, as_limits, check_clauses
from assistant.ingest.loaders import load_text, supported_suffixes
from assistant.schema import Clause, Document
from assistant.text.injection import instruction_like


@dataclass
class FileResult:
    """What ingesting one file gave: a document and its clauses, or the reason it failed."""

    path: str
    document: Document | None = None
    clauses: list[Clause] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.document is not None and bool(self.clauses)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    cat = catalogs.catalog_path(path)
    if cat.exists():
        h.update(cat.read_bytes())
    return h.hexdigest()


def is_corpus_file(path: Path) -> bool:
    """Documents are every file except catalog cards and hidden/temporary files."""
    return (
        path.is_file()
        and not path.name.startswith((".", "~$"))
        and not path.name.endswith((catalogs.CATALOG_SUFFIX, ".tmp", ".md~"))
        and path.name.lower() != "readme.md"
    )


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The documents under ``corpus_dir``. A symlink counts only when it points inside the folder
    (see ``links_outside``: a link to /etc/passwd must not become searchable)."""
    root = corpus_dir.resolve()
    return sorted(
        p
        for p in corpus_dir.rglob("*")
        if is_corpus_file(p) and _inside(p, root) and not _in_hidden_folder(p, corpus_dir)
    )


def _in_hidden_folder(path: Path, corpus_dir: Path) -> bool:
    """Under a hidden folder such as ``.trash`` (removed documents) or ``.git``."""
    return any(part.startswith(".") for part in path.relative_to(corpus_dir).parts[:-1])


def links_outside(corpus_dir: Path) -> list[Path]:
    """Symlinks under ``corpus_dir`` (to files or folders) that point outside it: refused, with a reason."""
    root = corpus_dir.resolve()
    return sorted(
        p
        for p in corpus_dir.rglob("*")
        if p.is_symlink() and not p.name.startswith((".", "~$")) and not _inside(p, root)
    )


def _inside(path: Path, root: Path) -> bool:
    return not path.is_symlink() or path.resolve().is_relative_to(root)


def ingest_file(path: Path, limits: IngestLimits | int, sha256: str | None = None) -> FileResult:
    """``limits``: the IngestLimits (an int is a maximum file size in bytes, the other limits default)."""
    limits = as_limits(limits)
    result = FileResult(str(path))
    try:
        front = split_front_matter(load_text(path, limits))
        cleaned = clean(front.body)
        if not cleaned.text.strip():
            raise IngestError("清理网页附带内容后没有正文")
        entry = catalogs.read_catalog(path)
        notes = list(cleaned.notes)
        if entry is None:
            entry = catalogs.default_catalog(path, front.title or cleaned.text)
            notes.append(f"没有目录卡 {catalogs.catalog_path(path).name}，标题取自正文首行")
        else:
            notes += check_card(front, entry)
        spans, parse_notes = parse_spans(cleaned.text)
        notes += parse_notes
        sha = sha256 or file_sha256(path)
        result.clauses = chunk_spans(cleaned.text, spans, entry)
        notes += instruction_notes(result.clauses)
        document = Document(entry, str(path), sha, cleaned.text, notes, front.meta())
        result.document = document
        check_clauses(len(result.clauses), limits)
        if not result.clauses:
            raise IngestError("没有可索引的内容")
    except IngestError as exc:
        result.error = str(exc)
        result.document, result.clauses = None, []
    except (OSError, UnicodeError) as exc:
        result.error = f"无法读取文件（{exc.__class__.__name__}: {exc}）"
    return result


def instruction_notes(clauses: list[Clause]) -> list[str]:
    """One note per clause whose text reads as an instruction to the assistant (``text.injection``)."""
    notes: list[str] = []
    seen: set[str] = set()
    for c in clauses:
        phrase = instruction_like(c.text)
        if phrase and c.label not in seen:
            seen.add(c.label)
            notes.append(
                f"{c.label} 含有类似对助手下达指令的文字「{phrase}」：已标记，引用时会提示，不作为结论"
            )
    return notes


__all__ = ["FileResult", "corpus_files", "file_sha256", "ingest_file", "links_outside", "supported_suffixes"]
