"""Build or update the index from the corpus folder: only changed files are re-read, only new clause
texts are embedded, and the result is published atomically (see ``store``)."""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.config import Config
from assistant.errors import NothingIndexedError
from assistant.index.embed_cache import EmbeddingCache, text_key
from assistant.index.embeddings import get_embedder
from assistant.index.store import (
    FORMAT_VERSION,
    Manifest,
    new_build_folder,
    open_index,
    publish,
    version_folder,
)
from assistant.ingest.catalog import catalog_path
from assistant.ingest.chunking import CHUNKER_VERSION
from assistant.ingest.loaders import supported_suffixes
from assistant.ingest.pipeline import corpus_files, file_sha256, ingest_file
from assistant.schema import Clause, Document
from assistant.text.tokenize import tokenize, tokenizer_version


@dataclass
class FileReport:
    path: str
    status: str  # "indexed" | "unchanged" | "failed"
    doc_id: str = ""
    clauses: int = 0
    message: str = ""


@dataclass
class BuildReport:
    files: list[FileReport] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    n_clauses: int = 0
    embedded: int = 0
    seconds: float = 0.0
    changed: bool = True
    index_folder: str = ""

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]


def _stat(path: Path) -> dict[str, float]:
    st = path.stat()
    return {"size": st.st_size, "mtime": st.st_mtime}


def _previous(
    config: Config,
) -> tuple[Manifest | None, dict[str, tuple[Document, list[Clause], list[list[str]]]]]:
    """The current index's manifest and, per file sha256, its parsed document, clauses and tokens."""
    if version_folder(config.index_path) is None:
        return None, {}
    try:
        store = open_index(config.index_path)
        docs = store.documents
        by_doc: dict[str, list[int]] = {}
        for i, c in enumerate(store.clauses):
            by_doc.setdefault(c.doc_id, []).append(i)
        tokens = store.tokens()
        reuse = {}
        for doc in docs.values():
            rows = by_doc.get(doc.doc_id, [])
            reuse[doc.sha256] = (doc, [store.clauses[i] for i in rows], [tokens[i] for i in rows])
        compatible = (
            store.manifest.chunker == CHUNKER_VERSION and store.manifest.tokenizer == tokenizer_version()
        )
        return store.manifest, reuse if compatible else {}
    except (OSError, ValueError, KeyError, TypeError):
        return None, {}


def _file_hash(path: Path, rel: str, manifest: Manifest | None, max_bytes: int | None = None) -> str:
    old = manifest.files.get(rel) if manifest else None
    stat = _stat(path)
    if max_bytes is not None and stat["size"] > max_bytes:
        # the loader refuses it by size anyway: do not read gigabytes just to hash them
        return f"oversize-{stat['size']:.0f}-{stat['mtime']}"
    if old and old.get("size") == stat["size"] and old.get("mtime") == stat["mtime"] and old.get("sha256"):
        cat = catalog_path(path)
        if not cat.exists() or cat.stat().st_mtime <= old.get("catalog_mtime", 0):
            return str(old["sha256"])
    return file_sha256(path)


def stale_reasons(config: Config, manifest: Manifest | None = None) -> list[str]:
    """Why the index does not match the corpus (empty when it is up to date).

    ``manifest``: the current index's, when the caller has already loaded it (saves a re-read)."""
    if manifest is None:
        if version_folder(config.index_path) is None:
            return ["索引不存在"]
        try:
            manifest = open_index(config.index_path).manifest
        except Exception as exc:  # noqa: BLE001 - any unreadable manifest means "rebuild"
            return [f"索引无法读取：{exc}"]
    if manifest.format != FORMAT_VERSION or manifest.chunker != CHUNKER_VERSION:
        return ["索引格式或分条规则已更新"]
    reasons = []
    current = {_rel(p, config.corpus_dir): p for p in corpus_files(config.corpus_dir)}
    for rel, path in current.items():
        old = manifest.files.get(rel)
        if old is None:
            reasons.append(f"新增文件 {rel}")
        elif _file_hash(path, rel, manifest, config.max_file_bytes) != old.get("sha256"):
            reasons.append(f"文件已修改 {rel}")
    reasons += [f"文件已删除 {rel}" for rel in manifest.files if rel not in current]
    return reasons


def _rel(path: Path, corpus_dir: Path) -> str:
    return path.relative_to(corpus_dir).as_posix()


def build_index(config: Config, *, rebuild: bool = False, progress: bool = True) -> BuildReport:
    """Index ``config.corpus_dir`` into ``config.index_path``; returns the per-file report.

    Raises NothingIndexedError (leaving any previous index in place) when no file yields a clause.
    """
    t0 = time.perf_counter()
    report = BuildReport()
    config.corpus_dir.mkdir(parents=True, exist_ok=True)
    manifest, reuse = (None, {}) if rebuild else _previous(config)
    embedder = get_embedder(config.embedding_backend, config.embedding_model)

    documents: list[Document] = []
    clauses: list[Clause] = []
    tokens: list[list[str]] = []
    files_record: dict[str, dict[str, object]] = {}
    seen_ids: dict[str, str] = {}
    paths = corpus_files(config.corpus_dir)
    bar = _bar(len(paths), "读取文件", progress)
    for path in paths:
        rel = _rel(path, config.corpus_dir)
        bar.update(1)
        try:
            sha = _file_hash(path, rel, manifest, config.max_file_bytes)
        except OSError as exc:
            report.files.append(FileReport(rel, "failed", message=f"无法读取文件：{exc}"))
            continue
        record: dict[str, object] = {"sha256": sha, **_stat(path)}
        cat = catalog_path(path)
        record["catalog_mtime"] = cat.stat().st_mtime if cat.exists() else 0
        if sha in reuse:
            doc, doc_clauses, doc_tokens = reuse[sha]
            status = "unchanged"
        else:
            result = ingest_file(path, config.max_file_bytes, sha)
            if not result.ok or result.document is None:
                report.files.append(FileReport(rel, "failed", message=result.error or "没有可索引的内容"))
                files_record[rel] = {**record, "status": "failed", "error": result.error}
                continue
            doc, doc_clauses = result.document, result.clauses
            doc_tokens = [tokenize(c.retrieval_text()) for c in doc_clauses]
            status = "indexed"
        if doc.doc_id in seen_ids:
            msg = f"文档 id “{doc.doc_id}” 与 {seen_ids[doc.doc_id]} 重复；请在目录卡中改用唯一的 id"
            report.files.append(FileReport(rel, "failed", message=msg))
            files_record[rel] = {**record, "status": "failed", "error": msg}
            continue
        seen_ids[doc.doc_id] = rel
        base = len(clauses)
        doc_clauses = [_renumber(c, base + i) for i, c in enumerate(doc_clauses)]
        documents.append(doc)
        clauses.extend(doc_clauses)
        tokens.extend(doc_tokens)
        files_record[rel] = {**record, "status": "ok", "doc_id": doc.doc_id, "clauses": len(doc_clauses)}
        report.files.append(FileReport(rel, status, doc.doc_id, len(doc_clauses), "；".join(doc.notes)))
    bar.close()
    if manifest:
        report.removed = [rel for rel in manifest.files if rel not in files_record]
    same_model = manifest is not None and (
        manifest.embedding.get("backend"),
        manifest.embedding.get("model"),
    ) == (
        embedder.backend,
        embedder.model_id,
    )
    if same_model and not report.removed and all(f.status == "unchanged" for f in report.files) and clauses:
        report.changed = False
        report.n_clauses = len(clauses)
        report.index_folder = str(version_folder(config.index_path))
        report.seconds = time.perf_counter() - t0
        return report
    if not clauses:
        raise NothingIndexedError(
            f"没有任何文件可以索引（{config.corpus_dir}，支持 {' '.join(supported_suffixes())}）；"
            + ("原索引保持不变" if manifest else "请把法规文件放入语料目录")
        )

    cache = EmbeddingCache(config.index_dir / ".cache", embedder.backend, embedder.model_id, embedder.dim)
    texts = [c.retrieval_text() for c in clauses]
    ebar = _bar(sum(1 for t in set(texts) if t not in cache), "计算向量", progress)
    vectors, report.embedded = cache.embed(
        texts, embedder.embed_passages, config.embed_batch_size, progress=lambda n: ebar.update(n)
    )
    ebar.close()

    folder = new_build_folder(config.index_path)
    try:
        _write(folder, documents, clauses, tokens, vectors)
        built = Manifest(
            embedding={"backend": embedder.backend, "model": embedder.model_id, "dim": int(vectors.shape[1])},
            chunker=CHUNKER_VERSION,
            tokenizer=tokenizer_version(),
            files=files_record,
            n_clauses=len(clauses),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
        )
        (folder / "manifest.json").write_text(
            json.dumps(built.to_json(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        report.index_folder = str(publish(folder, config.index_path))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    cache.save(keep={text_key(t) for t in texts})
    report.n_clauses = len(clauses)
    report.seconds = time.perf_counter() - t0
    return report


def _renumber(c: Clause, i: int) -> Clause:
    from dataclasses import replace

    return replace(c, chunk_id=f"{c.doc_id}:{i}")


def _write(
    folder: Path,
    documents: list[Document],
    clauses: list[Clause],
    tokens: list[list[str]],
    vectors: np.ndarray,
) -> None:
    import bm25s
    import faiss

    with (folder / "clauses.jsonl").open("w", encoding="utf-8") as f:
        for c in clauses:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    with (folder / "tokens.jsonl").open("w", encoding="utf-8") as f:
        for t in tokens:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    docs = [
        {"catalog": d.catalog.to_dict(), "path": d.path, "sha256": d.sha256, "text": d.text, "notes": d.notes}
        for d in documents
    ]
    (folder / "documents.json").write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    index = faiss.IndexFlatIP(int(vectors.shape[1]))
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(folder / "dense.faiss"))
    bm25 = bm25s.BM25()
    bm25.index([t or [""] for t in tokens], show_progress=False)
    bm25.save(str(folder / "bm25"), show_progress=False)


def _bar(total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit="项",
        disable=not enabled or total == 0 or not sys.stderr.isatty(),
        leave=False,
    )
