"""宣传材料, 培训题库 and 考试阅卷 tabs: drafts, quiz banks and grading, each with file downloads.

Generated files go to a fresh folder under the app's private temp folder (one per request), which
Gradio serves only to the session that asked for them.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.config import LLMSettings
from assistant.errors import AssistantError
from assistant.service import Assistant
from assistant.web.state import ChatSession, friendly, warn

DRAFT_KINDS = {
    "article": "宣传稿",
    "slogans": "宣传标语",
    "points": "宣传要点（一图读懂）",
    "qa": "培训问答（应知应会）",
}
QUIZ_TYPES = {"single": "单选题", "multi": "多选题", "judge": "判断题", "blank": "填空题", "short": "简答题"}
QUIZ_HEADERS = ["编号", "题型", "题干", "选项", "答案", "出处", "难度"]


def _folder(out_dir: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=out_dir))


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _topic_or_doc(topic: str, doc: str) -> tuple[str | None, str | None]:
    topic, doc = (topic or "").strip(), (doc or "").strip()
    if not topic and not doc:
        raise AssistantError("请填写主题，或选择一个文档")
    return topic or None, doc or None


# -- drafts -----------------------------------------------------------------------------------------
def make_draft_files(
    assistant: Assistant,
    out_dir: Path,
    kind: str,
    topic: str = "",
    doc: str = "",
    section: str = "",
    llm: LLMSettings | None = None,
) -> tuple[str, list[str]]:
    """(Markdown preview, [docx path, md path]); ``llm`` is this session's settings (None: the server's)."""
    from assistant.service import DraftRequest

    if kind not in DRAFT_KINDS:
        raise AssistantError(f"未知的材料类型 {kind!r}；可选：{', '.join(DRAFT_KINDS)}")
    topic_, doc_ = _topic_or_doc(topic, doc)
    draft = assistant.draft(DraftRequest(kind, topic_, doc_, (section or "").strip() or None, llm))
    markdown = draft.to_markdown()
    if draft.notices:
        markdown = "\n".join(f"> ⚠ {n}" for n in draft.notices) + "\n\n" + markdown
    folder = _folder(out_dir)
    name = f"{DRAFT_KINDS[kind].split('（')[0]}-{_stamp()}"
    md = folder / f"{name}.md"
    md.write_text(markdown, encoding="utf-8")
    docx = folder / f"{name}.docx"
    draft.to_docx(docx)
    return markdown, [str(docx), str(md)]


# -- quiz bank --------------------------------------------------------------------------------------
def quiz_rows(bank: Any) -> list[list[Any]]:
    from assistant.quiz.model import LETTERS

    rows = []
    for q in bank.questions:
        options = "  ".join(f"{LETTERS[i]}. {o}" for i, o in enumerate(q.options))
        rows.append([q.id, q.type_name, q.stem, options, q.answer, q.source, q.difficulty])
    return rows


def make_quiz_files(
    assistant: Assistant,
    out_dir: Path,
    topic: str = "",
    doc: str = "",
    n: int = 20,
    types: list[str] | None = None,
    seed: int = 0,
) -> tuple[str, list[list[Any]], list[str]]:
    """(summary line, preview rows, [bank xlsx, bank json, blank answer sheet xlsx])."""
    from assistant.quiz.export import to_answer_sheet, to_json, to_xlsx
    from assistant.service import QuizRequest

    topic_, doc_ = _topic_or_doc(topic, doc)
    chosen = tuple(types or QUIZ_TYPES)
    bank = assistant.quiz(QuizRequest(topic_, doc_, None, int(n), chosen, int(seed or 0)))
    if not bank.questions:
        raise AssistantError("没有找到可出题的条款；请换一个主题或文档")
    folder = _folder(out_dir)
    xlsx, js = folder / f"题库-{_stamp()}.xlsx", folder / f"题库-{_stamp()}.json"
    to_xlsx(bank, xlsx)
    to_json(bank, js)
    counts: dict[str, int] = {}
    for q in bank.questions:
        counts[q.type_name] = counts.get(q.type_name, 0) + 1
    detail = "，".join(f"{k} {v} 道" for k, v in counts.items())
    sheet = to_answer_sheet(bank, folder / f"答题卡-{_stamp()}.xlsx")
    shortfall = f"\n\n**注意：** {bank.source['shortfall']}" if bank.source.get("shortfall") else ""
    return (
        f"已生成 {len(bank.questions)} 道题（{detail}），题库编号 {bank.bank_id}。"
        f"可下载题库与空白答题卡。{shortfall}",
        quiz_rows(bank),
        [str(xlsx), str(js), str(sheet)],
    )


# -- grading ----------------------------------------------------------------------------------------
TRAINEE_HEADERS = ["学员", "得分", "满分", "百分制", "需复习的题（反馈见阅卷报告）"]
STAT_HEADERS = ["题号", "题型", "作答人数", "正确率", "最常见错误答案", "人数", "出处（建议复习）"]


def trainee_rows(report: Any) -> list[list[Any]]:
    rows = []
    for t in report.trainees:
        weak = "、".join(t.to_review())
        rows.append([t.name, _number(t.score), report.n_questions, report.percent(t), weak or "全部正确"])
    return rows


def _number(x: float) -> float | int:
    """13.0 → 13; 12.5 stays."""
    return int(x) if float(x).is_integer() else x


def stat_rows(report: Any) -> list[list[Any]]:
    return [
        [s.qid, s.type, s.answered, s.correct_rate, s.common_wrong, s.common_wrong_count, s.source]
        for s in report.stats
    ]


def grade_files(assistant: Assistant, out_dir: Path, bank_path: str, answers_path: str) -> dict[str, Any]:
    """Grade; returns summary, per-trainee rows, per-question rows, input problems, chart and report paths."""
    from assistant.service import GradeRequest

    if not bank_path or not answers_path:
        raise AssistantError("请同时上传题库文件和答题文件")
    report = assistant.grade(GradeRequest(Path(bank_path), Path(answers_path)))
    folder = _folder(out_dir)
    xlsx, png = folder / f"阅卷报告-{_stamp()}.xlsx", folder / f"成绩分布-{_stamp()}.png"
    report.to_xlsx(xlsx)
    report.chart_png(png)
    scores = [report.percent(t) for t in report.trainees]
    mean = sum(scores) / len(scores) if scores else 0.0
    summary = (
        f"《{report.bank_title}》：{len(report.trainees)} 名学员，{report.n_questions} 道题，"
        f"平均 {mean:.1f} 分（百分制）"
    )
    return {
        "summary": summary,
        "trainees": trainee_rows(report),
        "questions": stat_rows(report),
        "problems": list(report.problems),
        "chart": str(png),
        "report": str(xlsx),
    }


# -- UI ---------------------------------------------------------------------------------------------
def build_drafts(assistant: Assistant, out_dir: Path, session: Any) -> dict[str, Any]:
    import gradio as gr

    track = gr.Progress()  # gradio injects progress tracking where it sees this default

    from assistant.web.search_tab import doc_choices

    with gr.Row():
        kind = gr.Radio([(v, k) for k, v in DRAFT_KINDS.items()], value="article", label="材料类型")
    with gr.Row():
        topic = gr.Textbox(
            label="主题", placeholder="例如：尾矿库、外包工程、五职矿长", scale=2, elem_id="draft-topic"
        )
        doc = gr.Dropdown(doc_choices(assistant), value="", label="或选择文档", scale=2)
        section = gr.Textbox(label="章节（可选）", placeholder="例如：二、（四）", scale=1)
    go = gr.Button("生成", variant="primary", elem_id="draft-go")
    with gr.Row():
        preview = gr.Markdown(label="预览", elem_id="draft-preview")
    files = gr.File(
        label="下载（DOCX / Markdown）", file_count="multiple", interactive=False, elem_id="draft-files"
    )

    def run(k: str, t: str, d: str, s: str, sess: ChatSession, progress=track):
        progress(0.1, desc="正在生成……")
        try:
            return make_draft_files(assistant, out_dir, k, t, d, s, sess.llm if sess else None)
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return f"**出错：** {friendly(exc)}", None

    go.click(run, [kind, topic, doc, section, session], [preview, files], api_name="draft")
    return {"doc": doc}


def build_quiz(assistant: Assistant, out_dir: Path) -> dict[str, Any]:
    import gradio as gr

    track = gr.Progress()  # gradio injects progress tracking where it sees this default

    from assistant.web.search_tab import doc_choices

    with gr.Row():
        topic = gr.Textbox(label="主题", placeholder="例如：五职矿长、尾矿库", scale=2, elem_id="quiz-topic")
        doc = gr.Dropdown(doc_choices(assistant), value="", label="或选择文档", scale=2)
        n = gr.Slider(1, 100, value=20, step=1, label="题数", scale=1)
    with gr.Row():
        types = gr.CheckboxGroup(
            [(v, k) for k, v in QUIZ_TYPES.items()], value=list(QUIZ_TYPES), label="题型", scale=4
        )
        seed = gr.Number(value=0, precision=0, label="随机种子", scale=1)
    go = gr.Button("生成题库", variant="primary", elem_id="quiz-go")
    status = gr.Markdown(elem_id="quiz-status")
    table = gr.Dataframe(
        headers=QUIZ_HEADERS, interactive=False, wrap=True, label="题目预览", elem_id="quiz-table"
    )
    files = gr.File(
        label="下载（Excel / JSON）", file_count="multiple", interactive=False, elem_id="quiz-files"
    )

    def run(t: str, d: str, nn: float, ty: list[str], sd: float, progress=track):
        progress(0.1, desc="正在出题……")
        try:
            return make_quiz_files(assistant, out_dir, t, d, int(nn), ty, int(sd or 0))
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return f"**出错：** {friendly(exc)}", gr.skip(), None

    go.click(run, [topic, doc, n, types, seed], [status, table, files], api_name="quiz")
    return {"doc": doc}


def build_grading(assistant: Assistant, out_dir: Path) -> None:
    import gradio as gr

    track = gr.Progress()  # gradio injects progress tracking where it sees this default

    with gr.Row():
        bank = gr.File(label="题库文件（.xlsx / .json）", file_types=[".xlsx", ".json"], elem_id="grade-bank")
        answers = gr.File(
            label="答题文件（.xlsx / .csv）", file_types=[".xlsx", ".csv"], elem_id="grade-answers"
        )
    go = gr.Button("阅卷", variant="primary", elem_id="grade-go")
    status = gr.Markdown(elem_id="grade-status")
    trainees = gr.Dataframe(
        headers=TRAINEE_HEADERS, interactive=False, wrap=True, label="学员成绩", elem_id="grade-trainees"
    )
    questions = gr.Dataframe(
        headers=STAT_HEADERS, interactive=False, wrap=True, label="逐题统计", elem_id="grade-questions"
    )
    with gr.Row():
        chart = gr.Image(label="成绩分布与难题", type="filepath", interactive=False, elem_id="grade-chart")
        report = gr.File(label="下载阅卷报告（Excel）", interactive=False, elem_id="grade-report")

    def run(b: str | None, a: str | None, progress=track):
        progress(0.1, desc="正在阅卷……")
        try:
            r = grade_files(assistant, out_dir, b or "", a or "")
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return f"**出错：** {friendly(exc)}", gr.skip(), gr.skip(), None, None
        text = r["summary"]
        if r["problems"]:
            text += "\n\n**输入问题（其余已正常阅卷）：**\n" + "\n".join(f"- {p}" for p in r["problems"])
        return text, r["trainees"], r["questions"], r["chart"], r["report"]

    go.click(run, [bank, answers], [status, trainees, questions, chart, report], api_name="grade")
