"""Links across documents, made once the whole corpus is read: references to another law by name
(「依照刑法有关规定」, 「《矿山安全法》第四十条」) resolve to that document when its title is in the
corpus, and a status note names the repealing document by its title
(「由《煤矿安全生产条例》第七十六条废止」) instead of its id.

Each file is ingested on its own (and reused unchanged across builds), so this runs over all clauses
on every build; it depends only on the catalog and the clauses, and is idempotent.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.ingest.catalog import status_note
from assistant.ingest.refs import title_key
from assistant.schema import Clause, Document, Ref
from assistant.text.deletions import is_deleted_note


def link_corpus(documents: list[Document], clauses: list[Clause]) -> list[Clause]:
    """``clauses`` with references to other corpus documents resolved and status notes titled."""
    titles = {d.doc_id: d.catalog.title for d in documents}
    by_title = {title_key(d.catalog.title): d.doc_id for d in documents}
    labels = {(c.doc_id, c.label) for c in clauses}
    notes = {d.doc_id: status_note(d.catalog, titles) for d in documents}
    out = []
    for c in clauses:
        refs = tuple(_resolve(r, by_title, labels) for r in c.refs)
        # an article the text marks deleted keeps its own note (``text.deletions``)
        note = c.status_note if is_deleted_note(c.status_note) else notes.get(c.doc_id, c.status_note)
        if refs != c.refs or note != c.status_note:
            c = replace(c, refs=refs, status_note=note)
        out.append(c)
    return out


def _resolve(ref: Ref, by_title: dict[str, str], labels: set[tuple[str, str]]) -> Ref:
    if not ref.law:
        return ref
    doc_id = by_title.get(title_key(ref.law), "")
    if doc_id and ref.article and (doc_id, ref.article) not in labels:
        doc_id = ""  # the law is here but has no such article: do not link to a wrong place
    return replace(ref, doc_id=doc_id) if doc_id != ref.doc_id else ref
