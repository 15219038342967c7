"""The evaluator registry: one evaluator per gold set (or feature), registered by name.

An evaluator is a function ``(EvalContext) -> SetResult`` that reports typed ``Metric``s (each with its
direction and whether the baseline gates it) and ``Failure``s. ``run_sets`` runs the chosen ones; a
set that raises is recorded with its error and fails the run (never skipped silently).

Gold sets carry a ``split`` ("dev" to tune on, "test" to report only); ``split_metrics`` reports a
figure over the whole set and, when the set has more than one split, once per split
(``answers.first_citation_accuracy@test``). See evals/README.md.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.engine import AnswerEngine
from assistant.config import Config
from assistant.errors import AssistantError, EvalError
from assistant.evaluate.datasets import GoldSets
from assistant.evaluate.results import EvalResult, Metric, SetResult
from assistant.retrieve.search import Searcher


@dataclass(frozen=True)
class EvalContext:
    """What every evaluator gets: the config, the gold sets (loaded once), and the parts to test."""

    config: Config
    evals_dir: Path
    gold: GoldSets
    searcher: Searcher
    engine: AnswerEngine  # extractive, over ``searcher``: reproducible offline


Evaluator = Callable[[EvalContext], SetResult]
REGISTRY: dict[str, Evaluator] = {}


def register(name: str) -> Callable[[Evaluator], Evaluator]:
    def deco(fn: Evaluator) -> Evaluator:
        REGISTRY[name] = fn
        return fn

    return deco


REPORT_ORDER = (
    "retrieval",
    "answers",
    "laws",
    "paraphrases",
    "drafts",
    "quiz",
    "grading",
    "feedback",
)  # sets registered later come after


def evaluators() -> dict[str, Evaluator]:
    """Every registered evaluator, in the order the sets are reported."""
    from assistant.evaluate import answers, content, feedback, laws, retrieval  # noqa: F401 - they register

    rank = {name: i for i, name in enumerate(REPORT_ORDER)}
    return dict(sorted(REGISTRY.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def resolve_sets(sets: Iterable[str]) -> list[str]:
    known = list(evaluators())
    chosen: list[str] = []
    for name in sets:
        if name == "all":
            chosen += [s for s in known if s not in chosen]
        elif name in known:
            if name not in chosen:
                chosen.append(name)
        else:
            raise EvalError(f"未知的评测集 {name!r}；可选：{', '.join(known)}、all")
    return chosen


def run_sets(ctx: EvalContext, sets: Iterable[str], result: EvalResult) -> EvalResult:
    registry = evaluators()
    for name in resolve_sets(sets):
        t0 = time.perf_counter()
        try:
            set_result = registry[name](ctx)
        except Exception as exc:  # noqa: BLE001 - any failure of a set fails the run, loudly, with its reason
            set_result = SetResult(
                name, error=str(exc) if isinstance(exc, AssistantError) else f"{type(exc).__name__}: {exc}"
            )
            if not isinstance(exc, AssistantError):
                set_result.details["traceback"] = traceback.format_exc()
        set_result.seconds = time.perf_counter() - t0
        result.sets[name] = set_result
    return result


def split_metrics(
    name: str,
    splits: Sequence[str],
    compute: Callable[[list[int]], float],
    direction: str = "higher",
    gated: bool = True,
) -> list[Metric]:
    """``name`` over every case, plus ``name@<split>`` per split when the cases hold more than one.

    ``splits[i]`` is case i's split; ``compute(indices)`` gives the figure over those cases."""
    everything = list(range(len(splits)))
    out = [Metric(name, compute(everything), direction, gated)]
    present = sorted(set(splits))
    if len(present) > 1:
        for split in present:
            idx = [i for i in everything if splits[i] == split]
            out.append(Metric(f"{name}@{split}", compute(idx), direction, gated, split))
    return out


def share_metrics(
    name: str, rows: Sequence[tuple[str, bool]], direction: str = "higher", empty: float = 0.0
) -> list[Metric]:
    """``split_metrics`` of the share of true cases, ``rows`` being each case's (split, outcome)."""
    return split_metrics(
        name,
        [split for split, _ in rows],
        lambda idx: ratio(sum(rows[i][1] for i in idx), len(idx), empty),
        direction,
    )


def ratio(numerator: int | float, denominator: int | float, empty: float = 0.0) -> float:
    return numerator / denominator if denominator else empty
