"""Inside an article: its 款 (paragraphs), 项 (「（一）」 items) and 目 (「1.」 sub-items), with offsets.

An article is one clause; these parts let later code cite 「第九十四条第二款」 or
「第一百零一条第（二）项」 and quote an item with the lead-in that says whom it concerns. Rules (as the
legislative drafting convention has them): the first 款 starts after 「第X条」; every further line is a
new 款 unless it is the next 项 of the list in progress (「（二）」 after 「（一）」) or the next 目 of
an item; a 项 belongs to the 款 whose text introduces it. In flattened text (no line breaks) a 项 is
found after 「：」「；」「。」 when the list numbering runs on from （一）.

The lead-in of a 项 is the text of its 款 before the first 项 (「生产经营单位有下列行为之一的，…：」);
the tail of an article is the 款 that follows its last 项, if any.
"""

from __future__ import annotations

import re

from assistant.numerals import cn_to_int
from assistant.schema import Clause, Part

_CN = "一二三四五六七八九十"
_ITEM = re.compile(f"[（(]([{_CN}]+)[）)]")
_SUBITEM = re.compile(r"(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[）)]")
_INLINE_ITEM_AFTER = re.compile(r"[：:；;。]")
ELLIPSIS = "……"


def article_parts(text: str, body_start: int, end: int) -> tuple[Part, ...]:
    """The 款/项/目 of the article whose body is ``text[body_start:end]`` (offsets into ``text``)."""
    found = lines(text, body_start, end)
    if not found:
        return ()
    paragraphs: list[list[int]] = []  # [start, end] per 款
    items: list[list[int]] = []  # [number, start, end, paragraph]
    subitems: list[list[int]] = []  # [number, start, end, paragraph, item]
    for start, stop in found:
        line = text[start:stop]
        m = _ITEM.match(line)
        if paragraphs and m and _next(items, m, len(paragraphs)):
            items.append([cn_to_int(m.group(1)) or 0, start, stop, len(paragraphs)])
            paragraphs[-1][1] = stop
            continue
        m = _SUBITEM.match(line)
        if items and items[-1][3] == len(paragraphs) and m and _next_sub(subitems, m, items[-1][0]):
            subitems.append([int(m.group(1) or m.group(2)), start, stop, len(paragraphs), items[-1][0]])
            items[-1][2] = stop
            paragraphs[-1][1] = stop
            continue
        paragraphs.append([start, stop])
        if not any(it[3] == len(paragraphs) for it in items):
            items += _inline_items(text, start, stop, len(paragraphs))
    parts = [Part("款", i, s, e, i) for i, (s, e) in enumerate(paragraphs, 1)]
    parts += [Part("项", n, s, e, p) for n, s, e, p in items]
    parts += [Part("目", n, s, e, p, it) for n, s, e, p, it in subitems]
    return tuple(sorted(parts, key=lambda p: (p.start, "款项目".index(p.kind))))


def lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]`` as trimmed [start, end) offsets."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        seg = m.group()
        lead = len(seg) - len(seg.lstrip(" \t\u3000"))
        body = seg.strip(" \t\u3000")
        if body:
            out.append((start + m.start() + lead, start + m.start() + lead + len(body)))
    return out


def _next(items: list[list[int]], m: re.Match[str], paragraph: int) -> bool:
    """The item continues the list of the current 款 (or starts one with （一）)."""
    n = cn_to_int(m.group(1)) or 0
    current = [it for it in items if it[3] == paragraph]
    return n == (current[-1][0] + 1 if current else 1)


def _next_sub(subitems: list[list[int]], m: re.Match[str], item: int) -> bool:
    n = int(m.group(1) or m.group(2))
    current = [s for s in subitems if s[4] == item]
    return n == (current[-1][0] + 1 if current else 1)


def _inline_items(text: str, start: int, stop: int, paragraph: int) -> list[list[int]]:
    """Items written inside one line (「…如下：（一）…；（二）…」): numbered from （一） without a gap,
    each after 「：」「；」「。」; at least two, or it is a passing mention."""
    found: list[tuple[int, int]] = []
    for m in _ITEM.finditer(text, start, stop):
        n = cn_to_int(m.group(1)) or 0
        if m.start() == start or not _INLINE_ITEM_AFTER.match(text, m.start() - 1):
            continue
        if n == (found[-1][0] + 1 if found else 1):
            found.append((n, m.start()))
    if len(found) < 2:
        return []
    bounds = [s for _, s in found] + [stop]
    return [[n, s, _rstrip(text, s, e), paragraph] for (n, s), e in zip(found, bounds[1:], strict=False)]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --- reading the parts -------------------------------------------------------------------------------


def items(parts: tuple[Part, ...]) -> list[Part]:
    return [p for p in parts if p.kind == "项"]


def paragraph(parts: tuple[Part, ...], number: int) -> Part | None:
    return next((p for p in parts if p.kind == "款" and p.number == number), None)


def lead_in_span(parts: tuple[Part, ...], item: Part) -> tuple[int, int] | None:
    """[start, end) of the lead-in of ``item``: its 款's text before the 款's first 项 (None if empty)."""
    kuan = paragraph(parts, item.paragraph)
    first = next((p for p in items(parts) if p.paragraph == item.paragraph), None)
    if kuan is None or first is None or first.start <= kuan.start:
        return None
    return kuan.start, first.start


def tail_span(parts: tuple[Part, ...]) -> tuple[int, int] | None:
    """[start, end) of the 款 that follows the article's last 项 (None when the article ends with one)."""
    its = items(parts)
    if not its:
        return None
    after = [p for p in parts if p.kind == "款" and p.start >= its[-1].end]
    return (after[0].start, after[0].end) if after else None


def locate(parts: tuple[Part, ...], start: int, end: int | None = None) -> str:
    """The 款/项 holding the text at [start, end): ``第二款``, ``第（二）项`` or ``第二款第（二）项`` (the
    款 is named only when the article has more than one); "" when the article has one 款 and no 项."""
    end = start + 1 if end is None else end
    kuan = next((p for p in parts if p.kind == "款" and p.start <= start and end <= p.end), None)
    item = next((p for p in items(parts) if p.start <= start and end <= p.end), None)
    several = sum(1 for p in parts if p.kind == "款") > 1
    out = kuan.label if kuan is not None and several else ""
    return out + (item.label if item is not None else "")


def item_quote(text: str, parts: tuple[Part, ...], item: Part, offset: int = 0) -> str:
    """The display form of a quoted 项: 「<lead-in>……<item>」 (just the item when it has no lead-in).

    ``text`` holds the article at document offset ``offset`` (the whole document text: offset 0).
    """
    body = text[item.start - offset : item.end - offset]
    span = lead_in_span(parts, item)
    if span is None:
        return body
    return f"{text[span[0] - offset : span[1] - offset].rstrip()}{ELLIPSIS}{body}"


def lead_in_text(pieces: list[Clause], item: Part, text: str, offset: int) -> str:
    """The lead-in of ``item``: from ``text`` (the article or one piece, at document offset ``offset``)
    when it holds it, else as stored on the piece that holds the 项 (a piece of a long article keeps it)."""
    span = lead_in_span(pieces[0].parts, item)
    if span is None:
        return ""
    if offset <= span[0] and span[1] <= offset + len(text):
        return text[span[0] - offset : span[1] - offset]
    holder = next((c for c in pieces if c.start <= item.start < c.end), None)
    return holder.lead_in if holder is not None else ""


def article_text(pieces: list[Clause]) -> tuple[str, int]:
    """An article rebuilt from its stored pieces, and the document offset it starts at.

    Pieces tile their article with only whitespace between them; the gaps are filled with line
    breaks, so every non-blank character sits at its document offset minus the returned offset.
    """
    pieces = sorted(pieces, key=lambda c: c.start)
    buf: list[str] = []
    pos = pieces[0].start
    for c in pieces:
        buf.append("\n" * max(0, c.start - pos))
        buf.append(c.text)
        pos = c.end
    return "".join(buf), pieces[0].start


def quote_item(pieces: list[Clause], item: int, paragraph: int | None = None) -> str:
    """The display form of 项 ``item`` (of 款 ``paragraph``, default: the first 款 with that 项) of the
    article whose stored pieces are ``pieces``; "" when the article has no such 项."""
    if not pieces:
        return ""
    parts = pieces[0].parts
    part = next(
        (p for p in items(parts) if p.number == item and (paragraph is None or p.paragraph == paragraph)),
        None,
    )
    if part is None:
        return ""
    text, offset = article_text(pieces)
    return item_quote(text, parts, part, offset)
