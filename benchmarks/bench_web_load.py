"""The web app under load with roles on (a script, not a test).

    python benchmarks/bench_web_load.py [--sessions 8] [--questions 200] [--reindexes 2]

Starts ``mine-assistant serve`` as its own process over a private copy of the configured corpus and
index, with a users file (one administrator, eight users, hashed passwords). ``--sessions`` user
sessions (``gradio_client``, logged in) ask ``--questions`` questions in all, taken in turn from the
seed retrieval gold set; meanwhile the administrator uploads ``--reindexes`` new documents, each a real
re-index (parse, embed, build, swap).
Every question is asked once more afterwards, serially, and the first citation of each load answer is
compared with the serial one. Prints latency percentiles, errors, citation agreement and the server's
peak RSS, and writes ``benchmarks/results-web-load.json``.
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
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

RESULTS = Path(__file__).with_name("results-web-load.json")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def first_citation(chat: list[dict]) -> str:
    import re

    content = chat[-1]["content"]
    text = "".join(p.get("text", "") for p in content) if isinstance(content, list) else str(content)
    m = re.search(r'data-key="\d+:1"[^>]*>〔1〕</a>《([^》]+)》([^ —<]+)', text)
    return f"{m.group(1)} {m.group(2)}" if m else ("拒答" if "未找到相关规定" in text else "?")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--reindexes", type=int, default=2)
    args = parser.parse_args()

    from gradio_client import Client

    from assistant.config import load_config
    from assistant.web.access import hash_password

    config = load_config()
    gold = [
        json.loads(line)["question"] for line in (REPO / "evals" / "retrieval.jsonl").open(encoding="utf-8")
    ]
    questions = [gold[i % len(gold)] for i in range(args.questions)]
    root = Path(tempfile.mkdtemp(prefix="web-load-"))
    shutil.copytree(config.corpus_dir, root / "corpus")
    shutil.copytree(config.index_dir, root / "indexes", symlinks=True)
    users = [("admin", "admin-pass-1", "admin")] + [(f"user{i}", f"user-pass-{i}", "user") for i in range(8)]
    (root / "users.txt").write_text(
        "".join(f"{n}:{hash_password(p)}:{r}\n" for n, p, r in users), encoding="utf-8"
    )
    port = 7900 + os.getpid() % 90
    env = {
        **os.environ,
        "MINE_ASSISTANT_CORPUS": str(root / "corpus"),
        "MINE_ASSISTANT_INDEX_DIR": str(root / "indexes"),
        "MINE_ASSISTANT_CONFIG": str(root / "none.toml"),
        "GRADIO_TEMP_DIR": str(root / "gradio"),
    }
    exe = Path(sys.executable).with_name("mine-assistant")
    log = (root / "serve.log").open("w")
    server = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--auth-file", str(root / "users.txt")],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "config", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.5)
        clients = [
            Client(url, auth=(f"user{i}", f"user-pass-{i}"), verbose=False) for i in range(args.sessions)
        ]
        admin = Client(url, auth=("admin", "admin-pass-1"), verbose=False)
        latencies: list[float] = []
        answers: dict[int, str] = {}
        errors: list[str] = []
        reindexed: list[str] = []
        lock = threading.Lock()

        def session(k: int) -> None:
            for i in range(k, len(questions), args.sessions):
                t = time.perf_counter()
                try:
                    chat = clients[k].predict(questions[i], api_name="/chat")[0]
                    cite = first_citation(chat)
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    with lock:
                        errors.append(f"{i}: {exc}")
                    continue
                with lock:
                    latencies.append(time.perf_counter() - t)
                    answers[i] = cite
                clients[k].predict(api_name="/clear_chat")  # each question on its own

        def reindex() -> None:
            """Real re-indexes: each uploads a new document (parsed and embedded), so the index is rebuilt
            and swapped while the users ask."""
            from gradio_client import handle_file

            for k in range(args.reindexes):
                time.sleep(4)
                doc = root / f"新增规定{k}.txt"
                doc.write_text(
                    f"某县矿山安全补充规定{k}\n第一条　井下作业人员每班应当检查自救器{k + 1}次。\n"
                    "第二条　发现隐患应当立即报告。\n",
                    encoding="utf-8",
                )
                status, *_ = admin.predict([handle_file(str(doc))], api_name="/upload")
                reindexed.append(status)
                if "出错" in status:
                    errors.append(f"reindex: {status}")

        start = time.perf_counter()
        threads = [threading.Thread(target=session, args=(k,)) for k in range(args.sessions)]
        threads.append(threading.Thread(target=reindex))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        serial = {}
        for i, q in enumerate(questions):
            serial[i] = first_citation(clients[0].predict(q, api_name="/chat")[0])
            clients[0].predict(api_name="/clear_chat")
        same = sum(answers.get(i) == serial[i] for i in answers)
        peak = int(Path(f"/proc/{server.pid}/status").read_text().split("VmHWM:")[1].split()[0]) / 1024
        lat = sorted(latencies)
        result = {
            "sessions": args.sessions,
            "questions": args.questions,
            "reindexes": args.reindexes,
            "roles": "1 admin + 8 users, logged in",
            "answered": len(latencies),
            "errors": len(errors),
            "error_samples": errors[:5],
            "same_first_citation_as_serial": same,
            "p50_s": round(statistics.median(lat), 3) if lat else None,
            "p95_s": round(lat[int(0.95 * (len(lat) - 1))], 3) if lat else None,
            "wall_s": round(wall, 1),
            "reindex_status": reindexed,
            "server_peak_rss_mb": round(peak),
            "load_average_1m": os.getloadavg()[0],
        }
        print(json.dumps(result, ensure_ascii=False, indent=1))
        RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
