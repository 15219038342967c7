"""The corpus trash on its own: versions kept newest first, nothing overwritten, nothing deleted unseen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.ingest.trash import (
    REPLACED,
    copy_to_trash,
    find_item,
    move_to_trash,
    restore_item,
    trash_folder,
    trash_items,
)

pytestmark = pytest.mark.unit


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "规定.txt").write_text("第一条　原文。\n", encoding="utf-8")
    (folder / "规定.txt.toml").write_text('id = "rules"\ntitle = "某规定"\n', encoding="utf-8")
    return folder


def test_a_dozen_versions_kept_within_a_second_list_newest_first(corpus: Path) -> None:
    doc = corpus / "规定.txt"
    keys = []
    for n in range(12):  # more than nine: a bare "-10" counter would sort before "-9"
        doc.write_text(f"第一条　第{n}版。\n", encoding="utf-8")
        keys.append(copy_to_trash(corpus, doc, "rules", "某规定", REPLACED).key)
    items = trash_items(corpus)
    assert [i.key for i in items] == keys[::-1]
    assert find_item(corpus, "rules").key == keys[-1]
    assert (trash_folder(corpus) / keys[0] / "规定.txt").read_text("utf-8") == "第一条　第0版。\n"
    assert doc.read_text("utf-8") == "第一条　第11版。\n"  # a copy: the original stays in place


def test_restoring_never_overwrites_what_sits_at_the_place(corpus: Path) -> None:
    item = move_to_trash(corpus, corpus / "规定.txt", "rules", "某规定")
    (corpus / "规定.txt").write_text("第一条　新放进来的文件。\n", encoding="utf-8")
    with pytest.raises(IngestError, match="已有同名文件 规定.txt"):
        restore_item(corpus, item)
    (corpus / "规定.txt").unlink()
    (corpus / "规定.txt.toml").write_text('title = "孤立的目录卡"\n', encoding="utf-8")
    with pytest.raises(IngestError, match="已有目录卡 规定.txt.toml"):
        restore_item(corpus, item)
    assert (corpus / "规定.txt.toml").read_text("utf-8") == 'title = "孤立的目录卡"\n'
    assert not (corpus / "规定.txt").exists()  # refused: nothing moved
    (corpus / "规定.txt.toml").unlink()
    assert restore_item(corpus, item) == corpus / "规定.txt"
    assert (corpus / "规定.txt").read_text("utf-8") == "第一条　原文。\n"


def test_a_restore_leaves_anything_else_in_the_trash_folder_where_it_is(corpus: Path) -> None:
    item = move_to_trash(corpus, corpus / "规定.txt", "rules", "某规定")
    note = trash_folder(corpus) / item.key / "备注.txt"
    note.write_text("用户自己放的", encoding="utf-8")
    restore_item(corpus, item)
    assert note.read_text("utf-8") == "用户自己放的" and trash_items(corpus) == []


def test_records_written_before_reasons_existed_read_as_removals(corpus: Path) -> None:
    folder = trash_folder(corpus) / "20240501-101500-rules"
    folder.mkdir(parents=True)
    (folder / "规定.txt").write_text("第一条　旧版。\n", encoding="utf-8")
    old = {
        "key": "x",
        "doc_id": "rules",
        "title": "某规定",
        "original": "规定.txt",
        "removed_at": "2024-05-01",
    }
    (folder / "removed.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    (item,) = trash_items(corpus)
    assert (item.key, item.reason, item.card_only, item.reason_label) == (
        "20240501-101500-rules",
        "removed",
        False,
        "移除的文档",
    )
