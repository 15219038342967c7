"""Bad answers become gold cases: ``mine-assistant eval import-feedback`` and the ``feedback`` eval set.

``import_feedback`` appends every 👎 not yet imported to ``evals/feedback.jsonl``:

    {"id": "FB0001", "feedback_id": 7, "question": "…", "resolved_query": "…", "got": ["安全生产法 第九十四条"],
     "comment": "…", "expected": [], "refuse": null, "split": "dev"|"test", "at": "…"}

An administrator then writes what the answer should have been: ``expected`` (clauses, as
``"<doc id> <label>"``) or ``"refuse": true``. Until then a case is listed and not scored. The ``feedback``
set scores the labelled cases as the answers set does (first citation among the expected clauses; a
refusal where one is due). The split alternates by case number, so half of the users' cases are never
tuned on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evaluate.datasets import read_records
from assistant.records import Records

FILE = "feedback.jsonl"


@dataclass(frozen=True)
class ImportReport:
    added: list[str]  # new case ids
    already: int  # 👎 ratings imported before
    path: Path


def read_cases(evals_dir: Path) -> list[dict[str, Any]]:
    path = Path(evals_dir) / FILE
    return read_records(path, required=("question",)) if path.exists() else []


def import_feedback(records: Records, evals_dir: Path) -> ImportReport:
    path = Path(evals_dir) / FILE
    cases = read_cases(evals_dir)
    seen = {c.get("feedback_id") for c in cases}
    n = len(cases)
    added: list[str] = []
    already = 0
    lines: list[str] = []
    for fb in records.feedback(rating=-1):
        if fb.id in seen:
            already += 1
            continue
        n += 1
        case = {
            "id": f"FB{n:04d}",
            "feedback_id": fb.id,
            "question": fb.answer.question,
            "resolved_query": fb.answer.resolved_query or fb.answer.question,
            "got": [f"{c.doc_id} {c.clause}" for c in fb.answer.citations]
            or (["拒答"] if fb.answer.refused else []),
            "comment": fb.comment,
            "expected": [],
            "refuse": None,
            "split": "dev" if n % 2 else "test",
            "at": fb.at,
        }
        lines.append(json.dumps(case, ensure_ascii=False))
        added.append(str(case["id"]))
        seen.add(fb.id)
    if lines:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    return ImportReport(added, already, path)


def labelled(case: dict[str, Any]) -> bool:
    return bool(case.get("expected")) or case.get("refuse") is True


def _register() -> None:
    from assistant.evaluate.registry import EvalContext, ratio, register, split_metrics
    from assistant.evaluate.results import Failure, Metric, SetResult

    @register("feedback")
    def feedback_set(ctx: EvalContext) -> SetResult:
        """Users' bad answers, once an administrator has written what they should have been."""
        result = SetResult("feedback")
        cases = read_cases(ctx.evals_dir)
        scored = [c for c in cases if labelled(c)]
        right = []
        for case in scored:
            answer = ctx.engine.ask(case["question"])
            if case.get("refuse") is True:
                ok = answer.refused
                got = "拒答" if answer.refused else "回答了"
            else:
                first = (
                    f"{answer.citations[0].doc_id} {answer.citations[0].clause}" if answer.citations else ""
                )
                ok = not answer.refused and first in case["expected"]
                got = "拒答" if answer.refused else first
            right.append(ok)
            if not ok:
                expected = "拒答" if case.get("refuse") is True else "、".join(case["expected"])
                result.failures.append(Failure("feedback", case["id"], case["question"], expected, got))
        result.add(
            Metric("feedback.cases", len(cases), gated=False),
            Metric("feedback.waiting_for_a_label", len(cases) - len(scored), gated=False),
        )
        if scored:
            result.add(
                *split_metrics(
                    "feedback.accuracy",
                    [c.get("split", "dev") for c in scored],
                    lambda idx: ratio(sum(right[i] for i in idx), len(idx)),
                )
            )
        return result


_register()
