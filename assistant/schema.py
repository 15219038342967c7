"""Plain dataclasses passed between the pipeline stages.

``Clause`` carries its own provenance (document, label, offsets into the cleaned document text), so a
citation is always read from stored provenance, never re-parsed out of text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DOC_KINDS = ("national-measure", "notice", "local-plan", "regulation", "standard")


@dataclass(frozen=True)
class CatalogEntry:
    """The catalog card of one corpus document (``<file>.toml`` beside it)."""

    id: str
    title: str
    kind: str = "regulation"
    issuer: str = ""
    doc_number: str = ""
    date_issued: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Document:
    """A loaded, cleaned document: ``text`` is the text every clause offset points into."""

    catalog: CatalogEntry
    path: str
    sha256: str
    text: str
    notes: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.catalog.id


@dataclass(frozen=True)
class Clause:
    """One retrievable unit: a clause, or a sentence-bounded piece of a long clause.

    ``text == document.text[start:end]``; ``label`` is the human clause label such as ``二、（三）12.``
    or ``第十二条``; pieces of one clause share the label and differ in ``piece``.
    """

    chunk_id: str
    doc_id: str
    doc_title: str
    doc_kind: str
    label: str
    kind: str  # "clause" | "preamble" | "closing" | "paragraph"
    title: str  # the clause's own title sentence ("严格矿山安全准入。"), or ""
    headings: tuple[str, ...]  # parent headings, outermost first
    text: str
    start: int
    end: int
    piece: int = 0
    pieces: int = 1

    def retrieval_text(self) -> str:
        """What the retrievers see: the parent headings give the clause its context."""
        context = " ".join(self.headings)
        if self.piece > 0 and self.title:
            context = f"{context} {self.title}".strip()
        return f"{context}\n{self.text}" if context else self.text

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["headings"] = list(self.headings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clause:
        return cls(**{**data, "headings": tuple(data.get("headings", ()))})


@dataclass(frozen=True)
class Hit:
    """A clause returned by a retriever, with its score and rank (1-based)."""

    clause: Clause
    score: float
    rank: int
    sources: dict[str, float] = field(default_factory=dict)  # per-retriever scores, for debugging

    def to_json(self) -> dict[str, Any]:
        """The stable ``search --json`` hit contract."""
        return {
            "doc_id": self.clause.doc_id,
            "doc_title": self.clause.doc_title,
            "clause": self.clause.label,
            "text": self.clause.text,
            "score": round(float(self.score), 6),
        }


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer or draft: a verbatim quote from one clause."""

    n: int
    doc_id: str
    doc_title: str
    clause: str  # the clause label
    quote: str
    chunk_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "clause": self.clause,
            "quote": self.quote,
        }


@dataclass
class Answer:
    """An answer with its citations. ``to_json`` is the stable ``ask --json`` contract."""

    question: str
    answer: str
    citations: list[Citation]
    refused: bool
    mode: str  # "extractive" | "llm"
    resolved_query: str = ""
    removed_citations: int = 0
    notices: list[str] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "refused": self.refused,
            "mode": self.mode,
            "resolved_query": self.resolved_query,
            "removed_citations": self.removed_citations,
            "notices": self.notices,
        }
