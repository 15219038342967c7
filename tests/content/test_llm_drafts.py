"""Drafts with an LLM configured, over a real local chat-completions server (scripted replies)."""

from __future__ import annotations

import pytest

from assistant.answer.llm import ChatClient
from assistant.draft.compose import make_draft
from tests.answer.conftest import ChatServer, with_llm

pytestmark = pytest.mark.integration


@pytest.fixture
def server():
    s = ChatServer()
    yield s
    s.close()


def _client(seed_config, server: ChatServer) -> ChatClient:
    return ChatClient(with_llm(seed_config, server).llm)


def test_an_llm_draft_that_cites_its_clauses_is_kept(seed_config, seed_searcher, server) -> None:
    server.script(
        ("ok", "尾矿库安全要点\n各尾矿库企业要对照本条要求逐项落实。〔1〕\n属地政府要加强督促检查。〔1〕")
    )
    draft = make_draft(seed_searcher, "points", topic="尾矿库闭库", llm=_client(seed_config, server))
    assert draft.mode == "llm"
    assert draft.citations and all(c.quote for c in draft.citations)
    assert server.requests, "the draft must have gone through the chat-completions server"


def test_an_llm_draft_with_a_number_not_in_its_clause_falls_back_offline(
    seed_config, seed_searcher, server
) -> None:
    server.script(("ok", "尾矿库安全要点\n停用超过99年的尾矿库应当及时闭库治理。〔1〕"))
    draft = make_draft(seed_searcher, "points", topic="尾矿库闭库", llm=_client(seed_config, server))
    assert draft.mode == "offline"
    assert any("未通过核验" in n for n in draft.notices)
    assert "99年" not in draft.to_markdown()


def test_an_llm_server_error_falls_back_to_the_offline_draft(seed_config, seed_searcher, server) -> None:
    server.script(("status", 500))
    draft = make_draft(seed_searcher, "slogans", topic="尾矿库闭库", llm=_client(seed_config, server))
    assert draft.mode == "offline" and draft.notices
    assert draft.citations


@pytest.mark.parametrize(
    "reply",
    [
        "尾矿库宣传标语\n爆破作业不外包，安全责任不转移〔1〕",  # a rule of no clause the model was given
        "尾矿库宣传标语\n严禁新建头顶库，守住下游生命线〔1〕〔2〕",  # one slogan, two clauses
        "尾矿库宣传标语\n严禁新建头顶库，共建平安和谐矿山〔1〕",  # a stock tail
    ],
)
def test_an_llm_slogan_is_held_to_the_offline_slogan_rules(seed_config, seed_searcher, server, reply) -> None:
    server.script(("ok", reply))
    draft = make_draft(seed_searcher, "slogans", topic="尾矿库", llm=_client(seed_config, server))
    assert draft.mode == "offline"
    assert any("未通过核验" in n and "标语" in n for n in draft.notices), draft.notices


def test_an_llm_slogan_of_one_clause_that_passes_the_checker_is_kept(
    seed_config, seed_searcher, server
) -> None:
    from assistant.content.selection import select_clauses

    clauses = [c for c in select_clauses(seed_searcher, "尾矿库", k=16) if c.kind == "clause"]
    n = next(i for i, c in enumerate(clauses, 1) if "头顶库" in c.text)
    server.script(("ok", f"尾矿库宣传标语\n严禁新建头顶库，守住下游生命线〔{n}〕"))
    draft = make_draft(seed_searcher, "slogans", topic="尾矿库", llm=_client(seed_config, server))
    assert draft.mode == "llm", draft.notices
    assert [b.kind for b in draft.blocks] == ["slogan"]
    assert "〔" not in draft.to_markdown().split("依据：")[0].split("\n", 2)[2]  # no mark on a slogan's line
