"""Publicity drafts from clauses: article, slogans, key points and training Q&A, every fact cited.

Offline (the default) the drafts are assembled from templates and the clauses' own key sentences,
so every number is copied, never rewritten. With an LLM the model writes from the numbered clauses
(``assistant.draft.llm_writer``); its text is checked and the offline draft is used when it fails.
"""

from __future__ import annotations

import re

from assistant.answer.llm import ChatClientLike
from assistant.content.facts import PROHIBITION, fact_sentences, key_sentences, list_facts, number_facts
from assistant.content.selection import select_clauses
from assistant.content.templates import BLANK, number_template
from assistant.draft.model import KINDS, Block, Draft, Line
from assistant.draft.slogan_check import slogan_problems
from assistant.errors import ConfigError
from assistant.retrieve.search import SearcherLike
from assistant.schema import Citation, Clause
from assistant.text.normalize import contains_normalized

_CONNECTORS = ("", "同时，", "此外，", "另外，")


class _Cites:
    """Numbers citations in order of first use, one per clause."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._by_chunk: dict[str, int] = {}

    def cite(self, clause: Clause, quote: str) -> int:
        if clause.chunk_id not in self._by_chunk:
            n = len(self.items) + 1
            self.items.append(
                Citation(n, clause.doc_id, clause.doc_title, clause.label, quote, clause.chunk_id)
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


def _doc_voice(clause: Clause) -> str:
    return {"notice": "通知", "local-plan": "方案"}.get(clause.doc_kind, "文件")


def _short_title(doc_title: str) -> str:
    m = re.search(r"《(.+?)》", doc_title)
    return m.group(1) if m else doc_title


def _intro(clauses: list[Clause], all_clauses: list[Clause], cites: _Cites, topic: str | None) -> Block:
    lines = []
    for doc_id in dict.fromkeys(c.doc_id for c in clauses):
        first = clauses[[c.doc_id for c in clauses].index(doc_id)]
        pre = next((c for c in all_clauses if c.doc_id == doc_id and c.kind == "preamble"), None)
        subject = f"围绕{topic}" if topic else "对矿山安全生产"
        text = f"《{_short_title(first.doc_title)}》{subject}提出了一系列明确要求。"
        quote = fact_sentences(pre)[0].text.split("\n")[0] if pre else ""
        lines.append(Line(text, [cites.cite(pre, quote)] if pre else []))
    lines.append(Line("这些要求关系到每一名矿工的生命安全，现将要点梳理如下，供各单位学习宣传、对照落实。"))
    return Block("lead", lines)


def _article(
    clauses: list[Clause], all_clauses: list[Clause], cites: _Cites, topic: str | None
) -> tuple[str, list[Block]]:
    what = topic or _short_title(clauses[0].doc_title)
    title = f"守牢{topic}安全防线 压实矿山安全责任" if topic else f"学习贯彻《{what}》：这些硬要求要牢记"
    blocks = [_intro(clauses, all_clauses, cites, topic)]
    for clause in clauses:
        sentences = key_sentences(clause, limit=3)
        if not sentences:
            continue
        n = cites.cite(clause, max(sentences, key=lambda s: len(s.text)).text)
        blocks.append(Block("heading", [Line(_title(clause), [n])]))
        lines = []
        for i, s in enumerate(sentences):
            lead = f"{_doc_voice(clause)}明确，" if i == 0 else _CONNECTORS[min(i, len(_CONNECTORS) - 1)]
            lines.append(Line(lead + _sentence(s.text), [n]))
        blocks.append(Block("paragraph", lines))
    blocks.append(
        Block(
            "closing",
            [
                Line(
                    "安全生产没有旁观者。各地各有关部门和矿山企业要对照上述要求逐条抓好落实，"
                    "把责任压实到岗位、把措施落实到现场，广大从业人员要主动学规定、守规程、查隐患，"
                    "共同守牢矿山安全生产底线。"
                )
            ],
        )
    )
    return title, blocks


def _slogan_segments(clause: Clause, limit: int = 2, min_score: int = 1) -> list[str]:
    """Short comma-delimited pieces of key sentences that carry a requirement (6–16 characters)."""
    scored: list[tuple[int, int, str]] = []
    for s in key_sentences(clause, limit=4):
        for seg in re.split(r"[，,；;。]", s.text):
            seg = re.sub(r"^\d+\.", "", seg).strip()
            if not 6 <= len(seg) <= (16 if min_score else 24) or "《" in seg or "(" in seg:
                continue
            score = 2 * bool(PROHIBITION.search(seg)) + bool(re.search(r"\d|每|至少|以上|底前|要|确保", seg))
            if score >= min_score:
                scored.append((-score, len(scored), seg))
    return [seg for _, _, seg in sorted(scored)[:limit]]


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
    """Whether the sentence names the topic or one of its words (「尾矿库闭库」: 尾矿库 or 闭库): a slogan
    stays on its topic, not on its clause's other lines."""
    from assistant.text.tokenize import tokenize

    words = [w for w in tokenize(topic) if len(w) > 1] or [topic]
    return contains_normalized(sentence, topic) or any(contains_normalized(sentence, w) for w in words)


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
    blocks = []
    for clause in clauses:
        facts = {f.sentence_start for f in number_facts(clause)}
        for s in fact_sentences(clause):
            if s.start in facts or PROHIBITION.search(s.text):
                n = cites.cite(clause, s.text)
                blocks.append(Block("item", [Line(f"【{_title(clause)}】{_sentence(s.text)}", [n])]))
        if not any(b.lines[0].text.startswith(f"【{_title(clause)}】") for b in blocks):
            for s in key_sentences(clause, limit=2):  # no number or prohibition: its main requirements
                n = cites.cite(clause, s.text)
                blocks.append(Block("item", [Line(f"【{_title(clause)}】{_sentence(s.text)}", [n])]))
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


def _qa(clauses: list[Clause], cites: _Cites, topic: str | None) -> tuple[str, list[Block]]:
    blocks = []
    for clause in clauses:
        named = [f for f in list_facts(clause) if f.kind == "named"]
        nums = [f for f in number_facts(clause) if f.kind != "frequency"]
        sentences = key_sentences(clause, limit=2)
        if named:
            q = f"“{named[0].name}”指的是什么？"
            answer = [named[0].sentence]
        elif nums:
            fact = nums[0]
            ask = "什么时候" if fact.kind == "deadline" else _ASK.get(fact.unit, "多少")
            template = number_template(fact)[0]
            q = re.sub(r"[，,；;。]*$", "", template.replace(BLANK, ask)).lstrip("，,") + "？"
            answer = [fact.sentence]
        elif sentences:
            q = f"“{_title(clause)}”有哪些要求？"
            answer = [s.text for s in sentences]
        else:
            continue
        n = cites.cite(clause, answer[0])
        blocks.append(Block("qa", [Line(_sentence(a), [n]) for a in answer], question=q))
    return (f"{topic or _short_title(clauses[0].doc_title)}培训问答（应知应会）", blocks)


def make_offline(searcher: SearcherLike, kind: str, clauses: list[Clause], topic: str | None) -> Draft:
    cites = _Cites()
    if kind == "article":
        title, blocks = _article(clauses, searcher.clauses, cites, topic)
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
