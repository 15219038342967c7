"""Which situations tell of harm at work: what the production-safety result crimes need."""

from __future__ import annotations

import pytest

from assistant.text.crimes import harm_at_work

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text",
    [
        "出了人命，矿长要坐牢吗？",
        "井下透水淹死三个人",
        # someone to be rescued, as 贻误事故抢救 needs
        "出了事故瞒着不报，耽误了救人，要判几年？",
        "矿长把井下事故压下来没往上报，结果救援晚了",
        "冒顶后有两名工人被困井下",
        # an accident graded above 一般 is graded by its dead, injured or loss (事故报告条例 第三条)
        "发生重大事故，主要负责人要承担什么刑事责任？",
        "煤矿发生较大生产安全事故，矿长会被判刑吗？",
    ],
)
def test_a_death_an_injury_or_a_rescue_at_work_is_harm_at_work(text: str) -> None:
    assert harm_at_work(text)


@pytest.mark.parametrize(
    "text",
    [
        "没有制定应急救援预案，会不会坐牢？",  # a plan for a rescue is no one to rescue
        "开车撞死人会坐牢吗？",  # a death on the road is no production accident
        "矿上不按规定培训工人，要罚多少？",
        "存在重大事故隐患不整改会坐牢吗？",  # a hazard is no accident
    ],
)
def test_a_plan_a_road_death_or_no_harm_is_not(text: str) -> None:
    assert not harm_at_work(text)
