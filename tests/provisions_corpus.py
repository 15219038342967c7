"""A small splitter of the law files in ``corpus/`` into the plain values ``analyse`` takes.

Only for the provisions tests and benchmark: the product's clause parser is ``assistant.ingest.clauses``
(with 款/项 offsets and resolved references from the statutes work). This one reads the Markdown the
laws come in: ``## 第X章`` headings, articles opening a paragraph with 「第X条 」, 项 as 「（一）」/「(一)」
paragraphs, and cross-references 「本法第X条」「《X》第Y条」 resolved to doc ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.ingest.links import Link
from assistant.ingest.provisions import Provision, Ref, analyse

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# doc id → (file, level, titles the law is cited by)
LAWS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "work-safety-law": ("安全生产法(2021-06-10).md", "法律", ("中华人民共和国安全生产法", "安全生产法")),
    "mine-safety-law": ("矿山安全法(2009-08-27).md", "法律", ("中华人民共和国矿山安全法", "矿山安全法")),
    "mine-safety-law-rules": (
        "矿山安全法实施条例(1996-10-30).md",
        "行政法规",
        ("中华人民共和国矿山安全法实施条例", "矿山安全法实施条例"),
    ),
    "coal-mine-safety-regulation": ("煤矿安全生产条例(2024-01-24).md", "行政法规", ("煤矿安全生产条例",)),
    "accident-reporting-regulation": (
        "生产安全事故报告和调查处理条例(2007-04-09).md",
        "行政法规",
        ("生产安全事故报告和调查处理条例",),
    ),
    "safety-permit-regulation": ("安全生产许可证条例(2014-07-29).md", "行政法规", ("安全生产许可证条例",)),
    "emergency-response-regulation": (
        "生产安全事故应急条例(2019-02-17).md",
        "行政法规",
        ("生产安全事故应急条例",),
    ),
    "civil-explosives-regulation": (
        "民用爆炸物品安全管理条例(2014-07-29).md",
        "行政法规",
        ("民用爆炸物品安全管理条例",),
    ),
    "occupational-disease-law": (
        "职业病防治法(2018-12-29).md",
        "法律",
        ("中华人民共和国职业病防治法", "职业病防治法"),
    ),
    "criminal-law": ("刑法.md", "法律", ("中华人民共和国刑法", "刑法")),
    "coal-mine-supervision-regulation": (
        "煤矿安全监察条例(2013-07-18).md",
        "行政法规",
        ("煤矿安全监察条例",),
    ),
    "coal-mine-special-provisions": (
        "国务院关于预防煤矿生产安全事故的特别规定(2013-07-18).md",
        "行政法规",
        ("国务院关于预防煤矿生产安全事故的特别规定",),
    ),
    "henan-mine-safety-measures": (
        "河南省实施《矿山安全法》办法(2010-07-30).md",
        "地方性法规",
        ("河南省实施《矿山安全法》办法",),
    ),
}
TITLE_TO_DOC = {title: doc_id for doc_id, (_, _, titles) in LAWS.items() for title in titles}


@dataclass(frozen=True)
class Article:
    label: str
    chapter: str
    text: str
    items: tuple[tuple[str, str], ...]
    refs: tuple[Ref, ...]


_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?)[ \u3000]")
_HEADING = re.compile(r"^#{2,4}\s*(第[一二三四五六七八九十百]+[章节编])\s*(.*)$")
_ITEM = re.compile(r"^([（(][一二三四五六七八九十]+[)）])")


def split_law(doc_id: str, markdown: str) -> list[Article]:
    """The articles of one law file, each with its chapter, 项 and resolved references."""
    body = markdown.split("<!-- INFO END -->", 1)[-1]
    offset = len(markdown) - len(body)
    out: list[dict] = []
    chapter = ""
    pos = offset
    for line in body.split("\n"):
        start = pos
        pos += len(line) + 1
        if h := _HEADING.match(line):
            if h.group(1).endswith("章"):
                chapter = f"{h.group(1)} {h.group(2).strip()}".strip()
            if out:
                out[-1]["end"] = out[-1].get("end") or start
            continue
        if a := _ARTICLE.match(line):
            if out and not out[-1].get("end"):
                out[-1]["end"] = start
            out.append({"label": a.group(1), "chapter": chapter, "start": start})
    if out and not out[-1].get("end"):
        out[-1]["end"] = len(markdown)
    articles = []
    for a in out:
        text = markdown[a["start"] : a["end"]].rstrip()
        items = tuple(
            (m.group(1), line.strip()) for line in text.split("\n") if (m := _ITEM.match(line.strip()))
        )
        articles.append(Article(a["label"], a["chapter"], text, items, tuple(find_refs(text, doc_id))))
    return articles


_REF = re.compile(
    r"(?:(?P<law>《[^》]+》)|(?P<self>本法|本条例|本规定|本办法))?"
    r"(?P<art>第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十]+)?)(?:第(?P<par>[一二三四五六七八九十]+)款)?"
)


def find_refs(text: str, doc_id: str) -> list[Ref]:
    """「本法第X条」「本条例第X条第一款」「《X》第Y条」 and listed 「第十五条、第十六条」 after one of them."""
    from assistant.numerals import cn_to_int

    refs: list[Ref] = []
    current: str | None = None
    last_end = -10
    for m in _REF.finditer(text):
        if m.start() == 0:
            continue  # the article's own label
        if m.group("law"):
            current = TITLE_TO_DOC.get(m.group("law").strip("《》"))
        elif m.group("self"):
            current = doc_id
        elif m.start() - last_end > 2:
            current = None  # a bare 第X条 not continuing a list: a passing mention
        last_end = m.end()
        if current:
            par = cn_to_int(m.group("par")) if m.group("par") else None
            refs.append(Ref(current, m.group("art"), par, m.start()))
    return refs


@cache
def law(doc_id: str) -> tuple[Provision, ...]:
    """Every article of one law of the corpus, analysed."""
    file, level, _ = LAWS[doc_id]
    markdown = (CORPUS / file).read_text(encoding="utf-8")
    return tuple(
        analyse(a.text, a.label, a.chapter, level, items=a.items, refs=a.refs, doc_id=doc_id)
        for a in split_law(doc_id, markdown)
    )


def article(doc_id: str, label: str) -> Provision:
    return next(p for p in law(doc_id) if p.label == label)


def link_scores(units: Iterable[tuple[str, Iterable[Link], set[str]]]) -> dict[str, float | int]:
    """Precision and recall of links against hand-checked duties, one (doc id, links, gold) per unit.

    precision: links to a gold duty of the same law / all links; recall: units with gold duties that
    got at least one of them / those units. A unit whose gold is empty expects no link.
    """
    right = wrong = hit = expected = 0
    for doc_id, links, gold in units:
        chosen = list(links)
        ok = [x for x in chosen if x.duty_doc_id == doc_id and x.duty in gold]
        right += len(ok)
        wrong += len(chosen) - len(ok)
        if gold:
            expected += 1
            hit += bool(ok)
    p = right / (right + wrong) if right + wrong else 0.0
    r = hit / expected if expected else 0.0
    return {
        "precision": p,
        "recall": r,
        "links": right + wrong,
        "right": right,
        "units": expected,
        "hit": hit,
    }
