"""The parts of an article a question may match on its own: each 款, each 项 after its lead-in, and
each sentence of a plan's or notice's item (which has no 款/项).

A long article (「有下列情形之一的……：（一）……（十二）……」) embeds as one vector in which the one 项 a
question is about is diluted; the rerank features ``part_dense`` and ``part_coverage`` compare the
question with every part separately.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from assistant.index.embed_cache import EmbeddingCache
from assistant.ingest import statutes
from assistant.schema import Clause, Document

_SENTENCE_END = re.compile(r"(?<=[。；])")


def part_texts(clause: Clause, doc_text: str) -> list[str]:
    """The parts of the article whose first piece is ``clause``: its 款, its 项 each prefixed by its
    lead-in, or, without 款/项, its sentences. Empty when there is only one (the article is its part)."""
    if not clause.parts:
        out = [s.strip() for s in _SENTENCE_END.split(clause.text)]
    else:
        out = []
        for p in clause.parts:
            body = doc_text[p.start : p.end].strip()
            if p.kind == "款":
                out.append(body)
            elif p.kind == "项":
                lead = statutes.lead_in_span(clause.parts, p)
                out.append(doc_text[lead[0] : lead[1]].strip() + body if lead else body)
    out = [t for t in dict.fromkeys(out) if t]
    return out if len(out) > 1 else []


def article_part_texts(
    clauses: Iterable[Clause], documents: Mapping[str, Document]
) -> dict[tuple[str, str], list[str]]:
    """Per article (doc_id, label), its part texts (``part_texts`` of its first piece); articles that are
    their only part are left out."""
    out: dict[tuple[str, str], list[str]] = {}
    seen: set[tuple[str, str]] = set()
    for c in clauses:
        key = (c.doc_id, c.label)
        if key in seen or c.doc_id not in documents:
            continue
        seen.add(key)
        texts = part_texts(c, documents[c.doc_id].text)
        if texts:
            out[key] = texts
    return out


def all_part_texts(clauses: Iterable[Clause], documents: Mapping[str, Document]) -> list[str]:
    """Every part text of the articles of ``clauses``, article by article: what the index embeds."""
    return [t for ts in article_part_texts(clauses, documents).values() for t in ts]


def part_vectors(
    texts: Mapping[tuple[str, str], list[str]],
    embed: Callable[[list[str]], np.ndarray],
    cache: EmbeddingCache,
) -> dict[tuple[str, str], np.ndarray]:
    """Per article, the passage vectors of its parts, from the index's embedding cache (the index build
    embeds them, and the shipped file holds those of the shipped corpus); a part missing there is embedded
    now and kept in the cache."""
    flat = [t for ts in texts.values() for t in ts]
    vectors, embedded = cache.embed(flat, embed)
    if embedded:
        cache.save()
    out: dict[tuple[str, str], np.ndarray] = {}
    i = 0
    for key, ts in texts.items():
        out[key] = vectors[i : i + len(ts)]
        i += len(ts)
    return out
