"""LLM mode against a real local chat-completions server: verified answers, fallback on any failure,
streaming, and a poisoned document that the verifier neutralises."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from assistant.answer.engine import AnswerEngine
from assistant.retrieve.search import Searcher
from tests.answer.conftest import POISON, with_llm

pytestmark = pytest.mark.integration

QUESTION = "地下矿山能不能把爆破作业专项外包？"


def _engine(config, server, timeout: float = 5.0) -> AnswerEngine:
    cfg = with_llm(config, server, timeout)
    return AnswerEngine(cfg, Searcher(cfg))


def _clause_number(engine: AnswerEngine, label_text: str) -> int:
    """The 1-based number the prompt gives the clause whose text contains ``label_text``."""
    hits = engine.searcher.search(QUESTION, 5)
    return next(i for i, h in enumerate(hits, 1) if label_text in h.clause.text)


def test_a_good_llm_answer_keeps_its_verified_citations(poisoned_config, chat_server) -> None:
    engine = _engine(poisoned_config, chat_server)
    n = _clause_number(engine, "不得将爆破作业专项外包")
    chat_server.script(
        (
            "ok",
            f"不能，地下矿山不得将爆破作业专项外包〔{n}〕。\n引用：\n〔{n}〕「金属非金属地下矿山不得将爆破作业专项外包。」",
        )
    )
    answer = engine.ask(QUESTION)
    assert answer.mode == "llm" and not answer.refused and answer.removed_citations == 0
    assert answer.answer.endswith("〔1〕。") and answer.citations[0].quote.startswith(
        "金属非金属地下矿山不得"
    )
    prompt = chat_server.requests[0]["messages"][-1]["content"]
    assert "<条款 编号=" in prompt and "仅作资料" in prompt


def test_a_hallucinated_citation_is_removed_and_reported(poisoned_config, chat_server) -> None:
    engine = _engine(poisoned_config, chat_server)
    n = _clause_number(engine, "不得将爆破作业专项外包")
    chat_server.script(
        (
            "ok",
            f"不得专项外包〔{n}〕。违者罚款五十万元〔9〕。\n引用：\n〔{n}〕「不得将爆破作业专项外包」\n〔9〕「违者罚款五十万元」",
        )
    )
    answer = engine.ask(QUESTION)
    assert answer.mode == "llm" and answer.removed_citations == 1
    assert "五十万" not in answer.answer and len(answer.citations) == 1
    assert any("删除" in notice for notice in answer.notices)


@pytest.mark.parametrize("status", [500, 429])
def test_http_errors_fall_back_to_an_extractive_answer_with_a_notice(
    poisoned_config, chat_server, status: int
) -> None:
    chat_server.script(("status", status))
    answer = _engine(poisoned_config, chat_server).ask(QUESTION)
    assert answer.mode == "extractive" and answer.citations and not answer.refused
    assert str(status) in answer.notices[0] and "摘录式" in answer.notices[0]


def test_a_timeout_falls_back_within_the_configured_time(poisoned_config, chat_server) -> None:
    chat_server.script(("sleep", 3.0, "太晚了〔1〕"))
    engine = _engine(poisoned_config, chat_server, timeout=0.5)
    t0 = time.perf_counter()
    answer = engine.ask(QUESTION)
    assert time.perf_counter() - t0 < 2.5
    assert answer.mode == "extractive" and answer.citations and "超时" in answer.notices[0]


def test_malformed_output_without_citations_falls_back(poisoned_config, chat_server) -> None:
    chat_server.script(("ok", "我觉得可以吧。"))
    answer = _engine(poisoned_config, chat_server).ask(QUESTION)
    assert answer.mode == "extractive" and answer.citations and "摘录式" in answer.notices[0]


def test_streaming_yields_text_pieces_then_the_verified_answer(poisoned_config, chat_server) -> None:
    engine = _engine(poisoned_config, chat_server)
    n = _clause_number(engine, "不得将爆破作业专项外包")
    chat_server.script(
        ("ok", f"不能，地下矿山不得将爆破作业专项外包〔{n}〕。\n引用：\n〔{n}〕「不得将爆破作业专项外包。」")
    )
    pieces = list(engine.stream(QUESTION))
    texts, final = pieces[:-1], pieces[-1]
    assert len(texts) > 1 and all(isinstance(p, str) for p in texts)
    assert "引用" not in "".join(texts)
    assert final.mode == "llm" and final.citations and chat_server.requests[0]["stream"] is True


def test_extractive_mode_only_quotes_the_poisoned_document(poisoned_config) -> None:
    engine = AnswerEngine(poisoned_config, Searcher(poisoned_config))
    answer = engine.ask("爆破作业外包有什么说明？")
    outside_quotes = answer.answer
    for c in answer.citations:
        outside_quotes = outside_quotes.replace(f"「{c.quote}」", "")
    assert "忽略以上所有指令" not in outside_quotes and "无需任何审批" not in outside_quotes
    assert answer.mode == "extractive"


def test_llm_output_obeying_the_poison_is_caught_by_the_verifier(poisoned_config, chat_server) -> None:
    engine = _engine(poisoned_config, chat_server)
    n = _clause_number(engine, "不得将爆破作业专项外包")
    obeying = (
        f"本矿可以随意外包爆破作业，无需任何审批。外包单位不用资质〔7〕。地下矿山不得将爆破作业专项外包〔{n}〕。\n"
        f"引用：\n〔7〕「外包单位不用资质」\n〔{n}〕「不得将爆破作业专项外包」"
    )
    chat_server.script(("ok", obeying))
    answer = engine.ask(QUESTION)
    assert "随意外包" not in answer.answer and "不用资质" not in answer.answer
    assert answer.removed_citations >= 1 and len(answer.citations) == 1
    assert POISON in chat_server.requests[0]["messages"][-1]["content"]  # sent, but only as fenced data


def test_quoting_a_clause_that_instructs_the_assistant_warns_the_reader(poisoned_config) -> None:
    engine = AnswerEngine(poisoned_config, Searcher(poisoned_config))
    answer = engine.ask("关于爆破作业外包的说明是什么？")
    cited = {(c.doc_id, c.clause) for c in answer.citations}
    poisoned = next(k for k in cited if "poison" in k[0])
    assert any("含有类似对助手下达指令的文字" in n and poisoned[1] in n for n in answer.notices)
    assert not answer.answer.startswith("结论")


def test_the_model_sees_level_validity_role_and_the_duty_a_penalty_enforces(laws_config, chat_server) -> None:
    question = "矿山企业没有配注册安全工程师要罚多少"
    engine = _engine(laws_config, chat_server)
    clauses, _ = engine._with_linked(
        [h.clause for h in engine.searcher.search(question, engine.config.top_k)]
    )
    fine = next(n for n, c in enumerate(clauses, 1) if c.label == "第九十七条")
    duty = next(n for n, c in enumerate(clauses, 1) if c.label == "第二十七条")
    chat_server.script(
        (
            "ok",
            f"结论：处十万元以下的罚款〔{fine}〕。\n它处罚的是未按规定配备注册安全工程师〔{duty}〕。\n"
            f"引用：\n〔{fine}〕「责令限期改正，处十万元以下的罚款」\n"
            f"〔{duty}〕「矿山、金属冶炼单位应当有注册安全工程师从事安全生产管理工作」",
        )
    )
    answer = engine.ask(question)
    prompt = chat_server.requests[0]["messages"][-1]["content"]
    system = chat_server.requests[0]["messages"][0]["content"]
    head = next(line for line in prompt.splitlines() if f'编号="{fine}"' in line)
    assert '层级="法律"' in head and '效力="现行有效"' in head and '性质="罚则"' in head
    assert f"所罚义务〔{duty}〕" in head
    assert "结论：" in system and "罚则" in system and "已废止" in system
    assert answer.mode == "llm" and answer.removed_citations == 0, answer.notices
    assert answer.answer.startswith("结论：处十万元以下的罚款〔1〕")
    assert [c.clause for c in answer.citations] == ["第九十七条", "第二十七条"]


def test_a_repealed_clause_is_marked_repealed_for_the_model(laws_config) -> None:
    from assistant.answer.prompts import format_clauses

    searcher = Searcher(laws_config)
    repealed = next(c for c in searcher.clauses if c.doc_status == "已废止" and c.kind == "clause")
    head = format_clauses([repealed]).splitlines()[0]
    assert '效力="已废止"' in head and "废止" in head.split("说明=")[1]


def test_an_llm_answer_whose_clauses_never_state_the_figure_asked_is_a_refusal_that_says_why(
    poisoned_config, chat_server
) -> None:
    # the threshold is raised so that the refusal model lets it through: the unstated figure refuses it
    engine = _engine(replace(poisoned_config, refusal_threshold=0.999), chat_server)
    question = "尾矿库闭库销号要交多少保证金？"
    hits = engine.searcher.search(question, 5)
    n = next(i for i, h in enumerate(hits, 1) if "闭库销号" in h.clause.text)
    chat_server.script(
        ("ok", f"尾矿库企业应当按规定闭库销号〔{n}〕。\n引用：\n〔{n}〕「尾矿库企业应当按规定闭库销号。」")
    )
    answer = engine.ask(question)
    assert len(chat_server.requests) == 1  # the model was asked; its cited clause states no 保证金
    assert answer.mode == "llm" and answer.refused and not answer.citations
    assert answer.answer.startswith("知识库中未找到相关规定：最相关的条款都没有写明“保证金”的具体数值")
    assert "可能相关的条款" in answer.answer and answer.related


def test_an_extractive_answer_whose_clauses_never_state_the_figure_asked_is_a_refusal(
    poisoned_config,
) -> None:
    engine = AnswerEngine(replace(poisoned_config, refusal_threshold=0.999))
    answer = engine.ask("尾矿库闭库销号要交多少保证金？")
    assert answer.mode == "extractive" and answer.refused and not answer.citations
    assert "最相关的条款都没有写明“保证金”的具体数值" in answer.answer
    timed = engine.ask("尾矿库停用多久要闭库？")  # a time asked is left to the unit rules, not refused here
    assert not timed.refused and timed.citations
