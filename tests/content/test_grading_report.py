"""What a trainer reads after grading: feedback that cites its clause once, and a chart that counts people in
whole numbers and names the hardest questions by their stems."""

import csv

import pytest

from assistant.quiz.chart import chart_figure, cjk_font
from assistant.quiz.grade import grade
from assistant.quiz.model import Question, QuizBank

pytestmark = pytest.mark.unit

TITLE = "九江市矿山安全生产治本攻坚三年行动实施方案（2024-2026年）"
QUOTE = "对运行到设计最终标高、不再排尾作业、停用超过3年的尾矿库，其生产经营主体应当及时闭库治理。"


def _q(qid: str, qtype: str, answer: str, stem: str, options=(), key_points=()) -> Question:
    return Question(
        qid,
        qtype,
        stem,
        list(options),
        answer,
        f"依据《{TITLE}》二、（四）16.：「{QUOTE}」",
        "jiujiang-plan",
        TITLE,
        "二、（四）16.",
        "c",
        key_points=list(key_points),
        quote=QUOTE,
        doc_level="地方工作方案",
        doc_status="现行有效",
    )


BANK = QuizBank(
    "尾矿库",
    [
        _q("Q01", "single", "C", "停用超过（ ）的尾矿库应当及时闭库治理。", ["5年", "10年", "3年", "1年"]),
        _q("Q02", "judge", "错", "停用超过5年的尾矿库才须闭库治理。"),
        _q("Q03", "blank", "3年", "停用超过____的尾矿库应当及时闭库治理。"),
        _q(
            "Q04",
            "short",
            "",
            "哪些尾矿库应当及时闭库治理？",
            key_points=["运行到设计最终标高", "不再排尾作业", "停用超过3年"],
        ),
    ],
)


def _answers(tmp_path, rows):
    path = tmp_path / "answers.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["姓名", "题号", "答案"], *rows])
    return path


def test_feedback_on_a_wrong_answer_names_its_clause_once(tmp_path):
    rows = [
        ["张三", "Q01", "A"],
        ["张三", "Q02", "对"],
        ["张三", "Q03", "5年"],
        ["张三", "Q04", "停用的都要闭库"],
    ]
    report = grade(BANK, _answers(tmp_path, rows))
    (trainee,) = report.trainees
    for item in trainee.items:
        assert item.credit < 1
        assert item.feedback.count(TITLE) == 1, item.feedback
        assert item.feedback.count("二、（四）16.") == 1, item.feedback


def test_the_chart_counts_trainees_in_whole_numbers_and_labels_questions_by_stem(tmp_path):
    rows = [[name, "Q01", answer] for name, answer in (("甲", "C"), ("乙", "A"), ("丙", "B"))]
    rows += [[name, "Q02", "对"] for name in ("甲", "乙", "丙")]
    report = grade(BANK, _answers(tmp_path, rows))
    fig = chart_figure(report)
    left, right = fig.axes
    assert all(float(t).is_integer() for t in left.get_yticks())
    labels = [t.get_text() for t in right.get_yticklabels()]
    if cjk_font():
        assert any("停用超过" in label for label in labels)
    else:
        assert set(labels) <= {"Q01", "Q02", "Q03", "Q04"}
