"""The ``index``, ``search`` and ``docs`` commands through click's CliRunner, and the import budget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.config import Config
from assistant.index.build import build_index
from assistant.index.store import open_index
from assistant.ingest.corpus import store_upload
from tests.conftest import REPO, FakeConfigFactory, regulation_text
from tests.conftest import run_cli as run

pytestmark = pytest.mark.unit

TAILINGS = regulation_text(4, title="尾矿库安全管理规定").replace("安全生产责任制度", "尾矿库闭库管理制度")
GAS = "第一条　煤矿应当建立瓦斯抽采系统。\n第二条　瓦斯超限必须停止作业、撤出人员。\n"
GAS_CARD = (
    'id = "gas"\ntitle = "煤矿瓦斯防治规定"\nkind = "national-measure"\nissuer = "国家矿山安全监察局"\n'
)


@pytest.fixture
def kb(fake_config: FakeConfigFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Config:
    monkeypatch.chdir(tmp_path)  # no ./mine-assistant.toml from the developer's working folder
    config = fake_config({"tailings.txt": TAILINGS, "gas.txt": GAS, "gas.txt.toml": GAS_CARD})
    build_index(config, progress=False)
    return config


def search_json(config: Config, *args: str) -> dict:  # type: ignore[type-arg]
    result = run(config, "search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


# --- search --------------------------------------------------------------------------------------------


def test_search_json_keeps_the_stable_contract(kb: Config) -> None:
    data = search_json(kb, "瓦斯超限怎么办")
    assert list(data) == ["query", "hits"]
    assert data["query"] == "瓦斯超限怎么办"
    assert data["hits"], "expected at least one hit"
    for hit in data["hits"]:
        # the original keys first and unchanged; level, validity and chapter were added after them
        assert list(hit) == [
            "doc_id",
            "doc_title",
            "clause",
            "text",
            "score",
            "doc_level",
            "doc_status",
            "status_note",
            "chapter",
            "relevance",
        ]
        assert isinstance(hit["score"], float)
    top = data["hits"][0]
    assert (top["doc_id"], top["doc_title"], top["clause"]) == ("gas", "煤矿瓦斯防治规定", "第二条")
    assert top["text"] == "第二条　瓦斯超限必须停止作业、撤出人员。"
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_search_json_text_is_the_clause_as_stored_in_the_index(kb: Config) -> None:
    stored = {(c.doc_id, c.label): c.text for c in open_index(kb.index_path).clauses}
    for hit in search_json(kb, "闭库管理制度", "-k", "10")["hits"]:
        assert stored[(hit["doc_id"], hit["clause"])] == hit["text"]


def test_search_k_limits_the_number_of_hits(kb: Config) -> None:
    assert len(search_json(kb, "矿山企业", "-k", "2")["hits"]) == 2


def test_search_doc_filter_returns_only_that_document(kb: Config) -> None:
    hits = search_json(kb, "瓦斯 尾矿库 矿山企业", "--doc", "tailings", "-k", "10")["hits"]
    assert hits and {h["doc_id"] for h in hits} == {"tailings"}


def test_search_kind_filter_returns_only_that_kind(kb: Config) -> None:
    hits = search_json(kb, "瓦斯 尾矿库 矿山企业", "--kind", "national-measure", "-k", "10")["hits"]
    assert hits and {h["doc_id"] for h in hits} == {"gas"}
    assert search_json(kb, "瓦斯 尾矿库", "--kind", "standard")["hits"] == []


def test_search_unknown_doc_is_an_error_listing_the_indexed_documents(kb: Config) -> None:
    result = run(kb, "search", "瓦斯", "--doc", "nope")
    assert result.exit_code == 2
    assert "错误：没有文档 'nope'；已索引的文档：gas, tailings" in result.output


def test_search_unknown_kind_is_a_usage_error_listing_the_choices(kb: Config) -> None:
    result = run(kb, "search", "瓦斯", "--kind", "law")
    assert result.exit_code == 2
    assert "national-measure" in result.output and "local-plan" in result.output


@pytest.mark.parametrize("method", ["bm25", "dense", "hybrid"])
def test_every_search_method_finds_the_gas_clause(kb: Config, method: str) -> None:
    hits = search_json(kb, "瓦斯超限撤出人员", "--method", method)["hits"]
    assert hits[0]["clause"] == "第二条" and hits[0]["doc_id"] == "gas"


def test_search_text_output_shows_title_level_status_label_and_score(kb: Config) -> None:
    result = run(kb, "search", "瓦斯抽采系统", "-k", "1")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    # the reranker's probability, not the min-max fused score that is 1.000 for every first hit
    assert lines[0].startswith("1. 《煤矿瓦斯防治规定》（规范性文件·现行有效）第一条  （匹配概率 ")
    assert lines[1] == "第一条　煤矿应当建立瓦斯抽采系统。"


def test_search_without_an_index_tells_the_user_to_build_one(fake_config: FakeConfigFactory) -> None:
    result = run(fake_config({"gas.txt": GAS}), "search", "瓦斯")
    assert result.exit_code == 2
    assert "找不到索引" in result.output and "mine-assistant index" in result.output


def test_search_with_another_embedding_model_is_refused(kb: Config) -> None:
    result = run(kb.with_overrides(embedding_model="hash-other"), "search", "瓦斯")
    assert result.exit_code == 2
    assert "错误：" in result.output and "--rebuild" in result.output


def test_empty_query_is_a_usage_error(kb: Config) -> None:
    result = run(kb, "search", "  ")
    assert result.exit_code == 2 and "检索内容不能为空" in result.output


# --- docs and index ------------------------------------------------------------------------------------


def test_docs_lists_every_indexed_document_with_its_card_and_clause_count(kb: Config) -> None:
    result = run(kb, "docs", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    rows = {d["id"]: d for d in data["documents"]}
    assert set(rows) == {"gas", "tailings"}
    assert rows["gas"]["title"] == "煤矿瓦斯防治规定" and rows["gas"]["issuer"] == "国家矿山安全监察局"
    assert rows["gas"]["clauses"] == 2
    assert rows["tailings"]["clauses"] == 5  # 前言 + four articles
    assert any("没有目录卡" in n for n in rows["tailings"]["notes"])
    assert data["embedding"]["backend"] == "fake"

    text = run(kb, "docs").output
    assert "gas  《煤矿瓦斯防治规定》  规范性文件·现行有效  国家矿山安全监察局" in text
    assert "2 条（2 段）" in text
    assert "嵌入模型：fake:hash-bigram-64" in text


def test_index_json_reports_files_and_counts(kb: Config) -> None:
    (kb.corpus_dir / "gas.txt").unlink()
    result = run(kb, "index", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["removed"] == ["gas.txt"]
    assert [(f["path"], f["status"]) for f in data["files"]] == [("tailings.txt", "unchanged")]
    assert data["embedded"] == 0 and data["clauses"] == 5


def test_index_add_copies_the_file_under_a_safe_name_and_indexes_it(kb: Config, tmp_path: Path) -> None:
    src = tmp_path / "outside" / "通风 规定 (2024)!;rm -rf.txt"
    src.parent.mkdir()
    src.write_text("第一条　矿井必须有完整的独立通风系统。\n", encoding="utf-8")
    result = run(kb, "index", "--add", str(src))
    assert result.exit_code == 0, result.output
    stored = [p for p in kb.corpus_dir.iterdir() if "通风" in p.name]
    assert [p.name for p in stored] == ["通风_规定_(2024)_rm_-rf.txt"]
    assert stored[0].read_bytes() == src.read_bytes()
    assert src.exists()  # copied, not moved
    assert "✓ 已索引  通风_规定_(2024)_rm_-rf.txt" in result.output
    hits = search_json(kb, "独立通风系统")["hits"]
    assert hits[0]["text"] == "第一条　矿井必须有完整的独立通风系统。"


def test_index_add_refuses_unsupported_files_and_still_indexes_the_rest(kb: Config, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "sheet.xlsx"
    good.write_text("第一条　严禁超层越界开采。\n", encoding="utf-8")
    bad.write_bytes(b"PK\x03\x04")
    result = run(kb, "index", "--add", str(good), "--add", str(bad), "--add", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1  # a file the user asked for was refused: not a silent success
    assert "不支持的文件类型 .xlsx" in result.output and "文件不存在" in result.output
    assert (kb.corpus_dir / "good.txt").exists() and not (kb.corpus_dir / "sheet.xlsx").exists()
    assert "✓ 已索引  good.txt" in result.output
    assert search_json(kb, "严禁超层越界开采")["hits"][0]["text"] == "第一条　严禁超层越界开采。"


def test_index_add_of_a_missing_file_is_an_error(kb: Config, tmp_path: Path) -> None:
    result = run(kb, "index", "--add", str(tmp_path / "missing.txt"))
    assert result.exit_code != 0
    assert "✗ 拒收" in result.output and "文件不存在" in result.output


def test_index_add_refuses_an_oversized_file_before_copying_anything(kb: Config, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("第一条　" + "矿山企业应当加强安全管理。" * 20000, encoding="utf-8")  # ~0.5 MB
    before = sorted(p.name for p in kb.corpus_dir.iterdir())
    result = run(kb, "--max-file-mb", "0.1", "index", "--add", str(big))
    assert result.exit_code != 0
    assert "文件过大" in result.output and "max_file_mb" in result.output
    assert sorted(p.name for p in kb.corpus_dir.iterdir()) == before  # nothing was copied


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.txt", "..\\..\\evil.txt", "/abs/path/x.txt", ".hidden.txt"]
)
def test_uploaded_names_never_escape_the_corpus_folder(tmp_path: Path, name: str) -> None:
    stored = store_upload(tmp_path, name, "第一条　内容。".encode())
    assert stored.parent == tmp_path
    assert not stored.name.startswith(".")


def test_the_same_upload_twice_is_stored_once_and_a_different_one_gets_a_new_name(tmp_path: Path) -> None:
    a = store_upload(tmp_path, "规定.txt", b"A")
    assert store_upload(tmp_path, "规定.txt", b"A") == a
    b = store_upload(tmp_path, "规定.txt", b"B")
    assert b != a and b.name == "规定-2.txt"


def test_help_lists_the_knowledge_base_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("index", "search", "docs"):
        assert command in result.output


def test_repo_root_is_where_conftest_thinks_it_is() -> None:
    assert (REPO / "pyproject.toml").exists() and (REPO / "corpus").is_dir()


def test_search_without_k_returns_the_configured_top_k(kb: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(search_json(kb, "矿山企业")["hits"]) == 5
    assert len(json.loads(run(kb, "--top-k", "2", "search", "矿山企业", "--json").output)["hits"]) == 2
    monkeypatch.setenv("MINE_ASSISTANT_TOP_K", "3")
    assert len(search_json(kb, "矿山企业")["hits"]) == 3


def test_the_answer_engine_retrieves_top_k_clauses(kb: Config) -> None:
    from assistant.answer.engine import AnswerEngine

    assert len(AnswerEngine(kb.with_overrides(top_k=2)).retrieve("矿山企业安全生产责任制度").hits) == 2
    assert len(AnswerEngine(kb.with_overrides(top_k=4)).retrieve("矿山企业安全生产责任制度").hits) == 4


def test_search_json_gives_each_hit_a_relevance_that_falls_with_its_rank(kb: Config) -> None:
    hits = search_json(kb, "瓦斯抽采系统")["hits"]
    relevance = [h["relevance"] for h in hits]
    assert len(hits) >= 2 and all(r is not None and 0 <= r <= 1 for r in relevance)
    assert relevance == sorted(relevance, reverse=True) and len(set(relevance)) > 1
    assert hits[0]["score"] == 1.0  # the fused score stays, unchanged, for scripts that read it
