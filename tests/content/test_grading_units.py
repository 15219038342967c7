import csv
import json
from pathlib import Path

import pytest

from assistant.quiz.grade import grade, grade_short_answer, is_correct, score_decimals
from assistant.quiz.model import Question, QuizBank

pytestmark = pytest.mark.unit


def _q(qid, qtype, answer, options=(), key_points=(), stem="题干"):
    return Question(
        qid,
        qtype,
        stem,
        list(options),
        answer,
        "依据…",
        "d",
        "文件",
        "二、（一）1.",
        "c",
        key_points=list(key_points),
    )


BANK = QuizBank(
    "测试题库",
    [
        _q("Q01", "single", "B", ["甲", "乙", "丙", "丁"]),
        _q("Q02", "multi", "AC", ["甲", "乙", "丙", "丁"]),
        _q("Q03", "judge", "错"),
        _q("Q04", "blank", "10年"),
        _q(
            "Q05",
            "short",
            "点名；学习；安全事项交接确认；工作部署",
            key_points=["点名", "学习", "安全事项交接确认", "工作部署"],
        ),
    ],
)


@pytest.mark.parametrize("given", ["A,C", "AC", "ac", "Ｃ、Ａ", "c a"])
def test_multi_choice_answers_match_in_any_order_width_or_case(given):
    assert is_correct(BANK.questions[1], given)


@pytest.mark.parametrize(
    "given,ok", [("错", True), ("×", True), ("错误", True), ("F", True), ("√", False), ("正确", False)]
)
def test_judge_answers_accept_the_usual_marks(given, ok):
    assert is_correct(BANK.questions[2], given) is ok


@pytest.mark.parametrize("given,ok", [("十年", True), ("10年", True), ("１０年", True), ("5年", False)])
def test_blank_answers_match_after_numeral_normalisation(given, ok):
    assert is_correct(BANK.questions[3], given) is ok


def test_short_answer_gives_partial_credit_and_names_the_missing_point():
    score, found, _ = grade_short_answer(
        "先点名，再学习，然后布置当天的工作。", ["点名", "学习", "安全事项交接确认", "工作部署"], ""
    )
    assert found == [True, True, False, True]
    assert score == 0.75


def test_a_sanction_or_frequency_the_clause_does_not_state_costs_a_point():
    clause = "组织专业技术人员每月开展1次重大事故隐患排查整治，责令限期改正，处二万元以上五万元以下的罚款。"
    points = ["每月开展1次", "重大事故隐患排查整治"]
    score, found, wrong = grade_short_answer(
        "每月开展1次重大事故隐患排查整治，并吊销营业执照。", points, clause
    )
    assert found == [True, True] and wrong == ["并吊销营业执照"] and score == 0.5
    score, _, wrong = grade_short_answer("重大事故隐患排查整治，每季度排查一次。", points, clause)
    assert wrong == ["每季度排查一次"] and score == 0.0
    assert grade_short_answer("每月开展1次重大事故隐患排查整治，处罚款。", points, clause)[2] == []


def test_short_answer_with_a_wrong_number_does_not_get_the_point():
    assert grade_short_answer("停用满五年的也要闭库", ["停用超过3年"], "")[1] == [False]


def test_wording_shared_by_the_key_points_does_not_credit_any_of_them():
    points = ["程序到位", "事实到位", "法条到位", "实体到位", "文本到位"]
    _, found, _ = grade_short_answer("程序、事实、法律依据、文书都要到位。", points, "")
    assert found == [True, True, True, False, True]


def test_everyday_wording_with_numerals_reaches_the_documents_wording():
    # 「一年两次」 is 「1年2次」 once numerals are normalised; the synonym must still apply
    _, found, _ = grade_short_answer("一年两次逃生避险演练", ["每半年至少一次", "逃生避险"], "")
    assert found == [True, True]


def test_a_range_keeps_its_two_numbers():
    # 「3-5年」 is 3 and 5, not 35: 「3到5年」 states it
    assert grade_short_answer(
        "查清今后3到5年采掘范围内的隐蔽致灾因素", ["查清3-5年采掘范围内各类隐蔽致灾因素"], ""
    )[1] == [True]


def test_words_of_no_content_in_a_key_point_need_not_be_said():
    from assistant.quiz.shortanswer import point_found

    point = "专用仓库应当指定专人管理、看护"  # 仓库、专人、看护 are 6 of its 12 content characters, 6 of 14 in all
    assert point_found(point, "仓库要有专人看守。", threshold=0.5)
    assert not point_found(point, "仓库要干净整洁。", threshold=0.5)
    assert point_found("建立出入库检查、登记制度", "进出库都要检查、登记。", threshold=0.5)


def test_a_prohibition_said_as_allowed_is_no_point_but_a_wrong_one():
    clause = "普通建筑用砂石土露天矿山不得以山脊划界，相邻矿山最小距离应当满足安全规定。"
    points = ["普通建筑用砂石土露天矿山不得以山脊划界", "相邻矿山最小距离应当满足安全规定"]
    score, found, wrong = grade_short_answer("砂石土露天矿以山脊为界分给两家开采没问题。", points, clause)
    assert found == [False, False] and wrong == ["砂石土露天矿以山脊为界分给两家开采没问题"] and score == 0.0
    _, found, wrong = grade_short_answer("砂石土露天矿山不能以山脊划界。", points, clause)
    assert found == [True, False] and wrong == []


def test_a_share_written_in_words_or_with_a_percent_sign_is_one_figure():
    clause = (
        "发生一般事故的，处上一年年收入百分之四十的罚款；发生较大事故的，处上一年年收入百分之六十的罚款。"
    )
    points = [
        "发生一般事故的，处上一年年收入百分之四十的罚款",
        "发生较大事故的，处上一年年收入百分之六十的罚款",
    ]
    score, found, wrong = grade_short_answer("按上年收入罚：一般事故40%，较大事故60%。", points, clause)
    assert found == [True, True] and wrong == [] and score == 1.0
    assert grade_short_answer("一般事故40%，较大事故50%。", points, clause)[2] == ["较大事故50%"]


def test_a_minimum_is_no_prohibition():
    # 「不得少于72小时」 sets a floor; 「培训72小时」 states it without a negation
    point = "新进矿山的井下作业职工，接受安全教育、培训的时间不得少于72小时"
    assert grade_short_answer("新进井下的职工先培训72小时。", [point], "")[1] == [True]


def test_a_figure_the_clause_does_not_state_costs_a_point():
    clause = "矿山企业从业人员超过一百人的，应当设置安全生产管理机构。"
    points = ["从业人员超过一百人的，应当设置安全生产管理机构"]
    score, found, wrong = grade_short_answer("人多了要设安全科，500人以上的要设。", points, clause)
    assert found == [False] and wrong == ["500人以上的要设"] and score == 0.0
    assert grade_short_answer("超过100人的要设安全生产管理机构。", points, clause)[2] == []


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_bad_rows_are_reported_per_row_and_the_rest_is_graded(tmp_path):
    answers = _write_csv(
        tmp_path / "a.csv",
        [
            ["姓名", "题号", "答案"],
            ["张三", "Q01", "B"],
            ["", "Q02", "AC"],  # missing name
            ["张三", "Q99", "A"],  # unknown question
            ["张三", "Q01", "C"],  # duplicate
            ["张三", "Q03", ""],  # empty
            ["张三", "Q04", "十年"],
        ],
    )
    report = grade(BANK, answers)
    text = "\n".join(report.problems)
    for row in ("第3行", "第4行", "第5行", "第6行"):
        assert row in text
    assert report.scores() == {"张三": 2.0}


def test_wide_layout_is_read_as_one_row_per_trainee(tmp_path):
    answers = _write_csv(
        tmp_path / "w.csv",
        [
            ["姓名", "Q01", "Q02", "Q03", "Q04", "Q05"],
            ["李四", "b", "A,C", "×", "10年", "点名、学习、安全事项交接确认、工作部署"],
            ["王五", "A", "A", "对", "5年", ""],
        ],
    )
    report = grade(BANK, answers)
    assert report.scores() == {"李四": 5.0, "王五": 0.0}
    q1 = report.stats[0]
    assert q1.correct_rate == 0.5 and q1.common_wrong == "A"


def test_answers_for_a_different_bank_are_flagged(tmp_path):
    answers = _write_csv(
        tmp_path / "x.csv",
        [["姓名", "题号", "答案"], ["赵六", "X1", "A"], ["赵六", "X2", "B"], ["赵六", "Q01", "B"]],
    )
    report = grade(BANK, answers)
    assert any("另一份题库" in p for p in report.problems)
    assert report.scores() == {"赵六": 1.0}


def test_report_xlsx_and_chart_are_written(tmp_path):
    from openpyxl import load_workbook

    answers = _write_csv(
        tmp_path / "a.csv", [["姓名", "题号", "答案"], ["张三", "Q01", "B"], ["李四", "Q01", "A"]]
    )
    report = grade(BANK, answers)
    report.to_xlsx(tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert {"成绩", "逐题反馈", "题目统计", "问题"} <= set(wb.sheetnames)
    assert wb["成绩"].cell(2, 1).value == "张三"
    png = report.chart_png(tmp_path / "r.png")
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_hand_marked_short_answers_mostly_agree_with_the_grader():
    path = Path(__file__).resolve().parents[2] / "evals" / "short_answers.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [
        (m, g)
        for it in items
        for m, g in zip(
            grade_short_answer(it["answer"], it["key_points"], "")[1], it["points_found"], strict=True
        )
    ]
    assert len(items) >= 30
    assert sum(m == g for m, g in pairs) / len(pairs) >= 0.85


def test_the_blank_answer_sheet_is_read_back_by_grading_and_its_empty_rows_are_not_problems(tmp_path):
    from openpyxl import load_workbook

    from assistant.quiz.export import to_answer_sheet

    sheet = to_answer_sheet(BANK, tmp_path / "答题卡.xlsx", trainees=5)
    wb = load_workbook(sheet)
    ws = wb["答题卡"]
    assert [c.value for c in ws[1]] == ["题库编号", "姓名", "Q01", "Q02", "Q03", "Q04", "Q05"]
    assert "Q04" in [r[0] for r in wb["说明"].iter_rows(values_only=True)]
    for col, value in enumerate(["张三", "B", "CA", "×", "十年", "点名、学习、工作部署"], start=2):
        ws.cell(row=2, column=col, value=value)
    wb.save(sheet)
    report = grade(BANK, sheet)
    assert report.scores() == {"张三": 4.75} and report.problems == []
    (zhang,) = report.trainees
    assert zhang.to_review() == ["Q05"]


def _short(qid: str, n_points: int) -> Question:
    points = ["点名", "学习", "安全事项交接确认", "工作部署", "班前讲评"][:n_points]
    return _q(qid, "short", "；".join(points), key_points=points)


@pytest.mark.parametrize(
    "key_points,decimals",
    [((), 0), ((1,), 0), ((2,), 1), ((2, 5), 1), ((4,), 2), ((3,), 2), ((2, 3), 2)],
)
def test_a_total_is_rounded_to_the_decimals_the_banks_short_answers_need(key_points, decimals):
    questions = [BANK.questions[0]] + [_short(f"S{i}", n) for i, n in enumerate(key_points)]
    assert score_decimals(questions) == decimals


def test_thirds_of_a_point_add_up_to_whole_points_shown_alike_in_excel(tmp_path):
    from openpyxl import load_workbook

    bank = QuizBank("三要点", [_short("S1", 3), _short("S2", 3), _short("S3", 3), BANK.questions[0]])
    answers = _write_csv(
        tmp_path / "a.csv",
        [
            ["姓名", "S1", "S2", "S3", "Q01"],
            ["张三", "点名、学习", "点名、学习", "点名、学习", "B"],
            ["李四", "点名", "", "", "A"],
        ],
    )
    report = grade(bank, answers)
    assert report.scores() == {"张三": 3.0, "李四": 0.33}  # 3 × 0.67 would be 3.01
    report.to_xlsx(tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert [r[:2] for r in wb["成绩"].iter_rows(min_row=2, values_only=True)] == [("张三", 3), ("李四", 0.33)]
    assert wb["逐题反馈"].cell(2, 4).value == 0.67


def test_a_bank_of_whole_points_scores_whole_numbers(tmp_path):
    bank = QuizBank("客观题", BANK.questions[:4])
    answers = _write_csv(
        tmp_path / "a.csv", [["姓名", "Q01", "Q02", "Q03", "Q04"], ["张三", "B", "AC", "对", "十年"]]
    )
    (zhang,) = grade(bank, answers).trainees
    assert zhang.score == 3 and isinstance(zhang.score, int)


def test_the_cli_prints_totals_at_the_banks_precision_and_names_the_hardest_questions_by_their_stems(
    tmp_path,
):
    from click.testing import CliRunner

    from assistant.cli import cli
    from assistant.quiz.export import to_json

    bank = QuizBank(
        "三要点",
        [
            _q(
                "Q01",
                "blank",
                "3年",
                stem="对运行到设计最终标高、不再排尾作业、停用超过____的尾矿库，应当及时闭库治理。",
            ),
            _short("S1", 3),
        ],
    )
    answers = _write_csv(tmp_path / "a.csv", [["姓名", "Q01", "S1"], ["张三", "5年", "点名、学习"]])
    r = CliRunner().invoke(
        cli, ["grade", "--bank", str(to_json(bank, tmp_path / "b.json")), "--answers", str(answers)]
    )
    assert r.exit_code == 0, r.output
    assert "张三：0.67 / 2" in r.output
    assert (
        "最难的题目：Q01 对运行到设计最终标高、不再排尾作业、停用…（正确率 0%）；S1 题干（正确率 67%）"
        in r.output
    )
