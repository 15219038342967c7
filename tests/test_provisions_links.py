"""Penalty → duty links on the real laws, and their precision against hand-checked ground truth.

The ground truth is ``evals/laws/links.jsonl``: for every penalty 款/项 of the laws it covers, the duty
articles it enforces, written by reading both (``[]`` where no single duty is enforced). The ``test``
records (安全生产法 第六章) were written before any link was produced and are never used for fitting;
``scripts/fit_links.py`` fits on the ``dev`` records.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from assistant.ingest.links import Link, LinkParams, default_params, duties_for, link_penalties, penalties_for
from assistant.ingest.provisions import analyse
from tests.provisions_corpus import TITLE_TO_DOC, law, link_scores

pytestmark = pytest.mark.unit

GOLD = Path(__file__).resolve().parents[1] / "evals" / "laws" / "links.jsonl"
WORK = "work-safety-law"


@cache
def links_of(doc_id: str) -> tuple[Link, ...]:
    named = {title: law(d) for title, d in TITLE_TO_DOC.items() if d != "criminal-law"}
    return tuple(link_penalties(law(doc_id), named=named))


def duties(doc_id: str, article: str, paragraph: int | None = None, item: str | None = None) -> set[str]:
    return {x.duty for x in duties_for(links_of(doc_id), doc_id, article, paragraph, item)}


def test_subcontracting_to_an_unqualified_party_is_linked_to_the_prohibition_in_article_49() -> None:
    (link,) = duties_for(links_of(WORK), WORK, "第一百零三条", 1)
    assert (link.duty, link.duty_paragraph, link.reason) == ("第四十九条", 1, "conduct")
    assert link.score >= default_params().threshold


def test_principal_failing_his_duties_is_linked_to_his_duties() -> None:
    # 「未履行本法规定的安全生产管理职责」 names no article: the 职责 are those the law lists for the same
    # party (第二十一条 「主要负责人……负有下列职责」), not 第二十五条's, whose wording is closer.
    assert duties(WORK, "第九十四条", 1) == {"第二十一条"}
    assert duties(WORK, "第九十六条", 1) == {"第二十五条"}  # 安全生产管理人员 → their own list
    # the same drafting in a dev law: 「主要负责人……未依法履行安全生产管理职责的」
    assert "第十八条" in duties("coal-mine-safety-regulation", "第六十八条", 1)


def test_a_paragraph_with_the_previous_paragraphs_conduct_takes_its_links() -> None:
    # 第九十四条第二款 「有前款违法行为，导致发生生产安全事故的」 enforces what 第一款 enforces.
    second = duties_for(links_of(WORK), WORK, "第九十四条", 2)
    assert second and all(x.reason == "ref" for x in second)
    assert {x.duty for x in second} == duties(WORK, "第九十四条", 1)


def test_missing_registered_safety_engineer_is_linked_to_the_staffing_duties() -> None:
    assert duties(WORK, "第九十七条", 1, "（一）") & {"第二十四条", "第二十七条"}


def test_reverse_lookup_finds_the_penalty_for_a_duty() -> None:
    penalties = {(x.penalty, x.paragraph) for x in penalties_for(links_of(WORK), WORK, "第四十九条")}
    assert ("第一百零三条", 1) in penalties


def test_a_resolved_reference_links_without_matching_words() -> None:
    coal = "coal-mine-safety-regulation"
    (link,) = duties_for(links_of(coal), coal, "第六十六条", 1, "（一）")
    assert (link.duty, link.duty_paragraph, link.reason, link.score) == ("第三十七条", 1, "ref", 1.0)


def test_a_penalty_for_breaking_listed_articles_links_to_each_of_them() -> None:
    # 矿山安全法实施条例 第五十四条 「违反本条例第十五条、第十六条……第二十五条规定的，……」
    rules = "mine-safety-law-rules"
    got = duties_for(links_of(rules), rules, "第五十四条")
    assert {x.duty for x in got} == {
        "第十五条",
        "第十六条",
        "第十七条",
        "第十八条",
        "第十九条",
        "第二十条",
        "第二十一条",
        "第二十二条",
        "第二十三条",
        "第二十五条",
    }
    assert all(x.reason == "ref" for x in got)


def test_a_reference_to_another_penalty_names_a_sanction_not_a_duty() -> None:
    # 第二十条: 「逾期仍不办理延期手续，继续进行生产的，依照本条例第十九条的规定处罚」.
    permit = "safety-permit-regulation"
    assert "第十九条" not in duties(permit, "第二十条")


def test_conduct_matching_nothing_gets_no_link() -> None:
    chapter = "第二章 保障"
    duty = analyse("第一条 矿山企业应当设置安全出口。", "第一条", chapter, "行政法规", doc_id="x")
    penalty = analyse(
        "第二条 矿山企业未缴纳水资源费的，处一万元以下的罚款。",
        "第二条",
        "第三章 法律责任",
        "行政法规",
        doc_id="x",
    )
    assert penalty.penalty_units()
    assert link_penalties([duty, penalty]) == []


def test_the_tokenizer_is_injected() -> None:
    calls: list[str] = []

    def chars(text: str) -> list[str]:
        calls.append(text)
        return list(text)

    duty = analyse("第一条 矿山企业应当设置安全出口。", "第一条", "第二章 保障", "行政法规", doc_id="x")
    penalty = analyse(
        "第二条 矿山企业未设置安全出口的，处一万元以下的罚款。",
        "第二条",
        "第三章 法律责任",
        "行政法规",
        doc_id="x",
    )
    params = LinkParams(0.5, 0.5, 0.1, 0.5, "coverage", 1, "sentence")
    (link,) = link_penalties([duty, penalty], chars, params)
    assert (link.penalty, link.duty) == ("第二条", "第一条") and calls


def _gold(split: str) -> dict[tuple, set[str]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all(r["split"] in ("dev", "test") for r in rows)
    return {
        (r["doc_id"], r["penalty"], r["paragraph"], r["item"]): set(r["duties"])
        for r in rows
        if r["split"] == split
    }


def test_link_precision_on_the_penalty_chapter_of_the_work_safety_law() -> None:
    """Every penalty 款/项 of 第六章 against the hand-checked links (measured: precision 0.644, recall 0.810).

    A penalty unit the gold does not list expects no link. The floor pins today's figure, so a change
    that makes the links worse fails here.
    """
    gold = _gold("test")
    assert len(gold) == 62
    units = [(WORK, p.label, u.paragraph, u.item) for p in law(WORK) for u in p.penalty_units()]
    assert len(units) >= 58
    result = link_scores((WORK, duties_for(links_of(WORK), *key), gold.get(key, set())) for key in units)
    precision, recall = result["precision"], result["recall"]
    assert precision >= 0.64 and recall >= 0.80, (precision, recall)


def test_every_law_with_penalties_gets_links() -> None:
    for doc_id in (
        "mine-safety-law",
        "mine-safety-law-rules",
        "coal-mine-safety-regulation",
        "occupational-disease-law",
    ):
        assert links_of(doc_id), doc_id
