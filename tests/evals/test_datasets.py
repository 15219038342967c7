"""Loading the gold sets: the real ones load; a broken line is named by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import EvalDataError
from assistant.evaluate.datasets import load_all, load_conversations, load_retrieval, load_short_answers

pytestmark = pytest.mark.unit

EVALS = Path(__file__).resolve().parents[2] / "evals"
GOOD = {
    "id": "r001",
    "question": "五职矿长要什么学历？",
    "expected": [{"doc_id": "jiujiang-plan", "clause": "二、（一）1."}],
    "style": "number",
}


HELD_BACK = {
    "laws_retrieval": [f"L{n}" for n in range(531, 571)],
    "laws_negatives": [f"LN{n}" for n in range(156, 171)],
    "laws_scenarios": [f"LS{n}" for n in range(101, 131)],
    "paraphrases": [f"P{n}" for n in range(101, 117)],
    # the seed set written blind at stop 31 (n407–n409 dropped: the laws answer two, one repeats n012)
    "retrieval": [f"r{n}" for n in range(401, 441)],
    "negatives": [f"n{n}" for n in range(401, 421) if n not in (407, 408, 409)],
}


def test_the_committed_gold_sets_load_with_their_documented_sizes():
    sets = load_all(EVALS)
    assert (
        sets.sizes()
        == {
            "retrieval": 306,  # + 30 held back at stop 25 (r301–r330), dev since stop 26; + r401–r440 held back at stop 31
            "negatives": 73,  # + n401–n420 held back at stop 31 (17 kept); 7 moved to evals/laws/retrieval.jsonl (the laws answer them); + 15 of stop 25
            "conversations": 22,
            "scenarios": 36,
            "short_answers": 480,  # 39 seed + 30 with wrong_points + 45 + 36 + 90 + 120 + 120 written blind (g070-g480)
            "laws_retrieval": 570,  # 360 + 100 held back at stop 24 (L361–L460) + 70 at 25 + 40 at 26 (L531–L570)
            "laws_negatives": 170,  # 70 + 30 off-domain (LO01–LO30) + 30 held back at stop 24 + 25 at 25 + 15 at 26
            "laws_conversations": 30,
            "laws_scenarios": 76,  # 46 + 30 held back at stop 26 (LS101–LS130)
            "paraphrases": 178,  # 32 + 16 held back at stop 26 (P101–P116) + 40 blind at stop 28 (P201–P240) + 90 blind at stop 37 (P241–P330)
            "fill_ins": 68,
            "slogans": 76,
            "laws_stories": 40,  # LS201–LS240, stop 26: situations told as stories, read by no fitting script
        }
    )
    # every set but the seed ones written before the split existed is half dev, half test — the law sets
    # before the held-back questions: those of stop 24 (L361–L460, LN101–LN130) and of stop 25 (L461–L530,
    # LN131–LN155, r301–r330, n301–n315), read after their scoring, became dev at the next stop
    for name in ("laws_retrieval", "laws_scenarios", "laws_stories", "paraphrases", "fill_ins", "slogans"):
        cases = [c for c in getattr(sets, name) if c.split != "heldback" and not "L361" <= c.id <= "L530"]
        # (P241–P330 alternate within each of their two writers' 45 groups: 23 dev and 22 test each)
        odd = 4 if name == "paraphrases" else 0
        assert abs(sum(c.split == "test" for c in cases) * 2 - len(cases)) <= odd, name
    later = [c for c in sets.laws_retrieval if "L361" <= c.id <= "L530"]
    assert len(later) == 170 and all(c.split == "dev" for c in later)
    # held back now: the sets written blind at stops 26 and 31, scored once per change
    held = {name: [c.id for c in getattr(sets, name) if c.split == "heldback"] for name in HELD_BACK}
    assert held == HELD_BACK
    # 13 two-turn + 9 three-turn conversations = 53 turns (the README's "51 turns" is a miscount).
    assert sorted(len(c.turns) for c in sets.conversations) == [2] * 13 + [3] * 9
    # c12's first turn (煤矿瓦斯超限) is answered by 煤矿安全生产条例 since the laws joined the corpus.
    assert sum(t.refuse for c in sets.conversations for t in c.turns) == 3


def test_a_good_line_loads_with_expected_best_first(write_jsonl):
    path = write_jsonl("retrieval.jsonl", [GOOD])
    (case,) = load_retrieval(path.parent)
    assert case.expected[0].clause == "二、（一）1." and case.style == "number"


def test_invalid_json_names_file_and_line(write_jsonl):
    path = write_jsonl("retrieval.jsonl", [GOOD, '{"id": "r002", "question": '])
    with pytest.raises(EvalDataError, match=r"retrieval.jsonl 第 2 行：不是有效的 JSON"):
        load_retrieval(path.parent)


def test_unknown_style_lists_the_valid_ones(write_jsonl):
    path = write_jsonl("retrieval.jsonl", [{**GOOD, "style": "trivia"}])
    with pytest.raises(EvalDataError, match=r"style 'trivia' 未知；可选：fact, number, list, who, scenario"):
        load_retrieval(path.parent)


def test_empty_or_malformed_expected_is_rejected(write_jsonl):
    path = write_jsonl(
        "retrieval.jsonl", [{**GOOD, "expected": []}, {**GOOD, "id": "r002", "expected": [{"doc_id": "x"}]}]
    )
    with pytest.raises(EvalDataError, match=r"2 处不符合") as info:
        load_retrieval(path.parent)
    assert "第 1 行：字段 expected 应是非空列表" in str(info.value)
    assert "第 2 行：expected[0] 应含字符串字段 doc_id 和 clause" in str(info.value)


def test_duplicate_ids_are_rejected(write_jsonl):
    path = write_jsonl("retrieval.jsonl", [GOOD, GOOD])
    with pytest.raises(EvalDataError, match=r"第 2 行：id 'r001' 与第 1 行重复"):
        load_retrieval(path.parent)


def test_missing_question_is_named(write_jsonl):
    path = write_jsonl("retrieval.jsonl", [{k: v for k, v in GOOD.items() if k != "question"}])
    with pytest.raises(EvalDataError, match=r"字段 question 应是非空字符串"):
        load_retrieval(path.parent)


def test_missing_file_says_where_to_run(tmp_path: Path):
    with pytest.raises(EvalDataError, match=r"找不到评测集 .*retrieval.jsonl.*--evals-dir"):
        load_retrieval(tmp_path)


def test_a_refuse_turn_may_not_also_expect_a_clause(write_jsonl):
    turns = [
        {"question": "煤矿瓦斯超限怎么办？", "refuse": True, "expected": GOOD["expected"]},
        {"question": "那金矿呢？", "expected": GOOD["expected"]},
    ]
    path = write_jsonl("conversations.jsonl", [{"id": "c01", "turns": turns}])
    with pytest.raises(EvalDataError, match=r"turns\[0\] 同时有 refuse 和 expected"):
        load_conversations(path.parent)


def test_short_answer_marks_must_match_key_points_and_score(write_jsonl):
    row = {
        "id": "g001",
        "question_id": "sq01",
        "question": "五职矿长条件？",
        "doc_id": "jiujiang-plan",
        "clause": "二、（一）1.",
        "key_points": ["主体专业", "大专以上学历"],
        "answer": "大专。",
        "points_found": [False, True],
        "score": 1.0,
    }
    path = write_jsonl(
        "short_answers.jsonl", [row, {**row, "id": "g002", "points_found": [True], "score": 0.5}]
    )
    with pytest.raises(EvalDataError) as info:
        load_short_answers(path.parent)
    assert "第 1 行：score 1.0 与 points_found 不符（应为 0.5）" in str(info.value)
    assert "第 2 行：points_found 有 1 项，key_points 有 2 项" in str(info.value)


def test_a_wrong_point_costs_as_much_as_a_missing_one(write_jsonl):
    line = {
        "id": "g1",
        "question_id": "sq1",
        "question": "五到位是什么？",
        "doc_id": "jiujiang-plan",
        "clause": "二、（七）25.",
        "key_points": ["程序到位", "事实到位"],
        "answer": "程序到位、事实到位、经济效益到位",
        "points_found": [True, True],
        "wrong_points": ["经济效益到位"],
        "score": 0.5,
    }
    path = write_jsonl("short_answers.jsonl", [line])
    (case,) = load_short_answers(path.parent)
    assert case.wrong_points == ("经济效益到位",) and case.score == 0.5
    with pytest.raises(EvalDataError, match="应为 0.5"):
        load_short_answers(write_jsonl("short_answers.jsonl", [{**line, "score": 1.0}]).parent)
