"""The provisions a clause is linked to at build (``ingest.links``): the 罚则 that sanction a duty, or
the duties a 罚则 enforces — as clauses, so `applies` can show them and LLM mode can hand them to the
model beside the clause it retrieved."""

from __future__ import annotations

from assistant.ingest.links import Link, duties_for, penalties_for
from assistant.schema import Clause

MAX_LINKED = 2  # linked 罚则 (or duties) per clause


def linked(
    links: list[Link], clause: Clause, pieces: dict[tuple[str, str], Clause], limit: int = MAX_LINKED
) -> tuple[Clause, ...]:
    """The 罚则 linked to a duty (best link first), or the duties a 罚则 enforces; ``pieces`` is the
    index's first piece of each article (``IndexStore.first_pieces``)."""
    if clause.role == "罚则":
        found = [(x.duty_doc_id, x.duty, x.score) for x in duties_for(links, clause.doc_id, clause.label)]
    else:
        found = [(x.doc_id, x.penalty, x.score) for x in penalties_for(links, clause.doc_id, clause.label)]
    out: list[Clause] = []
    for doc_id, label, _ in sorted(found, key=lambda t: -t[2]):
        c = pieces.get((doc_id, label))
        if c is not None and c not in out:
            out.append(c)
    return tuple(out[:limit])
