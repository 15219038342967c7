"""The 评测 tab names every metric in Chinese: each word of each baselined key has a label."""

from __future__ import annotations

import json
import re

import pytest

from assistant.evaluate.retrieval import variants
from assistant.web.eval_tab import metric_label
from tests.conftest import REPO

pytestmark = pytest.mark.unit

LATIN = re.compile(r"[A-Za-z]")


def test_every_metric_of_the_baseline_has_a_label_without_latin_letters() -> None:
    keys = json.loads((REPO / "evals" / "baseline.json").read_text("utf-8"))
    english = {key: metric_label(key) for key in keys if LATIN.search("".join(metric_label(key)))}
    assert english == {}


def test_every_retrieval_variant_of_the_fusion_sweep_has_a_chinese_label() -> None:
    names = {v.name for fusion in ("weighted", "rrf") for v in variants(fusion, 0.7)}
    english = {n: metric_label(f"retrieval.{n}.mrr") for n in names}
    assert {n: label for n, label in english.items() if LATIN.search(label[0])} == {}


def test_a_label_keeps_the_depth_the_split_and_the_bm25_weight() -> None:
    assert metric_label("retrieval.hybrid.hit@5@test") == ("检索·混合·命中率（前 5 条）", "测试集")
    assert metric_label("laws.applies.criminal_found@heldback") == (
        "法律法规·适用条款·涉罪情景检出刑法条款率",
        "留出集",
    )
    assert metric_label("retrieval.hybrid-weighted-0.7.mrr") == (
        "检索·混合·加权融合·关键词权重 0.7·平均倒数排名",
        "全部",
    )
    # a document id is a name, not a word to translate
    assert metric_label("quiz.questions_per_doc.jiujiang-plan")[0] == "题库·每文档题数·jiujiang-plan"
