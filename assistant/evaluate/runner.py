"""Run the eval sets: validate every gold set, bring the index up to date, then run the registered
evaluators (``assistant.evaluate.registry``) over one searcher and one extractive answer engine.

A set that cannot be evaluated (it raised, its gold data is broken) is recorded with an ``error`` and
fails the run: a set is never skipped silently.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable
from pathlib import Path

from assistant.answer.engine import AnswerEngine
from assistant.config import Config
from assistant.evaluate.datasets import load_all
from assistant.evaluate.registry import EvalContext, evaluators, resolve_sets, run_sets
from assistant.evaluate.results import EvalResult
from assistant.retrieve.search import Searcher

__all__ = ["ensure_index", "resolve_sets", "run_evals", "sets"]


def sets() -> tuple[str, ...]:
    """The registered sets, in report order."""
    return tuple(evaluators())


def ensure_index(config: Config, progress: bool = True) -> str:
    """Build or refresh the index when it is missing or stale; returns a one-line note of what was done."""
    from assistant.index.build import build_index, stale_reasons

    reasons = stale_reasons(config)
    if not reasons:
        return f"索引 {config.index_path} 已是最新"
    print(f"索引需要更新（{'；'.join(reasons)}），正在建立……", file=sys.stderr)
    report = build_index(config, progress=progress)
    return f"已重建索引 {config.index_path}（{report.n_clauses} 条，用时 {report.seconds:.1f} 秒；原因：{'；'.join(reasons)}）"


def run_evals(
    config: Config,
    sets: Iterable[str] = ("all",),
    evals_dir: Path = Path("evals"),
    *,
    progress: bool = True,
    searcher: Searcher | None = None,
    index_note: str = "",
) -> EvalResult:
    """Evaluate the chosen ``sets`` (registered names or ``all``) against the gold sets in ``evals_dir``.

    ``searcher``: an open, up-to-date searcher (the service passes its own); without one the index is
    brought up to date first and opened here."""
    chosen = resolve_sets(sets)
    evals_dir = Path(evals_dir)
    gold = load_all(evals_dir)  # a broken gold set stops the run before anything else, with file and line
    if searcher is None:
        index_note = ensure_index(config, progress)
        searcher = Searcher(config)
    extractive = dataclasses.replace(config, llm=dataclasses.replace(config.llm, base_url=""))
    ctx = EvalContext(config, evals_dir, gold, searcher, AnswerEngine(extractive, searcher))
    return run_sets(ctx, chosen, EvalResult(index_note=index_note))
