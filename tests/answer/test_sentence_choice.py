"""The sentence an answer quotes is the one about what was asked, said in the question's own words or in the
statutes' words for them (``assistant/data/synonyms.txt``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.extractive import score_sentences
from assistant.ingest.pipeline import ingest_file
from assistant.text.query import Query

pytestmark = pytest.mark.unit

MINE_LAW = Path(__file__).resolve().parents[2] / "corpus" / "矿山安全法(2009-08-27).md"


def best_sentence(label: str, question: str) -> str:
    clause = next(c for c in ingest_file(MINE_LAW, 50 << 20).clauses if c.label == label)
    scored = score_sentences(clause, list(Query.parse(question).content_words))
    return max(scored, key=lambda s: s.score).text


def test_a_pregnant_worker_is_answered_by_the_sentence_on_women_not_the_one_on_minors() -> None:
    # 第二十九条: 「矿山企业不得录用未成年人从事矿山井下劳动。」 then the sentence on 女职工; 孕妇 is said 孕期 女职工
    assert "女职工" in best_sentence("第二十九条", "孕妇能下井吗？")


def test_a_question_in_the_statutes_words_still_finds_its_own_sentence() -> None:
    assert "未成年人" in best_sentence("第二十九条", "未成年人能下井吗？")
