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
    assert (removed.doc_id, removed.original, removed.reason) == ("gas", "gas.txt", "removed")
    kept = corpus / ".trash" / removed.key
    assert (kept / "gas.txt.toml").read_bytes() == card and "百分之一" in (kept / "gas.txt").read_text(
        "utf-8"
    )
    assert [i.key for i in assistant.trash()][0] == removed.key  # newest first, then the old version
    assert all(h.clause.doc_id != "gas" for h in assistant.search(SearchRequest("瓦斯浓度")).hits)


def test_an_update_keeps_the_old_version_in_the_trash_and_restore_swaps_it_back(
    assistant: Assistant, tmp_path: Path
) -> None:
    corpus = assistant.config.corpus_dir
    card = (corpus / "gas.txt.toml").read_bytes()
    new = tmp_path / "gas-2025.txt"
    new.write_text("第一条　瓦斯浓度超过百分之一必须停止作业。\n", encoding="utf-8")
    change = assistant.update_document("gas", NewFile(new))
    assert [(i.doc_id, i.title, i.reason) for i in assistant.trash()] == [
        ("gas", "煤矿瓦斯防治规定", "replaced")
    ]
    kept = assistant.trash()[0]
    assert change.added[0].kept == kept
    old = corpus / ".trash" / kept.key
    assert (old / "gas.txt").read_text("utf-8") == GAS and (old / "gas.txt.toml").read_bytes() == card
    assert "百分之一" in (corpus / "gas.txt").read_text("utf-8")
    assert (corpus / "gas.txt.toml").read_bytes() == card  # the card stays with the document
    assert not list(corpus.glob(".*.tmp"))

    restored, _ = assistant.restore_document("gas")  # a doc id: its newest version in the trash
    assert restored.path == corpus / "gas.txt" and restored.item == kept
    assert (corpus / "gas.txt").read_text("utf-8") == GAS and (corpus / "gas.txt.toml").read_bytes() == card
    hits = assistant.search(SearchRequest("瓦斯超限")).hits
    assert hits[0].clause.text == "第二条　瓦斯超限必须停止作业、撤出人员。"
    swapped = restored.replaced  # the version it replaced went to the trash, not away
    assert swapped is not None and swapped.reason == "swapped"
    assert "百分之一" in (corpus / ".trash" / swapped.key / "gas.txt").read_text("utf-8")
    assert [i.key for i in assistant.trash()] == [swapped.key]

    again, _ = assistant.restore_document("gas")  # restoring again swaps back: nothing is lost either way
    assert "百分之一" in (corpus / "gas.txt").read_text("utf-8")
    assert (
        again.replaced is not None
        and (corpus / ".trash" / again.replaced.key / "gas.txt").read_text("utf-8") == GAS
    )


def test_every_update_is_a_version_and_any_of_them_can_be_restored_by_its_key(
    assistant: Assistant, tmp_path: Path
) -> None:
    corpus = assistant.config.corpus_dir
    texts = [f"第一条　第{n}版：瓦斯抽采达标后方可采掘。\n" for n in range(1, 4)]
    for n, text in enumerate(texts):
        new = tmp_path / f"v{n}.txt"
        new.write_text(text, encoding="utf-8")
        assert assistant.corpus.update("gas", new).ok
    assert assistant.corpus.update("gas", new).kept is None  # the same bytes again: no new version
    versions = assistant.trash()
    assert [(corpus / ".trash" / i.key / "gas.txt").read_text("utf-8") for i in versions] == [
        texts[1],
        texts[0],
        GAS,
    ]  # newest first
    restored, _ = assistant.restore_document(versions[-1].key)  # the first one, by its key
    assert (corpus / "gas.txt").read_text("utf-8") == GAS
    assert restored.replaced is not None and restored.replaced.key == assistant.trash()[0].key


def test_a_card_edit_keeps_the_old_card_and_restoring_it_keeps_the_edited_one(assistant: Assistant) -> None:
    corpus = assistant.config.corpus_dir
    card = (corpus / "gas.txt.toml").read_bytes()
    assistant.update_catalog("gas", {"title": "煤矿瓦斯防治规定（修订）"})
    (item,) = assistant.trash()
    assert (item.reason, item.card_only, item.title) == ("card-edited", True, "煤矿瓦斯防治规定")
    assert sorted(p.name for p in (corpus / ".trash" / item.key).iterdir()) == [
        "gas.txt.toml",
        "removed.json",
    ]
    assistant.update_catalog("gas", {"title": "煤矿瓦斯防治规定（修订）"})  # no change: nothing kept
    assert len(assistant.trash()) == 1
    edited = (corpus / "gas.txt.toml").read_bytes()

    restored, _ = assistant.restore_document(item.key)
    assert (corpus / "gas.txt.toml").read_bytes() == card and (corpus / "gas.txt").read_text("utf-8") == GAS
    assert assistant.searcher.store.documents["gas"].catalog.title == "煤矿瓦斯防治规定"
    assert restored.replaced is not None and restored.replaced.card_only
    assert (corpus / ".trash" / restored.replaced.key / "gas.txt.toml").read_bytes() == edited


def test_adding_the_same_file_again_with_a_card_keeps_the_card_it_replaces(
    assistant: Assistant, tmp_path: Path
) -> None:
    corpus = assistant.config.corpus_dir
    card = (corpus / "gas.txt.toml").read_bytes()
    again = tmp_path / "gas.txt"
    again.write_text(GAS, encoding="utf-8")
    change = assistant.add_documents([NewFile(again, card={"id": "gas", "title": "瓦斯防治规定（汇编本）"})])
    assert change.added[0].stored == corpus / "gas.txt"  # the same bytes are stored once
    (item,) = assistant.trash()
    assert (item.reason, item.card_only) == ("card-edited", True)
    assert (corpus / ".trash" / item.key / "gas.txt.toml").read_bytes() == card
    assert assistant.searcher.store.documents["gas"].catalog.title == "瓦斯防治规定（汇编本）"


def test_an_old_card_is_not_restored_without_its_document(assistant: Assistant) -> None:
    corpus = assistant.config.corpus_dir
    assistant.update_catalog("gas", {"issuer": "国家矿山安全监察局（修订）"})
    card_item = assistant.trash()[0]
    assistant.remove_document("gas")
    with pytest.raises(IngestError, match="已不在语料中；请先恢复文档本身"):
        assistant.restore_document(card_item.key)
    assert not (corpus / "gas.txt").exists() and not (corpus / "gas.txt.toml").exists()


def test_a_removed_document_is_restored_by_its_id_and_refused_when_its_place_is_taken(
    assistant: Assistant, tmp_path: Path
) -> None:
    corpus = assistant.config.corpus_dir
    assistant.remove_document("gas")
    other = 'id = "other"\ntitle = "另一个文件"\n'
    (corpus / "gas.txt").write_text("第一条　另一个文件。\n", encoding="utf-8")
    (corpus / "gas.txt.toml").write_text(other, encoding="utf-8")
    with pytest.raises(IngestError, match=r"gas.txt 现在是另一个文档（other）.*docs --remove other"):
        assistant.restore_document("gas")
    assert (corpus / "gas.txt.toml").read_text("utf-8") == other  # refused: nothing moved
    (corpus / "gas.txt").rename(corpus / "elsewhere.txt")
    (corpus / "gas.txt.toml").write_text('id = "gas"\ntitle = "同 id 的另一个文件"\n', encoding="utf-8")
    (corpus / "gas.txt.toml").rename(corpus / "elsewhere.txt.toml")
    with pytest.raises(IngestError, match="文档 id 'gas' 已被另一个文件 elsewhere.txt 使用"):
        assistant.restore_document("gas")
    (corpus / "elsewhere.txt.toml").unlink()
    restored, report = assistant.restore_document("gas")
    assert restored.path == corpus / "gas.txt" and (corpus / "gas.txt.toml").exists()
    assert restored.replaced is None
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


def test_a_card_left_without_its_file_is_set_aside_not_overwritten_by_a_restore(assistant: Assistant) -> None:
    corpus = assistant.config.corpus_dir
    card = (corpus / "gas.txt.toml").read_bytes()
    assistant.remove_document("gas")
    stray = 'id = "gas"\ntitle = "手写的目录卡"\n'
    (corpus / "gas.txt.toml").write_text(stray, encoding="utf-8")
    restored, _ = assistant.restore_document("gas")
    assert (corpus / "gas.txt.toml").read_bytes() == card
    assert restored.replaced is not None and restored.replaced.card_only
    assert (corpus / ".trash" / restored.replaced.key / "gas.txt.toml").read_text("utf-8") == stray


def test_the_trash_list_says_what_each_entry_is_and_a_restore_says_what_it_swapped(
    assistant: Assistant, tmp_path: Path
) -> None:
    from assistant.web.kb_tab import restore_document, trash_choices

    new = tmp_path / "gas.txt"
    new.write_text("第一条　瓦斯浓度超过百分之一必须停止作业。\n", encoding="utf-8")
    assistant.update_document("gas", NewFile(new))
    assistant.remove_document("tailings")
    labels = [label for label, _ in trash_choices(assistant)]
    assert any("上传新版本前的旧版本" in label and "煤矿瓦斯防治规定" in label for label in labels)
    assert any("移除的文档" in label for label in labels)
    key = next(key for label, key in trash_choices(assistant) if "旧版本" in label)
    message, _ = restore_document(assistant, key)
    assert "已恢复 gas.txt" in message and "原来的当前版本已移入回收站" in message
