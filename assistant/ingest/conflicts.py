"""Provisions superseded by a later, higher law for the same conduct, though their document is in force.

The 2007 事故报告条例 第三十八条 fines a principal 30 % of a year's income for a general accident; the
安全生产法 as amended in 2021 (第九十五条) fines 40 %. Both documents are 现行有效, so the document's status
cannot say which applies: ``assistant/data/provision_conflicts.txt`` lists such pairs, checked by hand.
A quiz never teaches a superseded figure, and an answer citing one says which provision prevails.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.datafiles import data_text
from assistant.text.labels import ARTICLE


@dataclass(frozen=True)
class Conflict:
    doc_id: str
    article: str
    prevailing_doc_id: str
    prevailing_article: str
    note: str


@lru_cache(maxsize=1)
def conflicts() -> dict[tuple[str, str], Conflict]:
    """(doc id, article) of each superseded provision → its conflict."""
    text = data_text("provision_conflicts.txt")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        old, new, note = (part.strip() for part in line.split("|", 2))
        doc_id, article = old.split()
        new_doc, new_article = new.split()
        out[(doc_id, article)] = Conflict(doc_id, article, new_doc, new_article, note)
    return out


def superseded(doc_id: str, label: str) -> Conflict | None:
    """The conflict that makes this article's figures outdated, if any (``label``: an article's label, or a
    label that starts with it)."""
    m = ARTICLE.search(label or "")
    return conflicts().get((doc_id, m.group())) if m else None
