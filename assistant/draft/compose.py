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
    list_facts,
    number_facts,
)
from assistant.content.selection import select_clauses
from assistant.content.topic import central
from assistant.draft.article import make_article, topic_sentences
from assistant.draft.citing import HALF_TO_FULL, Cites, plain, short_title, title_of
from assistant.draft.model import KINDS, Block, Draft, Line
from assistant.draft.slogans import make_slogans
from assistant.errors import ConfigError
from assistant.retrieve.search import SearcherLike
from assistant.schema import Clause, book
from assistant.text.labels import without_label


def _slogans(clauses: list[Clause], cites: Cites, topic: str | None) -> tuple[str, list[Block]]:
    """Two-half slogans, each from one clause (``assistant.draft.slogans``); the source of each is listed
    under the set, never inside a slogan."""
    blocks = [
        Block("slogan", [Line(s.text, [cites.cite(s.clause, s.sentence)])])
        for s in make_slogans(clauses, topic)
    ]
    return (f"{topic or '矿山安全'}宣传标语", blocks)


def _points(clauses: list[Clause], cites: Cites, topic: str | None) -> tuple[str, list[Block]]:
    """One point per requirement about the topic: a number, a deadline or a prohibition first."""
    blocks = []
    for clause in clauses:
        facts = {f.sentence_start for f in number_facts(clause)}
        about = [s for s in fact_sentences(clause) if not topic or central(s.text, topic)]
        chosen = [s for s in about if s.start in facts or PROHIBITION.search(s.text)]
        if not chosen and (not topic or central(clause.title or "", topic) or about):
            chosen = [s for s in topic_sentences(clause, topic)][:2]  # its main requirements
        for s in chosen:
            n = cites.cite(clause, s.text)
            blocks.append(Block("item", [Line(f"【{title_of(clause)}】{plain(s.text)}", [n])]))
    return (f"一图读懂：{topic or short_title(clauses[0].doc_title)}宣传要点", blocks)


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


_MODAL = re.compile(r"严禁|不得|禁止|必须|应当|须|要")


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
    return question.translate(HALF_TO_FULL) + "？", short


def _qa(clauses: list[Clause], cites: Cites, topic: str | None) -> tuple[str, list[Block]]:
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
        sentences = topic_sentences(clause, topic)[:2]
        if named:
            q = f"“{named[0].name}”指的是什么？"
            answer = [plain(named[0].sentence)]
            quote = named[0].sentence
        elif asked:
            fact = next(f for f in nums if _number_question(f) == asked)
            q = asked[0]
            answer = [f"{asked[1]}。", f"原文：{plain(fact.sentence)}"]
            quote = fact.sentence
        elif sentences:
            q = f"“{title_of(clause)}”有哪些要求？"
            answer = [plain(s.text) for s in sentences]
            quote = sentences[0].text
        else:
            continue
        n = cites.cite(clause, quote)
        blocks.append(Block("qa", [Line(a, [n]) for a in answer], question=q))
    return (f"{topic or short_title(clauses[0].doc_title)}培训问答（应知应会）", blocks)


def _links_of(searcher: SearcherLike) -> Any:
    try:
        return searcher.store.links
    except Exception:  # noqa: BLE001 - a searcher without a store (a fake) has no links
        return []


def make_offline(searcher: SearcherLike, kind: str, clauses: list[Clause], topic: str | None) -> Draft:
    cites = Cites()
    if kind == "article":
        slogans = make_slogans(clauses, topic)
        title, blocks = make_article(
            clauses,
            searcher.clauses,
            cites,
            topic,
            _links_of(searcher),
            tuple(slogans),
        )
    elif kind == "slogans":
        title, blocks = _slogans(clauses, cites, topic)
    elif kind == "points":
        title, blocks = _points(clauses, cites, topic)
    else:
        title, blocks = _qa(clauses, cites, topic)
    draft = Draft(kind, title, blocks, cites.items)
    if kind == "slogans" and len(blocks) < 5:
        draft.notices.append(
            f"离线模式只从条款的要求提炼标语，所选 {len(clauses)} 个条款中只提炼出 {len(blocks)} 条合格标语"
            "（每条只取一个条款、两半对称、每半 5–12 字、数字与原文一致、不用套话）；"
            "可换一个更具体或更宽的主题词，或配置大模型改写（仍逐条核验）"
        )
        if not blocks:  # the writer still gets the provisions on the topic, to write from by hand
            draft.notices.append("所选条款：" + "；".join(c.source() for c in clauses))
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
    # slogans need more material than an article: two short halves come from few sentences
    k = 16 if kind == "slogans" else 8
    selected = select_clauses(searcher, topic, doc, section, k=k)
    # a repealed document is never publicised as if it were in force
    current = [c for c in selected if c.doc_status != "已废止"]
    if selected and not current:  # an empty draft that says why, not a repealed text presented as in force
        return Draft(
            kind,
            f"{book(short_title(selected[0].doc_title))}已废止",
            [],
            [],
            notices=[
                f"{book(selected[0].doc_title)}已废止，不据以撰写宣传材料；请改用现行有效的文件（mine-assistant docs 可查看状态）"
            ],
        )
    clauses = [c for c in current if c.kind == "clause"] or current
    offline = make_offline(searcher, kind, clauses, topic)
    if llm is None:
        return offline
    from assistant.draft.llm_writer import write_with_llm

    drafted, problems = write_with_llm(llm, kind, clauses, topic, offline.title)
    if drafted is None:
        offline.notices.append("大模型稿件未通过核验，已改用离线模板稿：" + "；".join(problems[:3]))
        return offline
    return drafted
