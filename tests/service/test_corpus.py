"""The corpus service through the façade: one set of checks for the CLI and the web app, checked
before anything is copied, then a re-index (fake embedding: milliseconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.ingest.corpus import precheck
from assistant.ingest.limits import IngestLimits
from assistant.service import Assistant, NewFile, SearchRequest
from tests.conftest import FakeConfigFactory

pytestmark = pytest.mark.unit

GAS = "第一条　煤矿应当建立瓦斯抽采系统。\n第二条　瓦斯超限必须停止作业、撤出人员。\n"
CARD = 'id = "gas"\ntitle = "煤矿瓦斯防治规定"\nkind = "national-measure"\nissuer = "国家矿山安全监察局"\n'


@pytest.fixture
def assistant(fake_config: FakeConfigFactory) -> Assistant:
    files = {"gas.txt": GAS, "gas.txt.toml": CARD, "tailings.txt": "第一条　尾矿库停用后应当闭库。\n"}
    a = Assistant(fake_config(files, max_file_mb=0.01))
    a.build_index()
    return a


def test_precheck_names_what_is_wrong_before_any_copy(tmp_path: Path) -> None:
    limits = IngestLimits(max_file_bytes=100)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"x" * 101)
    (tmp_path / "sheet.xlsx").write_bytes(b"PK")
    with pytest.raises(IngestError, match="文件不存在"):
        precheck(tmp_path / "missing.txt", limits)
    with pytest.raises(IngestError, match="文件为空"):
        precheck(tmp_path / "empty.txt", limits)
    with pytest.raises(IngestError, match=r"文件过大.*max_file_mb"):
        precheck(tmp_path / "big.txt", limits)
    with pytest.raises(IngestError, match="不支持的文件类型 .xlsx"):
        precheck(tmp_path / "sheet.xlsx", limits)
    with pytest.raises(IngestError, match="不支持的文件类型 .exe"):
        precheck(
            tmp_path / "big.txt", IngestLimits(max_file_bytes=10**6), name="big.exe"
        )  # the user's name counts


def test_added_files_are_checked_first_and_the_good_ones_are_indexed(
    assistant: Assistant, tmp_path: Path
) -> None:
    good, big = tmp_path / "通风.txt", tmp_path / "big.txt"
    good.write_text("第一条　矿井必须有完整的独立通风系统。\n", encoding="utf-8")
    big.write_text("第一条　" + "内容" * 10000, encoding="utf-8")
    before = sorted(p.name for p in assistant.config.corpus_dir.iterdir())
    change = assistant.add_documents([NewFile(good), NewFile(big, "大文件.txt")])
    assert [(a.source, a.ok) for a in change.added] == [("通风.txt", True), ("大文件.txt", False)]
    assert "文件过大" in change.refused[0].reason
    after = sorted(p.name for p in assistant.config.corpus_dir.iterdir())
    assert sorted(set(after) - set(before)) == ["通风.txt"]
    assert change.report is not None
    assert "通风.txt" in {f.path for f in change.report.files if f.status != "failed"}  # id: doc-<hash>
    hits = assistant.search(SearchRequest("独立通风系统")).hits
    assert hits[0].clause.text == "第一条　矿井必须有完整的独立通风系统。"


def test_nothing_accepted_means_no_reindex(assistant: Assistant, tmp_path: Path) -> None:
    change = assistant.add_documents([NewFile(tmp_path / "missing.txt")])
    assert change.report is None and change.refused[0].reason == "文件不存在"


def test_catalog_edits_keep_the_fields_they_do_not_change(assistant: Assistant) -> None:
    entry, report = assistant.update_catalog("gas", {"title": "煤矿瓦斯防治规定（修订）"})
    assert (entry.title, entry.issuer, entry.kind) == (
        "煤矿瓦斯防治规定（修订）",
        "国家矿山安全监察局",
        "national-measure",
    )
    assert assistant.searcher.store.documents["gas"].catalog.title == "煤矿瓦斯防治规定（修订）"
    with pytest.raises(IngestError, match="kind “law” 无效"):
        assistant.update_catalog("gas", {"kind": "law"})
    with pytest.raises(IngestError, match="目录卡没有字段 colour"):
        assistant.update_catalog("gas", {"colour": "red"})
    with pytest.raises(IngestError, match="没有文档 'nope'"):
        assistant.update_catalog("nope", {"title": "x"})


def test_a_document_is_replaced_in_place_and_removed_to_the_trash_with_its_card(
    assistant: Assistant, tmp_path: Path
) -> None:
    new = tmp_path / "new.txt"
    new.write_text("第一条　瓦斯浓度超过百分之一必须停止作业。\n", encoding="utf-8")
    change = assistant.update_document("gas", NewFile(new))
    assert change.added[0].stored == (assistant.config.corpus_dir / "gas.txt").resolve()
    assert "百分之一" in assistant.search(SearchRequest("瓦斯浓度")).hits[0].clause.text
    pdf = tmp_path / "new.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert "类型应与原文件相同" in assistant.update_document("gas", NewFile(pdf)).added[0].reason
    corpus = assistant.config.corpus_dir
    card = (corpus / "gas.txt.toml").read_bytes()
    removed, report = assistant.remove_document("gas")
    assert not (corpus / "gas.txt").exists() and not (corpus / "gas.txt.toml").exists()
    assert report.removed == ["gas.txt"]
    assert (removed.doc_id, removed.original) == ("gas", "gas.txt")
    kept = corpus / ".trash" / removed.key
    assert (kept / "gas.txt.toml").read_bytes() == card and "百分之一" in (kept / "gas.txt").read_text(
        "utf-8"
    )
    assert [i.key for i in assistant.trash()] == [removed.key]
    assert all(h.clause.doc_id != "gas" for h in assistant.search(SearchRequest("瓦斯浓度")).hits)


def test_a_removed_document_is_restored_by_its_id_and_refused_when_its_place_is_taken(
    assistant: Assistant, tmp_path: Path
) -> None:
    corpus = assistant.config.corpus_dir
    assistant.remove_document("gas")
    (corpus / "gas.txt").write_text("第一条　另一个文件。\n", encoding="utf-8")
    with pytest.raises(IngestError, match="已有同名文件 gas.txt"):
        assistant.restore_document("gas")
    (corpus / "gas.txt").unlink()
    restored, report = assistant.restore_document("gas")
    assert restored == corpus / "gas.txt" and (corpus / "gas.txt.toml").exists()
    assert assistant.trash() == [] and "gas" in assistant.searcher.store.documents
    with pytest.raises(IngestError, match="回收站是空的"):
        assistant.restore_document("gas")


def test_the_corpus_text_refusal_reads_lives_on_the_store_and_goes_with_it(
    assistant: Assistant, tmp_path: Path
) -> None:
    old_store = assistant.searcher.store
    assert "瓦斯" in old_store.corpus_text and "硐室" not in old_store.corpus_text
    doc = tmp_path / "避险.txt"
    doc.write_text("第一条　井下应急避险硐室每季度检查一次。\n", encoding="utf-8")
    assistant.add_documents([NewFile(doc)])
    assert assistant.searcher.store is not old_store and "硐室" in assistant.searcher.store.corpus_text
    assert "硐室" not in old_store.corpus_text  # the old store keeps its own text; nothing global
