"""The labels that open a clause or a piece of one: 第十九条, 第二条之一, （三）, 4., 二、 (one pattern for
the reader of provisions, the sanction reader, drafts and quiz stems)."""

from __future__ import annotations

import re

ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇\d]+条(?:之[一二三四五六七八九十]+)?")
# Use with ``.match(text[, pos])``: anchored where matching starts.
LABEL = re.compile(
    r"\s*(?:"
    + ARTICLE.pattern
    + r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、)\s*"
)


def without_label(text: str) -> str:
    """``text`` without the label or item number it starts with (「第十二条 国务院……」 → 「国务院……」)."""
    m = LABEL.match(text)
    return text[m.end() :] if m else text
