"""The runner and the CLI gate, with fakes: a missing feature module fails loudly; regressions exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.errors import EvalError
from assistant.evaluate import runner
from assistant.evaluate.baseline import Spec, save_baseline
from tests.evals.conftest import make_result

pytestmark = pytest.mark.unit


def test_all_expands_to_every_set_and_unknown_names_list_the_choices():
    assert runner.resolve_sets(["all"]) == ["retrieval", "answers", "drafts", "quiz", "grading"]
    assert runner.resolve_sets(["quiz", "quiz"]) == ["quiz"]
    with pytest.raises(EvalError, match="未知的评测集 'speed'；可选：retrieval, answers"):
        runner.resolve_sets(["speed"])


def test_a_missing_feature_module_is_an_error_not_a_skip():
    with pytest.raises(EvalError, match="模块 assistant.no_such_feature.evaluate 不存在，无法评测"):
        runner._feature("assistant.no_such_feature.evaluate", "evaluate_answers")


def test_feature_dicts_flatten_to_gated_metrics_with_directions():
    res = runner._from_dict(
        "answers",
        {
            "first_citation_accuracy": 0.92,
            "median_answer_length": 140,
            "n_questions": 200,
            "refused": True,
            "refusal": {"precision": 0.9, "recall": 0.8},
            "failures": [
                {
                    "id": "r001",
                    "question": "五职矿长要什么学历？",
                    "expected": [{"doc_id": "jiujiang-plan", "clause": "二、（一）1."}],
                    "got": "拒答",
                }
            ],
        },
    )
    assert res.metrics == {
        "answers.first_citation_accuracy": 0.92,
        "answers.median_answer_length": 140.0,
        "answers.n_questions": 200.0,
        "answers.refusal.precision": 0.9,
        "answers.refusal.recall": 0.8,
    }
    assert res.gated == {
        "answers.first_citation_accuracy": "higher",
        "answers.median_answer_length": "lower",
        "answers.refusal.precision": "higher",
        "answers.refusal.recall": "higher",
    }
    assert (
        res.failures[0].line()
        == "✗ answers r001 五职矿长要什么学历？ | expected jiujiang-plan 二、（一）1. | got 拒答"
    )


def test_errors_lengths_and_rates_of_bad_things_are_lower_is_better():
    assert runner.direction("grading.grading_score_mae") == "lower"
    assert runner.direction("answers.false_refusal_rate") == "lower"
    assert runner.direction("quiz.duplicate_rate") == "lower"
    assert runner.direction("grading.grading_point_agreement") == "higher"
    assert not runner.is_gated("grading.short_answers") and not runner.is_gated("drafts.draft_numbers")


def test_content_results_split_into_drafts_quiz_and_grading():
    content = {
        "drafts": {"number_fidelity": 1.0},
        "quiz": {"duplicate_rate": 0.0},
        "grading": {"agreement": 0.9},
    }
    assert runner._content_part("grading", content) == {"agreement": 0.9}
    flat = {
        "draft_number_fidelity": 1.0,
        "quiz_key_verification_rate": 0.95,
        "grading_agreement": 0.9,
        "failures": [{"set": "drafts", "id": "d1"}, {"set": "quiz", "id": "q1"}],
    }
    part = runner._content_part("drafts", flat)
    assert part == {"draft_number_fidelity": 1.0, "failures": [{"set": "drafts", "id": "d1"}]}


def _invoke(monkeypatch: pytest.MonkeyPatch, result, *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(runner, "run_evals", lambda *a, **k: result)
    return CliRunner().invoke(cli, ["eval", *args])


def test_cli_exits_nonzero_when_a_set_could_not_be_evaluated(monkeypatch: pytest.MonkeyPatch):
    out = _invoke(monkeypatch, make_result({"retrieval.hybrid.hit@1": 0.9}, error="answers"), "all")
    assert out.exit_code == 1
    assert "✗ answers 评测失败：模块 assistant.answer.evaluate 不存在" in out.output


def test_cli_check_fails_on_a_regression_and_lists_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    base = tmp_path / "baseline.json"
    save_baseline(base, {"retrieval.hybrid.hit@1": Spec(0.95, 0.02)})
    out = _invoke(
        monkeypatch,
        make_result({"retrieval.hybrid.hit@1": 0.90}),
        "retrieval",
        "--check",
        "--baseline",
        str(base),
    )
    assert out.exit_code == 1
    assert "✗ 回退 retrieval.hybrid.hit@1：0.9000，基线 0.9500" in out.output


def test_cli_check_passes_within_tolerance_and_prints_failures_one_per_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    base = tmp_path / "baseline.json"
    save_baseline(base, {"retrieval.hybrid.hit@1": Spec(0.91, 0.02)})
    out = _invoke(
        monkeypatch,
        make_result({"retrieval.hybrid.hit@1": 0.90}, failures=2),
        "retrieval",
        "--check",
        "--baseline",
        str(base),
    )
    assert out.exit_code == 0, out.output
    assert "基线检查通过" in out.output
    assert out.output.count("✗ answers x") == 2


def test_cli_update_baseline_writes_gated_metrics(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    base = tmp_path / "baseline.json"
    out = _invoke(
        monkeypatch,
        make_result({"retrieval.hybrid.hit@1": 0.9}),
        "retrieval",
        "--update-baseline",
        "--baseline",
        str(base),
    )
    assert out.exit_code == 0, out.output
    assert (
        '"retrieval.hybrid.hit@1": {"value": 0.9, "tolerance": 0.02, "direction": "higher"}'
        in base.read_text(encoding="utf-8")
    )


def test_cli_refuses_check_and_update_together(monkeypatch: pytest.MonkeyPatch):
    out = _invoke(monkeypatch, make_result({}), "all", "--check", "--update-baseline")
    assert out.exit_code == 2 and "不能同时使用" in out.output
