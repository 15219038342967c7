"""Every hit carries its own cosine, even one BM25 found outside the dense candidates (a grown corpus
fills the dense candidates with other text; a missing cosine read as 0 told refusal 「nothing similar」)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieve.search import Searcher
from assistant.service import Assistant
from tests.conftest import FakeConfigFactory

pytestmark = pytest.mark.unit

DOC = "\n".join(
    f"第{n}条　{text}"
    for n, text in zip(
        "一二三四五",
        [
            "尾矿库停用超过三年应当闭库。",
            "瓦斯浓度超限必须停止作业。",
            "爆破作业必须由专人指挥。",
            "尾矿库闭库应当编制设计。",
            "矿山应当建立应急救援队伍。",
        ],
        strict=True,
    )
)


def test_a_hit_outside_the_dense_candidates_gets_its_exact_cosine(fake_config: FakeConfigFactory) -> None:
    config = fake_config(
        {"rules.txt": DOC}, candidates=1
    )  # one dense candidate: the other hits come from BM25
    Assistant(config).build_index()
    searcher = Searcher(config)
    hits = searcher.search("尾矿库 闭库", k=3)
    assert len(hits) >= 2 and all("dense" in h.sources for h in hits)
    q = searcher.query("尾矿库 闭库")
    vec = searcher.dense._embedder.embed_query(q.text)
    for h in hits:
        row = next(i for i, c in enumerate(searcher.clauses) if c.chunk_id == h.clause.chunk_id)
        expected = float(np.dot(searcher.dense._index.reconstruct(row), vec))
        assert h.sources["dense"] == pytest.approx(expected, abs=1e-5)


def test_a_text_searched_again_is_embedded_once_and_only_the_recent_ones_are_kept(
    fake_config: FakeConfigFactory,
) -> None:
    from assistant.retrieve import dense

    config = fake_config({"rules.txt": DOC})
    Assistant(config).build_index()
    searcher = Searcher(config)
    embedder = searcher.dense._embedder
    calls: list[str] = []
    real = embedder.embed_query

    def counted(text: str) -> np.ndarray:
        calls.append(text)
        return real(text)

    embedder.embed_query = counted  # type: ignore[method-assign]
    for _ in range(3):
        searcher.search("尾矿库 闭库", k=2)
        searcher.search("瓦斯 超限", k=2)
    assert calls == ["尾矿库 闭库", "瓦斯 超限"]
    for n in range(dense.RECENT + 1):
        searcher.search(f"第{n}个问题", k=1)
    searcher.search("尾矿库 闭库", k=2)  # pushed out by RECENT newer texts: embedded again
    assert calls.count("尾矿库 闭库") == 2 and len(searcher.dense._recent) == dense.RECENT
