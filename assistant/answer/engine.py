"""The answer engine: retrieve → refuse or answer (extractive or LLM) → verify → ``Answer``.

Both modes end in ``verify.verify_answer``. LLM failures of any kind (timeout, HTTP error, rate limit,
malformed or fully unverifiable output) fall back to the extractive answer with a notice in
``Answer.notices``, so the user never gets a crash or an empty answer.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace

from assistant.answer import extractive, refusal
from assistant.answer.linked import linked
from assistant.answer.llm import REFUSAL_TEXT, ChatClient, ChatClientLike, parse_reply
from assistant.answer.prompts import answer_messages
from assistant.answer.verify import verify_answer
from assistant.config import Config
from assistant.errors import LLMError
from assistant.retrieve.search import SearcherLike
from assistant.schema import Answer, Citation, Clause, Hit, book
from assistant.text.counts import counted_noun, states_the_count
from assistant.text.query import Query

RELATED_K = 3
LINKED_FROM = 2  # LLM mode: the first hits whose linked 罚则 (or duty) join the clauses the model sees


@dataclass(frozen=True)
class Retrieval:
    """One retrieval for an answer: the analysed query, its hits and the refusal evidence."""

    query: Query
    hits: list[Hit]
    evidence: refusal.Evidence


class AnswerEngine:
    """Stateless after construction: one engine may serve many requests at once."""

    def __init__(
        self, config: Config, searcher: SearcherLike | None = None, client: ChatClientLike | None = None
    ):
        self.config = config
        self._searcher = searcher
        self.client = client or (ChatClient(config.llm) if config.llm.enabled else None)

    @property
    def searcher(self) -> SearcherLike:
        if self._searcher is None:
            from assistant.retrieve.search import Searcher

            self._searcher = Searcher(self.config)
        return self._searcher

    @property
    def mode(self) -> str:
        return "llm" if self.client is not None else "extractive"

    def should_refuse(self, retrieval: Retrieval) -> bool:
        return not retrieval.hits or refusal.should_refuse(retrieval.evidence, self.config.refusal_threshold)

    # -- follow-ups -------------------------------------------------------------------------
    def resolve(self, question: str, history: list[tuple[str, str]] | None) -> str:
        """The stand-alone query for ``question`` given earlier (question, resolved query) turns."""
        return self._resolve(question, history)[0]

    def _resolve(self, question: str, history: list[tuple[str, str]] | None) -> tuple[str, Retrieval | None]:
        """The resolved query and, when resolving already retrieved it, that retrieval."""
        from assistant.answer.conversation import resolve_followup

        if not history:
            return question, None
        if self.client is not None:
            from assistant.answer.conversation import is_followup
            from assistant.answer.prompts import condense_messages

            if is_followup(question):
                try:
                    rewritten = (
                        self.client.complete(condense_messages(question, history)).strip().splitlines()[0]
                    )
                    if 4 <= len(rewritten) <= 120:
                        return rewritten, None
                except (LLMError, IndexError):
                    pass
        resolved = resolve_followup(question, history)
        if resolved == question:
            return self._with_context_if_it_helps(question, history)
        if resolved.startswith(question.strip() + " "):
            # context appended: but a follow-up about a thing the corpus never names («那证件多久复审一次？»:
            # no provision mentions 复审) is refused as asked, not answered from the earlier topic's words
            alone = self.retrieve(question)
            if alone.evidence.rare_foreign and self.should_refuse(alone):
                return question, alone
        return resolved, None

    def _with_context_if_it_helps(
        self, question: str, history: list[tuple[str, str]]
    ) -> tuple[str, Retrieval | None]:
        """A follow-up without a linking word («第二阶段是什么时候？» after a question on the three-year
        plan) reads as a new question. When it is weak on its own (short, or it would be refused) and
        the previous turn's query makes the retrieval evidence clearly stronger, ask with that context;
        a genuinely new, well-covered question keeps its own words. Returns the retrieval it made for
        the query it chose, so answering does not retrieve it again."""
        from assistant.answer.conversation import previous_topic

        previous = previous_topic(history)
        if not previous:
            return question, None
        alone = self.retrieve(question)
        if len(question) > self.config.followup_min_chars and not self.should_refuse(alone):
            return question, alone
        combined = f"{question.strip()} {previous}"
        with_context = self.retrieve(self._followup_query(question, combined))
        # the evidence compared, not the lengths: a longer query alone looks better covered (log_words)
        if (
            not self.should_refuse(with_context)
            and with_context.evidence.probability(length=alone.evidence.words) < alone.evidence.probability()
        ):
            return combined, with_context
        return question, alone

    def _followup_query(self, question: str, resolved: str) -> str | Query:
        """The query for ``resolved``. When it is ``question`` with the earlier topic appended («多久内要报？
        死了几个人算较大事故？»), the topic lends its words, but what is asked — the intent and the unit — is the
        follow-up's own: a deadline here, not the earlier 几个人."""
        if not resolved.startswith(question.strip() + " "):
            return resolved
        whole, own = self.searcher.query(resolved), self.searcher.query(question)
        return replace(whole, units=own.units)

    # -- answering --------------------------------------------------------------------------
    def retrieve(self, text: str | Query) -> Retrieval:
        searcher = self.searcher
        query = text if isinstance(text, Query) else searcher.query(text)
        hits = searcher.search(query, self.config.top_k)
        store = searcher.store
        evidence = refusal.evidence(
            store.corpus_text, query, hits, store.manifest.embedding_id, store.vocabulary, store.titles
        )
        return Retrieval(query, hits, evidence)

    def ask(self, question: str, history: list[tuple[str, str]] | None = None) -> Answer:
        answer = None
        for piece in self.stream(question, history, _stream_text=False):
            if isinstance(piece, Answer):
                answer = piece
        assert answer is not None
        return answer

    def stream(
        self, question: str, history: list[tuple[str, str]] | None = None, *, _stream_text: bool = True
    ) -> Iterator[str | Answer]:
        """Yield text pieces as they are produced, then the verified ``Answer`` (always last).

        The pieces are a preview; the final ``Answer.answer`` is what verification kept.
        """
        query, retrieval = self._resolve(question, history)
        if retrieval is None or retrieval.query.text != query.strip():
            retrieval = self.retrieve(self._followup_query(question, query))
        hits = retrieval.hits
        if self.should_refuse(retrieval):
            answer = self._refusal(question, query, hits, unindexed=retrieval.evidence.other_document)
            yield answer.answer
            yield answer
            return
        if self.client is not None:
            try:
                answer = yield from self._llm_answer(question, query, retrieval, _stream_text)
                yield answer
                return
            except LLMError as exc:
                fallback = self._extractive(question, query, retrieval)
                fallback.notices.insert(0, f"{exc}，已改用摘录式回答（不经大模型，直接引用原文）。")
                yield "\n" + fallback.answer if _stream_text else fallback.answer
                yield fallback
                return
        answer = self._extractive(question, query, retrieval)
        yield answer.answer
        yield answer

    def _extractive(self, question: str, query: str, retrieval: Retrieval) -> Answer:
        hits = retrieval.hits
        clauses = [h.clause for h in hits]
        text, citations = extractive.compose(
            hits,
            list(retrieval.query.content_words),
            intent=retrieval.query.intent,
            question=retrieval.query.text,
            second_ratio=self.config.second_clause_ratio,
            second_min_score=self.config.second_clause_min_score,
        )
        result = verify_answer(text, citations, clauses, verdict_first=True)
        asked = unstated_figure(retrieval.query, result.citations, clauses)
        if asked:
            return self._refusal(question, query, hits, unstated=asked)
        return Answer(
            question,
            without_superseded_verdict(result.text, result.citations),
            result.citations,
            False,
            "extractive",
            resolved_query=query,
            removed_citations=result.removed,
            notices=[
                *superseded_notices(result.citations),
                *self._duty_notices(result.citations, clauses),
                *instruction_notices(result.citations, clauses),
                *result.problems,
            ],
            related=hits[1 : 1 + RELATED_K],
        )

    def _duty_notices(self, citations: list[Citation], clauses: list[Clause]) -> list[str]:
        """For a first citation that is a 罚则: the duty it enforces, named when the build linked them and
        search found that duty too (a 罚则 of seven 项 enforces seven duties; the one the question is
        about is the one retrieved)."""
        if not citations:
            return []
        first = citations[0]
        cited = next((c for c in clauses if (c.doc_id, c.label) == (first.doc_id, first.clause)), None)
        if cited is None or cited.role != "罚则":
            return []
        retrieved = {(c.doc_id, c.label) for c in clauses}
        links = self.searcher.store.links
        duties = [
            d
            for d in linked(links, cited, self.searcher.store.first_pieces, limit=len(links))
            if (d.doc_id, d.label) in retrieved
        ]
        if not duties:
            return []
        names = "、".join(f"{book(d.doc_title)}{d.label}" for d in duties)
        return [f"〔{first.n}〕是罚则，它处罚的是违反{names}的行为。"]

    def _llm_answer(
        self, question: str, query: str, retrieval: Retrieval, stream_text: bool
    ) -> Generator[str, None, Answer]:
        assert self.client is not None
        hits = retrieval.hits
        clauses, relations = self._with_linked([h.clause for h in hits])
        messages = answer_messages(query, clauses, relations)
        if stream_text:
            parts: list[str] = []
            shown = 0
            for delta in self.client.stream(messages):
                parts.append(delta)
                visible = "".join(parts).split("引用", 1)[0]
                if len(visible) > shown:
                    yield visible[shown:]
                    shown = len(visible)
            reply = "".join(parts)
        else:
            reply = self.client.complete(messages)
        parsed = parse_reply(reply, clauses)
        if parsed.refused:
            return self._refusal(question, query, hits, mode="llm")
        result = verify_answer(parsed.text, parsed.citations, clauses)
        if not result.citations or not result.text:
            raise LLMError("大模型的回答没有可核验的引用（" + "；".join(result.problems[:2]) + "）")
        notices = [
            *superseded_notices(result.citations),
            *instruction_notices(result.citations, clauses),
            *result.problems,
        ]
        if result.removed:
            notices.insert(0, f"已删除 {result.removed} 条未通过核验的引用。")
        asked = unstated_figure(retrieval.query, result.citations, clauses)
        if asked:
            return self._refusal(question, query, hits, mode="llm", unstated=asked)
        return Answer(
            question,
            result.text,
            result.citations,
            False,
            "llm",
            resolved_query=query,
            removed_citations=result.removed,
            notices=notices,
            related=hits[1 : 1 + RELATED_K],
        )

    def _with_linked(self, clauses: list[Clause]) -> tuple[list[Clause], dict[int, list[str]]]:
        """The retrieved clauses, and per clause number what it is linked to: for each of the first
        ``LINKED_FROM``, the 罚则 that sanction it (or the duties a 罚则 enforces) among the retrieved
        clauses, else its best link added to the list. The model sees the duty and its sanction
        together, as `applies` shows them."""
        links = self.searcher.store.links
        if not links:
            return clauses, {}
        pieces = self.searcher.store.first_pieces
        out = list(clauses)
        number = {(c.doc_id, c.label): n for n, c in enumerate(out, 1)}
        relations: dict[int, list[str]] = {}
        for c in clauses[:LINKED_FROM]:
            others = linked(links, c, pieces, limit=len(links))
            shown = [o for o in others if (o.doc_id, o.label) in number]
            for other in shown or others[:1]:  # the ones retrieved anyway, else the best link
                key = (other.doc_id, other.label)
                if key not in number:
                    out.append(other)
                    number[key] = len(out)
                here, there = number[(c.doc_id, c.label)], number[key]
                duty, penalty = (there, here) if c.role == "罚则" else (here, there)
                relations.setdefault(penalty, []).append(f"所罚义务〔{duty}〕")
                relations.setdefault(duty, []).append(f"罚则见〔{penalty}〕")
        return out, {n: list(dict.fromkeys(r)) for n, r in relations.items()}

    def _refusal(
        self,
        question: str,
        query: str,
        hits: list[Hit],
        mode: str | None = None,
        unindexed: str = "",
        unstated: str = "",
    ) -> Answer:
        """The refusal, with the clauses nearest the question. Its reason comes first where there is one:
        ``unindexed`` is a document the question names that the knowledge base does not hold (the user
        knows what to add), ``unstated`` the thing whose figure was asked and no clause found states."""
        text = f"{REFUSAL_TEXT}。"
        if unindexed:
            text = f"{REFUSAL_TEXT}：未收录《{unindexed}》，如需查询，请先将该文件加入语料库。"
        elif unstated:
            text = (
                f"{REFUSAL_TEXT}：{UNSTATED_FIGURE}“{unstated}”的具体数值；"
                "如需该数值，请查阅规定它的标准、规程或其他文件，或将该文件加入语料库。"
            )
        if hits:
            names = "；".join(extractive.clause_name(h.clause) for h in hits[:RELATED_K])
            text += f"可能相关的条款（仅供参考，并未规定所问内容）：{names}。"
        return Answer(
            question, text, [], True, mode or self.mode, resolved_query=query, related=hits[:RELATED_K]
        )


def superseded_notices(citations: list[Citation]) -> list[str]:
    """A notice for each cited provision whose figures a later, higher law replaced (``ingest.conflicts``):
    the reader must not take 30 % from the 2007 regulation when the 2021 law says 40 %."""
    from assistant.ingest.conflicts import superseded

    out: list[str] = []
    for cit in citations:
        conflict = superseded(cit.doc_id, cit.clause)
        note = f"{book(cit.doc_title)}{conflict.article}{conflict.note}。" if conflict is not None else ""
        if note and not any(note in o for o in out):
            out.append(f"〔{cit.n}〕{note}")
    return out


def without_superseded_verdict(text: str, citations: list[Citation]) -> str:
    """An answer whose verdict rests on a superseded provision does not state it as the law: the verdict
    line becomes a pointer to the notice (the quote stays, verbatim, with the notice under it)."""
    from assistant.ingest.conflicts import superseded

    lines = text.split("\n")
    if not lines or not lines[0].startswith("结论："):
        return text
    marks = {int(n) for n in re.findall(r"〔(\d+)〕", lines[0])}
    if any(superseded(c.doc_id, c.clause) for c in citations if c.n in marks):
        shown = "".join(f"〔{n}〕" for n in sorted(marks))
        lines[0] = f"注意：所引条款{shown}规定的数额已被上位法提高，不能作为结论，见下方提示。"
    return "\n".join(lines)


# The reason a refusal gives when the figure asked is stated in no clause its answer would cite.
UNSTATED_FIGURE = "最相关的条款都没有写明"


def unstated_figure(query: Query, citations: list[Citation], clauses: list[Clause]) -> str:
    """The thing whose figure the question asks and no clause the answer would cite states; "" if the
    question asks for none, or a cited clause states it.

    「尾矿库坝体的抗滑稳定安全系数最低是多少？」 finds the plan's 尾矿库 clauses, whose figures measure
    other things (300米 around a quarry, 停用超过3年): quoted, they read as the answer, so the question is
    refused as a near miss (the figure is a standard's, not in the corpus). The word is the one the figure
    was asked of (``refusal.measured_words``); no item of a cited clause states a figure (a date is none)
    naming it or the word qualifying it, nor, for a count asked, the count (``text.counts``). A fine or a time asked
    is left to its unit."""
    words = refusal.measured_words(query)
    if not words or not citations:
        return ""
    cited = {(c.doc_id, c.clause) for c in citations}
    if any(refusal.states_figure_of(c.text, words) for c in clauses if (c.doc_id, c.label) in cited):
        return ""
    # a count asked (「分成了多少个方面？」) is stated by 「提出8个方面」, whatever word it was asked of
    noun = counted_noun(query.text)
    if noun and any(states_the_count(c.text, noun) for c in clauses if (c.doc_id, c.label) in cited):
        return ""
    together = "".join(reversed(words))  # 「氧气含量」 as asked, when the two words stand together
    return together if together in query.normalized else words[0]


def says_figure_unstated(answer: Answer) -> bool:
    """Whether ``answer`` is a refusal because no clause found states the figure asked (``unstated_figure``)."""
    return answer.refused and UNSTATED_FIGURE in answer.answer


def instruction_notices(citations: list[Citation], clauses: list[Clause]) -> list[str]:
    """A warning for each cited clause whose text reads as an instruction to the assistant."""
    from assistant.text.injection import instruction_like

    by_key = {(c.doc_id, c.label): c for c in clauses}
    out: list[str] = []
    for cit in citations:
        clause = by_key.get((cit.doc_id, cit.clause))
        phrase = instruction_like(clause.text) if clause is not None else ""
        note = f"〔{cit.n}〕所引{book(cit.doc_title)}{cit.clause}含有类似对助手下达指令的文字「{phrase}」，仅作原文引用，请核对来源"
        if phrase and note not in out:
            out.append(note)
    return out


def format_sources(citations: list[Citation], shown: str = "") -> str:
    """The sources list: one line per citation, 〔1〕《doc title》（level·status）label · chapter, then
    「quote」 unless the answer text ``shown`` already prints it (each quote is printed once)."""
    lines = []
    for c in citations:
        line = f"〔{c.n}〕{c.source()}{f' · {c.chapter}' if c.chapter else ''}"
        if f"「{c.quote}」" not in shown:
            line += f" —「{c.quote}」"
        lines.append(line)
    return "\n".join(lines)
