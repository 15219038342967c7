"""Fit the penalty → duty link parameters on the ``dev`` links and report them out of sample.

Usage: .venv/bin/python scripts/fit_links.py [--write]

Gold: ``evals/laws/links.jsonl``, one record per penalty unit (law, article, 款, 项) with the duty
articles it enforces, hand-checked by reading both; ``[]`` where no single duty is enforced. A unit
the analysis marks as a penalty but the gold does not list counts as expecting no link.

- precision: links whose duty article is in the unit's gold list / all links made;
- recall: units with a non-empty gold list that got at least one right link / those units.

The grid is searched for the best F0.5 (precision weighs double: a wrong link shows an inspector the
wrong duty) on the dev laws. Cross-validation leaves one dev law out at a time: fit on the others,
score the held-out law; the pooled held-out figures are printed. The test laws (安全生产法) are scored
once with the parameters fitted on all dev laws, and never used for choosing. ``--write`` stores the
fitted parameters and the figures in ``assistant/data/link_params.json``.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.ingest.links import Link, LinkParams, keep, link_penalties  # noqa: E402
from assistant.text.tokenize import tokenize  # noqa: E402
from tests.provisions_corpus import LAWS, TITLE_TO_DOC, law, link_scores  # noqa: E402

GOLD = REPO / "evals" / "laws" / "links.jsonl"
PARAMS = REPO / "assistant" / "data" / "link_params.json"

MEASURES = ("coverage", "dice", "cosine")
BONUSES = (0.0, 0.05, 0.1, 0.2)
MISMATCH = (0.0, 0.5, 1.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 21))
RATIOS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
MAX_LINKS = (1, 2, 3)
GRANULARITY = ("unit", "sentence", "both")


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@functools.cache
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(tokenize(text))


def _tokenizer(text: str) -> list[str]:
    return list(_tokens(text))


@functools.cache
def _named() -> dict:
    return {title: law(doc) for title, doc in TITLE_TO_DOC.items() if doc != "criminal-law"}


@functools.cache
def scored(
    doc_id: str, measure: str, bonus: float, mismatch: float, granularity: str
) -> tuple[tuple[tuple, tuple[Link, ...]], ...]:
    """Per penalty unit: its top candidates (wide open selection), for the selection grid."""
    wide = LinkParams(0.0, 0.0, bonus, mismatch, measure, max(MAX_LINKS), granularity)
    links = link_penalties(law(doc_id), _tokenizer, wide, named=_named())
    units = [(doc_id, p.label, u.paragraph, u.item) for p in law(doc_id) for u in p.penalty_units()]
    by_unit: dict[tuple, list[Link]] = {k: [] for k in units}
    for x in links:
        by_unit.setdefault((x.doc_id, x.penalty, x.paragraph, x.item), []).append(x)
    return tuple((k, tuple(v)) for k, v in by_unit.items())


def select(candidates: tuple[Link, ...], params: LinkParams) -> list[Link]:
    """What ``link_penalties`` keeps with ``params``: links by reference always, else ``keep``."""
    refs = [x for x in candidates if x.reason == "ref"]
    return refs or keep(candidates, params)


def evaluate(docs: list[str], params: LinkParams, gold: dict) -> dict:
    result = link_scores(
        (doc, select(candidates, params), gold.get(key, set()))
        for doc in docs
        for key, candidates in scored(
            doc, params.measure, params.subject_bonus, params.state_mismatch, params.granularity
        )
    )
    p, r = result["precision"], result["recall"]
    return result | {"f05": 1.25 * p * r / (0.25 * p + r) if p + r else 0.0}


def fit(docs: list[str], gold: dict) -> tuple[LinkParams, dict]:
    best: tuple[float, LinkParams, dict] | None = None
    for measure, bonus, mismatch, granularity in itertools.product(MEASURES, BONUSES, MISMATCH, GRANULARITY):
        for threshold, ratio, max_links in itertools.product(THRESHOLDS, RATIOS, MAX_LINKS):
            params = LinkParams(threshold, ratio, bonus, mismatch, measure, max_links, granularity)
            result = evaluate(docs, params, gold)
            if best is None or result["f05"] > best[0] + 1e-9:
                best = (result["f05"], params, result)
    assert best is not None
    return best[1], best[2]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true", help="store the parameters fitted on all dev laws")
    args = parser.parse_args()
    records = load_gold()
    gold = {(r["doc_id"], r["penalty"], r["paragraph"], r["item"]): set(r["duties"]) for r in records}
    dev = sorted({r["doc_id"] for r in records if r["split"] == "dev"})
    test = sorted({r["doc_id"] for r in records if r["split"] == "test"})

    print("leave-one-law-out cross-validation on dev:")
    pooled = {"right": 0, "links": 0, "hit": 0, "units": 0}
    for held in dev:
        params, _ = fit([d for d in dev if d != held], gold)
        result = evaluate([held], params, gold)
        for k in pooled:
            pooled[k] += result[k]
        print(
            f"  held out {held}: precision {result['precision']:.3f} recall {result['recall']:.3f}  ({_brief(params)})"
        )
    cv_p = pooled["right"] / pooled["links"] if pooled["links"] else 0.0
    cv_r = pooled["hit"] / pooled["units"] if pooled["units"] else 0.0
    print(
        f"  pooled held-out: precision {cv_p:.3f} ({pooled['right']}/{pooled['links']}) recall {cv_r:.3f} ({pooled['hit']}/{pooled['units']})"
    )

    params, dev_result = fit(dev, gold)
    test_result = evaluate(test, params, gold)
    print(f"fitted on all dev: {_brief(params)}")
    print(f"  dev (in sample): precision {dev_result['precision']:.3f} recall {dev_result['recall']:.3f}")
    print(
        f"  test {', '.join(test)}: precision {test_result['precision']:.3f} ({test_result['right']}/{test_result['links']}) "
        f"recall {test_result['recall']:.3f} ({test_result['hit']}/{test_result['units']})"
    )
    print("penalties linked per law (fitted parameters):")
    print("  law | penalty articles linked | penalty 款/项 linked (by reference)")
    for doc_id in LAWS:
        if doc_id == "criminal-law":
            continue  # every article a penalty, no duty articles to link to
        links = link_penalties(law(doc_id), _tokenizer, params, named=_named())
        units = [(p.label, u.paragraph, u.item) for p in law(doc_id) for u in p.penalty_units()]
        linked = {(x.penalty, x.paragraph, x.item) for x in links}
        by_ref = {(x.penalty, x.paragraph, x.item) for x in links if x.reason == "ref"}
        articles = {k[0] for k in units}
        print(
            f"  {doc_id} | {len({k[0] for k in linked})}/{len(articles)} | "
            f"{len(linked)}/{len(units)} ({len(by_ref)})"
        )
    if args.write:
        data = asdict(params) | {
            "fitted_by": "scripts/fit_links.py",
            "cv_precision": round(cv_p, 3),
            "cv_recall": round(cv_r, 3),
            "test_precision": round(test_result["precision"], 3),
            "test_recall": round(test_result["recall"], 3),
        }
        PARAMS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS.relative_to(REPO)}")


def _brief(p: LinkParams) -> str:
    return (
        f"measure={p.measure} threshold={p.threshold} ratio={p.ratio} bonus={p.subject_bonus} "
        f"state_mismatch={p.state_mismatch} max_links={p.max_links} granularity={p.granularity}"
    )


if __name__ == "__main__":
    main()
