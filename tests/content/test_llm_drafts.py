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
