"""Spans → size-capped ``Clause`` chunks; a long clause is split into pieces that keep its label.

A long article is split at its 款/项 line breaks first (sentence ends only inside a line longer than a
piece), and every piece keeps what the reader needs: the lead-in before its 项 and the 款 after the
last 项 go into the piece's ``lead_in``/``tail`` (and so into its retrieval text) when the piece does
not contain them. ``Clause.text`` stays a verbatim slice of the document.
"""

from __future__ import annotations

from assistant.ingest import statutes
from assistant.ingest.catalog import status_note
from assistant.ingest.clauses import Span
from assistant.ingest.refs import find_refs
from assistant.schema import CatalogEntry, Clause, Part, Ref
from assistant.text.deletions import deleted_note, deleted_on
from assistant.text.sentences import split_sentences

# v2: an article the text marks deleted is 已废止; v3: 「附件：」 opens an annex
CHUNKER_VERSION = "statutes-v3"
MAX_CHARS = 520  # ~ the 512-token window of e5-small for Chinese text; the longest 九江 item is 492 chars


def chunk_spans(
    text: str, spans: list[Span], catalog: CatalogEntry, max_chars: int = MAX_CHARS
) -> list[Clause]:
    clauses: list[Clause] = []
    articles = {s.label for s in spans if s.level == "article"}
    note = status_note(catalog)
    for span in spans:
        deleted = deleted_on(text[span.start : span.end]) if span.level == "article" else ""
        parts: tuple[Part, ...] = ()
        refs: list[Ref] = []
        if span.level == "article":
            parts = statutes.article_parts(text, span.body_start, span.end)
            refs = find_refs(text, span.body_start, span.end, catalog.id, span.label, parts, articles)
            pieces = _article_pieces(text, span, parts, max_chars)
        else:
            pieces = _pieces(text, span.start, span.end, max_chars)
        for i, (start, end) in enumerate(pieces):
            lead_in, tail = _context(text, parts, start, end) if len(pieces) > 1 else ("", "")
            clauses.append(
                Clause(
                    chunk_id=f"{catalog.id}:{len(clauses)}",
                    doc_id=catalog.id,
                    doc_title=catalog.title,
                    doc_kind=catalog.kind,
                    label=span.label,
                    kind=span.kind,
                    title=span.title,
                    headings=tuple(span.headings),
                    text=text[start:end],
                    start=start,
                    end=end,
                    piece=i,
                    pieces=len(pieces),
                    doc_level=catalog.level,
                    doc_status="已废止" if deleted else catalog.status,
                    status_note=deleted_note(deleted) if deleted else note,
                    chapter=span.chapter,
                    lead_in=lead_in,
                    tail=tail,
                    parts=parts,
                    refs=tuple(r for r in refs if start <= r.start < end),
                )
            )
    return clauses


def _article_pieces(text: str, span: Span, parts: tuple[Part, ...], max_chars: int) -> list[tuple[int, int]]:
    """Pieces of an article: whole lines (款, 项) packed up to the cap, which leaves room for the
    lead-in and tail every piece may have to carry."""
    if span.end - span.start <= max_chars:
        return [(span.start, span.end)]
    extra = 0
    items = statutes.items(parts)
    if items:
        lead = statutes.lead_in_span(parts, items[0])
        tail = statutes.tail_span(parts)
        extra = (lead[1] - lead[0] if lead else 0) + (tail[1] - tail[0] if tail else 0)
    budget = max(max_chars - extra, max_chars // 2)
    units: list[tuple[int, int]] = []
    for start, end in statutes.lines(text, span.start, span.end):
        if end - start <= budget:
            units.append((start, end))
        else:
            for s in split_sentences(text[start:end], offset=start):
                units.extend(_cut(text, s.start, s.end, budget))
    return _pack(units, budget)


def _context(text: str, parts: tuple[Part, ...], start: int, end: int) -> tuple[str, str]:
    """The lead-in and tail a piece [start, end) must carry: those of the 项 it holds, unless the
    piece holds them itself."""
    held = [p for p in statutes.items(parts) if p.start < end and p.end > start]
    if not held:
        return "", ""
    lead = statutes.lead_in_span(parts, held[0])
    tail = statutes.tail_span(parts)
    lead_in = text[lead[0] : lead[1]].rstrip() if lead and not start <= lead[0] < end else ""
    tail_text = text[tail[0] : tail[1]] if tail and not start <= tail[0] < end else ""
    return lead_in, tail_text


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Greedy sentence packing into pieces of at most ``max_chars`` (a longer sentence is cut at
    commas, then hard-cut); pieces cover the span with nothing dropped."""
    if end - start <= max_chars:
        return [(start, end)]
    units: list[tuple[int, int]] = []
    for s in split_sentences(text[start:end], offset=start):
        units.extend(_cut(text, s.start, s.end, max_chars))
    return _pack(units, max_chars)


def _pack(units: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    cur_start, cur_end = units[0]
    for u_start, u_end in units[1:]:
        if u_end - cur_start <= max_chars:
            cur_end = u_end
        else:
            pieces.append((cur_start, cur_end))
            cur_start, cur_end = u_start, u_end
    pieces.append((cur_start, cur_end))
    return pieces


def _cut(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    out = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cut = max(window.rfind("，"), window.rfind(","), window.rfind("、"))
        cut = start + cut + 1 if cut > max_chars // 3 else start + max_chars
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out
