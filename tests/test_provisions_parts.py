"""The small readers under provisions: numbers, quantities, subjects, sanction pieces."""

from __future__ import annotations

import pytest

from assistant.ingest.quantities import find_quantities, parse_number, parse_share
from assistant.ingest.sanction_reader import is_sanction, pieces, read_sanctions
from assistant.ingest.sanctions import Fine, Order
from assistant.ingest.subjects import find_subjects, split_subject

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二十万", 200_000),
        ("一百八十", 180),
        ("5000万", 50_000_000),
        ("1亿", 100_000_000),
        ("1.5万", 15_000),
        ("一千二百万", 12_000_000),
        ("两", 2),
        ("三十", 30),
    ],
)
def test_numbers_as_statutes_write_them(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "share"), [("百分之四十", 0.4), ("百分之一百", 1.0), ("60%", 0.6), ("3‰", 0.003)]
)
def test_shares(text: str, share: float) -> None:
    assert parse_share(text) == share


def test_not_a_number() -> None:
    assert parse_number("若干") is None and parse_share("四十") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("应当于1小时内向事故发生地县级以上人民政府报告", [("期限", "1小时内", 1, None, "小时", "")]),
        ("自接到申请之日起三十日内作出判定", [("期限", "三十日内", 30, None, "日", "")]),
        ("2024年底前建立清单管理机制", [("期限", "2024年底前", 2024, None, "年", "")]),
        ("每年至少一次组织演练", [("频次", "每年至少一次", 1, None, "次", "年")]),
        ("应当至少每2年组织1次演练", [("频次", "每2年组织1次", 1, None, "次", "2年")]),
        ("造成3人以上10人以下死亡", [("阈值", "3人以上10人以下", 3, 10, "人", "")]),
        ("停用超过3年的尾矿库", [("阈值", "超过3年", 3, None, "年", "")]),
        ("从业人员超过一百人的", [("阈值", "超过一百人", 100, None, "人", "")]),
    ],
)
def test_deadlines_frequencies_and_thresholds(text: str, expected: list[tuple]) -> None:
    got = find_quantities(text)
    assert [(q.kind, q.text, q.value, q.value_max, q.unit, q.period) for q in got] == expected
    assert all(text[q.start : q.end] == q.text for q in got)


def test_a_bare_duration_is_not_a_deadline() -> None:
    assert find_quantities("安全生产许可证的有效期为3年") == []


def test_head_of_a_possessive_chain_is_who_acts() -> None:
    found = find_subjects("生产经营单位的主要负责人未履行本法规定的安全生产管理职责")
    assert [(s.norm, s.head) for s in found] == [("生产经营单位", False), ("主要负责人", True)]
    found = find_subjects("事故发生单位主要负责人未依法履行安全生产管理职责")
    assert [(s.norm, s.text, s.head) for s in found] == [
        ("生产经营单位", "事故发生单位", False),
        ("主要负责人", "主要负责人", True),
    ]


def test_subject_of_a_long_noun_phrase_is_its_last_wording_before_the_conduct() -> None:
    text = "矿山、金属冶炼建设项目和用于生产、储存、装卸危险物品的建设项目的施工单位未按照规定对施工项目进行安全管理"
    subjects, start = split_subject(text, 0, len(text))
    assert [s.norm for s in subjects] == ["施工单位"] and text[start:].startswith("未按照规定")


def test_a_suffered_sanction_is_part_of_the_conduct_not_a_sanction() -> None:
    assert not is_sanction("因存在重大事故隐患被依法责令停产停业")
    assert not is_sanction("被责令改正且受到罚款处罚")
    assert not is_sanction("依照前款规定受刑事处罚或者撤职处分的")
    assert is_sanction("责令限期改正")


def test_addressee_lasts_to_the_end_of_its_semicolon_segment() -> None:
    text = "处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业整顿"
    got = read_sanctions(text, pieces(text), ("生产经营单位",))
    assert [(type(s), s.whom, s.condition.text if s.condition else None) for s in got] == [
        (Fine, ("生产经营单位",), None),
        (Fine, ("直接责任人员",), None),
        (Order, ("生产经营单位",), "逾期未改正的"),
    ]
    assert [getattr(s, "max", None) for s in got] == [50000, 10000, None]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_a_named_criminal_code_article_is_kept() -> None:
    text = "构成犯罪的，依照刑法第一百三十四条的规定追究刑事责任"
    (crime,) = read_sanctions(text, pieces(text), ("主要负责人",))
    assert crime.kind == "刑事责任" and crime.article == "刑法 第一百三十四条"
    assert crime.condition is not None and crime.condition.kind == "犯罪"


def test_a_referral_names_the_law_that_holds_the_sanction() -> None:
    text = "煤矿企业有下列行为之一的，依照《中华人民共和国安全生产法》有关规定予以处罚"
    (referral,) = read_sanctions(text, pieces(text)[1:], ("煤矿企业",))
    assert referral.kind == "依照处罚" and referral.laws == ("《中华人民共和国安全生产法》",)
