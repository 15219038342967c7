"""``Query``: a question analysed once (normalised text, tokens, content words, regions, units)."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.text.query import Query, mentions, split_colloquial

pytestmark = pytest.mark.unit


def test_a_question_is_normalised_and_tokenised_once() -> None:
    q = Query.parse("  尾矿库停用多久要闭库？ ")
    assert q.text == "尾矿库停用多久要闭库？"
    assert q.normalized == "尾矿库停用多久要闭库?"
    assert q.tokens == ("尾矿", "尾矿库", "停用", "闭库")
    assert q.content_words == ("尾矿库", "停用", "闭库")  # 尾矿 is inside 尾矿库


def test_named_regions_are_found_longest_first() -> None:
    assert Query.parse("内蒙古和山西的露天矿有什么规定？").regions == ("内蒙古", "山西")
    assert Query.parse("五职矿长要什么学历？").regions == ()


def test_asked_units_are_read_from_the_question() -> None:
    assert Query.parse("安全培训要多少学时？井下要几个小时？").units == ("学时", "小时")
    assert Query.parse("尾矿库多久闭库").units == ()


def test_the_query_is_a_value_and_later_stages_change_it_by_replacing() -> None:
    q = Query.parse("谁负责督促？")
    assert q.intent == "who"
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.intent = "procedure"  # type: ignore[misc]
    assert dataclasses.replace(q, intent="procedure").intent == "procedure" and q.intent == "who"


def test_the_tokenizer_is_injected() -> None:
    q = Query.parse("甲乙 丙", tokenize=lambda text: text.split())
    assert q.tokens == ("甲乙", "丙") and q.content_words == ("甲乙", "丙")


def test_a_modal_the_segmenter_glued_to_a_verb_is_split_off() -> None:
    # jieba's HMM makes 要罚 / 要测 / 没派 words; they are 要 + 罚 … and 要 is a stopword
    assert "罚" in Query.parse("矿长不尽职责要罚多少钱？").tokens
    tokens = Query.parse("搞爆破没派专人现场盯着").tokens
    assert "派" in tokens and "没派" not in tokens
    assert "重要" in Query.parse("安全管理很重要").tokens  # a dictionary word with 要 is left whole


def test_every_statutes_word_in_the_lexicon_occurs_in_the_shipped_corpus() -> None:
    from pathlib import Path

    from assistant.text.query import synonyms

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    text = "".join(p.read_text(encoding="utf-8") for p in corpus.glob("*.*") if p.suffix in (".md", ".txt"))
    missing = [(word, legal) for word, terms in synonyms() for legal in terms if legal not in text]
    assert not missing  # a statutes' word no document uses only adds noise to the search


@pytest.mark.parametrize(
    ("question", "legal"),
    [
        ("放完炮有哑炮怎么办？", ("未", "引爆")),
        ("掌子面能不能干打眼？", ("工作面",)),
        ("炸药库丢了东西报派出所吗？", ("公安机关",)),
        ("开矿的非得招个注安师吗？", ("注册", "工程师")),
        ("坐过牢能干爆破吗？", ("受过", "刑事", "处罚")),
        ("孕妇能不能下井？", ("孕期", "女职工")),
    ],
)
def test_miners_words_are_also_searched_in_the_statutes_words(question: str, legal: tuple[str, ...]) -> None:
    expansions = Query.parse(question).expansions
    assert all(term in expansions for term in legal), expansions


def test_a_word_negated_by_fei_is_not_a_token_of_its_own() -> None:
    # search mode would give 煤矿 inside 非煤矿山: a question on non-coal mines matched the coal regulation
    assert "煤矿" not in Query.parse("非煤矿山没办许可证").tokens
    assert "煤矿" in Query.parse("煤矿非法开采").tokens
    # 「金属非金属矿山」 names both: 金属 stands before 非
    assert {"金属", "非金属"} <= set(Query.parse("金属非金属矿山").tokens)


def test_the_spoken_mei_you_is_searched_as_the_statutes_wei() -> None:
    # 罚则 say 「未取得安全生产许可证擅自进行生产的」; people say 没有 / 没办
    assert "未取得" in Query.parse("矿山没有安全生产许可证就开始采矿").expansions
    assert "未取得" in Query.parse("非煤矿山没办许可证就开工生产").expansions
    assert "未经许可" in Query.parse("没有许可擅自搞爆破作业").expansions


@pytest.mark.parametrize(
    ("question", "criminal"),
    [
        ("被责令停产还偷偷开工，会不会坐牢？", True),
        ("把瓦斯探头罩住了，这样也会构成犯罪吗？", True),
        ("矿长这种会判多重？", True),
        ("没配安全员要罚多少钱？", False),
        ("尾矿库停用多久要闭库？", False),
        # a record told as the situation asks whether he may work (P316), not what a crime costs
        ("我们矿新招了个爆破工，以前因为犯罪被判过刑，用他行不行？", False),
        ("有前科能当爆破员吗？", False),
        ("被判过刑的人再犯还会被判刑吗？", True),
    ],
)
def test_a_question_about_criminal_liability_is_recognised(question: str, criminal: bool) -> None:
    assert Query.parse(question).asks_criminal is criminal


def test_a_colloquial_phrase_the_tokenizer_cut_apart_is_kept_whole() -> None:
    q = Query.parse("雷管丢了要向谁报告？")
    assert "丢了" not in q.content_words  # 丢 + 了 (a stopword)
    assert split_colloquial(q.normalized, q.content_words) == ("丢了",)
    # one a longer word already holds is no extra word: 放炮工 is a word of its own
    q = Query.parse("放炮工要考什么证？")
    assert split_colloquial(q.normalized, q.content_words) == ()


def test_a_colloquial_phrase_that_frames_the_question_is_not_kept() -> None:
    # 没配 (every 罚则 says 未) and 罚多少 (the ask) say how the question is put, not what it is about
    q = Query.parse("没配安全员罚多少？")
    assert split_colloquial(q.normalized, q.content_words) == ()


def test_a_question_word_inherits_no_statutes_word_from_a_phrase_it_is_part_of() -> None:
    # 「几天」 is part of 「关几天」 (拘留) and 「多少」 of 「罚多少」 (罚款): on its own it only asks. Read as their
    # statutes' words, every 拘留 clause said 「几天」 and outranked 第七十八条 for 「处罚后几天内要公开？」 (stop 41)
    assert not mentions("几天", "处十五日以下拘留")
    assert not mentions("多少", "处二万元以上五万元以下的罚款")
    assert "拘留" in Query.parse("矿上老板跑路了，抓回来能关几天？").expansions  # still searched for
