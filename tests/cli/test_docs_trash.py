"""``docs --remove`` asks before it moves anything, ``--yes`` is for scripts, ``--restore`` swaps versions
(click's CliRunner: its stdin is not a terminal)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Config
from assistant.index.build import build_index
from assistant.ingest.corpus import Corpus
from tests.conftest import FakeConfigFactory
from tests.conftest import run_cli as run

pytestmark = pytest.mark.unit

GAS = "第一条　煤矿应当建立瓦斯抽采系统。\n第二条　瓦斯超限必须停止作业、撤出人员。\n"
CARD = 'id = "gas"\ntitle = "煤矿瓦斯防治规定"\n'


@pytest.fixture
def kb(fake_config: FakeConfigFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Config:
    monkeypatch.chdir(tmp_path)  # no ./mine-assistant.toml from the developer's working folder
    config = fake_config(
        {"gas.txt": GAS, "gas.txt.toml": CARD, "tailings.txt": "第一条　尾矿库停用后应当闭库。\n"}
    )
    build_index(config, progress=False)
    return config


def listing(config: Config) -> list[str]:
    return sorted(p.relative_to(config.corpus_dir).as_posix() for p in config.corpus_dir.rglob("*"))


def test_remove_without_yes_off_a_terminal_refuses_and_changes_nothing(kb: Config) -> None:
    before = listing(kb)
    result = run(kb, "docs", "--remove", "gas")
    assert result.exit_code == 2
    assert "未移除《煤矿瓦斯防治规定》" in result.output
    assert "mine-assistant docs --remove gas --yes" in result.output
    assert listing(kb) == before and not (kb.corpus_dir / ".trash").exists()


def test_remove_with_yes_moves_the_file_and_its_card_to_the_trash(kb: Config) -> None:
    result = run(kb, "docs", "--remove", "gas", "-y")
    assert result.exit_code == 0, result.output
    assert "确定将" not in result.output  # no question asked
    assert not (kb.corpus_dir / "gas.txt").exists() and not (kb.corpus_dir / "gas.txt.toml").exists()
    (item,) = Corpus(kb).trash()
    kept = kb.corpus_dir / ".trash" / item.key
    assert (kept / "gas.txt").read_text("utf-8") == GAS and (kept / "gas.txt.toml").read_text("utf-8") == CARD
    assert f"已将《煤矿瓦斯防治规定》（gas）移入回收站：{kept}" in result.output
    assert f"恢复：mine-assistant docs --restore {item.key}" in result.output
    docs = json.loads(run(kb, "docs", "--json").output)["documents"]
    assert [d["id"] for d in docs] == ["tailings"]


@pytest.mark.parametrize("answer", ["\n", "n\n", "否\n", ""])  # Enter, no, anything else, Ctrl-D
def test_on_a_terminal_the_question_names_the_document_and_no_keeps_it(
    kb: Config, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    monkeypatch.setattr("assistant.cli.kb._interactive", lambda: True)
    before = listing(kb)
    result = run(kb, "docs", "--remove", "gas", stdin=answer)
    assert "确定将《煤矿瓦斯防治规定》移入回收站吗？[y/N]" in result.output
    assert result.exit_code == 1 and "已取消，没有移除任何文件。" in result.output
    assert listing(kb) == before


@pytest.mark.parametrize("answer", ["y\n", "YES\n", "是\n"])
def test_on_a_terminal_yes_moves_it_to_the_trash(
    kb: Config, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    monkeypatch.setattr("assistant.cli.kb._interactive", lambda: True)
    result = run(kb, "docs", "--remove", "gas", stdin=answer)
    assert result.exit_code == 0, result.output
    assert not (kb.corpus_dir / "gas.txt").exists() and len(Corpus(kb).trash()) == 1


def test_an_unknown_id_is_refused_before_any_question(kb: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.cli.kb._interactive", lambda: True)
    result = run(kb, "docs", "--remove", "nope", stdin="y\n")
    assert result.exit_code == 2 and "没有文档 'nope'" in result.output and "确定将" not in result.output


def test_yes_goes_only_with_remove(kb: Config) -> None:
    result = run(kb, "docs", "--yes")
    assert result.exit_code == 2 and "--yes 只能与 --remove 一起使用" in result.output


def test_restore_brings_back_the_version_before_an_update_and_keeps_the_new_one(
    kb: Config, tmp_path: Path
) -> None:
    new = tmp_path / "new.txt"
    new.write_text("第一条　瓦斯浓度超过百分之一必须停止作业。\n", encoding="utf-8")
    assert Corpus(kb).update("gas", new).ok
    listed = run(kb, "docs", "--trash").output
    assert "《煤矿瓦斯防治规定》  上传新版本前的旧版本  原位置 gas.txt" in listed

    result = run(kb, "docs", "--restore", "gas")
    assert result.exit_code == 0, result.output
    assert (kb.corpus_dir / "gas.txt").read_text("utf-8") == GAS
    (swapped,) = Corpus(kb).trash()
    assert "已恢复《煤矿瓦斯防治规定》（上传新版本前的旧版本" in result.output
    assert f"原来的当前版本已移入回收站：{kb.corpus_dir / '.trash' / swapped.key}" in result.output
    assert f"换回：mine-assistant docs --restore {swapped.key}" in result.output
    assert "百分之一" in (kb.corpus_dir / ".trash" / swapped.key / "gas.txt").read_text("utf-8")
