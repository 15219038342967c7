"""What a question asks: its intent and the units its asked-for quantity is written in."""

from __future__ import annotations

import pytest

from assistant.text.intent import INTENTS, asked_units, classify_intent, written_forms
from assistant.text.query import Query

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("企业主要负责人未履行安全生产管理职责罚多少？", "penalty"),
        ("没配注册安全工程师要罚多少钱？", "penalty"),  # 多少 too, but a fine is asked
        ("重大责任事故判几年？", "penalty"),
        ("能不能把爆破作业外包给其他公司？", "permission"),
        ("井下可以用劳务派遣工吗？", "permission"),
        ("五职矿长必须是大专学历吗？", "duty"),
        ("要不要配专职安全管理人员？", "duty"),
        ("应急预案多久演练一次？", "frequency"),
        ("瓦斯多长时间查一回？", "frequency"),  # 一回 is the spoken 一次
        ("矿上的粉尘点一个月得测几回？", "frequency"),
        # a penalty word that describes the person, before the question asks whether something may be done
        ("我们矿新招了个爆破工，以前因为犯罪被判过刑，用他行不行？", "permission"),
        ("有刑事犯罪记录的人员是否可以从事民用爆炸物品相关工作？", "permission"),
        ("发生事故后不报告，能判刑吗？", "penalty"),  # the penalty word is inside the ask
        ("机构和它的负责人要罚多少钱？以后还能干这行吗？", "penalty"),  # an earlier question asks the fine
        ("事故发生后多久内要上报？", "deadline"),
        ("停用多少年的尾矿库要闭库？", "deadline"),
        ("什么是重大事故隐患？", "definition"),
        ("一次死了4个人，算较大事故吗？", "definition"),
        ("死3个人算较大事故还是一般事故？", "definition"),  # which of two classes: what each one is
        ("职业病防治法对职业病是怎么界定的？", "definition"),
        ("啥叫重大危险源？", "definition"),
        ("谁负责组织事故调查？", "who"),
        # the 么 of 什么 is no question particle: 「得考什么证」 asks which, not whether one must (stop 45)
        ("放炮工上岗得考什么证，找谁考？", "who"),
        ("孕妇能下井么？", "permission"),  # a 么 that is one
        ("事故报告要走什么程序？", "procedure"),
        ("井下同时作业不能超过多少人？", "number"),  # a threshold, though 不能 is in it
        ("新建地下矿山最小生产规模是多少吨？", "number"),
        ("硬措施的背景", "general"),
    ],
)
def test_a_question_is_classified_by_what_it_asks(question: str, intent: str) -> None:
    assert classify_intent(question) == intent
    assert intent in INTENTS


def test_the_query_carries_its_intent() -> None:
    assert Query.parse("发包给没资质的包工队罚多少？").intent == "penalty"


def test_asked_units_know_how_laws_write_them() -> None:
    assert asked_units("罚多少钱？") == ("钱",)
    assert asked_units("要罚多少？") == ("钱",)  # a fine is money even when the unit is not said
    assert asked_units("多少天内报告？") == ("天",)
    assert written_forms("钱") == ("元", "万元")
    assert written_forms("天") == ("日", "天")
    assert written_forms("光年") == ("光年",)
