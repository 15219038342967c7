"""Fixtures for the eval-runner tests: the repo root, tiny JSONL writers and fake eval results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluate.results import EvalResult, Failure, SetResult

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, where corpus/, indexes/ and evals/ live."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture
def write_jsonl(tmp_path: Path):
    """write_jsonl("retrieval.jsonl", [obj or raw line, ...]) -> path inside a fresh evals dir."""

    def write(name: str, rows: list[object]) -> Path:
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


def make_result(metrics: dict[str, float], error: str = "", failures: int = 0) -> EvalResult:
    """An EvalResult with one set per metric prefix (and an errored set when ``error`` names one)."""
    result = EvalResult(index_note="索引已是最新（测试）")
    for metric, value in metrics.items():
        name = metric.split(".", 1)[0]
        res = result.sets.setdefault(name, SetResult(name))
        res.metrics[metric] = value
        res.gated[metric] = "higher"
    for i in range(failures):
        next(iter(result.sets.values())).failures.append(
            Failure("answers", f"x{i}", "问题？", "jiujiang-plan 一、", "拒答")
        )
    if error:
        result.sets[error] = SetResult(error, error="模块 assistant.answer.evaluate 不存在，无法评测")
    return result
