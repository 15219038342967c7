"""Turn raw (possibly scraped) text into the clean text that clauses point into.

Handles what scraped government documents carry: page furniture of document-sharing sites (uploader,
"下载 相关 举报", page thumbnails, copyright footers), page markers ``1、`` ``2、`` … that cut sentences
and even words in half, zero-width characters and stray whitespace. Nothing else is changed: width
and bracket style stay as in the source, so quotes are verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Lines that belong to the hosting web page, not to the document (matched on a stripped line).
_FURNITURE = [
    r"^上传人[:：].*(文档编号|上传时间)",
    r"^下载\s*相关\s*举报$",
    r".+\.(docx?|pdf|wps|txt)_第\d+页$",
    r"^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$",
    r"^亲[,，]该文档总共\d+页",
    r"^资源描述$",
    r"由会员分享.*(在线阅读|请在).*",
    r"^(展开阅读全文|相关资源|猜你喜欢|相关搜索|收藏|分享|打印本页|关闭窗口|返回顶部)$",
    r"^当前位置[:：]",
    r"^copyright\s*@",
    r"(ICP备|ICP证|公网安备)\S*号",
    r"^本站为文档C2C交易模式",
    r"^【?(字体|字号)[:：]?\s*[大中小]",
]
_FURNITURE_RE = [re.compile(p, re.I) for p in _FURNITURE]
# A first line that is just a file name ("xxx.docx") is the scraped page's title, not the document's.
_FILENAME_LINE = re.compile(r"^.{2,120}\.(docx?|pdf|wps|txt)$", re.I)
_PAGE_MARKER = re.compile(r"^(\d{1,3})、")
_TERMINAL = "。！？；：:;!?”」』）)"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


@dataclass
class CleanText:
    text: str
    notes: list[str] = field(default_factory=list)


def clean(raw: str) -> CleanText:
    notes: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    lines = [line.strip(" \t\u3000\u00a0") for line in text.split("\n")]

    kept = [line for line in lines if not _is_furniture(line)]
    first = next((i for i, line in enumerate(kept) if line), None)
    if first is not None and _FILENAME_LINE.match(kept[first]):
        kept[first] = ""
    dropped = sum(1 for line in lines if line) - sum(1 for line in kept if line)
    if dropped:
        notes.append(f"已去除网页附带内容 {dropped} 行")

    kept, joined = _rejoin_pages(kept)
    if joined:
        notes.append(f"已去除 {joined} 个页码标记并接合被分页截断的句子")

    body = "\n".join(line for line in kept if line)
    return CleanText(body, notes)


def _is_furniture(line: str) -> bool:
    return bool(line) and any(p.search(line) for p in _FURNITURE_RE)


def _rejoin_pages(lines: list[str]) -> tuple[list[str], int]:
    """Remove page markers ``1、`` ``2、`` … and glue each page to the previous one.

    Markers are told from real list items by three signs together: they count 1, 2, 3 … without a
    gap, the pages between them are long (page-sized, ≥ 150 characters on average), and most pages
    break off mid-sentence (the text before the marker does not end a sentence).
    """
    found = [(i, m) for i, line in enumerate(lines) if (m := _PAGE_MARKER.match(line))]
    idx = [i for i, _ in found]
    numbers = [int(m.group(1)) for _, m in found]
    if len(idx) < 2 or numbers != list(range(1, len(idx) + 1)):
        return lines, 0
    spans = [sum(len(line) for line in lines[a:b]) for a, b in zip(idx, idx[1:] + [len(lines)], strict=True)]
    if sum(spans) / len(spans) < 150:
        return lines, 0
    cut = 0
    for i in idx[1:]:
        prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j]), "")
        cut += bool(prev) and prev[-1] not in _TERMINAL
    if cut * 2 < len(idx) - 1:
        return lines, 0

    out: list[str] = []
    markers = set(idx)
    for i, line in enumerate(lines):
        if i in markers:
            line = _PAGE_MARKER.sub("", line, count=1)
            if out and i != idx[0]:
                # drop blank lines between the pages, then glue if the sentence was cut
                while out and not out[-1]:
                    out.pop()
                if out and out[-1][-1] not in _TERMINAL:
                    out[-1] += line
                    continue
        out.append(line)
    return out, len(idx)
