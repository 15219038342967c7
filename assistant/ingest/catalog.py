"""Catalog cards: ``<document file>.toml`` beside each corpus file (title, level, validity, dates …).

A file without a card still indexes: its id comes from the file name and its title from the first
line of its text, and the ingest report says the card is missing. A card is checked field by field
(type and value); a bad card fails its own file only, with one line naming the card and the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from assistant.errors import IngestError
from assistant.schema import DOC_KINDS, LEVELS, STATUSES, CatalogEntry

CATALOG_SUFFIX = ".toml"
FIELDS = tuple(CatalogEntry.__dataclass_fields__)
DATE_FIELDS = ("date_issued", "date_effective", "last_revised")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TYPE_NAMES = {list: "列表", dict: "表", int: "数字", float: "数字", bool: "布尔值", dt.datetime: "日期时间"}


def catalog_path(doc_path: Path) -> Path:
    return doc_path.with_name(doc_path.name + CATALOG_SUFFIX)


def doc_id_from_name(path: Path) -> str:
    """A valid id (``[a-z0-9-]``) from a file name: ``Gas_Rules.txt`` → ``gas-rules``; a name with
    Chinese characters keeps its ASCII part and gets a short hash of the name, so that 新规定.pdf and
    旧规定.pdf stay apart (``doc-3f2a9c1e``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if slug and slug.isascii() and path.stem.isascii():
        return slug
    digest = hashlib.sha1(path.stem.encode("utf-8")).hexdigest()[:8]
    return f"{slug or 'doc'}-{digest}"


def read_catalog(doc_path: Path) -> CatalogEntry | None:
    path = catalog_path(doc_path)
    if not path.exists():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"目录卡 {path.name} 格式错误：{exc}") from None
    data.setdefault("id", doc_id_from_name(doc_path))
    return validate_card(data, path.name)


def validate_card(data: dict[str, Any], card: str) -> CatalogEntry:
    """A ``CatalogEntry`` from a card's fields, or IngestError naming ``card`` and the bad field.

    Every field is text (TOML dates are taken as ``YYYY-MM-DD``); unknown fields are refused (a
    misspelt ``status`` must not leave a repealed text looking current).
    """
    unknown = sorted(k for k in data if k not in FIELDS)
    if unknown:
        raise IngestError(f"目录卡 {card} 有未知字段 {'、'.join(unknown)}；可用字段：{'、'.join(FIELDS)}")
    fields: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and key in DATE_FIELDS:
            value = value.isoformat()
        if not isinstance(value, str):
            kind = _TYPE_NAMES.get(type(value), type(value).__name__)
            raise IngestError(f"目录卡 {card} 的 {key} 应为一段文字（加引号的字符串），现为{kind}")
        fields[key] = value.strip()
    return check_entry(CatalogEntry(**fields), card)


def check_entry(entry: CatalogEntry, card: str) -> CatalogEntry:
    """Check the values of a card (also of one built from CLI or web input); returns it unchanged."""

    def bad(field: str, why: str) -> IngestError:
        return IngestError(f"目录卡 {card} 的 {field} {why}")

    if not entry.id:
        raise bad("id", "不能为空；请填写只含小写字母、数字和连字符的文档 id，如 work-safety-law")
    if not _ID.fullmatch(entry.id):
        raise bad("id", f"“{entry.id}” 只能含小写字母 a-z、数字和连字符（如 work-safety-law）")
    if not entry.title:
        raise bad("title", "不能为空；请填写文件的正式全称")
    if entry.kind not in DOC_KINDS:
        raise bad("kind", f"“{entry.kind}” 无效；可选：{', '.join(DOC_KINDS)}")
    if entry.level not in LEVELS:
        raise bad("level", f"“{entry.level}” 无效；可选：{'、'.join(LEVELS)}")
    if entry.status not in STATUSES:
        raise bad("status", f"“{entry.status}” 无效；可选：{'、'.join(STATUSES)}")
    for field in DATE_FIELDS:
        value = getattr(entry, field)
        if value and not _valid_date(value):
            raise bad(field, f"“{value}” 不是有效日期；请写成 YYYY-MM-DD（如 2021-09-01），或留空")
    if entry.status == "已废止" and not entry.repealed_by:
        raise bad(
            "repealed_by",
            "不能为空：状态为已废止时须写明废止它的条文，如 “coal-mine-safety-regulation 第七十六条”",
        )
    return entry


def _valid_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def status_note(entry: CatalogEntry, titles: Mapping[str, str] | None = None) -> str:
    """What a citation says after the status: 「由《煤矿安全生产条例》第七十六条废止」.

    ``titles`` maps doc ids to titles, so ``coal-mine-safety-regulation 第七十六条`` reads as the
    document's title; an id not in it (or free text) is shown as written.
    """

    def name(ref: str) -> str:
        doc, _, rest = ref.strip().partition(" ")
        title = (titles or {}).get(doc)
        return f"《{title}》{rest.strip()}" if title else ref.strip()

    if entry.status == "已废止" and entry.repealed_by:
        note = f"由{name(entry.repealed_by)}废止"
        successor = entry.superseded_by.partition(" ")[0]
        if successor and successor != entry.repealed_by.partition(" ")[0]:
            note += f"，现行规定见{name(entry.superseded_by)}"
        return note
    if entry.superseded_by:
        return f"已由{name(entry.superseded_by)}{'修改' if entry.status == '已修改' else '取代'}"
    return ""


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
