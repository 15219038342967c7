"""Fast tests of the web helpers that need no server: HTML escaping, marks, the panel, auth parsing."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.errors import ConfigError
from assistant.schema import Answer, Citation, Clause

pytestmark = pytest.mark.unit


def _clause(text: str, label: str = "第一条") -> Clause:
    return Clause(
        "d:0", "d", "某办法", "regulation", label, "clause", "", ("第一章　总则",), text, 0, len(text)
    )


def test_answer_text_is_escaped_and_marks_become_links() -> None:
    from assistant.web.citations import answer_html

    a = Answer(
        "问？",
        "<script>alert(1)</script>应当每年培训。〔1〕",
        [Citation(1, "d", "某<办法>", "第一条", "每年培训")],
        False,
        "extractive",
    )
    html = answer_html(a, 3)
    assert "<script>" not in html and "&lt;script&gt;" in html and "某&lt;办法&gt;" in html
    assert 'data-key="3:1"' in html


def test_badges_for_refused_and_removed_citations() -> None:
    from assistant.web.citations import answer_html

    html = answer_html(Answer("问", "知识库中未找到相关规定。", [], True, "llm", removed_citations=2), 0)
    assert "badge-refused" in html and "已删除 2 处" in html and "模式：大模型" in html


def test_panel_highlights_the_quote_inside_the_whole_clause_across_whitespace() -> None:
    from assistant.web.citations import panel_html

    clause = _clause("第一条　矿山企业应当\n每年组织培训。其他内容。")
    doc = SimpleNamespace(text=clause.text)
    searcher = SimpleNamespace(clauses=[clause], store=SimpleNamespace(documents={"d": doc}))
    html = panel_html(searcher, Citation(1, "d", "某办法", "第一条", "矿山企业应当每年组织培训。"))
    assert '<mark class="quote">矿山企业应当\n每年组织培训。</mark>' in html
    assert "其他内容" in html and "第一章　总则" in html


def test_panel_for_a_clause_no_longer_indexed_says_so() -> None:
    from assistant.web.citations import panel_html

    searcher = SimpleNamespace(clauses=[], store=SimpleNamespace(documents={}))
    assert "已不在当前索引中" in panel_html(searcher, Citation(1, "x", "旧文件", "第九条", "某句"))


def test_highlight_terms_escapes_text() -> None:
    from assistant.web.citations import highlight_terms

    assert highlight_terms("<b>尾矿库</b>闭库", ["尾矿库"]) == "&lt;b&gt;<mark>尾矿库</mark>&lt;/b&gt;闭库"


def test_auth_pairs_from_options_and_file(tmp_path: Path) -> None:
    from assistant.cli.serve import parse_auth

    users = tmp_path / "users.txt"
    users.write_text("# 账号\nadmin:p:w\n\nzhang:123\n", encoding="utf-8")
    assert parse_auth(("a:b",), users) == [("a", "b"), ("admin", "p:w"), ("zhang", "123")]
    assert parse_auth((), None) is None
    users.write_text("nopassword\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="第 1 行 格式应为 用户名:密码"):
        parse_auth((), users)


def test_session_state_copies_do_not_share_history() -> None:
    import copy

    from assistant.web.state import ChatSession

    first = ChatSession()
    second = copy.deepcopy(first)
    first.answers.append("x")
    assert second.answers == []


def test_importing_the_web_package_does_not_import_gradio() -> None:
    import subprocess
    import sys

    code = "import sys, assistant.web.state, assistant.web.citations, assistant.cli.serve; print('gradio' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
