"""Fit the refusal model (assistant/data/refusal.json) on the dev halves of the gold sets.

    python scripts/calibrate_refusal.py            # cross-validate, fit on all dev, print test, write
    python scripts/calibrate_refusal.py --dry-run  # everything but writing

Cases, ``dev`` only: answerable questions (label 0) are the seed and law retrieval questions
(evals/retrieval.jsonl, evals/laws/retrieval.jsonl); out-of-corpus ones (label 1) are
evals/negatives.jsonl and evals/laws/negatives.jsonl. Each question is searched as ``ask`` searches it
(hybrid, reranked, ``top_k`` hits) and measured with ``refusal.evidence``.

The model is a logistic regression over ``refusal.FEATURES`` (standardised, class-balanced, L2),
fitted by gradient descent. The L2 strength and the threshold are chosen by 5-fold cross-validation on
dev (the strongest L2 whose CV recall is within ``TIE`` of the best), repeated over three fold assignments and pooled (the sets are small: one split alone moved the
test recall by 0.08): the threshold is the lowest probability at which at most ``MAX_FALSE_REFUSAL`` of the out-of-fold
answerable questions of each set are refused, counting the three rules (a word the corpus only uses
negated, a region no document names, a document title not indexed) as refusals too. The printed CV
figures are out-of-fold; the test halves are scored once with the model fitted on all of dev.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from fitted_file import stratified_folds, write_fitted  # noqa: E402

from assistant.answer import refusal  # noqa: E402
from assistant.config import load_config  # noqa: E402
from assistant.evaluate.datasets import (  # noqa: E402
    load_law_negatives,
    load_law_retrieval,
    load_negatives,
    load_retrieval,
)
from assistant.retrieve.search import Searcher  # noqa: E402

L2S = (0.001, 0.01, 0.1)
TIE = 0.01  # CV recalls this close are a tie, and the stronger penalty wins it
FOLDS = 5
REPEATS = 3
# The target is ≤ 5% wrongly refused out of sample. The CV figure is optimistic: the stopwords and
# synonyms that shape the evidence were written on dev questions (at 0.05 in CV, test gave 0.085 on the
# seed set), so the threshold aims at 0.03.
MAX_FALSE_REFUSAL = 0.03
OUT = REPO / "assistant" / "data" / "refusal.json"


@dataclass
class Case:
    set: str  # seed | laws
    split: str
    x: np.ndarray
    y: int  # 1 = out of corpus (should refuse)
    rule: bool  # refused by a rule whatever the score


def collect(searcher: Searcher, top_k: int) -> list[Case]:
    evals = REPO / "evals"
    corpus = searcher.store.corpus_text
    vocabulary = searcher.store.vocabulary
    out = []  # evidence with the searcher's own cosines (no embedding given: nothing neutralised)
    groups = (
        ("seed", load_retrieval(evals), 0),
        ("laws", load_law_retrieval(evals), 0),
        ("seed", load_negatives(evals), 1),
        ("laws", load_law_negatives(evals), 1),
    )
    for name, cases, label in groups:
        for c in cases:
            q = searcher.query(c.question)
            hits = searcher.search(q, top_k)
            ev = refusal.evidence(corpus, q, hits, vocabulary=vocabulary, titles=searcher.store.titles)
            rule = bool(ev.ruled_out)
            out.append(Case(name, c.split, np.array(ev.vector()), label, rule))
    return out


def fit(cases: list[Case], l2: float, steps: int = 3000, lr: float = 0.3) -> tuple[np.ndarray, float]:
    """Raw-scale coefficients and intercept of a class-balanced, L2-penalised logistic regression."""
    X = np.array([c.x for c in cases])
    y = np.array([c.y for c in cases], dtype=float)
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = (X - mu) / sd
    weight = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Z @ w + b)))
        g = weight * (p - y)
        w -= lr * (Z.T @ g + l2 * w)
        b -= lr * g.sum()
    return w / sd, float(b - (w * mu / sd).sum())


def probabilities(cases: list[Case], coef: np.ndarray, intercept: float) -> np.ndarray:
    z = np.array([c.x @ coef + intercept for c in cases])
    return 1 / (1 + np.exp(-np.clip(z, -50, 50)))


def choose_threshold(cases: list[Case], p: np.ndarray) -> float:
    """The lowest threshold whose false-refusal rate (rules included) is at most the target on each
    set: the target is the seed set's and the laws' own, so the pooled rate must not hide one of them."""
    sets = {c.set for c in cases}
    answerable = {name: [i for i, c in enumerate(cases) if c.y == 0 and c.set == name] for name in sets}
    for t in np.arange(0.05, 0.99, 0.01):
        if all(
            sum(cases[i].rule or p[i] > t for i in rows) / len(rows) <= MAX_FALSE_REFUSAL
            for rows in answerable.values()
            if rows
        ):
            return float(round(t, 2))
    return 0.99


def summary(cases: list[Case], p: np.ndarray, t: float, repeats: int = 1) -> str:
    parts = []
    for name in ("seed", "laws"):
        pos = [i for i, c in enumerate(cases) if c.set == name and c.y == 1]
        neg = [i for i, c in enumerate(cases) if c.set == name and c.y == 0]
        recall = np.mean([cases[i].rule or p[i] > t for i in pos]) if pos else float("nan")
        false = np.mean([cases[i].rule or p[i] > t for i in neg]) if neg else float("nan")
        parts.append(
            f"{name} refused out-of-corpus {recall:.3f} (n={len(pos) // repeats}), "
            f"answerable wrongly refused {false:.3f} (n={len(neg) // repeats})"
        )
    return "；".join(parts)


def folds_of(cases: list[Case], seed: int) -> list[int]:
    return stratified_folds([(c.set, c.y) for c in cases], FOLDS, seed=seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    config = load_config()
    searcher = Searcher(config)
    cases = collect(searcher, config.top_k)
    dev = [c for c in cases if c.split == "dev"]
    test = [c for c in cases if c.split == "test"]
    # repeated CV: every dev case is held out once per repeat; the threshold and the figures are
    # taken over all repeats together, so one lucky split does not choose them
    pooled = dev * REPEATS
    results: list[tuple[float, float, float, str]] = []
    for l2 in L2S:
        oof = np.zeros(len(pooled))
        for r in range(REPEATS):
            fold = folds_of(dev, seed=11 + r)
            for f in range(FOLDS):
                train = [c for c, g in zip(dev, fold, strict=True) if g != f]
                coef, intercept = fit(train, l2)
                held = [i for i, g in enumerate(fold) if g == f]
                oof[[r * len(dev) + i for i in held]] = probabilities([dev[i] for i in held], coef, intercept)
        t = choose_threshold(pooled, oof)
        recall = float(np.mean([c.rule or oof[i] > t for i, c in enumerate(pooled) if c.y == 1]))
        print(f"CV l2 {l2:<6} threshold {t:.2f}: {summary(pooled, oof, t, REPEATS)}")
        results.append((recall, l2, t, summary(pooled, oof, t, REPEATS)))
    # the strongest penalty whose CV recall is within noise of the best (one case in a hundred): a weaker one
    # that wins by a case or two is a split's luck, and its large coefficients do not carry to test
    top = max(r[0] for r in results)
    _, l2, t, cv_text = max((r for r in results if r[0] >= top - TIE), key=lambda r: r[1])
    coef, intercept = fit(dev, l2)
    print(f"chosen: l2 {l2}, threshold {t:.2f} — CV {cv_text}")
    print("coefficients: " + ", ".join(f"{n} {x:+.3f}" for n, x in zip(refusal.FEATURES, coef, strict=True)))
    test_text = summary(test, probabilities(test, coef, intercept), t)
    print(f"test (report only): {test_text}")
    if not args.dry_run:
        write_fitted(
            OUT,
            "scripts/calibrate_refusal.py",
            cv_text,
            test_text,
            features=list(refusal.FEATURES),
            coef=[round(float(x), 5) for x in coef],
            intercept=round(intercept, 5),
            threshold=t,
            l2=l2,
            embedding=searcher.store.manifest.embedding_id,
            dense_neutral=round(float(np.mean([c.x[1] for c in dev if c.y == 0])), 4),
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
