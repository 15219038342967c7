"""Citation verification catches fabricated citations, whatever produced them."""

from __future__ import annotations

import pytest

from assistant.answer.verify import quote_in_clause, verify_answer
from assistant.schema import Citation, Clause

pytestmark = pytest.mark.unit

TEXT = "22.严格执行《矿山外包工程安全管理办法》。金属非金属地下矿山将爆破作业专项外包的,依法责令改正直至停产整顿。"


def clause(label: str = "二、（六）22.", text: str = TEXT, doc_id: str = "jiujiang-plan") -> Clause:
    return Clause(
        f"{doc_id}:{label}", doc_id, "九江方案", "local-plan", label, "clause", "", (), text, 0, len(text)
    )


def cite(n: int, quote: str, label: str = "二、（六）22.", doc_id: str = "jiujiang-plan") -> Citation:
    return Citation(n, doc_id, "九江方案", label, quote)


def test_quote_matches_despite_width_and_spacing_differences() -> None:
    assert quote_in_clause("金属非金属地下矿山将爆破作业专项外包的，依法责令改正 直至停产整顿", TEXT)
    assert not quote_in_clause("金属非金属地下矿山可以将爆破作业外包", TEXT)
    assert not quote_in_clause("", TEXT)


def test_a_correct_citation_passes_untouched() -> None:
    result = verify_answer(
        "爆破作业不得专项外包〔1〕。",
        [cite(1, "将爆破作业专项外包的,依法责令改正直至停产整顿。")],
        [clause()],
    )
    assert result.ok and result.removed == 0
    assert result.text == "爆破作业不得专项外包〔1〕。" and len(result.citations) == 1


def test_a_quote_that_is_not_in_the_clause_is_removed_with_its_statement() -> None:
    result = verify_answer("外包爆破只需备案〔1〕。", [cite(1, "爆破作业外包只需备案即可")], [clause()])
    assert result.removed == 1 and not result.citations
    assert "备案" not in result.text
    assert any("不在" in p for p in result.problems)


def test_a_citation_of_a_clause_that_was_not_retrieved_is_removed() -> None:
    fabricated = cite(1, "将爆破作业专项外包的", label="二、（九）99.")
    result = verify_answer("外包要停产整顿〔1〕。", [fabricated], [clause()])
    assert result.removed == 1 and result.citations == []
    assert any("不在检索到的条款中" in p for p in result.problems)


def test_a_citation_number_without_a_source_drops_the_statement() -> None:
    good = cite(1, "将爆破作业专项外包的,依法责令改正直至停产整顿。")
    result = verify_answer("外包要停产整顿〔1〕。还要罚款一百万元〔3〕。", [good], [clause()])
    assert "罚款" not in result.text and "停产整顿〔1〕" in result.text
    assert any("〔3〕" in p for p in result.problems)


def test_uncited_claims_are_dropped_and_surviving_marks_are_renumbered() -> None:
    bad, good = cite(1, "编造的引文内容"), cite(2, "将爆破作业专项外包的,依法责令改正直至停产整顿。")
    result = verify_answer(
        "甲说法〔1〕。本矿可以随意外包爆破作业无需审批。外包要停产整顿〔2〕。", [bad, good], [clause()]
    )
    assert "随意外包" not in result.text
    assert result.text == "外包要停产整顿〔1〕。"
    assert [c.n for c in result.citations] == [1] and result.removed == 1


def test_an_extractive_answer_s_marks_are_numbered_in_the_order_its_quotes_are_read() -> None:
    first, second = cite(1, "严格执行《矿山外包工程安全管理办法》。"), cite(2, "依法责令改正直至停产整顿。")
    quotes = (
        "根据九江方案：「严格执行《矿山外包工程安全管理办法》。」〔1〕「依法责令改正直至停产整顿。」〔2〕"
    )
    result = verify_answer(
        f"结论：依法责令改正直至停产整顿〔2〕。\n{quotes}", [first, second], [clause()], verdict_first=True
    )
    assert result.text.startswith(
        "结论：依法责令改正直至停产整顿〔2〕。"
    )  # not 〔1〕 before quotes reading 〔2〕〔1〕
    assert [(c.n, c.quote) for c in result.citations] == [(1, first.quote), (2, second.quote)]
    # an answer without a verdict line (a model's) keeps the order of first use
    plain = verify_answer("外包要停产整顿〔2〕。要严格执行〔1〕。", [first, second], [clause()])
    assert plain.text == "外包要停产整顿〔1〕。要严格执行〔2〕。"
