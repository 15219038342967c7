"""A statute stem that leans on the sentence before it is given that sentence, verbatim, or is not asked."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from assistant.content.facts import number_facts
from assistant.quiz.context import MAX_CONTEXT, sentence_before, with_context
from assistant.quiz.generate import _Ctx, _next_question, build_number
from assistant.quiz.model import Question

pytestmark = pytest.mark.unit

FIREWORKS = (
    "第九条 生产烟花爆竹的企业，应当在投入生产前向所在地设区的市人民政府安全生产监督管理部门提出安全审查申请，"
    "并提交能够证明符合本条例第八条规定条件的有关材料。设区的市人民政府安全生产监督管理部门应当自收到材料之日起"
    "20日内提出安全审查初步意见，报省、自治区、直辖市人民政府安全生产监督管理部门审查。"
)
SCHOOL = (
    "第三十八条 发生学校安全事故，当事人可以协商解决。当事人不愿协商或者协商不成的，可以向主管的教育部门提出调解申请。"
    "当事人申请调解的，主管的教育部门应当受理，并在自受理之日起三十日内完成调解。\n"
    "当事人不愿协商、调解的，或者协商、调解不成的，可以向人民法院提起诉讼。"
)
SITES = (
    "第二十七条 建设工程的施工单位应当遵守下列规定：\n（一）制定施工现场防火安全管理制度；\n"
    "（二）对建筑高度超过24米的建设工程，随施工进度设置消防竖管等临时消防供水设施，不得拆除或者停用。"
)
AFTER_A_LIST = (
    "第二十五条 消防安全重点单位应当履行下列职责：\n（一）建立消防档案；\n（二）停用消防设施、器材超过24小时的，报告所在地"
    "消防机构。\n本市倡导高层建筑的管理使用人配备缓降器、软梯、救生袋和防毒面具等避难救生设施。"
)


def blank(stem: str, answer: str, quote: str, title: str = "烟花爆竹安全管理条例") -> Question:
    return Question(
        "Q01", "blank", stem, [], answer, "", "d", title, "第一条", "c", quote=quote, doc_level="行政法规"
    )


def test_a_stem_that_names_what_the_sentence_before_sets_up_is_given_that_sentence() -> None:
    quote = "设区的市人民政府安全生产监督管理部门应当自收到材料之日起20日内提出安全审查初步意见，报省、自治区、直辖市人民政府安全生产监督管理部门审查。"
    q = blank(
        "设区的市人民政府安全生产监督管理部门应当自收到材料之日起____内提出安全审查初步意见。", "20日", quote
    )
    context = sentence_before(q, FIREWORKS, leans=False)
    assert context and context.startswith("生产烟花爆竹的企业") and context.endswith("有关材料。")
    assert context in FIREWORKS  # verbatim
    given = with_context(q, context)
    assert given.stem.startswith("生产烟花爆竹的企业") and given.stem.endswith(q.stem)
    assert given.context == context and given.quote == q.quote  # the cited sentence is still the quote


def blanked(quote: str, answer: str, title: str) -> Question:
    """A fill-in of the whole of ``quote`` with ``answer`` left out."""
    return blank(quote.replace(answer, "____", 1), answer, quote, title)


def test_the_context_is_the_paragraph_from_its_start() -> None:
    quote = "当事人申请调解的，主管的教育部门应当受理，并在自受理之日起三十日内完成调解。"
    q = blanked(quote, "三十日", "学校安全条例")
    context = sentence_before(q, SCHOOL, leans=False)
    assert context is not None and context.startswith("发生学校安全事故，当事人可以协商解决。")


def test_a_sentence_opening_its_paragraph_leans_on_the_paragraph_before() -> None:
    quote = "当事人不愿协商、调解的，或者协商、调解不成的，可以向人民法院提起诉讼。"
    q = blanked(quote, "人民法院", "学校安全条例")
    context = sentence_before(q, SCHOOL, leans=False)
    assert context is not None and "当事人申请调解的" in context and "人民法院" not in context


def test_an_item_of_a_list_is_given_its_lead_in() -> None:
    quote = "对建筑高度超过24米的建设工程，随施工进度设置消防竖管等临时消防供水设施，不得拆除或者停用。"
    q = blank(
        "对建筑高度超过____的建设工程，随施工进度设置消防竖管等临时消防供水设施。", "24米", quote, "消防条例"
    )
    assert sentence_before(q, SITES, leans=True) == "建设工程的施工单位应当遵守下列规定："


def test_the_items_of_a_list_are_no_premise_for_the_sentence_after_it() -> None:
    quote = "本市倡导高层建筑的管理使用人配备缓降器、软梯、救生袋和防毒面具等避难救生设施。"
    q = blank(
        "本市倡导高层建筑的管理使用人配备缓降器、____、救生袋和防毒面具等避难救生设施。",
        "软梯",
        quote,
        "北京市消防条例",
    )
    assert sentence_before(q, AFTER_A_LIST, leans=False) == ""  # asked as it stands
    assert (
        sentence_before(q, AFTER_A_LIST, leans=True) is None
    )  # or not at all, when a rule says it is cut off


def test_a_stem_that_shares_no_word_with_the_sentence_before_stands_alone() -> None:
    text = "第十条 国家鼓励矿山企业采用先进技术。矿长应当每年向职工代表大会报告一次安全工作。"
    quote = "矿长应当每年向职工代表大会报告一次安全工作。"
    q = blank("矿长应当____向职工代表大会报告一次安全工作。", "每年", quote, "矿山安全法")
    assert sentence_before(q, text, leans=False) == ""


def test_a_context_that_states_the_answer_or_runs_too_long_is_not_given() -> None:
    text = "第十一条 申请人应当提交材料。机关收到材料后应当在20日内审查，收到材料之日起20日内作出决定。"
    quote = "机关收到材料后应当在20日内审查，收到材料之日起20日内作出决定。"
    q = blank("机关收到材料后应当在20日内审查，收到材料之日起____内作出决定。", "20日", quote)
    assert sentence_before(q, text, leans=False) == "申请人应当提交材料。"
    q2 = replace(q, quote="收到材料之日起20日内作出决定。", stem="收到材料之日起____内作出决定。")
    assert sentence_before(q2, text, leans=False) is None  # the sentence before says 20日
    long_before = (
        "第十二条 申请人应当提交"
        + "、".join(["材料清单"] * (MAX_CONTEXT // 4))
        + "。机关收到材料之日起20日内作出决定。"
    )
    q3 = replace(q, quote="机关收到材料之日起20日内作出决定。", stem="机关收到材料之日起____内作出决定。")
    assert sentence_before(q3, long_before, leans=True) is None  # cut off, and its premise too long to give
    assert sentence_before(q3, long_before, leans=False) == ""  # only a shared word: asked as it stands


def test_the_generator_gives_a_statute_stem_its_premise(make_clause) -> None:
    clause = replace(
        make_clause(FIREWORKS, label="第九条"), doc_level="行政法规", doc_title="烟花爆竹安全管理条例"
    )
    facts = [f for f in number_facts(clause, chinese=True) if f.value == "20"]
    assert facts, "20日 is a figure of the clause"
    ctx = _Ctx(random.Random(0), [clause.text], [], [])
    assert build_number(facts[0], "blank", ctx) is not None
    made = _next_question(facts, [0], "blank", ctx, 1, {}, set(), set(), [], {clause.chunk_id: clause.text})
    assert made is not None
    q = made[1]
    assert q.stem.startswith("生产烟花爆竹的企业") and "收到材料之日起（ ）内" in q.stem.replace(
        "____", "（ ）"
    )


def test_a_context_does_not_stand_in_for_the_rule_its_sentence_lost() -> None:
    from assistant.quiz.stem_check import stem_problems

    text = (
        "第二十四条 建设项目的环境影响评价文件经批准后，建设单位应当重新报批建设项目的环境影响评价文件。"
        "建设项目的环境影响评价文件自批准之日起超过五年，方决定该项目开工建设的，其环境影响评价文件应当报原审批部门重新审核。"
    )
    quote = "建设项目的环境影响评价文件自批准之日起超过五年，方决定该项目开工建设的，其环境影响评价文件应当报原审批部门重新审核。"
    q = Question(
        "Q01",
        "blank",
        "建设项目的环境影响评价文件自批准之日起超过____。",
        [],
        "五年",
        "",
        "d",
        "环境影响评价法",
        "第二十四条",
        "c",
        template="建设项目的环境影响评价文件自批准之日起超过____，",
        quote=quote,
        doc_level="法律",
    )
    assert stem_problems(q, text), "the sentence goes on to what follows after five years"
    context = "建设项目的环境影响评价文件经批准后，建设单位应当重新报批建设项目的环境影响评价文件。"
    problems = stem_problems(with_context(q, context), text)
    assert any("题干里没有规定" in p for p in problems), "the 应当 of the context is not the stem's rule"


def test_a_true_false_item_given_its_context_is_still_read_from_its_own_sentence() -> None:
    from assistant.quiz.stem_check import stem_problems

    quote = (
        "设区的市人民政府安全生产监督管理部门应当自收到材料之日起20日内提出安全审查初步意见，"
        "报省、自治区、直辖市人民政府安全生产监督管理部门审查。"
    )
    q = Question(
        "Q01",
        "judge",
        quote,
        [],
        "对",
        "",
        "d",
        "烟花爆竹安全管理条例",
        "第九条",
        "c",
        template=quote.rstrip("。"),
        quote=quote,
        doc_level="行政法规",
    )
    context = sentence_before(q, FIREWORKS, leans=False)
    assert context
    assert not any("整句" in p for p in stem_problems(with_context(q, context), FIREWORKS))


def test_a_stem_whose_context_states_another_items_sentence_is_not_asked_with_it() -> None:
    from assistant.quiz.generate import shows_sentence

    first = "生产烟花爆竹的企业，应当在投入生产前向所在地设区的市人民政府安全生产监督管理部门提出安全审查申请，并提交能够证明符合本条例第八条规定条件的有关材料。"
    judged = Question(
        "Q01", "judge", first, [], "对", "", "d", "烟花爆竹安全管理条例", "第九条", "c", quote=first
    )
    quote = "设区的市人民政府安全生产监督管理部门应当自收到材料之日起20日内提出安全审查初步意见，报省、自治区、直辖市人民政府安全生产监督管理部门审查。"
    asked = with_context(
        blank(
            "设区的市人民政府安全生产监督管理部门应当自收到材料之日起____内提出安全审查初步意见。",
            "20日",
            quote,
        ),
        first,
    )
    assert shows_sentence(
        asked, judged
    )  # its stem opens with the whole of Q01's sentence: Q01 is 对 at a glance
    assert not shows_sentence(judged, asked)
    assert not shows_sentence(blank("其他____。", "x", quote), judged)  # no context, nothing shown


def test_a_long_lead_in_is_asked_from_the_start_of_its_sentence(make_clause) -> None:
    from assistant.quiz.generate import provision_facts

    text = (
        "第十六条 建设、质量监督、工商、交通、水利、市政公用、消防等部门应当在各自的职责范围内履行建设工程材料监督检查职责，"
        "并有权采取下列措施：\n（一）要求被检查单位提供有关文件和资料；\n（二）进入被检查单位的生产经营场所或者施工现场进行检查；\n"
        "（三）责令被检查单位和人员停止违反建设工程材料管理法律法规的行为。"
    )
    clause = replace(make_clause(text, label="第十六条"), doc_level="地方性法规")
    (fact,) = provision_facts(clause)
    assert fact.sentence.startswith("建设、质量监督") and fact.sentence.endswith(
        "下列措施："
    )  # not 「条 建设……」


def test_a_figure_is_ambiguous_only_where_another_provision_says_the_same_words_before_it(
    make_clause,
) -> None:
    from assistant.quiz.generate import _another_figure_for_it

    court = "第五十七条 人民法院应当自受理之日起七日内作出执行裁定。"
    other = "第五十八条 人民法院应当自受理之日起三十日内作出执行裁定。"
    (f,) = number_facts(replace(make_clause(court, label="第五十七条"), doc_level="法律"), chinese=True)
    assert _another_figure_for_it("人民法院应当自受理之日起____内作出执行裁定。", f, [court, other])
    fine = "第九十四条 生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正，处二万元以上五万元以下的罚款。"
    elsewhere = "第九十七条 生产经营单位未按照规定设置安全生产管理机构的，责令限期改正，处十万元以下的罚款。"
    facts = number_facts(replace(make_clause(fine, label="第九十四条"), doc_level="法律"), chinese=True)
    two = next(x for x in facts if x.value == "二")
    template = "生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正，处____以上五万元以下的罚款。"
    assert not _another_figure_for_it(template, two, [fine, elsewhere])  # its conduct tells the two apart


def test_a_list_of_requirements_or_of_a_kind_of_duty_is_a_short_answer(make_clause) -> None:
    from assistant.quiz.generate import provision_facts

    closing = (
        "第十三条 关闭煤矿应当达到下列要求：\n（一）吊销相关证照；\n（二）停止供应并处理火工用品；\n"
        "（三）停止供电，拆除矿井生产设备、供电、通信线路；\n（四）封闭、填实矿井井筒，平整井口场地，恢复地貌。"
    )
    (fact,) = provision_facts(replace(make_clause(closing, label="第十三条"), doc_level="行政法规"))
    assert fact.sentence == "关闭煤矿应当达到下列要求：" and len(fact.items) == 4
    duties = "第五条 主要负责人对本单位负有下列安全生产职责：\n（一）建立健全责任制；\n（二）组织制定规章制度；\n（三）保证安全投入。"
    (fact,) = provision_facts(replace(make_clause(duties, label="第五条"), doc_level="法律"))
    assert fact.sentence.endswith("下列安全生产职责：")


def test_a_true_false_items_figure_with_its_words_in_another_stem_gives_it_away() -> None:
    from assistant.quiz.generate import gives_away

    quote = "采矿权人应当在十日内通知所在地县、区人民政府。"
    judged = Question(
        "Q03",
        "judge",
        "采矿权人应当在十五日内通知所在地县、区人民政府。",
        [],
        "错",
        "",
        "d",
        "条例",
        "第九条",
        "c",
        quote=quote,
    )
    other = blank(
        "登记管理机关应当在十日内通知所在地县、区人民政府，并____。",
        "公告",
        "登记管理机关应当在十日内通知所在地县、区人民政府，并公告。",
    )
    assert gives_away(judged, other)
    unrelated = blank("事故调查组应当在____内提交报告。", "六十日", "事故调查组应当在六十日内提交报告。")
    assert not gives_away(judged, unrelated)


def test_a_short_answer_whose_point_is_another_items_sentence_tests_it_twice() -> None:
    from assistant.quiz.generate import gives_away

    short = Question(
        "Q12",
        "short",
        "《条例》第十七条规定，消防安全重点单位应当履行哪些职责？请逐项写出。",
        [],
        "建立消防档案；每年至少开展一次消防演练；确定消防安全管理人",
        "",
        "d",
        "条例",
        "第十七条",
        "c",
    )
    drill = blank("每年至少开展一次____。", "消防演练", "每年至少开展一次消防演练。")
    assert gives_away(short, drill)


def test_a_stem_opening_on_related_or_on_the_report_received_leans_on_the_sentence_before() -> None:
    # round 58: 「相关信息应当……」 (whose?), 「接到报告的卫生主管部门……」 (which report?)
    text = (
        "第四十条 网络食品经营者应当在其经营活动主页面公示营业执照、许可证件等信息。相关信息应当完整、真实、清晰，"
        "发生变化的，应当在十日内更新。"
    )
    quote = "相关信息应当完整、真实、清晰，发生变化的，应当在十日内更新。"
    q = blank("相关信息应当完整、真实、清晰，发生变化的，应当在____内更新。", "十日", quote, "食品安全条例")
    assert (
        sentence_before(q, text, leans=False)
        == "网络食品经营者应当在其经营活动主页面公示营业执照、许可证件等信息。"
    )
    kind = "相关部门应当在十日内作出决定。"  # names a kind of body: stands alone
    q2 = blank("相关部门应当在____内作出决定。", "十日", kind, "食品安全条例")
    assert sentence_before(q2, "第四十一条 申请人提交材料。" + kind, leans=False) == ""
    report = "接到报告的卫生主管部门应当在2小时内向本级人民政府报告。"
    long_before = "第十七条 " + "、".join(["实验室发生菌种丢失"] * 12) + "的，应当立即报告。" + report
    q3 = blank("接到报告的卫生主管部门应当在____内向本级人民政府报告。", "2小时", report, "实验室条例")
    assert (
        sentence_before(q3, long_before, leans=False) is None
    )  # it points back, and what it points to is too long


def test_a_sanction_opening_on_whom_it_fines_leans_on_the_conduct_before_it() -> None:
    text = "第七十四条 违反本法规定，从事国家禁止的生物技术研究的，没收违法所得。对主要负责人，处十万元以上二十万元以下的罚款。"
    quote = "对主要负责人，处十万元以上二十万元以下的罚款。"
    q = blank("对主要负责人，处十万元以上____以下的罚款。", "二十万元", quote, "生物安全法")
    assert (
        sentence_before(q, text, leans=False) == "违反本法规定，从事国家禁止的生物技术研究的，没收违法所得。"
    )


def test_a_true_item_with_no_figure_is_not_asked_with_the_paragraph_it_leans_on(make_clause) -> None:
    # rounds 57–58: a paragraph copied out and asked as true tests reading (15 of 61 such items bad)
    from assistant.quiz.generate import RuleFact

    text = (
        "第三十条 海事管理机构可以对监管水域实施水上交通安全技术监控。实施技术监控的航段应当公示。"
        "技术监控设施应当报海事管理机构备案。"
    )
    clause = replace(
        make_clause(text, label="第三十条"), doc_level="地方性法规", doc_title="水上交通安全管理条例"
    )
    leaning = RuleFact(clause, "技术监控设施应当报海事管理机构备案。", "应当")
    ctx = _Ctx(random.Random(0), [clause.text], [], [])
    by_chunk = {clause.chunk_id: clause.text}
    assert _next_question([leaning], [0], "judge", ctx, 1, {}, set(), set(), [], by_chunk) is None
    alone = RuleFact(
        replace(clause, text="第三十条 技术监控设施应当报海事管理机构备案。"),
        "技术监控设施应当报海事管理机构备案。",
        "应当",
    )
    made = _next_question(
        [alone], [0], "judge", ctx, 1, {}, set(), set(), [], {clause.chunk_id: alone.clause.text}
    )
    assert made is not None and made[1].answer == "对"


def test_a_stem_whose_opening_names_no_one_leans_on_the_sentence_that_says_whose() -> None:
    # rounds 58–59: 「记录和凭证保存期限不得少于……」 (whose records?), 「延长的期限最长不得超过……」 (which period?)
    from assistant.quiz.context import names_no_owner

    assert names_no_owner("记录和凭证保存期限不得少于产品保质期满后（ ）。")
    assert names_no_owner("延长的期限最长不得超过____。")
    assert not names_no_owner("食用农产品销售者应当建立进货查验记录制度。")
    assert not names_no_owner("人民法院应当自受理之日起三十日内作出裁定。")  # a court is someone
    assert not names_no_owner(
        "在禁止燃放的时间燃放烟花爆竹的，由公安部门责令停止燃放。"
    )  # the conduct is stated
    text = (
        "第六十五条 食用农产品销售者应当建立进货查验记录制度，如实记录名称、数量、进货日期等内容。"
        "记录和凭证保存期限不得少于六个月。"
    )
    quote = "记录和凭证保存期限不得少于六个月。"
    q = blank("记录和凭证保存期限不得少于____。", "六个月", quote, "食品安全法")
    assert sentence_before(q, text, leans=names_no_owner(q.stem)).startswith("食用农产品销售者")


def test_a_statute_figure_is_not_asked_from_a_piece_inside_its_sentence(make_clause) -> None:
    # round 60: 「所在单位应当自……起（ ）内……」 without the worker's accident that opens the sentence; all 7 such items bad
    long_opening = (
        "第十七条 职工发生事故伤害或者按照职业病防治法规定被诊断、鉴定为职业病，并且经过医疗机构的诊断、治疗和"
        "有关部门的调查核实以及用人单位的内部审核程序，所在单位应当自事故伤害发生之日起30日内，向统筹地区社会保险行政部门"
        "提出工伤认定申请。"
    )
    clause = replace(
        make_clause(long_opening, label="第十七条"), doc_level="行政法规", doc_title="工伤保险条例"
    )
    ctx = _Ctx(random.Random(0), [clause.text], [], [])
    facts = [f for f in number_facts(clause, chinese=True) if f.value == "30"]
    assert facts and build_number(facts[0], "blank", ctx) is None
    short = "第十七条 所在单位应当自事故伤害发生之日起30日内，向统筹地区社会保险行政部门提出工伤认定申请。"
    clause2 = replace(clause, text=short)
    facts2 = [f for f in number_facts(clause2, chinese=True) if f.value == "30"]
    made = build_number(facts2[0], "blank", _Ctx(random.Random(0), [short], [], []))
    assert made is not None and made.stem.startswith("所在单位")
