"""Typed requests and results of the ``Assistant`` façade (the pipeline's own dataclasses travel as is:
``Hit``, ``Answer``, ``Applicable``, ``Draft``, ``QuizBank``, ``GradeReport``, ``BuildReport``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import LLMSettings
from assistant.schema import CatalogEntry, Document, Hit
from assistant.text.query import Query

if TYPE_CHECKING:
    from assistant.index.build import BuildReport
    from assistant.ingest.corpus import Added


@dataclass(frozen=True)
class SearchRequest:
    query: str
    k: int | None = None  # None: the configured top_k
    doc: str | None = None
    kind: str | None = None
    method: str = "hybrid"


@dataclass(frozen=True)
class SearchResult:
    query: Query
    hits: list[Hit]
    terms: list[str]  # the query words the index knows, for highlighting
    stale: list[str] = field(default_factory=list)  # why the index is behind the corpus ([] = current)

    def to_json(self) -> dict[str, Any]:
        """The stable ``search --json`` contract."""
        return {"query": self.query.text, "hits": [h.to_json() for h in self.hits]}


@dataclass(frozen=True)
class AskRequest:
    question: str
    history: tuple[tuple[str, str], ...] = ()  # (question, resolved query) of earlier turns
    llm: LLMSettings | None = None  # None: the configured endpoint (or extractive without one)


@dataclass(frozen=True)
class AppliesRequest:
    situation: str
    k: int = 8


@dataclass(frozen=True)
class DraftRequest:
    kind: str  # article | slogans | points | qa
    topic: str | None = None
    doc: str | None = None
    section: str | None = None
    llm: LLMSettings | None = None


@dataclass(frozen=True)
class QuizRequest:
    topic: str | None = None
    doc: str | None = None
    section: str | None = None
    n: int = 20  # 0: every question the clauses allow
    types: tuple[str, ...] = ()  # () = every type (single, multi, judge, blank, short)
    seed: int = 0


@dataclass(frozen=True)
class GradeRequest:
    bank: Path  # .xlsx or .json question bank
    answers: Path  # .xlsx or .csv answers


@dataclass(frozen=True)
class NewFile:
    """A file offered to the corpus: its path now and the name the user gave it."""

    path: Path
    name: str | None = None
    card: dict[str, str] | None = None  # catalog-card fields the user set (title, level, status …)


@dataclass(frozen=True)
class DocumentInfo:
    """One indexed document as the document list shows it."""

    document: Document
    clauses: int  # distinct clause labels
    pieces: int  # retrievable chunks
    file: str  # path relative to the corpus folder (or as recorded)

    @property
    def catalog(self) -> CatalogEntry:
        return self.document.catalog


@dataclass(frozen=True)
class CorpusChange:
    """What a corpus change did: per offered file the outcome, then the index build that followed."""

    added: list[Added]
    report: BuildReport | None  # None: nothing was accepted, so nothing was re-indexed
    message: str = ""

    @property
    def refused(self) -> list[Added]:
        return [a for a in self.added if not a.ok]
