"""Latency of `applies` (in-process, after warm-up) over the gold situations: the laws' inspector scenarios
and the seed scenarios. Each situation costs the situation's search, the same asked as 「罚什么」, the 刑法
search for a crime it may be, and for a local-plan rule its national counterpart's search.

Usage: python benchmarks/bench_applies.py [--evals evals] [--limit N]
Uses the configured index (run ``mine-assistant index`` first). Prints p50/p95/max in milliseconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import arguments, gold_texts, report  # noqa: E402

from assistant.config import load_config  # noqa: E402
from assistant.service import AppliesRequest, Assistant  # noqa: E402


def main() -> None:
    args = arguments(__doc__)
    files = ("laws/scenarios.jsonl", "scenarios.jsonl")
    situations = gold_texts(Path(args.evals), files, "situation", args.limit)
    assistant = Assistant(load_config())
    report("applies", "situations", lambda s: assistant.applies(AppliesRequest(s)), situations, warmup=3)


if __name__ == "__main__":
    main()
