"""Catalog cards: ``<document file>.toml`` beside each corpus file (title, issuer, number, date, kind).

A file without a card still indexes: its id comes from the file name and its title from the first
line of its text, and the ingest report says the card is missing.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tomli_w

from assistant.errors import IngestError
from assistant.schema import DOC_KINDS, CatalogEntry

CATALOG_SUFFIX = ".toml"


def catalog_path(doc_path: Path) -> Path:
    return doc_path.with_name(doc_path.name + CATALOG_SUFFIX)


def doc_id_from_name(path: Path) -> str:
    stem = re.sub(r"[^\w\-]+", "-", path.stem, flags=re.UNICODE).strip("-").lower()
    return stem or "doc"


def read_catalog(doc_path: Path) -> CatalogEntry | None:
    path = catalog_path(doc_path)
    if not path.exists():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"目录卡 {path.name} 格式错误：{exc}") from None
    kind = data.get("kind", "regulation")
    if kind not in DOC_KINDS:
        raise IngestError(f"目录卡 {path.name} 的 kind “{kind}” 无效；可选：{', '.join(DOC_KINDS)}")
    fields = {k: str(v) for k, v in data.items() if k in CatalogEntry.__dataclass_fields__}
    fields.setdefault("id", doc_id_from_name(doc_path))
    if not fields.get("title"):
        raise IngestError(f"目录卡 {path.name} 缺少 title")
    return CatalogEntry(**fields)


def write_catalog(doc_path: Path, entry: CatalogEntry) -> Path:
    path = catalog_path(doc_path)
    data = {k: v for k, v in entry.to_dict().items() if v}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    tmp.replace(path)
    return path


def default_catalog(doc_path: Path, text: str) -> CatalogEntry:
    first = next((line.strip() for line in text.splitlines() if line.strip()), doc_path.stem)
    title = first if len(first) <= 60 else doc_path.stem
    return CatalogEntry(id=doc_id_from_name(doc_path), title=title.strip("《》"), kind="regulation")
