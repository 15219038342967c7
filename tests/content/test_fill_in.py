"""Fill-in answers are graded as a trainer reads them (issue 13's examples)."""

from __future__ import annotations

import pytest

from assistant.quiz.fill_in import fill_in_matches

pytestmark = pytest.mark.unit

DEADLINE = "完善矿山重大事故隐患数据库，____前实现各渠道排查的重大事故隐患全量汇总。"
MONTHLY = "组织专业技术人员每月开展____次重大事故隐患排查整治。"
MONITORING = "（ ）实现矿山主要安全风险监测预警全覆盖。"
DRILL = "督促矿山每半年至少组织开展____紧急撤离和逃生避险应急演练。"
LICENCE = "安全生产许可证的有效期为____。"


@pytest.mark.parametrize(
    "answer", ["2024年底", "2024年12月底", "2024年底前", "2024年12月底前", "二〇二四年底"]
)
def test_a_year_end_deadline_is_the_same_however_it_is_written(answer: str) -> None:
    assert fill_in_matches("2024年底", answer, DEADLINE)


@pytest.mark.parametrize("answer", ["2025年底", "2024年6月底", "2024年"])
def test_another_deadline_is_wrong(answer: str) -> None:
    assert not fill_in_matches("2024年底", answer, DEADLINE)


@pytest.mark.parametrize(
    "answer", ["2025年底", "2025年底前", "2025年12月底前", "2025年12月31日前", "2025年年底", "2025年底以前"]
)
def test_a_year_end_deadline_is_the_same_with_or_without_before_whatever_the_stem_says(answer: str) -> None:
    # the stem has no 前 after the blank for 「2025年底」 to borrow
    assert fill_in_matches("2025年底前", answer, MONITORING)
    assert fill_in_matches("2025年底", answer, "力争到____，大中型地下矿山通风、排水实现无人值守。")


@pytest.mark.parametrize("answer", ["2025年", "2025年前", "2024年底前", "2025年6月底前"])
def test_a_year_alone_or_another_date_is_not_the_year_end(answer: str) -> None:
    assert not fill_in_matches("2025年底前", answer, MONITORING)


@pytest.mark.parametrize("answer", ["1", "一", "一次", "1次", "１"])
def test_a_count_may_repeat_the_unit_the_stem_already_has(answer: str) -> None:
    assert fill_in_matches("1", answer, MONTHLY)


def test_numbers_percentages_and_money_in_any_numerals() -> None:
    assert fill_in_matches("百分之四十", "40%", "处上一年年收入____的罚款。")
    assert fill_in_matches("一百万元", "100万元", "处____以下的罚款。")
    assert fill_in_matches("半年", "6个月", "每____至少组织开展一次演练。")
    assert not fill_in_matches("百分之四十", "30%", "处上一年年收入____的罚款。")


def test_a_known_synonym_scores() -> None:
    assert fill_in_matches("四步法", "四步工作法", "按照____开好班前会。")
    assert not fill_in_matches("四步法", "三步法", "按照____开好班前会。")


@pytest.mark.parametrize("answer", ["1", "一", "1次", "一次"])
def test_a_count_of_times_may_be_a_bare_number_though_the_stem_names_no_unit(answer: str) -> None:
    assert fill_in_matches("一次", answer, DRILL)


@pytest.mark.parametrize("answer", ["2", "两次", "1年"])
def test_another_count_or_a_unit_that_is_no_count_is_wrong(answer: str) -> None:
    assert not fill_in_matches("一次", answer, DRILL)


def test_a_bare_number_of_people_counts_in_any_stem() -> None:
    assert fill_in_matches("三人", "3", "____以上为共同实施犯罪而组成的较为固定的犯罪组织，是犯罪集团。")
    assert not fill_in_matches("三人", "2", "____以上为共同实施犯罪而组成的较为固定的犯罪组织，是犯罪集团。")


def test_a_bare_number_counts_when_the_stem_gives_its_unit_right_after_the_blank() -> None:
    assert fill_in_matches("3人", "3", "较大事故，是指造成____以上10人以下死亡的事故。")


def test_a_bare_number_is_wrong_where_the_blank_could_take_years_or_months() -> None:
    assert not fill_in_matches("10年", "10", "必须有大专以上学历和____以上矿山一线从业经历。")
    assert not fill_in_matches("3年", "3", LICENCE)
    assert fill_in_matches("3年", "三年", LICENCE)


@pytest.mark.parametrize("answer", ["3个月", "3天"])
def test_the_same_number_in_another_unit_is_wrong(answer: str) -> None:
    assert not fill_in_matches("3年", answer, LICENCE)


def test_a_tail_the_stem_says_after_the_blank_is_not_counted_twice() -> None:
    assert fill_in_matches("高中", "高中及以上", "应当具有____以上文化程度。")
    assert not fill_in_matches("高中", "初中及以上", "应当具有____以上文化程度。")


def test_an_empty_answer_is_never_right() -> None:
    assert not fill_in_matches("3年", "  ", "停用超过____的尾矿库")
