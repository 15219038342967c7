"""Latency of extractive ``ask`` (in-process, after warm-up) over the gold questions.

Usage: python benchmarks/bench_ask.py [--evals evals] [--limit N]
Uses the configured index (run ``mine-assistant index`` first). Prints p50/p95/max in milliseconds.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import arguments, gold_texts, report  # noqa: E402

from assistant.config import load_config  # noqa: E402
from assistant.service import AskRequest, Assistant  # noqa: E402


def main() -> None:
    args = arguments(__doc__)
    config = load_config()
    config = dataclasses.replace(config, llm=dataclasses.replace(config.llm, base_url=""))  # extractive
    questions = gold_texts(Path(args.evals), ("retrieval.jsonl", "negatives.jsonl"), "question", args.limit)
    assistant = Assistant(config)
    report("extractive ask", "questions", lambda q: assistant.ask(AskRequest(q)), questions, warmup=5)


if __name__ == "__main__":
    main()
