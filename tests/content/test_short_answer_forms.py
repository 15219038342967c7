"""Short-answer grading: the forms a trainee writes a figure, a frequency or a list in, and answers that state
another clause's rule (stop 27, from the blind answers g151–g240)."""

import pytest

from assistant.quiz.shortanswer import grade_short_answer, law_elsewhere, point_found, wrong_points

pytestmark = pytest.mark.unit

FINE = "并处5万元以上10万元以下的罚款"


def test_an_amount_in_wan_or_in_full_and_a_range_said_with_dao_are_the_same_figure():
    assert point_found(FINE, "罚五万到十万")
    assert point_found(FINE, "罚款50000元至100000元")
    assert not point_found(FINE, "罚五千到一万")


def test_a_decimal_keeps_its_point():
    assert point_found("罚款1.5万元", "罚一万五千元")
    assert not point_found("罚款1.5万元", "罚十五万元")


def test_days_are_ri_and_a_quarter_said_in_words_is_a_frequency():
    assert point_found("15日内做出批复", "收到报告十五天内批复")
    assert point_found("每季度报告一次", "一个季度报一次")
    assert not point_found("每季度报告一次", "一年报一次")


def test_a_yi_that_is_an_article_is_no_figure_to_find():
    assert point_found("作为一项重大政治任务和具体行动", "当成重大政治任务和具体行动来抓")
    assert not point_found("每年至少组织一次演练", "每年至少组织两次演练")


def test_a_list_point_needs_every_item():
    point = "通知公安机关、劳动保障行政部门、工会和人民检察院"
    assert not point_found(point, "要通知公安和工会")
    assert point_found(point, "通知公安机关、劳动保障部门、工会、检察院")
    # a fixed name with 、 in it is no list
    assert point_found("逐级上报至省、自治区、直辖市人民政府", "一级一级上报到省级人民政府")


def test_everyday_words_reach_the_statutes_words():
    assert point_found("有权停止作业", "工人有权马上停工")
    assert point_found("不得解除或者终止与其订立的劳动合同", "单位不能辞退他")


CLAUSES = [
    "事故调查组应当自事故发生之日起60日内提交事故调查报告；特殊情况下，经负责事故调查的人民政府批准，"
    "提交事故调查报告的期限可以适当延长，但延长的期限最长不超过60日。",
    "生产经营单位发生生产安全事故，对负有责任的单位处二十万元以上五十万元以下的罚款。",
]
APPROVAL = "重大事故、较大事故、一般事故，负责事故调查的人民政府应当自收到事故调查报告之日起15日内做出批复。"


def test_another_articles_true_rule_is_off_target_not_wrong():
    answer = "调查组60日内提交调查报告，最长可延长60日。"
    assert wrong_points(answer, ["15日内做出批复"], APPROVAL)
    assert not wrong_points(answer, ["15日内做出批复"], APPROVAL, law_elsewhere(CLAUSES))


def test_a_figure_true_nowhere_stays_wrong():
    answer = "调查组90日内提交调查报告。"
    assert wrong_points(answer, ["15日内做出批复"], APPROVAL, law_elsewhere(CLAUSES))


def test_another_articles_fine_given_for_a_penalty_question_stays_wrong():
    clause = "生产经营单位未按照规定投保安全生产责任保险的，责令限期改正，处五万元以上十万元以下的罚款。"
    answer = "对单位处二十万元以上五十万元以下的罚款。"
    score, _, wrong = grade_short_answer(
        answer, ["处五万元以上十万元以下的罚款"], clause, law_elsewhere(CLAUSES)
    )
    assert wrong and score == 0.0


FIVE = ["程序到位", "事实到位", "法条到位", "实体到位", "文本到位"]
FIVE_CLAUSE = "执法检查做到程序到位、事实到位、法条到位、实体到位、文本到位。"


def test_an_item_added_to_a_series_that_the_clause_does_not_hold_costs_a_point():
    answer = "程序到位、事实到位、法条到位、实体到位、文本到位、经济效益到位"
    score, found, wrong = grade_short_answer(answer, FIVE, FIVE_CLAUSE)
    assert all(found) and wrong == ["经济效益到位"] and score == 0.8


def test_a_series_item_said_in_other_words_is_no_extra_item():
    assert not wrong_points("程序、事实都要到位", FIVE, FIVE_CLAUSE)
    assert not wrong_points("学懂、看实、查准", FIVE, FIVE_CLAUSE)


def test_a_prohibition_is_stated_by_the_part_that_negates_it_when_two_say_as_much():
    point = "未经安全生产教育和培训合格的从业人员，不得上岗作业"
    assert point_found(point, "单位要对职工搞安全培训，不合格不能上岗。")
    assert not point_found(point, "单位要对职工搞安全培训，先上岗再慢慢培训合格。")


def test_a_range_written_with_wan_once_is_wan_at_both_ends():
    assert point_found("处一万元以上三万元以下的罚款", "罚1-3万")
    assert point_found("处五万元以上八万元以下的罚款", "由劳动部门罚5万-8万")
    assert point_found("给予1000元至1万元的奖励", "奖一千到一万")
    assert point_found("处三年以上七年以下有期徒刑", "特别恶劣的判3到7年有期徒刑")


OXYGEN = "采掘工作面进风流中，氧气体积浓度不得低于20%，二氧化碳体积浓度不得超过0.5%。"


def test_a_figure_with_the_bound_turned_round_is_no_point_but_a_wrong_one():
    points = ["氧气体积浓度不得低于20%", "二氧化碳体积浓度不得超过0.5%"]
    turned = "进风流中氧气不得超过20%，二氧化碳不得低于0.5%。"
    score, found, wrong = grade_short_answer(turned, points, OXYGEN)
    assert found == [False, False] and len(wrong) == 2 and score == 0.0
    assert point_found(
        "井下作业地点的空气温度不得超过28℃", "井下作业地点空气温度超过28度要采取降温措施"
    )  # a condition, not the limit
    assert point_found("每月至少检测1次", "每月检测一次")  # a figure said without its bound


def test_an_amount_fined_without_a_unit_is_money_the_clause_may_not_state():
    clause = "生产经营单位与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任的，该协议无效；对生产经营单位的主要负责人、个人经营的投资人处二万元以上十万元以下的罚款。"
    assert wrong_points("这种协议无效，单位罚五万以下。", ["该协议无效"], clause)
