"""A statute's front matter: its title line and revision history, which are metadata, not text to search.

The official Markdown texts start with ``# 中华人民共和国安全生产法``, one line per adoption or
amendment (「2021年6月10日 第十三届…第三次修正」) and ``<!-- INFO END -->``. Everything above that
marker goes to ``Document.meta`` and is used to check the catalog card; the body below it is what
clauses point into. A text without the marker keeps all of its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.schema import CatalogEntry

INFO_END = "<!-- INFO END -->"
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_REVISED = re.compile(r"修正|修订|修改")


@dataclass
class FrontMatter:
    title: str = ""
    history: list[str] = field(default_factory=list)
    body: str = ""

    def meta(self) -> dict[str, Any]:
        return {"title": self.title, "history": self.history} if self.title or self.history else {}

    def last_revised(self) -> str:
        """The latest date of a history line that amends the text (YYYY-MM-DD), or ""."""
        dates = [_iso(line) for line in self.history if _REVISED.search(line)]
        return max((d for d in dates if d), default="")


def split_front_matter(raw: str) -> FrontMatter:
    """Cut ``raw`` at ``<!-- INFO END -->``: title line and history above, body below."""
    head, marker, body = raw.partition(INFO_END)
    if not marker:
        return FrontMatter(body=raw)
    lines = [line.strip(" \t\u3000#") for line in head.splitlines()]
    lines = [line for line in lines if line]
    title = lines[0] if lines else ""
    return FrontMatter(title=title, history=lines[1:], body=body)


def check_card(front: FrontMatter, entry: CatalogEntry) -> list[str]:
    """Ingest-report notes where the card disagrees with the text's own title or history."""
    notes = []
    if front.title and _bare(front.title) != _bare(entry.title):
        notes.append(f"目录卡标题《{entry.title}》与正文标题《{front.title}》不一致")
    last = front.last_revised()
    if last and last > entry.last_revised:
        card = entry.last_revised or "（空）"
        notes.append(f"正文沿革的最后修改日期 {last} 晚于目录卡的 last_revised {card}")
    return notes


def _bare(title: str) -> str:
    return re.sub(r"\s+", "", title).strip("《》")


def _iso(line: str) -> str:
    m = _DATE.search(line)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""
