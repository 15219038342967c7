"""The runner and the CLI gate, with fakes: a missing feature module fails loudly; regressions exit 1."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.config import Config
from assistant.errors import EvalError
from assistant.evaluate import registry, runner
from assistant.evaluate.baseline import Spec, save_baseline
from assistant.evaluate.datasets import GoldSets, ShortAnswerCase
from assistant.evaluate.registry import EvalContext
from assistant.evaluate.results import EvalResult, SetResult
from assistant.schema import Clause
from tests.evals.conftest import make_result

pytestmark = pytest.mark.unit


def test_all_expands_to_every_set_and_unknown_names_list_the_choices():
    assert runner.resolve_sets(["all"]) == [
        "retrieval",
        "answers",
        "laws",
        "paraphrases",
        "drafts",
        "quiz",
        "grading",
        "feedback",
    ]
    assert runner.resolve_sets(["quiz", "quiz"]) == ["quiz"]
    with pytest.raises(
        EvalError,
        match="未知的评测集 'speed'；可选：retrieval, answers, laws, paraphrases, drafts, quiz, grading",
    ):
        runner.resolve_sets(["speed"])


def test_every_registered_set_is_a_choice_of_the_eval_command():
    from assistant.cli.evaluate import SET_CHOICES

    assert set(SET_CHOICES) == {*runner.sets(), "all"}


def _ctx(**gold: object) -> EvalContext:
    """An eval context over a tiny fake knowledge base (one clause) for unit tests of evaluators."""
    text = "第一条　矿山企业每半年至少组织一次应急演练，演练记录保存3年以上。"
    clause = Clause("d:0", "d", "某办法", "regulation", "第一条", "clause", "", (), text, 0, len(text))
    searcher = SimpleNamespace(clauses=[clause], config=Config())
    sets = {
        "retrieval": [],
        "negatives": [],
        "conversations": [],
        "scenarios": [],
        "short_answers": [],
        **gold,
    }
    return EvalContext(Config(), Path("evals"), GoldSets(**sets), searcher, None)  # type: ignore[arg-type]


def _short(case_id: str, answer: str, found: list[bool], split: str = "dev") -> ShortAnswerCase:
    points = ("每半年", "应急演练")
    return ShortAnswerCase(
        case_id,
        "sq1",
        "多久演练一次？",
        "d",
        "第一条",
        points,
        answer,
        tuple(found),
        sum(found) / 2,
        split=split,
    )


def test_an_evaluator_that_raises_fails_its_set_with_the_reason_and_never_skips_it(monkeypatch):
    def broken(ctx: EvalContext) -> SetResult:
        raise EvalError("评测集 grading 的金标准缺少字段")

    monkeypatch.setitem(registry.REGISTRY, "grading", broken)
    result = registry.run_sets(_ctx(), ["grading"], EvalResult())
    assert not result.ok and result.errors == {"grading": "评测集 grading 的金标准缺少字段"}


def test_metrics_carry_their_own_direction_and_counts_are_reported_not_gated():
    result = registry.evaluators()["grading"](
        _ctx(short_answers=[_short("g1", "每半年搞一次应急演练", [True, True])])
    )
    assert result.metrics == {
        "grading.short_answers": 1.0,
        "grading.grading_point_agreement": 1.0,
        "grading.wrong_point_agreement": 1.0,
        "grading.grading_score_mae": 0.0,
    }
    assert result.gated == {
        "grading.grading_point_agreement": "higher",
        "grading.wrong_point_agreement": "higher",
        "grading.grading_score_mae": "lower",
    }


def test_quiz_counts_per_document_are_reported_not_gated():
    result = registry.evaluators()["quiz"](_ctx())
    assert "quiz.questions_per_doc.d" in result.metrics
    assert "quiz.questions_per_doc.d" not in result.gated and "quiz.questions" not in result.gated
    assert result.gated == {"quiz.answer_key_verified": "higher", "quiz.duplicate_rate": "lower"}


def test_grading_failures_say_what_was_expected_and_what_was_got():
    case = _short("g2", "每年搞一次应急演练", [False, True])  # hand: 每半年 missing
    ctx = _ctx(short_answers=[replace(case, points_found=(True, True), score=1.0)])
    (failure,) = registry.evaluators()["grading"](ctx).failures
    assert failure.line() == "✗ grading g2 每半年 | expected 人工判定 有 | got 自动判定 无"


def test_split_metrics_are_reported_per_split_only_when_both_splits_are_present():
    dev_only = registry.split_metrics("answers.x", ["dev", "dev"], lambda idx: len(idx) / 2)
    assert [(m.name, m.value) for m in dev_only] == [("answers.x", 1.0)]
    both = registry.split_metrics("answers.x", ["dev", "test", "test"], lambda idx: float(len(idx)), "lower")
    assert [(m.name, m.value, m.split, m.direction) for m in both] == [
        ("answers.x", 3.0, "", "lower"),
        ("answers.x@dev", 1.0, "dev", "lower"),
        ("answers.x@test", 2.0, "test", "lower"),
    ]


def test_grading_reports_dev_and_test_figures_for_a_gold_set_with_both_splits():
    cases = [
        _short("g1", "每半年搞一次应急演练", [True, True], "dev"),
        _short("g2", "每半年搞一次应急演练", [False, True], "test"),  # the hand mark disagrees here
    ]
    result = registry.evaluators()["grading"](_ctx(short_answers=cases))
    assert result.metrics["grading.grading_point_agreement@dev"] == 1.0
    assert result.metrics["grading.grading_point_agreement@test"] == 0.5
    assert result.metrics["grading.grading_point_agreement"] == 0.75
    assert result.gated["grading.grading_point_agreement@test"] == "higher"


def _invoke(monkeypatch: pytest.MonkeyPatch, result, *args: str):
    from assistant.service import Assistant

    monkeypatch.setattr(Assistant, "evaluate", lambda *a, **k: result)
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


def test_answers_metrics_declare_their_directions():
    result = registry.evaluators()["answers"](_ctx())  # no gold cases: only the declarations are exercised
    assert result.gated["answers.false_refusal_rate"] == "lower"
    assert result.gated["answers.median_answer_chars"] == "lower"
    assert result.gated["answers.first_citation_accuracy"] == "higher"
    assert result.gated["answers.refusal_precision"] == "higher"
