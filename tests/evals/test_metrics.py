"""The metric maths on tiny hand-computed examples."""

from __future__ import annotations

import pytest

from assistant.evaluate.datasets import ClauseRef, RetrievalCase
from assistant.evaluate.metrics import (
    first_relevant_rank,
    hit_at_k,
    mean,
    median,
    precision_recall,
    recall_at_k,
    reciprocal_rank,
)
from assistant.evaluate.retrieval import score_cases

pytestmark = pytest.mark.unit

RANKING = ["b", "a", "c", "d", "e", "f"]


def test_hit_at_k_counts_any_relevant_item_within_k():
    assert hit_at_k(RANKING, ["a"], 1) == 0.0
    assert hit_at_k(RANKING, ["a"], 2) == 1.0
    assert hit_at_k(RANKING, ["z", "b"], 1) == 1.0
    assert hit_at_k(RANKING, ["z"], 5) == 0.0
    assert hit_at_k([], ["a"], 5) == 0.0


def test_reciprocal_rank_is_one_over_the_first_relevant_rank():
    assert reciprocal_rank(RANKING, ["c", "a"]) == pytest.approx(1 / 2)
    assert reciprocal_rank(RANKING, ["d"]) == pytest.approx(1 / 4)
    assert reciprocal_rank(RANKING, ["z"]) == 0.0
    assert reciprocal_rank(RANKING, ["f"], cutoff=5) == 0.0
    assert first_relevant_rank(RANKING, ["e"]) == 5


def test_mrr_over_three_questions_is_the_mean_of_reciprocal_ranks():
    rr = [reciprocal_rank(RANKING, rel) for rel in (["b"], ["c"], ["z"])]
    assert mean(rr) == pytest.approx((1 + 1 / 3 + 0) / 3)


def test_recall_at_k_is_the_share_of_relevant_items_found():
    assert recall_at_k(RANKING, ["a", "e", "z"], 2) == pytest.approx(1 / 3)
    assert recall_at_k(RANKING, ["a", "e"], 5) == 1.0
    assert recall_at_k(RANKING, [], 5) == 0.0


def test_score_cases_reports_hit_mrr_and_first_hit_per_question_set():
    def case(i: str, *labels: str) -> RetrievalCase:
        return RetrievalCase(i, "问？", tuple(ClauseRef("d", lab) for lab in labels), "fact")

    cases = [case("r1", "一、"), case("r2", "二、", "三、"), case("r3", "九、")]
    ranked = [[("d", "一、"), ("d", "二、")], [("d", "三、"), ("d", "二、")], [("d", "一、")]]
    scores = score_cases(cases, ranked)
    assert scores["hit@1"] == pytest.approx(2 / 3)  # r2: 三、 is expected too, so it is a hit
    assert scores["first-hit@1"] == pytest.approx(1 / 3)  # only r1 has expected[0] first
    assert scores["mrr"] == pytest.approx((1 + 1 + 0) / 3)
    assert scores["hit@5"] == pytest.approx(2 / 3)
    assert scores["n"] == 3


def test_refusal_precision_and_recall_against_gold_labels():
    refused = [True, True, False, False, True]
    should_refuse = [True, False, True, False, True]
    pr = precision_recall(refused, should_refuse)
    assert (pr.tp, pr.fp, pr.fn) == (2, 1, 1)
    assert pr.precision == pytest.approx(2 / 3)
    assert pr.recall == pytest.approx(2 / 3)
    assert pr.f1 == pytest.approx(2 / 3)


def test_refusal_precision_with_no_refusals_is_one_and_recall_zero():
    pr = precision_recall([False, False], [True, False])
    assert pr.precision == 1.0 and pr.recall == 0.0


def test_precision_recall_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="predicted has 1 items, actual 2"):
        precision_recall([True], [True, False])


def test_median_and_mean_of_empty_are_zero():
    assert median([]) == 0.0 and mean([]) == 0.0
    assert median([120, 80, 300]) == 120
