"""``mine-assistant eval retrieval --json`` on the real corpus and index (built first if stale)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_eval_retrieval_json_reports_every_method_and_passes_the_committed_baseline(
    repo_root: Path, tmp_path: Path
):
    report = tmp_path / "report.md"
    out = CliRunner().invoke(cli, ["eval", "retrieval", "--json", "--check", "--report", str(report)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["ok"] and data["check"]["passed"], data.get("check")
    retrieval = data["sets"]["retrieval"]
    methods = set(retrieval["details"]["table"])
    assert {
        "bm25",
        "dense",
        "hybrid",
        "hybrid-rrf",
        *(f"hybrid-weighted-0.{w}" for w in range(5, 10)),
    } <= methods
    assert retrieval["details"]["unknown_expected_clauses"] == []
    assert data["metrics"]["retrieval.hybrid.hit@5"] >= 0.95
    assert data["metrics"]["retrieval.hybrid.who.hit@1"] > 0  # per-style metrics are reported
    assert {f["set"] for f in retrieval["failures"]} <= {"retrieval"}
    assert report.exists() and report.with_suffix(".html").exists()
    assert (tmp_path / "report_files" / "retrieval-methods.png").stat().st_size > 1000
