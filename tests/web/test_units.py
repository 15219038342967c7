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


def test_accounts_with_roles_from_options_and_file(tmp_path: Path) -> None:
    from assistant.web.access import Account, hash_password, read_accounts

    users = tmp_path / "users.txt"
    hashed = hash_password("s3cret-pw", iterations=1000)
    users.write_text(f"# 账号\nadmin:p:w:admin\n\nzhang:123\nli:{hashed}:user\n", encoding="utf-8")
    assert read_accounts(["a:b"], users) == [
        Account("a", "b", "user"),
        Account("admin", "p:w", "admin"),
        Account("zhang", "123", "user"),
        Account("li", hashed, "user"),
    ]
    assert read_accounts([], None) == []
    users.write_text("nopassword\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="第 1 行 格式应为 用户名:密码"):
        read_accounts([], users)
    with pytest.raises(ConfigError, match="账号重复：a"):
        read_accounts(["a:1", "a:2"], None)


def test_passwords_check_against_hashes_and_roles_gate_the_admin_actions() -> None:
    from assistant.errors import AssistantError
    from assistant.web.access import Access, Account, hash_password

    access = Access.of(
        [Account("li", hash_password("pw-li-123", iterations=1000)), Account("root", "pw", "admin")]
    )
    assert access.check("li", "pw-li-123") and not access.check("li", "pw-li-12")
    assert not access.check("nobody", "pw") and access.check("root", "pw")
    li, root, anonymous = (SimpleNamespace(username=n) for n in ("li", "root", None))
    assert access.role(li) == "user" and access.is_admin(root) and not access.is_admin(anonymous)
    with pytest.raises(AssistantError, match="移除文档需要管理员权限；li 是普通用户"):
        access.require_admin(li, "移除文档")
    access.require_admin(root, "移除文档")
    assert Access().is_admin(anonymous)  # no accounts: the local single user is the administrator


def test_login_throttle_locks_an_account_then_an_address_and_doubles() -> None:
    from assistant.web.access import LoginThrottle

    now = [0.0]
    throttle = LoginThrottle(per_account=3, per_address=5, base_lock_s=10, clock=lambda: now[0])
    for _ in range(2):
        throttle.record("li", "10.0.0.1", ok=False)
    assert throttle.wait("li", "10.0.0.1") == 0
    throttle.record("li", "10.0.0.1", ok=False)
    assert throttle.wait("li", "10.0.0.9") == 10  # the account is locked from any address
    assert throttle.wait("wang", "10.0.0.1") == 0  # the address is not yet
    now[0] = 10.0
    throttle.record("li", "10.0.0.2", ok=False)
    assert throttle.wait("li", "10.0.0.2") == 20  # the lock doubles
    for name in ("a", "b"):
        throttle.record(name, "10.0.0.1", ok=False)
    assert throttle.wait("zhao", "10.0.0.1") == 10  # five failures from one address lock it for anyone
    now[0] = 100.0
    throttle.record("li", "10.0.0.3", ok=True)
    assert throttle.wait("li", "10.0.0.3") == 0


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
