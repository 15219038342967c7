"""Build or update the index from the corpus folder: only changed files are re-read, only new clause
texts are embedded, and the result is published atomically (see ``store``)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from assistant.config import Config
from assistant.errors import IndexDamagedError, NothingIndexedError
from assistant.index.embed_cache import EmbeddingCache, text_key
from assistant.index.embeddings import get_embedder
from assistant.index.parts import all_part_texts
from assistant.index.store import (
    BM25_PARAMS,
    CLAUSES,
    DENSE,
    DOCUMENTS,
    FORMAT_VERSION,
    LINKS,
    MANIFEST,
    TOKENS,
    IndexStore,
    Manifest,
    describe_parts,
    new_build_folder,
    open_index,
    publish,
    remove_stale_builds,
    version_folder,
)
from assistant.ingest.annotate import analyse_corpus, corpus_links, with_roles
from assistant.ingest.catalog import catalog_path
from assistant.ingest.chunking import CHUNKER_VERSION
from assistant.ingest.limits import IngestLimits
from assistant.ingest.linking import link_corpus
from assistant.ingest.links import LINKS_VERSION, Link
from assistant.ingest.loaders import supported_suffixes
from assistant.ingest.pipeline import corpus_files, file_sha256, ingest_file, links_outside
from assistant.schema import Clause, Document
from assistant.text.tokenize import tokenize, tokenizer_version


@dataclass
class FileReport:
    path: str
    status: str  # "indexed" | "unchanged" | "failed"
    doc_id: str = ""
    clauses: int = 0  # chunks (pieces)
    message: str = ""
    articles: int = 0  # distinct clause labels: 「119 条（121 段）」


@dataclass
class BuildReport:
    files: list[FileReport] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    n_clauses: int = 0
    embedded: int = 0
    seconds: float = 0.0
    changed: bool = True
    index_folder: str = ""
    # what was wrong with the previous index or the embedding cache; this build replaced it
    repaired: list[str] = field(default_factory=list)
    # folders of killed builds removed before this one
    cleaned: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]


@dataclass
class _Parsed:
    """One file's document, clauses and BM25 tokens, parsed now or lent by the previous index."""

    sha256: str
    document: Document
    clauses: list[Clause]
    tokens: list[list[str]]


@dataclass
class _Previous:
    manifest: Manifest | None = None
    reuse: dict[str, _Parsed] = field(default_factory=dict)  # by corpus-relative path: identity is the file
    problems: list[str] = field(default_factory=list)


def _stat(path: Path) -> dict[str, float]:
    st = path.stat()
    return {"size": st.st_size, "mtime": st.st_mtime}


def _previous(config: Config) -> _Previous:
    """The current index: its manifest, the parsed files it can lend (those whose record, clauses,
    tokens and document survive the full check) and what is wrong with it."""
    folder = version_folder(config.index_path)
    if folder is None:
        if config.index_path.is_symlink():
            return _Previous(problems=["索引指向的文件夹不存在或缺少 manifest.json"])
        return _Previous()
    try:
        store = IndexStore(folder, check=False)
    except IndexDamagedError as exc:
        return _Previous(problems=[exc.problem])
    manifest = store.manifest
    damage = store.verify(load=False)  # the parts lent below are loaded (and their counts checked) here
    if not _same_analysis(manifest) or damage.keys() & {MANIFEST, CLAUSES, TOKENS, DOCUMENTS}:
        return _Previous(manifest, {}, list(damage.values()))
    try:
        clauses, documents, tokens = store.clauses, store.documents, store.tokens()
    except IndexDamagedError as exc:
        return _Previous(manifest, {}, [*damage.values(), exc.problem])
    by_doc: dict[str, list[int]] = {}
    for i, c in enumerate(clauses):
        by_doc.setdefault(c.doc_id, []).append(i)
    reuse = {}
    for rel, record in manifest.files.items():
        doc = documents.get(str(record.get("doc_id")))
        if record.get("status") == "ok" and doc is not None:
            rows = by_doc.get(doc.doc_id, [])
            reuse[rel] = _Parsed(
                str(record["sha256"]), doc, [clauses[i] for i in rows], [tokens[i] for i in rows]
            )
    return _Previous(manifest, reuse, list(damage.values()))


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


@cache
def analysis_version() -> str:
    """What a build derives from the text besides its tokens and vectors: the statute chunker and the
    penalty → duty links (their rules and fitted parameters). When it changes every file is read again
    (the embeddings stay cached by text)."""
    params = resources.files("assistant.data").joinpath("link_params.json").read_bytes()
    # +parts1: a build embeds its articles' parts (index.parts); an older index is rebuilt to do so
    return f"{CHUNKER_VERSION}+{LINKS_VERSION}-{hashlib.sha256(params).hexdigest()[:8]}+parts1"


def _same_analysis(manifest: Manifest | None) -> bool:
    """The index was built with today's chunker, links and tokenizer (its clauses and tokens can be lent)."""
    return manifest is not None and (manifest.chunker, manifest.tokenizer) == (
        analysis_version(),
        tokenizer_version(),
    )


def stale_reasons(config: Config, manifest: Manifest | None = None) -> list[str]:
    """Why the index does not match the corpus (empty when it is up to date).

    ``manifest``: the current index's, when the caller has already loaded it (saves a re-read).
    Opening the index checks the sizes of its parts, so a damaged index is stale too."""
    if manifest is None:
        if version_folder(config.index_path) is None:
            return ["索引不存在"]
        try:
            manifest = open_index(config.index_path).manifest
        except IndexDamagedError as exc:
            return [f"索引已损坏：{exc.problem}"]
        except Exception as exc:  # noqa: BLE001 - any unreadable manifest means "rebuild"
            return [f"索引无法读取：{exc}"]
    if manifest.format != FORMAT_VERSION or manifest.chunker != analysis_version():
        return ["索引格式、分条规则或罚则关联规则已更新"]
    if manifest.tokenizer != tokenizer_version():
        return ["分词词典或停用词已更新"]
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


def _changed(record: dict[str, object], old: dict[str, object] | None) -> bool:
    keys = ("sha256", "status", "doc_id", "error")
    return old is None or any(record.get(k) != old.get(k) for k in keys)


def _read_corpus(
    config: Config, previous: _Previous, progress: bool
) -> tuple[dict[str, _Parsed], dict[str, dict[str, object]], dict[str, str]]:
    """Every corpus file parsed, or lent by the previous index when its hash is unchanged: returns
    the parsed files, the manifest record of each file and the one-line reason of each failure."""
    limits = IngestLimits.from_config(config)
    manifest = previous.manifest
    parsed: dict[str, _Parsed] = {}
    records: dict[str, dict[str, object]] = {}
    failures: dict[str, str] = {}
    paths = corpus_files(config.corpus_dir)
    bar = _bar(len(paths), "读取文件", progress)
    for path in paths:
        rel = _rel(path, config.corpus_dir)
        bar.update(1)
        try:
            sha = _file_hash(path, rel, manifest, limits.max_file_bytes)
            record: dict[str, object] = {"sha256": sha, **_stat(path)}
            cat = catalog_path(path)
            record["catalog_mtime"] = cat.stat().st_mtime if cat.exists() else 0
        except OSError as exc:
            failures[rel] = f"无法读取文件：{exc}"
            continue
        records[rel] = record
        lent = previous.reuse.get(rel)
        if lent is not None and lent.sha256 == sha:
            parsed[rel] = lent
            continue
        result = ingest_file(path, limits, sha)
        if not result.ok or result.document is None:
            failures[rel] = result.error or "没有可索引的内容"
            continue
        doc_tokens = [tokenize(c.retrieval_text()) for c in result.clauses]
        parsed[rel] = _Parsed(sha, result.document, result.clauses, doc_tokens)
    bar.close()
    return parsed, records, failures


def build_index(config: Config, *, rebuild: bool = False, progress: bool = True) -> BuildReport:
    """Index ``config.corpus_dir`` into ``config.index_path``; returns the per-file report.

    Before deciding the index is up to date it checks the current one (size and sha256 of every
    part; item counts as the parts it reuses load); a damaged one is rebuilt, reusing what survived,
    and ``report.repaired`` says what was found. Raises NothingIndexedError (leaving any previous index in place) when no file yields a
    clause.
    """
    t0 = time.perf_counter()
    report = BuildReport()
    config.corpus_dir.mkdir(parents=True, exist_ok=True)
    report.cleaned = remove_stale_builds(config.index_path)
    previous = _Previous() if rebuild else _previous(config)
    manifest = previous.manifest
    report.repaired = list(previous.problems)
    embedder = get_embedder(config.embedding_backend, config.embedding_model)
    parsed, files_record, failures = _read_corpus(config, previous, progress)
    failures.update(_refuse_duplicate_ids(parsed, files_record, manifest))

    documents: list[Document] = []
    clauses: list[Clause] = []
    tokens: list[list[str]] = []
    changed = bool(previous.problems)
    for rel, record in files_record.items():
        if rel in failures:
            record.update(status="failed", error=failures[rel])
            report.files.append(FileReport(rel, "failed", message=failures[rel]))
        else:
            p = parsed[rel]
            record.update(status="ok", doc_id=p.document.doc_id, clauses=len(p.clauses))
            base = len(clauses)
            documents.append(p.document)
            clauses.extend(_renumber(c, base + i) for i, c in enumerate(p.clauses))
            tokens.extend(p.tokens)
            status = "unchanged" if p is previous.reuse.get(rel) else "indexed"
            n_labels = len({c.label for c in p.clauses})
            report.files.append(
                FileReport(
                    rel, status, p.document.doc_id, len(p.clauses), "；".join(p.document.notes), n_labels
                )
            )
        changed |= _changed(record, manifest.files.get(rel) if manifest else None)
    report.files += [
        FileReport(rel, "failed", message=msg) for rel, msg in failures.items() if rel not in files_record
    ]
    report.files += [
        FileReport(
            _rel(link, config.corpus_dir),
            "failed",
            message="符号链接指向语料目录之外，已拒绝；请复制文件本身而不是链接",
        )
        for link in links_outside(config.corpus_dir)
    ]
    report.files.sort(key=lambda f: f.path)
    if manifest:
        report.removed = [rel for rel in manifest.files if rel not in files_record]
    same_model = manifest is not None and (
        manifest.embedding.get("backend"),
        manifest.embedding.get("model"),
    ) == (
        embedder.backend,
        embedder.model_id,
    )
    if same_model and _same_analysis(manifest) and not report.removed and not changed and clauses:
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

    clauses = link_corpus(documents, clauses)
    provisions = analyse_corpus(documents, clauses)
    clauses = with_roles(clauses, provisions)
    links = corpus_links(documents, provisions)
    cache = EmbeddingCache.of_index(config, embedder)
    report.repaired += cache.discarded
    texts = [c.retrieval_text() for c in clauses]
    ebar = _bar(sum(1 for t in set(texts) if t not in cache), "计算向量", progress)
    vectors, report.embedded = cache.embed(
        texts, embedder.embed_passages, config.embed_batch_size, progress=lambda n: ebar.update(n)
    )
    ebar.close()
    # the parts of each article (its 款, its 项 after their lead-in) are matched one by one at rerank
    # (``index.parts``): embed them now, so the first search does not
    part_texts = all_part_texts(clauses, {d.doc_id: d for d in documents})
    pbar = _bar(sum(1 for t in set(part_texts) if t not in cache), "计算条款分项向量", progress)
    _, embedded_parts = cache.embed(
        part_texts, embedder.embed_passages, config.embed_batch_size, progress=lambda n: pbar.update(n)
    )
    pbar.close()
    report.embedded += embedded_parts

    folder = new_build_folder(config.index_path)
    try:
        counts = _write(folder, documents, clauses, tokens, vectors, links)
        built = Manifest(
            embedding={"backend": embedder.backend, "model": embedder.model_id, "dim": int(vectors.shape[1])},
            chunker=analysis_version(),
            tokenizer=tokenizer_version(),
            files=files_record,
            n_clauses=len(clauses),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
            parts=describe_parts(folder, counts),
        )
        (folder / MANIFEST).write_text(
            json.dumps(built.to_json(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        report.index_folder = str(publish(folder, config.index_path))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    cache.save(keep={text_key(t) for t in [*texts, *part_texts]})
    report.n_clauses = len(clauses)
    report.seconds = time.perf_counter() - t0
    return report


def _refuse_duplicate_ids(
    parsed: dict[str, _Parsed], records: dict[str, dict[str, object]], manifest: Manifest | None
) -> dict[str, str]:
    """Files that claim a document id another file also claims: each loses to the file that held the
    id in the previous index, else to the older file (then the first by path). Returns the losers'
    one-line reasons, which name both files; the winner stays indexed."""
    claims: dict[str, list[str]] = {}
    for rel, p in parsed.items():
        claims.setdefault(p.document.doc_id, []).append(rel)
    held = {
        str(r.get("doc_id")): rel
        for rel, r in (manifest.files.items() if manifest else [])
        if r.get("status") == "ok"
    }
    out = {}
    for doc_id, rels in claims.items():
        if len(rels) < 2:
            continue
        if held.get(doc_id) in rels:
            keep, why = held[doc_id], "保留已索引的"
        else:
            keep, why = min(rels, key=lambda r: (float(records[r]["mtime"]), r)), "保留较早的"  # type: ignore[arg-type]
        for rel in rels:
            if rel != keep:
                out[rel] = (
                    f"文档 id “{doc_id}” 与 {keep} 重复：{why} {keep}，本文件未索引；"
                    f"请在目录卡 {catalog_path(Path(rel)).name} 中改用唯一的 id"
                )
    return out


def _renumber(c: Clause, i: int) -> Clause:
    from dataclasses import replace

    return replace(c, chunk_id=f"{c.doc_id}:{i}")


def _write(
    folder: Path,
    documents: list[Document],
    clauses: list[Clause],
    tokens: list[list[str]],
    vectors: np.ndarray,
    links: Sequence[Link] = (),
) -> dict[str, int]:
    """Write the parts of a version folder; returns each counted part's number of items."""
    import bm25s
    import faiss

    with (folder / CLAUSES).open("w", encoding="utf-8") as f:
        for c in clauses:
            f.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    with (folder / TOKENS).open("w", encoding="utf-8") as f:
        for t in tokens:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    docs = [d.to_dict() for d in documents]
    (folder / DOCUMENTS).write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    (folder / LINKS).write_text(
        json.dumps([x.to_json() for x in links], ensure_ascii=False), encoding="utf-8"
    )
    index = faiss.IndexFlatIP(int(vectors.shape[1]))
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(folder / DENSE))
    bm25 = bm25s.BM25()
    bm25.index([t or [""] for t in tokens], show_progress=False)
    bm25.save(str(folder / "bm25"), show_progress=False)
    return {
        CLAUSES: len(clauses),
        TOKENS: len(tokens),
        DOCUMENTS: len(documents),
        LINKS: len(links),
        DENSE: int(index.ntotal),
        BM25_PARAMS: int(bm25.scores["num_docs"]),
    }


def _bar(total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit="项",
        disable=not enabled or total == 0 or not sys.stderr.isatty(),
        leave=False,
    )
