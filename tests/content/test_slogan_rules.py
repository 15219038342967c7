"""Slogans speak to those who must act safely, in whole phrases, and come from the clause's own duty."""

from __future__ import annotations

import pytest

from assistant.draft.slogan_check import slogan_problems
from assistant.draft.slogan_pieces import pieces_of, rule_halves
from assistant.draft.slogans import _about, _topic_terms

pytestmark = pytest.mark.unit

PLAN = (
    "严禁新建“头顶库”，新建四等、五等小型尾矿库应当采用一次性建坝。"
    "各级矿山建设项目安全设施设计审查责任单位应制定审查规范。"
    "矿山开发没有进行一次性总体设计的,不得审批安全设施设计。"
)
PPE = (
    "第四十五条 生产经营单位必须为从业人员提供符合国家标准或者行业标准的劳动防护用品，"
    "并监督、教育从业人员按照使用规则佩戴、使用。"
)


def test_an_authoritys_procedure_is_not_a_slogan() -> None:
    for text in ("作出不予批准的决定，书面向申请人说明理由", "严禁新建头顶库，要制定审查规范"):
        assert any("行政程序" in p for p in slogan_problems(text, PLAN)), text


def test_a_duty_towards_an_office_is_not_a_slogan() -> None:
    assert any("行政程序" in p for p in slogan_problems("矿长必须经过安全培训，向劳动行政主管部门备案"))


def test_a_licence_the_mine_must_hold_still_passes() -> None:
    assert slogan_problems("未经批准不得开采，持证生产守规矩") == []


def test_a_half_whose_subject_is_cut_off_is_refused() -> None:
    problems = slogan_problems("开发没有一次性总体设计，严禁新建头顶库", PLAN)
    assert any("短语中间截起" in p for p in problems), problems


def test_a_half_that_trims_a_long_noun_is_not_cut_off() -> None:
    assert slogan_problems("必须提供合格防护用品，监督教育职工佩戴使用", PPE) == []


def test_a_duty_with_long_modifiers_is_tightened_into_a_half() -> None:
    halves = {h.text for p in pieces_of(PPE) for h in p.halves}
    assert "必须提供合格防护用品" in halves
    assert "监督教育职工佩戴使用" in halves


def test_a_rule_of_an_office_gives_no_half() -> None:
    assert rule_halves("各级矿山建设项目安全设施设计审查责任单位应制定审查规范") == []


def test_whom_a_mine_sets_to_what_work_is_split_between_the_halves() -> None:
    [piece] = pieces_of("第三十八条 用人单位不得安排未成年工从事接触职业病危害的作业；")
    texts = [h.text for h in piece.halves]
    assert "不得安排未成年工" in texts and "从事职业病危害作业" in texts


THREE_AT_ONCE = "矿山建设工程的安全设施必须和主体工程同时设计、同时施工、同时投入生产和使用。"


def test_three_at_once_is_said_as_publicity_says_it_and_is_no_figure() -> None:
    [piece] = pieces_of(THREE_AT_ONCE)
    assert "须和主体工程三同时" in [h.text for h in piece.halves]
    assert slogan_problems("矿山建设工程的安全设施，须和主体工程三同时", THREE_AT_ONCE) == []
    # the term stands for the clause's wording only where the clause says it; elsewhere 三 is a figure
    assert slogan_problems("矿山建设工程的安全设施，须和主体工程三同时", PPE) != []


def test_what_a_ban_forbids_is_never_a_half_of_its_own() -> None:
    sentence = (
        "普通建筑用砂石土露天矿山不得以山脊划界,原则上禁止将最低标高设在侵蚀基准面以下,以凹陷方式开采。"
    )
    halves = [h.text for p in pieces_of(sentence) for h in p.halves]
    assert "不得以山脊划界" in halves
    assert not any(h.endswith("以凹陷方式开采") and not h.startswith(("禁止", "不得")) for h in halves)


def test_a_case_of_three_characters_opening_on_you_is_a_case() -> None:
    [case, rule] = pieces_of("有水患的矿山，必须采取有效的防排水措施。")
    assert case.kind == "if" and "有水患的矿山" in [h.text for h in case.halves]
    assert "要采取防排水措施" in [h.text for h in rule.halves]


def test_a_topic_in_everyday_words_finds_the_statutes_words() -> None:
    assert _about("有水患的矿山，必须采取有效的防排水措施。", "透水")
    assert "民用爆炸物品" in _topic_terms("火工品")


def test_a_sanction_told_to_those_it_binds_is_a_slogan_not_a_procedure() -> None:
    clause = (
        "未取得安全生产许可证擅自进行生产的，责令停止生产，没收违法所得；情节严重的，吊销安全生产许可证。"
    )
    assert not any("行政程序" in p for p in slogan_problems("无证擅自生产，吊销安全生产许可证", clause))


def test_a_second_sentence_cited_from_a_clause_widens_its_quote_to_hold_both(make_clause) -> None:
    from assistant.draft.citing import Cites

    clause = make_clause(
        "16.推进尾矿库闭库销号。停用超过3年的尾矿库,其生产经营主体应当及时闭库治理。具备销号条件的尾矿库应当销号。"
        "销号后不再作为尾矿库进行使用,不得重新用于排放尾矿或擅自回采。"
    )
    cites = Cites()
    first = cites.cite(clause, "停用超过3年的尾矿库,其生产经营主体应当及时闭库治理。")
    again = cites.cite(clause, "销号后不再作为尾矿库进行使用,不得重新用于排放尾矿或擅自回采。")
    assert first == again == 1 and len(cites.items) == 1
    quote = cites.items[0].quote
    assert quote in clause.text  # verbatim, one span
    assert quote.startswith("停用超过3年") and quote.endswith("擅自回采。")
    cites.cite(clause, "具备销号条件的尾矿库应当销号。")  # already inside: nothing changes
    assert cites.items[0].quote == quote


def test_a_paragraph_is_about_a_topic_only_if_it_opens_on_it(make_clause) -> None:
    from assistant.draft.slogans import _paragraph_about

    admission = make_clause(
        "12.严格矿山安全准入。相邻矿山生产建设作业范围最小距离应满足相关安全规定。严禁新建“头顶库”。"
        "严格安全设施设计审查,强化安全设施设计实质内容审查。矿山开发没有进行一次性总体设计的,不得审批安全设施设计。"
    )
    assert not _paragraph_about(admission, "严禁新建“头顶库”。", "安全设施")
    survey = make_clause(
        "17.制度化开展普查。常态化开展隐蔽致灾因素普查治理。隐蔽致灾因素普查要查清。"
        "对隐蔽致灾因素普查不清的立即采取措施查明。"
    )
    assert _paragraph_about(survey, "对隐蔽致灾因素普查不清的立即采取措施查明。", "隐蔽致灾因素普查")
