import re
from dataclasses import replace

import pytest

from assistant.content.facts import list_facts, number_facts
from assistant.quiz.generate import (
    _list_stem_subject,
    gives_away,
    near_duplicate,
    same_predicate,
    same_tail,
    verify_answer_key,
)
from assistant.quiz.model import Question

pytestmark = pytest.mark.unit

ITEM3 = (
    "3.加强矿山企业班组安全建设。指导督促企业完善班前安全会议制度,明确班组按照点名、学习、安全事项交接确认、"
    "工作部署“四步法”开好班前安全会议。"
)
ITEM5 = (
    "5.推进应急处置能力提升。督促矿山每半年至少组织开展一次紧急撤离和逃生避险应急演练,2025年底前实现全覆盖。"
)


def test_named_list_four_step_method_has_its_four_items_without_the_lead_in(make_clause):
    facts = list_facts(make_clause(ITEM3, title="加强矿山企业班组安全建设。"))
    four = next(f for f in facts if f.name == "四步法")
    assert four.items == ("点名", "学习", "安全事项交接确认", "工作部署")


def test_named_list_whose_count_does_not_match_its_name_is_rejected(make_clause):
    clause = make_clause("明确班组按照点名、学习、工作部署“四步法”开好班前安全会议。")
    assert not [f for f in list_facts(clause) if f.name == "四步法"]


def test_frequency_and_deadline_are_extracted_verbatim(make_clause):
    facts = number_facts(make_clause(ITEM5))
    kinds = {(f.kind, f.text) for f in facts}
    assert ("frequency", "每半年") in kinds
    assert ("deadline", "2025年底前") in kinds


def test_numbers_inside_document_titles_are_not_facts(make_clause):
    clause = make_clause("严格执行《九江市工作方案(2024—2026年)》,新取证的非煤矿山要在6个月内完成创建。")
    assert [f.text for f in number_facts(clause)] == ["6个月内"]


def test_a_year_written_digit_by_digit_is_no_count_of_years(make_clause):
    # 「一九九四年」 was read as 四年 and offered beside 二年 as a retention period (rounds 57–58)
    clause = make_clause("本办法自一九九四年一月一日起施行。生产记录应当至少保存二年。")
    assert [f.text for f in number_facts(clause, chinese=True)] == ["二年"]


def _q(**kw):
    base = dict(
        id="Q1",
        type="blank",
        stem="",
        options=[],
        answer="",
        explanation="",
        doc_id="d",
        doc_title="t",
        clause="1.",
        chunk_id="c",
    )
    return Question(**{**base, **kw})


def test_verify_rejects_a_blank_whose_key_is_not_in_the_clause():
    good = _q(template="督促矿山每____至少组织开展一次", answer="半年")
    bad = _q(template="督促矿山每____至少组织开展一次", answer="年")
    assert verify_answer_key(good, ITEM5)
    assert not verify_answer_key(bad, ITEM5)


def test_verify_rejects_a_choice_whose_distractor_is_also_true():
    q = _q(type="single", template="每____至少组织开展一次", options=["半年", "年"], answer="A")
    # "每年至少组织开展一次" is not in ITEM5, so this passes; add a clause making the distractor true
    assert verify_answer_key(q, ITEM5)
    assert not verify_answer_key(q, ITEM5 + "每年至少组织开展一次培训。")


def test_verify_judge_false_statement_must_change_exactly_one_fact():
    quote = "督促矿山每半年至少组织开展一次紧急撤离和逃生避险应急演练"
    one = _q(
        type="judge",
        template="督促矿山每月至少组织开展一次紧急撤离和逃生避险应急演练",
        answer="错",
        quote=quote,
    )
    two = _q(
        type="judge", template="督促企业每月至少组织开展一次紧急撤离和消防应急演练", answer="错", quote=quote
    )
    assert verify_answer_key(one, ITEM5)
    assert not verify_answer_key(two, ITEM5)


def test_near_duplicate_catches_a_reworded_stem_but_not_a_different_question():
    assert near_duplicate(
        "督促矿山每____至少组织开展一次紧急撤离演练。", "督促矿山每（ ）至少组织开展一次紧急撤离演练。"
    )
    assert not near_duplicate("下列属于“四步法”的有（ ）。", "请简述“五到位”的具体内容。")


def test_llm_draft_with_a_changed_number_falls_back_to_the_checked_offline_draft(make_clause):
    from assistant.draft.llm_writer import write_with_llm

    clause = make_clause(ITEM5, title="推进应急处置能力提升。")

    class Scripted:
        """A chat client (``complete(messages)``) that always replies with ``reply``."""

        def __init__(self, reply: str) -> None:
            self.reply = reply

        def complete(self, messages: list[tuple[str, str]]) -> str:
            assert [role for role, _ in messages] == ["system", "user"]
            return self.reply

        def stream(self, messages: list[tuple[str, str]]):
            yield self.complete(messages)

    honest = Scripted("应急演练要经常搞\n督促矿山每半年至少组织开展一次紧急撤离和逃生避险应急演练。〔1〕")
    wrong_number = Scripted("应急演练要经常搞\n2026年底前实现全覆盖。〔1〕")

    draft, problems = write_with_llm(honest, "article", [clause], "应急演练", "标题")
    assert draft is not None and problems == [] and draft.mode == "llm"
    draft, problems = write_with_llm(wrong_number, "article", [clause], "应急演练", "标题")
    assert draft is None and any("2026" in p for p in problems)


def _rule_clause(make_clause, text: str, role: str = "禁止"):
    from dataclasses import replace

    return replace(make_clause(text, label="第二十九条"), role=role, roles=(role,))


def test_a_duty_is_asked_as_written_and_never_with_its_modal_turned(make_clause):
    # 「矿山企业可以录用未成年人……」 reads false at a glance: blind readers marked such items giveaways
    import random

    from assistant.quiz.generate import _Ctx, build_rule, rule_facts

    # (矿山企业不得录用未满十八周岁的未成年人从事矿山井下劳动 is not asked at all now: its one figure says what 未成年人 is)
    text = "第二十九条 矿山企业不得安排未满十六周岁的人员从事矿山井下劳动。"
    (fact,) = rule_facts(_rule_clause(make_clause, text))
    seen = set()
    for seed in range(8):
        q = build_rule(fact, "judge", _Ctx(random.Random(seed), [], [], []))
        assert q is not None and verify_answer_key(q, text)
        seen.add((q.answer, q.stem))
    assert seen == {("对", "矿山企业不得安排未满十六周岁的人员从事矿山井下劳动。")}


@pytest.mark.parametrize(
    "text",
    [
        # the modal governs several predicates: 「可以不具有……，建立……」 reads as if only the first were optional
        "矿山企业必须具有保障安全生产的设施，建立、健全安全管理制度，采取有效措施改善职工劳动条件。",
        "矿山企业应当建立制度，并不得拒绝检查。",  # two modals
        "（一）不得分配女职工从事矿山井下劳动。",  # an item without its lead-in
    ],
)
def test_no_true_false_item_from_a_sentence_a_turned_modal_would_garble(make_clause, text):
    from assistant.quiz.generate import rule_facts

    assert rule_facts(_rule_clause(make_clause, text, "义务")) == []


@pytest.mark.parametrize(
    "text",
    [
        "第二十九条 生产者不得生产国家明令淘汰的产品。",  # 「可以生产国家明令淘汰的产品」 is false on its face
        "第五十五条 有关部门应当及时调解处理矛盾纠纷。",  # 「可以不及时」 says 「may be slow」
        "第二十条 运输企业应当依照国务院有关规定或者合同约定供应、运输和接卸燃料。",
        "第五十条 农民生活用电与当地城镇居民生活用电应当逐步实行相同的电价。",  # 不 lands on 逐步
        "第四十一条 民兵组织应当有计划地组织开展应急救援的专门训练。",
        "第十九条 在地质灾害危险区内，禁止爆破以及从事其他可能引发地质灾害的活动。",
        "第十五条 国务院水行政主管部门应当会同有关部门制定入海河口的整治规划。",
        "第四条 设定和实施行政许可，应当依照法定的权限、范围、条件和程序。",
        "第五十八条 行政机关实施行政许可和对行政许可事项进行监督检查，不得收取任何费用。",  # 「可以收取任何费用」
        "第五十九条 经人民法院院长批准，人民法院应当自作出执行裁定之日起五日内执行。",  # 不 on 「自……起」
        "第十八条 该单位不得以解除、变更劳动合同的方式对举报人进行打击报复。",
        "第三十四条 船舶所有人、经营人或者管理人不得指使、强令船员违章冒险操作、作业。",
        "第二十条 建设海洋工程影响海上交通安全的，应当根据情况配备防止船舶碰撞的设施、设备。",
        # a word after 应当 that is no plain act (a principle, a manner, a vague 加强): asked as written, never turned
        "第十条 煤矿建设应当贯彻保护耕地、合理利用土地的原则。",
        "第十二条 各级人民政府应当保障水土保持监测工作经费。",
        # a prohibition whose act condemns itself in words of its own
        "第十五条 使用单位不得使用未经检验的特种设备。",
        "第六十四条 事故涉及到两个以上生产经营单位的，相关单位均应当报告。",  # the rule is 均: each one reports
        "第十三条 凡不符合要求的，不得投产。",  # 「凡不符合要求的，可以投产」 is false at a glance
        "第三十七条 不合格的产品不得出厂和销售。",
        # the hazard condemns the act: 「存在重大事故隐患的……可以继续使用」 is false at a glance
        "第四十一条 存在重大事故隐患的农业机械，其所有人或者使用人排除隐患前不得继续使用。",
    ],
)
def test_a_rule_whose_opposite_is_false_on_its_face_is_asked_only_as_written(make_clause, text):
    import random

    from assistant.quiz.generate import _Ctx, _something_to_learn, build_rule, rule_facts

    (fact,) = rule_facts(_rule_clause(make_clause, text, "义务"))
    learn = _something_to_learn(fact, fact.sentence.rstrip("。"))  # else no item at all (test_checks)
    for seed in range(6):
        q = build_rule(fact, "judge", _Ctx(random.Random(seed), [], [], []))
        assert (q is not None and q.answer == "对") if learn else q is None


def test_a_rule_whose_only_figure_says_what_a_minor_is_is_not_asked_as_written(make_clause):
    import random

    from assistant.quiz.generate import _Ctx, build_rule, rule_facts

    # round 68, H5305: 「不满十八周岁的未成年人」 is what 未成年人 means; the ban is common sense
    text = "第十二条 不满十八周岁的未成年人，禁止从事粉尘作业。"
    (fact,) = rule_facts(_rule_clause(make_clause, text, "禁止"))
    assert all(build_rule(fact, "judge", _Ctx(random.Random(seed), [], [], [])) is None for seed in range(6))


def test_a_rule_and_the_sanction_of_not_following_it_in_one_article_are_one_rule():
    duty = _item("Q06", "judge", "煤矿投入生产前，煤矿企业应当依照规定取得安全生产许可证。", "对")
    mirror = _item("Q07", "judge", "未取得安全生产许可证的，不得从事煤炭生产。", "对")
    other = _item("Q08", "judge", "煤矿企业应当加强煤炭产品质量的监督检查和管理。", "对")
    assert same_predicate(duty, mirror) and same_predicate(mirror, duty) and not same_predicate(mirror, other)


def test_a_definition_is_no_rule(make_clause):
    from assistant.quiz.generate import rule_facts

    text = "第七十八条 本条例所称肢解发包，是指建设单位将应当由一个承包单位完成的建设工程分解发包的行为。"
    assert rule_facts(_rule_clause(make_clause, text, "义务")) == []


def test_a_rule_the_next_sentence_makes_an_exception_to_is_not_asked(make_clause):
    from assistant.quiz.generate import rule_facts

    text = "第四十三条 行政机关不得在夜间或者法定节假日实施行政强制执行。但是，情况紧急的除外。"
    assert rule_facts(_rule_clause(make_clause, text, "禁止")) == []
    alone = "第四十三条 行政机关不得在夜间或者法定节假日实施行政强制执行。"
    assert len(rule_facts(_rule_clause(make_clause, alone, "禁止"))) == 1


def test_a_sentence_with_an_older_bare_ying_holds_two_rules_and_is_not_asked(make_clause):
    from assistant.quiz.generate import rule_facts

    text = "第十三条 竣工验收，应由当地卫生行政部门、劳动部门和工会组织参加，凡不符合要求的，不得投产。"
    assert rule_facts(_rule_clause(make_clause, text, "禁止")) == []
    fine = "第十四条 用人单位不得安排未成年人从事相应的有毒作业。"  # 相应 is no modal
    assert len(rule_facts(_rule_clause(make_clause, fine, "禁止"))) == 1


def test_ought_to_have_known_is_no_rule(make_clause):
    from assistant.quiz.generate import rule_facts

    text = "第六十六条 诉讼时效期间为三年，从当事人知道或者应当知道其受到损害时起计算。"
    assert rule_facts(_rule_clause(make_clause, text, "义务")) == []


def test_one_name_blanked_in_two_runs_of_one_document_is_asked_once():
    from dataclasses import replace

    from assistant.quiz.generate import same_blank

    a = _item("Q14", "blank", "国务院国土资源主管部门会同建设、水利、铁路、____等部门组织开展调查。", "交通")
    b = _item(
        "Q16", "blank", "国土资源主管部门应当会同同级建设、水利、____等部门尽快查明原因。", "交通", chunk="x"
    )
    not_a_run = _item("Q17", "blank", "会同____部门查明原因。", "交通", chunk="y")
    assert same_blank(a, b) and not same_blank(a, not_a_run)
    assert not same_blank(a, replace(b, doc_id="another-law"))


def test_a_clause_that_is_not_a_duty_gives_no_rule_items(make_clause):
    from assistant.quiz.generate import rule_facts

    assert rule_facts(_rule_clause(make_clause, "对违法行为，应当依法处理。", "罚则")) == []


def test_a_list_of_situations_is_named_without_its_time_particle_and_by_its_article(make_clause):
    text = (
        "用人单位在发生分立、合并、解散、破产等情形时，应当对从事接触职业病危害的作业的劳动者进行健康检查。"
    )
    clause = make_clause(text, label="第六十条", title="职业病病人变动工作单位，其依法享有的待遇不变")
    (fact,) = [f for f in list_facts(clause) if f.kind == "enum"]
    assert fact.name == "情形" and fact.items == ("分立", "合并", "解散", "破产")
    assert _list_stem_subject(fact) == "《测试文件》第六十条所列的情形"


def _item(qid: str, qtype: str, stem: str, answer: str, chunk: str = "c") -> Question:
    return Question(qid, qtype, stem, [], answer, "", "d", "文件", "第一条", chunk)


def test_a_fill_in_of_the_same_list_gives_away_a_list_question():
    listing = _item("Q19", "short", "第二十条所列的活动包括哪些？请逐项列出。", "新建；扩建；改建；拆除")
    blank = _item("Q16", "blank", "从事建设工程的新建、扩建、____和拆除等有关活动，必须遵守本条例。", "改建")
    other = _item("Q02", "blank", "施工单位应当对管理人员每年至少进行一次____。", "安全生产教育培训")
    assert gives_away(listing, blank) and not gives_away(listing, other)


def test_two_true_false_items_ending_in_one_predicate_of_one_article_test_one_rule():
    a = _item("Q05", "judge", "申请材料齐全、符合法定形式的，可以不予以许可。", "错")
    b = _item("Q06", "judge", "经检查符合消防安全要求的，可以不予以许可。", "错")
    elsewhere = _item("Q07", "judge", "经检查符合消防安全要求的，可以不予以许可。", "错", chunk="other")
    assert same_predicate(a, b) and not same_predicate(a, elsewhere)


def test_two_true_false_items_of_one_document_that_differ_only_at_their_start_test_one_rule():
    a = _item("Q02", "judge", "出厂记录保存期限可以少于3年。", "错", chunk="12")
    b = _item("Q04", "judge", "销售记录保存期限可以少于3年。", "错", chunk="14")
    other = _item("Q05", "judge", "销售记录应当载明产品的名称。", "对", chunk="14")
    assert same_tail(a, b) and same_tail(b, a) and not same_tail(a, other)
    assert not same_tail(a, replace(b, doc_id="other-law"))


@pytest.mark.parametrize(
    "text",
    [
        "盗窃、抢夺枪支、弹药、爆炸物的，依照本法第一百二十七条的规定处罚。",
        "生产、经营黑火药、烟火药、引火线的企业，不得向未取得许可的单位销售黑火药。",
        "农业、科技等有关主管部门应当支持、推广在农业生产、农产品加工储运等方面应用节能技术和节能产品。",
    ],
)
def test_a_run_of_acts_glued_to_their_objects_is_not_one_series(make_clause, text):
    assert not [f for f in list_facts(make_clause(text)) if f.kind == "series"]


def test_a_department_whose_name_holds_a_和_is_one_item(make_clause) -> None:
    from assistant.content.facts import _split_items

    # 「教育、卫生健康、人力资源和社会保障等部门」 lists three departments, not four (round 109, H10213)
    assert _split_items("教育、卫生健康、人力资源和社会保障") == ["教育", "卫生健康", "人力资源和社会保障"]
    text = "第十六条 县级以上人民政府应当组织妇女联合会和教育、卫生健康、人力资源和社会保障等部门，建设专业的家庭教育指导工作队伍。"
    assert not any("社会保障" in f.items for f in list_facts(make_clause(text, label="第十六条")))
    # a plain last pair is still two
    assert _split_items("防火、防爆、防尘和防治水") == ["防火", "防爆", "防尘", "防治水"]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("国家加大对战略性矿产资源勘查、开采、贸易、储备等的支持力度。", False),
        ("保障矿业权人依法通过出让、租赁、作价出资等方式使用土地。", False),
        ("矿区生态修复应当采取工程、技术、生物等措施。", True),
        ("县级以上人民政府应当实现风险分级管控、隐患排查治理、应急救援等信息互联互通。", False),
        ("生产经营单位在进行新建、改建、扩建等工程项目前，应当相互告知。", False),  # 「工程项目前」 is a time
        ("安全风险辨识、评估、分级、管控、监测等具体办法，由市应急管理部门另行制定。", False),
    ],
)
def test_a_list_is_asked_by_its_name_only_when_the_name_is_a_category(make_clause, text, asked):
    from assistant.quiz.generate import _a_category

    (fact,) = [f for f in list_facts(make_clause(text, label="第八条")) if f.kind == "enum"]
    assert _a_category(fact.name) is asked


# ------------------------------------------------------------ figures in Chinese numerals (statutes)


def _statute_clause(make_clause, text: str):
    from dataclasses import replace

    return replace(make_clause(text, label="第一条"), doc_level="法律")


def test_a_statute_figure_in_chinese_numerals_is_a_fact_and_a_name_is_not(make_clause) -> None:
    from assistant.content.facts import number_facts

    text = (
        "第一条 国家实行劳动者每日工作时间不超过八小时的工时制度。用人单位应当自收到申请之日起三十日内作出决定，"
        "实施三年行动，一次性告知，依照第三条处理。"
    )
    clause = _statute_clause(make_clause, text)
    assert [f.text for f in number_facts(clause, chinese=True)] == ["八小时", "三十日内"]
    assert number_facts(clause) == []  # the plans' reading (Arabic figures only) is unchanged


def test_chinese_distractors_stay_chinese_and_plausible(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    clause = _statute_clause(make_clause, "第一条 禁止用人单位招用未满十六周岁的未成年人。")
    (fact,) = number_facts(clause, chinese=True)
    q = build_number(fact, "single", _Ctx(random.Random(0), [], [fact], []))
    assert q is not None and "十六周岁" in q.options
    # never 三十二周岁, and beside 「未成年人」 never 十八周岁 (it restates the word) or more (round 67)
    assert set(q.options) <= {"十周岁", "十二周岁", "十四周岁", "十六周岁"}


def test_an_age_distractor_stays_near_the_key_whatever_else_the_corpus_holds(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    retire = _statute_clause(make_clause, "第二条 参事任职的最高年龄不得超过70周岁。")
    minor = _statute_clause(make_clause, "第三条 未满12周岁的儿童不得乘坐前排座椅。")
    (old,) = number_facts(retire, chinese=True)
    (young,) = number_facts(minor, chinese=True)
    pool = [old, young]
    q = build_number(old, "single", _Ctx(random.Random(0), [], pool, []))
    assert q is not None and "12周岁" not in q.options and "140周岁" not in q.options  # round 67, H5026
    q = build_number(young, "single", _Ctx(random.Random(0), [], pool, []))
    assert q is not None and "70周岁" not in q.options
    assert all(int(o.removesuffix("周岁")) < 18 for o in q.options)


def test_a_term_and_a_share_get_distractors_a_law_would_write(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    ban = _statute_clause(make_clause, "第九十八条 拒不履行处罚决定的，10年内禁止其医疗器械进口。")
    cut = _statute_clause(make_clause, "第十七条 旅游行政管理部门应当将质量保证金的交存数额降低50%。")
    odd = _statute_clause(make_clause, "第二十条 企业单一持有外国企业14%以上股份。")
    (term,) = number_facts(ban, chinese=True)
    (share,) = number_facts(cut, chinese=True)
    pool = [term, share, *number_facts(odd, chinese=True)]
    for qtype in ("single", "judge"):
        for seed in range(6):
            q = build_number(term, qtype, _Ctx(random.Random(seed), [], pool, []))
            assert q is None or "30年" not in q.stem + "".join(q.options)  # round 67, H5072
            q = build_number(share, qtype, _Ctx(random.Random(seed), [], pool, []))
            assert q is None or "14%" not in q.stem + "".join(q.options)  # round 67, H5168


def test_the_age_that_defines_a_minor_is_not_asked(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    clause = _statute_clause(make_clause, "第十二条 不满十八周岁的未成年人，禁止从事粉尘作业。")
    (fact,) = number_facts(clause, chinese=True)
    ctx = _Ctx(random.Random(0), [], [fact], [])
    assert all(build_number(fact, t, ctx) is None for t in ("blank", "single", "judge"))


def test_a_graded_tier_after_a_semicolon_is_not_asked(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    text = "第一条 组织、策划、实施分裂国家的，对首要分子，处无期徒刑；对积极参加的，处三年以上十年以下有期徒刑。"
    clause = _statute_clause(make_clause, text)
    tier = next(f for f in number_facts(clause, chinese=True) if f.text.startswith("三年"))
    assert all(
        build_number(tier, t, _Ctx(random.Random(0), [], [tier], [])) is None for t in ("blank", "judge")
    )


def test_a_figure_in_an_item_of_a_list_of_conditions_is_not_asked_without_its_lead_in(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    text = "第一条 经营劳务派遣业务，应当具备下列条件：\n（一）注册资本不得少于人民币二百万元；"
    clause = _statute_clause(make_clause, text)
    (fact,) = number_facts(clause, chinese=True)
    assert build_number(fact, "single", _Ctx(random.Random(0), [], [fact], [])) is None


def test_a_daily_limit_gets_no_distractor_of_a_whole_day(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    clause = _statute_clause(make_clause, "第一条 国家实行劳动者每日工作时间不超过八小时的工时制度。")
    (fact,) = number_facts(clause, chinese=True)
    q = build_number(fact, "single", _Ctx(random.Random(0), [], [fact], []))
    assert q is not None and "二十四小时" not in q.options and "八小时" in q.options


def test_a_run_that_starts_before_the_items_long_enough_to_match_is_not_a_list(make_clause) -> None:
    from assistant.content.facts import list_facts

    text = "第一条 生产建设活动中排弃的砂、石、土、矸石、尾矿、废渣等应当综合利用。"
    facts = list_facts(_statute_clause(make_clause, text))
    assert not any("矸石" in f.items for f in facts)  # 砂、石、土 would be missing from the key


def test_a_lead_in_verb_is_not_part_of_the_first_item(make_clause) -> None:
    from assistant.content.facts import list_facts

    text = "第一条 生态环境主管部门应当会同住房城乡建设、农业农村、卫生健康等主管部门，定期发布信息。"
    (fact,) = [f for f in list_facts(_statute_clause(make_clause, text)) if "农业农村" in f.items]
    assert fact.items[0] == "住房城乡建设"


def test_a_figure_the_corpus_uses_elsewhere_is_no_distractor_when_far_from_the_key(make_clause) -> None:
    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _number_alternatives

    key = make_clause("第七条 监督检查人员不得少于2人。", label="第七条")
    pool = make_clause("第九条 造成30人以上死亡的为特别重大事故，造成3人以上的为较大事故。", label="第九条")
    (fact,) = number_facts(key)
    others = number_facts(pool)
    assert {"30", "3"} <= {f.value for f in others}
    alternatives = _number_alternatives(fact, others)
    assert "3" in alternatives and "30" not in alternatives  # 「不得少于30人」 is no reading


@pytest.mark.parametrize(
    ("item", "items"),
    [
        ("第十九条", ("第八条", "第九条", "第十三条", "第十九条")),  # an article number is trivia
        ("配置轮椅", ("假肢", "矫形器", "假眼", "配置轮椅")),  # the sentence's verb came with it
        ("购买的剧毒化学品", ("所销售", "购买的剧毒化学品", "易制爆危险化学品")),
        ("卫生主管部门通报", ("安全生产监督管理部门", "环境保护主管部门", "卫生主管部门通报")),
    ],
)
def test_an_item_the_reader_cut_wrongly_or_a_number_is_not_blanked(item, items):
    from assistant.quiz.generate import _not_an_item_to_ask

    assert _not_an_item_to_ask(item, items)
    assert not _not_an_item_to_ask("矫形器", ("假肢", "矫形器", "假眼", "假牙"))


def test_a_statutes_fact_is_asked_from_its_sentences_start_when_the_sentence_is_short_enough():
    from assistant.content.templates import fragment

    sentence = "情况紧急，需要当场实施行政强制措施的，行政执法人员应当在二十四小时内向行政机关负责人报告。"
    at = sentence.find("二十四小时")
    assert not fragment(sentence, at, at + 5)[0].startswith("情况紧急")  # the comma-piece alone
    assert fragment(sentence, at, at + 5, whole_within=90) == (sentence, 0)  # whom and when it binds kept
    long = "甲" * 95 + "，" + sentence
    at = long.find("二十四小时")
    assert fragment(long, at, at + 5, whole_within=90)[1] > 0  # too long: the piece, as before


def test_a_fine_on_persons_is_not_cut_before_its_sanction():
    from assistant.content.templates import fragment

    sentence = (
        "国际航行船舶未经许可进出口岸的，由海事管理机构对违法船舶的所有人处三千元以上五万元以下的罚款，"
        "对船长、责任船员或者其他责任人员，处二千元以上二万元以下的罚款。"
    )
    at = sentence.find("五万元")
    frag, _ = fragment(sentence, at, at + 3, whole_within=90)
    assert not frag.rstrip("，,").endswith("其他责任人员")


def test_a_head_count_gets_distractors_a_rule_could_give(make_clause) -> None:
    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _number_alternatives

    key = make_clause("第十六条 劳动保障监察员进行调查、检查，不得少于2人。", label="第十六条")
    pool = make_clause("第九条 造成10人以上死亡的为重大事故，造成3人以上的为较大事故。", label="第九条")
    (fact,) = number_facts(key)
    alternatives = _number_alternatives(fact, number_facts(pool))
    assert "3" in alternatives and not {"1", "10"} & set(alternatives)


def test_the_same_figure_written_another_way_is_no_distractor(make_clause) -> None:
    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _number_alternatives

    key = _statute_clause(make_clause, "第四十二条 安全生产监督检查人员进行检查时，应当由二人以上共同进行。")
    pool = _statute_clause(make_clause, "第四十三条 执法人员不得少于两人，并应当出示证件。")
    (fact,) = number_facts(key, chinese=True)
    assert {f.value for f in number_facts(pool, chinese=True)} == {"两"}
    alternatives = _number_alternatives(fact, number_facts(pool, chinese=True))
    assert alternatives and "两" not in alternatives  # 「由两人以上共同进行」 is the rule itself, not 错


def test_a_figure_another_provision_gives_after_the_same_words_is_not_asked(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number
    from assistant.text.normalize import normalize

    seven = _statute_clause(make_clause, "第五十七条 人民法院应当自受理之日起七日内作出执行裁定。")
    thirty = "第五十八条 人民法院应当自受理之日起三十日内作出是否执行的裁定。"
    (fact,) = number_facts(seven, chinese=True)
    alone = _Ctx(random.Random(0), [normalize(seven.text)], [fact], [])
    both = _Ctx(random.Random(0), [normalize(seven.text), normalize(thirty)], [fact], [])
    assert build_number(fact, "blank", alone) is not None
    assert build_number(fact, "blank", both) is None


def test_a_distractor_is_a_term_the_law_could_give(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.content.templates import number_template
    from assistant.quiz.generate import _Ctx, _distractors

    report = _statute_clause(make_clause, "第十九条 行政执法人员应当在二十四小时内向行政机关负责人报告。")
    week = _statute_clause(make_clause, "第三十六条 平均每周工作时间不超过四十四小时。")
    (fact,) = number_facts(report, chinese=True)
    pool = [fact, *number_facts(week, chinese=True)]
    wrong = _distractors(fact, number_template(fact)[0], _Ctx(random.Random(0), [], pool, []))
    assert wrong and "四十四小时" not in wrong
    term = _statute_clause(make_clause, "第三百四十七条 走私毒品数量较大的，处七年以上有期徒刑。")
    (fact,) = number_facts(term, chinese=True)
    wrong = _distractors(fact, number_template(fact)[0], _Ctx(random.Random(0), [], [fact], []))
    assert wrong and all(w in {"一年", "二年", "三年", "五年", "十年", "十五年"} for w in wrong)


def test_one_sentence_asked_as_a_figure_and_as_a_rule_is_one_item():
    from assistant.quiz.generate import _one_sentence

    assert _one_sentence(
        "人民法院应当自受理之日起三十日内作出是否执行的裁定。",
        "人民法院应当自受理之日起三十日内作出是否执行的裁定",
    )
    assert not _one_sentence("人民法院应当在五日内受理。", "人民法院应当自受理之日起三十日内作出裁定")


def test_a_bank_far_ahead_on_true_items_asks_no_more_rules(make_clause):
    import random

    from assistant.quiz.generate import _Ctx, _far_ahead_on_true, build_rule, rule_facts

    rule = rule_facts(
        _rule_clause(make_clause, "第九条 用人单位应当每年向劳动行政部门报送职工名册。", "义务")
    )[0]
    three_true = [_item(f"Q0{i}", "judge", f"甲应当乙{i}。", "对") for i in range(1, 4)]
    assert _far_ahead_on_true(three_true) and not _far_ahead_on_true(three_true[:2])
    ctx = _Ctx(random.Random(0), [], [], [])
    assert build_rule(rule, "judge", ctx, only_false=True) is None
    assert build_rule(rule, "judge", ctx).answer == "对"  # type: ignore[union-attr]


_EXIT_PERMIT = "市、县公安局对出境申请应当在（ ）内，地处偏僻、交通不便的应当在60天内，作出决定。"


@pytest.mark.parametrize(
    ("stem", "options", "answer", "crosses"),
    [
        # round 68, H5204: the general limit is under the remote areas' 60天
        (_EXIT_PERMIT, ["90天", "30天", "15天", "7天"], "B", True),
        (_EXIT_PERMIT, ["45天", "30天", "15天", "7天"], "B", False),
        # H5252: the highest age is over the first appointment's 65周岁
        (
            "参事的首聘年龄不得低于55周岁，不得高于65周岁。参事任职的最高年龄不得超过（ ）。",
            ["55周岁", "70周岁", "74周岁", "60周岁"],
            "B",
            True,
        ),
        # H5353: an option equal to the general 1年 the exception widens
        (
            "临时证书的有效期一般不超过1年。租进的船舶，证书的期限最长不得超过（ ）。",
            ["4年", "2年", "3年", "1年"],
            "B",
            True,
        ),
        # another unit is no anchor
        ("处5日以上10日以下拘留，并处（ ）以下罚款。", ["500元", "1000元", "2000元", "5000元"], "B", False),
    ],
)
def test_a_distractor_keeps_the_keys_side_of_a_figure_the_stem_states(stem, options, answer, crosses) -> None:
    from assistant.quiz.generate import crosses_a_figure_of_the_stem
    from assistant.quiz.model import Question

    q = Question("", "single", stem, options, answer, "", "d", "t", "第一条", "c")
    assert crosses_a_figure_of_the_stem(q) is crosses


@pytest.mark.parametrize(
    ("stem", "quote", "context", "key", "crosses"),
    [
        # round 69, H5406: the highest age made 55周岁, under the first appointment's 65
        (
            "参事的首聘年龄不得低于55周岁，不得高于65周岁。参事任职的最高年龄不得超过55周岁。",
            "参事任职的最高年龄不得超过70周岁。",
            "参事的首聘年龄不得低于55周岁，不得高于65周岁。",
            "70周岁",
            True,
        ),
        # H5442: the longest term made the general 1年 it widens
        (
            "证书的有效期一般不超过1年。租进的船舶最长不得超过1年。",
            "租进的船舶最长不得超过2年。",
            "证书的有效期一般不超过1年。",
            "2年",
            True,
        ),
        (
            "证书的有效期一般不超过1年。租进的船舶最长不得超过3年。",
            "租进的船舶最长不得超过2年。",
            "证书的有效期一般不超过1年。",
            "2年",
            False,
        ),
    ],
)
def test_a_false_statement_keeps_the_keys_side_of_a_figure_the_stem_states(
    stem, quote, context, key, crosses
):
    from assistant.quiz.generate import crosses_a_figure_of_the_stem
    from assistant.quiz.model import Question

    q = Question("", "judge", stem, [], "错", "", "d", "t", "第一条", "c", quote=quote, context=context)
    assert crosses_a_figure_of_the_stem(q, key) is crosses


def test_a_vague_authority_is_nothing_to_learn(make_clause):
    from assistant.quiz.generate import _something_to_learn, rule_facts

    # round 69, H5399: 「向有关飞行管制部门提出申请」 read true by anyone
    vague = "第七条 需要划设临时飞行空域的，应当向有关飞行管制部门提出申请。"
    (fact,) = rule_facts(_rule_clause(make_clause, vague, "义务"))
    assert not _something_to_learn(fact, fact.sentence.rstrip("。"))
    named = "第七条 需要划设临时飞行空域的，应当向所在地的飞行管制部门提出申请。"
    (fact,) = rule_facts(_rule_clause(make_clause, named, "义务"))
    assert _something_to_learn(fact, fact.sentence.rstrip("。"))


@pytest.mark.parametrize(
    ("text", "odd"),
    [
        # round 70, H5453 / H5502: a month next to the key points at it
        (
            "第二十六条 反倾销调查，应当自立案调查决定公告之日起12个月内结束。第二十七条 期限为13个月。",
            "13个月",
        ),
        # H5489: 「怀孕12个月以上」 is no pregnancy
        ("第六条 对怀孕7个月以上的女职工，用人单位不得延长劳动时间。第七条 离岗12个月。", "12个月"),
        # H5469: 「1年内……每年报告」 holds one report
        (
            "第十条 新原料投入使用后3年内，注册人应当每年向国务院药品监督管理部门报告。第十一条 期限1年。",
            "1年",
        ),
    ],
)
def test_a_figure_distractor_is_not_one_the_sentence_itself_rules_out(make_clause, text, odd) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    clause = _statute_clause(make_clause, text)
    facts = number_facts(clause, chinese=True)
    key = facts[0]
    for seed in range(6):
        q = build_number(key, "single", _Ctx(random.Random(seed), [], facts, []))
        assert q is None or odd not in q.options, q.options


def test_a_month_is_thirty_days_beside_a_figure_the_stem_states() -> None:
    from assistant.quiz.generate import crosses_a_figure_of_the_stem
    from assistant.quiz.model import Question

    # round 70, H5458: 「1个月」 for the whole trial run beside 「其中……不得少于30天」
    stem = "试运行期不得少于（ ），其中按照运行图行车的时间不得少于30天。"
    q = Question("", "single", stem, ["3个月", "1个月", "6个月", "2个月"], "A", "", "d", "t", "第一条", "c")
    assert crosses_a_figure_of_the_stem(q)


def test_a_range_from_the_sum_itself_is_no_range_of_one_time_it() -> None:
    from assistant.quiz.generate import _within_bounds

    # round 70, H5510: 「货值金额等值以上1倍以下」
    template = "并处违法生产、销售产品货值金额等值以上____以下的罚款"
    assert not _within_bounds(template, "1", "倍") and _within_bounds(template, "3", "倍")


def test_child_labour_gets_no_adult_age_as_a_distractor(make_clause) -> None:
    import random
    import re

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    # round 71, H5717: 「未满（ ）的童工」 with 20周岁 among the options is answered by anyone who knows 童工 are children
    clause = _statute_clause(make_clause, "第二十九条 企业不得招用未满16周岁的童工。")
    (fact,) = number_facts(clause, chinese=True)
    for seed in range(8):
        q = build_number(fact, "single", _Ctx(random.Random(seed), [], [fact], []))
        assert q is None or all(int(re.sub(r"\D", "", o)) < 18 for o in q.options), q.options


def test_a_sentence_in_another_items_stem_gives_away_its_working_days() -> None:
    from assistant.quiz.generate import gives_away
    from assistant.quiz.model import Question

    said = "渔业船舶检验机构应当自申报营运检验的渔业船舶到达受检地之日起3个工作日内实施检验。"
    asked = Question("Q03", "judge", said, [], "对", "", "d", "文件", "第十五条", "c", quote=said)
    other = Question(
        "Q04",
        "judge",
        said + "经检验合格的，应当自检验完毕之日起5个工作日内签发证书。",
        [],
        "错",
        "",
        "d",
        "文件",
        "第十五条",
        "c",
        quote="经检验合格的，应当自检验完毕之日起5个工作日内签发证书。",
    )
    assert gives_away(asked, other)  # round 71, H5650: the later item states the earlier one's figure


def test_round_72_figures_a_trainee_rules_out_without_the_rule_are_not_offered(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    # H5843: a serving official's age under sixty beside 65 and 70周岁
    post = _statute_clause(
        make_clause, "第十六条 专职监事由司（局）、处级国家工作人员担任，年龄一般在55周岁以下。"
    )
    other = _statute_clause(make_clause, "第二十条 监事年龄超过65周岁的，不再担任；特殊情况可以延至70周岁。")
    (age,) = number_facts(post, chinese=True)
    pool = [age, *number_facts(other, chinese=True)]
    for seed in range(8):
        q = build_number(age, "single", _Ctx(random.Random(seed), [], pool, []))
        assert q is None or all(_value_of(o) <= 60 for o in q.options), q.options
    # H5742: 「第四至（ ）」 ends a count of years that began at 第四
    count = _statute_clause(
        make_clause, "第一条 新技术企业自开办之日起，三年内免征所得税，第四至六年减半征收所得税。"
    )
    facts = [f for f in number_facts(count, chinese=True) if f.value == "六"]
    assert facts and all(
        build_number(f, t, _Ctx(random.Random(0), [], facts, [])) is None
        for f in facts
        for t in ("blank", "single")
    )


def _value_of(option: str) -> float:
    import re

    return float(re.sub(r"\D", "", option))


def test_round_73_distractors_finer_than_the_stem_or_far_from_an_adult_age_are_not_offered(
    make_clause,
) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    # H5872: 「1.65%」 (another document's tax rate) beside a fine of 「1%以上（ ）以下」
    fine = _statute_clause(
        make_clause, "第五十七条 擅自施工的，责令停止施工，处工程合同价款1%以上2%以下的罚款。"
    )
    tax = _statute_clause(
        make_clause, "第四条 依照4.65%的综合计征率计征，其中营业税为3%，企业所得税为1.65%。"
    )
    upper = [f for f in number_facts(fine, chinese=True) if f.value == "2"]
    pool = [*number_facts(fine, chinese=True), *number_facts(tax, chinese=True)]
    # H5955: 35周岁 beside an official's 55
    post = _statute_clause(make_clause, "第十六条 专职监事年龄一般在55周岁以下。")
    young = _statute_clause(make_clause, "第九条 青年岗位人员年龄在35周岁以下。")
    (age,) = number_facts(post, chinese=True)
    ages = [age, *number_facts(young, chinese=True)]
    for seed in range(8):
        for q in (
            build_number(upper[0], "single", _Ctx(random.Random(seed), [], pool, [])),
            build_number(age, "single", _Ctx(random.Random(seed), [], ages, [])),
        ):
            assert q is None or not any(o in ("1.65%", "35周岁") for o in q.options), q.options


def test_round_74_figures_a_rule_would_not_write_are_not_offered(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    # H6022: 55周岁 beside 59, 53 and 51; rules write adults' ages in fives
    post = _statute_clause(make_clause, "第十六条 专职监事由处级国家工作人员担任，年龄一般在55周岁以下。")
    (age,) = number_facts(post, chinese=True)
    # H5978: 14% beside a fine of 「2%以上（ ）以下」
    fine = _statute_clause(make_clause, "第四十二条 未按照标准施工的，处工程合同价款2%以上4%以下的罚款。")
    odd = _statute_clause(make_clause, "第二十四条 处财物价值14%的罚款。")
    upper = [f for f in number_facts(fine, chinese=True) if f.value == "4"]
    pool = [*number_facts(fine, chinese=True), *number_facts(odd, chinese=True)]
    for seed in range(8):
        q = build_number(age, "single", _Ctx(random.Random(seed), [], [age], []))
        assert q is None or all(_value_of(o) % 5 == 0 for o in q.options), q.options
        q = build_number(upper[0], "single", _Ctx(random.Random(seed), [], pool, []))
        assert q is None or all(_value_of(o) <= 12 for o in q.options), q.options
    # H6001: a figure inside quotation marks is part of a name
    named = _statute_clause(make_clause, "第一条 由于过去长期受到“四人帮”的干扰破坏，工作陷于停顿。")
    assert all(
        build_number(f, t, _Ctx(random.Random(0), [], [f], [])) is None
        for f in number_facts(named, chinese=True)
        for t in ("blank", "single")
    )


def test_the_end_of_a_range_lies_past_its_start(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    # round 75, H6080: 「禁止其1至（3）年内」 turned to 「1至1年」; H6109: 「前2至（3）年」 beside 1年 and 2年
    clause = _statute_clause(make_clause, "第一条 列入不良行为记录名单，禁止其1至3年内参加政府采购活动。")
    three = [f for f in number_facts(clause, chinese=True) if f.value == "3"]
    other = _statute_clause(make_clause, "第二条 登记证书有效期为1年，期满换发；保存期限不少于2年。")
    pool = [*three, *number_facts(other, chinese=True)]
    assert three
    for seed in range(8):
        for t in ("single", "judge"):
            q = build_number(three[0], t, _Ctx(random.Random(seed), [], pool, []))
            assert q is None or ("1至1年" not in q.stem and "1年" not in q.options), (q.stem, q.options)


def test_a_share_of_each_year_gets_no_whole_year_as_a_distractor(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    # round 76, H6161: 「每年在中国内地居留时间不得少于（3个月）」 beside 12个月
    clause = _statute_clause(make_clause, "第二十四条 负责人每年在中国内地居留时间不得少于3个月。")
    other = _statute_clause(make_clause, "第九条 申请人应当在12个月内补正；逾期6个月的，不予受理。")
    (stay,) = number_facts(clause, chinese=True)
    pool = [stay, *number_facts(other, chinese=True)]
    for seed in range(8):
        q = build_number(stay, "single", _Ctx(random.Random(seed), [], pool, []))
        assert q is None or "12个月" not in q.options, q.options


def test_round_77_figures_that_allow_more_than_one_answer_or_answer_themselves_are_not_asked(
    make_clause,
) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.content.templates import fragment
    from assistant.quiz.generate import _Ctx, build_number

    # H6262: 「可以少于12个月」 lets any shorter interval be true; H6286: a year's leave 「在1个年度内」
    for text in (
        "第一条 公司发行境内上市外资股与发行内资股的间隔时间可以少于12个月。",
        "第五条 单位统筹安排职工年休假。年休假在1个年度内可以集中安排，也可以分段安排。",
    ):
        clause = _statute_clause(make_clause, text)
        facts = number_facts(clause, chinese=True)
        assert facts and all(
            build_number(f, t, _Ctx(random.Random(0), [], facts, [])) is None
            for f in facts
            for t in ("blank", "single")
        )
    # H6268: the condition goes on past 「，且」
    held = "居民企业直接或者间接单一持有外国企业10%以上有表决权股份，且由其共同持有该外国企业50%以上股份。"
    at = held.find("10%")
    assert fragment(held, at, at + 3)[0].endswith("50%以上股份。")


def test_an_item_of_a_list_of_conditions_is_not_asked_even_when_it_names_a_party(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    text = (
        "第一条 设立股份有限公司申请公开发行股票，应当符合下列条件：\n（一）其生产经营符合国家产业政策；\n"
        "（二）发起人在近三年内没有重大违法行为。"
    )
    (fact,) = number_facts(_statute_clause(make_clause, text), chinese=True)
    ctx = _Ctx(random.Random(0), [], [fact], [])
    assert all(build_number(fact, t, ctx) is None for t in ("blank", "single", "judge"))
    duty = "第一条 发起人在近三年内没有重大违法行为的，可以申请。"  # no list of conditions: asked
    (fact,) = number_facts(_statute_clause(make_clause, duty), chinese=True)
    assert build_number(fact, "judge", _Ctx(random.Random(0), [], [fact], [])) is not None


def test_a_fine_s_distractors_are_sums_and_bands_a_law_would_write(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.content.templates import number_template
    from assistant.quiz.generate import _Ctx, _distractors

    text = "第一条 未经考核合格从事检验工作的，责令其立即停止检验工作，处1000元以上5000元以下的罚款。"
    low = next(f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.value == "1000")
    pool = [
        low,
        *(replace(low, value=v, text=v + "元") for v in ("900", "1500", "4000", "2000", "500", "3000")),
    ]
    for seed in range(4):
        wrong = _distractors(low, number_template(low)[0], _Ctx(random.Random(seed), [], pool, []))
        assert wrong and not {"900元", "1500元", "4000元", "3000元"} & set(
            wrong
        )  # 3000: a band under two-fold
        assert set(wrong) <= {"2000元", "500元", "200元", "100元", "300元", "50元", "10000元"}


def test_one_figure_stated_in_the_same_words_in_two_articles_is_asked_once() -> None:
    from assistant.quiz.generate import same_figure_rule

    def item(qid: str, qtype: str, quote: str, chunk: str, doc: str = "d") -> Question:
        return replace(_item(qid, qtype, quote, "", chunk), quote=quote, doc_id=doc)

    plan = item(
        "Q02", "single", "省人民政府组织制定乡村医生培训规划，保证乡村医生至少每2年接受一次培训。", "31"
    )
    duty = item("Q05", "judge", "乡村医生应当按照培训规划的要求至少每2年接受一次培训。", "33")
    other = item("Q06", "judge", "乡村医生应当每年至少参加2次业务考核。", "34")
    assert same_figure_rule(plan, duty) and same_figure_rule(duty, plan)
    assert not same_figure_rule(plan, other)
    assert not same_figure_rule(plan, replace(duty, doc_id="other-law"))
    fine = item("Q07", "single", "违反第五条的，处1000元以上5000元以下的罚款。", "40")
    also = item("Q08", "single", "违反第六条的，处1000元以上5000元以下的罚款。", "41")
    assert not same_figure_rule(fine, also)  # two conducts may carry one fine
    theft = item("Q09", "judge", "盗窃公私财物，数额较大的，处三年以下有期徒刑、拘役或者管制。", "264")
    fraud = item("Q10", "judge", "诈骗公私财物，数额较大的，处三年以下有期徒刑、拘役或者管制。", "266")
    assert not same_figure_rule(theft, fraud)  # nor one term


def _statute_distractors(make_clause):
    """The distractors offered for one figure of a statute's sentence, the pool holding the given other figures."""
    import random

    from assistant.content.facts import number_facts
    from assistant.content.templates import number_template
    from assistant.quiz.generate import _Ctx, _distractors

    def wrong(text: str, value: str, pool_values: tuple[str, ...], seed: int = 0) -> list[str]:
        key = next(
            f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.value == value
        )
        pool = [key, *(replace(key, value=v, text=v + key.unit) for v in pool_values)]
        return _distractors(key, number_template(key)[0], _Ctx(random.Random(seed), [], pool, []))

    return wrong


def test_round_80_distractors_that_give_themselves_away_are_not_offered(make_clause) -> None:
    wrong = _statute_distractors(make_clause)

    # a sum of ten thousand is written 1万元 beside an end in 万元, not 10000元 (H6479)
    feed = "第一条 生产企业未按规定留样的，责令改正，处5000元以上2万元以下的罚款。"
    assert all("10000元" not in wrong(feed, "5000", ("10000", "1000", "2000"), s) for s in range(4))
    # a share's band spans twice its lower end: no 0.7% under 1% (H6444)
    share = "第一条 施工单位未按规定缴纳的，处工程合同价款0.5%以上1%以下的罚款。"
    assert all("0.7%" not in wrong(share, "0.5", ("0.7", "0.2", "0.3"), s) for s in range(4))
    # 「1次以上」 is no threshold (H6542, H6580)
    twice = "第一条 对违反发票管理规定2次以上或者情节严重的单位和个人，税务机关可以向社会公告。"
    assert all("1次" not in wrong(twice, "2", ("1", "3", "5"), s) for s in range(4))


def test_round_86_distractors_out_at_a_glance_are_not_offered(make_clause) -> None:
    wrong = _statute_distractors(make_clause)

    # a count: no 9次 a week beside 3次 (H7221), no 200个 working days beside 45个 (H7228)
    weekly = "第十条 普通中小学校每天应当安排课间操，每周安排3次以上课外体育活动。"
    assert all("9次" not in wrong(weekly, "3", ("9", "2", "6"), s) for s in range(4))
    days = "第十五条 审批机关应当自受理申请之日起45个工作日内作出是否批准的决定。"
    made = [wrong(days, "45", ("200", "30", "60", "90"), s) for s in range(4)]
    assert all(m and "200个" not in m for m in made), made
    # a key written to a tenth gets distractors written to a tenth: 17.0% not among 15% and 20% (H7193)
    steel = "第一条 出口含17.0%以上的铬的不锈钢，应当向国务院商务主管部门申请。"
    assert all(
        re.fullmatch(r"\d+\.\d%", w) for s in range(4) for w in wrong(steel, "17.0", ("15", "20", "25"), s)
    )


def test_round_87_distractors_ruled_out_by_the_stem_are_not_offered(make_clause) -> None:
    wrong = _statute_distractors(make_clause)
    # 「有1个以上中国合作者的」 is any partner at all (H7392, R1194)
    partners = "第五条 合作企业有2个以上中国合作者的，由审查批准机关会同有关部门协商确定一个主管部门。"
    assert all("1个" not in wrong(partners, "2", ("1", "3", "4"), s) for s in range(4))
    # 「给予（ ）至一年的保留期」: no 十二个月, where the range would start at its end (H7377)
    kept = "第一条 对合理化建议和技术改进项目，对原定额可以给予六个月至一年的保留期。"
    made = [wrong(kept, "六", ("十二", "三", "两"), s) for s in range(4)]
    assert all(m and "十二个月" not in m for m in made), made
    # a key written to a half is no reason to write the distractors to a tenth: no 3.0% beside 2.5% (H7310)
    rate = "第一条 融资担保公司的融资担保责任余额不得超过其净资产的2.5%。"
    assert not any(re.search(r"\.0%", w) for s in range(4) for w in wrong(rate, "2.5", ("3", "5", "1"), s))


def test_a_count_the_stem_gives_away_or_leaves_without_its_unit_is_not_asked(make_clause) -> None:
    import random

    from assistant.quiz.generate import _Ctx, build_number

    # 「每年组织（1次）……年度注册」: once a year is the guess (round 87, H7270)
    yearly = "第一条 省级卫生行政部门每年组织1次对单采血浆站的监督检查并进行年度注册。"
    (once,) = [f for f in number_facts(_statute_clause(make_clause, yearly), chinese=True) if f.unit == "次"]
    ctx = _Ctx(random.Random(0), [], [once], [])
    assert all(build_number(once, t, ctx) is None for t in ("blank", "single", "judge"))
    # 「有2个以上中国合作者的，由……协商确定一个主管部门」: more than one is what needs agreeing on (H7235, H7392, H7463)
    partners = "第五条 合作企业有2个以上中国合作者的，由审查批准机关会同有关部门协商确定一个主管部门。"
    (two,) = [f for f in number_facts(_statute_clause(make_clause, partners), chinese=True) if f.unit == "个"]
    ctx = _Ctx(random.Random(0), [], [two], [])
    assert all(build_number(two, t, ctx) is None for t in ("blank", "single", "judge"))
    # 「可以申请延长____。」: 2次 or 2年 (H7316)
    extend = "第一条 保留探矿权的期限，最长不得超过2年，需要延长保留期的，可以申请延长2次。"
    (twice,) = [f for f in number_facts(_statute_clause(make_clause, extend), chinese=True) if f.unit == "次"]
    assert build_number(twice, "blank", _Ctx(random.Random(0), [], [twice], [])) is None


def test_a_key_in_full_width_digits_gets_distractors_in_full_width_digits(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.content.templates import number_template
    from assistant.quiz.generate import _Ctx, _distractors

    text = "第一条 行政执法机关应当自接到报告之日起３日内作出批准或者不批准移送的决定。"  # round 80, H6458
    facts = number_facts(_statute_clause(make_clause, text), chinese=True)
    key = next(f for f in facts if f.unit == "日")
    made = _distractors(key, number_template(key)[0], _Ctx(random.Random(0), [], [key], []))
    assert made and all(re.fullmatch("[０-９．]+日", w) for w in made), made


def test_a_bank_s_false_items_do_not_all_say_the_same_wrong_figure(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    # five 刑法 items all made false with 「一年以下」 teach that 一年以下 is false (stop 42, R1172–R1175)
    text = "第一条 盗窃公私财物，数额较大的，处三年以下有期徒刑、拘役或者管制。"
    (fact,) = number_facts(_statute_clause(make_clause, text), chinese=True)
    ctx = _Ctx(random.Random(0), [], [fact], [])
    made = [build_number(fact, "judge", ctx) for _ in range(16)]
    false = {q.stem for q in made if q is not None and q.answer == "错"}
    assert len(false) >= 2, false


def test_a_figure_the_sentence_states_twice_is_not_made_false_once(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    text = (
        "第一条 项目自核准机关作出予以核准决定之日起2年内未开工建设，需要延期开工建设的，企业应当在2年期限届满的"
        "30个工作日前，向核准机关申请延期开工建设。"
    )
    facts = [f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.value == "2"]
    made = [build_number(f, "judge", _Ctx(random.Random(s), [], facts, [])) for f in facts for s in range(8)]
    # round 81, H6706: 「……2年内未开工建设……1年期限届满……」 contradicts itself
    assert not any(q is not None and q.answer == "错" and "2年" in q.stem for q in made)
    # a figure that only ends like the key is another figure: 「12年」 beside 「2年」 still lets 2年 be made false
    other = "第一条 企业应当在2年内完成改造，12年内完成全部更新。"
    (two,) = [f for f in number_facts(_statute_clause(make_clause, other), chinese=True) if f.value == "2"]
    made = [build_number(two, "judge", _Ctx(random.Random(s), [], [two], [])) for s in range(8)]
    assert any(q is not None and q.answer == "错" for q in made)


def test_an_item_of_a_list_of_cases_is_not_asked_without_its_lead_in(make_clause) -> None:
    import random

    from assistant.content.facts import number_facts
    from assistant.quiz.generate import _Ctx, build_number

    text = (
        "第一条 有下列情形之一的，不得担任私募基金管理人的董事、监事、高级管理人员：\n（一）因犯有贪污贿赂罪被判处刑罚；\n"
        "（二）最近1年因重大违法违规行为被金融管理部门处以行政处罚。"
    )
    (fact,) = [f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.unit == "年"]
    ctx = _Ctx(random.Random(0), [], [fact], [])
    assert all(build_number(fact, t, ctx) is None for t in ("blank", "single", "judge"))  # round 81, H6744


def test_the_last_digit_of_a_year_written_in_two_scripts_is_no_fact(make_clause) -> None:
    from assistant.content.facts import number_facts

    text = "第一条 已经生产的非法定计量单位的计量器具，可以延续使用到一九九0年底。"  # round 82, H6798
    assert not [f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.value == "0"]


def test_a_false_figure_that_only_narrows_whom_a_rule_binds_is_not_said(make_clause) -> None:
    import random

    from assistant.quiz.generate import _Ctx, build_number

    def false_stems(text: str, unit: str, others: tuple[str, ...], written: str = "") -> list[str]:
        """The false true/false items made on the figure of ``unit``, the pool holding ``others`` too."""
        (key,) = [f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.unit == unit]
        pool = [key, *(replace(key, value=v, text=v + (written or unit)) for v in others)]
        made = [build_number(key, "judge", _Ctx(random.Random(s), [], pool, [])) for s in range(12)]
        return [q.stem for q in made if q is not None and q.answer == "错"]

    # 「500人以上的集体企业建立职工代表大会制度」 holds where the rule says 300人以上: keyed 错, it was wrong (round 90, H7615)
    false = false_stems(
        "第一条 300人以上的集体企业建立职工代表大会制度。", "人", ("500", "600", "150", "200"), "人以上"
    )
    assert false, false
    assert all(int(re.match(r"\d+", stem).group()) < 300 for stem in false), false  # type: ignore[union-attr]
    # 「超过六个月未还的」 is 「超过三个月未还的」 too: only a shorter time is false
    false = false_stems(
        "第一条 挪用公款数额较大、超过3个月未还的，是挪用公款罪。", "个月", ("6", "1", "2", "4")
    )
    assert false and all(int(re.search(r"超过(\d+)", stem).group(1)) < 3 for stem in false), false  # type: ignore[union-attr]
    # a span within which an act is barred: 「一年内不得挖掘」 holds where the rule says 三年内 (round 92, H7674)
    false = false_stems(
        "第一条 新建、扩建、改建和大修的城市道路交付使用后3年内不得挖掘。", "年", ("1", "2", "5", "6")
    )
    assert false and all(int(re.search(r"(\d+)年内", stem).group(1)) > 3 for stem in false), false  # type: ignore[union-attr]
    # 「不超过」 bounds from above: 「不超过100万吨的」 is false where the rule says 50万吨, 「不超过25万吨的」 is not
    false = false_stems(
        "第一条 不再新增年生产规模不超过50万吨的山坡型露天采石作业单位。", "万吨", ("100", "25", "150", "30")
    )
    assert false and all(int(re.search(r"不超过(\d+)", stem).group(1)) > 50 for stem in false), false  # type: ignore[union-attr]


def test_a_figure_anyone_knows_from_its_set_phrase_is_not_asked(make_clause) -> None:
    import random

    from assistant.quiz.generate import _Ctx, build_number

    # 「九年义务教育」「五年立法规划」 (round 92, H7639, H7666, H7655), 「九年制义务教育」 (round 101, H8996)
    for text in (
        "第一条 残疾儿童、少年接受九年义务教育的，由县级人民政府负责。",
        "第一条 中等职业学校主要招收已完成九年制义务教育的毕（结）业生。",
        "第一条 常务委员会应当编制五年立法规划。",
    ):
        (key,) = [f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.unit == "年"]
        ctx = _Ctx(random.Random(0), [], [key], [])
        assert all(build_number(key, t, ctx) is None for t in ("blank", "single", "judge")), text


def test_an_age_to_seek_work_at_is_no_child_s(make_clause) -> None:
    wrong = _statute_distractors(make_clause)
    # 「凡年满（ ）……可进入劳动力市场择业求职」: 十周岁 is out at a glance (round 94, H7815)
    text = "第十二条 凡年满十六周岁、有劳动能力和求职要求的城乡劳动者，均可进入劳动力市场择业求职。"
    made = [wrong(text, "十六", ("十", "十四", "十八", "十二"), s) for s in range(4)]
    assert all(m and all(not w.startswith(("十周岁", "十二周岁")) for w in m) for m in made), made


def test_an_adult_s_threshold_age_is_no_child_s(make_clause) -> None:
    wrong = _statute_distractors(make_clause)
    # 「年满（ ）至五十五周岁……的健康公民……自愿参加献血」: 十二周岁 is out at a glance (round 108, H9940)
    text = "第四条 年满十八周岁至五十五周岁（以下简称适龄）的健康公民依照《献血法》和本办法自愿参加献血。"
    made = [wrong(text, "十八", ("十二", "十四", "十六", "二十", "二十二"), s) for s in range(4)]
    assert all(m and all(not w.startswith(("十二周岁", "十四周岁")) for w in m) for m in made), made


def test_the_age_everyone_may_vote_from_is_not_asked(make_clause) -> None:
    import random

    from assistant.quiz.generate import _Ctx, build_number

    # 「计算年满（十八周岁）的时间，以当地规定的选举日为准」: a false 十六周岁 is out at a glance (round 99, H8481); and any
    # threshold 「年满（十八周岁）」, the age of majority (rounds 108 and 110, H9940, H10344: 献血)
    for text in (
        "第三条 计算年满十八周岁的时间，以当地规定的选举日为准。",
        "第四条 年满十八周岁至五十五周岁（以下简称适龄）的健康公民依照《献血法》和本办法自愿参加献血。",
    ):
        (key, *_) = [
            f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.unit == "周岁"
        ]
        ctx = _Ctx(random.Random(0), [], [key], [])
        assert all(build_number(key, t, ctx) is None for t in ("blank", "single", "judge")), text


def test_the_adult_age_of_a_villagers_meeting_is_not_asked(make_clause) -> None:
    import random

    from assistant.quiz.generate import _Ctx, build_number

    # 「应当有本村（十八周岁）以上村民的过半数……参加」: the age of adults, known to all (round 100, H8751)
    for text in (
        "第十条 召开村民会议，应当有本村十八周岁以上村民的过半数或者本村三分之二以上的户的代表参加。",
        # a 村民小组会议's (round 101, H8921), a 居民会议's (round 102, H9087)
        "第二十六条 召开村民小组会议，应当有本村民小组十八周岁以上的村民三分之二以上参加。",
        "第九条 居民会议由居民委员会召集和主持。有五分之一以上的十八周岁以上的居民提议，应当召集居民会议。",
    ):
        keys = [f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.unit == "周岁"]
        assert keys, text
        ctx = _Ctx(random.Random(0), [], keys, [])
        assert all(build_number(k, t, ctx) is None for k in keys for t in ("blank", "single", "judge")), text


def test_the_age_everyone_may_work_from_is_not_asked(make_clause) -> None:
    import random

    from assistant.quiz.generate import _Ctx, build_number

    # 「凡年满（十六周岁）……择业求职」: the national working age, known without the document (round 95, H7852)
    text = "第十二条 凡年满十六周岁、有劳动能力和求职要求的城乡劳动者，均可进入劳动力市场择业求职。"
    (key,) = [f for f in number_facts(_statute_clause(make_clause, text), chinese=True) if f.unit == "周岁"]
    ctx = _Ctx(random.Random(0), [], [key], [])
    assert all(build_number(key, t, ctx) is None for t in ("blank", "single", "judge"))


def test_a_term_in_months_has_distractors_a_law_would_set(make_clause) -> None:
    wrong = _statute_distractors(make_clause)
    # 「施行之日起（ ）内向社会公布」: 七个月 is a filler beside 十二个月 (round 95, H7873)
    text = "第五条 省级经济、建设管理权限调整目录应当在本条例施行之日起十二个月内向社会公布。"
    made = [wrong(text, "十二", ("七", "三", "二十四", "六"), s) for s in range(4)]
    assert all(m and not any(w.startswith("七") for w in m) for m in made), made


def test_a_term_is_offered_once_however_it_is_written(make_clause) -> None:
    wrong = _statute_distractors(make_clause)
    # 「两个月」 from the document beside 「二个月」 from the customary terms (round 96, H7929, H7953)
    text = "第一条 对接收的礼品必须在一个月内交出并上交国库。"
    for s in range(4):
        made = wrong(text, "一", ("两", "三"), s)
        assert len(made) == 3 and not {"两个月", "二个月"} <= set(made), made
    # a renewal within 12个月 is not offered 48个月, four times the key (round 96, H8021)
    mark = "第一条 奥林匹克标志权利人可以在有效期满前12个月内办理续展手续。"
    made = [wrong(mark, "12", ("24", "6"), s) for s in range(4)]
    assert all(m and "48个月" not in m for m in made), made


def test_a_premise_that_states_a_fill_in_filled_gives_it_away() -> None:
    # 「每（年）至少召开一次全体成员会议」: a key of one character, stated in another item's premise (round 99, H8493)
    blank = _item("Q01", "blank", "科普工作协调制度每____至少召开一次全体成员会议。", "年")
    short = _item(
        "Q03",
        "short",
        "《广东省科学技术普及条例》第十条规定，县级以上人民政府应当建立……科普工作协调制度，每年至少召开一次全体成员会议，"
        "日常工作由科学技术协会承担。全体成员会议具体负责哪些事项？请逐项写出。",
        "审议科普工作规划；统筹协调科普工作重大事项",
    )
    other = _item("Q02", "blank", "县级以上人民政府应当每____向本级人大常委会报告科普工作。", "年")
    assert gives_away(blank, short) and not gives_away(other, short)


def test_round_100_distractors_out_at_a_glance_are_not_offered(make_clause) -> None:
    wrong = _statute_distractors(make_clause)
    # a retirement age extended: 五十五 or 六十周岁 is no extension (H8855)
    text = "第三条 高级专家确因工作需要，其离休退休年龄可以适当延长，但最长不超过六十五周岁。"
    made = [wrong(text, "六十五", ("五十五", "六十", "七十", "七十五"), s) for s in range(4)]
    assert all(not any(w.startswith(("五十五", "六十周岁")) for w in m) for m in made), made
    # 「2至（ ）」: 2人 makes no range (round 102, H9085)
    span = "第九条 也可以由每个居民小组推选代表2至3人选举产生。"
    made = [wrong(span, "3", ("2", "5", "9", "1"), s) for s in range(4)]
    assert all(m and not any(w in ("2人", "1人") for w in m) for m in made), made
    # 「（五人）以上单数」: no even number, and not 四人, whose 「以上单数」 is five too (H8766)
    odd = "第九条 物业管理委员会由业主、街道办事处、居（村）民委员会代表等五人以上单数组成。"
    made = [wrong(odd, "五", ("四", "十", "七", "九", "三"), s) for s in range(4)]
    assert all(m and not any(w.startswith(("四", "十")) for w in m) for m in made), made
