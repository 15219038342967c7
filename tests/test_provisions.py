"""Provisions on the real texts: roles, conduct, who is sanctioned, typed sanctions and quantities."""

from __future__ import annotations

import pytest

from assistant.ingest.provisions import Provision, Unit, analyse
from assistant.ingest.sanctions import (
    Ban,
    Close,
    Criminal,
    Discipline,
    Fine,
    Liability,
    Order,
    Prison,
    Referral,
)
from tests.conftest import JIUJIANG_FILE, SEED_CORPUS
from tests.provisions_corpus import LAWS, article, law

pytestmark = pytest.mark.unit

WORK = "work-safety-law"
REPORTING = "accident-reporting-regulation"


def fines(p: Provision, unit: Unit) -> list[Fine]:
    return [s for s in p.sanctions_for(unit) if isinstance(s, Fine)]


def test_first_piece_of_article_103_fines_the_unit_and_the_persons_in_charge_separately() -> None:
    p = article(WORK, "第一百零三条")
    unit = p.unit(1)
    assert p.role == "罚则" and unit.role == "罚则"
    assert "发包或者出租给不具备安全生产条件或者相应资质的单位或者个人" in unit.conducts[0].text
    by_amount = {(f.min, f.max): f for f in fines(p, unit)}
    on_unit = by_amount[(100000, 200000)]
    assert on_unit.whom == ("生产经营单位",) and on_unit.per == "单位"
    assert on_unit.condition is not None and on_unit.condition.text == "没有违法所得或者违法所得不足十万元的"
    on_persons = by_amount[(10000, 20000)]
    assert on_persons.whom == ("直接责任人员",) and on_persons.per == "个人"
    assert on_persons.whom_text == "其直接负责的主管人员和其他直接责任人员"
    assert on_persons.condition is None
    gain = next(f for f in fines(p, unit) if f.basis == "违法所得")
    assert (gain.multiple_min, gain.multiple_max) == (2, 5)
    assert gain.condition is not None and gain.condition.kind == "违法所得"


def test_article_94_fines_the_principal_and_escalates_when_not_corrected_in_time() -> None:
    p = article(WORK, "第九十四条")
    unit = p.unit(1)
    assert unit.conducts[0].text == "未履行本法规定的安全生产管理职责"
    first, *_ = fines(p, unit)
    assert (first.min, first.max, first.whom, first.condition) == (20000, 50000, ("主要负责人",), None)
    escalated = [s for s in p.sanctions_for(unit) if s.condition and s.condition.kind == "逾期未改正"]
    assert {(type(s), getattr(s, "min", None), getattr(s, "max", None)) for s in escalated} == {
        (Fine, 50000, 100000),
        (Order, None, None),
    }
    order = next(s for s in escalated if isinstance(s, Order))
    assert order.name == "责令停产停业整顿" and order.whom == ("生产经营单位",)
    assert all(s.condition.text == "逾期未改正的" for s in escalated)


def test_second_piece_of_article_94_refers_back_and_removes_the_principal_after_an_accident() -> None:
    p = article(WORK, "第九十四条")
    second = p.unit(2)
    assert second.refers_back
    dismissal = next(s for s in second.sanctions if isinstance(s, Discipline))
    assert dismissal.measures == ("撤职",) and dismissal.condition.kind == "事故"
    assert any(isinstance(s, Criminal) and s.condition.kind == "犯罪" for s in second.sanctions)
    bans = [s for s in p.unit(3).sanctions if isinstance(s, Ban)]
    assert {(b.years, b.lifetime) for b in bans} == {(5, False), (None, True)}


def test_article_95_fines_a_share_of_last_years_income_by_accident_class() -> None:
    p = article(WORK, "第九十五条")
    items = [u for u in p.units if u.item]
    assert [u.item for u in items] == ["（一）", "（二）", "（三）", "（四）"]
    got = []
    for u in items:
        (fine,) = [f for f in fines(p, u) if f.basis]
        assert fine.basis == "上一年年收入" and fine.whom == ("主要负责人",) and fine.per == "个人"
        got.append((fine.share_min, fine.share_max, fine.condition.accident_class))
    assert got == [
        (0.4, 0.4, ("一般",)),
        (0.6, 0.6, ("较大",)),
        (0.8, 0.8, ("重大",)),
        (1.0, 1.0, ("特别重大",)),
    ]
    assert p.unit(1).conducts[0].text == "未履行本法规定的安全生产管理职责"


def test_items_of_article_97_take_the_sanctions_of_their_lead_in() -> None:
    p = article(WORK, "第九十七条")
    lead = p.unit(1)
    assert lead.lead_in and not lead.conducts
    first = p.unit(1, "（一）")
    assert first.role == "罚则"
    assert first.conducts[0].text == "未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师"
    assert {(f.min, f.max, f.whom) for f in fines(p, first)} == {
        (None, 100000, ("生产经营单位",)),
        (100000, 200000, ("生产经营单位",)),
        (20000, 50000, ("直接责任人员",)),
    }


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (
            "第三十七条",
            [
                (100000, 200000, "一般"),
                (200000, 500000, "较大"),
                (500000, 2000000, "重大"),
                (2000000, 5000000, "特别重大"),
            ],
        ),
        ("第三十八条", [(0.3, 0.3, "一般"), (0.4, 0.4, "较大"), (0.6, 0.6, "重大"), (0.8, 0.8, "特别重大")]),
    ],
)
def test_accident_reporting_regulation_fines_by_accident_class(label: str, expected: list[tuple]) -> None:
    p = article(REPORTING, label)
    got = []
    for u in (u for u in p.units if u.item):
        fine = next(f for f in u.sanctions if isinstance(f, Fine))
        low, high = (fine.min, fine.max) if fine.basis is None else (fine.share_min, fine.share_max)
        got.append((low, high, fine.condition.accident_class[0]))
    assert got == expected
    assert next(f for f in p.unit(1).sanctions if isinstance(f, Fine)).whom == (
        ("生产经营单位",) if label == "第三十七条" else ("主要负责人",)
    )


def test_definitions_article_is_a_definition() -> None:
    p = article(WORK, "第一百一十七条")
    assert p.role == "定义"
    assert all(u.role == "定义" for u in p.units)


def test_accident_classes_are_definitions_with_their_thresholds_parsed() -> None:
    p = article(REPORTING, "第三条")
    larger = p.unit(1, "(三)")
    assert larger.role == "定义"
    assert [(q.value, q.value_max, q.unit) for q in larger.quantities] == [
        (3, 10, "人"),
        (10, 50, "人"),
        (10_000_000, 50_000_000, "元"),
    ]


def test_article_49_is_a_prohibition_binding_the_production_unit() -> None:
    p = article(WORK, "第四十九条")
    assert p.role == "禁止"
    first = p.unit(1)
    assert (
        first.conducts[0].text
        == "将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人"
    )
    assert [s.norm for s in first.subjects] == ["生产经营单位"]
    assert p.unit(2).role == "义务"
    assert p.unit(3).role == "义务" and "禁止" in p.unit(3).roles


def test_duties_listed_under_the_principal_are_duties_each() -> None:
    p = article(WORK, "第二十一条")
    assert p.role == "义务"
    items = [u for u in p.units if u.item]
    assert len(items) == 7 and all(u.role == "义务" for u in items)
    assert items[-1].conducts[0].text == "及时、如实报告生产安全事故"
    assert "程序" in items[-1].roles
    assert [s.norm for s in p.unit(1).subjects] == ["主要负责人"]


def test_rights_and_deadlines() -> None:
    assert article(WORK, "第五十四条").role == "权利"
    drills = article("emergency-response-regulation", "第八条")
    second = drills.unit(2)
    assert second.role == "义务" and "期限" in second.roles
    (q,) = second.quantities
    assert (q.kind, q.text, q.value, q.period) == ("频次", "每半年组织1次", 1, "半年")


def test_one_hour_reporting_deadline_is_a_deadline() -> None:
    p = article(REPORTING, "第九条")
    q = next(q for q in p.quantities if q.kind == "期限")
    assert (q.text, q.value, q.unit) == ("1小时内", 1, "小时")
    assert "期限" in p.roles or p.role == "期限"


def test_seed_plan_item_22_prohibits_outsourcing_blasting_on_pain_of_suspension() -> None:
    lines = (SEED_CORPUS / JIUJIANG_FILE).read_text(encoding="utf-8").splitlines()
    text = next(line for line in lines if line.startswith("22."))
    p = analyse(text, "二、（六）22.", "", "地方工作方案")
    assert p.role == "禁止"
    statement = next(s for u in p.units for s in u.statements if s.role == "禁止")
    assert "金属非金属地下矿山将爆破作业专项外包" in statement.conduct.text
    orders = [s for s in statement.sanctions if isinstance(s, Order)]
    assert [o.name for o in orders] == ["责令改正", "责令停产整顿"]
    assert all(o.text == "依法责令改正直至停产整顿" for o in orders)


def test_a_statute_order_alone_outside_the_penalty_chapter_is_the_regulators_duty() -> None:
    # 「发现演练不符合要求的，应当责令限期改正」 is what the department must do, not a penalty article.
    p = article("emergency-response-regulation", "第八条")
    assert p.unit(3).role == "义务"
    assert not p.penalty_units()


def test_penalty_clause_outside_any_chapter_is_found_by_its_wording() -> None:
    # 安全生产许可证条例 has no chapters: 第十九条 is a 罚则 because conduct meets a fine.
    p = article("safety-permit-regulation", "第十九条")
    assert p.role == "罚则"
    fine = next(s for s in p.sanctions if isinstance(s, Fine))
    assert (fine.min, fine.max) == (100000, 500000)
    assert any(isinstance(s, Criminal) for s in p.sanctions)
    referral = next(
        s for s in article("safety-permit-regulation", "第二十条").sanctions if isinstance(s, Referral)
    )
    assert referral.article == "第十九条"


def test_duty_paragraph_and_penalty_paragraph_of_one_article_get_their_own_roles() -> None:
    p = article("coal-mine-special-provisions", "第九条")
    assert p.unit(1).role == "义务" and p.unit(2).role == "罚则"
    assert p.role == "义务" and "罚则" in p.roles
    fine = next(s for s in p.unit(2).sanctions if isinstance(s, Fine))
    assert (fine.min, fine.max, fine.whom) == (30000, 150000, ("主要负责人",))
    assert fine.condition.kind == "逾期未改正"


def test_criminal_code_sentences_are_penalties_with_years() -> None:
    p = article("criminal-law", "第一百三十四条")
    assert p.role == "罚则"
    sentences = [s for s in p.unit(1).sanctions if isinstance(s, Prison)]
    assert [(s.min_years, s.max_years, s.condition.kind) for s in sentences] == [
        (None, 3, "事故"),
        (3, 7, "情节严重"),
    ]
    assert "拘役" in sentences[0].penalties


def test_detention_closure_and_joint_liability() -> None:
    detention = next(s for s in article(WORK, "第一百一十条").sanctions if s.kind == "拘留")
    assert detention.days == 15 and detention.condition.text == "逃匿的"
    closing = article(WORK, "第一百一十三条")
    assert any(isinstance(s, Close) for s in closing.sanctions)
    assert any(isinstance(s, Liability) and s.joint for s in article(WORK, "第一百零三条").sanctions)


def test_fine_on_a_person_in_charge_named_in_the_sentence_is_personal() -> None:
    p = article("coal-mine-safety-regulation", "第六十四条")
    by_whom = {f.whom: f for f in p.sanctions if isinstance(f, Fine)}
    assert (by_whom[("煤矿企业",)].min, by_whom[("煤矿企业",)].max) == (500000, 2000000)
    person = by_whom[("主要负责人",)]
    assert (person.min, person.max, person.per) == (30000, 150000, "个人")
    assert p.unit(1).conducts[0].text == "存在重大事故隐患仍然进行生产"


def test_item_text_not_found_verbatim_is_skipped_not_guessed() -> None:
    text = "第一条 生产经营单位有下列行为之一的，处一万元以下的罚款：\n（一）未设置标志的；"
    p = analyse(
        text,
        "第一条",
        "第五章 法律责任",
        "行政法规",
        items=[("（一）", "（一）未设置标志的；"), ("（二）", "（二）编造的")],
    )
    assert [u.item for u in p.units] == [None, "（一）"]


@pytest.mark.parametrize("doc_id", sorted(LAWS))
def test_every_extracted_part_is_verbatim_at_its_offsets(doc_id: str) -> None:
    for p in law(doc_id):
        for u in p.units:
            assert u.role and all(r for r in u.roles)
            for st in u.statements:
                assert p.text[st.start : st.end] == st.text
                parts = [st.conduct, st.condition, *st.subjects, *st.sanctions, *st.quantities]
                parts += [s.condition for s in st.sanctions]
                for part in filter(None, parts):
                    assert p.text[part.start : part.end] == part.text, (p.label, part)


def test_provision_json_carries_roles_parts_and_quotable_sanctions() -> None:
    import json

    p = article(WORK, "第一百零三条")
    data = json.loads(json.dumps(p.to_json(), ensure_ascii=False))
    first = data["units"][0]
    assert (data["role"], first["role"]) == ("罚则", "罚则")
    fine = next(s for s in first["sanctions"] if s["kind"] == "罚款" and s["min"] == 100000)
    assert fine["max"] == 200000 and fine["whom"] == ["生产经营单位"]
    assert p.text[fine["start"] : fine["end"]] == fine["text"] == "单处或者并处十万元以上二十万元以下的罚款"
    assert first["conduct"][0]["text"].startswith("将生产经营项目")
