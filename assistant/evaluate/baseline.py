"""The committed baseline (``evals/baseline.json``) and the regression gate.

File format: ``{metric: {"value": float, "tolerance": float, "direction": "higher"|"lower"}}``. A metric
regresses when it is worse than ``value`` by more than ``tolerance`` in its direction; equal, within
tolerance or better passes. Only metrics of the sets that ran are checked; a baselined metric that a
run set no longer reports is a regression (a metric must not vanish silently).

Raising the baseline (``--update-baseline``) is a deliberate commit with the reason in its message.
Existing entries keep their hand-set tolerance and direction; only ``value`` is refreshed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import EvalError

DIRECTIONS = ("higher", "lower")
RATE_TOLERANCE = 0.02  # rates in [0, 1]: about 5 of the 236 retrieval questions
STYLE_TOLERANCE = 0.04  # per-style rates over ~30 questions: one question is 0.033
RELATIVE_TOLERANCE = 0.10  # counts and lengths (not rates): 10 % of the value


@dataclass(frozen=True)
class Spec:
    value: float
    tolerance: float
    direction: str = "higher"

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "tolerance": self.tolerance, "direction": self.direction}


@dataclass(frozen=True)
class Regression:
    metric: str
    baseline: float
    current: float | None  # None: the metric was not reported
    tolerance: float
    direction: str

    def line(self) -> str:
        if self.current is None:
            return f"✗ 回退 {self.metric}：基线 {self.baseline:g}，本次未报告该指标"
        sign = "≥" if self.direction == "higher" else "≤"
        return (
            f"✗ 回退 {self.metric}：{self.current:.4f}，基线 {self.baseline:.4f}（容差 {self.tolerance:g}，"
            f"应 {sign} {self.baseline - self.tolerance if self.direction == 'higher' else self.baseline + self.tolerance:.4f}）"
        )


def load_baseline(path: Path) -> dict[str, Spec]:
    """Read and validate the baseline; a missing file is an error naming the command that writes it."""
    path = Path(path)
    if not path.exists():
        raise EvalError(f"找不到基线文件 {path}；先运行 mine-assistant eval all --update-baseline 并提交它")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalError(f"基线文件 {path} 不是有效的 JSON：{exc}") from None
    if not isinstance(data, dict):
        raise EvalError(f"基线文件 {path} 应是 {{指标: {{value, tolerance, direction}}}} 的对象")
    out = {}
    for metric, spec in data.items():
        if metric.startswith("_"):  # "_comment" and the like
            continue
        ok = (
            isinstance(spec, dict)
            and _number(spec.get("value"))
            and _number(spec.get("tolerance"))
            and spec["tolerance"] >= 0
            and spec.get("direction", "higher") in DIRECTIONS
        )
        if not ok:
            raise EvalError(
                f"基线文件 {path} 中 {metric} 的写法不对：{spec!r}；"
                f'应为 {{"value": 数, "tolerance": 非负数, "direction": "higher"|"lower"}}'
            )
        out[metric] = Spec(float(spec["value"]), float(spec["tolerance"]), spec.get("direction", "higher"))
    return out


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check(baseline: dict[str, Spec], metrics: dict[str, float], sets: Iterable[str]) -> list[Regression]:
    """Regressions of ``metrics`` against ``baseline``, for the baselined metrics of ``sets`` only."""
    prefixes = tuple(f"{s}." for s in sets)
    out = []
    for metric, spec in sorted(baseline.items()):
        if not metric.startswith(prefixes):
            continue
        current = metrics.get(metric)
        if current is None:
            out.append(Regression(metric, spec.value, None, spec.tolerance, spec.direction))
            continue
        # Round away float noise so that "exactly at the tolerance" passes.
        drop = round(spec.value - current if spec.direction == "higher" else current - spec.value, 9)
        if drop > spec.tolerance:
            out.append(Regression(metric, spec.value, current, spec.tolerance, spec.direction))
    return out


def default_spec(metric: str, value: float, direction: str = "higher") -> Spec:
    """A new entry's tolerance: rates get ``RATE_TOLERANCE`` (per-style ones ``STYLE_TOLERANCE``), other
    numbers ``RELATIVE_TOLERANCE`` of their value."""
    if 0.0 <= value <= 1.0 and not metric.endswith(("length", "chars", "per_doc", "count")):
        style = any(f".{s}." in metric for s in ("fact", "number", "list", "who", "scenario"))
        return Spec(round(value, 4), STYLE_TOLERANCE if style else RATE_TOLERANCE, direction)
    return Spec(round(value, 4), round(abs(value) * RELATIVE_TOLERANCE, 4), direction)


def updated(
    baseline: dict[str, Spec], metrics: dict[str, float], directions: dict[str, str], sets: Iterable[str]
) -> dict[str, Spec]:
    """The baseline with the gated metrics of ``sets`` replaced by this run's values.

    ``directions`` maps every gated metric of this run to its direction. Entries of sets that did not
    run are kept; entries of sets that ran but are no longer gated are dropped.
    """
    prefixes = tuple(f"{s}." for s in sets)
    out = {m: s for m, s in baseline.items() if not m.startswith(prefixes)}
    for metric, direction in directions.items():
        value = metrics[metric]
        old = baseline.get(metric)
        out[metric] = (
            Spec(round(value, 4), old.tolerance, old.direction)
            if old
            else default_spec(metric, value, direction)
        )
    return dict(sorted(out.items()))


def save_baseline(path: Path, baseline: dict[str, Spec]) -> None:
    path = Path(path)
    # One metric per line, so a baseline change reads as a small diff.
    lines = [
        f"  {json.dumps(m, ensure_ascii=False)}: {json.dumps(s.to_json())}"
        for m, s in sorted(baseline.items())
    ]
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    tmp.replace(path)
