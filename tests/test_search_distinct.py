"""Search returns k distinct clauses: the pieces of one huge clause never crowd out the others, even
when they fill every candidate slot (collapse before truncation, then search again without them)."""

from __future__ import annotations

import pytest

from assistant.index.build import build_index
from assistant.retrieve.search import Searcher

pytestmark = pytest.mark.integration

HUGE = "".join(f"尾矿库第{i}号坝体应当每日巡查并记录浸润线。" for i in range(1, 10600))  # ~500 pieces
SMALL = [f"第{n}条　尾矿库企业应当落实第{n}项巡查责任。" for n in "二三四五六七"]


def test_a_clause_of_500_pieces_leaves_room_for_the_others(fake_config) -> None:
    text = "某某尾矿库管理办法\n第一条　" + HUGE + "\n" + "\n".join(SMALL) + "\n"
    config = fake_config({"huge.txt": text}, candidates=100)
    build_index(config, progress=False)
    searcher = Searcher(config)
    pieces = [c for c in searcher.clauses if c.label == "第一条"]
    assert len(pieces) >= 500
    hits = searcher.search("尾矿库巡查", 5)
    labels = [h.clause.label for h in hits]
    assert len(labels) == len(set(labels)) == 5, labels
    assert "第一条" in labels
