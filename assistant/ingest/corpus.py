"""The corpus folder as a service: add, update, remove documents and edit their catalog cards.

One place for every change to ``corpus/``, so the CLI (``index --add``) and the web app (uploads, the
catalog editor, removal) apply the same checks. Every file is checked by ``precheck`` BEFORE anything
is copied: a file that would fail every rebuild (too large, unknown type, empty) never enters the
corpus. Files are stored under generated safe names (no path traversal, no hidden files).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.config import Config
from assistant.errors import IngestError
from assistant.ingest.catalog import (
    catalog_path,
    check_entry,
    default_catalog,
    doc_id_from_name,
    read_catalog,
    write_catalog,
)
from assistant.ingest.limits import IngestLimits
from assistant.ingest.limits import precheck as read_check
from assistant.ingest.loaders import supported_suffixes
from assistant.ingest.pipeline import corpus_files
from assistant.ingest.trash import TrashItem, find_item, move_to_trash, restore_item, trash_items
from assistant.schema import CatalogEntry

_SAFE = re.compile(r"[^\w\u4e00-\u9fff.\-（）()]+")


def limits_of(config: Config) -> IngestLimits:
    return IngestLimits.from_config(config)


def _unsupported(suffix: str) -> IngestError:
    return IngestError(f"不支持的文件类型 {suffix or '（无扩展名）'}；支持：{' '.join(supported_suffixes())}")


def precheck(path: Path, limits: IngestLimits, name: str | None = None) -> None:
    """Refuse ``path`` before it is copied into the corpus (IngestError with a one-line reason).

    ``name``: the file name the user gave (an upload's temp file may be named otherwise); its suffix
    decides the type. Cheap checks first (exists, type, empty, size on disk), then the file is read
    the way the index will read it (``limits.precheck``: inflated size, pages, characters, clauses),
    so a file accepted here will index."""
    suffix = Path(name or path.name).suffix.lower()
    if not path.is_file():
        raise IngestError("文件不存在")
    if suffix not in supported_suffixes():
        raise _unsupported(suffix)
    size = path.stat().st_size
    if size == 0:
        raise IngestError("文件为空")
    if size > limits.max_file_bytes:
        raise IngestError(
            f"文件过大（{size / 2**20:.1f} MB，上限 {limits.max_file_bytes / 2**20:g} MB）；"
            "请拆分文件或在 mine-assistant.toml 中调大 max_file_mb"
        )
    if path.suffix.lower() == suffix:
        read_check(path, limits)
        return
    with tempfile.TemporaryDirectory(prefix="mine-assistant-check-") as tmp:
        alias = Path(tmp) / f"upload{suffix}"  # the loaders choose by suffix: read it under the user's
        alias.symlink_to(path.resolve())
        read_check(alias, limits)


def safe_name(name: str) -> str:
    """``name`` as a plain file name that stays inside the corpus folder."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = _SAFE.sub("_", stem).strip("._") or "document"
    if not suffix or suffix not in supported_suffixes():
        raise _unsupported(suffix)
    return f"{stem[:80]}{suffix}"


def store_upload(corpus_dir: Path, name: str, data: bytes) -> Path:
    """Store bytes under a safe, unique file name inside ``corpus_dir`` (no path traversal).

    The same bytes under the same name are stored once; different bytes get ``name-2`` and so on."""
    corpus_dir.mkdir(parents=True, exist_ok=True)
    first = safe_name(name)
    stem, suffix = Path(first).stem, Path(first).suffix
    target = corpus_dir / first
    n = 1
    while target.exists():
        if target.read_bytes() == data:
            return target
        n += 1
        target = corpus_dir / f"{stem}-{n}{suffix}"
    tmp = corpus_dir / f".{target.name}.tmp"
    tmp.write_bytes(data)
    tmp.replace(target)
    return target


@dataclass(frozen=True)
class Added:
    """One file offered to the corpus: where it was stored, or why it was refused (nothing copied)."""

    source: str  # the name the user gave
    stored: Path | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.stored is not None


class Corpus:
    """The corpus folder of one configuration."""

    def __init__(self, config: Config):
        self.folder = config.corpus_dir
        self.limits = limits_of(config)

    def add(self, path: Path, name: str | None = None, card: dict[str, str] | None = None) -> Added:
        """Check, then copy ``path`` in under a safe name (``name``: the user's file name).

        ``card``: catalog-card fields the user set (title, level, status …; ``id`` for the doc id);
        they are checked with the file, before anything is copied, and written beside it."""
        shown = name or path.name
        try:
            precheck(path, self.limits, name)
            if card:
                check_card_fields(card)
            stored = store_upload(self.folder, shown, path.read_bytes())
            if card:
                write_card(stored, card, self.limits)
            return Added(shown, stored)
        except IngestError as exc:
            return Added(shown, None, str(exc))
        except OSError as exc:
            return Added(shown, None, f"无法读取文件：{exc.strerror or exc}")

    def add_many(self, files: list[tuple[Path, str | None]]) -> list[Added]:
        return [self.add(path, name) for path, name in files]

    def file_of(self, doc_id: str) -> Path:
        """The corpus file whose catalog card (or file name, without a card) gives ``doc_id``."""
        root = self.folder.resolve()
        for path in corpus_files(self.folder):
            try:
                card = read_catalog(path)
            except IngestError:
                card = None
            if (card.id if card else doc_id_from_name(path)) == doc_id:
                resolved = path.resolve()
                if root not in resolved.parents:
                    break
                return resolved
        raise IngestError(f"没有文档 {doc_id!r}；请从列表中选择")

    def update_catalog(
        self, doc_id: str, changes: dict[str, str], current: CatalogEntry | None = None
    ) -> CatalogEntry:
        """Write ``changes`` into the document's catalog card; fields not changed keep their value.

        The card on disk is the base (``current``, e.g. the indexed entry, when there is no card yet)."""
        path = self.file_of(doc_id)
        base = read_catalog(path) or current or CatalogEntry(id=doc_id, title="")
        known = set(CatalogEntry.__dataclass_fields__)
        unknown = sorted(set(changes) - known)
        if unknown:
            raise IngestError(f"目录卡没有字段 {', '.join(unknown)}；可用：{', '.join(sorted(known))}")
        entry = replace(base, **{k: (v or "").strip() for k, v in changes.items()})
        if not entry.title:
            raise IngestError("标题不能为空")
        check_entry(entry, catalog_path(path).name)
        write_catalog(path, entry)
        return entry

    def update(self, doc_id: str, path: Path, name: str | None = None) -> Added:
        """Replace the document's file with ``path`` (checked first); its catalog card stays."""
        target = self.file_of(doc_id)
        try:
            if Path(name or path.name).suffix.lower() != target.suffix.lower():
                raise IngestError(f"新文件的类型应与原文件相同（{target.suffix}）")
            precheck(path, self.limits, name)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(path.read_bytes())
            tmp.replace(target)
        except IngestError as exc:
            return Added(name or path.name, None, str(exc))
        return Added(name or path.name, target)

    def remove(self, doc_id: str) -> TrashItem:
        """Move the document's file and its catalog card to the trash (nothing is deleted)."""
        path = self.file_of(doc_id)
        card = read_catalog(path)
        return move_to_trash(self.folder, path, doc_id, card.title if card else path.stem)

    def trash(self) -> list[TrashItem]:
        return trash_items(self.folder)

    def restore(self, key_or_id: str) -> Path:
        """Put a removed document back where it was (its key, or the newest removal of a doc id)."""
        item = find_item(self.folder, key_or_id)
        return restore_item(self.folder, item, self.ids())

    def ids(self) -> set[str]:
        """The doc ids of the files now in the corpus."""
        out = set()
        for path in corpus_files(self.folder):
            try:
                card = read_catalog(path)
            except IngestError:
                card = None
            out.add(card.id if card else doc_id_from_name(path))
        return out


def _card_entry(fields: dict[str, str], title: str, doc_id: str) -> CatalogEntry:
    values = {k: v.strip() for k, v in fields.items() if k not in ("id", "title")}
    return CatalogEntry(**{**values, "id": fields.get("id") or doc_id, "title": title})


def check_card_fields(fields: dict[str, str]) -> None:
    """Check card fields given for a new file as a card is checked (IngestError names the bad field)."""
    unknown = sorted(set(fields) - set(CatalogEntry.__dataclass_fields__))
    if unknown:
        raise IngestError(f"目录卡没有字段 {', '.join(unknown)}")
    check_entry(_card_entry(fields, fields.get("title") or "（正文首行）", "doc"), "（新文件）")


def write_card(stored: Path, fields: dict[str, str], limits: IngestLimits) -> None:
    """Write the catalog card of a file just added; without a title the title is the text's own
    (its Markdown front matter, else its first line)."""
    from assistant.ingest.front_matter import split_front_matter
    from assistant.ingest.loaders import load_text

    title = (fields.get("title") or "").strip()
    if not title:
        front = split_front_matter(load_text(stored, limits))
        title = front.title or default_catalog(stored, front.body).title
    write_catalog(stored, _card_entry(fields, title, doc_id_from_name(stored)))
