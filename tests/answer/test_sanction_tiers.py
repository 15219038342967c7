"""A quoted sanction keeps its 「；」 tiers: 「处三年以下有期徒刑或者拘役」 quoted without 「情节特别恶劣的，处三年以上七年
以下有期徒刑」 tells the reader the lightest sentence is the whole of it. Every quote stays one verbatim span."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.extractive import MAX_QUOTE_CHARS, ScoredSentence, _trim, _with_tiers, pick_quotes
from assistant.answer.verify import verify_answer
from assistant.ingest.pipeline import ingest_file
from assistant.schema import Citation, Clause, Hit
from assistant.text.sentences import split_sentences

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def criminal() -> list[Clause]:
    return ingest_file(CORPUS / "刑法.md", 50 << 20).clauses


def article(clauses: list[Clause], label: str) -> Clause:
    return next(c for c in clauses if c.label == label)


def chosen(clause: Clause, *positions: int) -> list[ScoredSentence]:
    sentences = split_sentences(clause.text)
    return [ScoredSentence(clause, sentences[i].text, 1.0, i) for i in positions]


def test_the_first_tier_of_a_criminal_sentence_runs_on_through_the_aggravated_one(
    criminal: list[Clause],
) -> None:
    clause = article(criminal, "第一百三十四条")
    [quote] = _with_tiers(clause, chosen(clause, 0))
    assert quote.endswith("处三年以下有期徒刑或者拘役；情节特别恶劣的，处三年以上七年以下有期徒刑。")
    assert quote in clause.text


def test_a_tier_chosen_alone_takes_the_sentence_it_grades(criminal: list[Clause]) -> None:
    clause = article(criminal, "第一百三十四条")
    [quote] = _with_tiers(clause, chosen(clause, 1))  # 「情节特别恶劣的，……」 on its own names no conduct
    assert quote.startswith("第一百三十四条 在生产、作业中违反有关安全管理的规定")
    assert "情节特别恶劣的" in quote


def test_a_sentence_and_its_tier_both_chosen_are_one_quote(criminal: list[Clause]) -> None:
    clause = article(criminal, "第一百三十四条")
    assert len(_with_tiers(clause, chosen(clause, 0, 1))) == 1


def test_a_sentence_that_states_no_sanction_is_not_extended(criminal: list[Clause]) -> None:
    clause = article(criminal, "第一百三十四条之一")
    first = split_sentences(clause.text)[1]  # 「（一）关闭、破坏……的；」, a 项, not a sanction
    assert _with_tiers(clause, chosen(clause, 1)) == [first.text]


def test_a_penalty_question_is_answered_with_both_tiers_and_verifies(criminal: list[Clause]) -> None:
    clause = article(criminal, "第一百三十四条")
    [(cited, quotes)] = pick_quotes(
        [Hit(clause, 1.0, 1)], ["重大", "伤亡", "事故", "有期徒刑"], intent="penalty"
    )[:1]
    assert cited is clause
    assert any("情节特别恶劣的，处三年以上七年以下有期徒刑" in q for q in quotes)
    citations = [
        Citation(i, clause.doc_id, clause.doc_title, clause.label, q) for i, q in enumerate(quotes, 1)
    ]
    assert verify_answer("判几年〔1〕。", citations, [clause]).citations


def test_a_long_list_is_cut_after_a_whole_item_not_inside_one() -> None:
    items = "".join(
        f"（{n}）未按照规定做第{n}件应当做的事情，也没有如实记录和报告有关情况的；" for n in range(1, 30)
    )
    text = "有下列行为之一的，责令限期改正：" + items
    cut = _trim(text)
    assert len(cut) <= MAX_QUOTE_CHARS
    assert cut.endswith("的；") and text.startswith(cut)


def test_a_piece_that_only_says_whom_the_conduct_before_it_is_fined_on_takes_that_conduct() -> None:
    law = ingest_file(next(CORPUS.glob("*安全生产法*.md")), 50 << 20).clauses
    clause = article(law, "第一百零六条")
    fine = next(
        i
        for i, s in enumerate(split_sentences(clause.text))
        if s.text.startswith("对生产经营单位的主要负责人")
    )
    [quote] = _with_tiers(
        clause, chosen(clause, fine)
    )  # stop 42: quoted alone for a drowning, it fined nobody knew what for
    assert "免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任的" in quote
    assert quote.endswith("处二万元以上十万元以下的罚款。") and quote in clause.text
