"""Refusal evidence understands how statutes write units, and its fitted model is the one the
calibration script wrote (same features, in the same order)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from assistant.answer import refusal
from assistant.schema import Clause, Hit
from assistant.text.query import Query

pytestmark = pytest.mark.unit


def hits(text: str) -> list[Hit]:
    clause = Clause("d:第一条", "d", "某法", "law", "第一条", "clause", "", (), text, 0, len(text))
    return [Hit(clause, 1.0, 1, {"bm25": 9.0, "dense": 0.9})]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("没配注册安全工程师罚多少钱？", "处五万元以上十万元以下的罚款。"),
        ("事故发生后多少天内要报告？", "应当自事故发生之日起30日内补报。"),
        ("矿长不尽职责要罚多少钱？", "发生一般事故的，处上一年年收入40%的罚款；"),
        ("转包罚多少钱？", "并处违法所得二倍以上五倍以下的罚款；"),
    ],
)
def test_a_unit_the_statute_writes_differently_is_not_missing(question: str, clause: str) -> None:
    ev = refusal.evidence(clause, Query.parse(question), hits(clause))
    assert ev.unit_missing == 0 and ev.quantity_missing == 0


@pytest.mark.parametrize(
    "question",
    ["回风流里瓦斯浓度最高允许多少？", "一个矿井最少得有几个安全出口？"],  # 几 where the question ends asks
)
def test_a_figure_asked_for_and_never_stated_is_missing(question: str) -> None:
    text = "矿山企业应当建立瓦斯检查制度。"
    ev = refusal.evidence(text, Query.parse(question), hits(text))
    assert ev.quantity_missing == 1


def test_the_shipped_model_matches_the_features_and_came_from_its_script() -> None:
    data = json.loads(resources.files("assistant.data").joinpath("refusal.json").read_text("utf-8"))
    assert tuple(data["features"]) == refusal.FEATURES
    assert data["script"] == "scripts/calibrate_refusal.py" and "cv_dev" in data
    assert 0 < refusal.model().threshold < 1


def test_missing_evidence_of_a_figure_raises_the_probability() -> None:
    text = "矿山企业应当建立瓦斯检查制度。"
    base = refusal.evidence(text, Query.parse("矿山企业要建立什么制度？"), hits(text))
    missing = refusal.Evidence(**{**base.__dict__, "quantity_missing": 1, "unit_missing": 1})
    assert missing.probability() > base.probability()


def test_cosines_of_another_embedding_are_not_read_on_the_fitted_scale() -> None:
    text = "矿山企业应当建立瓦斯检查制度。"
    low = [Hit(hits(text)[0].clause, 1.0, 1, {"bm25": 9.0, "dense": 0.2})]
    fitted = refusal.model()
    own = refusal.evidence(text, Query.parse("矿山企业要建立什么制度？"), low, fitted.embedding)
    other = refusal.evidence(text, Query.parse("矿山企业要建立什么制度？"), low, "st:some-local-model")
    assert own.dense == 0.2 and other.dense == fitted.dense_neutral
    assert other.probability() < own.probability()


def test_a_best_hit_that_is_document_furniture_is_evidence_against_coverage() -> None:
    text = "来源:中国九江网"
    closing = Clause("d:结尾", "d", "某方案", "local-plan", "结尾", "closing", "", (), text, 0, len(text))
    hit = [Hit(closing, 1.0, 1, {"bm25": 3.5, "dense": 0.87})]
    ev = refusal.evidence(text, Query.parse("九江明天天气怎么样？"), hit)
    assert ev.top_not_provision == 1
    assert ev.probability() > refusal.Evidence(**{**ev.__dict__, "top_not_provision": 0}).probability()


@pytest.mark.parametrize("question", ["这份通知落款是哪天？", "硬措施是谁印发的？文号是多少？"])
def test_a_question_about_the_document_itself_may_be_answered_from_its_preamble_or_closing(
    question: str,
) -> None:
    text = "国家矿山安全监察局2024年1月20日"
    closing = Clause("d:结尾", "d", "某通知", "notice", "结尾", "closing", "", (), text, 0, len(text))
    ev = refusal.evidence(text, Query.parse(question), [Hit(closing, 1.0, 1, {"bm25": 3.5, "dense": 0.9})])
    assert ev.top_not_provision == 0


def test_a_figure_about_something_else_does_not_answer_the_figure_asked() -> None:
    # the laws state the oxygen and CO2 limits, never a gas (瓦斯) concentration
    text = "井下空气中，氧气不得低于20%，二氧化碳不得超过0.5%。"
    asked = refusal.evidence(text, Query.parse("回风流里瓦斯浓度最高允许多少？"), hits(text))
    assert asked.quantity_missing == 0 and asked.figure_unrelated == 1
    stated = refusal.evidence(text, Query.parse("井下氧气浓度最低允许多少？"), hits(text))
    assert stated.figure_unrelated == 0


def test_a_temperature_in_degrees_celsius_is_a_figure_about_the_temperature_asked() -> None:
    text = "第二十二条 井下作业地点的空气温度不得超过28℃；超过时，应当采取降温或者其他防护措施。"
    ev = refusal.evidence(text, Query.parse("井下干活的地方温度最高不能超过多少度？"), hits(text))
    assert ev.quantity_missing == 0 and ev.figure_unrelated == 0


def test_a_count_is_a_figure() -> None:
    text = "硬措施共8个方面30条。"
    ev = refusal.evidence(text, Query.parse("硬措施一共几个方面？"), hits(text))
    assert ev.quantity_missing == 0 and ev.figure_unrelated == 0


def test_a_fine_asked_for_is_judged_by_its_unit_not_by_naming_the_conduct() -> None:
    text = "生产经营单位有下列行为之一的，处十万元以下的罚款。"
    ev = refusal.evidence(text, Query.parse("没配安全员罚多少钱？"), hits(text))
    assert ev.figure_unrelated == 0 and ev.unit_missing == 0


def test_a_word_is_foreign_when_the_corpus_holds_its_characters_only_across_words() -> None:
    corpus = "炸药应当在库内存放，手续齐全。安全生产管理人员"
    vocabulary = {"炸药", "应当", "库内", "存放", "手续", "齐全", "安全", "生产", "管理", "人员"}
    q = Query.parse("手机内存怎么清理？")
    by_text = refusal.evidence(corpus, q, hits(corpus))
    by_words = refusal.evidence(corpus, q, hits(corpus), vocabulary=vocabulary)
    assert by_words.foreign > by_text.foreign  # 内存 is in 「库内存放」 only as characters
    colloquial = refusal.evidence(corpus, Query.parse("安全员"), hits(corpus), vocabulary=vocabulary)
    assert colloquial.foreign == 0.0  # 安全员 is the statutes' 安全生产管理人员


def test_a_term_the_corpus_writes_with_quotation_marks_inside_is_known() -> None:
    corpus = '主要负责人和"五职"矿长参加专门安全教育培训'
    vocabulary = {"主要", "负责", "负责人", "五职", "矿长", "参加", "专门", "安全", "教育", "培训"}
    q = Query.parse("五职矿长要参加培训吗？")
    assert "五职矿长" in q.content_words
    assert refusal.evidence(corpus, q, hits(corpus), vocabulary=vocabulary).foreign == 0.0


@pytest.mark.parametrize(
    "question",
    [
        "接触粉尘的工人要做哪几次职业健康检查？",
        "我们只有二十几个工人，要不要建应急救援队伍？",
        # a 几 in a phrase the question goes on from states a number, it does not ask one
        "现在招工难，想招几个女师傅下井开铲运机，这能招吗？",
        "司机让我们几个工人坐在后斗里进山，这样合规吗？",
    ],
)
def test_which_occasions_and_an_approximate_count_do_not_ask_for_a_figure(question: str) -> None:
    text = "对从事接触职业病危害作业的劳动者，应当组织上岗前、在岗期间和离岗时的职业健康检查。"
    ev = refusal.evidence(text, Query.parse(question), hits(text))
    assert ev.quantity_missing == 0 and ev.figure_unrelated == 0


def test_the_words_that_frame_a_question_are_not_foreign() -> None:
    text = "放射性物质作业点应当每月测定一次。"
    vocabulary = {"放射性物质", "作业点", "每月", "测定", "一次"}
    q = Query.parse("作业点多少度？几次？啥时候？")
    assert refusal.evidence(text, q, hits(text), vocabulary=vocabulary).foreign == 0.0


def test_a_span_of_time_in_the_question_does_not_make_a_figure_about_what_is_asked() -> None:
    # 「一个月」 frames the figure asked; a clause stating 「一个月以上」 says nothing about a gas bill
    text = "拘役的期限，为一个月以上六个月以下。"
    ev = refusal.evidence(text, Query.parse("家里燃气费一个月一般多少？"), hits(text))
    assert ev.figure_unrelated == 1
    stated = refusal.evidence(text, Query.parse("拘役的期限一般是多少？"), hits(text))
    assert stated.figure_unrelated == 0


def test_the_words_of_one_sentence_count_and_a_length_can_be_held_fixed() -> None:
    text = "尾矿库停用超过三年应当闭库。矿山企业应当建立瓦斯检查制度。"
    ev = refusal.evidence(text, Query.parse("尾矿库停用多久要闭库？"), hits(text))
    assert ev.sentence_coverage > 0.5  # 尾矿库 停用 闭库 all in the first sentence
    longer = refusal.Evidence(**{**ev.__dict__, "words": ev.words * 3})
    # a follow-up asked with the previous turn's words is compared at the length asked (engine)
    assert longer.probability(length=ev.words) == pytest.approx(ev.probability())
    assert longer.probability() != pytest.approx(ev.probability())


@pytest.mark.parametrize(
    ("question", "clause", "missing"),
    [
        ("九江市一共有多少座尾矿库？", "全面完成尾矿库闭库治理。", 1),
        ("九江市有几座尾矿库？", "全市现有尾矿库12座。", 0),
        ("去年发生了几起事故？", "严防较大事故发生。", 1),
        ("监测数据多少秒刷新一次？", "实现监测数据实时上传。", 1),
    ],
)
def test_a_count_of_things_asked_for_needs_that_count_in_the_clause(
    question: str, clause: str, missing: int
) -> None:
    assert refusal.evidence(clause, Query.parse(question), hits(clause)).unit_missing == missing


@pytest.mark.parametrize("question", ["哪几条规定了尾矿库闭库？", "安全生产法第几条规定了劳动防护用品？"])
def test_which_article_is_not_a_count_asked_for(question: str) -> None:
    assert Query.parse(question).units == ()


TITLES = (
    "中华人民共和国矿山安全法",
    "国务院关于预防煤矿生产安全事故的特别规定",
    "九江市矿山安全生产治本攻坚三年行动实施方案（2024-2026年）",
)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("《江西省尾矿库销号管理办法》规定销号要满足哪些条件？", "江西省尾矿库销号管理办法"),
        ("《金属非金属矿山重大事故隐患判定标准》列了多少项隐患？", "金属非金属矿山重大事故隐患判定标准"),
        ("《矿山安全法》对矿长有什么要求？", ""),
        ("《中华人民共和国矿山安全法》第几条讲女职工？", ""),
        ("按《特别规定》，超层越界开采怎么处理？", ""),
        ("《九江市矿山安全生产治本攻坚三年行动实施方案》的目标是什么？", ""),
        ("《民用爆炸物品购买许可证》怎么办？", ""),  # a permit, not a document
    ],
)
def test_a_document_named_by_a_title_no_indexed_document_has_is_ruled_out(question: str, named: str) -> None:
    assert refusal.other_document(Query.parse(question), TITLES) == named


def test_a_question_about_an_unindexed_document_is_refused_whatever_the_score() -> None:
    text = "严格执行《金属非金属矿山重大事故隐患判定标准》。"
    ev = refusal.evidence(
        text, Query.parse("《金属非金属矿山重大事故隐患判定标准》列了多少项？"), hits(text), titles=TITLES
    )
    assert ev.other_document and refusal.should_refuse(ev)


def test_a_city_written_after_a_province_the_corpus_covers_is_in_scope() -> None:
    corpus = "河南省实施《中华人民共和国矿山安全法》办法"
    assert refusal.other_region(Query.parse("我们在河南平顶山开矿，没培训就下井罚多少？"), corpus) == ""
    assert refusal.other_region(Query.parse("我们在平顶山开矿，没培训就下井罚多少？"), corpus) == "平顶山"
    assert refusal.other_region(Query.parse("山西大同的矿要培训吗？"), corpus) in ("山西", "大同")


def test_the_closing_is_quoted_only_for_a_question_about_the_document_itself() -> None:
    from assistant.answer.extractive import compose

    text = "国家矿山安全监察局2024年1月20日"
    closing = Clause("d:结尾", "d", "某通知", "notice", "结尾", "closing", "", (), text, 0, len(text))
    body = "各地要在2024年3月底前制定宣贯方案。"
    preamble = Clause("d:前言", "d", "某通知", "notice", "前言", "preamble", "", (), body, 0, len(body))
    hits = [Hit(closing, 1.0, 1, {"bm25": 3.5}), Hit(preamble, 0.8, 2, {"bm25": 2.0})]
    _, signed = compose(hits, ["通知", "落款"], question="这份通知落款是哪天？")
    assert signed[0].clause == "结尾" and signed[0].quote == text
    _, other = compose(hits, ["通知", "宣贯"], question="通知要求什么时候制定宣贯方案？")
    assert all(c.clause != "结尾" for c in other)


@pytest.mark.parametrize(
    ("question", "measured"),
    [
        (
            "尾矿库坝体的抗滑稳定安全系数最低要求是多少？",
            ("安全系数", "稳定"),
        ),  # before the ask, past 最低/要求
        ("举报重大事故隐患最高能拿多少奖金？", ("奖金", "重大事故隐患")),  # a head comes after 多少
        ("井下呼吸性粉尘的时间加权平均容许浓度是多少毫克每立方米？", ("浓度", "容许")),  # a unit is no thing
        ("瓦斯浓度达到百分之多少就必须停止作业？", ("浓度", "瓦斯")),  # 就… is the consequence
        ("非煤矿山是按年产多少万吨来划分的？", ("年产", "非煤矿山")),  # 来… is the purpose
        ("采掘工作面进风的氧气含量最低多少？", ("含量", "氧气")),
        ("一个矿井最少得有几个能走人出去的安全出口？", ("出口", "安全")),
        ("井下作业的人要减多少？", ()),  # 人 and 减 are one character: what is measured is unsaid
        ("还有劳务公司派来的几个人，他们下井前要培训吗？", ()),  # 「派来的几个人，」 states a number
        ("会不会评一批示范单位、树几个典型？", ()),  # a few, in a yes-or-no question
        ("没配注册安全工程师罚多少钱？", ()),  # a fine is judged by its unit
        ("防爆检查多久做一次？", ()),  # and a time by its own
        # 上限/下限 frame a figure as 最高/最低 do: the 重大事故 is what is measured, not its 上限
        ("重大事故的下限和上限分别是多少人？", ("重大事故",)),
    ],
)
def test_the_word_a_figure_is_asked_of_and_its_qualifier(question: str, measured: tuple[str, ...]) -> None:
    assert refusal.measured_words(Query.parse(question)) == measured


def test_a_figure_is_stated_of_a_word_in_its_own_item_or_sentence() -> None:
    # an item names what its figure measures before a comma
    item = "(三)放射性物质作业点，每月至少检测三次；(四)其他作业点，每季度至少检测一次。"
    assert refusal.states_figure_of(item, ["放射性物质"])
    plan = "周边300米范围内存在生产生活设施的小型露天采石场不再延期；新建四等、五等小型尾矿库应当采用一次性建坝。"
    assert not refusal.states_figure_of(plan, ["安全系数", "稳定"])
    assert refusal.states_figure_of(
        "井下作业地点的空气温度不得超过28℃；", ["温度"]
    )  # ℃ is °c once normalised
    # a date is not the figure of what is measured
    assert not refusal.states_figure_of("2024年底前实现重大事故隐患全量汇总。", ["奖金", "重大事故隐患"])


def test_a_colloquial_word_covers_a_clause_that_writes_the_statutes_word_for_it() -> None:
    # 孕妇 is 孕期 … 女职工 (assistant/data/synonyms.txt): the dev paraphrase P288, 「孕妇能干粉尘岗吗？」
    text = "第三十八条 用人单位不得安排孕期、哺乳期的女职工从事对本人和胎儿、婴儿有危害的作业。"
    # and 能干 is 从事: two of 孕妇、能干、粉尘、岗 are in the clause, though neither is written there
    ev = refusal.evidence(text, Query.parse("孕妇能干粉尘岗吗？"), hits(text))
    assert ev.coverage == ev.sentence_coverage == 0.5


def test_the_region_a_question_names_is_covered_by_that_regions_document() -> None:
    # a 河南 article never repeats 河南: its title says it (dev paraphrase P324)
    text = "该级人民政府在接到请示文件后，应当在十五日内作出决定。"
    henan = Clause(
        "h:第四十七条",
        "h",
        "河南省实施《矿山安全法》办法",
        "regulation",
        "第四十七条",
        "clause",
        "",
        (),
        text,
        0,
        len(text),
    )
    other = Clause("d:第四十七条", "d", "某法", "law", "第四十七条", "clause", "", (), text, 0, len(text))
    question = Query.parse("河南县政府批请示限几天？")
    own = refusal.evidence(text, question, [Hit(henan, 1.0, 1, {"bm25": 9.0, "dense": 0.9})])
    elsewhere = refusal.evidence(text, question, [Hit(other, 1.0, 1, {"bm25": 9.0, "dense": 0.9})])
    assert own.coverage > elsewhere.coverage
