""" "Which clause applies": for a described situation, the applicable clauses ranked, each with the
sentence that makes it apply (trigger), the consequence it states (if any), and — for a local plan
item — the national measure clause on the same subject.

Ranking is the hybrid search over the situation text; the trigger is the best-scoring sentence of the
clause (same scorer as extractive answers). The consequence is the comma-delimited segment of the
clause text holding a sanction phrase (责令…停产整顿, 一案双罚, 关闭取缔, 追究…责任 …), quoted
verbatim, preferring the trigger sentence. Nothing is paraphrased, so every field can be verified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.answer.extractive import score_sentences
from assistant.retrieve.search import SearcherLike
from assistant.schema import Clause

_SANCTION = re.compile(
    r"停产整顿|一案双罚|关闭取缔|推倒重来|提级调查|提请.{0,8}关闭|吊销|不再延期|一律|依法.{0,6}(?:处罚|查处|追究)|"
    r"追究.{0,12}责任|倒查|约谈|通报|从重惩处|黑名单|不予|严禁|不得"
)
_SEGMENT = re.compile(r"[^，,；;。]+")
NATIONAL_KINDS = ("national-measure", "notice", "regulation", "standard")
RELATED_MIN_BM25 = 4.0  # raw BM25 of the trigger sentence against the national clause


@dataclass(frozen=True)
class Applicable:
    clause: Clause
    score: float
    trigger: str
    consequence: str | None
    related: Clause | None = None

    def to_json(self) -> dict[str, Any]:
        rel = None
        if self.related is not None:
            rel = {
                "doc_id": self.related.doc_id,
                "doc_title": self.related.doc_title,
                "clause": self.related.label,
            }
        return {
            "doc_id": self.clause.doc_id,
            "doc_title": self.clause.doc_title,
            "clause": self.clause.label,
            "score": round(self.score, 4),
            "trigger": self.trigger,
            "consequence": self.consequence,
            "related_national": rel,
        }


def find_consequence(clause: Clause, trigger: str) -> str | None:
    """The verbatim sanction segment: in the trigger sentence if it has one, else anywhere in the clause.

    Prohibitions (严禁, 不得) count only inside the trigger, where they are what applies.
    """
    strong = re.compile(_SANCTION.pattern.replace("|严禁|不得", ""))
    for text, pattern in ((trigger, strong), (clause.text, strong)):
        for seg in _SEGMENT.findall(text):
            # a segment ending in 的 is a condition (…经停产整顿仍达不到条件的), not the consequence
            if pattern.search(seg) and not seg.rstrip().endswith("的"):
                return seg.strip()
    return None


def which_clauses_apply(searcher: SearcherLike, situation: str, k: int = 8) -> list[Applicable]:
    query = searcher.query(situation)
    hits = searcher.search(query, k)
    words = list(query.content_words)
    out: list[Applicable] = []
    for hit in hits:
        sentences = score_sentences(hit.clause, words)
        if not sentences:
            continue
        trigger = max(sentences, key=lambda s: s.score).text
        out.append(
            Applicable(
                hit.clause,
                float(hit.score),
                trigger,
                find_consequence(hit.clause, trigger),
                _national_counterpart(searcher, hit.clause, trigger),
            )
        )
    return out


def _national_counterpart(searcher: SearcherLike, clause: Clause, trigger: str) -> Clause | None:
    """For a local-plan clause, the national measure/notice clause on the same subject, if one is close."""
    if clause.doc_kind != "local-plan":
        return None
    best: tuple[float, Clause] | None = None
    query = searcher.query(trigger)  # analysed once for every national document
    for doc_id, doc in searcher.store.documents.items():
        if doc.catalog.kind not in NATIONAL_KINDS or doc_id == clause.doc_id:
            continue
        for hit in searcher.search(query, 1, doc=doc_id, method="bm25"):
            raw = hit.sources.get("bm25", hit.score)
            if hit.clause.kind == "clause" and raw >= RELATED_MIN_BM25 and (best is None or raw > best[0]):
                best = (raw, hit.clause)
    return best[1] if best else None
