"""Ratings and saved conversations in the local records file, and bad answers turned into gold cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.evaluate.feedback import import_feedback, read_cases
from assistant.records import Records
from assistant.schema import Answer, Citation

pytestmark = pytest.mark.unit


def answer(question: str, clause: str = "第九十四条", refused: bool = False) -> Answer:
    cite = Citation(1, "work-safety-law", "中华人民共和国安全生产法", clause, "处二万元以上五万元以下的罚款")
    return Answer(question, "结论：…〔1〕", [] if refused else [cite], refused, "extractive", question)


def test_a_rating_keeps_the_answer_as_shown_and_its_comment(tmp_path: Path) -> None:
    records = Records(tmp_path / "data" / "records.sqlite")
    first = records.add_feedback("li", answer("主要负责人不履职罚多少？"), -1)
    records.add_feedback("zhang", answer("尾矿库停用多久闭库？"), 1, "好")
    records.set_comment(first, "li", "应当引用第九十五条")
    with pytest.raises(AssistantError, match="只能补充自己的评价"):
        records.set_comment(first, "zhang", "改别人的")
    (bad,) = records.feedback(rating=-1)
    assert (bad.user, bad.comment, bad.answer.citations[0].clause) == (
        "li",
        "应当引用第九十五条",
        "第九十四条",
    )
    assert records.export_feedback(tmp_path / "feedback.jsonl") == 2
    lines = (tmp_path / "feedback.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x)["rating"] for x in lines] == [-1, 1]
    with pytest.raises(AssistantError, match="评价只能是"):
        records.add_feedback("li", answer("x"), 0)


def test_conversations_are_saved_updated_and_opened_only_by_their_user(tmp_path: Path) -> None:
    records = Records(tmp_path / "records.sqlite")
    cid = records.save_conversation("li", [answer("尾矿库停用多久闭库？")])
    assert (
        records.save_conversation("li", [answer("尾矿库停用多久闭库？"), answer("那头顶库呢？")], cid) == cid
    )
    other = records.save_conversation("zhang", [answer("五职矿长学历？")])
    assert [(c.id, c.turns) for c in records.conversations("li")] == [(cid, 2)]
    reopened = records.conversation("li", cid)
    assert [a.question for a in reopened] == ["尾矿库停用多久闭库？", "那头顶库呢？"]
    assert reopened[0].citations[0].quote == "处二万元以上五万元以下的罚款"
    with pytest.raises(AssistantError, match="只能打开自己的对话"):
        records.conversation("li", other)


def test_bad_answers_become_cases_to_label_once_each(tmp_path: Path) -> None:
    records = Records(tmp_path / "records.sqlite")
    records.add_feedback("li", answer("主要负责人不履职罚多少？"), -1, "应当是第九十五条")
    records.add_feedback("li", answer("好的回答"), 1)
    records.add_feedback("wang", answer("九江明天天气？", refused=False), -1)
    evals = tmp_path / "evals"
    report = import_feedback(records, evals)
    assert report.added == ["FB0001", "FB0002"] and report.already == 0
    again = import_feedback(records, evals)
    assert again.added == [] and again.already == 2
    first, second = read_cases(evals)
    assert first["got"] == ["work-safety-law 第九十四条"] and first["comment"] == "应当是第九十五条"
    assert (
        first["expected"] == []
        and first["refuse"] is None
        and {first["split"], second["split"]} == {"dev", "test"}
    )
