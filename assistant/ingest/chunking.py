"""Spans → size-capped ``Clause`` chunks; a long clause is split at sentence ends, keeping its label."""

from __future__ import annotations

from assistant.ingest.clauses import Span
from assistant.schema import CatalogEntry, Clause
from assistant.text.sentences import split_sentences

CHUNKER_VERSION = "clauses-v1"
MAX_CHARS = 520  # ~ the 512-token window of e5-small for Chinese text; the longest 九江 item is 492 chars


def chunk_spans(
    text: str, spans: list[Span], catalog: CatalogEntry, max_chars: int = MAX_CHARS
) -> list[Clause]:
    clauses: list[Clause] = []
    for span in spans:
        pieces = _pieces(text, span.start, span.end, max_chars)
        for i, (start, end) in enumerate(pieces):
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
                )
            )
    return clauses


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Greedy sentence packing into pieces of at most ``max_chars`` (a longer sentence is cut at
    commas, then hard-cut); pieces cover the span with nothing dropped."""
    if end - start <= max_chars:
        return [(start, end)]
    units: list[tuple[int, int]] = []
    for s in split_sentences(text[start:end], offset=start):
        units.extend(_cut(text, s.start, s.end, max_chars))
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
