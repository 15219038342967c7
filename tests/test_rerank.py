"""The reranker's features say what an official's question wants, and the shipped weights are the
fitted ones: a penalty question prefers the 罚则, a repealed regulation loses to the current one."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from assistant.retrieve.rerank import FEATURES, DocFacts, DocumentMatch, features, load_ranker, softmax
from assistant.schema import Clause
from assistant.text.query import Query

pytestmark = pytest.mark.unit

CURRENT = DocFacts(("安全生产法",), ("安全生产法",), "", False, False)
REPEALED = DocFacts(("煤矿安全监察条例",), ("煤矿", "安全监察", "条例"), "", True, False)


def clause(text: str, role: str, roles: tuple[str, ...] = ()) -> Clause:
    return Clause(
        "d:第一条", "d", "某法", "law", "第一条", "clause", "", (), text, 0, len(text), role=role, roles=roles
    )


def vector(
    question: str, text: str, role: str, facts: DocFacts = CURRENT, roles: tuple[str, ...] = ()
) -> dict[str, float]:
    q = Query.parse(question)
    c = clause(text, role, roles)
    return dict(zip(FEATURES, features(q, c, 0.8, 1.0, 0.0, facts, False), strict=True))


def test_a_penalty_question_marks_a_duty_article_as_a_mismatch() -> None:
    duty = vector("没配注册安全工程师罚多少？", "应当配备注册安全工程师。", "义务")
    fine = vector("没配注册安全工程师罚多少？", "未配备注册安全工程师的，处罚款。", "罚则")
    assert duty["penalty_mismatch"] == 1.0 and fine["penalty_mismatch"] == 0.0
    assert fine["role_match"] == 1.0


def test_the_shipped_weights_prefer_the_penalty_and_the_current_law() -> None:
    ranker = load_ranker()
    assert ranker is not None
    data = json.loads(resources.files("assistant.data").joinpath("ranker.json").read_text("utf-8"))
    assert data["script"] == "scripts/fit_ranker.py" and "cv_dev" in data
    duty = vector("没配注册安全工程师罚多少？", "应当配备注册安全工程师。", "义务")
    fine = vector("没配注册安全工程师罚多少？", "未配备注册安全工程师的，处罚款。", "罚则")
    assert ranker.score(list(fine.values())) > ranker.score(list(duty.values()))
    old = vector("煤矿安全检查怎么做？", "煤矿安全检查。", "义务", REPEALED)
    new = vector("煤矿安全检查怎么做？", "煤矿安全检查。", "义务")
    assert ranker.score(list(new.values())) > ranker.score(list(old.values()))


def test_a_described_situation_is_ranked_by_weights_fitted_without_the_part_features() -> None:
    question, situation = load_ranker(), load_ranker(situation=True)
    assert question is not None and situation is not None
    for name in ("part_dense", "part_coverage"):
        j = FEATURES.index(name)
        assert situation.weights[j] == 0.0 and question.weights[j] != 0.0
    data = json.loads(resources.files("assistant.data").joinpath("ranker_situation.json").read_text("utf-8"))
    assert data["script"] == "scripts/fit_ranker.py" and "cv_dev" in data


def test_document_match_routes_a_question_to_the_document_that_uses_its_words() -> None:
    match = DocumentMatch({"explosives": ["雷管", "炸药", "爆破"], "plan": ["五职矿长", "学历"]})
    scores = match.scores(["雷管", "购买"])
    assert scores["explosives"] == 1.0 and scores["plan"] == 0.0
    assert match.scores(["天气"]) == {"explosives": 0.0, "plan": 0.0}


def test_softmax_is_a_distribution_in_score_order() -> None:
    p = softmax([2.0, 1.0, -1.0])
    assert abs(sum(p) - 1) < 1e-9 and p[0] > p[1] > p[2]


def test_a_colloquial_word_is_covered_by_the_statutes_word_for_it() -> None:
    # 安全员 is how a manager says it; 第九十七条 says 安全生产管理人员
    fine = vector("没配安全员罚多少？", "未按照规定配备安全生产管理人员的，处十万元以下的罚款。", "罚则")
    other = vector("没配安全员罚多少？", "未签订安全生产管理协议的，处五万元以下的罚款。", "罚则")
    assert fine["coverage"] > other["coverage"]


def test_a_penalty_is_supported_by_how_well_the_duty_it_enforces_matches() -> None:
    q = Query.parse("没配安全员罚多少？")
    fine = clause("有下列行为之一的，处十万元以下的罚款。", "罚则")
    duty = clause("矿山应当配备专职安全生产管理人员。", "义务")
    supported = dict(zip(FEATURES, features(q, fine, 0.5, 0.5, 0.0, CURRENT, False, 0.0, 0.9), strict=True))
    on_duty = dict(zip(FEATURES, features(q, duty, 0.5, 0.5, 0.0, CURRENT, False, 0.0, 0.9), strict=True))
    assert supported["duty_support"] == 0.9
    assert on_duty["duty_support"] == 0.0  # only a 罚则 borrows from the duty it enforces
    asked_what = Query.parse("安全员要配几个？")
    not_penalty = features(asked_what, fine, 0.5, 0.5, 0.0, CURRENT, False, 0.0, 0.9)
    assert dict(zip(FEATURES, not_penalty, strict=True))["duty_support"] == 0.0


def test_a_coal_regulation_is_out_of_scope_for_a_gold_mine() -> None:
    coal = DocFacts(("煤矿安全生产条例",), ("煤矿", "安全生产", "条例"), "", False, False, coal_only=True)
    gold = vector("地下金矿没做安全设施设计审查就开工", "未经审查擅自施工的，责令停止施工。", "罚则", coal)
    coal_q = vector("煤矿没做安全设施设计审查就开工", "未经审查擅自施工的，责令停止施工。", "罚则", coal)
    law = vector("地下金矿没做安全设施设计审查就开工", "未经审查擅自施工的，责令停止施工。", "罚则")
    assert gold["scope_mismatch"] == 1.0
    assert coal_q["scope_mismatch"] == 0.0 and law["scope_mismatch"] == 0.0


def test_a_coal_regulation_is_marked_for_a_question_that_does_not_say_coal() -> None:
    coal = DocFacts(("煤矿安全生产条例",), ("煤矿", "安全生产", "条例"), "", False, False, coal_only=True)
    clause = "未取得安全生产许可证擅自进行生产的，责令停止生产。"
    assert vector("矿山没有安全生产许可证就开始采矿", clause, "罚则", coal)["coal_unnamed"] == 1.0
    assert vector("煤矿没有安全生产许可证就开始采煤", clause, "罚则", coal)["coal_unnamed"] == 0.0
    assert vector("矿山没有安全生产许可证就开始采矿", clause, "罚则")["coal_unnamed"] == 0.0
    # 「非煤矿山」 says 煤 and means the opposite
    non_coal = vector("非煤矿山没办许可证就开工生产，罚多少？", clause, "罚则", coal)
    assert non_coal["coal_unnamed"] == 1.0 and non_coal["scope_mismatch"] == 1.0


def test_rare_words_weigh_more_and_the_document_title_is_every_clause_context() -> None:
    plan = DocFacts(
        ("三年行动",),
        ("三年", "行动"),
        "九江",
        False,
        True,
        title="九江市矿山安全生产治本攻坚三年行动实施方案",
    )
    q = Query.parse("三年行动分几个阶段？")
    rare = {"阶段": 5.0}.get

    def covered(text: str) -> float:
        v = features(q, clause(text, "目标"), 0.5, 0.5, 0.0, plan, False, idf=lambda w: rare(w) or 1.0)
        return dict(zip(FEATURES, v, strict=True))["coverage_idf"]

    steps = covered("工作步骤：从2024年3月至2026年12月，分四个阶段进行。")
    lead = covered("全市矿山安全生产治本攻坚三年行动由市应急管理局牵头。")
    assert (
        steps > lead
    )  # the rare word the question is about outweighs words every clause shares by its title


def test_a_question_that_asks_for_a_list_prefers_a_clause_that_enumerates() -> None:
    listing = "煤矿企业主要负责人对本企业安全生产工作负有下列职责：\n（一）建立健全责任制；\n（二）组织制定规章制度；"
    plain = "煤矿企业主要负责人应当履行安全生产职责。"
    assert vector("煤矿主要负责人要履行哪些职责？", listing, "义务")["list_match"] == 1.0
    assert vector("煤矿主要负责人要履行哪些职责？", plain, "义务")["list_match"] == 0.0
    assert vector("煤矿主要负责人要不要履行职责？", listing, "义务")["list_match"] == 0.0


def test_a_question_asking_whom_to_apply_to_matches_a_right_to_apply() -> None:
    # 「可以向……申请鉴定」 is written as the party's right; the question asks the procedure
    right = vector("对诊断结论有异议，向谁申请鉴定？", "当事人有异议的，可以向卫生行政部门申请鉴定。", "权利")
    assert right["role_match"] == 1.0


def test_a_definition_question_matches_an_article_whose_later_paragraph_defines() -> None:
    # 职业病防治法 第二条: where the law applies (程序), then 「本法所称职业病，是指……」 (定义)
    text = "本法适用于职业病防治活动。\n本法所称职业病，是指劳动者在职业活动中因接触粉尘而引起的疾病。"
    assert vector("什么样的病才叫职业病？", text, "程序", roles=("定义",))["role_match"] == 1.0
    assert vector("什么样的病才叫职业病？", text, "程序")["role_match"] == 0.0
    # other intents read the primary role only
    assert (
        vector("职业病防治法适用于哪些活动，要不要执行？", text, "义务", roles=("定义",))["role_match"] == 1.0
    )
    assert vector("谁负责职业病防治？", text, "权利", roles=("定义",))["role_match"] == 0.0


def test_only_a_penalty_question_asks_about_prison() -> None:
    prison = "违反本条例规定，情节严重的，处三年以下有期徒刑或者拘役。"
    asked = vector("矿长出了事故会不会判刑？", prison, "罚则")
    assert asked["prison_match"] == 1.0 and asked["prison_mismatch"] == 0.0
    # a past sentence describes the worker; the question asks whether he may do the work
    described = vector("以前因为犯罪被判过刑，用他当爆破工行不行？", prison, "罚则")
    assert described["prison_match"] == 0.0 and described["prison_mismatch"] == 1.0
    # 判定 is not 判
    standard = vector("重大事故隐患的判定标准是什么？", prison, "罚则")
    assert standard["prison_match"] == 0.0


def test_a_colloquial_phrase_cut_into_single_characters_still_covers_its_statutes_word() -> None:
    # 「丢了」 is cut into 丢 + 了: by itself no word, but the statutes say 丢失
    lost = vector("雷管丢了向谁报告？", "民用爆炸物品丢失、被盗，应当立即报告当地公安机关。", "义务")
    found = vector("雷管丢了向谁报告？", "发现无主民用爆炸物品的，应当立即报告当地公安机关。", "义务")
    assert lost["coverage"] > found["coverage"]
