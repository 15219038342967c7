"""Which questions ask what is borne for an accident's report withheld, a worker's right to refuse work, a party's
duties, or how many parts something has, and which articles answer them."""

from __future__ import annotations

import pytest

from assistant.text.accident_liability import asks_what_a_withheld_report_bears, sanctions_a_withheld_report
from assistant.text.counts import counted_noun, states_the_count
from assistant.text.duties import asks_the_duties, lists_the_duties_of, roles
from assistant.text.listed_class import listed_class, sanctions_the_class
from assistant.text.worker_rights import GRANTS_A_WORKER_REFUSAL, asks_a_workers_right_to_refuse

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("煤矿企业瞒报事故，主要负责人要承担什么责任？", True),
        ("矿上瞒报事故怎么罚？", True),
        ("矿长把事故压着不报，会受什么处分？", True),
        # how tips about it are handled is not what is borne for it (seed set r224)
        ("谎报瞒报事故的举报线索，通知里要求怎么处理？", False),
        # a report made, nothing withheld
        ("煤矿发生事故后多长时间内要上报？", False),
    ],
)
def test_a_question_about_a_withheld_report(question: str, asks: bool) -> None:
    assert asks_what_a_withheld_report_bears(question) is asks


def test_the_articles_that_sanction_a_withheld_report_are_found_by_their_words() -> None:
    assert sanctions_a_withheld_report(
        "生产经营单位的主要负责人对生产安全事故隐瞒不报、谎报或者迟报的，依照前款规定处罚。"
    )
    assert sanctions_a_withheld_report(
        "事故发生单位……处100万元以上500万元以下的罚款：（一）谎报或者瞒报事故的；"
    )
    # a duty to report is no sanction
    assert not sanctions_a_withheld_report("任何单位和个人对事故不得迟报、漏报、谎报或者瞒报。")


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("工人发现重大事故隐患可以拒绝作业吗？", True),
        ("班长硬让我们冒险去干，我能不能不干？", True),
        ("井下碰上直接威胁性命的险情，工人能不能自己停工撤出来？", True),
        # an inspector's power, not a worker's right
        ("矿山安全监察人员发现紧急情况，有权要求停止作业吗？", False),
        ("工人违章作业怎么处罚？", False),
    ],
)
def test_a_question_about_a_workers_right_to_refuse(question: str, asks: bool) -> None:
    assert asks_a_workers_right_to_refuse(question) is asks


def test_the_articles_that_grant_a_worker_refusal_are_found_by_their_words() -> None:
    assert GRANTS_A_WORKER_REFUSAL.search(
        "从业人员有权对本单位安全生产工作中存在的问题提出批评、检举、控告；有权拒绝违章指挥和强令冒险作业。"
    )
    assert GRANTS_A_WORKER_REFUSAL.search(
        "从业人员发现直接危及人身安全的紧急情况时，有权停止作业或者在采取可能的应急措施后撤离作业场所。"
    )
    # an inspector's power to stop work is not a worker's right
    assert not GRANTS_A_WORKER_REFUSAL.search("发现威胁职工生命安全的紧急情况时，有权要求立即停止作业")


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("老板对安全生产到底要管哪些事？", True),
        ("安全员平时主要管些什么？", True),
        ("煤矿主要负责人要履行哪些职责？", True),
        # what is borne for a breach is a liability, not a duty
        ("矿长要负什么责任？出了事故死了一个人", False),
        ("安全员没持证上岗，要罚什么？", False),
    ],
)
def test_a_question_about_a_partys_duties(question: str, asks: bool) -> None:
    assert asks_the_duties(question) is asks


def test_the_article_that_lists_a_partys_duties_is_found_by_its_lead_in() -> None:
    head = "第二十一条 生产经营单位的主要负责人对本单位安全生产工作负有下列职责："
    assert lists_the_duties_of(head, roles(("老板", "主要负责人")))
    # another party's list is not this one's
    assert not lists_the_duties_of("第二十五条 事故调查组履行下列职责：", roles(("主要负责人",)))
    # 「负有下列安全生产职责」 (煤矿安全生产条例 第十九条)
    assert lists_the_duties_of(
        "安全生产管理机构和安全生产管理人员负有下列安全生产职责：", roles(("安全员", "管理人员"))
    )
    # words that name no party by its role are not matched on
    assert roles(("安全", "生产", "老板", "主要负责人", "管理人员")) == ("主要负责人", "管理人员")


def test_the_class_a_list_puts_its_items_in_and_the_article_that_sanctions_it() -> None:
    listing = "第三十六条 煤矿企业有下列情形之一的，属于重大事故隐患，应当立即停止受影响区域生产、建设：（二）瓦斯超限作业的；"
    assert listed_class(listing) == "重大事故隐患"
    assert listed_class("煤矿企业应当建立健全事故隐患排查治理制度。") == ""
    assert sanctions_the_class(
        "对存在重大事故隐患仍然进行生产的煤矿企业，责令停产整顿，并处50万元以上200万元以下的罚款",
        "重大事故隐患",
    )
    # a duty to report the class is no sanction of it
    assert not sanctions_the_class("重大事故隐患排查治理情况应当及时报告。", "重大事故隐患")


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("治本攻坚三年行动一共有几个阶段？", "阶段"),
        ("这个三年行动从什么时候到什么时候，分几步走？", "步"),
        ("硬措施一共提了几个方面？", "方面"),
        ("矿山领域的硬措施一共提了多少个方面？", "方面"),
        # which ones, not how many
        ("对从事接触职业病危害作业的劳动者，用人单位应当组织哪几个阶段的职业健康检查？", ""),
        # a figure, not a count of parts
        ("出了事故单位负责人几个小时内得上报？", ""),
        ("一个矿井起码要有几个安全出口？", ""),
    ],
)
def test_a_question_asking_how_many_parts_something_has(question: str, noun: str) -> None:
    assert counted_noun(question) == noun


def test_the_clause_that_states_a_count_is_found_by_a_numeral_of_two_or_more() -> None:
    assert states_the_count("从2024年3月至2026年12月,分四个阶段进行:", "阶段")
    assert states_the_count("从2024年3月至2026年12月,分四个阶段进行:", "步")
    assert states_the_count("从5个方面提出了硬措施", "方面")
    assert not states_the_count("严格落实每一个环节的安全责任", "环节")
    assert not states_the_count("采取多种形式对治本攻坚三年行动进行广泛宣传报道", "阶段")
