"""Follow-ups borrow the topic in play from the previous resolved turn, and never pile queries up."""

from __future__ import annotations

import pytest

from assistant.answer.conversation import previous_topic, resolve_followup, topic

pytestmark = pytest.mark.unit


def test_a_turn_that_borrowed_context_is_about_the_context_it_borrowed() -> None:
    assert topic("多久一次？", "多久一次？ 头顶库要开展联合应急演练吗") == "头顶库要开展联合应急演练吗"
    assert topic("五职矿长要什么学历？", "五职矿长要什么学历？") == "五职矿长要什么学历？"


def test_five_follow_ups_in_a_row_stay_one_question_plus_the_topic() -> None:
    history = [("尾矿库没有生产经营主体的要怎么办？", "尾矿库没有生产经营主体的要怎么办？")]
    for question in ("这个要什么时候完成？", "那这个呢？", "上述要求谁负责？", "多久一次？"):
        resolved = resolve_followup(question, history)
        assert resolved == f"{question} {history[0][1]}"
        history.append((question, resolved))
    assert previous_topic(history) == "尾矿库没有生产经营主体的要怎么办？"


def test_a_refused_turn_is_skipped_when_finding_the_topic() -> None:
    history = [("头顶库多久演练一次？", "头顶库多久演练一次？"), ("九江明天天气怎么样？", "")]
    assert previous_topic(history) == "头顶库多久演练一次？"


def test_a_new_subject_replaces_the_old_one() -> None:
    history = [("五职矿长要什么学历？", "五职矿长要什么学历？")]
    assert resolve_followup("那专业技术人员呢？", history) == "专业技术人员要什么学历"


def test_a_new_subject_that_ends_in_the_next_word_does_not_say_it_twice() -> None:
    history = [("发生较大事故，企业要罚多少？", "发生较大事故，企业要罚多少？")]
    assert resolve_followup("那重大事故呢？", history) == "发生重大事故，企业要罚多少"  # not 「重大事故事故」


def test_a_new_subject_qualifies_a_question_whose_subject_spans_a_clause() -> None:
    # «特种作业人员没证上岗，企业罚多少» has no short leading subject to swap: 「煤矿多少」 lost the question
    history = [("特种作业人员没证上岗，企业罚多少？", "特种作业人员没证上岗，企业罚多少？")]
    assert resolve_followup("要是煤矿呢？", history) == "煤矿 特种作业人员没证上岗，企业罚多少"


@pytest.mark.parametrize(
    "question",
    ["有隐患还接着生产呢？", "要是瞒着不报呢？", "后来死亡人数又增加了呢？", "三个月内查出两次呢？"],
)
def test_a_predicate_is_not_taken_for_a_new_subject(question: str) -> None:
    history = [("煤矿重大事故隐患有哪些情形？", "煤矿重大事故隐患有哪些情形？")]
    assert resolve_followup(question, history) == f"{question} 煤矿重大事故隐患有哪些情形？"


def test_a_follow_up_asks_for_its_own_unit_not_the_one_of_the_topic_it_borrows() -> None:
    from types import SimpleNamespace

    from assistant.answer.engine import AnswerEngine
    from assistant.config import Config
    from assistant.text.query import Query

    engine = AnswerEngine(Config(), searcher=SimpleNamespace(query=Query.parse))  # type: ignore[arg-type]
    query = engine._followup_query("多久内要报？", "多久内要报？ 死了几个人算较大事故？")
    assert isinstance(query, Query)
    assert query.text == "多久内要报？ 死了几个人算较大事故？" and "事故" in query.content_words
    assert query.units == ()  # 几个人 was the earlier question's
    assert Query.parse("多久内要报？ 死了几个人算较大事故？").units == ("人",)
    # a query resolved another way (a subject swapped in) is analysed as it reads
    assert engine._followup_query("那重大事故呢？", "死了几个人算重大事故") == "死了几个人算重大事故"
