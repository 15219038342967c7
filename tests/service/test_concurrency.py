"""One ``Assistant`` serves many requests at once: nothing a request computes is kept where another
request could read it (the hybrid's per-retriever scores feed refusal)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.config import Config
from assistant.service import AskRequest, Assistant, SearchRequest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

EVALS = Path(__file__).resolve().parents[2] / "evals"
THREADS = 8
ROUNDS = 50


def _questions() -> list[str]:
    lines = (EVALS / "retrieval.jsonl").read_text(encoding="utf-8").splitlines()
    negatives = (EVALS / "negatives.jsonl").read_text(encoding="utf-8").splitlines()
    # half answerable, half out of corpus: refusal decisions depend on the per-retriever scores
    picked = [json.loads(x)["question"] for x in lines[: THREADS // 2]]
    return picked + [json.loads(x)["question"] for x in negatives[: THREADS - len(picked)]]


def _hammer(work: Callable[[int], object], n_threads: int, rounds: int) -> list[list[object]]:
    """Run ``work(i)`` ``rounds`` times in each of ``n_threads`` threads, all started together."""
    results: list[list[object]] = [[] for _ in range(n_threads)]
    errors: list[BaseException] = []
    start = threading.Barrier(n_threads)

    def run(i: int) -> None:
        try:
            start.wait()
            for _ in range(rounds):
                results[i].append(work(i))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_eight_threads_asking_different_questions_get_exactly_what_each_gets_alone(
    seed_config: Config,
) -> None:
    assistant = Assistant(seed_config)
    questions = _questions()
    assert len(set(questions)) == THREADS

    def search(i: int) -> object:
        result = assistant.search(SearchRequest(questions[i], 5))
        return [(h.clause.chunk_id, h.score, sorted(h.sources.items())) for h in result.hits]

    def ask(i: int) -> object:
        return assistant.ask(AskRequest(questions[i])).to_json()

    for work in (search, ask):
        alone = [work(i) for i in range(THREADS)]
        together = _hammer(work, THREADS, ROUNDS)
        for i in range(THREADS):
            assert all(r == alone[i] for r in together[i]), (
                f"thread {i} ({questions[i]}) got another's result"
            )
    refused = [assistant.ask(AskRequest(q)).refused for q in questions]
    assert any(refused) and not all(refused)  # the mix really exercises the refusal evidence
