"""Speed of the provisions analysis (roles, parts, sanctions) and of the penalty → duty links.

Usage: python benchmarks/bench_provisions.py [--repeat 5]

Reads the 13 laws in ``corpus/`` with the tests' small splitter (``tests/provisions_corpus.py``), then
times, as the median of ``--repeat`` runs in this process:

- ``analyse`` over every article of every law (the work ingest adds per clause);
- ``link_penalties`` over every law but 刑法 (its articles are all penalties, with no duties to link),
  with jieba already loaded (its first load is timed apart: ingest pays it once, for BM25 anyway).

Prints a Markdown table and the 1-minute load average before and after: the machine is shared, so
say how loaded it was when quoting a figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.ingest.links import link_penalties  # noqa: E402
from assistant.ingest.provisions import analyse  # noqa: E402
from assistant.ingest.sanction_reader import is_sanction  # noqa: E402
from assistant.text.tokenize import tokenize  # noqa: E402
from tests.provisions_corpus import CORPUS, LAWS, split_law  # noqa: E402


def _median_seconds(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    t = time.perf_counter()
    articles = {
        doc_id: split_law(doc_id, (CORPUS / file).read_text(encoding="utf-8"))
        for doc_id, (file, _, _) in LAWS.items()
    }
    split_s = time.perf_counter() - t
    n_articles = sum(len(a) for a in articles.values())
    n_chars = sum(len(x.text) for a in articles.values() for x in a)

    def analyse_all() -> dict:
        is_sanction.cache_clear()  # time a first ingest, not one that re-reads the same pieces
        return {
            doc_id: [
                analyse(
                    a.text, a.label, a.chapter, LAWS[doc_id][1], items=a.items, refs=a.refs, doc_id=doc_id
                )
                for a in arts
            ]
            for doc_id, arts in articles.items()
        }

    analysed = analyse_all()
    analyse_s = _median_seconds(analyse_all, args.repeat)

    t = time.perf_counter()
    tokenize("生产经营单位")  # loads jieba
    jieba_s = time.perf_counter() - t

    def link_all() -> int:
        return sum(len(link_penalties(ps)) for doc_id, ps in analysed.items() if doc_id != "criminal-law")

    n_links = link_all()
    link_s = _median_seconds(link_all, args.repeat)
    units = sum(len(p.units) for ps in analysed.values() for p in ps)
    penalties = sum(len(p.penalty_units()) for ps in analysed.values() for p in ps)

    print(f"corpus: {len(articles)} laws, {n_articles} articles, {units} 款/项, {n_chars} characters")
    print()
    print(f"| step | median of {args.repeat} |")
    print("| --- | --- |")
    print(f"| split the 13 files (tests' splitter, once) | {split_s * 1000:.0f} ms |")
    print(
        f"| analyse every article | {analyse_s * 1000:.0f} ms ({analyse_s / n_articles * 1e6:.0f} µs per article) |"
    )
    print(f"| jieba first load (once per process) | {jieba_s * 1000:.0f} ms |")
    print(
        f"| link penalties, 12 laws ({penalties} penalty units, {n_links} links) | {link_s * 1000:.0f} ms |"
    )
    print()
    print(
        f"1-min load average: {load_before:.2f} before, {os.getloadavg()[0]:.2f} after ({os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()
