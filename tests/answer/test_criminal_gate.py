"""Which 刑法 articles `applies` may name, and when a result crime's condition — someone killed or hurt — holds."""

from __future__ import annotations

import pytest

from assistant.text.crimes import fits, listed, tells_of_harm

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("situation", "harm"),
    [
        ("结果塌了死了3个人", True),
        ("一名工人重伤", True),
        ("发生较大事故，调查认定企业负有责任", False),  # an accident's grade is not a death the text tells of
        ("矿长把大门锁了不让进", False),
    ],
)
def test_a_result_crime_needs_a_situation_that_tells_of_a_death_or_injury(situation: str, harm: bool) -> None:
    assert tells_of_harm(situation) is harm


def test_only_the_production_safety_crimes_are_listed() -> None:
    kinds = listed()
    assert kinds["第一百三十四条"].kind == "result" and kinds["第一百三十四条之一"].kind == "conduct"
    assert "第三百四十三条" not in kinds and "第一百三十二条" not in kinds  # 非法采矿, 铁路运营安全事故


def test_a_death_alone_is_not_a_failure_to_report_it() -> None:
    report = listed()["第一百三十九条之一"]  # 不报、谎报安全事故罪 needs the 不报 in the situation's words
    assert not fits(report, "result", "矿山发生一般事故死了1个人，企业对事故负有责任")
    assert fits(report, "result", "矿上出了事故死了两个人，矿长瞒着没往上报")
    assert fits(listed()["第一百三十四条"], "result", "结果塌了死了3个人")  # no conduct words listed for it


def test_a_specific_result_crime_needs_its_own_conduct_and_the_general_one_does_not() -> None:
    crimes = listed()
    roof = "矿长逼着工人进顶板有裂缝的采场，塌了死了两个人"  # no unsafe facility, no dangerous goods: 第一百三十四条
    assert not fits(crimes["第一百三十五条"], "result", roof)
    assert fits(crimes["第一百三十四条"], "result", roof)
    assert fits(crimes["第一百三十五条"], "result", "安全设施不符合国家规定，塌方死了4个人")
    assert fits(crimes["第一百三十六条"], "result", "炸药库管理混乱，发生爆炸死了1个人")


@pytest.mark.parametrize(
    ("situation", "crime"),
    [
        ("为了多出矿，矿上把井下一氧化碳报警仪的探头给拔了", True),
        ("煤矿被责令停产整顿后，老板晚上偷偷组织工人下井出煤", True),
        ("矿山没有安全生产许可证就开始采矿", True),
        ("金属矿山企业一直没有注册安全工程师从事安全管理工作", False),  # a fine, not 危险作业罪
        ("矿上的安全培训台账是空的，培训了什么都没记录", False),
    ],
)
def test_the_conduct_crime_needs_the_conduct_one_of_its_items_names(situation: str, crime: bool) -> None:
    assert fits(listed()["第一百三十四条之一"], "conduct", situation) is crime
