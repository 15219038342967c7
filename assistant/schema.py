"""Plain dataclasses passed between the pipeline stages.

``Clause`` carries its own provenance (document, label, offsets into the cleaned document text), so a
citation is always read from stored provenance, never re-parsed out of text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.numerals import int_to_cn

DOC_KINDS = ("national-measure", "notice", "local-plan", "regulation", "standard")
# The rank of a document in the hierarchy of Chinese legal norms, highest first.
LEVELS = ("法律", "行政法规", "部门规章", "地方性法规", "规范性文件", "地方工作方案", "标准")
# Statutes bind a named party in every provision; policy documents (notices, plans) address their readers.
STATUTE_LEVELS = LEVELS[:4]
POLICY_LEVELS = ("地方工作方案", "规范性文件")
# A region's own documents: they bind that region only (a rule of 河南 is not national, nor 九江's)
LOCAL_LEVELS = ("地方性法规", "地方政府规章", "地方工作方案")
STATUSES = ("现行有效", "已修改", "已废止")
_LEVEL_OF_KIND = {
    "local-plan": "地方工作方案",
    "notice": "规范性文件",
    "national-measure": "规范性文件",
    "standard": "标准",
    "regulation": "规范性文件",
}
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,7}?(省|自治区|市)")  # 河南省… 九江市…


def default_level(kind: str, title: str) -> str:
    """The level a card without one gets: from its kind, and for a ``regulation`` from its title
    (「…法」 is a law, 「…条例」 an administrative regulation unless a province or city made it)."""
    name = title.strip().strip("《》")
    if kind == "regulation":
        local = bool(_PLACE.match(name))
        if name.endswith("法") and not name.endswith("办法"):
            return "法律"
        if name.endswith("条例"):
            return "地方性法规" if local else "行政法规"
        if name.startswith("国务院") and name.endswith("规定"):
            return "行政法规"
        if local and name.endswith(("办法", "规定", "细则")) and "实施" in name:
            return "地方性法规"
    return _LEVEL_OF_KIND.get(kind, "规范性文件")


@dataclass(frozen=True)
class CatalogEntry:
    """The catalog card of one corpus document (``<file>.toml`` beside it).

    ``level`` and ``status`` are never empty: a card without them (an old card, a user's file) gets
    ``default_level`` and 现行有效. ``repealed_by`` / ``superseded_by`` name the provision as
    ``"<doc id> <article>"`` (``coal-mine-safety-regulation 第七十六条``) or in free text.
    """

    id: str
    title: str
    kind: str = "regulation"
    issuer: str = ""
    doc_number: str = ""
    date_issued: str = ""
    source: str = ""
    level: str = ""
    date_effective: str = ""
    last_revised: str = ""
    status: str = ""
    superseded_by: str = ""
    repealed_by: str = ""

    def __post_init__(self) -> None:
        if not self.level:
            object.__setattr__(self, "level", default_level(self.kind, self.title))
        if not self.status:
            object.__setattr__(self, "status", "现行有效")

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
    # Document metadata that is not searchable text: the statute's own title line and revision
    # history (``{"title": …, "history": [...]}``), read from above ``<!-- INFO END -->``.
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return self.catalog.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog.to_dict(),
            "path": self.path,
            "sha256": self.sha256,
            "text": self.text,
            "notes": self.notes,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            CatalogEntry(**data["catalog"]),
            data["path"],
            data["sha256"],
            data["text"],
            list(data.get("notes", [])),
            dict(data.get("meta", {})),
        )


@dataclass(frozen=True)
class Part:
    """A 款, 项 or 目 of an article; ``start``/``end`` are offsets into the document text.

    ``paragraph`` is the 款 the part belongs to (a 款's own number); ``item`` the 项 a 目 belongs to.
    """

    kind: str  # "款" | "项" | "目"
    number: int
    start: int
    end: int
    paragraph: int
    item: int = 0

    @property
    def label(self) -> str:
        """``第二款`` / ``第（二）项`` / ``第2目``, as a citation names it after the article."""
        if self.kind == "款":
            return f"第{int_to_cn(self.number)}款"
        if self.kind == "项":
            return f"第（{int_to_cn(self.number)}）项"
        return f"第{self.number}目"


@dataclass(frozen=True)
class Ref:
    """A cross-reference written inside an article (「依照本法第九十条的规定」, 「前款」, 「刑法」).

    ``start``/``end`` locate the words in the document text. ``law`` is the other law as written
    (``""`` for the document itself); ``doc_id`` is the target document when it is in the corpus
    (``""`` = unresolved); ``article`` is ``""`` for a reference to a whole law.
    """

    text: str
    start: int
    end: int
    law: str = ""
    doc_id: str = ""
    article: str = ""
    paragraph: int = 0
    item: int = 0

    @property
    def resolved(self) -> bool:
        return bool(self.doc_id)

    @property
    def target(self) -> str:
        """The article label with its 款/项: ``第四十四条第一款``, ``第一百零一条第（二）项``."""
        out = self.article
        if self.paragraph:
            out += f"第{int_to_cn(self.paragraph)}款"
        if self.item:
            out += f"第（{int_to_cn(self.item)}）项"
        return out


def book(title: str) -> str:
    """A title in 书名号; one nested in it takes the inner marks: 《河南省实施〈中华人民共和国矿山安全法〉办法》."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def source_label(title: str, level: str = "", status: str = "", note: str = "", label: str = "") -> str:
    """How output names a source: 《中华人民共和国安全生产法》（法律·现行有效）第九十四条, or for a
    repealed one 《煤矿安全监察条例》（行政法规·已废止，由《煤矿安全生产条例》第七十六条废止）第九条."""
    facts = "·".join(x for x in (level, status) if x)
    if facts and note:
        facts += f"，{note}"
    return book(title) + (f"（{facts}）" if facts else "") + label


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
    # The document's rank and validity, carried so a hit or citation can show them without a lookup.
    doc_level: str = ""
    doc_status: str = ""
    status_note: str = ""  # 「由《煤矿安全生产条例》第七十六条废止」
    chapter: str = ""  # 编/章/节 the article stands in: 「第六章 法律责任」
    # A piece of an article keeps what the reader needs: the lead-in before its 项 and the text after
    # the last 项, when the piece itself does not contain them (verbatim slices of the article).
    lead_in: str = ""
    tail: str = ""
    parts: tuple[Part, ...] = ()  # the article's 款/项/目 (the same on every piece)
    refs: tuple[Ref, ...] = ()  # cross-references written inside this piece
    # What the provision is (ingest.provisions): 义务 禁止 罚则 定义 权利 程序 期限 目标; the same on
    # every piece of an article; "" for a preamble, closing or paragraph.
    role: str = ""
    roles: tuple[str, ...] = ()

    @property
    def frames_document(self) -> bool:
        """A document's 前言 or 落款: it says who issued the document and why, and binds nobody."""
        return self.kind in ("preamble", "closing")

    def retrieval_text(self) -> str:
        """What the retrievers see: the parent headings give the clause its context, and a piece of
        a long article gets its label, lead-in and tail."""
        context = " ".join(self.headings)
        if self.piece > 0 and self.title:
            context = f"{context} {self.title}".strip()
        if self.piece > 0 and self.parts and not self.text.startswith(self.label):
            context = f"{context} {self.label}".strip()
        body = self.text
        if self.lead_in:
            body = f"{self.lead_in}……{body}"
        if self.tail:
            body = f"{body}……{self.tail}"
        return f"{context}\n{body}" if context else body

    def source(self, with_label: bool = True) -> str:
        """《title》（level·status，note）label — see ``source_label``."""
        label = self.label if with_label else ""
        return source_label(self.doc_title, self.doc_level, self.doc_status, self.status_note, label)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["headings"] = list(self.headings)
        data["parts"] = [asdict(p) for p in self.parts]
        data["refs"] = [asdict(r) for r in self.refs]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clause:
        return cls(
            **{
                **data,
                "headings": tuple(data.get("headings", ())),
                "parts": tuple(Part(**p) for p in data.get("parts", ())),
                "refs": tuple(Ref(**r) for r in data.get("refs", ())),
                "roles": tuple(data.get("roles", ())),
            }
        )


@dataclass(frozen=True)
class Hit:
    """A clause returned by a retriever, with its score and rank (1-based)."""

    clause: Clause
    score: float
    rank: int
    sources: dict[str, float] = field(default_factory=dict)  # per-retriever scores, for debugging

    @property
    def relevance(self) -> float | None:
        """The reranker's probability that this is the clause asked for, among the candidates it ranked
        (None beyond its depth or without it). Unlike ``score`` (min-max fused: the top hit is always 1),
        it falls with the rank and says how sure the ranking is."""
        p = self.sources.get("rerank")
        return None if p is None else float(p)

    def relevance_label(self) -> str:
        """How a listing shows it: 「匹配概率 44%」, or the fused 「相关度」 where nothing was reranked."""
        p = self.relevance
        if p is None:
            return f"相关度 {self.score:.3f}"
        if p >= 0.995:
            return "匹配概率 >99%"
        return f"匹配概率 {p:.0%}" if p >= 0.005 else "匹配概率 <1%"

    def to_json(self) -> dict[str, Any]:
        """The stable ``search --json`` hit contract (``relevance`` added after the original keys)."""
        return {
            "doc_id": self.clause.doc_id,
            "doc_title": self.clause.doc_title,
            "clause": self.clause.label,
            "text": self.clause.text,
            "score": round(float(self.score), 6),
            "doc_level": self.clause.doc_level,
            "doc_status": self.clause.doc_status,
            "status_note": self.clause.status_note,
            "chapter": self.clause.chapter,
            "relevance": None if self.relevance is None else round(self.relevance, 4),
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
    # Filled from the cited clause by ``answer.verify`` (every citation passes through it).
    doc_level: str = ""
    doc_status: str = ""
    status_note: str = ""
    chapter: str = ""

    def source(self) -> str:
        """《title》（level·status，note）clause — see ``source_label``."""
        return source_label(self.doc_title, self.doc_level, self.doc_status, self.status_note, self.clause)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        """Inverse of ``to_json`` (keys it does not know are ignored; missing new keys stay empty)."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "clause": self.clause,
            "quote": self.quote,
            "doc_level": self.doc_level,
            "doc_status": self.doc_status,
            "status_note": self.status_note,
            "chapter": self.chapter,
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
