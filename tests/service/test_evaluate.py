"""The evals through the façade over the real seed index: typed metrics, counts not gated."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Config
from assistant.evaluate.baseline import load_baseline
from assistant.service import Assistant

pytestmark = pytest.mark.integration

EVALS = Path(__file__).resolve().parents[2] / "evals"


def test_content_sets_report_counts_and_gate_only_quality(seed_config: Config) -> None:
    result = Assistant(seed_config).evaluate(["drafts", "quiz", "grading"], EVALS)
    assert result.ok, result.errors
    gated = {m for r in result.sets.values() for m in r.gated}
    assert {"drafts.draft_numbers", "drafts.drafts", "quiz.questions", "grading.short_answers"} <= set(
        result.metrics
    )
    assert {"quiz.questions_per_doc.jiujiang-plan", "quiz.questions_per_doc.nmsa-notice"} <= set(
        result.metrics
    )
    assert not {
        m for m in gated if "questions" in m or m.endswith(("draft_numbers", ".drafts", "short_answers"))
    }
    baselined = {  # what this corpus measures (a split figure needs documents of both splits)
        m
        for m in load_baseline(EVALS / "baseline.json")
        if m.startswith(("drafts.", "quiz.", "grading.")) and m in result.metrics
    }
    assert baselined == gated  # the baseline gates exactly what the evaluators declare gated
