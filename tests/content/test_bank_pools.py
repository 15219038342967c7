"""Every bank of one index draws its distractors from the same pools of clause texts and facts, read once."""

from __future__ import annotations

import pytest

import assistant.quiz.generate as generate

pytestmark = pytest.mark.unit


def test_the_index_is_read_for_facts_once_for_all_its_banks(searcher, monkeypatch) -> None:
    generate._POOLS.clear()
    calls = []
    real = generate.list_facts
    monkeypatch.setattr(generate, "list_facts", lambda c: calls.append(c.chunk_id) or real(c))
    generate.generate_bank(searcher, doc="jiujiang-plan", n=5)
    first = len(calls)
    generate.generate_bank(searcher, doc="nmsa-notice", n=5)
    pooled = sum(c.kind != "closing" for c in searcher.clauses)
    assert first >= pooled  # the pools, then the bank's own clauses
    assert len(calls) - first < pooled  # the second bank reads only its own clauses


def test_another_clause_list_gets_pools_of_its_own(searcher) -> None:
    clauses = list(searcher.clauses)
    pools = generate._pools(clauses)
    assert len(pools.corpus) == len(clauses)
    fewer = clauses[:3]
    assert len(generate._pools(fewer).corpus) == 3
    assert generate._pools(clauses) is pools  # still held
