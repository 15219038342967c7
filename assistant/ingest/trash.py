"""The corpus trash: a removed document is moved, never deleted, and can be restored.

``corpus/.trash/<time>-<doc id>/`` holds the document file, its catalog card and ``removed.json``
(the doc id, title and the file's place in the corpus). The indexer never reads hidden folders, so a
document in the trash is out of the knowledge base until it is restored to where it was.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.catalog import catalog_path

TRASH_DIR = ".trash"
RECORD = "removed.json"


@dataclass(frozen=True)
class TrashItem:
    """One removed document: ``key`` names its trash folder (what ``restore`` takes)."""

    key: str
    doc_id: str
    title: str
    original: str  # the file's path relative to the corpus folder
    removed_at: str  # YYYY-MM-DD HH:MM:SS, local time


def trash_folder(corpus_dir: Path) -> Path:
    return corpus_dir / TRASH_DIR


def move_to_trash(corpus_dir: Path, path: Path, doc_id: str, title: str) -> TrashItem:
    """Move ``path`` (inside ``corpus_dir``) and its catalog card into a new trash folder."""
    root = corpus_dir.resolve()
    original = path.resolve().relative_to(root).as_posix()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = trash_folder(corpus_dir) / f"{stamp}-{doc_id}"
    n = 1
    while folder.exists():
        n += 1
        folder = trash_folder(corpus_dir) / f"{stamp}-{doc_id}-{n}"
    folder.mkdir(parents=True)
    item = TrashItem(folder.name, doc_id, title, original, time.strftime("%Y-%m-%d %H:%M:%S"))
    (folder / RECORD).write_text(json.dumps(asdict(item), ensure_ascii=False, indent=1), encoding="utf-8")
    card = catalog_path(path)
    shutil.move(str(path), folder / path.name)
    if card.exists():
        shutil.move(str(card), folder / card.name)
    return item


def trash_items(corpus_dir: Path) -> list[TrashItem]:
    """The removed documents, newest first."""
    folder = trash_folder(corpus_dir)
    items = []
    for record in folder.glob(f"*/{RECORD}") if folder.is_dir() else []:
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            items.append(TrashItem(**{**data, "key": record.parent.name}))
        except (OSError, ValueError, TypeError):
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


def restore_item(corpus_dir: Path, item: TrashItem, ids_in_use: set[str]) -> Path:
    """Move the item's file and card back to where they were; returns the restored file.

    Refused, with nothing moved, when a file now sits at that place or another document has taken its id."""
    folder = trash_folder(corpus_dir) / item.key
    target = corpus_dir / item.original
    source = folder / Path(item.original).name
    if not source.exists():
        raise IngestError(f"回收站中的 {item.key} 缺少文件 {source.name}，无法恢复")
    if target.exists():
        raise IngestError(f"语料中已有同名文件 {item.original}；请先移走它再恢复")
    if item.doc_id in ids_in_use:
        raise IngestError(f"文档 id {item.doc_id!r} 已被另一个文档使用；请先修改那个文档的 id 再恢复")
    target.parent.mkdir(parents=True, exist_ok=True)
    card = catalog_path(source)
    shutil.move(str(source), target)
    if card.exists():
        shutil.move(str(card), catalog_path(target))
    shutil.rmtree(folder)
    return target
