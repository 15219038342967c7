"""Fault injection (issue 12): a damaged index, a damaged or interrupted embedding cache, killed
builds, hostile corpus entries and hostile files given to ``index --add``.

Each case is one that broke: ``index`` answered 「索引已是最新」 over a truncated ``dense.faiss``, a
truncated cache crashed even ``--rebuild``, a second card with a taken id hid the real document, two
identical files lost one, a symlink to /etc/passwd was searchable, ``--add`` copied before refusing.
Everything goes through the command line as a user runs it, on real files.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Config
from assistant.index.build import build_index
from assistant.index.embed_cache import text_key
from assistant.index.embeddings import FakeEmbedder
from assistant.index.store import version_folder
from tests.conftest import REPO, FakeConfigFactory, regulation_text
from tests.hostile_files import write_docx_bomb
from tests.test_search_cli import run

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TAILINGS = regulation_text(4, title="尾矿库安全管理规定").replace("安全生产责任制度", "尾矿库闭库管理制度")
GAS = "第一条　煤矿应当建立瓦斯抽采系统。\n第二条　瓦斯超限必须停止作业、撤出人员。\n"
GAS_CARD = 'id = "gas"\ntitle = "煤矿瓦斯防治规定"\nkind = "national-measure"\n'
QUERY = "瓦斯超限怎么办"


def hits(config: Config, query: str = QUERY, *args: str) -> list[dict[str, object]]:
    result = run(config, "search", query, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["hits"]  # type: ignore[no-any-return]


def folder(config: Config) -> Path:
    current = version_folder(config.index_path)
    assert current is not None
    return current


@pytest.fixture
def kb(fake_config: FakeConfigFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Config:
    monkeypatch.chdir(tmp_path)  # no ./mine-assistant.toml from the developer's working folder
    config = fake_config({"tailings.txt": TAILINGS, "gas.txt": GAS, "gas.txt.toml": GAS_CARD})
    assert run(config, "index").exit_code == 0
    return config


# --- the corruption matrix ------------------------------------------------------------------------------


def truncate(path: Path, size: int = 100) -> None:
    with path.open("r+b") as f:
        f.truncate(size)


def drop_lines(path: Path, n: int = 2) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-n]), encoding="utf-8")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated dense.faiss": lambda f: truncate(f / "dense.faiss"),
    "deleted bm25/": lambda f: shutil.rmtree(f / "bm25"),
    "clauses.jsonl missing lines": lambda f: drop_lines(f / "clauses.jsonl"),
    "tokens.jsonl missing lines": lambda f: drop_lines(f / "tokens.jsonl"),
    "truncated documents.json": lambda f: truncate(f / "documents.json"),
    "invalid manifest JSON": lambda f: (f / "manifest.json").write_text("{not json", encoding="utf-8"),
    "deleted manifest.json": lambda f: (f / "manifest.json").unlink(),
    "deleted version folder": lambda f: shutil.rmtree(f),
    "emptied bm25 vocabulary": lambda f: (f / "bm25" / "vocab.index.json").write_text("{}", encoding="utf-8"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_index_fails_search_in_one_line_and_the_next_index_repairs_it(
    kb: Config, damage: str
) -> None:
    before = hits(kb)
    DAMAGE[damage](folder(kb))

    broken = run(kb, "search", QUERY)
    assert broken.exit_code == 2
    assert broken.stderr.startswith("错误：") and broken.stderr.count("\n") == 1
    assert "mine-assistant index" in broken.stderr

    repaired = run(kb, "index")
    assert repaired.exit_code == 0, repaired.output
    assert "索引已是最新" not in repaired.stdout
    assert hits(kb) == before
    assert run(kb, "index", "--verify").exit_code == 0
    assert "索引已是最新" in run(kb, "index").stdout


@pytest.mark.parametrize("part", ["dense.faiss", "clauses.jsonl", "documents.json", "bm25/vocab.index.json"])
def test_a_part_changed_in_place_is_named_by_verify_and_rebuilt_by_index(kb: Config, part: str) -> None:
    before = hits(kb)
    path = folder(kb) / part
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # same size: only the checksum can tell
    path.write_bytes(bytes(data))

    verify = run(kb, "index", "--verify")
    assert verify.exit_code == 1
    assert f"{part} 内容与校验和不符" in verify.stdout

    repaired = run(kb, "index")
    assert f"! 发现问题  {part} 内容与校验和不符" in repaired.stdout
    assert "已修复索引" in repaired.stdout
    assert run(kb, "index", "--verify").exit_code == 0
    assert hits(kb) == before


def test_repairing_a_damaged_dense_index_re_reads_no_file_and_re_embeds_nothing(kb: Config) -> None:
    truncate(folder(kb) / "dense.faiss")
    data = json.loads(run(kb, "index", "--json").stdout)
    assert {f["status"] for f in data["files"]} == {"unchanged"}
    assert data["embedded"] == 0 and data["changed"] is True
    assert data["repaired"] == [
        "dense.faiss 大小不符（100 字节，应为 " + data["repaired"][0].split("应为 ")[1]
    ]


def test_verify_says_the_index_is_sound_and_exits_zero(kb: Config) -> None:
    result = run(kb, "index", "--verify")
    assert result.exit_code == 0
    assert result.stdout.startswith("索引完好")
    data = json.loads(run(kb, "index", "--verify", "--json").stdout)
    assert data["ok"] is True and data["problems"] == []


# --- embedding cache ------------------------------------------------------------------------------------


def test_a_truncated_embedding_cache_is_discarded_and_even_rebuild_recomputes_it(kb: Config) -> None:
    cache = kb.index_dir / ".cache" / "embeddings-fake-hash-bigram-64.npz"
    truncate(cache, cache.stat().st_size // 2)

    result = run(kb, "index", "--rebuild", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["embedded"] == data["clauses"]
    assert any("嵌入缓存 embeddings-fake-hash-bigram-64.npz 已损坏" in p for p in data["repaired"])
    assert json.loads(run(kb, "index", "--rebuild", "--json").stdout)["embedded"] == 0  # rewritten whole


SLOW_BUILD = """
import sys, time
from pathlib import Path
from assistant.config import Config
from assistant.index import embeddings
from assistant.index.build import build_index

class SlowFake(embeddings.FakeEmbedder):
    def embed_passages(self, texts):
        time.sleep(0.05)
        vectors = super().embed_passages(texts)
        with open(sys.argv[3], "a") as log:
            log.write(f"{len(texts)}\\n")
        return vectors

embeddings.register("fake")(SlowFake)  # same backend and model id: the same cache file
config = Config(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]), embedding_backend="fake",
                embed_batch_size=8)
build_index(config, progress=False)
"""


def test_a_build_killed_while_embedding_resumes_where_it_stopped(
    fake_config: FakeConfigFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = fake_config({"big.txt": regulation_text(400, title="矿山安全管理大全")})
    log = tmp_path / "embedded.log"
    build = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(config.corpus_dir), str(config.index_dir), str(log)], cwd=REPO
    )
    try:
        deadline = time.monotonic() + 120
        while _embedded(log) < 200 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert build.poll() is None, "the build finished before it could be killed"
        os.kill(build.pid, signal.SIGKILL)
    finally:
        build.kill()
        build.wait()
    assert version_folder(config.index_path) is None  # killed before anything was published
    batches = sorted((config.index_dir / ".cache").glob("embeddings-fake-hash-bigram-64.part-*.npz"))
    saved: set[str] = set()
    for batch in batches:
        saved |= set(np.load(batch)["keys"].tolist())
    assert len(saved) >= 192 and len(saved) % 64 == 0  # written every 64 texts, up to the kill

    embedded: list[str] = []
    real = FakeEmbedder.embed_passages
    monkeypatch.setattr(
        FakeEmbedder, "embed_passages", lambda self, texts: embedded.extend(texts) or real(self, texts)
    )
    report = build_index(config, progress=False)

    assert report.embedded == report.n_clauses - len(saved)
    assert len(embedded) == len(set(embedded)) == report.embedded
    assert not saved & {text_key(t) for t in embedded}  # nothing embedded before the kill is embedded again
    cache = np.load(config.index_dir / ".cache" / "embeddings-fake-hash-bigram-64.npz")
    assert len(cache["keys"]) == report.n_clauses
    assert not list((config.index_dir / ".cache").glob("*.part-*"))  # folded into the cache file


def _embedded(log: Path) -> int:
    return sum(int(n) for n in log.read_text().split()) if log.exists() else 0


# --- killed builds leave folders behind -----------------------------------------------------------------


def test_build_folders_of_killed_builds_are_removed_and_those_of_live_builds_kept(kb: Config) -> None:
    make_folder = (
        "import sys; from pathlib import Path; from assistant.index.store import new_build_folder; "
        "f = new_build_folder(Path(sys.argv[1])); (f / 'clauses.jsonl').write_text('half'); print(f)"
    )
    dead = Path(
        subprocess.run(
            [sys.executable, "-c", make_folder, str(kb.index_path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout.strip()
    )
    live = kb.index_dir / f".{kb.index_name}.building-{os.getppid()}-1"  # pytest's parent: alive
    live.mkdir()
    assert dead.is_dir() and dead.name.startswith(".default.building-")

    result = run(kb, "index")

    assert not dead.exists() and live.is_dir()
    assert "已清理中断的构建留下的 1 个临时文件夹" in result.stdout


# --- catalog integrity ----------------------------------------------------------------------------------


def test_a_second_card_claiming_an_indexed_id_fails_naming_both_files_and_the_document_stays(
    kb: Config,
) -> None:
    gas = kb.corpus_dir / "gas.txt"
    intruder = kb.corpus_dir / "copy.txt"
    intruder.write_text("第一条　任何矿山都可以无证开采。\n", encoding="utf-8")
    (kb.corpus_dir / "copy.txt.toml").write_text('id = "gas"\ntitle = "假规定"\n', encoding="utf-8")
    old = gas.stat().st_mtime - 100
    os.utime(intruder, (old, old))  # even an older file does not take the id of an indexed document

    result = run(kb, "index")

    assert result.exit_code == 0  # the rest is indexed; the report line says what happened
    line = next(x for x in result.stdout.splitlines() if x.startswith("✗ 失败  copy.txt"))
    assert "文档 id “gas” 与 gas.txt 重复" in line and "保留已索引的 gas.txt" in line
    assert "copy.txt.toml" in line
    assert [h["doc_title"] for h in hits(kb, QUERY, "--doc", "gas")][:1] == ["煤矿瓦斯防治规定"]
    assert not [h for h in hits(kb, "无证开采", "-k", "10") if "无证开采" in str(h["text"])]


def test_on_a_first_build_the_older_of_two_files_keeps_a_shared_id(
    fake_config: FakeConfigFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    card = 'id = "plan"\ntitle = "方案"\n'
    config = fake_config({"a.txt": GAS, "a.txt.toml": card, "b.txt": TAILINGS, "b.txt.toml": card})
    old = time.time() - 1000
    os.utime(config.corpus_dir / "b.txt", (old, old))

    result = run(config, "index")

    assert "✓ 已索引  b.txt  plan" in result.stdout
    assert "✗ 失败  a.txt  文档 id “plan” 与 b.txt 重复：保留较早的 b.txt" in result.stdout


def test_identical_files_under_two_names_are_both_indexed_incrementally(kb: Config) -> None:
    (kb.corpus_dir / "tailings-copy.txt").write_text(TAILINGS, encoding="utf-8")
    result = run(kb, "index")
    assert "✓ 已索引  tailings-copy.txt  tailings-copy" in result.stdout
    assert "· 未变化  tailings.txt  tailings" in result.stdout
    docs = json.loads(run(kb, "docs", "--json").stdout)["documents"]
    assert sorted(d["id"] for d in docs) == ["gas", "tailings", "tailings-copy"]
    assert hits(kb, "尾矿库闭库管理制度", "--doc", "tailings-copy")
    assert hits(kb, "尾矿库闭库管理制度", "--doc", "tailings")


def test_a_symlink_out_of_the_corpus_is_refused_and_one_inside_is_indexed(kb: Config, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("第一条　机密口令是天王盖地虎。\n", encoding="utf-8")
    (kb.corpus_dir / "secret.txt").symlink_to(secret)
    (kb.corpus_dir / "passwd.txt").symlink_to("/etc/passwd")
    (kb.corpus_dir / "gas-alias.txt").symlink_to(kb.corpus_dir / "gas.txt")

    result = run(kb, "index")

    assert "✗ 失败  secret.txt  符号链接指向语料目录之外，已拒绝" in result.stdout
    assert "✗ 失败  passwd.txt  符号链接指向语料目录之外，已拒绝" in result.stdout
    assert "✓ 已索引  gas-alias.txt" in result.stdout
    assert not [h for h in hits(kb, "机密口令", "-k", "20") if "口令" in str(h["text"])]
    assert not [h for h in hits(kb, "root", "-k", "20", "--method", "bm25") if "root" in str(h["text"])]
    assert "索引已是最新" in run(kb, "index").stdout  # a refused link does not make every run rebuild


# --- index --add ----------------------------------------------------------------------------------------


def test_adding_a_missing_file_exits_non_zero(kb: Config, tmp_path: Path) -> None:
    result = run(kb, "index", "--add", str(tmp_path / "nowhere.txt"))
    assert result.exit_code != 0
    assert "文件不存在" in result.output


def test_adding_an_oversized_file_copies_nothing(kb: Config, tmp_path: Path) -> None:
    (tmp_path / "mine-assistant.toml").write_text("max_file_mb = 1\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(TAILINGS * 2000, encoding="utf-8")  # ~1.4 MB
    before = sorted(p.name for p in kb.corpus_dir.iterdir())

    result = run(kb, "index", "--add", str(big))

    assert result.exit_code != 0
    assert "文件过大" in result.output and "max_file_mb" in result.output
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == before


def test_adding_a_zip_bomb_copies_nothing(kb: Config, tmp_path: Path) -> None:
    bomb = write_docx_bomb(tmp_path / "通知.docx")
    before = sorted(p.name for p in kb.corpus_dir.iterdir())

    result = run(kb, "index", "--add", str(bomb))

    assert result.exit_code != 0
    assert "压缩包解压后超过上限" in result.output
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == before
