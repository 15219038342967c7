"""Deletion marks a consolidated statute text keeps: 「第二十二条 ……起诉。(2011年1月8日删除)」 after an article, or
「(二)超出核定的库存现金限额留存现金的。(2011年1月8日删除)」 after one 项. What a mark follows is no longer law: it is never
quoted as law, asked in a quiz or restated in a draft."""

from __future__ import annotations

import re

_MARK = re.compile(r"[(（](\d{4}年\d{1,2}月\d{1,2}日)删除[)）]\s*$")


def deleted_on(article: str) -> str:
    """The date an article was deleted, when every paragraph of it ends with the mark (``""`` otherwise: a mark
    after one 项 deletes that item, not the article)."""
    lines = [line for line in article.splitlines() if line.strip()]
    marks = [_MARK.search(line) for line in lines]
    last = marks[-1] if marks else None
    return last.group(1) if last is not None and all(marks) else ""


# What a deleted article's citation says after 已废止: 「本条已于2011年1月8日删除」.
_NOTE_HEAD, _NOTE_TAIL = "本条已于", "删除"


def deleted_note(date: str) -> str:
    """The status note of an article deleted on ``date`` (from :func:`deleted_on`)."""
    return f"{_NOTE_HEAD}{date}{_NOTE_TAIL}"


def is_deleted_note(note: str) -> bool:
    """Whether ``note`` is an article's own deletion note (:func:`deleted_note`), not its document's status note."""
    return note.startswith(_NOTE_HEAD) and note.endswith(_NOTE_TAIL)


def deleted_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets in ``text`` of the lines (paragraphs, 项) that end with the mark, in an article
    that stands: when every line has it the article itself is deleted (:func:`deleted_on`), 已废止 in its citation,
    and it is quoted as such."""
    if deleted_on(text):
        return []
    out = []
    start = 0
    for line in text.splitlines(keepends=True):
        if _MARK.search(line.rstrip("\n")):
            out.append((start, start + len(line)))
        start += len(line)
    return out


def in_deleted_line(start: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset ``start`` lies in one of ``spans`` (from :func:`deleted_lines` of the same text)."""
    return any(a <= start < b for a, b in spans)
