"""评测 tab (administrators only): run the eval sets against the gold data in ``evals/``, show the
figures under Chinese names and list every failing case in a readable table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.service import Assistant
from assistant.web.access import Access, with_request
from assistant.web.state import friendly, warn

SET_NAMES = {
    "retrieval": "检索",
    "answers": "问答",
    "drafts": "宣传材料",
    "quiz": "题库",
    "grading": "阅卷",
    "laws": "法律法规",
    "paraphrases": "同义改写",
    "feedback": "用户反馈",
}
HEADERS = ["评测集", "指标", "数据划分", "数值"]
FAILURE_HEADERS = ["评测集", "用例", "问题", "期望", "实际"]
# the words of a metric key (retrieval.hybrid.fact.hit@1@test) in Chinese; a test holds every word of
# evals/baseline.json and of the retrieval variants to a label without Latin letters
WORDS = {
    "retrieval": "检索",
    "answers": "问答",
    "applies": "适用条款",
    "stories": "叙事情景",
    "bm25": "关键词",
    "dense": "向量",
    "hybrid": "混合",
    "weighted": "加权融合",
    "rrf": "倒数排名融合",
    "fact": "事实类",
    "list": "列举类",
    "number": "数字类",
    "scenario": "情景类",
    "who": "主体类",
    "laws": "法律法规",
    "paraphrases": "同义改写",
    "quiz": "题库",
    "grading": "阅卷",
    "drafts": "宣传材料",
    "accuracy": "正确率",
    "answer_key_verified": "答案经原文核验",
    "citation_verification_pass_rate": "引用核验通过率",
    "conversation_followup_accuracy": "追问理解正确率",
    "draft_number_fidelity": "数字与原文一致",
    "duplicate_rate": "重复题比例",
    "duty_top3": "义务条款在前三",
    "false_refusal_rate": "误拒率（越低越好）",
    "unstated_figure_on_answerable": "可答问题因“条款未写明所问数值”被拒答的比例（越低越好）",
    "unstated_figure_on_out_of_corpus": "超范围问题因“条款未写明所问数值”被拒答的比例",
    "first_citation_accuracy": "首条引用正确率",
    "grading_point_agreement": "要点判定一致率",
    "grading_score_mae": "评分平均误差（越低越好）",
    "wrong_point_agreement": "错误要点判定一致率",
    "criminal_found": "涉罪情景检出刑法条款率",
    "criminal_wrong": "误列刑法条款率（越低越好）",
    "hit": "命中率",
    "median_answer_chars": "回答字数中位数",
    "median_fact_answer_chars": "事实题回答字数中位数",
    "mrr": "平均倒数排名",
    "penalty_top3": "罚则条款在前三",
    "refusal_precision": "拒答准确率",
    "refusal_recall": "应拒答的拒答率",
    "repealed_marked": "废止条款已标注",
    "scenario_consequence_accuracy": "情景后果正确率",
    "scenario_hit_rate": "情景命中率",
    "scenario_top1": "情景首条正确率",
    "stability": "改写稳定率",
    "questions_per_doc": "每文档题数",
    "feedback": "用户反馈",
    "cases": "用例数",
    "waiting_for_a_label": "待标注",
    "fill_in_agreement": "填空判定一致率",
    "fill_ins": "填空用例数",
    "slogan_checker_agreement": "标语检查与人工一致率",
    "short_answers": "简答用例数",
    "questions": "题数",
    "draft_numbers": "核对的数字",
    "review_items": "已审阅题数",
    "review_coverage": "题目审阅覆盖率",
    "review_bad_rate": "审阅不合格率（越低越好）",
    "topic_purity": "所引条款切题率",
    "topic_cited_clauses": "切题检查的引用数",
}
SPLITS = {"dev": "开发集", "test": "测试集", "heldback": "留出集"}


def metric_label(key: str) -> tuple[str, str]:
    """``retrieval.hybrid.hit@5@test`` → (「检索·混合·命中率（前 5 条）」, 「测试集」)."""
    base, *tags = key.split("@")
    split = next((SPLITS[t] for t in tags if t in SPLITS), "全部")
    at = next((t for t in tags if t.isdigit()), "")
    # a dot before a digit is a decimal point (retrieval.hybrid-weighted-0.7.mrr), not a separator
    words = [_word(w) for w in re.split(r"\.(?!\d)", base)]
    return "·".join(words) + (f"（前 {at} 条）" if at else ""), split


def _word(word: str) -> str:
    """One word of a key; a retrieval variant (hybrid-weighted-0.7) word by word, its number being the
    BM25 weight. Anything else unknown (a document id in quiz.questions_per_doc.<id>) stays as it is."""
    if word in WORDS:
        return WORDS[word]
    parts = word.split("-")
    if len(parts) > 1 and parts[0] in WORDS and all(p in WORDS or _NUMBER.fullmatch(p) for p in parts):
        return "·".join(WORDS.get(p, f"关键词权重 {p}") for p in parts)
    return word


_NUMBER = re.compile(r"\d+(\.\d+)?")


def evals_dir() -> Path:
    """``./evals`` when run from a checkout's root, else the repository's ``evals/`` next to the package."""
    here = Path("evals")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "evals"


def run(assistant: Assistant, sets: list[str]) -> tuple[str, list[list[Any]], list[list[Any]]]:
    """The note, the metric rows and the failing cases (one row each)."""
    from assistant.errors import AssistantError

    if not sets:
        raise AssistantError("请至少选择一个评测集")
    result = assistant.evaluate(sets, evals_dir())
    rows: list[list[Any]] = []
    for name, set_result in result.sets.items():
        label = SET_NAMES.get(name, name)
        if set_result.error:
            rows.append([label, "错误", "", set_result.error])
        for metric, value in set_result.metrics.items():
            shown, split = metric_label(metric.removeprefix(f"{name}."))
            rows.append(
                [
                    label,
                    shown,
                    split,
                    round(float(value), 3) if isinstance(value, int | float) else str(value),
                ]
            )
    failures = [
        [SET_NAMES.get(f.set.split(".")[0], f.set), f.id, f.question, f.expected or "—", f.got or "—"]
        for f in result.failures
    ]
    fails = len(failures)
    note = f"{result.index_note}。" + (f"有 {fails} 个用例未通过，见下表。" if fails else "全部用例通过。")
    if result.errors:
        note += f" {len(result.errors)} 个评测集无法评测（见指标表）。"
    return note, rows, failures


def build(assistant: Assistant, access: Access) -> None:
    import gradio as gr

    track = gr.Progress()  # gradio injects progress tracking where it sees this default

    from assistant.evaluate.runner import sets as registered_sets

    sets = gr.CheckboxGroup(
        [(SET_NAMES.get(s, s), s) for s in registered_sets()], value=["retrieval"], label="评测集"
    )
    go = gr.Button("运行评测", variant="primary", elem_id="eval-go")
    status = gr.Markdown()
    table = gr.Dataframe(headers=HEADERS, interactive=False, label="指标", elem_id="eval-table", wrap=True)
    failing = gr.Dataframe(
        headers=FAILURE_HEADERS, interactive=False, label="未通过的用例", elem_id="eval-failures", wrap=True
    )

    def do_run(request: Any, chosen: list[str], progress: Any) -> Any:
        try:
            access.require_admin(request, "运行评测")
            progress(0.05, desc="正在评测……")
            return run(assistant, chosen)
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return f"**出错：** {friendly(exc)}", gr.skip(), gr.skip()

    go.click(
        with_request(do_run, 1, progress=track),
        sets,
        [status, table, failing],
        api_name="run_evals",
        concurrency_id="eval",
        concurrency_limit=1,
    )
