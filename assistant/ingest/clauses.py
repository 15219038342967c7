"""The clause parser: find the heading hierarchy of a Chinese official document.

Recognised headings, outermost first: 第X编 / 第X章 / 第X节 / 第X条 (and 第X条之一), 一、 / （一）(一) /
1. 1、 1． / （1）(1), full- and half-width alike; in statutes also the unnumbered 「附则」 between 编 and
「附件一」 after the last article. A candidate is accepted only where a heading can stand (at a line
start; in flattened text whose lines run for hundreds of characters also after a sentence end, and a
编/章/节/条 after a space) *and* its number continues its level (1 after nothing, n+1 after n, 之一
after its article; item numbers may run on across sections, as in the 九江 plan; an article inside a
flattened line must continue the numbering exactly). That is what keeps passing mentions out:
「第十条规定的……」 and 「依照本办法第5条」 are not headings, nor is a dotted cross-reference such as 5.2.3.

Inside an article, 款 and 项 are not clauses: the article is one clause, its parts are recorded by
``statutes``. The parser yields ``Span``s (a clause's heading path, title and character range);
``chunking`` turns them into size-capped ``Clause`` chunks. Text before the first heading is the
preamble, trailing contact/source/signature lines are the closing: both are kept, labelled as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.numerals import cn_to_int, int_to_cn

_CN = "一二三四五六七八九十百零〇"
_NUM = f"[{_CN}\\d]+"
# (type, rank, pattern) — rank orders the levels, outermost first.
_LEVELS: list[tuple[str, int, re.Pattern[str]]] = [
    ("bian", 0, re.compile(f"第({_NUM})编(?=[\\s\u3000]|$)")),
    ("chapter", 1, re.compile(f"第({_NUM})章(?=[\\s\u3000]|$)")),
    ("jie", 2, re.compile(f"第({_NUM})节(?=[\\s\u3000]|$)")),
    ("article", 3, re.compile(f"第({_NUM})条(?:之([{_CN}]+))?(?![规的、至和或及与第中所之前后款项（(])")),
    ("cn", 4, re.compile(f"([{_CN}]+)、")),
    ("cn_paren", 5, re.compile(f"[（(]([{_CN}]+)[）)]")),
    ("num", 6, re.compile(r"(\d{1,3})(?:[.．](?![\d.．])|、)")),
    ("num_paren", 7, re.compile(r"[（(](\d{1,3})[）)]")),
]
# Unnumbered statute headings that fill a whole line: 刑法's 「附则」 (at 编 level) and the annexes
# after the last article (「附件一」), which are clauses of their own like an article.
_WHOLE_LINE: list[tuple[str, int, re.Pattern[str]]] = [
    ("supplement", 0, re.compile(r"附\s*则")),
    ("annex", 3, re.compile(f"附件([{_CN}\\d]*)[：:]?")),  # 「附件：」 too (导弹……出口管制条例)
]
_RANK = {name: rank for name, rank, _ in _LEVELS + _WHOLE_LINE}
STRUCTURE = {"bian", "chapter", "jie", "supplement"}  # headings that group articles: 编/章/节
# Levels below an article are its 款/项 and stay inside the article's text.
_LEAF = {"article", "annex"}
_LEAF_RANK = _RANK["article"]
_LINE_ONLY = STRUCTURE | _LEAF
_ITEM_KINDS = {"cn", "cn_paren", "num", "num_paren"}
_SPACED_MARKER = re.compile(f"第{_NUM}(?:[编章节]|条(?:之[{_CN}]+)?)[ \u3000]")
_FLATTENED_LINE = 300  # a line this long is flattened text, where headings may follow a sentence end
_INLINE_AFTER = "。；：:;！？!?"
_SENTENCE_END = "。！？!?"
_TITLE_MAX = 40


@dataclass(frozen=True)
class Heading:
    kind: str
    number: int
    start: int  # offset of the marker
    marker_end: int
    inline: bool
    sub: int = 0  # 之一 → 1

    def label_part(self, marker: str) -> str:
        """The normalised marker used in labels: 二、 （三） 12. （1） 第十二条 第一百三十四条之一."""
        n = self.number
        if self.kind == "cn_paren":
            return f"（{marker.strip('（()）')}）"
        if self.kind == "num":
            return f"{n}."
        if self.kind == "num_paren":
            return f"（{n}）"
        return re.sub(r"\s+", "", marker).rstrip("：:")  # 「附件：」 is the annex 附件

    def follows(self, number: int, sub: int) -> bool:
        """True when this heading's number comes right after (number, sub): n+1, or 之(k+1) of n."""
        return (self.number == number + 1 and self.sub == 0) or (
            self.number == number and self.sub == sub + 1
        )


@dataclass
class Span:
    """A clause before chunking: [start, end) of the clean text, its heading path and title."""

    kind: str  # "clause" | "preamble" | "closing" | "paragraph" | "annex"
    label: str
    start: int
    end: int
    title: str = ""
    headings: list[str] = field(default_factory=list)
    level: str = ""  # the heading kind that opened the span: "article", "cn", …
    body_start: int = -1  # where the text after the heading's marker starts
    chapter: str = ""  # the 编/章/节 headings above it, joined: 「第二编 分则 第二章 危害公共安全罪」


def find_headings(text: str) -> list[Heading]:
    """All accepted headings of ``text`` in order (candidates filtered by position and sequence)."""
    candidates = sorted(_candidates(text), key=lambda h: (h.start, _RANK[h.kind]))
    accepted: list[Heading] = []
    stack: list[Heading] = []
    last_seen: dict[str, tuple[int, int]] = {}
    prev_start = -1
    for cand in candidates:
        if cand.start < prev_start:
            continue
        if any(h.kind in _LEAF for h in stack) and _RANK[cand.kind] > _LEAF_RANK:
            continue
        continues = cand.follows(*last_seen.get(cand.kind, (0, 0)))
        first = cand.number == 1 and cand.sub == 0
        if (
            cand.inline
            and cand.kind in _LINE_ONLY
            and not (continues or (first and _may_restart(cand, accepted)))
        ):
            continue  # inside flattened text a 编/章/节/条 must continue its numbering exactly
        kinds = [h.kind for h in stack]
        if cand.kind in kinds:
            pos = kinds.index(cand.kind)
            if not (cand.follows(stack[pos].number, stack[pos].sub) or _after_a_gap(cand, stack[pos], text)):
                continue
            del stack[pos:]
        else:
            if not (first or continues):
                continue
            if stack and _RANK[cand.kind] < _RANK[stack[-1].kind]:
                stack = [h for h in stack if _RANK[h.kind] < _RANK[cand.kind]]
        stack.append(cand)
        last_seen[cand.kind] = (cand.number, cand.sub)
        accepted.append(cand)
        prev_start = cand.marker_end
    return accepted


# How many article numbers a source may have lost between two articles and still be read on.
_GAP = 3


def _after_a_gap(cand: Heading, prev: Heading, text: str) -> bool:
    """An article heading after a gap in the numbering: 「第四十五条 」 at the start of its line, with the space
    official texts put after an article's number, a few numbers after the last article (a copy that lost
    第四十四条). Without this, every later article ran into the one before the gap and was cited by its
    number. A cross-reference never opens a line with 「第N条」 and a space."""
    return (
        cand.kind == "article"
        and prev.kind == "article"
        and not cand.inline
        and cand.sub == 0
        and prev.number + 1 < cand.number <= prev.number + 1 + _GAP
        and (cand.start == 0 or text[cand.start - 1] == "\n")
        and text[cand.marker_end : cand.marker_end + 1] in (" ", "\u3000")
    )


def _may_restart(cand: Heading, accepted: list[Heading]) -> bool:
    """In flattened text a level restarts at 1 only the first time, or (a 章 or 节) right after the
    heading of its parent (「第二编 分则 第一章 …」)."""
    if not any(h.kind == cand.kind for h in accepted):
        return True
    parent = accepted[-1] if accepted else None
    return (
        cand.kind in STRUCTURE
        and parent is not None
        and parent.kind in STRUCTURE
        and _RANK[parent.kind] < _RANK[cand.kind]
    )


def _candidates(text: str) -> list[Heading]:
    out: list[Heading] = []
    for line_start, line in _lines(text):
        whole = _whole_line_heading(line, line_start)
        if whole is not None:
            out.append(whole)
            continue
        flattened = len(line) >= _FLATTENED_LINE
        # (offset in line, inline, kinds allowed there); None = every kind
        positions: list[tuple[int, bool, set[str] | None]] = [(0, False, None)]
        if flattened:
            positions = [(0, True, _LINE_ONLY), (0, False, _ITEM_KINDS)]
            positions += [
                (m.end(), True, None) for m in re.finditer(f"[{_INLINE_AFTER}]", line) if m.end() < len(line)
            ]
            positions += [(m.end(), True, _LINE_ONLY) for m in re.finditer(r"[\s\u3000]+", line)]
            # official texts put a space after 第X条 (and 第X章), cross-references never do
            positions += [(m.start(), True, _LINE_ONLY) for m in _SPACED_MARKER.finditer(line)]
        for rel, inline, allowed in positions:
            if rel >= len(line):
                continue
            for kind, _, pattern in _LEVELS:
                if allowed is not None and kind not in allowed:
                    continue
                m = pattern.match(line, rel)
                if not m:
                    continue
                number = cn_to_int(m.group(1))
                if number is None or number <= 0:
                    continue
                sub = cn_to_int(m.group(2)) if kind == "article" and m.group(2) else 0
                if kind in STRUCTURE and not inline and len(line) > _TITLE_MAX:
                    continue
                out.append(Heading(kind, number, line_start + rel, line_start + m.end(), inline, sub or 0))
    return out


def _whole_line_heading(line: str, line_start: int) -> Heading | None:
    stripped = line.strip()
    for kind, _, pattern in _WHOLE_LINE:
        m = pattern.fullmatch(stripped)
        if m:
            number = cn_to_int(m.group(1)) if m.groups() and m.group(1) else 1
            lead = len(line) - len(line.lstrip())
            return Heading(kind, number or 1, line_start + lead, line_start + lead + len(stripped), False)
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def parse_spans(text: str) -> tuple[list[Span], list[str]]:
    """Split clean text into clause spans; returns the spans and notes for the ingest report."""
    headings = find_headings(text)
    body_end, closing = _closing_start(text)
    headings = [h for h in headings if h.start < body_end]
    if not headings:
        paragraphs = _paragraphs(text[:body_end])
        if closing is not None:
            paragraphs.append(Span("closing", "结尾", *closing))
        return paragraphs, [f"未识别到条款结构，已按 {len(paragraphs)} 个段落索引"]

    starts = _sentence_start_bigrams(text)
    spans: list[Span] = []
    if text[: headings[0].start].strip():
        spans.append(Span("preamble", "前言", 0, headings[0].start))
    path: list[tuple[Heading, str, str]] = []  # (heading, label part, display text)
    for i, h in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else body_end
        marker = text[h.start : h.marker_end]
        title, body_start = _title(text, h, end, starts)
        path = [p for p in path if _RANK[p[0].kind] < _RANK[h.kind]]
        parent_headings = [p[2] for p in path]
        chapter = " ".join(p[2] for p in path if p[0].kind in STRUCTURE)
        path.append((h, h.label_part(marker), (marker + title).strip()))
        has_body = bool(text[body_start:end].strip())
        next_is_child = i + 1 < len(headings) and _RANK[headings[i + 1].kind] > _RANK[h.kind]
        if h.kind in STRUCTURE and not has_body:
            continue  # a 编/章/节 heading is context of the articles below it, not a clause
        if has_body or not next_is_child:
            kind = "annex" if h.kind == "annex" else "clause"
            label = _label(path)
            spans.append(
                Span(kind, label, h.start, end, title.strip(), parent_headings, h.kind, h.marker_end, chapter)
            )
    if closing is not None:
        spans.append(Span("closing", "结尾", *closing))
    notes = []
    inline_articles = sum(1 for h in headings if h.inline and h.kind == "article")
    if inline_articles:
        notes.append(
            f"正文缺少换行：已在句末或空格后的“第X条”处切分出 {inline_articles} 条（条号须连续），"
            "款的分段无法识别"
        )
    articles = [h for h in headings if h.kind == "article"]
    for before, after in zip(articles, articles[1:], strict=False):
        if after.number > before.number + 1 and after.sub == 0:
            missing = "、".join(f"第{int_to_cn(n)}条" for n in range(before.number + 1, after.number))
            notes.append(
                f"条号不连续：第{int_to_cn(before.number)}条之后是第{int_to_cn(after.number)}条，原文缺{missing}，请核对原文"
            )
    return [_trimmed(s, text) for s in spans if text[s.start : s.end].strip()], notes


def _label(path: list[tuple[Heading, str, str]]) -> str:
    parts = [(h, part) for h, part, _ in path if h.kind not in STRUCTURE]
    for h, part in parts:
        if h.kind in _LEAF:
            return part
    return "".join(part for _, part in parts) or path[-1][1]


def _title(text: str, h: Heading, end: int, starts: set[str]) -> tuple[str, int]:
    """The heading's own title and where its body starts.

    A line-start heading's title is the rest of its line when that line is short and ends without
    running on (「一、工作目标」, 「（一）提升……能力。」), else its first sentence when short
    (「12.严格矿山安全准入。」 followed by the body). A heading inside flattened text has no punctuation
    between title and body (「一、充分认识硬措施出台的重大意义硬措施是在……」): the title ends where the
    text goes on with words that start sentences elsewhere in the document. A 编/章/节 heading in
    flattened text runs up to the next heading (its first article).
    """
    rest = text[h.marker_end : end]
    if h.inline:
        if h.kind in STRUCTURE and len(rest.strip()) <= _TITLE_MAX:
            return rest, end
        k = _run_on_split(rest, starts)
        return rest[:k], h.marker_end + k
    line = rest.split("\n", 1)[0]
    if len(line) <= _TITLE_MAX and ("\n" in rest or line == rest.strip()):
        return line, h.marker_end + len(line)
    m = re.search(f"[{_SENTENCE_END}]", line)
    if m and m.end() <= _TITLE_MAX and line[: m.end()].count("，") + line[: m.end()].count(",") == 0:
        return line[: m.end()], h.marker_end + m.end()
    return "", h.marker_end


def _run_on_split(rest: str, starts: set[str], lo: int = 5, hi: int = 24) -> int:
    for k in range(lo, min(hi, len(rest) - 2) + 1):
        if rest[k : k + 2] in starts and not re.search(r"[，,。；：:]", rest[:k]):
            return k
    return 0


def _sentence_start_bigrams(text: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"[。；！？!?]\s*([^\W\d_]{2})", text)}


_CLOSING_LINE = re.compile(
    r"^(联系人|联系电话|联系方式|电话[:：]|传真[:：]|邮箱[:：]|地址[:：]|来源[:：]|信息来源|稿源|责任编辑|抄送|附件[:：]|"
    r"[（(]此件.*[）)]$)"
)
_SIGNATURE = re.compile(r"^[^。；，,]{0,30}?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_TRAILING_SIGNATURE = re.compile(r"(?<=[。；])([^。；，,\n]{2,30}?\d{4}年\d{1,2}月\d{1,2}日)\s*$")


def _closing_start(text: str) -> tuple[int, tuple[int, int] | None]:
    """Where the body ends and the closing (contact, source, signature) span, if any."""
    lines = _lines(text.rstrip())
    end = len(text.rstrip())
    i = len(lines)
    while i > 0 and (
        not lines[i - 1][1].strip()
        or _CLOSING_LINE.match(lines[i - 1][1])
        or _SIGNATURE.match(lines[i - 1][1].strip())
    ):
        i -= 1
    body_end = lines[i][0] if i < len(lines) else end
    if i > 0:
        last_start, last_line = lines[i - 1]
        m = _TRAILING_SIGNATURE.search(last_line)
        if m and i == len(lines):
            body_end = last_start + m.start(1)
    if body_end >= end or body_end == 0:
        return end, None
    return body_end, (body_end, end)


def _paragraphs(text: str) -> list[Span]:
    spans, n = [], 0
    for start, line in _lines(text):
        if line.strip():
            n += 1
            spans.append(Span("paragraph", f"第{n}段", start, start + len(line)))
    return spans


def _trimmed(span: Span, text: str) -> Span:
    segment = text[span.start : span.end]
    span.start += len(segment) - len(segment.lstrip())
    span.end -= len(segment) - len(segment.rstrip())
    return span
