"""评测 tab: run the eval sets against the gold data in ``evals/`` and show the metric table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.service import Assistant
from assistant.web.state import friendly

SET_NAMES = {"retrieval": "检索", "answers": "问答", "drafts": "宣传材料", "quiz": "题库", "grading": "阅卷"}
HEADERS = ["评测集", "指标", "数值"]


def evals_dir() -> Path:
    """``./evals`` when run from a checkout's root, else the repository's ``evals/`` next to the package."""
    here = Path("evals")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "evals"


def run(assistant: Assistant, sets: list[str]) -> tuple[str, list[list[Any]]]:
    from assistant.errors import AssistantError

    if not sets:
        raise AssistantError("请至少选择一个评测集")
    result = assistant.evaluate(sets, evals_dir())
    rows: list[list[Any]] = []
    for name, set_result in result.sets.items():
        label = SET_NAMES.get(name, name)
        if set_result.error:
            rows.append([label, "错误", set_result.error])
        for metric, value in set_result.metrics.items():
            rows.append(
                [label, metric, round(float(value), 4) if isinstance(value, int | float) else str(value)]
            )
    fails = len(result.failures)
    note = f"{result.index_note}。" + (f"有 {fails} 个用例未通过。" if fails else "全部用例通过。")
    if result.errors:
        note += f" {len(result.errors)} 个评测集无法评测（见表）。"
    return note, rows


def build(assistant: Assistant) -> None:
    import gradio as gr

    track = gr.Progress()  # gradio injects progress tracking where it sees this default

    from assistant.evaluate.runner import sets as registered_sets

    sets = gr.CheckboxGroup(
        [(SET_NAMES.get(s, s), s) for s in registered_sets()], value=["retrieval"], label="评测集"
    )
    go = gr.Button("运行评测", variant="primary", elem_id="eval-go")
    status = gr.Markdown()
    table = gr.Dataframe(headers=HEADERS, interactive=False, label="指标", elem_id="eval-table")

    def do_run(chosen: list[str], progress=track):
        progress(0.05, desc="正在评测……")
        try:
            return run(assistant, chosen)
        except Exception as exc:  # noqa: BLE001
            gr.Warning(friendly(exc))
            return f"**出错：** {friendly(exc)}", gr.skip()

    go.click(do_run, sets, [status, table], api_name="run_evals", concurrency_id="eval", concurrency_limit=1)
