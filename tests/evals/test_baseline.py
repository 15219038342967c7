"""The regression gate: worse beyond tolerance fails; within tolerance, equal or better passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import EvalError
from assistant.evaluate.baseline import Spec, check, default_spec, load_baseline, save_baseline, updated

pytestmark = pytest.mark.unit

BASE = {
    "retrieval.hybrid.hit@1": Spec(0.90, 0.02, "higher"),
    "answers.median_length": Spec(120.0, 12.0, "lower"),
}


def test_a_drop_beyond_tolerance_is_a_regression_with_a_readable_line():
    regs = check(
        BASE, {"retrieval.hybrid.hit@1": 0.87, "answers.median_length": 120.0}, ["retrieval", "answers"]
    )
    assert [r.metric for r in regs] == ["retrieval.hybrid.hit@1"]
    assert "0.8700" in regs[0].line() and "基线 0.9000" in regs[0].line()


def test_a_drop_within_or_exactly_at_tolerance_passes():
    assert check(BASE, {"retrieval.hybrid.hit@1": 0.885}, ["retrieval"]) == []
    assert check(BASE, {"retrieval.hybrid.hit@1": 0.88}, ["retrieval"]) == []


def test_an_improvement_passes():
    assert (
        check(BASE, {"retrieval.hybrid.hit@1": 0.99, "answers.median_length": 80.0}, ["retrieval", "answers"])
        == []
    )


def test_lower_is_better_metrics_regress_when_they_grow():
    regs = check(BASE, {"answers.median_length": 140.0}, ["answers"])
    assert [r.metric for r in regs] == ["answers.median_length"]
    assert check(BASE, {"answers.median_length": 131.0}, ["answers"]) == []


def test_a_baselined_metric_that_vanishes_is_a_regression():
    regs = check(BASE, {}, ["retrieval"])
    assert regs[0].current is None and "未报告" in regs[0].line()


def test_only_the_sets_that_ran_are_checked():
    assert check(BASE, {"retrieval.hybrid.hit@1": 0.95}, ["retrieval"]) == []


def test_update_keeps_hand_set_tolerance_and_other_sets(tmp_path: Path):
    base = {**BASE, "retrieval.old.metric": Spec(0.5, 0.02)}
    new = updated(
        base,
        {"retrieval.hybrid.hit@1": 0.93, "retrieval.bm25.mrr": 0.9},
        {"retrieval.hybrid.hit@1": "higher", "retrieval.bm25.mrr": "higher"},
        ["retrieval"],
    )
    assert new["retrieval.hybrid.hit@1"] == Spec(0.93, 0.02, "higher")
    assert new["retrieval.bm25.mrr"] == Spec(0.9, 0.02, "higher")
    assert "retrieval.old.metric" not in new  # no longer gated by the set that ran
    assert new["answers.median_length"] == BASE["answers.median_length"]  # set did not run: kept
    path = tmp_path / "baseline.json"
    save_baseline(path, new)
    assert load_baseline(path) == new


def test_default_tolerances_rates_styles_and_counts():
    assert default_spec("retrieval.hybrid.mrr", 0.9).tolerance == 0.02
    assert default_spec("retrieval.hybrid.who.hit@1", 0.9).tolerance == 0.04
    assert default_spec("answers.median_length", 150.0, "lower") == Spec(150.0, 15.0, "lower")


def test_missing_baseline_names_the_command_that_writes_it(tmp_path: Path):
    with pytest.raises(EvalError, match="--update-baseline"):
        load_baseline(tmp_path / "baseline.json")


@pytest.mark.parametrize(
    "spec",
    [
        {"value": "high", "tolerance": 0.02},
        {"value": 0.9, "tolerance": -1},
        {"value": 0.9, "tolerance": 0.02, "direction": "up"},
        0.9,
    ],
)
def test_malformed_baseline_entry_is_named(tmp_path: Path, spec: object):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"retrieval.hybrid.mrr": spec}), encoding="utf-8")
    with pytest.raises(EvalError, match="retrieval.hybrid.mrr 的写法不对"):
        load_baseline(path)


def test_committed_baseline_is_valid_and_gates_retrieval():
    base = load_baseline(Path(__file__).resolve().parents[2] / "evals" / "baseline.json")
    assert {"retrieval.hybrid.hit@1", "retrieval.bm25.hit@1", "retrieval.dense.mrr"} <= base.keys()
    assert all(s.tolerance <= 0.05 for m, s in base.items() if 0 <= s.value <= 1)
