"""An output file never lands in the corpus or the index folder: ``draft -o``, ``quiz -o`` / ``--answer-sheet``
and ``grade -o`` refuse such a path before doing anything, and the corpus is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Config
from assistant.index.build import build_index
from tests.conftest import FakeConfigFactory
from tests.conftest import run_cli as run

pytestmark = pytest.mark.unit

TAILINGS = "第一条　对停用超过3年的尾矿库，其生产经营主体应当及时闭库治理。\n"


@pytest.fixture
def kb(fake_config: FakeConfigFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Config:
    monkeypatch.chdir(tmp_path)
    config = fake_config({"tailings.txt": TAILINGS})
    build_index(config, progress=False)
    return config


def snapshot(config: Config) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in config.corpus_dir.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ("draft", "article", "--topic", "尾矿库", "-o", "{corpus}/tailings.txt"),
        ("draft", "slogans", "--topic", "尾矿库", "-o", "{corpus}/标语.md"),
        ("quiz", "--topic", "尾矿库", "-o", "{corpus}/bank.json"),
        ("quiz", "--topic", "尾矿库", "--answer-sheet", "{index}/sheet.xlsx"),
    ],
)
def test_an_output_inside_the_corpus_or_index_is_refused_and_nothing_changes(kb: Config, args: tuple) -> None:
    before = snapshot(kb)
    filled = [a.format(corpus=kb.corpus_dir, index=kb.index_dir) for a in args]
    result = run(kb, *filled)
    assert result.exit_code != 0
    assert "请换一个位置" in result.output
    assert snapshot(kb) == before


def test_an_output_elsewhere_is_written(kb: Config, tmp_path: Path) -> None:
    out = tmp_path / "out" / "标语.md"
    out.parent.mkdir()
    result = run(kb, "draft", "slogans", "--topic", "尾矿库", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()
