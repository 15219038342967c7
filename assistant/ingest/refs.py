"""Cross-references written inside an article, resolved to the article (and 款/项) they name.

What is recognised: 「本法第九十条」「本条例第四十四条第一款」「第一百三十四条」 (a bare article is one of
the same law), lists 「本法第九十五条、第一百一十条」 (later members inherit the law), 「前款」「前两款」
「本条第一款」「第一款」 (in the same article), 「前条」, 「《中华人民共和国安全生产法》第X条」 and a law
named after 依照/根据/违反… without brackets (「依照刑法有关规定」). References within the document
are resolved here when the target article exists; references to another law keep its name in
``Ref.law`` and are resolved against the corpus by ``linking`` (by title), or stay unresolved.
"""

from __future__ import annotations

import re

from assistant.ingest import statutes
from assistant.numerals import cn_to_int, int_to_cn
from assistant.schema import Part, Ref

_N = "[一二三四五六七八九十百零〇\\d]+"
# What a title in 《》 ends with when it names a legal text (not a licence or a form: 《爆破作业单位许可证》)
_LEGAL_NAME = "法|条例|规定|办法|细则|决定|规则|规程|通知|意见|措施|方案|标准|修正案（[^）》]+）"
_REF = re.compile(
    f"(?P<who>《(?P<law>[^》\n]{{1,40}}(?:{_LEGAL_NAME}))》|(?<=依照|依据|按照|根据|违反|适用)(?P<bare>(?:中华人民共和国)?"
    "(?!本|有关|相关|其他|国家|该|上述|前)(?:(?![和及或与、的])[\u4e00-\u9fff]){1,14}?(?:法|条例))(?=的?有关规定|的规定|规定|第)"
    "|(?P<self>本(?:法|条例|办法|规定|细则))(?=第)|(?P<this>本条)(?=第)|(?P<prevart>前条))?"
    f"(?P<art>第(?P<artn>{_N})条(?:之(?P<sub>[一二三四五六七八九十]+))?)?"
    f"(?P<para>第(?P<paran>{_N})款|前款|前(?P<paras>[两二三四])款)?"
    f"(?P<item>第[（(]?(?P<itemn>{_N})[）)]?项)?"
)
_LIST_JOIN = re.compile(r"[、，]|和|或者|及|以及|至")


def find_refs(
    text: str,
    start: int,
    end: int,
    doc_id: str,
    article: str,
    parts: tuple[Part, ...],
    articles: set[str],
) -> list[Ref]:
    """References in ``text[start:end]`` (the body of ``article`` of ``doc_id``)."""
    out: list[Ref] = []
    prev: Ref | None = None
    for m in _REF.finditer(text, start, end):
        if not m.group():
            continue
        refs = _refs_of(m, text, doc_id, article, parts, articles, prev)
        out += refs
        prev = refs[-1] if refs else prev
    return out


def _refs_of(
    m: re.Match[str],
    text: str,
    doc_id: str,
    article: str,
    parts: tuple[Part, ...],
    articles: set[str],
    prev: Ref | None,
) -> list[Ref]:
    g = m.groupdict()
    law = g["law"] or g["bare"] or ""
    target = ""
    if g["art"]:
        sub = f"之{g['sub']}" if g["sub"] else ""
        target = f"第{_cn(g['artn'])}条{sub}"
    elif g["prevart"]:
        target = _previous_article(article)
    if not (law or target or g["para"] or g["item"]):
        return []  # 「本法」「本条」 alone name nothing to link
    if law and _bare(law) == "":
        return []
    in_list = not g["who"] and prev is not None and _joined(text, prev, m)
    if in_list and prev is not None:
        # 「《矿山安全法》第八条、第十条」 and 「第二十五条第一款和第二款」: a list shares its law (and
        # its article, when the members name only a 款)
        law = prev.law
        if not g["art"] and prev.article and (g["para"] and prev.paragraph or g["item"] and prev.item):
            target = prev.article
    same_article = not law and not target
    if same_article:
        target = article
    paragraphs = _paragraphs(g, parts, m.start()) if g["para"] else [0]
    item = cn_to_int(g["itemn"]) if g["item"] else 0
    refs = []
    for paragraph in paragraphs:
        if law:
            ref_doc = ""  # resolved by title across the corpus (``linking``)
        else:
            ref_doc = doc_id if target in articles and _has(parts, same_article, paragraph) else ""
        refs.append(Ref(m.group(), m.start(), m.end(), law, ref_doc, target, max(paragraph, 0), item or 0))
    return refs


def _paragraphs(g: dict[str, str | None], parts: tuple[Part, ...], pos: int) -> list[int]:
    if g["paran"]:
        return [cn_to_int(g["paran"]) or 0]
    current = next((p.number for p in parts if p.kind == "款" and p.start <= pos < p.end), 1)
    back = {"两": 2, "二": 2, "三": 3, "四": 4}.get(g["paras"] or "", 1)
    return [n for n in range(current - back, current) if n >= 1] or [-1]  # -1: no such 款


def _has(parts: tuple[Part, ...], same_article: bool, paragraph: int) -> bool:
    """A 款 of the article itself must exist; 款 of other articles are checked by their reader."""
    if paragraph < 0:
        return False
    return not same_article or not paragraph or statutes.paragraph(parts, paragraph) is not None


def _joined(text: str, prev: Ref, m: re.Match[str]) -> bool:
    return bool(_LIST_JOIN.fullmatch(text[prev.end : m.start()]))


def _previous_article(article: str) -> str:
    m = re.fullmatch(f"第({_N})条", article)
    n = cn_to_int(m.group(1)) if m else None
    return f"第{int_to_cn(n - 1)}条" if n and n > 1 else ""


def _cn(numeral: str) -> str:
    """「一百零三」 and 「103」 → the label's numeral 「一百零三」."""
    n = cn_to_int(numeral)
    return int_to_cn(n) if n else numeral


def _bare(title: str) -> str:
    """A law's name for matching: no brackets, spaces or 「中华人民共和国」 prefix."""
    name = re.sub(r"\s+", "", title).strip("《》")
    return name.removeprefix("中华人民共和国")


def title_key(title: str) -> str:
    return _bare(title)
