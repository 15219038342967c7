"""A bank spreads over the sections of its source, says when it falls short, and shows its stems in full
width with what they are about."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from assistant.content.facts import number_facts
from assistant.quiz.generate import (
    _Coverage,
    _Ctx,
    _number_alternatives,
    _section,
    _section_depth,
    _spread,
    build_number,
    full_width,
    generate_bank,
    verify_answer_key,
)
from assistant.quiz.model import Question
from assistant.quiz.stem_check import bare_time_start, stem_problems
from assistant.schema import Clause
from assistant.text.normalize import normalize

# unit tests of the spread and the stem checks, and the banks the shipped plan makes (integration)
pytestmark = pytest.mark.integration

PLAN_TASKS = ("二、主要任务",)
SUBSECTIONS = [f"({n})" for n in "一二三四五六七八九"]


def _clause(
    headings: tuple[str, ...], label: str = "x", doc_id: str = "plan", level: str = "地方工作方案"
) -> Clause:
    return Clause(
        f"{doc_id}:{label}:{'/'.join(headings)}",
        doc_id,
        "文件",
        level,
        label,
        "clause",
        "",
        headings,
        "。",
        0,
        1,
    )


def _plan_clauses() -> list[Clause]:
    """The 九江 plan's shape: 一、 without a heading, nine sub-sections of 二、, then 三、 and 四、."""
    return [
        _clause((), "一、"),
        *[_clause((*PLAN_TASKS, sub), f"二、{sub}{i}.") for sub in SUBSECTIONS for i in (1, 2)],
        _clause(("三、工作步骤",), "三、（一）"),
        _clause(("四、保障措施",), "四、（一）"),
    ]


@dataclass(frozen=True)
class _Fact:
    clause: Clause


@pytest.mark.unit
def test_a_plan_bank_of_20_spreads_over_the_sub_sections_of_er_and_a_bank_of_5_over_its_parts() -> None:
    clauses = _plan_clauses()
    assert _section_depth(clauses, 20) == 2  # 一、 + nine of 二、 + 三、 + 四、 = 12 sections
    assert _section_depth(clauses, 11) == 1  # twelve are more than it can cover: 一、二、三、四、
    assert _section_depth(clauses, 0 or 10**6) == 2


@pytest.mark.unit
def test_a_statute_with_parts_chapters_and_sections_spreads_over_its_chapters() -> None:
    clauses = [
        _clause((f"第{part}编", f"第{part}{chapter}章", f"第{section}节"), doc_id="law", level="法律")
        for part in "一二"
        for chapter in "一二三四五六七八"
        for section in "一二三"
    ]  # 2 编, 16 章, 48 节
    assert _section_depth(clauses, 20) == 2
    assert _section_depth(clauses, 50) == 3
    assert _section_depth(clauses, 10) == 1


@pytest.mark.unit
def test_facts_take_turns_over_the_sections_and_the_least_asked_section_goes_first() -> None:
    facts = [_Fact(c) for c in _plan_clauses()]
    spread = _spread(facts, 2)
    assert (
        len({_section(f.clause, 2) for f in spread[:12]}) == 12
    )  # one fact of every section before a second
    coverage = _Coverage(2, 2)
    coverage.add(spread[0].clause)
    coverage.add(spread[1].clause)
    order = coverage.least_covered_first(spread)
    asked = {_section(spread[0].clause, 2), _section(spread[1].clause, 2)}
    assert order[:10] == list(range(2, 12))  # the first fact of every section not asked yet
    later = [i for i in order if _section(spread[i].clause, 2) in asked]
    assert order[-len(later) :] == later  # the sections asked already come last


@pytest.mark.unit
def test_within_the_banks_level_the_least_asked_sub_section_goes_first() -> None:
    # a bank of 8 on the plan spreads over 一、二、三、四、 and, inside 二、, over its sub-sections
    facts = _spread([_Fact(c) for c in _plan_clauses()], 1)
    coverage = _Coverage(1, 2)
    asked = next(f for f in facts if f.clause.label == "二、(一)1.")
    coverage.add(asked.clause)
    first_of_er = next(
        facts[i] for i in coverage.least_covered_first(facts) if facts[i].clause.headings[:1] == PLAN_TASKS
    )
    assert first_of_er.clause.label == "二、(二)1."


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("基本建成并运行,2025年底前实现全覆盖", "基本建成并运行，2025年底前实现全覆盖"),
        ("对进展缓慢的县(市、区)及时采取措施;", "对进展缓慢的县（市、区）及时采取措施；"),
        ("标准如下:", "标准如下："),
        ("处1,000元罚款", "处1,000元罚款"),  # a number's comma stays
        ("8:30前到岗", "8:30前到岗"),
    ],
)
def test_a_stem_is_shown_in_full_width_punctuation(text: str, shown: str) -> None:
    assert full_width(text) == shown


PLAN_ITEM = (
    "5.推进应急处置能力提升。督促矿山每半年至少组织开展一次紧急撤离和逃生避险应急演练,2025年底前实现全覆盖。"
)


def _deadline_question(make_clause, qtype: str) -> tuple[Question, Clause]:
    clause = make_clause(PLAN_ITEM)
    facts = number_facts(clause)
    (deadline,) = [f for f in facts if f.kind == "deadline"]
    ctx = _Ctx(random.Random(0), [normalize(PLAN_ITEM)], facts, [])
    q = build_number(deadline, qtype, ctx)
    assert q is not None
    return q, clause


@pytest.mark.unit
@pytest.mark.parametrize("qtype", ["blank", "single"])
def test_a_deadline_cut_from_the_middle_of_its_sentence_is_asked_with_the_sentences_start(
    make_clause, qtype: str
) -> None:
    q, clause = _deadline_question(make_clause, qtype)
    # 「（ ）实现全覆盖」 alone does not say what is to cover everything: the drill of the sentence's start does
    assert q.stem.startswith("督促矿山每半年至少组织开展一次紧急撤离和逃生避险应急演练，")
    assert "," not in q.stem and "," in q.template  # shown in full width, kept verbatim for the check
    assert verify_answer_key(q, clause.text) and stem_problems(q, clause.text) == []


@pytest.mark.unit
def test_full_width_options_still_verify_against_a_half_width_clause() -> None:
    text = "对进展缓慢的县(市、区)及时采取函告、通报、约谈、曝光等措施。"
    q = Question(
        "Q01",
        "single",
        "对进展缓慢的（ ）及时采取函告、通报、约谈、曝光等措施。",
        [full_width("县(市、区)"), "乡镇", "企业", "班组"],
        "A",
        "",
        "d",
        "文件",
        "二、（二）8.",
        "c",
        template="对进展缓慢的____及时采取函告、通报、约谈、曝光等措施。",
        quote=text,
    )
    assert q.options[0] == "县（市、区）" and verify_answer_key(q, text)


TIME_SENTENCE = "推动非煤地下矿山、露天高陡边坡和尾矿库安全风险监测预警系统基本建成并运行,2025年底前实现矿山主要安全风险监测预警全覆盖。"
TAILINGS_16 = (
    "16.推进尾矿库闭库销号。具备销号条件的尾矿库应当按照《江西省尾矿库销号管理办法》要求销号。"
    "销号后不再作为尾矿库进行使用,不得重新用于排放尾矿或擅自回采。"
)


def _q(
    stem: str, qtype: str, quote: str, template: str, answer: str = "对", options=(), level="地方工作方案"
):
    return Question(
        "Q01",
        qtype,
        stem,
        list(options),
        answer,
        "",
        "d",
        "文件",
        "第一条",
        "c",
        template=template,
        quote=quote,
        doc_level=level,
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("2025年底前实现矿山主要安全风险监测预警全覆盖", True),
        ("____实现矿山主要安全风险监测预警全覆盖", True),
        ("销号后不再作为尾矿库进行使用", True),
        ("6个月内完成安全生产标准化创建工作", True),
        (
            "2025年底前,推动属地政府对连片矿区统筹组织开展普查",
            True,
        ),  # bare, but a task when it opens its sentence
        ("事故发生后，事故现场有关人员应当立即报告本单位负责人", False),  # whoever reports is named
        ("生产经营单位发生生产安全事故后，应当立即启动应急救援预案", False),  # the party is in the time
        ("新取证的非煤矿山要在6个月内完成安全生产标准化创建工作", False),
    ],
)
def test_a_bare_time_or_event_going_straight_on_to_an_act(text: str, bare: bool) -> None:
    assert bare_time_start(text) is bare


@pytest.mark.unit
def test_a_deadline_stem_cut_from_the_middle_of_its_sentence_is_refused() -> None:
    q = _q(
        "（ ）实现矿山主要安全风险监测预警全覆盖。",
        "single",
        TIME_SENTENCE,
        "____实现矿山主要安全风险监测预警全覆盖。",
        "A",
        ["2025年底前", "2024年底前", "2026年底前", "2027年底前"],
    )
    assert any("时间开头" in p for p in stem_problems(q, "19.数字赋能矿山安全监管。" + TIME_SENTENCE))


@pytest.mark.unit
def test_an_event_stem_whose_subject_is_the_sentence_before_is_refused() -> None:
    sentence = "销号后不再作为尾矿库进行使用,不得重新用于排放尾矿或擅自回采"
    q = _q(sentence + "。", "judge", sentence, sentence)
    assert any("销号后" in p for p in stem_problems(q, TAILINGS_16))


@pytest.mark.unit
def test_a_deadline_that_opens_its_own_sentence_is_a_task_and_is_asked() -> None:
    sentence = "2025年底前,推动属地政府对连片矿区统筹组织开展区域性矿山隐蔽致灾因素普查,及时予以治理。"
    q = _q(
        "（ ），推动属地政府对连片矿区统筹组织开展区域性矿山隐蔽致灾因素普查。",
        "single",
        sentence,
        "____,推动属地政府对连片矿区统筹组织开展区域性矿山隐蔽致灾因素普查,",
        "A",
        ["2025年底前", "2024年底前", "2026年底前", "2027年底前"],
    )
    assert not [p for p in stem_problems(q, "17.制度化开展隐藏致灾因素普查。" + sentence) if "开头" in p]


@pytest.mark.unit
def test_a_statute_figure_cut_before_the_rule_it_conditions_is_refused() -> None:
    quote = (
        "被判处有期徒刑的犯罪分子，执行原判刑期二分之一以上，被判处无期徒刑的犯罪分子，实际执行十三年以上，如果认真遵守"
        "监规，接受教育改造，确有悔改表现，没有再犯罪的危险的，可以假释。"
    )
    template = (
        "被判处有期徒刑的犯罪分子，执行原判刑期二分之一以上，被判处无期徒刑的犯罪分子，实际执行____以上，"
    )
    q = _q(
        template.replace("____", "（ ）").rstrip("，") + "。",
        "single",
        quote,
        template,
        "A",
        ["十三年"],
        "法律",
    )
    assert any("题干里没有规定" in p for p in stem_problems(q))


@pytest.mark.unit
def test_a_true_false_item_cut_before_its_exception_is_refused() -> None:
    quote = (
        "被判处有期徒刑以上刑罚的犯罪分子，刑罚执行完毕或者赦免以后，在五年以内再犯应当判处有期徒刑以上刑罚之罪的，是累犯，"
        "应当从重处罚，但是过失犯罪和不满十八周岁的人犯罪的除外。"
    )
    frag = quote.split("，应当从重")[0] + "，"
    q = _q(frag.rstrip("，") + "。", "judge", quote, frag, level="法律")
    assert any("除外" in p for p in stem_problems(q))


@pytest.mark.unit
@pytest.mark.parametrize(
    "stem",
    [
        "常态化开展“学法规、抓落实、____”活动。",
        "完善并落实举报受理、核实、办理、反馈、____等闭环管理机制和保密制度。",
    ],
)
def test_a_plan_task_that_opens_on_its_act_before_a_run_is_a_sentence(stem: str) -> None:
    q = _q(stem, "blank", stem.replace("____", "强管理"), stem, "强管理")
    assert not [p for p in stem_problems(q) if "一串名词" in p]


@pytest.mark.unit
def test_a_run_of_nouns_without_an_act_before_it_is_still_refused() -> None:
    stem = "储存、____、运输的安全要求。"
    q = _q(stem, "blank", "生产、储存、使用、运输的安全要求。", stem, "使用")
    assert [p for p in stem_problems(q) if "一串名词" in p]


@pytest.mark.unit
def test_a_round_figure_gets_no_distractor_one_or_two_above_it(make_clause) -> None:
    clause = make_clause("“五职”矿长必须有主体专业大专以上学历且有10年以上矿山一线从业经历。")
    (fact,) = number_facts(clause)
    near = _number_alternatives(fact, [])
    assert "11" not in near and "12" not in near and "20" in near


# ---------------------------------------------------------------- banks on the seed index


def _subsection(clause: Clause) -> tuple[str, ...]:
    return clause.headings[:2]


SUB_LABELS = [f"二、（{n}）" for n in "一二三四五六七八九"]


@pytest.fixture(scope="module")
def can_yield(searcher) -> list[str]:
    """The sub-sections of 二、 a bank restricted to them (``--section``) makes an item from."""
    return [s for s in SUB_LABELS if generate_bank(searcher, doc="jiujiang-plan", section=s, n=0).questions]


@pytest.mark.integration
def test_the_20_question_jiujiang_bank_covers_every_sub_section_of_er_that_can_yield_an_item(
    searcher, can_yield
) -> None:
    assert can_yield == SUB_LABELS  # （一）…（九）: (七) and (八) too
    bank = generate_bank(searcher, doc="jiujiang-plan", n=20)
    covered = {s for s in SUB_LABELS for q in bank.questions if q.clause.startswith(s)}
    assert len(bank.questions) == 20 and covered == set(can_yield)


@pytest.mark.integration
@pytest.mark.parametrize("n", [5, 8, 12])
def test_a_bank_of_n_covers_min_n_sections(searcher, clauses_by_chunk, can_yield, n: int) -> None:
    bank = generate_bank(searcher, doc="jiujiang-plan", n=n)
    asked = [clauses_by_chunk[q.chunk_id].headings for q in bank.questions]
    if (
        n >= 12
    ):  # the plan's 12 sections at the second level: 一、, the nine of 二、 and 四、 yield (三、 does not)
        assert len({h[:2] for h in asked}) == min(n, len(can_yield) + 2)
    else:  # too many for so few questions: 一、二、四、 at the first level, and 二、's items from as many of its nine
        assert {h[:1] for h in asked} == {(), PLAN_TASKS, ("四、保障措施",)}
        under_er = [h[:2] for h in asked if h[:1] == PLAN_TASKS]
        assert len(set(under_er)) == len(under_er)


@pytest.mark.integration
def test_every_stem_and_option_of_a_plan_bank_is_in_full_width_and_its_key_still_verifies(
    searcher, clauses_by_chunk
) -> None:
    bank = generate_bank(searcher, doc="jiujiang-plan", n=20)
    shown = "".join(q.stem + "".join(q.options) for q in bank.questions)
    assert not re.search(r"[,;:](?!\d)", shown) and "，" in shown
    assert any("," in q.template for q in bank.questions)  # the source's own commas, kept for the check
    assert all(verify_answer_key(q, clauses_by_chunk[q.chunk_id].text) for q in bank.questions)


@pytest.mark.integration
def test_the_tailings_bank_says_what_its_deadline_is_for_and_has_no_subjectless_stem(searcher) -> None:
    stems = [q.stem for q in generate_bank(searcher, topic="尾矿库", n=20).questions]
    assert not [s for s in stems if s.startswith(("（ ）实现", "____实现", "销号后"))], stems
    deadline = [s for s in stems if "实现矿山主要安全风险监测预警全覆盖" in s]
    assert all(s.startswith("推动非煤地下矿山") for s in deadline), deadline


SHORTFALL = re.compile(
    r"^要求 20 道，只出了 (\d+) 道：所选范围的 (\d+) 个条款中只有 (\d+) 处可出题的事实（数字、期限、列举）"
    r"(?:和 \d+ 句可出判断题的义务、禁止性规定)?，每处最多出两道不同题型的题.*可扩大主题或文档范围，或增加题型$"
)


@pytest.mark.integration
def test_a_bank_short_of_the_number_asked_says_how_many_and_why(searcher) -> None:
    bank = generate_bank(searcher, doc="nmsa-notice", n=20)
    m = SHORTFALL.match(bank.source["shortfall"])
    assert m, bank.source["shortfall"]
    assert int(m.group(1)) == len(bank.questions) < 20
    assert int(m.group(2)) == len(
        [c for c in searcher.clauses if c.doc_id == "nmsa-notice" and c.kind != "closing"]
    )
    assert "shortfall" not in generate_bank(searcher, doc="jiujiang-plan", n=20).source


@pytest.fixture()
def cli_env(searcher, monkeypatch):
    monkeypatch.setenv("MINE_ASSISTANT_INDEX_DIR", str(searcher.config.index_dir))
    monkeypatch.setenv("MINE_ASSISTANT_CORPUS", str(searcher.config.corpus_dir))


@pytest.mark.integration
def test_the_cli_warns_on_stderr_when_a_bank_falls_short(cli_env) -> None:
    from assistant.cli import cli

    r = CliRunner().invoke(cli, ["quiz", "--doc", "nmsa-notice", "--n", "20"])
    assert r.exit_code == 0, r.output
    assert re.search(r"^注意：要求 20 道，只出了 \d+ 道：", r.stderr, re.M)
    assert "要求 20 道" not in r.stdout


# ---------------------------------------------------------------- stems the reordered banks brought up


@pytest.mark.unit
def test_a_false_statement_with_its_figure_changed_is_still_seen_cut_before_its_consequence() -> None:
    quote = "违反劳动保障法律、法规或者规章的行为在2年内未被劳动保障行政部门发现，也未被举报、投诉的，劳动保障行政部门不再查处。"
    changed = "违反劳动保障法律、法规或者规章的行为在1年内未被劳动保障行政部门发现"
    q = _q(changed + "。", "judge", quote, changed, "错", level="行政法规")
    assert any("条件的前半截" in p for p in stem_problems(q))


@pytest.mark.unit
def test_a_sanction_on_an_amount_the_sentence_before_names_is_refused() -> None:
    quote = "数额较大、隐瞒不报的，处二年以下有期徒刑或者拘役；"
    template = "数额较大、隐瞒不报的，处____以下有期徒刑或者拘役。"
    q = _q(template, "blank", quote, template, "二年", level="法律")
    assert any("数额较大" in p for p in stem_problems(q))


@pytest.mark.unit
def test_the_time_something_needs_without_what_needs_it_is_refused() -> None:
    stem = "行政机关可以不将所需时间书面告知申请人。"
    q = _q(stem, "judge", "行政机关应当将所需时间书面告知申请人。", stem, "错", level="法律")
    assert any("所需时间" in p for p in stem_problems(q))


@pytest.mark.unit
def test_a_duty_the_next_sentence_makes_an_exception_to_is_not_asked(make_clause) -> None:
    from dataclasses import replace

    from assistant.quiz.generate import rule_facts

    text = (
        "第四十六条 没有行政强制执行权的行政机关应当申请人民法院强制执行。但是，当事人在法定期限内不申请行政复议或者"
        "提起行政诉讼，经催告仍不履行的，在实施行政管理过程中已经采取查封、扣押措施的行政机关，可以将查封、扣押的财物依法"
        "拍卖抵缴罚款。"
    )
    clause = replace(make_clause(text, label="第四十六条"), role="义务", roles=("义务",), doc_level="法律")
    assert not [r for r in rule_facts(clause) if "申请人民法院强制执行" in r.sentence]


@pytest.mark.unit
def test_a_prohibition_of_acts_without_their_object_is_refused() -> None:
    stem = "任何行政机关或者个人不得以任何形式截留、私分或者变相私分。"
    q = _q(stem, "judge", stem.rstrip("。"), stem.rstrip("。"), level="法律")
    assert any("侵占什么" in p for p in stem_problems(q))


@pytest.mark.unit
def test_a_list_name_the_article_uses_for_another_run_is_not_asked(make_clause) -> None:
    from assistant.content.facts import list_facts
    from assistant.quiz.generate import build_list

    text = (
        "第十一条 国务院国土资源主管部门会同国务院建设、水利、铁路、交通等部门，依据全国地质灾害调查结果，编制全国地质灾害"
        "防治规划。\n县级以上地方人民政府国土资源主管部门会同同级建设、水利、交通等部门，依据本行政区域的地质灾害调查结果，"
        "编制本行政区域的地质灾害防治规划。"
    )
    clause = make_clause(text, label="第十一条")
    ctx = _Ctx(random.Random(0), [], [], [])
    departments = [f for f in list_facts(clause) if f.name == "部门"]
    assert departments and all(build_list(f, "short", ctx) is None for f in departments)


@pytest.mark.unit
def test_a_duty_the_next_sentence_only_limits_is_still_asked(make_clause) -> None:
    from dataclasses import replace

    from assistant.quiz.generate import rule_facts

    text = (
        "第二十四条 煤矿有违反本规定的违法行为，法律规定由有关部门查处的，有关部门应当依法进行查处。"
        "但是，对同一违法行为不得给予两次以上罚款的行政处罚。"
    )
    clause = replace(
        make_clause(text, label="第二十四条"), role="义务", roles=("义务",), doc_level="行政法规"
    )
    assert [r for r in rule_facts(clause) if "依法进行查处" in r.sentence]
