"""The corpus trash: nothing a user put in ``corpus/`` is ever deleted or overwritten; it goes here.

``corpus/.trash/<time>-<doc id>/`` holds one version of a document: its file and catalog card (or the
card alone, for a card edit) and ``removed.json`` (the doc id, title, why it is here and the file's
place in the corpus). A version arrives when a document is removed, replaced by a new upload, swapped
out by a restore, or when its card is edited. The indexer never reads hidden folders, so a version in
the trash is out of the knowledge base until it is restored to where it was.

This module only moves files and refuses to overwrite anything; which version may go where (and what
is set aside first) is decided by ``assistant.ingest.corpus.Corpus``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.catalog import catalog_path

TRASH_DIR = ".trash"
RECORD = "removed.json"

# Why a version is in the trash → how the CLI names it.
REMOVED = "removed"
REPLACED = "replaced"
SWAPPED = "swapped"
CARD_EDITED = "card-edited"
REASONS = {
    REMOVED: "移除的文档",
    REPLACED: "上传新版本前的旧版本",
    SWAPPED: "恢复旧版本时换下的版本",
    CARD_EDITED: "修改前的目录卡",
}


@dataclass(frozen=True)
class TrashItem:
    """One version in the trash: ``key`` names its trash folder (what ``restore`` takes)."""

    key: str
    doc_id: str
    title: str
    original: str  # the file's path relative to the corpus folder
    removed_at: str  # YYYY-MM-DD HH:MM:SS, local time
    reason: str = REMOVED  # records written before reasons existed were all removals
    card_only: bool = False  # the catalog card alone (a card edit); the file stayed in the corpus

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)


def trash_folder(corpus_dir: Path) -> Path:
    return corpus_dir / TRASH_DIR


def _new_folder(corpus_dir: Path, doc_id: str) -> Path:
    # milliseconds in the key: several versions of one document kept within a second still sort
    # newest first (a "-2" counter alone would sort "-10" before "-9")
    now = time.time()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f"-{int(now * 1000) % 1000:03d}"
    folder = trash_folder(corpus_dir) / f"{stamp}-{doc_id}"
    n = 1
    while folder.exists():
        n += 1
        folder = trash_folder(corpus_dir) / f"{stamp}-{doc_id}-{n}"
    folder.mkdir(parents=True)
    return folder


def _record(corpus_dir: Path, path: Path, doc_id: str, title: str, reason: str, card_only: bool) -> TrashItem:
    original = (path.parent.resolve() / path.name).relative_to(corpus_dir.resolve()).as_posix()
    folder = _new_folder(corpus_dir, doc_id)
    item = TrashItem(
        folder.name, doc_id, title, original, time.strftime("%Y-%m-%d %H:%M:%S"), reason, card_only
    )
    (folder / RECORD).write_text(json.dumps(asdict(item), ensure_ascii=False, indent=1), encoding="utf-8")
    return item


def move_to_trash(
    corpus_dir: Path, path: Path, doc_id: str, title: str, reason: str = REMOVED, card_only: bool = False
) -> TrashItem:
    """Move ``path`` (inside ``corpus_dir``) and its catalog card, whichever exist, into a new trash
    folder (``card_only``: the card alone; the file stays)."""
    item = _record(corpus_dir, path, doc_id, title, reason, card_only)
    folder = trash_folder(corpus_dir) / item.key
    card = catalog_path(path)
    if not card_only and (path.exists() or path.is_symlink()):
        shutil.move(str(path), folder / path.name)
    if card.exists():
        shutil.move(str(card), folder / card.name)
    return item


def copy_to_trash(
    corpus_dir: Path, path: Path, doc_id: str, title: str, reason: str, card_only: bool = False
) -> TrashItem:
    """Keep a copy of ``path`` and its catalog card (``card_only``: the card alone) in a new trash
    folder; the originals stay in place, for the caller to replace atomically."""
    item = _record(corpus_dir, path, doc_id, title, reason, card_only)
    folder = trash_folder(corpus_dir) / item.key
    card = catalog_path(path)
    if not card_only:
        shutil.copy2(path, folder / path.name)
    if card.exists():
        shutil.copy2(card, folder / card.name)
    return item


def trash_items(corpus_dir: Path) -> list[TrashItem]:
    """The versions in the trash, newest first."""
    folder = trash_folder(corpus_dir)
    known = {f.name for f in fields(TrashItem)}
    items = []
    for record in folder.glob(f"*/{RECORD}") if folder.is_dir() else []:
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            values = {k: v for k, v in data.items() if k in known}  # a newer record's extra fields
            items.append(TrashItem(**{**values, "key": record.parent.name}))
        except (OSError, ValueError, TypeError, AttributeError):
            continue  # a damaged record is left alone, not guessed at
    return sorted(items, key=lambda i: i.key, reverse=True)


def find_item(corpus_dir: Path, key_or_id: str) -> TrashItem:
    """The trash item named by its key, or the newest one of a doc id."""
    items = trash_items(corpus_dir)
    for item in items:
        if key_or_id in (item.key, item.doc_id):
            return item
    listed = "、".join(f"{i.key}（{i.title}）" for i in items[:5]) or "回收站是空的"
    raise IngestError(f"回收站中没有 {key_or_id!r}。可恢复的：{listed}")


def check_item(corpus_dir: Path, item: TrashItem) -> None:
    """Refuse (IngestError) an item whose kept file or card is missing from its trash folder."""
    folder = trash_folder(corpus_dir) / item.key
    name = Path(item.original).name
    needed = catalog_path(folder / name) if item.card_only else folder / name
    if not needed.exists():
        raise IngestError(f"回收站中的 {item.key} 缺少文件 {needed.name}，无法恢复")


def restore_item(corpus_dir: Path, item: TrashItem) -> Path:
    """Move the item's file (unless ``card_only``) and card back to where they were; returns the file.

    Never overwrites: refused, with nothing moved, when anything sits at either place (the caller sets
    the current version aside first)."""
    check_item(corpus_dir, item)
    folder = trash_folder(corpus_dir) / item.key
    target = corpus_dir / item.original
    source = folder / target.name
    card, card_target = catalog_path(source), catalog_path(target)
    if not item.card_only and (target.exists() or target.is_symlink()):
        raise IngestError(f"语料中已有同名文件 {item.original}；请先移走它再恢复")
    if card.exists() and card_target.exists():
        raise IngestError(f"语料中已有目录卡 {card_target.name}；请先移走它再恢复")
    target.parent.mkdir(parents=True, exist_ok=True)
    if not item.card_only:
        shutil.move(str(source), target)
        _touch(target)
    if card.exists():
        shutil.move(str(card), card_target)
        _touch(card_target)
    (folder / RECORD).unlink()
    try:
        folder.rmdir()
    except OSError:  # something else was put in the folder: it stays, nothing is deleted unseen
        pass
    return target


def _touch(path: Path) -> None:
    """Date a restored file now: a move keeps its old times, and the index takes a card no newer than
    the one it read (or a file of the same size and time) for unchanged, so it would keep the
    version just swapped out."""
    os.utime(path)
