"""A quoted 项 in its display form 「<lead-in>……<item>」 passes verification; every fabricated variant
(a changed number, a lead-in from another article, an ellipsis joining two articles) is rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.verify import quote_in_article, verify_answer
from assistant.ingest import statutes
from assistant.ingest.pipeline import ingest_file
from assistant.schema import Citation, Clause

pytestmark = pytest.mark.unit

LAW = Path(__file__).resolve().parents[2] / "corpus" / "安全生产法(2021-06-10).md"
COAL = Path(__file__).resolve().parents[2] / "corpus" / "煤矿安全生产条例(2024-01-24).md"
TITLE = "中华人民共和国安全生产法"


@pytest.fixture(scope="module")
def law() -> list[Clause]:
    return ingest_file(LAW, 50 << 20).clauses


@pytest.fixture(scope="module")
def coal() -> list[Clause]:
    return ingest_file(COAL, 50 << 20).clauses


def pieces(clauses: list[Clause], label: str) -> list[Clause]:
    return [c for c in clauses if c.label == label]


def cite(quote: str, label: str = "第一百零一条") -> Citation:
    return Citation(1, "work-safety-law", TITLE, label, quote)


def verified(quote: str, clauses: list[Clause], label: str = "第一百零一条") -> list[Citation]:
    return verify_answer("重大危险源未登记建档要处罚〔1〕。", [cite(quote, label)], clauses).citations


def test_the_display_form_of_item_two_of_article_101_is_accepted(law: list[Clause]) -> None:
    quote = statutes.quote_item(pieces(law, "第一百零一条"), 2)
    assert quote.startswith("生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款")
    assert "……（二）对重大危险源未登记建档" in quote
    [citation] = verified(quote, law)
    # the verifier fills in the level, validity and chapter of the cited clause
    assert (citation.doc_level, citation.doc_status, citation.chapter) == (
        "法律",
        "现行有效",
        "第六章 法律责任",
    )
    assert citation.source() == "《中华人民共和国安全生产法》（法律·现行有效）第一百零一条"


def test_a_display_form_with_only_the_start_of_the_item_is_accepted(law: list[Clause]) -> None:
    lead = statutes.quote_item(pieces(law, "第一百零一条"), 2).split("……")[0]
    assert quote_in_article(f"{lead}……（二）对重大危险源未登记建档", pieces(law, "第一百零一条"))


def test_a_changed_number_in_the_lead_in_is_rejected(law: list[Clause]) -> None:
    quote = statutes.quote_item(pieces(law, "第一百零一条"), 2).replace(
        "处十万元以下的罚款", "处五万元以下的罚款", 1
    )
    assert verified(quote, law) == []


def test_a_changed_word_in_the_item_is_rejected(law: list[Clause]) -> None:
    quote = statutes.quote_item(pieces(law, "第一百零一条"), 2).replace("未制定应急预案", "未制定年度计划")
    assert verified(quote, law) == []


def test_a_lead_in_from_another_article_is_rejected(law: list[Clause]) -> None:
    other_lead = statutes.quote_item(pieces(law, "第九十七条"), 1).split("……")[0]
    item = statutes.quote_item(pieces(law, "第一百零一条"), 2).split("……")[1]
    assert other_lead and other_lead != statutes.quote_item(pieces(law, "第一百零一条"), 2).split("……")[0]
    assert verified(f"{other_lead}……{item}", law) == []


def test_an_ellipsis_joining_two_articles_is_rejected_under_either_label(law: list[Clause]) -> None:
    lead = statutes.quote_item(pieces(law, "第一百零一条"), 2).split("……")[0]
    item_of_105 = statutes.quote_item(pieces(law, "第一百零五条"), 1).split("……")[1]
    joined = f"{lead}……{item_of_105}"
    assert verified(joined, law, "第一百零一条") == []
    assert verified(joined, law, "第一百零五条") == []


def test_only_the_lead_in_may_be_elided_not_text_inside_it(law: list[Clause]) -> None:
    lead = statutes.quote_item(pieces(law, "第一百零一条"), 2).split("……")[0]
    item = statutes.quote_item(pieces(law, "第一百零一条"), 2).split("……")[1]
    shortened = lead.replace("；逾期未改正的，责令停产停业整顿", "")
    assert verified(f"{shortened}……{item}", law) == []
    assert verified(f"{lead[:20]}……{item}", law) == []  # a truncated lead-in
    item_three = statutes.quote_item(pieces(law, "第一百零一条"), 3).split("……")[1]
    assert verified(f"{lead}……{item}……{item_three}", law) == []  # a second ellipsis
    assert verified(f"{lead}……对重大危险源未登记建档", law) == []  # the item's marker elided


def test_piece_two_of_a_split_article_verifies_with_its_stored_lead_in(coal: list[Clause]) -> None:
    second = pieces(coal, "第三十六条")[1]
    item = next(p for p in statutes.items(second.parts) if p.number == 16)
    quote = f"{second.lead_in}……{second.text[item.start - second.start : item.end - second.start]}"
    assert quote_in_article(quote, [second])  # only piece two was retrieved
    assert not quote_in_article(quote.replace("属于重大事故隐患", "属于一般事故隐患"), [second])


def test_an_answer_quoting_one_item_gives_its_lead_in_once_and_the_quote_verifies(law: list[Clause]) -> None:
    from assistant.answer.extractive import compose
    from assistant.schema import Hit

    article = pieces(law, "第一百一十四条")
    hits = [Hit(c, 1.0, i + 1) for i, c in enumerate(article)]
    text, citations = compose(
        hits, ["较大事故", "罚款"], intent="penalty", question="发生较大事故，企业罚多少？"
    )
    first = citations[0].quote
    # whom the fine is on (the 生产经营单位 responsible) is in the lead-in, not in item (二)
    assert first.startswith("发生生产安全事故，对负有责任的生产经营单位")
    assert "……（二）发生较大事故的，处一百万元以上二百万元以下的罚款" in first
    assert sum(c.quote.count("依照下列规定处以罚款") for c in citations) == 1
    result = verify_answer(text, citations, article)
    assert not result.removed and len(result.citations) == len(citations)


def test_a_sentence_of_the_lead_in_is_not_quoted_again_beside_the_item_that_carries_it(
    law: list[Clause],
) -> None:
    from assistant.answer.extractive import compose
    from assistant.schema import Hit

    article = pieces(law, "第九十七条")
    hits = [Hit(c, 1.0, i + 1) for i, c in enumerate(article)]
    text, citations = compose(
        hits, ["注册安全工程师", "罚款"], intent="penalty", question="矿山企业没有配注册安全工程师要罚多少"
    )
    quotes = [c.quote for c in citations]
    # 「生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款」 is printed once, inside the item's quote
    assert sum(q.count("责令限期改正，处十万元以下的罚款") for q in quotes) == 1
    assert any("……（一）未按照规定设置安全生产管理机构" in q for q in quotes)
    result = verify_answer(text, citations, article)
    assert not result.removed and len(result.citations) == len(citations)


def test_a_quoted_lead_in_of_a_list_runs_on_through_its_items_and_verifies(law: list[Clause]) -> None:
    from assistant.answer.extractive import compose
    from assistant.schema import Hit

    article = pieces(law, "第二十五条")
    hits = [Hit(c, 1.0, i + 1) for i, c in enumerate(article)]
    question = "生产经营单位的安全生产管理机构有哪些职责？"
    text, citations = compose(hits, ["安全生产管理机构", "职责"], intent="duty", question=question)
    first = citations[0].quote
    # 「……履行下列职责:」 alone names the list and says nothing of what is in it
    assert "履行下列职责" in first and "（一）组织或者参与拟订本单位安全生产规章制度" in first
    assert sum(c.quote.count("（二）组织或者参与本单位安全生产教育和培训") for c in citations) == 1
    result = verify_answer(text, citations, article)
    assert not result.removed and len(result.citations) == len(citations)
