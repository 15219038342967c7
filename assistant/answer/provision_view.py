"""One article as an inspector looks it up (`mine-assistant show 安全生产法 第一百零三条`): its text, its
document's level and validity, its chapter, what the ingest read in it (role, who is bound, sanctions per
款/项) and its links (the 罚则 that enforce it, or the duties it enforces; the articles it cites)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.errors import AssistantError
from assistant.ingest.links import duties_for, penalties_for
from assistant.retrieve.documents import find_document
from assistant.retrieve.search import SearcherLike
from assistant.schema import Clause, book


@dataclass(frozen=True)
class ProvisionView:
    clause: Clause  # the first piece (carries the document's level, status and the chapter)
    text: str  # the whole article, pieces joined
    role: str
    units: list[dict[str, Any]] = field(default_factory=list)  # ``Provision.to_json()["units"]``
    penalties: list[str] = field(default_factory=list)  # 「《title》label」 of the 罚则 enforcing it
    duties: list[str] = field(default_factory=list)  # 「《title》label」 of the duties a 罚则 enforces
    refs: list[str] = field(default_factory=list)  # cross-references written in it, as written

    def to_json(self) -> dict[str, Any]:
        c = self.clause
        return {
            "doc_id": c.doc_id,
            "doc_title": c.doc_title,
            "clause": c.label,
            "doc_level": c.doc_level,
            "doc_status": c.doc_status,
            "status_note": c.status_note,
            "chapter": c.chapter,
            "role": self.role,
            "text": self.text,
            "units": self.units,
            "penalties": self.penalties,
            "duties": self.duties,
            "refs": self.refs,
        }


def article(searcher: SearcherLike, doc_id: str, label: str) -> tuple[str, list[Clause]]:
    """The whole text of one article (from its document, across its pieces) and its pieces in order;
    ("", []) when the index has no such article."""
    pieces = sorted(
        (c for c in searcher.clauses if c.doc_id == doc_id and c.label == label), key=lambda c: c.start
    )
    if not pieces:
        return "", []
    doc = searcher.store.documents.get(doc_id)
    if doc is None:
        return "".join(c.text for c in pieces), pieces
    return doc.text[pieces[0].start : pieces[-1].end], pieces


def provision_view(searcher: SearcherLike, document: str, label: str) -> ProvisionView:
    doc_id = find_document(searcher, document)
    text, pieces = article(searcher, doc_id, label.strip())
    if not pieces:
        title = searcher.store.documents[doc_id].catalog.title
        raise AssistantError(f"{book(title)}中没有「{label}」。条款标签写作 第一百零三条、二、（六）22. 等")
    first = pieces[0]
    provision = searcher.store.provision(doc_id, first.label)
    links = searcher.store.links
    titles = {d: doc.catalog.title for d, doc in searcher.store.documents.items()}

    def name(d: str, article: str) -> str:
        return f"{book(titles.get(d, d))}{article}"

    penalties = list(
        dict.fromkeys(name(x.doc_id, x.penalty) for x in penalties_for(links, doc_id, first.label))
    )
    duties = list(dict.fromkeys(name(x.duty_doc_id, x.duty) for x in duties_for(links, doc_id, first.label)))
    refs = list(dict.fromkeys(r.text for c in pieces for r in c.refs))
    return ProvisionView(
        first,
        text,
        provision.role if provision else first.role,
        provision.to_json()["units"] if provision else [],
        penalties,
        duties,
        refs,
    )
