"""A blank whose answer stands next to its neighbour across Chinese law is a giveaway, and is not asked."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from assistant.content.facts import list_facts
from assistant.quiz.generate import _Ctx, build_list
from assistant.quiz.stock_pairs import pair_documents, stock_pair, threshold

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("before", "answer", "after"),
    [
        ("并保证信息的真实、准确、", "完整", "。"),  # round 47, H2867
        ("必须全面、", "客观", "、公正地调查。"),  # round 45, H2809
        ("电梯安全工作应当坚持安全第一、", "预防为主", "、权责明确、综合治理的原则。"),
        (
            "并重点排查治理燃气、",
            "用火",
            "、用电等方面的生产安全事故隐患。",
        ),  # the pair is with the item after
    ],
)
def test_a_blank_in_a_stock_pair_is_refused(before: str, answer: str, after: str) -> None:
    assert pair_documents(before, answer, after) >= threshold()
    assert stock_pair(before, answer, after)


@pytest.mark.parametrize(
    ("before", "answer", "after"),
    [
        ("应当保证高速公路隧道内照明、通风、", "监控", "等设施的正常使用。"),  # round 45, read ok
        ("应当将水路运输船舶进出港、", "靠离泊", "、锚泊、试航等动态计划提前报告。"),
        ("组织编制危险化学品、易燃易爆物品、", "重大危险源", "、压力容器等重点事项的监督检查计划。"),
    ],
)
def test_a_blank_in_a_run_of_its_own_is_kept(before: str, answer: str, after: str) -> None:
    assert not stock_pair(before, answer, after)


def test_only_an_item_joined_to_the_answer_counts() -> None:
    assert pair_documents("保证信息真实准确", "完整", "。") == 0  # no 、 or conjunction on either side
    assert pair_documents("真实、准确、", "完", "") == 0  # a one-character answer is no word to look up


def test_the_generator_asks_no_blank_in_a_stock_run(make_clause) -> None:
    text = "第二十六条 生产经营单位应当及时录入危险化学品信息，并保证信息的真实、准确、完整。"
    clause = replace(make_clause(text, label="第二十六条"), role="义务", roles=("义务",))
    facts = [f for f in list_facts(clause) if f.kind == "series"]
    assert facts, "the run 真实、准确、完整 is a series"
    blanks = [build_list(f, "blank", _Ctx(random.Random(i), [], [], [])) for f in facts for i in range(8)]
    assert blanks and not any(blanks)
