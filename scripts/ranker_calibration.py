"""Is the reranker's probability (shown as 「匹配概率」 in search results) what it says?

    python scripts/ranker_calibration.py

For every question of the seed and law retrieval gold sets, the first hit's probability is binned and
compared with how often that first hit is an expected clause, per split. ``dev`` is where the weights
were fitted (scripts/fit_ranker.py); ``test`` was never used for fitting, so its rows are the honest
check. Nothing is fitted here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import load_config  # noqa: E402
from assistant.retrieve.search import Searcher  # noqa: E402

BINS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.99), (0.99, 1.01))
SETS = ("evals/retrieval.jsonl", "evals/laws/retrieval.jsonl")


def main() -> int:
    searcher = Searcher(load_config())
    rows: list[tuple[str, float, bool]] = []
    for path in SETS:
        for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            hits = searcher.search(case["question"], k=1)
            if not hits or hits[0].relevance is None:
                continue
            expected = {(e["doc_id"], e["clause"]) for e in case["expected"]}
            first = (hits[0].clause.doc_id, hits[0].clause.label)
            rows.append((case["split"], hits[0].relevance, first in expected))
    for split in ("dev", "test"):
        print(f"{split}: first hit's probability → share of first hits that are right")
        for lo, hi in BINS:
            group = [(p, ok) for s, p, ok in rows if s == split and lo <= p < hi]
            if group:
                mean = sum(p for p, _ in group) / len(group)
                right = sum(ok for _, ok in group) / len(group)
                print(
                    f"  [{lo:.2f}, {min(hi, 1.0):.2f}): n={len(group):3d}  mean probability {mean:.2f}  right {right:.2f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
