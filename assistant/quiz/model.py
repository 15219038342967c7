"""The quiz dataclasses shared by generation, export, grading and the web app."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.content.templates import BLANK
from assistant.schema import source_label

__all__ = ["BLANK", "LETTERS", "TYPES", "TYPE_NAMES", "TYPE_BY_NAME", "Question", "QuizBank", "fingerprint"]

TYPES = ("single", "multi", "judge", "blank", "short")
TYPE_NAMES = {"single": "单选题", "multi": "多选题", "judge": "判断题", "blank": "填空题", "short": "简答题"}
TYPE_BY_NAME = {v: k for k, v in TYPE_NAMES.items()} | {
    "单选": "single",
    "多选": "multi",
    "判断": "judge",
    "填空": "blank",
    "简答": "short",
}
LETTERS = "ABCDEF"


@dataclass
class Question:
    """One exam question tied to one clause.

    ``template`` is the verbatim clause text the question is built on (with ``____`` where the blank
    or the choice goes; for judge items, the statement shown), ``quote`` the clause sentence it comes
    from; both let ``verify_answer_key`` check the key against the clause without re-deriving it.
    """

    id: str
    type: str
    stem: str
    options: list[str]
    answer: str
    explanation: str
    doc_id: str
    doc_title: str
    clause: str
    chunk_id: str
    difficulty: str = "中"
    key_points: list[str] = field(default_factory=list)
    template: str = ""
    quote: str = ""
    doc_level: str = ""  # the document's rank and validity, so 出处 says what kind of rule it is
    doc_status: str = ""
    context: str = (
        ""  # the verbatim sentences before ``quote`` the stem opens with (assistant/quiz/context.py)
    )

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.type, self.type)

    @property
    def source(self) -> str:
        """《title》（level·status）clause."""
        return source_label(self.doc_title, self.doc_level, self.doc_status, "", self.clause)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class QuizBank:
    """A generated question bank; ``bank_id`` fingerprints its questions so answers can be matched."""

    title: str
    questions: list[Question]
    source: dict[str, Any] = field(default_factory=dict)
    bank_id: str = ""

    def __post_init__(self) -> None:
        if not self.bank_id:
            self.bank_id = fingerprint(self.questions)

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "bank_id": self.bank_id,
            "source": self.source,
            "questions": [q.to_dict() for q in self.questions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizBank:
        return cls(
            data.get("title", "题库"),
            [Question.from_dict(q) for q in data.get("questions", [])],
            data.get("source", {}),
            data.get("bank_id", ""),
        )


def fingerprint(questions: list[Question]) -> str:
    digest = hashlib.sha1("\n".join(f"{q.id}|{q.stem}|{q.answer}" for q in questions).encode("utf-8"))
    return digest.hexdigest()[:10]
