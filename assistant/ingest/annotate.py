"""Annotate parsed clauses with what each provision is: its role, and the penalty ↔ duty links.

The analysis itself (``provisions.analyse``, ``links.link_penalties``) is pure and works on one article
as plain values. This module feeds it the corpus as the index holds it: the pieces of one article are
joined back into the article's verbatim text, its 款/项 are passed as offsets, and every piece gets the
article's role. Links are made per document, with the laws a penalty names (「依照《中华人民共和国安全
生产法》有关规定予以处罚」) available by title.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from assistant.ingest.links import Link, link_penalties
from assistant.ingest.provisions import Provision, analyse
from assistant.numerals import int_to_cn
from assistant.schema import Clause, Document

ArticleKey = tuple[str, str]  # (doc id, clause label)


def article_pieces(clauses: Iterable[Clause]) -> dict[ArticleKey, list[Clause]]:
    """The pieces of every clause, by (doc id, label), in order."""
    out: dict[ArticleKey, list[Clause]] = {}
    for c in clauses:
        out.setdefault((c.doc_id, c.label), []).append(c)
    return out


def analyse_article(document: Document, pieces: Sequence[Clause]) -> Provision:
    """The provision of one article (or plan item), from its pieces as indexed."""
    first = pieces[0]
    start = min(c.start for c in pieces)
    end = max(c.end for c in pieces)
    text = document.text[start:end]
    paragraphs = [(p.start - start, p.end - start) for p in first.parts if p.kind == "款"] or None
    items = [
        (f"（{int_to_cn(p.number)}）", document.text[p.start : p.end]) for p in first.parts if p.kind == "项"
    ]
    return analyse(
        text,
        first.label,
        first.chapter,
        first.doc_level,
        items=items or None,
        doc_id=first.doc_id,
        paragraphs=paragraphs,
    )


def analyse_corpus(documents: Sequence[Document], clauses: Sequence[Clause]) -> dict[ArticleKey, Provision]:
    by_id = {d.doc_id: d for d in documents}
    return {
        key: analyse_article(by_id[key[0]], pieces)
        for key, pieces in article_pieces(clauses).items()
        if key[0] in by_id and pieces[0].kind == "clause"
    }


def with_roles(clauses: Sequence[Clause], provisions: Mapping[ArticleKey, Provision]) -> list[Clause]:
    """Every piece with its article's role (clauses that are not provisions keep an empty role)."""
    out = []
    for c in clauses:
        p = provisions.get((c.doc_id, c.label))
        out.append(dataclasses.replace(c, role=p.role, roles=p.roles) if p else c)
    return out


def corpus_links(documents: Sequence[Document], provisions: Mapping[ArticleKey, Provision]) -> list[Link]:
    """Penalty → duty links of every document; a penalty may name another law of the corpus."""
    by_doc: dict[str, list[Provision]] = {}
    for (doc_id, _), p in provisions.items():
        by_doc.setdefault(doc_id, []).append(p)
    named = {d.catalog.title: by_doc.get(d.doc_id, []) for d in documents}
    links: list[Link] = []
    for provs in by_doc.values():
        links += link_penalties(provs, named=named)
    return links
