"""Publicity drafts from clauses: article, slogans, key points and training Q&A, every fact cited.

Offline (the default) the drafts are assembled from templates and the clauses' own key sentences,
so every number is copied, never rewritten. With an LLM the model writes from the numbered clauses
(``assistant.draft.llm_writer``); its text is checked and the offline draft is used when it fails.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.answer.llm import ChatClientLike
from assistant.content.facts import (
    PROHIBITION,
    NumberFact,
    fact_sentences,
    key_sentences,
    list_facts,
    number_facts,
)
from assistant.content.selection import select_clauses
from assistant.content.topic import QUOTES, central
from assistant.draft.model import KINDS, Block, Draft, Line
from assistant.draft.slogan_check import slogan_problems
from assistant.errors import ConfigError
from assistant.retrieve.search import SearcherLike
from assistant.schema import Citation, Clause
from assistant.text.labels import without_label
from assistant.text.normalize import contains_normalized


class _Cites:
    """Numbers citations in order of first use, one per clause."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._by_chunk: dict[str, int] = {}

    def cite(self, clause: Clause, quote: str) -> int:
        if clause.chunk_id not in self._by_chunk:
            n = len(self.items) + 1
            self.items.append(
                Citation(
                    n,
                    clause.doc_id,
                    clause.doc_title,
                    clause.label,
                    quote,
                    clause.chunk_id,
                    clause.doc_level,
                    clause.doc_status,
                    clause.status_note,
                    clause.chapter,
                )
            )
            self._by_chunk[clause.chunk_id] = n
        return self._by_chunk[clause.chunk_id]


def _sentence(text: str) -> str:
    """A clause sentence as draft prose: no item number, a full stop instead of a semicolon."""
    text = re.sub(r"^\d+\.", "", text.strip())
    text = re.sub(r"[;；,，、]$", "", text)
    return text if re.search(r"[。！？]$", text) else text + "。"


def _title(clause: Clause) -> str:
    return (clause.title or clause.label).rstrip("。.")


def _short_title(doc_title: str) -> str:
    m = re.search(r"《(.+?)》", doc_title)
    return m.group(1) if m else doc_title


_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})
_MODAL = re.compile(r"严禁|不得|禁止|必须|应当|须|要")


def _plain(text: str) -> str:
    """A clause sentence as article prose: no article label or item number, full-width punctuation."""
    text = without_label(text.strip())
    text = re.sub(r"(?<=\d),(?=\d{3})", "\x00", text).translate(_HALF_TO_FULL).replace("\x00", ",")
    return _sentence(text)


def _topic_sentences(clause: Clause, topic: str | None) -> list[Any]:
    # a lead-in alone (「……依照下列规定处以罚款：」) says nothing without its items
    sentences = [s for s in key_sentences(clause, limit=4) if not s.text.rstrip().endswith(("：", ":"))]
    if not topic:
        return sentences
    on_topic = [s for s in sentences if central(s.text, topic)]
    return on_topic or ([] if not central(clause.title or "", topic) else sentences)


_STRONG = re.compile(r"严禁|不得|禁止|必须")


def _requirement(sentences: list[Any], topic: str | None, limit: int = 18) -> str:
    """The demanding piece of the sentences a reader should see first (「严禁新建头顶库」): a prohibition
    or a 必须 before a plain 要, then one naming the topic, then the shortest."""
    pieces = [_tighten(p).removeprefix("要") for s in sentences for p in re.split(r"[，,；;。：:]", s.text)]
    pieces = [p for p in pieces if 4 <= len(p) <= limit and _MODAL.search(p)]
    return min(pieces, key=lambda p: (not _STRONG.search(p), not (topic and topic in p), len(p)), default="")


def _article(
    clauses: list[Clause], all_clauses: list[Clause], cites: _Cites, topic: str | None, links: Any = ()
) -> tuple[str, list[Block]]:
    """Headline from the topic and its key requirement; a lead; a section per clause (its own heading, its
    requirements in plain words, the 罚则 that enforces it where one is linked); a closing line."""
    chosen = [(c, _topic_sentences(c, topic)) for c in clauses]
    chosen = [(c, ss) for c, ss in chosen if ss]
    if topic:  # the clauses about the topic first: its name in the heading, then how often it is the subject
        chosen.sort(key=lambda cs: (-(topic in (cs[0].title or "")), -len(cs[1])))
    if not chosen:
        chosen = [(c, key_sentences(c, limit=3)) for c in clauses]
        chosen = [(c, ss) for c, ss in chosen if ss]
    what = topic or _short_title(clauses[0].doc_title)
    needs = [(_requirement(ss, topic), c, ss) for c, ss in chosen]
    needs = [x for x in needs if x[0]]
    needs.sort(key=lambda x: (not _STRONG.search(x[0]), len(x[0])))  # a short prohibition makes the headline
    key = [r for r, _, _ in needs]
    if topic:
        title = f"{topic}安全：{key[0]}" if key else f"{topic}安全要求解读"
    else:
        title = f"学习贯彻《{what}》：{key[0]}" if key else f"学习贯彻《{what}》"
    docs = list(dict.fromkeys(_short_title(c.doc_title) for c, _ in chosen))
    named = f"《{'》《'.join(docs[:3])}》{'等' if len(docs) > 3 else ''}"
    lead = [Line(f"关于{topic}，{named}作出了明确规定。" if topic else f"{named}提出了一系列明确要求。")]
    if needs:
        firsts = needs[:2]
        marks = sorted({cites.cite(c, max(ss, key=lambda s: len(s.text)).text) for _, c, ss in firsts})
        lead.append(Line("其中最要紧的是：" + "；".join(r for r, _, _ in firsts) + "。", marks))
    lead.append(Line("下面逐条说明谁要做什么、什么时候做、做不到会怎样，供学习宣传、对照落实。"))
    blocks = [Block("lead", lead)]
    for clause, sentences in chosen:
        n = cites.cite(clause, max(sentences, key=lambda s: len(s.text)).text)
        heading = _title(clause) if clause.title else f"《{_short_title(clause.doc_title)}》{clause.label}"
        blocks.append(Block("heading", [Line(heading, [n])]))
        lines = [Line(_plain(s.text), [n]) for s in sentences]
        penalty = _linked_penalty(clause, all_clauses, links)
        if penalty is not None:
            p_clause, p_text = penalty
            lines.append(Line(f"做不到的后果：{_plain(p_text)}", [cites.cite(p_clause, p_text)]))
        blocks.append(Block("paragraph", lines))
    blocks.append(
        Block(
            "closing",
            [
                Line(
                    "安全生产没有旁观者。各有关部门和矿山企业要对照上述要求逐条抓好落实，"
                    "把责任压实到岗位、把措施落实到现场，广大从业人员要主动学规定、守规程、查隐患。"
                )
            ],
        )
    )
    return title, blocks


def _linked_penalty(clause: Clause, all_clauses: list[Clause], links: Any) -> tuple[Clause, str] | None:
    """The 罚则 linked to this duty clause at build, and its sentence with the sanction. A 罚则 whose
    figures a higher or later law replaced gives way to the prevailing one (事故报告条例 第三十五条's
    40 %–80 % → 安全生产法 第一百一十条's 60 %–100 %)."""
    from assistant.ingest.conflicts import superseded
    from assistant.ingest.links import penalties_for

    def find(doc_id: str, label: str) -> Clause | None:
        return next((c for c in all_clauses if c.doc_id == doc_id and c.label == label), None)

    for link in penalties_for(links or [], clause.doc_id, clause.label):
        p = find(link.doc_id, link.penalty)
        conflict = superseded(link.doc_id, link.penalty)
        if conflict is not None:
            p = find(conflict.prevailing_doc_id, conflict.prevailing_article)
        if p is None:
            continue
        sentence = next((s.text for s in fact_sentences(p) if "罚款" in s.text or "责令" in s.text), "")
        if sentence:
            return p, sentence
    return None


_DEMAND = re.compile(r"要|必须|不得|严禁|禁止|确保|及时|方可|不再|应当")


def _slogan_pairs(clause: Clause, topic: str | None = None, limit: int = 2) -> list[tuple[str, str]]:
    """Slogans made of two pieces of one key sentence of ``clause``, in their order, tightened
    (「其生产经营主体应当及时闭库治理」 → 「要及时闭库治理」, see ``_tighten``), each passing
    ``slogan_problems``; the clause's own words, so every number stays exact."""
    out: list[tuple[int, int, str, str]] = []
    for s in key_sentences(clause, limit=4):
        pieces = [_tighten(p) for p in re.split(r"[，,；;。：:、]", s.text)]
        pieces = [p for p in pieces if p]
        for i, a in enumerate(pieces):
            for b in pieces[i + 1 : i + 3]:
                slogan = f"{a}，{b}"
                if slogan_problems(slogan, clause.text) or not (_DEMAND.search(a) or _DEMAND.search(b)):
                    continue  # a slogan demands something: two nouns of a list are not one
                if topic and not _about(s.text, topic):
                    continue
                score = sum(2 * bool(PROHIBITION.search(x)) + bool(_REQUIREMENT.search(x)) for x in (a, b))
                out.append((-score, len(out), slogan, s.text))
    chosen: list[tuple[str, str]] = []
    for _, _, slogan, sentence in sorted(out):
        halves = slogan.split("，")
        if not any(h in c for c, _ in chosen for h in halves):  # no half used twice
            chosen.append((slogan, sentence))
        if len(chosen) == limit:
            break
    return chosen


_FILLERS = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇]+条|\d+\.|[（(][一二三四五六七八九十]+[）)]|同时|并且|并|其|要|严格|切实|进一步|全面|坚决|\s)+"
)


def _about(sentence: str, topic: str) -> bool:
    """Whether the sentence names the topic, or every word of it (「尾矿库闭库」: 尾矿库 and 闭库): a slogan
    stays on its topic, not on its clause's other lines. Quotation marks do not count."""
    from assistant.text.tokenize import tokenize

    text = QUOTES.sub("", sentence)
    words = [w for w in tokenize(topic) if len(w) > 1] or [topic]
    return contains_normalized(text, topic) or all(contains_normalized(text, w) for w in words)


_SUBJECT = re.compile(
    r"^(?:生产经营主体|生产经营单位|矿山企业|企业|各地|各级|各有关部门)(?=应当|必须|要|不得|严禁)"
)


def _tighten(piece: str) -> str:
    """A piece in a slogan's words: no numbering, leading fillers, quotation marks or subject before its
    modal verb; 应当 → 要, 进行 dropped. Numbers and the requirement itself are untouched."""
    piece = re.sub(r"[“”\"'「」]", "", piece.strip())
    piece = _FILLERS.sub("", piece).strip()
    piece = _SUBJECT.sub("", piece)
    return piece.replace("应当", "要").replace("进行", "")


_REQUIREMENT = re.compile(r"\d|每|至少|以上|底前|必须|应当|要|确保|严禁|不得")


def _slogans(clauses: list[Clause], cites: _Cites, topic: str | None) -> tuple[str, list[Block]]:
    """Two-half slogans, each from one clause; its source is listed under it, never inside it."""
    blocks: list[Block] = []
    for clause in clauses:
        for slogan, sentence in _slogan_pairs(clause, topic):
            blocks.append(Block("slogan", [Line(slogan, [cites.cite(clause, sentence)])]))
    return (f"{topic or '矿山安全'}宣传标语", blocks)


def _points(clauses: list[Clause], cites: _Cites, topic: str | None) -> tuple[str, list[Block]]:
    """One point per requirement about the topic: a number, a deadline or a prohibition first."""
    blocks = []
    for clause in clauses:
        facts = {f.sentence_start for f in number_facts(clause)}
        about = [s for s in fact_sentences(clause) if not topic or central(s.text, topic)]
        chosen = [s for s in about if s.start in facts or PROHIBITION.search(s.text)]
        if not chosen and (not topic or central(clause.title or "", topic) or about):
            chosen = [s for s in _topic_sentences(clause, topic)][:2]  # its main requirements
        for s in chosen:
            n = cites.cite(clause, s.text)
            blocks.append(Block("item", [Line(f"【{_title(clause)}】{_plain(s.text)}", [n])]))
    return (f"一图读懂：{topic or _short_title(clauses[0].doc_title)}宣传要点", blocks)


_ASK = {
    "年": "多少年",
    "个月": "几个月",
    "米": "多少米",
    "万吨/年": "多大规模",
    "万吨": "多少万吨",
    "%": "多大比例",
    "次": "几次",
    "个": "几个",
}


def _number_question(fact: NumberFact) -> tuple[str, str] | None:
    """(question, short answer) for a number fact, from the piece of its sentence that holds it:
    「停用超过3年的尾矿库，其生产经营主体应当及时闭库治理」 → (「停用超过多少年的尾矿库，其生产经营主体应当及时
    闭库治理？」, 「停用超过3年的」)."""
    ask = "什么时候" if fact.kind == "deadline" else _ASK.get(fact.unit, "多少")
    pieces = re.split(r"[，,；;。]", fact.sentence)
    i = next((k for k, p in enumerate(pieces) if fact.text in p), None)
    if i is None:
        return None
    item = next(x for x in re.split(r"、", pieces[i]) if fact.text in x)
    item = without_label(re.sub(r"^对", "", item.strip()))
    question = item.replace(fact.text, ask, 1)
    if not _MODAL.search(item) and i + 1 < len(pieces) and pieces[i + 1].strip():
        question += "，" + pieces[i + 1].strip()
    short = item[: item.index(fact.text) + len(fact.text)]
    rest = item[len(short) :]
    if rest.startswith("的"):
        short += "的"
    if len(question) < 6 or question == ask:
        return None
    return question.translate(_HALF_TO_FULL) + "？", short


def _qa(clauses: list[Clause], cites: _Cites, topic: str | None) -> tuple[str, list[Block]]:
    """「停用超过多少年的尾矿库，其生产经营主体应当及时闭库治理？」——「停用超过3年的。」 then the clause's
    sentence; a named list asks what it stands for; otherwise what the clause requires."""
    blocks = []
    for clause in clauses:
        named = [
            f for f in list_facts(clause) if f.kind == "named" and (not topic or central(f.sentence, topic))
        ]
        nums = [
            f
            for f in number_facts(clause)
            if f.kind != "frequency" and (not topic or central(f.sentence, topic))
        ]
        asked = next((qa for qa in (_number_question(f) for f in nums) if qa), None)
        sentences = _topic_sentences(clause, topic)[:2]
        if named:
            q = f"“{named[0].name}”指的是什么？"
            answer = [_plain(named[0].sentence)]
            quote = named[0].sentence
        elif asked:
            fact = next(f for f in nums if _number_question(f) == asked)
            q = asked[0]
            answer = [f"{asked[1]}。", f"原文：{_plain(fact.sentence)}"]
            quote = fact.sentence
        elif sentences:
            q = f"“{_title(clause)}”有哪些要求？"
            answer = [_plain(s.text) for s in sentences]
            quote = sentences[0].text
        else:
            continue
        n = cites.cite(clause, quote)
        blocks.append(Block("qa", [Line(a, [n]) for a in answer], question=q))
    return (f"{topic or _short_title(clauses[0].doc_title)}培训问答（应知应会）", blocks)


def _links_of(searcher: SearcherLike) -> Any:
    try:
        return searcher.store.links
    except Exception:  # noqa: BLE001 - a searcher without a store (a fake) has no links
        return []


def make_offline(searcher: SearcherLike, kind: str, clauses: list[Clause], topic: str | None) -> Draft:
    cites = _Cites()
    if kind == "article":
        title, blocks = _article(clauses, searcher.clauses, cites, topic, _links_of(searcher))
    elif kind == "slogans":
        title, blocks = _slogans(clauses, cites, topic)
    elif kind == "points":
        title, blocks = _points(clauses, cites, topic)
    else:
        title, blocks = _qa(clauses, cites, topic)
    draft = Draft(kind, title, blocks, cites.items)
    if kind == "slogans" and len(blocks) < 3:
        draft.notices.append(
            f"离线模式只用条款原话组成标语，所选 {len(clauses)} 个条款中只有 {len(blocks)} 句能通过标语检查"
            "（两半对称、每半 5–12 字、不照抄长句、数字与原文一致）；配置大模型后可改写出更多标语，仍逐条核验"
        )
    return draft


def make_draft(
    searcher: SearcherLike,
    kind: str,
    topic: str | None = None,
    doc: str | None = None,
    section: str | None = None,
    llm: ChatClientLike | None = None,
) -> Draft:
    """A draft of ``kind`` (article / slogans / points / qa) about ``topic`` or ``doc`` (``section``).

    ``llm`` is a chat client (``assistant.answer.llm.ChatClient``); None means offline. An LLM draft
    that fails the checks is replaced by the offline draft, with a notice saying so.
    """
    if kind not in KINDS:
        raise ConfigError(f"未知的稿件类型 {kind!r}；可选：{', '.join(KINDS)}")
    clauses = [
        c for c in select_clauses(searcher, topic, doc, section) if c.kind == "clause"
    ] or select_clauses(searcher, topic, doc, section)
    offline = make_offline(searcher, kind, clauses, topic)
    if llm is None:
        return offline
    from assistant.draft.llm_writer import write_with_llm

    drafted, problems = write_with_llm(llm, kind, clauses, topic, offline.title)
    if drafted is None:
        offline.notices.append("大模型稿件未通过核验，已改用离线模板稿：" + "；".join(problems[:3]))
        return offline
    return drafted
