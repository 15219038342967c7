"""Extractive answers lead with the verdict: a short piece of the first quote that answers what was
asked, carrying that quote's mark, so the verifier keeps it and the reader sees the answer first."""

from __future__ import annotations

import pytest

from assistant.answer.extractive import compose, verdict
from assistant.answer.verify import verify_answer
from assistant.schema import Clause, Hit

pytestmark = pytest.mark.unit

FINE = (
    "第九十七条 生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，"
    "责令停产停业整顿，并处十万元以上二十万元以下的罚款。"
)
BAN = "22.金属非金属地下矿山不得将爆破作业专项外包,违者依法责令改正直至停产整顿。"
DRILL = "12.头顶库企业每年汛期前至少组织1次应急演练。"


def hit(text: str, label: str = "第九十七条") -> Hit:
    clause = Clause(f"d:{label}", "d", "某法", "law", label, "clause", "", (), text, 0, len(text))
    return Hit(clause, 1.0, 1)


def test_a_penalty_question_leads_with_the_fine_verbatim() -> None:
    assert verdict("penalty", [FINE]) == "责令限期改正，处十万元以下的罚款"
    text, citations = compose([hit(FINE)], ["罚款", "生产经营单位"], intent="penalty")
    first = text.splitlines()[0]
    assert first.startswith("结论：") and "处十万元以下的罚款" in first and "〔1〕" in first
    assert verify_answer(text, citations, [hit(FINE).clause]).text.startswith("结论：")


def test_a_may_i_question_gets_no_and_the_consequence() -> None:
    assert verdict("permission", [BAN]) == "不得；违者「依法责令改正直至停产整顿」"


def test_conduct_the_clause_sanctions_is_not_allowed() -> None:
    plan = "凡是金属非金属地下矿山将爆破作业专项外包的,依法责令改正直至停产整顿。"
    assert verdict("permission", [plan]) == "不得；违者「依法责令改正直至停产整顿」"
    assert verdict("duty", [plan]) == ""


def test_a_how_often_question_gets_the_time() -> None:
    assert verdict("frequency", [DRILL]).startswith("每年汛期前")


@pytest.mark.parametrize(("intent", "quote"), [("penalty", DRILL), ("general", FINE), ("frequency", BAN)])
def test_no_verdict_when_the_quote_does_not_say_it(intent: str, quote: str) -> None:
    assert verdict(intent, [quote]) == ""
    text, _ = compose([hit(quote)], ["演练"], intent=intent)
    assert not text.startswith("结论")


def test_a_fabricated_verdict_mark_is_dropped_by_the_verifier() -> None:
    text, citations = compose([hit(FINE)], ["罚款"], intent="penalty")
    forged = text.replace("〔1〕", "〔9〕", 1)
    result = verify_answer(forged, citations, [hit(FINE).clause])
    assert not result.text.startswith("结论") and result.problems
