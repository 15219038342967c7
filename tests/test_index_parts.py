"""The parts of an article that rerank matches one by one: each 款, each 项 with its lead-in."""

from __future__ import annotations

import pytest

from assistant.index.embed_cache import EmbeddingCache
from assistant.index.parts import all_part_texts, article_part_texts, part_texts

pytestmark = pytest.mark.integration


def test_each_item_of_an_article_is_a_part_that_keeps_its_lead_in(laws_searcher) -> None:  # type: ignore[no-untyped-def]
    store = laws_searcher.store
    duties = store.first_pieces[("work-safety-law", "第二十一条")]
    parts = part_texts(duties, store.documents["work-safety-law"].text)
    lead = "生产经营单位的主要负责人对本单位安全生产工作负有下列职责"
    items = [p for p in parts if p.startswith(lead) and "\n" not in p]  # one 项 each, after the lead-in
    assert len(items) == 7  # （一）……（七）; the paragraph that holds them all is a part too
    assert "组织制定并实施本单位安全生产教育和培训计划" in items[2]


def test_an_article_of_one_paragraph_has_no_parts_of_its_own(laws_searcher) -> None:  # type: ignore[no-untyped-def]
    store = laws_searcher.store
    texts = article_part_texts(store.first_pieces.values(), store.documents)
    assert ("work-safety-law", "第二十一条") in texts
    one = store.first_pieces[("mine-safety-law", "第一条")]
    assert part_texts(one, store.documents["mine-safety-law"].text) == []
    assert ("mine-safety-law", "第一条") not in texts


def test_the_index_build_embeds_every_part_so_the_first_search_does_not(laws_config, laws_searcher) -> None:  # type: ignore[no-untyped-def]
    store = laws_searcher.store
    texts = all_part_texts(store.first_pieces.values(), store.documents)
    cache = EmbeddingCache.of_index(laws_config, laws_searcher.embedder)
    assert texts and all(t in cache for t in texts)


def test_a_question_about_one_item_of_a_long_article_scores_that_article_by_the_item(laws_searcher) -> None:  # type: ignore[no-untyped-def]
    from assistant.retrieve.base import Scored
    from assistant.retrieve.rerank import FEATURES

    q = laws_searcher.query("主要负责人要不要组织制定安全生产教育和培训计划？")
    hits = laws_searcher.search(q, k=20, rerank=False)
    keys = [(h.clause.doc_id, h.clause.label) for h in hits]
    rows = [laws_searcher.store.article_rows[k] for k in keys]
    feats = laws_searcher.candidate_features(
        q, [(r, Scored(h.score, h.sources)) for r, h in zip(rows, hits, strict=True)]
    )
    coverage = dict(zip(keys, (f[FEATURES.index("part_coverage")] for f in feats), strict=True))
    dense = dict(zip(keys, (f[FEATURES.index("part_dense")] for f in feats), strict=True))
    key = ("work-safety-law", "第二十一条")
    assert key in coverage and coverage[key] == max(coverage.values())
    assert dense[key] > sorted(dense.values())[len(dense) // 2]  # in the better half of the candidates
