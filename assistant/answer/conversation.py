"""Multi-turn conversation: follow-up resolution, history, save/load as JSON.

Follow-up heuristic (used without an LLM, and as the LLM's fallback):

1. A question is a follow-up when it starts with a linking word (那/那么/还有/如果是/要是/另外…),
   ends in 呢, refers back (这个/这些/上述/该/其/他们), or is very short (≤ 6 characters).
2. An *elliptical* follow-up («那专业技术人员呢？», «那金矿呢？») names only a new subject X. The
   earlier question is re-asked with its subject swapped for X: the earlier word sharing a character
   with X is replaced (铜矿 → 金矿); if none does, the leading subject (the text before the first
   predicate word such as 要/是/能/有/必须) is replaced (五职矿长要什么学历 → 专业技术人员要什么学历).
3. Any other follow-up keeps its own words and gets the earlier resolved query appended as context
   («第二阶段是什么时候？ 三年行动分几个阶段»), so BM25 and the dense model see both.

4. A question none of these rules marks (no linking word: «评上了有啥好处？») is still asked with the
   previous query appended when it is weak alone (short, or it would be refused) and the context makes
   the retrieval evidence clearly stronger (``AnswerEngine._with_context_if_it_helps``).

Each turn stores the resolved query, which the CLI and the web app show to the user. A refused turn
is kept in history but is not used to resolve the next turn (an out-of-corpus subject would poison it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError
from assistant.schema import Answer, Citation

if TYPE_CHECKING:
    from assistant.answer.engine import AnswerEngine

_LEAD = re.compile(r"^(?:那么|那|还有|另外|如果是|要是|假如是|换成|至于|再问一下|再问)[，,、\s]*")
_TAIL = re.compile(r"(?:的话)?(?:呢|吗|怎么样|怎么办|如何)?[？?。！!\s]*$")
_BACKREF = re.compile(r"这个|这些|那个|那些|上述|该条|该项|其中|他们|它们|它|这条|这一条|这种|这次")
_PREDICATE = re.compile(r"要|是|能|可以|有|必须|需要|应|得|怎么|如何|多少|什么|哪|会|由|在|的")
_QUESTION_WORDS = re.compile(r"什么|多少|多久|多长|何时|哪|谁|怎么|如何|几|吗|是否|能不能|要不要|有没有")
# Adverbs, negation, aspect and verbs of finding or exceeding make a phrase a predicate («有隐患还接着生产»,
# «瞒着不报», «人数又增加了», «三个月内查出两次»),
# not the bare new subject of «那X呢？»: such a follow-up keeps its words and borrows the topic instead.
_PREDICATE_MARKS = re.compile(r"还|又|就|没|不|了|已经|只是|着|查出|发现|出现|超过|达到|继续|接着")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


def is_followup(question: str) -> bool:
    q = question.strip()
    core = re.sub(r"[？?。！!\s]", "", q)
    return bool(_LEAD.match(q) or core.endswith("呢") or _BACKREF.search(q) or len(core) <= 6)


def _elliptical_subject(question: str) -> str | None:
    """X in «那X呢？»: a bare noun phrase with no question word of its own, else None."""
    core = _TAIL.sub("", _LEAD.sub("", question.strip()))
    if not core or len(core) > 12 or _QUESTION_WORDS.search(core) or _BACKREF.fullmatch(core):
        return None  # «那这个呢？» names no new subject: it asks on about the topic in play
    if _PREDICATE_MARKS.search(core):
        return None
    return core


def _swap_subject(previous: str, subject: str) -> str:
    from assistant.text.tokenize import words

    prev = re.sub(r"[？?。！!\s]+$", "", previous)
    best, overlap = "", 0
    for w in words(prev):
        if len(w) < 2 or w in subject:
            continue
        shared = len(set(w) & set(subject))
        if shared > overlap:
            best, overlap = w, shared
    if best:
        at = prev.find(best)
        after = prev[at + len(best) :]
        # 「较大事故」 → 「重大事故」: the new subject already holds the word after the one it replaces
        # (事故), which must not be said twice (「重大事故事故」)
        shared = next((k for k in range(len(subject) - 1, 0, -1) if after.startswith(subject[-k:])), 0)
        return prev[:at] + subject + after[shared:]
    m = _PREDICATE.search(prev)
    if m and m.start() > 0 and not _CLAUSE_BREAK.search(prev[: m.start()]):
        return subject + prev[m.start() :]
    # no leading subject to replace (it would span a clause: «特种作业人员没证上岗，企业罚多少»): the new
    # one qualifies the whole earlier question («煤矿 特种作业人员没证上岗，企业罚多少»)
    return f"{subject} {prev}"


def topic(question: str, resolved: str) -> str:
    """The stand-alone query a turn was about: its resolved query without the context it borrowed.
    A follow-up resolved as «第二阶段是什么时候？ 三年行动分几个阶段» is about «三年行动分几个阶段», so
    the next follow-up borrows that and queries never pile up turn after turn."""
    q, r = question.strip(), (resolved or question).strip()
    if r != q and r.startswith(q + " "):
        return r[len(q) + 1 :].strip()
    return r


def previous_topic(history: list[tuple[str, str]]) -> str:
    """The topic of the last turn that has one (refused turns are stored with an empty query)."""
    return next((topic(q, r) for q, r in reversed(history) if r), "")


def resolve_followup(question: str, history: list[tuple[str, str]]) -> str:
    """The stand-alone query for ``question`` given (question, resolved query) turns (heuristic)."""
    if not history or not is_followup(question):
        return question
    previous = previous_topic(history) or history[-1][0]
    subject = _elliptical_subject(question)
    if subject:
        return _swap_subject(previous, subject)
    return f"{question.strip()} {previous}"


@dataclass
class Turn:
    question: str
    resolved_query: str
    answer: str
    refused: bool
    mode: str
    citations: list[Citation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "resolved_query": self.resolved_query,
            "answer": self.answer,
            "refused": self.refused,
            "mode": self.mode,
            "citations": [c.to_json() for c in self.citations],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Turn:
        cites = [Citation.from_json(c) for c in data.get("citations", [])]
        return cls(
            data["question"],
            data.get("resolved_query", data["question"]),
            data.get("answer", ""),
            bool(data.get("refused", False)),
            data.get("mode", "extractive"),
            cites,
        )


class Conversation:
    """A chat session over an ``AnswerEngine``; ``turns`` holds the history.

    ``engine`` may be replaced between turns (the service binds each turn to the current index and the
    session's LLM settings); ``None`` until a turn is asked."""

    VERSION = 1

    def __init__(self, engine: AnswerEngine | None, turns: list[Turn] | None = None):
        self.engine = engine
        self.turns: list[Turn] = list(turns or [])

    def _engine(self) -> AnswerEngine:
        if self.engine is None:
            raise AssistantError("会话还没有连接问答引擎")
        return self.engine

    def history(self) -> list[tuple[str, str]]:
        """(question, resolved query) of the answered turns: refused turns do not resolve follow-ups."""
        return [(t.question, t.resolved_query) for t in self.turns if not t.refused]

    def ask(self, question: str) -> Answer:
        answer = self._engine().ask(question, self.history())
        self._record(answer)
        return answer

    def stream(self, question: str) -> Iterator[str | Answer]:
        """Like ``ask`` but yields text pieces first (for the chat UI), then the Answer."""
        for piece in self._engine().stream(question, self.history()):
            if isinstance(piece, Answer):
                self._record(piece)
            yield piece

    def _record(self, answer: Answer) -> None:
        self.turns.append(
            Turn(
                answer.question,
                answer.resolved_query or answer.question,
                answer.answer,
                answer.refused,
                answer.mode,
                list(answer.citations),
            )
        )

    @classmethod
    def from_answers(cls, answers: list[Answer], engine: AnswerEngine | None = None) -> Conversation:
        """A conversation that goes on from ``answers`` (a reopened one: follow-ups see its turns)."""
        conversation = cls(engine)
        for answer in answers:
            conversation._record(answer)
        return conversation

    def to_json(self) -> dict[str, Any]:
        return {"version": self.VERSION, "turns": [t.to_json() for t in self.turns]}

    @classmethod
    def from_json(cls, data: dict[str, Any], engine: AnswerEngine | None = None) -> Conversation:
        if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
            raise AssistantError("会话文件格式不对：应为 mine-assistant chat 用 /save 保存的 JSON 文件")
        return cls(engine, [Turn.from_json(t) for t in data["turns"]])

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    def load(self, path: str | Path) -> None:
        """Replace this session's history with the one saved in ``path``."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AssistantError(f"找不到会话文件 {path}") from None
        except json.JSONDecodeError as exc:
            raise AssistantError(f"会话文件 {path} 不是有效的 JSON：{exc}") from None
        self.turns = Conversation.from_json(data).turns
