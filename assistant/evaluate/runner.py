"""Run the eval sets: retrieval (here), answers (``assistant.answer.evaluate``), drafts, quiz and grading
(``assistant.quiz.evaluate``), after validating every gold set and bringing the index up to date.

A set that cannot be evaluated (its module is missing, it raised, its gold data is broken) is recorded
with an ``error`` and fails the run: a set is never skipped silently.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from assistant.config import Config
from assistant.errors import AssistantError, EvalError
from assistant.evaluate.datasets import load_all, load_retrieval
from assistant.evaluate.results import EvalResult, Failure, SetResult
from assistant.evaluate.retrieval import evaluate_retrieval, gated_metric

SETS = ("retrieval", "answers", "drafts", "quiz", "grading")
CONTENT_SETS = ("drafts", "quiz", "grading")
ANSWERS_MODULE = "assistant.answer.evaluate"
CONTENT_MODULE = "assistant.quiz.evaluate"

# Keys of the feature modules' result dicts that are not metrics, and how a metric name tells its direction.
_NOT_METRICS = {
    "failures",
    "n",
    "count",
    "total",
    "seconds",
    "details",
    "drafts",
    "draft_numbers",
    "questions",
    "short_answers",
}
_LOWER_IS_BETTER = (
    "mae",
    "false",
    "duplicate",
    "length",
    "latency",
    "removed",
    "error",
    "fail",
    "seconds",
    "_ms",
    "chars",
)


def resolve_sets(sets: Iterable[str]) -> list[str]:
    chosen: list[str] = []
    for name in sets:
        if name == "all":
            chosen += [s for s in SETS if s not in chosen]
        elif name in SETS:
            if name not in chosen:
                chosen.append(name)
        else:
            raise EvalError(f"未知的评测集 {name!r}；可选：{', '.join(SETS)}、all")
    return chosen


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
    config: Config, sets: Iterable[str] = ("all",), evals_dir: Path = Path("evals"), *, progress: bool = True
) -> EvalResult:
    """Evaluate the chosen ``sets`` (names from ``SETS`` or ``all``) against the gold sets in ``evals_dir``."""
    chosen = resolve_sets(sets)
    evals_dir = Path(evals_dir)
    load_all(evals_dir)  # a broken gold set stops the run before anything else, with file and line
    result = EvalResult(index_note=ensure_index(config, progress))
    from assistant.retrieve.search import Searcher

    searcher = Searcher(config)
    content: dict[str, Any] | None = None

    def content_once() -> dict[str, Any]:
        nonlocal content
        if content is None:
            evaluate_content = _feature(CONTENT_MODULE, "evaluate_content")
            content = _as_dict(evaluate_content(searcher, evals_dir))
        return content

    runners: dict[str, Callable[[], SetResult]] = {
        "retrieval": lambda: _retrieval(searcher, evals_dir),
        "answers": lambda: _from_dict(
            "answers", _as_dict(_feature(ANSWERS_MODULE, "evaluate_answers")(config, evals_dir))
        ),
        **{
            name: (lambda name=name: _from_dict(name, _content_part(name, content_once())))
            for name in CONTENT_SETS
        },
    }
    for name in chosen:
        t0 = time.perf_counter()
        try:
            set_result = runners[name]()
        except Exception as exc:  # noqa: BLE001 - any failure of a set fails the run, loudly, with its reason
            set_result = SetResult(name, error=_reason(exc))
            if not isinstance(exc, AssistantError):
                set_result.details["traceback"] = traceback.format_exc()
        set_result.seconds = time.perf_counter() - t0
        result.sets[name] = set_result
    return result


def _retrieval(searcher: Any, evals_dir: Path) -> SetResult:
    result = evaluate_retrieval(searcher, load_retrieval(evals_dir))
    result.gated = {m: "higher" for m in result.metrics if gated_metric(m)}
    return result


def _feature(module_name: str, function: str) -> Callable[..., Any]:
    """The evaluation function of a feature module, or an EvalError saying it is missing."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise EvalError(f"模块 {module_name} 不存在，无法评测；该功能尚未实现或未安装（{exc}）") from None
        raise
    fn = getattr(module, function, None)
    if fn is None:
        raise EvalError(f"模块 {module_name} 没有 {function}()，无法评测")
    return fn  # type: ignore[no-any-return]


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, AssistantError) else f"{type(exc).__name__}: {exc}"


def _as_dict(data: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return dataclasses.asdict(data)
    if not isinstance(data, dict):
        raise EvalError(f"评测函数应返回 dict，实际返回 {type(data).__name__}")
    return data


def _content_part(name: str, content: dict[str, Any]) -> dict[str, Any]:
    """The part of ``evaluate_content``'s dict that belongs to the drafts, quiz or grading set.

    Accepts either sub-dicts named after the sets or one flat dict whose keys name their feature
    (``draft…``/``number_fidelity`` → drafts, ``grad…``/``agreement`` → grading, the rest → quiz).
    """
    if isinstance(content.get(name), dict):
        return content[name]
    if any(isinstance(content.get(s), dict) for s in CONTENT_SETS):
        raise EvalError(f"evaluate_content() 的结果没有 {name!r} 部分（有：{', '.join(content)}）")
    part = {k: v for k, v in content.items() if k != "failures" and _content_set(k) == name}
    part["failures"] = [f for f in content.get("failures", []) if _content_set(_failure_tag(f)) == name]
    if not [k for k in part if k != "failures"]:
        raise EvalError(f"evaluate_content() 的结果里没有 {name} 的指标（键：{', '.join(content)}）")
    return part


# The keys ``evaluate_content`` returns today; unknown keys fall back to the name heuristic below.
CONTENT_KEYS = {
    "drafts": "drafts", "draft_numbers": "drafts", "draft_number_fidelity": "drafts",
    "questions": "quiz", "questions_per_doc": "quiz", "answer_key_verified": "quiz", "duplicate_rate": "quiz",
    "short_answers": "grading", "grading_point_agreement": "grading", "grading_score_mae": "grading",
}  # fmt: skip


def _content_set(key: str) -> str:
    if key in CONTENT_KEYS:
        return CONTENT_KEYS[key]
    key = key.lower()
    if "draft" in key or "fidelity" in key:
        return "drafts"
    if "grad" in key or "agreement" in key:
        return "grading"
    return "quiz"


def _failure_tag(failure: Any) -> str:
    """The word that says which feature a failure belongs to (a string failure's first word)."""
    if isinstance(failure, dict):
        return str(failure.get("set") or failure.get("kind") or failure.get("feature") or "quiz")
    return str(getattr(failure, "set", "") or (str(failure).split() or ["quiz"])[0])


def _from_dict(name: str, data: dict[str, Any]) -> SetResult:
    """Flatten a feature module's result dict into ``name.key[.subkey]`` metrics plus failures."""
    result = SetResult(name)
    result.metrics = flatten(name, data)
    result.gated = {m: direction(m) for m in result.metrics if is_gated(m)}
    result.failures = [_failure(name, f) for f in data.get("failures", []) or []]
    result.details = {k: v for k, v in data.items() if k != "failures"}
    return result


def flatten(prefix: str, data: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in data.items():
        if key in ("failures", "details"):
            continue
        name = f"{prefix}.{key}"
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            out[name] = round(float(value), 4)
        elif isinstance(value, dict):
            out.update(flatten(name, value))
    return out


def is_gated(metric: str) -> bool:
    """Counts and timings are reported, not gated (they change with the gold sets or the machine)."""
    last = metric.rsplit(".", 1)[-1].lower()
    return (
        last not in _NOT_METRICS
        and not last.startswith("n_")
        and not last.endswith(("_count", "seconds", "_ms"))
    )


def direction(metric: str) -> str:
    last = metric.rsplit(".", 1)[-1].lower()
    return "lower" if any(word in last for word in _LOWER_IS_BETTER) else "higher"


def _failure(name: str, item: Any) -> Failure:
    """A feature module's failure (dict, dataclass or text) as a Failure; its own ``set`` tag (the gold
    file it came from) is kept as ``answers/negatives`` and the like."""
    if isinstance(item, Failure):
        return item
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        item = dataclasses.asdict(item)
    if isinstance(item, dict):
        sub = str(item.get("set") or "")
        where = f"{name}/{sub}" if sub and sub != name else name
        question = (
            item.get("question") or item.get("situation") or item.get("text") or item.get("title") or ""
        )
        return Failure(
            where, str(item.get("id", "")), str(question), _fmt(item.get("expected")), _fmt(item.get("got"))
        )
    text = str(item)
    head, _, rest = text.partition(" ")
    if rest and head.rstrip(":") in (name, name.rstrip("s")):  # "grading g003 …" under the grading set
        text = rest
    return Failure(name, "", text, "", "")


def _fmt(value: Any) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, dict):
        if {"doc_id", "clause"} <= value.keys():
            return f"{value['doc_id']} {value['clause']}"
        return "，".join(f"{k}={_fmt(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "；".join(_fmt(v) for v in value) or "（无）"
    return str(value)
