"""The corpus folder as a service: add, update, remove documents and edit their catalog cards.

One place for every change to ``corpus/``, so the CLI (``index --add``) and the web app (uploads, the
catalog editor, removal) apply the same checks. Every file is checked by ``precheck`` BEFORE anything
is copied: a file that would fail every rebuild (too large, unknown type, empty) never enters the
corpus. Files are stored under generated safe names (no path traversal, no hidden files).

Nothing a user put here is deleted or overwritten: a removal, a new version, a card edit and a restore
over a current version all keep what they replace in the trash (``assistant.ingest.trash``).
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
from assistant.ingest.trash import (
    CARD_EDITED,
    REMOVED,
    REPLACED,
    SWAPPED,
    TrashItem,
    check_item,
    copy_to_trash,
    find_item,
    move_to_trash,
    restore_item,
    trash_items,
)
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
    kept: TrashItem | None = None  # an update: the previous version, now in the trash

    @property
    def ok(self) -> bool:
        return self.stored is not None


@dataclass(frozen=True)
class Restored:
    """A version put back from the trash, and the current version it took the place of (now in the
    trash, so restoring that key swaps them back)."""

    path: Path
    item: TrashItem
    replaced: TrashItem | None = None

    @property
    def name(self) -> str:
        return self.path.name


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
                write_card(stored, card, self.limits, self.folder)
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
            if _doc_id_of(path) == doc_id:
                resolved = path.resolve()
                if root not in resolved.parents:
                    break
                return resolved
        raise IngestError(f"没有文档 {doc_id!r}；请从列表中选择")

    def title_of(self, doc_id: str) -> str:
        """The title a removal names: the catalog card's, else the file name."""
        return _title_of(self.file_of(doc_id))

    def update_catalog(
        self, doc_id: str, changes: dict[str, str], current: CatalogEntry | None = None
    ) -> CatalogEntry:
        """Write ``changes`` into the document's catalog card; fields not changed keep their value.

        The card on disk is the base (``current``, e.g. the indexed entry, when there is no card yet).
        A card on disk that the edit changes is kept in the trash first (restorable like a version)."""
        path = self.file_of(doc_id)
        on_disk = read_catalog(path)
        base = on_disk or current or CatalogEntry(id=doc_id, title="")
        known = set(CatalogEntry.__dataclass_fields__)
        unknown = sorted(set(changes) - known)
        if unknown:
            raise IngestError(f"目录卡没有字段 {', '.join(unknown)}；可用：{', '.join(sorted(known))}")
        entry = replace(base, **{k: (v or "").strip() for k, v in changes.items()})
        if not entry.title:
            raise IngestError("标题不能为空")
        check_entry(entry, catalog_path(path).name)
        if on_disk is not None and entry != on_disk:
            copy_to_trash(self.folder, path, on_disk.id, on_disk.title, CARD_EDITED, card_only=True)
        write_catalog(path, entry)
        return entry

    def update(self, doc_id: str, path: Path, name: str | None = None) -> Added:
        """Replace the document's file with ``path`` (checked first); its catalog card stays.

        The previous version (file and card) is kept in the trash first; the new file then replaces the
        old one atomically, so the document is never missing from the corpus. The same bytes again are
        no new version: nothing is written or kept."""
        target = self.file_of(doc_id)
        shown = name or path.name
        try:
            if Path(shown).suffix.lower() != target.suffix.lower():
                raise IngestError(f"新文件的类型应与原文件相同（{target.suffix}）")
            precheck(path, self.limits, name)
            data = path.read_bytes()
            if data == target.read_bytes():
                return Added(shown, target)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            try:
                kept = copy_to_trash(self.folder, target, doc_id, _title_of(target), REPLACED)
                tmp.replace(target)
            finally:
                tmp.unlink(missing_ok=True)  # our own temporary copy, left only when a step failed
        except IngestError as exc:
            return Added(shown, None, str(exc))
        except OSError as exc:
            return Added(shown, None, f"无法保存新版本（原文件未改动）：{exc.strerror or exc}")
        return Added(shown, target, kept=kept)

    def remove(self, doc_id: str) -> TrashItem:
        """Move the document's file and its catalog card to the trash (nothing is deleted)."""
        path = self.file_of(doc_id)
        return move_to_trash(self.folder, path, doc_id, _title_of(path), REMOVED)

    def trash(self) -> list[TrashItem]:
        return trash_items(self.folder)

    def restore(self, key_or_id: str) -> Restored:
        """Put a version from the trash back where it was (its key, or the newest version of a doc id).

        When the same document (same place, same id) is in the corpus now, its current version is
        moved to the trash first: a restore swaps versions and never overwrites. Refused, with nothing
        moved, when another document sits at that place or uses that id, or when a kept card's
        document is gone."""
        item = find_item(self.folder, key_or_id)
        check_item(self.folder, item)
        target = self.folder / item.original
        holder = self._files_by_id().get(item.doc_id)
        if holder is not None and holder != target.resolve():
            where = holder.relative_to(self.folder.resolve()).as_posix()
            raise IngestError(
                f"文档 id {item.doc_id!r} 已被另一个文件 {where} 使用；请先修改那个文档的 id 或将它移除，再恢复"
            )
        present = target.exists() or target.is_symlink()
        if item.card_only and not present:
            raise IngestError(
                f"{item.key} 是《{item.title}》修改前的目录卡，但文档 {item.original} 已不在语料中；"
                "请先恢复文档本身"
            )
        if present and not item.card_only and (now := _doc_id_of(target)) != item.doc_id:
            raise IngestError(
                f"语料中的 {item.original} 现在是另一个文档（{now}）；"
                f"请先将它移入回收站（mine-assistant docs --remove {now}）再恢复"
            )
        replaced = None
        if item.card_only:
            if catalog_path(target).exists():
                replaced = move_to_trash(
                    self.folder, target, _doc_id_of(target), _title_of(target), SWAPPED, card_only=True
                )
        elif present or catalog_path(target).exists():  # a card left without its file goes aside too
            replaced = move_to_trash(
                self.folder, target, item.doc_id, _title_of(target), SWAPPED, card_only=not present
            )
        return Restored(restore_item(self.folder, item), item, replaced)

    def ids(self) -> set[str]:
        """The doc ids of the files now in the corpus."""
        return {_doc_id_of(path) for path in corpus_files(self.folder)}

    def _files_by_id(self) -> dict[str, Path]:
        return {_doc_id_of(path): path.resolve() for path in corpus_files(self.folder)}


def _doc_id_of(path: Path) -> str:
    """The doc id the index gives ``path``: its card's, else one made from the file name."""
    try:
        card = read_catalog(path)
    except IngestError:
        card = None
    return card.id if card else doc_id_from_name(path)


def _title_of(path: Path) -> str:
    try:
        card = read_catalog(path)
    except IngestError:  # a damaged card must not stop a removal: the file name names it
        card = None
    return card.title if card and card.title else path.stem


def _card_entry(fields: dict[str, str], title: str, doc_id: str) -> CatalogEntry:
    values = {k: v.strip() for k, v in fields.items() if k not in ("id", "title")}
    return CatalogEntry(**{**values, "id": fields.get("id") or doc_id, "title": title})


def check_card_fields(fields: dict[str, str]) -> None:
    """Check card fields given for a new file as a card is checked (IngestError names the bad field)."""
    unknown = sorted(set(fields) - set(CatalogEntry.__dataclass_fields__))
    if unknown:
        raise IngestError(f"目录卡没有字段 {', '.join(unknown)}")
    check_entry(_card_entry(fields, fields.get("title") or "（正文首行）", "doc"), "（新文件）")


def write_card(stored: Path, fields: dict[str, str], limits: IngestLimits, corpus_dir: Path) -> None:
    """Write the catalog card of a file just added; without a title the title is the text's own
    (its Markdown front matter, else its first line).

    The same bytes added again are stored once (``store_upload``), so the file may already have a
    card: one that the new fields change is kept in the trash of ``corpus_dir`` first."""
    from assistant.ingest.front_matter import split_front_matter
    from assistant.ingest.loaders import load_text

    title = (fields.get("title") or "").strip()
    if not title:
        front = split_front_matter(load_text(stored, limits))
        title = front.title or default_catalog(stored, front.body).title
    entry = _card_entry(fields, title, doc_id_from_name(stored))
    if catalog_path(stored).exists():
        try:
            old = read_catalog(stored)
        except IngestError:
            old = None  # a damaged card is kept all the same
        if old != entry:
            kept_id, kept_title = (old.id, old.title) if old else (doc_id_from_name(stored), stored.stem)
            copy_to_trash(corpus_dir, stored, kept_id, kept_title, CARD_EDITED, card_only=True)
    write_catalog(stored, entry)
