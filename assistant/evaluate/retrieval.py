"""Retrieval eval: hit@1, hit@5 and MRR@10 per retrieval method, overall and per question style.

Methods measured on ``evals/retrieval.jsonl``: ``bm25``, ``dense``, weighted fusion with a sweep of
BM25 weights (``hybrid-weighted-0.5`` … ``-0.9``) and reciprocal-rank fusion (``hybrid-rrf``, equal
weights). ``hybrid`` is the configured default (``config.fusion`` / ``config.bm25_weight``) under its own
name too, so the baseline gates what users actually get. A hit is any ``expected`` clause; a question is
listed as a failure when the default method does not put an expected clause first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.evaluate.datasets import STYLES, RetrievalCase
from assistant.evaluate.metrics import first_relevant_rank, hit_at_k, mean, recall_at_k, reciprocal_rank
from assistant.evaluate.registry import EvalContext, register
from assistant.evaluate.results import Failure, Metric, SetResult
from assistant.retrieve.base import Retriever
from assistant.retrieve.hybrid import HybridRetriever
from assistant.retrieve.search import Searcher
from assistant.text.query import Query

SWEEP = (0.5, 0.6, 0.7, 0.8, 0.9)
DEPTH = 10  # ranks retrieved per question; MRR is MRR@10
GATED = ("hit@1", "hit@5", "mrr")


@dataclass(frozen=True)
class Variant:
    name: str
    method: str  # "bm25" | "dense" | "hybrid"
    fusion: str = ""  # "weighted" | "rrf" for hybrid
    bm25_weight: float = 0.0


def variants(fusion: str, bm25_weight: float) -> list[Variant]:
    """bm25, dense, the weighted sweep, RRF, and the configured default (as ``hybrid``: the search
    users get, reranked when ``rerank`` is on; the sweep variants are plain fusion)."""
    out = [Variant("bm25", "bm25"), Variant("dense", "dense")]
    weights = sorted({*SWEEP, round(bm25_weight, 2)}) if fusion == "weighted" else SWEEP
    out += [
        Variant(
            f"hybrid-weighted-{w:.1f}" if w * 10 == int(w * 10) else f"hybrid-weighted-{w}",
            "hybrid",
            "weighted",
            w,
        )
        for w in weights
    ]
    out.append(Variant("hybrid-rrf", "hybrid", "rrf", 0.5))
    if fusion == "rrf" and round(bm25_weight, 2) != 0.5:
        out.append(Variant(f"hybrid-rrf-{bm25_weight}", "hybrid", "rrf", bm25_weight))
    out.append(Variant("hybrid", "hybrid", fusion, bm25_weight))
    return out


class _Memo:
    """Caches a retriever's unfiltered scores per query, so the sweep embeds each question once."""

    def __init__(self, inner: Retriever):
        self.inner = inner
        self.name = inner.name
        self._cache: dict[str, dict[int, float]] = {}

    def scores(self, query: Query, mask: np.ndarray | None = None) -> dict[int, float]:
        if mask is not None:
            return self.inner.scores(query, mask)
        if query.text not in self._cache:
            self._cache[query.text] = self.inner.scores(query)
        return self._cache[query.text]


def rankings(
    searcher: Searcher, queries: Sequence[Query], retriever: Retriever
) -> list[list[tuple[str, str]]]:
    """The top-``DEPTH`` (doc_id, clause label) ranking of every query under ``retriever``."""
    out = []
    for query in queries:
        hits = searcher.search(query, DEPTH, retriever=retriever)
        out.append([(h.clause.doc_id, h.clause.label) for h in hits])
    return out


def _retriever(variant: Variant, bm25: Retriever, dense: Retriever) -> Retriever:
    """A fresh retriever for ``variant`` over the shared (memoised) parts; the searcher is not touched."""
    if variant.method == "bm25":
        return bm25
    if variant.method == "dense":
        return dense
    w = variant.bm25_weight
    return HybridRetriever([bm25, dense], [w, 1.0 - w], method=variant.fusion)


def score_cases(
    cases: Sequence[RetrievalCase], ranked: Sequence[Sequence[tuple[str, str]]]
) -> dict[str, float]:
    """hit@1, hit@5, MRR@10, first-hit@1 (``expected[0]`` first) and recall@5 over ``cases``."""
    rel = [[(e.doc_id, e.clause) for e in c.expected] for c in cases]
    return {
        "hit@1": mean(hit_at_k(r, e, 1) for r, e in zip(ranked, rel, strict=True)),
        "hit@5": mean(hit_at_k(r, e, 5) for r, e in zip(ranked, rel, strict=True)),
        "mrr": mean(reciprocal_rank(r, e, DEPTH) for r, e in zip(ranked, rel, strict=True)),
        "first-hit@1": mean(hit_at_k(r, e[:1], 1) for r, e in zip(ranked, rel, strict=True)),
        "recall@5": mean(recall_at_k(r, e, 5) for r, e in zip(ranked, rel, strict=True)),
        "n": float(len(cases)),
    }


def _failures(cases: Sequence[RetrievalCase], ranked: Sequence[Sequence[tuple[str, str]]]) -> list[Failure]:
    out = []
    for case, ranking in zip(cases, ranked, strict=True):
        relevant = [(e.doc_id, e.clause) for e in case.expected]
        rank = first_relevant_rank(ranking, relevant)
        if rank == 1:
            continue
        top = " ".join(ranking[0]) if ranking else "（无结果）"
        where = f"（期望条款排第 {rank}）" if rank else f"（前 {DEPTH} 名无期望条款）"
        expected = "；".join(str(e) for e in case.expected)
        out.append(Failure("retrieval", case.id, case.question, expected, top + where))
    return out


def evaluate_retrieval(searcher: Searcher, cases: Sequence[RetrievalCase]) -> SetResult:
    """Every method variant on ``cases``: metrics ``retrieval.<variant>[.<style>].<metric>`` (and per
    split ``…@dev``/``…@test`` when the cases hold both). Gated: ``gated_metric``."""
    config = searcher.config
    result = SetResult("retrieval")
    known = {(c.doc_id, c.label) for c in searcher.clauses}
    unknown = sorted({str(e) for c in cases for e in c.expected if (e.doc_id, e.clause) not in known})
    table: dict[str, dict[str, dict[str, float]]] = {}
    queries = [searcher.query(c.question) for c in cases]
    bm25, dense = _Memo(searcher.bm25), _Memo(searcher.dense)
    splits = sorted({c.split for c in cases})
    for variant in variants(config.fusion, config.bm25_weight):
        if variant.name == "hybrid":  # the default search, as users get it (reranked when configured)
            ranked = [[(h.clause.doc_id, h.clause.label) for h in searcher.search(q, DEPTH)] for q in queries]
        else:
            ranked = rankings(searcher, queries, _retriever(variant, bm25, dense))
        rows = {"all": score_cases(cases, ranked)}
        for style in STYLES:
            idx = [i for i, c in enumerate(cases) if c.style == style]
            if idx:
                rows[style] = score_cases([cases[i] for i in idx], [ranked[i] for i in idx])
        table[variant.name] = rows
        for group, scores in rows.items():
            prefix = f"retrieval.{variant.name}" + ("" if group == "all" else f".{group}")
            result.add(
                *(
                    Metric(f"{prefix}.{m}", v, gated=gated_metric(f"{prefix}.{m}"))
                    for m, v in scores.items()
                    if m != "n"
                )
            )
        if len(splits) > 1:
            for split in splits:
                idx = [i for i, c in enumerate(cases) if c.split == split]
                scores = score_cases([cases[i] for i in idx], [ranked[i] for i in idx])
                prefix = f"retrieval.{variant.name}"
                result.add(
                    *(
                        Metric(f"{prefix}.{m}@{split}", v, gated=gated_metric(f"{prefix}.{m}"), split=split)
                        for m, v in scores.items()
                        if m != "n"
                    )
                )
        if variant.name == "hybrid":
            result.failures = _failures(cases, ranked)
    best = max(
        (n for n in table if n != "hybrid"), key=lambda n: (table[n]["all"]["hit@1"], table[n]["all"]["mrr"])
    )
    result.details = {
        "default": f"{config.fusion}, bm25_weight={config.bm25_weight}",
        "best": best,
        "questions": len(cases),
        "unknown_expected_clauses": unknown,
        "table": table,
    }
    return result


@register("retrieval")
def retrieval_set(ctx: EvalContext) -> SetResult:
    return evaluate_retrieval(ctx.searcher, ctx.gold.retrieval)


def gated_metric(name: str) -> bool:
    """Retrieval metrics the baseline gates: overall bm25/dense/hybrid, and hybrid per style."""
    parts = name.split(".")
    if len(parts) == 3:
        return parts[1] in ("bm25", "dense", "hybrid") and parts[2] in GATED
    return len(parts) == 4 and parts[1] == "hybrid" and parts[2] in STYLES and parts[3] in GATED
