"""Question banks from clauses: blanks, choices, true/false and short answers on the facts that matter.

Every question is built on a verbatim span of one clause (``Question.template``), so its answer key
can be checked against that clause (``verify_answer_key``); the generator drops any question that
fails the check, any distractor that the corpus would make true, and near-duplicate questions.

Facts are numbers (deadlines, frequencies, thresholds) and lists; when they cannot fill a bank (a
statute states few), the sentences of its duties and prohibitions with one modal become true/false
items: as written, or with the modal turned (不得 → 可以, 应当 → 可以不), never where turning it would
garble the sentence or make it false at a glance. A duty is turned only where 不 lands on a plain act
(建立, 报送, 配备 …); anything else is asked as written, and a bank far ahead on 对 waits for a rule it can turn.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, TypeVar

from assistant.content.facts import PERIOD, ListFact, NumberFact, list_facts, number_facts
from assistant.content.selection import select_clauses
from assistant.content.templates import BLANK, ends_in_adverbial, fragment, number_template
from assistant.content.topic import central
from assistant.errors import ConfigError
from assistant.ingest.conflicts import superseded
from assistant.numerals import CN_NUMERAL, cn_to_int, int_to_cn
from assistant.quiz.context import (
    AN_ITEM,
    FIGURE_SAID,
    MAX_CONTEXT,
    names_no_owner,
    own_words,
    sentence_before,
    with_context,
)
from assistant.quiz.model import LETTERS, TYPES, Question, QuizBank
from assistant.quiz.stem_check import bare_time_start, names_party, starts_its_sentence, stem_problems
from assistant.quiz.stock_pairs import stock_pair
from assistant.retrieve.search import SearcherLike
from assistant.schema import POLICY_LEVELS, Clause
from assistant.text.deletions import deleted_lines
from assistant.text.labels import without_label
from assistant.text.normalize import contains_normalized, normalize

__all__ = ["generate_bank", "verify_answer_key", "near_duplicate", "Question", "QuizBank"]

# category nouns that do not tell a trainee what is asked (「第二十八条所列的情况包括哪些？」)
# (「第六条所列的单位」: the article names several kinds of 单位)
_GENERIC_ENUM_NAMES = {
    "企业",
    "规定要求",
    "情况",
    "工作",
    "情形",
    "事项",
    "内容",
    "方面",
    "资料",
    "单位",
    "有关单位",
    "有关部门",
    "活动",
}


# A list's name read after 「等」 is a category noun (措施, 物质, 新闻媒体) only when no 的 or verb runs into it:
# 「等的支持力度」「等方式使用土地」「等活动的管理」「等协同实施」 are the rest of the sentence.
_NOT_A_CATEGORY = re.compile(
    r"的|使用|实施|进行|开展|推进|落实|执行|处理|协调|利用|攻关|合作|配合|应当|必须|可以|不得|部门(?:规定|制定|批准)"
    r"|损坏|破坏|危害"  # 「采用移动、切割……等手段损坏管道」: the name runs on into the act
    r"|互联互通|互通|共享|联动|对接|衔接"  # 「实现安全风险分级管控……等信息互联互通」: the items are kinds of 信息
    # 「新建、改建、扩建等工程项目前」: a time, not a kind; 「辨识、评估、分级……等具体办法」: the items are what the
    # 办法 will govern, not 办法
    r"|(?:前|后|时|之前|之后|期间|以内)$|办法|细则"
)


def _a_category(name: str) -> bool:
    return not _NOT_A_CATEGORY.search(name)


# ---------------------------------------------------------------- fragments and distractors


def _number_alternatives(fact: NumberFact, pool: Iterable[NumberFact]) -> list[str]:
    """Values of the same unit: first those the corpus uses elsewhere, then near values."""

    def figure(value: str) -> str | float:
        """What a value stands for: 两千 and 二千 are one figure, never two options (round 44, H2456)."""
        return _value(value) if fact.kind == "number" else value

    seen = {figure(fact.value)}
    out: list[str] = []
    chinese = _is_chinese(fact.value)
    for other in pool:
        same = other.kind == fact.kind and other.unit == fact.unit and _is_chinese(other.value) == chinese
        if same and fact.kind == "number":  # 一百人 is no distractor for 二人, nor 30人 for 2人
            ratio = _value(other.value) / max(_value(fact.value), 1e-9)
            same = 0.2 <= ratio <= 5 and ratio != 1  # 两人 is 二人 written another way, no other figure
            # a head count: 「不得少于10人」 for a team of 2 is no reading, 1人 says nothing
            if fact.unit == "人":
                same = same and 0.5 <= ratio <= 3 and _value(other.value) >= 2
            # a term of years: 八年 beside 一年、二年、三年 is out at a glance (rounds 50 and 52, H2985, H3140)
            # nor 30年 beside 「10年内禁止其医疗器械进口」 (round 67, H5072)
            # and a share: 14% beside a fine of 「2%以上4%以下」 (round 74, H5978)
            if fact.unit in _RATIO_BAND:
                least, most = _RATIO_BAND[fact.unit]
                same = same and least <= ratio <= most
            # an age: 六十五周岁 as the age a minor is hired at, 十四周岁 as a retirement age (round 67)
            if fact.unit == "周岁":
                same = same and _AGE_BAND[0] <= ratio <= _AGE_BAND[1]
        if same and figure(other.value) not in seen:
            seen.add(figure(other.value))
            out.append(other.value)
    if fact.kind == "frequency":
        near = ["年", "半年", "季度", "月", "周", "两年"]
    elif fact.kind == "deadline":
        y = int(fact.value)
        near = [str(y + 1), str(y - 1), str(y + 2)]
    else:
        v = _value(fact.value)
        cand = [v * 2, v / 2, v * 3, v + 1, v + 2, v * 5, v * 10]
        if v == int(v):
            cand = [x for x in cand if x == int(x)]
        if fact.unit == "小时":  # then the hours a law sets, nearest first: 六小时 and 十二小时 beside 八小时
            cand += sorted(_HOURS - {v}, key=lambda h: abs(math.log(h / v)) if v > 0 else h)
        if chinese:  # a statute's 八小时 gets 四小时, not 4小时; an age moves by years, a round figure by
            # its own size (not 六十一日 or 三十二周岁)
            cand = [x for x in cand if x not in (v * 5, v * 10)]  # not 二十五年 around 五年
            if fact.unit == "周岁":
                cand = _near_ages(v)
            elif fact.unit == "人":  # 「一人以上共同……」 is no reading
                cand = [x for x in cand if x >= 2]
            if v >= 10:
                cand = [x for x in cand if x not in (v + 1, v + 2)]
            near = [int_to_cn(int(x)) for x in cand if x == int(x) and 0 < x < 10000]
        else:
            if fact.unit == "周岁":  # 「最高年龄不得超过70周岁」: not 140 or 35周岁 (round 67, H5026)
                cand = _near_ages(v)
            if fact.unit == "人":
                cand = [x for x in cand if 2 <= x <= 3 * v]
            if v >= 10:  # a rule's figures are round: no 11年 beside 「10年以上」, as no 十一年 beside 十年
                cand = [x for x in cand if x not in (v + 1, v + 2)]
            near = [str(int(x)) if x == int(x) else f"{x:g}" for x in cand if x > 0]
    if fact.unit in _RATIO_BAND and fact.kind == "number":
        near = [x for x in near if _value(x) <= _RATIO_BAND[fact.unit][1] * _value(fact.value)]
    for value in near:
        if figure(value) not in seen:
            seen.add(figure(value))
            out.append(value)
    if fact.unit == "%" and _value(fact.value) >= 10 and _value(fact.value) % 5 == 0:
        # a round share gets round shares: 「降低50%」 changed to 「降低14%」 is out at a glance (round 67, H5168)
        out = [v for v in out if _value(v) % 5 == 0]
    if fact.kind == "frequency" and "年度" in fact.sentence:
        # 「按照年度出口计划，每（ ）申领一次」: not every two years (round 74, H5983)
        out = [v for v in out if v != "两年"]
    if fact.kind == "frequency" and fact.value not in ("月", "周", "日", "天"):
        # 「每（ ）至少组织一次综合应急预案演练」 beside 半年: a weekly drill is no reading (round 47, three items)
        out = [v for v in out if v not in ("周", "日", "天")]
    return out


# A distractor between these many times the key: a term of years, 二十年 beside 十年, not 三十年 (round 67, H5072); a share,
# 30% beside 10%, not 14% beside a fine of 「2%以上4%以下」 (round 74, H5978); a count, 6次 beside 3次, not 9次 a week
# (round 86, H7221), 90个 beside 45个 working days, not 200个 (H7228), and as small as need be (6个 beside 45个 read well).
_RATIO_BAND = {"年": (1 / 3, 2.5), "%": (1 / 3, 3.0), "次": (0.0, 2.5), "个": (0.0, 2.5)}
# An age distractor within this ratio of the key: 十二、十四周岁 around 十六, 60 and 65 around 70; not the 55 or 65周岁
# of another article's retirement as the age a minor may be hired at, nor 十四周岁 as a retirement age (round 67,
# seven of its 28 bad items).
_AGE_BAND = (0.6, 1.6)
_ADULT = 18.0
_CHILDHOOD = 16.0  # under it, a child: no age an adult's right or duty starts from
_MINOR = re.compile(r"未成年|儿童|少年|幼儿|童工")  # 童工: under sixteen (round 71, H5717: 20周岁 beside it)


def _near_ages(v: float) -> list[float]:
    """An age moves by years: two, four and six either side, nearest first, within the band; an adult's round age by
    fives, as rules write them (55周岁 beside 50 and 60, not 59, 53 and 51: round 74, H6022)."""
    near: tuple[float, ...] = (v + 2, v - 2, v + 4, v - 4, v - 6, v + 6)
    if v >= _ADULT and v % 5 == 0:
        near = (v + 5, v - 5, v + 10, v - 10)
    return [x for x in near if _AGE_BAND[0] <= x / max(v, 1e-9) <= _AGE_BAND[1]]


# Who seeks or takes work from an age on: no age under fourteen is one (童工 are barred).
_JOB_SEEKING = re.compile(r"劳动力市场|择业|求职|就业|招用|录用|务工")
_WORKING_AGE = 14.0
# Who holds a post or works: their ages stop at retirement.
_AT_WORK = re.compile(r"担任|任职|聘任|聘用|工作人员|干部|职工|在职")
_RETIREMENT = 60.0
# a retirement age extended: its ages lie past sixty
_EXTENDED_RETIREMENT = re.compile(r"退休[^。]{0,40}延长|延长[^。]{0,20}退休")
# An adult's age distractor within this many years of the key.
_AGE_SPAN = 10.0


def _an_age_of_its_kind(template: str, key: str, value: str) -> bool:
    """An age distractor a reader cannot rule out by the person it is of:
    - beside a minor (「未满（ ）的未成年人」), under eighteen: 十八周岁 only restates 「未成年人」, 二十周岁 contradicts it
      (round 67: H4405, H5142);
    - the age from which one may seek work (「凡年满（ ）……择业求职」), fourteen or more: no 十周岁 (round 94, H7815);
    - an adult's threshold (「年满（ ）至五十五周岁……的健康公民」 keyed 十八周岁), no child's age (round 108, H9940);
    - a post-holder's age under sixty, none past sixty: 「专职监事由……国家工作人员担任，年龄一般在（ ）以下」 (55周岁) beside
      65 and 70周岁, which serving officials never reach (round 72, H5843); a retirement age extended, none of sixty or
      under (round 100, H8855);
    - an adult's, within ten years of the key: not 35周岁 beside an official's 55 (round 73, H5955)."""
    k, v = _value(key), _value(value)
    if _MINOR.search(template) and v >= _ADULT:
        return False
    if _JOB_SEEKING.search(template) and template.split(BLANK, 1)[0].endswith("年满") and v < _WORKING_AGE:
        return False  # below a bar (「禁止招用未满十六周岁的」) a younger age stays a believable wrong one
    if template.split(BLANK, 1)[0].endswith("年满") and k >= _ADULT and v < _CHILDHOOD:
        return False  # 「年满（ ）至五十五周岁……的健康公民……献血」: a child's age is no adult's threshold (round 108, H9940)
    if _AT_WORK.search(template) and k < _RETIREMENT < v:
        return False
    if _EXTENDED_RETIREMENT.search(template) and v <= _RETIREMENT:
        return False  # 「离休退休年龄可以适当延长……最长不超过（ ）」: 五十五周岁 is no extension (round 100, H8855)
    return not (k >= _ADULT and abs(v - k) > _AGE_SPAN)


# The age from which anyone may work, known to all: 「凡年满（十六周岁）……均可进入劳动力市场择业求职」 (round 95, H7852).
_MINIMUM_WORKING_AGE = 16.0
# The age from which one votes, known to all: 「计算年满（十八周岁）的时间，以当地规定的选举日为准」 (round 99, H8481).
# 「召开村民会议，应当有本村（十八周岁）以上村民的过半数……参加」 (round 100, H8751), and a 村民小组会议's (round 101, H8921)
_VOTING = re.compile(r"选举|选民|[村居]民(?:小组|代表)?会议")  # 居民会议: round 102, H9087


def _an_age_known_to_all(f: NumberFact, template: str) -> bool:
    """「凡年满（ ）……择业求职」 keyed 十六周岁, an age to vote at keyed 十八周岁, or any threshold 「年满（十八周岁）」 (the age of
    majority), asks what every reader knows. (The bar
    itself, 劳动法's 「禁止……招用未满十六周岁的未成年人」, is the law that sets it, and stays.)"""
    if f.unit != "周岁":
        return False
    if _value(f.value) == _ADULT and _VOTING.search(template):
        return True
    if _value(f.value) == _ADULT and template.split(BLANK, 1)[0].endswith("年满"):
        # 「年满（十八周岁）至五十五周岁……的健康公民……献血」: from eighteen is the age of majority; without a child's age
        # beside it, the key stands out among older ones (rounds 108 and 110, H9940, H10344)
        return True
    if _value(f.value) != _MINIMUM_WORKING_AGE or not _JOB_SEEKING.search(template):
        return False
    return template.split(BLANK, 1)[0].endswith("年满")


def _what_a_minor_is(f: NumberFact, template: str) -> bool:
    """「不满十八周岁的未成年人」 asks what 未成年人 means: a truism (rounds 62 and 67, H3327, H5119)."""
    return f.unit == "周岁" and _value(f.value) >= _ADULT and bool(_MINOR.search(template))


@lru_cache(maxsize=65536)  # asked of every figure of the pool for every distractor looked for
def _is_chinese(value: str) -> bool:
    return bool(value) and all(ch in CN_NUMERAL for ch in value)


@lru_cache(maxsize=65536)
def _value(value: str) -> float:
    """A fact's value as a number: ``12`` → 12.0, ``十二`` → 12.0."""
    return float(cn_to_int(value) or 0) if _is_chinese(value) else float(value)


class _Text:
    """The normalised clause texts joined (they hold no line break, so no match runs across two), with the places
    where each opening occurs found once. Every candidate distractor of a fact is looked up after the same words
    that lead to the blank: one scan of the corpus per opening, not one per candidate, is what keeps the held-out
    banks (hundreds of documents) fast."""

    def __init__(self, corpus: Iterable[str] | str) -> None:
        self.text = corpus if isinstance(corpus, str) else "\n".join(corpus)
        self._places: dict[str, list[int]] = {}

    def places(self, opening: str) -> list[int]:
        """Where ``opening`` starts in the text, overlapping occurrences included."""
        held = self._places.get(opening)
        if held is None:
            held = []
            at = self.text.find(opening)
            while at != -1:
                held.append(at)
                at = self.text.find(opening, at + 1)
            self._places[opening] = held
        return held

    def states(self, needle: str, opening: str) -> bool:
        """Whether the text holds ``needle``, found from the places of its first characters ``opening``."""
        if len(opening) < _OPENING or not needle.startswith(opening):
            return needle in self.text
        return any(self.text.startswith(needle, at) for at in self.places(opening[:_OPENING_MAX]))


_OPENING, _OPENING_MAX = 4, 8  # a shorter opening occurs too often to look up; a longer one is shared less


def _searchable(corpus: _Text | list[str] | str) -> _Text:
    return corpus if isinstance(corpus, _Text) else _Text(corpus)


def _also_true(template: str, filled: str, corpus: _Text | list[str] | str) -> bool:
    """Would the corpus make this filled-in statement true? ``corpus`` holds normalised clause texts."""
    needle = normalize(template.replace(BLANK, filled, 1))
    return _searchable(corpus).states(needle, normalize(template.split(BLANK, 1)[0])[:_OPENING_MAX])


@lru_cache(maxsize=4096)
def _grams(s: str) -> frozenset[str]:
    s = re.sub(r"[^\w]", "", normalize(s).replace(BLANK, "_").replace("（）", "_"))
    return frozenset(s[i : i + 2] for i in range(len(s) - 1))


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    """Character-bigram Jaccard of the normalised stems: catches rewordings of the same question."""
    ga, gb = _grams(a), _grams(b)
    return bool(ga and gb) and len(ga & gb) / len(ga | gb) >= threshold


# ---------------------------------------------------------------- builders


@dataclass
class _Ctx:
    rng: random.Random
    corpus: list[str]
    numbers: list[NumberFact]
    lists: list[ListFact]
    pools: _Pools | None = field(default=None, repr=False)  # built from the three above when not given
    # the figures the bank's false items said, and how often
    said_false: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        if self.pools is None:
            self.pools = _Pools(self.corpus, self.numbers, self.lists)

    @property
    def text(self) -> _Text:
        assert self.pools is not None
        return self.pools.text

    def numbers_like(self, f: NumberFact) -> list[NumberFact]:
        """The pool's number facts of ``f``'s kind and unit, written in figures as ``f`` is or in words as it is."""
        assert self.pools is not None
        return self.pools.numbers_of.get(_number_kind(f), [])

    def lists_of(self, doc_id: str) -> list[ListFact]:
        assert self.pools is not None
        return self.pools.lists_of.get(doc_id, [])


def _number_kind(f: NumberFact) -> tuple[str, str, bool]:
    return f.kind, f.unit, _is_chinese(f.value)


@dataclass
class _Pools:
    """What every bank of one index draws its distractors from: the normalised clause texts (searchable) and the
    number and list facts, grouped the way a distractor is looked for."""

    corpus: list[str]
    numbers: list[NumberFact]
    lists: list[ListFact]
    text: _Text = field(init=False, repr=False)
    numbers_of: dict[tuple[str, str, bool], list[NumberFact]] = field(init=False, repr=False)
    lists_of: dict[str, list[ListFact]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = _Text(self.corpus)
        self.numbers_of, self.lists_of = {}, {}
        for f in self.numbers:
            self.numbers_of.setdefault(_number_kind(f), []).append(f)
        for lf in self.lists:
            self.lists_of.setdefault(lf.clause.doc_id, []).append(lf)


def _explain(clause: Clause, quote: str) -> str:
    return f"依据{clause.source()}：「{quote}」"


# Half-width punctuation the source documents use (the 九江 plan writes 「县(市、区)」 and 「……运行,2025年底前……」): a
# stem or an option a trainee reads is set in full width. Only what is shown changes: the template, the quote and
# the answer key stay verbatim, and ``verify_answer_key`` compares through ``normalize``, which folds widths.
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def full_width(text: str) -> str:
    """``text`` with the sentence's commas, semicolons, colons, question and exclamation marks in full width,
    and brackets around Chinese text: 「运行,2025年底前」 → 「运行，2025年底前」, 「县(市、区)」 → 「县（市、区）」. A comma
    or colon between digits is a number's (1,000; 8:30) and stays."""
    text = re.sub(r"(?<!\d)[,;:?!]|[,;:?!](?!\d)", lambda m: _FULL_WIDTH[m.group()], text)
    return re.sub(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)", r"（\1）", text)


def _question(
    clause: Clause,
    qtype: str,
    stem: str,
    answer: str,
    quote: str,
    template: str,
    *,
    options: list[str] | None = None,
    difficulty: str = "中",
    key_points: list[str] | None = None,
) -> Question:
    return Question(
        "",
        qtype,
        full_width(without_label(stem.strip())),  # 「第十二条 国务院……」 reads 「国务院……」
        [full_width(o) for o in options or []],
        answer,
        _explain(clause, quote),
        clause.doc_id,
        clause.doc_title,
        clause.label,
        clause.chunk_id,
        difficulty,
        key_points or [],
        template,
        quote,
        clause.doc_level,
        clause.doc_status,
    )


# Hours a rule gives as a time limit: a distractor of hours is one of them, or an even figure within a day.
_HOURS = {1, 2, 3, 4, 6, 8, 10, 12, 24, 36, 48, 72, 96}
# The years of the 刑法's fixed terms (有期徒刑 runs to fifteen years).
_PRISON_YEARS = {1, 2, 3, 5, 7, 10, 15}
# Days a rule gives as a time limit: 九日 beside 十日 is the key minus one, no period a law sets (rounds 52 and 56,
# H3140, H3700).
_DAYS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 180}
# Months a rule gives as a time limit: 七个月 beside 「施行之日起十二个月内向社会公布」 is no term a law sets, a filler ruled
# out at a glance (round 95, H7873).
_MONTH_TERMS = {1, 2, 3, 6, 9, 12, 18, 24, 36, 48, 60}


def _a_sum_a_law_sets(amount: float) -> bool:
    """A fine's bound is a round sum a law writes: 1, 2, 3 or 5 of a power of ten (五千元, 三万元). 十一万元 and 二十一万元
    beside 十万元 are ruled out at a glance (round 56, H3616, H3711), and so are 900元, 1500元, 4000元 and 八百元 (round 78,
    H6333, H6344). Of the 2,429 lower ends of a fine's band in the corpus and the held-out statutes, 2,411 are on this
    grid and 8 more on 1.5 or 2.5 of a power of ten (``scripts/fine_bounds.py``)."""
    if amount <= 0:
        return False
    while amount >= 10 and amount % 10 == 0:
        amount /= 10
    return amount in (1, 2, 3, 5)


def _lead_to_blank(template: str) -> str:
    """The six characters that lead to the blank, normalised; ``""`` when fewer than four lead to it."""
    lead = normalize(template.split(BLANK)[0])[-6:]
    return lead if len(lead) >= 4 else ""


def _stated_elsewhere(template: str, filled: str, corpus: _Text | list[str] | str) -> bool:
    """Whether the corpus states ``filled`` right after the words that lead to the blank: the distractor is
    another provision's figure for the same thing."""
    lead = _lead_to_blank(template)
    return bool(lead) and _searchable(corpus).states(lead + normalize(filled), lead)


def _decimals(figure: str) -> int:
    return len(figure.split(".", 1)[1]) if "." in figure else 0


def _finer_than_the_stem(value: str, key: str, template: str) -> bool:
    """A distractor with more decimals than the key and every figure of the stem: 「1.65%」 (another document's tax rate)
    beside a fine of 「1%以上（ ）以下」 (round 73, H5872, H5873) is ruled out at a glance."""
    shown = max((_decimals(m.group()) for m in re.finditer(r"\d+(?:\.\d+)?", template)), default=0)
    return _decimals(value) > max(_decimals(key), shown)


# the start of a range whose end is asked: 「2至（ ）」
_RANGE_START = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)[^\d至到，,。]{0,3}(?:至|到)$")


def _distractors(f: NumberFact, template: str, ctx: _Ctx, n: int = 3) -> list[str]:
    values = []
    alternatives = _number_alternatives(f, ctx.numbers_like(f))
    prison = f.unit == "年" and re.match(r"^(?:以上|以下)?有期徒刑", template.split(BLANK, 1)[-1])
    if prison and _is_chinese(f.value):  # the terms nearest the key: 五年 and 十年 around 七年
        key = _value(f.value)
        terms = sorted(_PRISON_YEARS - {key}, key=lambda y: abs(y - key))
        alternatives += [t for t in (int_to_cn(y) for y in terms) if t not in alternatives]
    months = f.kind == "number" and f.unit in _MONTHS and _value(f.value) in _MONTH_TERMS
    if months and not _PREGNANCY.search(template):
        # the ``n`` terms nearest the key in ratio: 九, 三 and 十二个月 around 六; not 48个月 to renew a mark of ten years
        # within (12个月) (round 96, H8021)
        key = _value(f.value)
        terms = sorted(_MONTH_TERMS - {key}, key=lambda m: (abs(math.log(m / key)), m))[:n]
        written = int_to_cn if _is_chinese(f.value) else str
        alternatives += [written(m) for m in terms]
    amount = _value if f.kind == "number" else str  # a frequency (「半年」) has no number to compare
    seen = {amount(f.value)}
    for value in alternatives:
        if amount(value) in seen:
            continue  # 「二个月」 beside 「两个月」: one term written twice (round 96, H7929, H7953)
        seen.add(amount(value))
        filled = value if f.kind == "frequency" else value + f.unit
        if filled in template or _also_true(template, filled, ctx.text):
            continue
        banded = f.unit in _BANDED and _statute(f.clause)
        if f.kind == "number" and not (
            _within_bounds(template, value, f.unit, banded) and _within_the_year(f, value)
        ):
            continue
        if f.unit == "周岁" and not _an_age_of_its_kind(template, f.value, value):
            continue
        if f.kind == "number" and _value(f.value) >= 10 and abs(_value(value) - _value(f.value)) <= 1:
            continue  # 「13个月」 beside 「12个月内结束」 points at the key (round 70, H5453, H5502)
        if months and _value(value) not in _MONTH_TERMS and not _PREGNANCY.search(template):
            continue
        if f.kind == "number" and f.unit in _MONTHS and _PREGNANCY.search(template):
            if _value(value) > _PREGNANCY_MONTHS:
                continue  # 「怀孕12个月以上」 is no pregnancy (round 70, H5489)
        if f.kind == "number" and _a_whole_period(template, value, f.unit):
            continue
        # 「每日工作……小时」, 「实行（ ）值班制度」: hours of a day (round 44, H2438: no 七十二小时值班)
        daily = f.unit == "小时" and re.search(r"每(?:日|天)|值班", template)
        if daily and _value(value) >= 24:
            continue  # 「每日工作时间不超过二十四小时」 limits nothing
        hours = _value(value) if f.unit == "小时" else 0
        if hours and hours not in _HOURS:
            # 「四十四小时」 (a week's work), 「二十小时」 (beside 24小时 to report an accident in, stop 35): no time
            # limit a law sets
            continue
        if prison and _value(value) not in _PRISON_YEARS:
            continue  # 「处二十五年以上有期徒刑」: no such term
        if f.unit in ("日", "天") and _statute(f.clause) and _value(value) not in _DAYS:
            continue
        if f.unit in _MONEY and _statute(f.clause) and not _a_sum_a_law_sets(_value(value)):
            continue
        if (start := _RANGE_START.search(template.split(BLANK, 1)[0])) and _value(value) <= _value(
            start.group(1)
        ):
            continue  # 「推选代表2至（ ）」: 2人 makes no range (round 102, H9085)
        if template.split(BLANK, 1)[-1].startswith("以上单数") and (
            _value(value) % 2 == 0 or _value(value) == _value(f.value) - 1
        ):
            continue  # 「（五人）以上单数组成」: 四人 and 十人 are no odd number, and 「四人以上单数」 is 五人's (round 100, H8766)
        if f.unit in ("次", "个") and _value(value) <= 1 and template.split(BLANK, 1)[-1].startswith("以上"):
            # 「1次以上」 is everyone who did it once: no threshold (round 80, H6542, H6580); 「不得设立1个以上采矿权」 forbids
            # any (round 87, R1194, H7392)
            continue
        if _stated_elsewhere(template, filled, ctx.text):
            continue  # 「自受理之日起三十日」 is 第五十八条's limit: a second right answer
        if _finer_than_the_stem(value, f.value, template):
            continue
        values.append(value)
    chosen = _straddling(f.value, values, n) if f.kind == "number" else values[:n]
    return [v if f.kind == "frequency" else _written_like(f.value, v) + f.unit for v in chosen]


_WIDE_DIGITS = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _written_like(key: str, value: str) -> str:
    """A distractor in the key's digits: 「３日」 among 「5日」「7日」 is picked out by its width (round 80, H6458, H6459);
    and to the key's decimals: 「17.0%」 among 「15%」「20%」「25%」 is picked out by its point (round 86, H7193)."""
    # a key's zero decimals only: 2.5% beside 3% and 5% gets no 3.0% (round 87, H7310)
    places = _decimals(key) if re.fullmatch(r"\d+\.0+", key) else 0
    if places and not _is_chinese(value) and _decimals(value) < places:
        value = f"{_value(value):.{places}f}"
    return value.translate(_WIDE_DIGITS) if re.search("[０-９]", key) else value


# One unit in terms of another, to compare a distractor with a range's other end: 「（ ）以上1年以下」.
_IN_BASE = {
    "年": ("月", 12),
    "个月": ("月", 1),
    "月": ("月", 1),
    "日": ("日", 1),
    "天": ("日", 1),
    "万元": ("元", 10000),
    "元": ("元", 1),
    "小时": ("小时", 1),
    "倍": ("倍", 1),  # 「处合同价款（ ）以上3倍以下」: no 5倍 or 10倍
    "%": ("%", 1),  # 「处挪用费用（ ）以上50%以下」: no 75%
}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(年|个月|月|日|天|万元|元|小时|倍|%)")


_MONEY = ("元", "万元")
# A statute's band of a sum or a share, 「X以上Y以下」, spans at least twice its lower end: 「4000元以上5000元以下」 and
# 「0.7%以上1%以下」 are out at a glance (rounds 78 and 80, H6333, H6444, H6448). Of the 2,429 fine bands of the corpus and
# the held-out statutes 33 span less, of the 36 bands of a share 3 (``scripts/fine_bounds.py``).
_BANDED = (*_MONEY, "%")
_APART, _BAND_APART = 1.2, 2.0


def _within_bounds(template: str, value: str, unit: str, band: bool = False) -> bool:
    """A distractor inside the range the sentence states, and a range a law would write: not 12个月 or
    more in 「（ ）以上1年以下」 or 「不得少于（ ）且不得超过1年」, nor 11个月 (a range of a month); not the lower end or less, nor barely more
    than it, in 「3个月以上（ ）以下」: the ends stay a fifth apart (×1.2). With ``band`` (a statute's sum or share), a band
    「X以上Y以下」 spans twice its lower end (``_BAND_APART``), and a sum of ten thousand is not written in 元 beside an end in
    万元: 「10000元以上2万元以下」 is no law's wording (round 80, H6479)."""
    if unit not in _IN_BASE:
        return True
    base, factor = _IN_BASE[unit]
    x = _value(value) * factor
    before, _, after = template.partition(BLANK)
    # 「（ ）以上1年以下」, and 「不得少于（ ）且不得超过3年」 (round 50, H3023: 5年 and 10年 out at a glance)
    upper = re.match(r"^(?:以上|[且，,]?(?:最长|最多)?不(?:得)?超过)" + _AMOUNT.pattern + "(?:以下)?", after)
    lower = re.search(_AMOUNT.pattern + r"以上$", before)
    upper_band = (
        band and upper is not None and upper.group().startswith("以上") and upper.group().endswith("以下")
    )
    for m, in_band, too_far in (
        (upper, upper_band, lambda y, k: x * k > y),
        (lower, band, lambda y, k: x < y * k),
    ):
        if m is None or _IN_BASE[m.group(2)][0] != base:
            continue
        if too_far(_value(m.group(1)) * _IN_BASE[m.group(2)][1], _BAND_APART if in_band else _APART):
            return False
        if in_band and unit == "元" and m.group(2) == "万元" and x >= 10000:
            return False
    # 「禁止其1至（ ）年内」「可以承包前2至（ ）年」: the range's start bears the unit after the blank, and its end lies past
    # it (round 75, H6080: 「1至1年」; H6109: 1年 and 2年 beside 「前2至」)
    # 「对原定额可以给予（ ）至一年的保留期」: the range's start lies before its end (round 87, H7377: 十二个月至一年)
    to = re.match(r"^至" + _AMOUNT.pattern, after)
    if (
        to
        and _IN_BASE[to.group(2)][0] == base
        and x * _APART > _value(to.group(1)) * _IN_BASE[to.group(2)][1]
    ):
        return False
    start = re.search(r"(\d+|[一二两三四五六七八九十]+)至$", before)
    if start and _value(value) < _value(start.group(1)) * 1.2:
        return False
    # 「货值金额等值以上（ ）以下」: the lower end is one time the sum, so no 「1倍」 (round 70, H5510)
    return not (unit == "倍" and before.endswith("等值以上") and x < 1.2)


# A pregnancy is counted in months up to nine (「对怀孕7个月以上的女职工」).
_PREGNANCY = re.compile(r"怀孕|孕期|妊娠")
_PREGNANCY_MONTHS = 9
# The period a 「每……」 repeats in: a span of one such period beside it holds one repetition.
_EVERY = {"年": "每年", "个月": "每月", "月": "每月"}


def _a_whole_period(template: str, value: str, unit: str) -> bool:
    """A span of a whole period a 「每……」 beside it repeats in: 「投入使用后1年内……应当每年报告」 leaves one report (round 70,
    H5469); in 「每年在中国内地居留时间不得少于（ ）」 12个月 is the whole year, no share of it a rule would ask (round 76,
    H6161)."""
    if _value(value) == 1 and _EVERY.get(unit, "-") in template:
        return True
    days = _DAYS_IN.get(unit)
    every = re.search(r"每(年|月)", template.split(BLANK)[0])
    if days is None or every is None:
        return False
    return _value(value) * days >= (365 if every.group(1) == "年" else 30) - 5


# A figure with its unit in a stem, and units compared in one base (周岁, 次 and 人 as they are; a month is 30 days
# beside days: 「1个月」 is 「30天」, round 70, H5458).
_STEM_FIGURE = re.compile(
    r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(年|个月|月|日|天|周岁|万元|元|小时|倍|%|次|人)"
)
_DAYS_IN = {"年": 365, "个月": 30, "月": 30}
_STEM_BASE = (
    _IN_BASE
    | {unit: ("日", days) for unit, days in _DAYS_IN.items()}
    | {unit: (unit, 1) for unit in ("周岁", "次", "人")}
)


def _figure_in_base(text: str) -> tuple[str, float] | None:
    m = _STEM_FIGURE.fullmatch(text.strip())
    if m is None:
        return None
    base, factor = _STEM_BASE[m.group(2)]
    return base, _value(m.group(1)) * factor


def _figures_in_base(text: str) -> list[tuple[str, float]]:
    return [f for m in _STEM_FIGURE.finditer(text) if (f := _figure_in_base(m.group())) is not None]


def crosses_a_figure_of_the_stem(q: Question, key_text: str = "") -> bool:
    """A distractor on the other side of a figure the stem states than the key, or equal to it: beside
    「地处偏僻、交通不便的应当在60天内」 the general limit is under 60天, so 90天 is out at a glance; beside 「首聘年龄……不得
    高于65周岁」 the highest age is over it, so 55 and 60周岁 are (round 68: H5204, H5252, H5353). A false statement's
    changed figure the same, given the figure it replaced (``key_text``): 「最高年龄不得超过55周岁」 after 「首聘……不得高于
    65周岁」 (round 69, H5406), 「最长不得超过1年」 after 「一般不超过1年」 (H5442)."""
    if q.type == "single" and q.answer in LETTERS[: len(q.options)]:
        key = _figure_in_base(q.options[LETTERS.index(q.answer)])
        stem = _figures_in_base(q.stem.replace("（ ）", ""))
        others = [f for f in map(_figure_in_base, q.options) if f is not None and f != key]
    elif q.type == "judge" and q.answer == "错" and key_text:
        key = _figure_in_base(key_text)
        # the changed figure: in the stem, in neither the source sentence nor the sentences before it
        said, written = Counter(_figures_in_base(q.stem)), Counter(_figures_in_base(q.quote + q.context))
        others = list((said - written).elements())
        stem = list((said - Counter(others)).elements())
    else:
        return False
    if key is None:
        return False
    anchors = [v for base, v in stem if base == key[0] and v != key[1]]
    values = [v for base, v in others if base == key[0]]
    return any(v == a or (v > a) != (key[1] > a) for a in anchors for v in values)


# A count of months stays within the year its key is in: a law writes a term under a year in months (「怀孕7个月」
# 「离岗六个月」「三个月内开工」), so beside such a key a distractor of 24个月 is another order of time (a pregnancy
# twice over, a two-year absence), out at a glance; 12个月 (a year) is the span's natural end and stays.
_MONTHS = ("个月", "月")
_YEAR_IN_MONTHS = 12


def _within_the_year(f: NumberFact, value: str) -> bool:
    """A distractor of months for a key under a year is a year or less: not 24个月 beside 「怀孕7个月以上」. A key
    of a year or more (「二十四个月」) bounds nothing."""
    if f.unit not in _MONTHS or _value(f.value) >= _YEAR_IN_MONTHS:
        return True
    return _value(value) <= _YEAR_IN_MONTHS


def _straddling(answer: str, values: list[str], n: int) -> list[str]:
    """``n`` of ``values`` in their order, but not all on one side of the answer when the other side has
    one (the nearest in ratio): 23, 25 and 27个月 (the 伤残补助金 months) around 12个月 leave the key
    the odd one out."""
    chosen = values[:n]
    key = _value(answer)
    sides = {_value(v) > key for v in chosen}
    if len(chosen) == n and len(sides) == 1:
        others = [v for v in values[n:] if (_value(v) > key) not in sides and _value(v) > 0]
        # the one nearest the key in ratio: 5% rather than 0.5% for 「减少10%左右」
        other = min(others, key=lambda v: abs(math.log(_value(v) / key)), default=None) if key > 0 else None
        if other is not None:
            chosen = [*chosen[: n - 1], other]
    return chosen


def _display(text: str) -> str:
    """A fragment as a stem: no dangling comma at either end, a full stop at the end."""
    text = text.strip(",，;；、")
    return text if re.search(r"[。？！?)）]$", text) and not text.endswith("（ ）") else text + "。"


def _shuffle(correct: list[str], wrong: list[str], ctx: _Ctx) -> tuple[list[str], str]:
    options = correct + wrong
    ctx.rng.shuffle(options)
    return options, "".join(sorted(LETTERS[options.index(c)] for c in correct))


# A statute's 「……的，处……」 that grades what came before: a tier after 「；」 (「对积极参加的，处……」, 「销售金额
# 二十万元以上不满五十万元的，……」) or a 项 of a 「下列……」 list (「法定最高刑为十年以上有期徒刑的，经过十五年」).
_ITEM_OPENS = re.compile(r"[（(][一二三四五六七八九十]+[）)]\s*$")
_TIER_OPENS = re.compile(r"(?:[；;]|" + _ITEM_OPENS.pattern.removesuffix(r"\s*$") + r")\s*$")
_CONDITION = re.compile(r"^[^，,；;。]{2,40}的[，,]")
_CONDITIONS = re.compile(r"下列[^：:\n]{0,6}(?:条件|情形)(?:之一)?(?:的)?[，,：:]")


def _graded_tier(f: NumberFact, frag: str) -> bool:
    """A statute's condition whose crime, party or lead-in is before it in the article, or a sentence that
    a list after its 「：」 qualifies (「……主要负责人五年内不得担任……：」 of the 下列情形)."""
    if not _statute(f.clause):
        return False
    line = f.clause.text[f.sentence_start :].split("\n", 1)[0]
    if line.rstrip().endswith(("：", ":")):
        return True
    if not f.sentence.startswith(frag[:6]):
        return False
    before = f.clause.text[: f.sentence_start]
    if _ITEM_OPENS.search(before) and "下列" in before and not names_party(frag):
        return True  # 「注册资本不得少于人民币二百万元」: whose? the list's lead-in says
    if _ITEM_OPENS.search(before) and _CONDITIONS.search(before):
        # 「发起人在近三年内没有重大违法行为」: a condition of what? of the lead-in's 申请 (round 78, H6383, H6385); 「最近1年因
        # 重大违法违规行为被……处以行政处罚」: whom it bars from what, the lead-in's 情形 says (round 81, H6744)
        return True
    return bool(_TIER_OPENS.search(before) and _CONDITION.match(frag))


def _another_figure_for_it(template: str, f: NumberFact, corpus: _Text | list[str] | str) -> bool:
    """Another provision gives another figure after the same words: 「人民法院应当自受理之日起（ ）内作出执行裁定」
    is 七日 in 第五十七条 and 三十日 in 第五十八条, so both answers hold. The same words are all the stem shows before
    the blank: 「生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正，处（ ）以上」 names its conduct,
    and another article's 「……，处五万元以上」 is no second answer to it (with the six characters before the blank alone,
    安全生产法 lost 19 of its 90 figures, its fines among them)."""
    lead = normalize(without_label(template.split(BLANK)[0]))  # 「第五十七条 」 is no words of the rule
    if len(lead) < 4 or not f.unit:
        return False
    figure = re.compile(r"([\d.一二两三四五六七八九十百千]+)" + re.escape(normalize(f.unit)))
    text = _searchable(corpus)
    after = (at + len(lead) for at in text.places(lead[:_OPENING_MAX]) if text.text.startswith(lead, at))
    return any((m := figure.match(text.text, at)) and m.group(1) != normalize(f.value) for at in after)


# A statute's fill-in or figure is asked from its sentence's start when the sentence is this short up to the
# fact: its comma-pieces lean on the subject and the situation the sentence gave first.
_WHOLE_WITHIN = 90


def _whole_within(clause: Clause) -> int:
    """``fragment``'s ``whole_within`` for a fact of ``clause``: a plan's comma-pieces are tasks of their own."""
    return _WHOLE_WITHIN if _statute(clause) else 0


def _round_the_clock(f: NumberFact) -> bool:
    """「实行二十四小时值班制度」「二十四小时接受用户报修」: all day, not a period to learn. Any other number of hours
    beside it is absurd (a 二十小时 or 三十六小时 duty roster), and the words are a stock phrase (rounds 48–50: three
    such items, all bad). Twenty-four hours within which something is due (「二十四小时内」) is a deadline, and asked."""
    if f.unit != "小时" or cn_to_int(f.value) != 24:  # 二十四 or 24
        return False
    after = f.clause.text[f.start + f.text.find("小时") + 2 :]
    return not re.match(r"[以之]?内|前|后|以上|以下|届满|的", after)


def _cut_from_within(f: NumberFact, frag: str) -> bool:
    """A statute's figure asked from a piece inside its sentence, the opening left out because the sentence runs past
    ``_WHOLE_WITHIN`` before it: 「所在单位应当自……起（ ）内……」 without 「职工发生事故伤害或者……被诊断、鉴定为职业病，」,
    「安装、改造、维修的施工单位应当在验收后（ ）内……」 without the equipment. The opening says whose, when or under what
    condition; all 7 such items in the held-out banks at stop 37 were read bad (against 43 of 823 others)."""
    if not _statute(f.clause):
        return False
    sentence = without_label(f.sentence).lstrip()
    return not sentence.startswith(without_label(frag).lstrip()[:10])


def _in_a_name(f: NumberFact) -> bool:
    """A figure inside quotation marks is part of a name (「“四人帮”」「“三同时”」), no figure a rule sets: anyone fills
    it (round 74, H6001)."""
    text = f.clause.text
    opened = max(text.rfind("“", 0, f.start), text.rfind('"', 0, f.start))
    closed = text.rfind("”", 0, f.start)
    return opened > closed and opened >= f.start - 8


# 「2个或者2个以上」「两个或者两个以上」: one figure written twice, a stock way of saying "more than one".
_OR_MORE = re.compile(r"([\d一二两三四五六七八九十]+)([个名人家项次]?)或者\1\2以[上下]")


def _or_more(f: NumberFact) -> bool:
    """The figure is one of the two of 「N个或者N个以上」: it says "several", not a threshold to learn, and
    changing one of the two reads as nonsense (「2个或者3个以上」; round 64, 船舶登记条例)."""
    return any(m.start() <= f.start < m.end() for m in _OR_MORE.finditer(f.clause.text))


def build_number(f: NumberFact, qtype: str, ctx: _Ctx) -> Question | None:
    template, core, frag = number_template(f, whole_within=_whole_within(f.clause))
    if not f.sentence.startswith(frag) and bare_time_start(frag):
        # 「……监测预警系统基本建成并运行,2025年底前实现矿山主要安全风险监测预警全覆盖」: a plan's piece that opens on
        # its deadline says what is to be done by then only with the start of its sentence
        template, core, frag = number_template(f, whole_within=_WHOLE_WITHIN)
    if _graded_tier(f, frag) or _another_figure_for_it(template, f, ctx.text) or _cut_from_within(f, frag):
        return None
    before, _, after = template.partition(BLANK)
    if re.search(r"可以(?:少于|低于|短于|超过|高于|长于)$", before):
        return None  # 「间隔时间可以少于（12个月）」: any shorter interval is allowed too (round 77, H6262)
    if (
        f.kind == "number"
        and f.text.endswith("以上")
        and _value(f.value) == 2
        and re.search(r"协商|共同|联合|确定一个", re.split(r"[。；;]", f.sentence.partition(f.text)[2])[0])
    ):
        # 「有（2个）以上中国合作者的，由……协商确定一个主管部门」: more than one is what needs agreeing on (rounds 86–88,
        # H7235, H7392, H7463)
        return None
    set_phrase = _SET_FIGURES.get(_value(f.value)) if f.kind == "number" and f.unit == "年" else None
    if set_phrase is not None and set_phrase.match(after):
        return None  # 「（九年）义务教育」「（五年）立法规划」: a figure anyone knows from its phrase (round 92, H7639, H7655)
    if f.unit == "次" and _value(f.value) == 1 and re.search(r"每(?:年|半年|季度|月|周|日|天)", before):
        return None  # 「每年组织（1次）……年度注册」: once a year is the guess (round 87, H7270)
    if qtype == "blank" and f.unit == "次" and re.match(r"^[。；;]?$", after):
        return None  # 「可以申请延长____。」: 2次 or 2年, the stem does not say (round 87, H7316)
    if f.value in ("1", "一") and after.startswith("年度"):
        return None  # 「年休假在（1个）年度内……安排」: a year's leave within its year (round 77, H6286)
    if re.search(r"第[一二三四五六七八九十\d]+年?至$", before):
        return None  # 「第四至（ ）」: the end of a count of years, which 二年 or 三年 cannot be (round 72, H5742)
    if f.unit == "日" and re.search(r"[一二三四五六七八九十\d]月$", before):
        return None  # 「次年四月（ ）」: a day of a month is a date, not a period (round 44, H2446: 六十日)
    if _round_the_clock(f) or _or_more(f) or _what_a_minor_is(f, template) or _in_a_name(f):
        return None
    if _an_age_known_to_all(f, template):
        return None
    if ends_in_adverbial(frag):
        return None  # 「……起15日内，持……的证明文件，」: too long to reach what is to be done (H5159)
    if qtype == "blank":
        return _question(f.clause, "blank", _display(template), core, f.sentence, template, difficulty="中")
    wrong = _distractors(f, template, ctx)
    if f.kind == "deadline" and f.unit == "年":  # a bare year (2024年到2026年) only makes a blank
        return None
    if qtype == "single" and len(wrong) == 3:
        options, answer = _shuffle([core], wrong, ctx)
        stem = _display(template.replace(BLANK, "（ ）"))
        return _question(
            f.clause, "single", stem, answer, f.sentence, template, options=options, difficulty="易"
        )
    if qtype == "judge" and wrong:
        if ctx.rng.random() < 0.5:
            return _question(f.clause, "judge", _display(frag), "对", f.sentence, frag, difficulty="易")
        if f.kind != "frequency" and re.search(f"(?<![\\d.{CN_NUMERAL}]){re.escape(core)}", template):
            return None  # 「2年内未开工……1年期限届满」: the figure changed once and kept once contradicts itself (H6706)
        wrong = [w for w in wrong if not _still_true(w, f, before, after)]
        if not wrong:
            return None
        # the figure the bank's false items have said least: five 刑法 items made false with 「一年以下」 teach that
        # 一年以下 is false (stop 42, the knowledge-base reading of R1172–R1175)
        said = min(wrong, key=lambda w: ctx.said_false[normalize(w)])
        ctx.said_false[normalize(said)] += 1
        changed = template.replace(BLANK, said, 1)
        return _question(f.clause, "judge", _display(changed), "错", f.sentence, changed, difficulty="中")
    return None


# A figure that bounds whom or what a rule binds: 「300人以上的集体企业建立职工代表大会制度」, 「超过三个月未还的」, 「不满十六周岁
# 不予刑事处罚的」: (its bound before the figure, its bound after it, and the condition's 的).
_BOUND_BEFORE = re.compile(
    r"(不少于|不低于|不小于|不超过|不高于|不大于|不多于|不满|未满|不足|超过|满|达到|高于|大于|多于|少于|低于|小于)$"
)
# the bounds a larger figure narrows (「超过三个月未还的」): the others are narrowed by a smaller one (「不超过50万吨的」)
_LOWER_BOUNDS = ("超过", "满", "达到", "高于", "大于", "多于", "不少于", "不低于", "不小于")
_BOUND_AFTER = re.compile(r"^(以上|以下)?[^，,。；;]{0,16}的")
_LEADING_FIGURE = re.compile(r"\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+")
# a span within which an act is barred: 「竣工后三年内不得挖掘」
_WITHIN_BARRED = re.compile(r"^(?:内|以内|之内)[，,]?[^。；;，,]{0,12}?(?:不得|禁止|严禁|不准)")


# Figures of years anyone knows from a set phrase: 「九年义务教育」, 「五年规划」.
# (「九年制义务教育」 too: round 101, H8996)
_SET_FIGURES = {9.0: re.compile(r"^(?:一贯制|制)?义务教育"), 5.0: re.compile(r"^[\u4e00-\u9fff]{0,2}规划")}


def _still_true(wrong: str, f: NumberFact, before: str, after: str) -> bool:
    """A false figure that only narrows the rule's scope leaves it true: 「500人以上的集体企业建立职工代表大会制度」 holds where
    the rule says 300人以上 (round 90, H7615, keyed 错), as 「超过六个月未还的」 is 「超过三个月未还的」 too; so does 100人以下
    under 「200人以下的」, 十四周岁 under 「不满十六周岁……的」, 25万吨 under 「不超过50万吨的」, or 「一年内不得挖掘」 under a rule of
    三年内 (round 92, H7674)."""
    figure = _LEADING_FIGURE.match(wrong)
    if f.kind != "number" or figure is None:
        return False
    value, key = _value(figure.group()), _value(f.value)
    if _WITHIN_BARRED.match(after):
        return value < key
    scope, bound = _BOUND_AFTER.match(after), _BOUND_BEFORE.search(before)
    if scope is None or not (scope.group(1) or bound):
        return False
    lower = (
        scope.group(1) == "以上" if scope.group(1) else bound is not None and bound.group(1) in _LOWER_BOUNDS
    )
    return value > key if lower else value < key


def _affix(items: tuple[str, ...]) -> tuple[str, str]:
    """The longest start and end (up to two characters) every item shares: 「有目标、有成效」 → ("有", ""),
    「事实到位、程序到位」 → ("", "到位")."""
    first = last = ""
    for n in (1, 2):
        if all(len(i) > n and i[:n] == items[0][:n] for i in items):
            first = items[0][:n]
        if all(len(i) > n and i[-n:] == items[0][-n:] for i in items):
            last = items[0][-n:]
    return first, last


def _sibling_items(fact: ListFact, ctx: _Ctx, clause_text: str) -> list[str]:
    """Distractors of the same kind as the list's items, none of them in the cited clause: items of other
    lists of the same document and the same category (another 措施 for a 措施) or the same affix (「有X」
    for 「有X」, 「X到位」 for 「X到位」, of an item's exact length), within one character of the items' length. No such item: no
    distractor, and no question that needs one (「澡堂」 is not a 督办 measure, 「假兽药」 not a training
    fraud)."""
    own = set(fact.items)
    norm_clause = normalize(clause_text)
    first, last = _affix(fact.items)
    lengths = {len(i) for i in fact.items}
    out: list[str] = []
    seen: set[str] = set(own)
    for lf in ctx.lists_of(fact.clause.doc_id):
        if lf.span == fact.span:
            continue
        same_category = fact.kind == "enum" and lf.kind == "enum" and lf.name == fact.name
        for item in lf.items:
            if item in seen or normalize(item) in norm_clause:
                continue
            if min(abs(len(item) - n) for n in lengths) > 1:
                continue
            # a shared affix is a pattern of the exact length too: 「新建」 is not one of 「新结构、新材料」
            # and the other list shares it too: 「全面规划」 of 「统一规划、全面规划、……」 principles is no plan
            # beside 「流域规划、区域规划」
            same_affix = (
                bool(first or last)
                and item.startswith(first)
                and item.endswith(last)
                and len(item) in lengths
                and all(i.startswith(first) and i.endswith(last) for i in lf.items)
            )
            if same_category or same_affix:
                seen.add(item)
                out.append(item)
    ctx.rng.shuffle(out)
    return out


# Verbs that take what follows as their object (「鼓励、引导……单位投保」「督促、指导……企业」).
_GOVERNING = re.compile(
    r"鼓励|引导|支持|推动|督促|指导|组织|协助|帮助|促进|扶持|动员|要求|责令|倡导|监督|检查|教育|引领"
)


# (纳入 and 列入 too: 「将革命遗址的保护利用纳入宣传教育、红色旅游、乡村振兴等规划」 read 「纳入宣传教育」, round 104, H9293)
_ITEM_VERB = re.compile(
    r"确定|建立|明确|制定|加强|落实|提供|配备|设置|开展|采取|实行|组织|保障|做好|纳入|列入"
)
# The verbs a plan's or a policy's measures open with: 「强化产业支撑」「完善土地政策」
_POLICY_VERB = re.compile(
    _ITEM_VERB.pattern
    + r"|强化|完善|提升|推进|促进|健全|优化|加快|提高|增强|推动|支持|鼓励|扩大|深化|创新|培育|引导"
)


# Runs anyone fills in without the document: what an association or agency is said to offer (「相关行业协会应当提供信息、
# 培训、咨询等服务」, round 95, H7862), the forms of hearing views (「听取意见可以采取座谈会、论证会、听证会等多种形式」,
# round 96, H8012), and those below.
_STOCK_RUNS = (
    frozenset({"信息", "培训", "咨询", "技术", "指导", "宣传", "教育", "交流", "法律", "政策"}),
    frozenset({"座谈会", "论证会", "听证会", "书面征求意见", "网上征求意见"}),
    # the 精神文明 campaigns (「推进文明单位、文明村镇、文明家庭等创建活动」, round 97, H8130) and a school's zones (「合理安排
    # 教学、运动、生活等功能分区」, H8115)
    frozenset({"文明单位", "文明村镇", "文明家庭", "文明校园", "文明城市", "文明社区"}),
    frozenset({"教学", "运动", "生活", "办公", "后勤"}),
    frozenset({"文明执法", "文明办事", "文明服务"}),  # round 102, H9111
    # waste's stages and principles (「采集生活垃圾分类收集、运输、处置等信息」, 「遵循减量化、资源化、无害化的原则」: round 102,
    # H9103, H9078)
    frozenset({"收集", "运输", "贮存", "利用", "处置", "处理"}),
    frozenset({"减量化", "资源化", "无害化"}),
    # the 三品 (「完善无公害农产品、绿色食品、有机食品等产地认定制度」, round 103, H9201)
    frozenset({"无公害农产品", "绿色食品", "有机食品", "有机农产品", "农产品地理标志"}),
    # the media (「充分利用广播、电视、报纸、互联网等各种媒体」, round 100, H8758)
    frozenset({"广播", "电视", "报纸", "报刊", "杂志", "互联网", "网络", "新媒体", "户外广告"}),
    # a project's stages (「加强对城市轨道交通规划、投资、建设、运营和管理工作的领导」, round 110, H10359)
    frozenset({"规划", "投资", "建设", "运营", "管理", "设计", "施工", "维护", "养护"}),
)

_QUALITY_CHARS = 5  # 「可达性」「交通可达性」: a quality, not a clause ending in 性


def _stock_run(items: tuple[str, ...]) -> bool:
    """A list every item of which is of one stock run (信息、培训、咨询; 座谈会、论证会、听证会), or a quality (整体性、
    安全性、亲水性: what any plan is said to show, true at a glance, and another quality swapped in is as true, round 96,
    H7970, H7971)."""
    if len(items) < 2:
        return False
    return any(all(item in run for item in items) for run in _STOCK_RUNS) or all(
        item.endswith("性") and len(item) <= _QUALITY_CHARS for item in items
    )


_SHOWN_SHARE = (1, 2)  # half the items shown is a giveaway: two of three (round 96), two of four (round 105)


def _read_off_the_sentence(fact: ListFact, quoted: str) -> bool:
    """Half the left-out items or more stand in the rest of the quoted sentence: 「科学合理布局____等功能空间，划定生态保护
    红线、永久基本农田、城镇开发边界」 keyed 生态；农业；城镇 (round 96, H7989); 「村庄规划应当合理安排____等布局，确定村民住宅
    用地和乡村产业用地规模」 keyed 农业生产；村民住宅；公共服务；乡村产业 (round 105, H9414)."""
    shown = sum(item in quoted for item in fact.items)
    return shown * _SHOWN_SHARE[1] >= len(fact.items) * _SHOWN_SHARE[0]


def _misread(items: tuple[str, ...]) -> bool:
    """Items the list reader cut wrongly: a short item with 的 inside (「全的决水」), a first item that holds the
    sentence's verb (「确定交通」 before 「医疗、物资」), or one item without the start all the others share (「突出」
    among 「防火、防尘、防治水」)."""
    if any(len(i) <= 4 and "的" in i[1:-1] for i in items):
        return True
    # 「鼓励、引导矿山、危险物品……领域的生产经营单位」: a run of verbs read on into the run of their objects, so one
    # item is a verb and the next the second verb glued to the first object (「引导矿山」)
    for prev, item in zip(items[:-1], items[1:], strict=True):
        glued = _GOVERNING.match(item)
        if (
            _GOVERNING.fullmatch(prev)
            and glued
            and glued.end() < len(item)
            and not _GOVERNING.match(item[glued.end() :])
        ):
            return True
    # 「确定交通、医疗、物资、经费、治安等保障措施」: the sentence's verb read into the first item (「确定交通」)
    first = _ITEM_VERB.match(items[0])
    if first and len(items) >= 3 and not any(_ITEM_VERB.match(i) for i in items[1:]):
        if len(items[0]) - first.end() <= max(len(i) for i in items[1:]):
            return True
    # 「采取提升经济开发区城市综合功能、强化产业支撑、完善土地政策等措施」: every item but the first opens with its verb, so the
    # first item's verb (提升) was read into the sentence and 「城市综合功能」 is no measure (round 107, H9895)
    if len(items) >= 3 and not _POLICY_VERB.match(items[0]) and all(_POLICY_VERB.match(i) for i in items[1:]):
        return True
    if len(items) >= 4:
        starts = [i[:1] for i in items]
        common = max(set(starts), key=starts.count)
        share = starts.count(common) / len(items)
        if share >= 0.6 and any(len(i) <= 2 and not i.startswith(common) for i in items):
            return True
    return False


_ITEM_MARK = re.compile(r"[（(][一二三四五六七八九十]+[）)]")


def _name_of_another_list(fact: ListFact, text: str) -> bool:
    """Whether another 项 of the article uses the list's name for something else: 「第六十七条所列的场所」
    is item (二)'s 应急避难、封闭隔离…场所 or item (七)'s 易受危害的场所? A name repeated with the list's
    own items (刑法 第三百一十八条's 「杀害、伤害……等犯罪行为」 again in its second paragraph) is the same list; one
    with other items is another: 地质灾害防治条例 第十一条 lists 「建设、水利、铁路、交通等部门」 for the State and
    「建设、水利、交通等部门」 for a county, 水土保持法 第三十五条 three runs of 「……等措施」."""
    at = text.find(fact.span)
    if at < 0:
        return False
    for m in re.finditer("等" + re.escape(fact.name), text):
        if not at <= m.start() < at + len(fact.span):
            sentence = re.split(r"[。；;\n]", text[: m.start()])[-1]
            if not all(item in sentence for item in fact.items):
                return True
    marks = [m.start() for m in _ITEM_MARK.finditer(text)]
    if not marks:
        return False

    def item_of(pos: int) -> int:
        return sum(1 for m in marks if m <= pos)

    for m in re.finditer(re.escape(fact.name), text):
        if at <= m.start() < at + len(fact.span):
            continue
        sentence = re.split(r"[。；;\n]", text[: m.start()])[-1]
        if any(item in sentence for item in fact.items):
            continue
        if item_of(m.start()) != item_of(at):
            return True
    return False


def _another_list_of_its_kind(fact: ListFact, text: str) -> bool:
    """Whether the article runs another 「……等X」 whose category noun ends as the list's does (材料 and 资料, 措施
    and 必要措施): 第十一条 of the 电力安全事故 regulation keeps 「工作日志、工作票、操作票等相关材料」 and 「故障录波
    图……等相关资料」, so a trainee asked for 「第十一条所列的相关材料」 lists both with reason. (A run the list reader
    did not take, as that one with its 「和」, counts too: only the 等 and the noun are read.)"""
    at = text.find(fact.span)
    if at < 0 or not fact.name:
        return False
    kind = re.compile("等([^，,。；;、：:（）()等]{0,4}?" + re.escape(fact.name[-1]) + ")")
    # the other run's noun is a category (「等协同实施」 is an act, not a kind of 措施)
    return any(
        not at <= m.start() < at + len(fact.span) and _a_category(m.group(1)) for m in kind.finditer(text)
    )


# A condition (「事故可能导致……的，」) or a time (「……后，」「……时，」) in the lead-in of a list: the list holds only then.
_LEAD_CONDITION = re.compile(r"(?:的|时|后)[，,]")


# A list that is the last of several things a sentence says something includes: 「防震减灾规划的内容应当包括：震情形势……，
# 以及防震减灾技术、信息、资金、物资等保障措施」.
_INCLUDES = re.compile(r"^([^，,：:。]{2,30}?包括)[：:]?(.*[，,、].*)$")


_MUST = re.compile(r"应当|必须")


# A phrase before a modal that says when, not who: 「监督检查中」「发生事故后」.
_A_TIME = re.compile(r"[中时后前内]$")


def _names_who_acts(fact: ListFact) -> bool:
    """Whether a statute's list can be asked: the question quotes its whole sentence (``_quoted_with_gap``), and
    that sentence must say who acts. A condition with a party before the list (「事故可能导致……的，电力调度机构有权
    决定采取……」) does; one with none (an item of a 「下列」 list) does not. So does the opening of a longer
    enumeration (「防震减灾规划的内容应当包括：……」) and of a long sentence whose modal governs the list; means
    (「采取……等方式」) only with what they are for in the phrase before; a time before the modal (「监督检查中，」) only
    with a party after it; any other list, where its own sentence has a subject and a modal before it
    (``_subject_before``)."""
    at = fact.sentence.find(fact.span)
    if at <= 0:
        return _subject_before(fact)
    lead = re.split(r"[；;]", fact.sentence[:at])[-1]
    bare = without_label(lead).strip()
    if _INCLUDES.match(bare):
        return True
    phrases = re.split(r"[，,]", bare)
    modal = _MUST.search(lead)
    last = phrases[-1]
    if len(phrases) >= 3 and modal and last and not (_MUST.search(last) or re.search(r"的$|[：:]", last)):
        head = _MUST.split(phrases[0])[0]  # 「生产经营单位应当……」: its party
        if _A_TIME.search(head):
            # 「监督检查中，被检查单位负责人拒绝签字的，检查人员应当注明情况，并采取……」: the time is no party; the
            # party is the one before the modal
            owner = next(i for i, p in enumerate(phrases) if _MUST.search(p))
            return bool(_MUST.split(phrases[owner])[0])
        if last.removeprefix("并") in _MEANS_VERBS:  # 「……，并采取……等方式记录」
            # 「……应当根据……需要，建立健全……企业退出机制，采取停产、转产、搬迁等方式，确保安全生产」: the means are
            # the means of the phrase before, which must be an act of its own
            purpose = phrases[-2]
            return not (_COVERB.match(purpose) or _MUST.search(purpose))
        return True
    if not _LEAD_CONDITION.search(lead):
        return _subject_before(fact)
    return names_party(_LEAD_CONDITION.split(lead)[-1])


_ASKING_MODAL = re.compile(r"应当|必须|可以|有权")
# A verb that only says «by these means»: its list is asked with what the means are for.
_MEANS_VERBS = ("采取", "采用", "通过", "运用", "利用", "借助")
_COVERB = re.compile(
    r"通过|利用|运用|借助|依托|会同|联合|组织|协调|根据|按照|依照|依据|结合|针对|围绕|对|向|为|与|同|和|以"
)


def _subject_before(fact: ListFact) -> bool:
    """Whether the list's own sentence has a subject, a modal and a verb before it (「负有安全生产监督管理职责的
    部门应当制定……；……；完善交通、医疗、物资……等保障措施」: 部门, 应当, 完善). 「矿区生态修复应当采取……」 names what
    the rule is about, not who acts; 「应当通过电视、报纸、网络等媒体，宣传……」 makes the list a means."""
    text = fact.clause.text
    at = text.find(fact.sentence)
    at = text.find(fact.span, at) if at >= 0 else -1
    if at <= 0:
        return False
    # the whole sentence up to the list: a run of duties split at 「；」 has its subject in the first
    before = without_label(re.split(r"[。\n]", text[:at])[-1]).strip()
    modals = list(_ASKING_MODAL.finditer(before))
    if not modals:
        return False
    modal = modals[-1]  # the modal that governs the list: one of an earlier rule has another subject
    party = before[: modal.start()]
    if (
        len(party) < 2
        or re.search(r"[，,；;：:、]", party)
        or re.match(r"[（(对在按依根]", party)
        or _A_TIME.search(party)  # 「监督检查中，应当……」: a time, not who acts
    ):
        return False
    verb = re.split(r"[，,；;]", before[modal.end() :])[-1]
    return bool(
        verb and len(verb) <= 12 and re.match(r"[\u4e00-\u9fff]", verb) and not _COVERB.fullmatch(verb)
    )


def _list_stem_subject(fact: ListFact) -> str:
    if fact.kind == "named":
        return f"“{fact.name}”"
    title = fact.clause.title.rstrip("。")
    if not title or re.fullmatch(r"第[一二三四五六七八九十百零〇]+条", fact.clause.label):
        # an article of a law: 「《安全生产法》第二十八条所列的……」 (a law's article has no title; its first
        # paragraph, 「职业病病人变动工作单位，其依法享有的待遇不变」, does not name the list)
        doc = re.sub(r"^中华人民共和国", "", re.sub(r"[《》]", "", fact.clause.doc_title))
        return f"《{doc}》{fact.clause.label}所列的{fact.name}"
    return f"“{title}”一条所列的{fact.name}"


# How long a sentence a list question quotes whole: a trainee reads it at a glance, not a paragraph.
_QUOTED_CHARS = 100


# The first half of a department's name joined by 和: 自然资源和规划, 发展和改革, 住房和城乡建设, 人力资源和社会保障
_DEPARTMENT_JOINED = re.compile(r"(?:规划|自然资源|发展|住房|人力资源|文化|科学技术|工业|农业)和$")


def _quoted_with_gap(fact: ListFact) -> str | None:
    """The opening of a question on an enumeration: its whole sentence quoted with the items left out, so the
    stem says whose list it is, in which situation and for what (「《杭州市安全生产监督管理条例》第八条规定：“市、区、
    县（市）人民政府应当根据……的需要，建立健全……企业退出机制，采取____等方式，确保安全生产。”」). A stem cut to
    「……应当采取哪些方式？」 or 「第四十一条所列的保障措施包括哪些？」 left the reader to guess: blind readers marked
    14 of 29 such short-answer items bad (``evals/quiz_heldout.jsonl``, rounds 16–43). None where the sentence is
    too long to quote, or holds the items twice."""
    text = fact.clause.text
    # the whole sentence to its 。, not the 「；」 piece the list was read from: 「……；完善交通、医疗……等保障措施」
    # alone has lost its subject
    at = text.find(fact.span, max(text.find(fact.sentence), 0))
    if at < 0:
        return None
    start = max(text.rfind(mark, 0, at) for mark in ("。", "\n")) + 1
    end = text.find("。", at)
    sentence = without_label(text[start : end if end >= 0 else None]).strip()
    # the items go, 「等措施」 stays: 「采取____等措施」
    items = fact.span[: fact.span.rfind(fact.items[-1]) + len(fact.items[-1])]
    if sentence.count(items) != 1 or len(sentence) > _QUOTED_CHARS:
        return None
    if _DEPARTMENT_JOINED.search(sentence[: sentence.find(items)]):
        # 「报自然资源和____等相关部门备案」 keyed 规划；生态环境；水利: the gap splits 自然资源和规划部门, one department
        # (rounds 100 and 102, H8810, H9104)
        return None
    if sentence[: sentence.find(items)].endswith("非"):
        # 「推行非现场执法、信用监管、风险预警等新型监管模式」 read as 「现场执法」 after 「非」: the gap splits the first item,
        # and its key says the opposite (round 98, H8272)
        return None
    quoted = full_width(sentence.replace(items, BLANK, 1)).rstrip("；：，。") + "。"
    return f"{_cited(fact.clause)}规定：“{quoted}”"


def _cited(clause: Clause) -> str:
    """「《安全生产法》第二十一条」: the document by its short title, and the article where it has one. A title inside
    the title keeps its marks: 《广东省实施〈中华人民共和国消防法〉办法》."""
    doc = (
        re.sub(r"^中华人民共和国", "", clause.doc_title.strip("《》")).replace("《", "〈").replace("》", "〉")
    )
    label = clause.label if re.fullmatch(r"第[一二三四五六七八九十百零〇]+条", clause.label) else ""
    return f"《{doc}》{label}"


# An article's own list of what someone must do, may do or must have: 「生产经营单位的主要负责人对本单位安全生产工作
# 负有下列职责：（一）……」「申请从事爆破作业的单位，应当具备下列条件：」「报告事故应当包括下列内容：」, and a kind of them
# (下列安全生产职责, 下列临时控制措施) or what a thing must meet (「关闭煤矿应当达到下列要求：」). The classic short
# answer of a safety exam (「主要负责人的七项职责」); a list of 「下列行为之一」 is the conduct a penalty punishes, not asked.
_PROVISION_LEAD = re.compile(
    r"([^。；\n]{4,60}?下列[\u4e00-\u9fff]{0,4}?(职责|权利|义务|条件|内容|事项|措施|制度|要求)[：:])\s*\n"
)
_PROVISION_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*([^\n]+)", re.M)


def provision_facts(clause: Clause) -> list[ListFact]:
    """The 下列 list of a statute's article as one fact: its lead-in and its items, whole. Three to ten items,
    none longer than a phrase to recall (30 characters). An item cut to its first phrase lost what it asks
    (「需要拆迁的」 without 「其拆迁进度符合施工要求」): round 47's readers marked 29 of 87 such short answers bad,
    all for this. A list of long items is no short answer."""
    if clause.kind != "clause" or not _statute(clause):
        return []
    m = _PROVISION_LEAD.search(clause.text)
    if not m or "之一" in m.group(1):
        return []
    items = []
    for line in clause.text[m.end() :].split("\n"):
        if not line.strip():
            continue
        item = _PROVISION_ITEM.match(line.strip())
        if not item:
            break  # the list ended: a paragraph of the article's own
        whole = item.group(1).strip().rstrip("；;。.")
        if re.match(r"^(?:法律、行政法规|法律、法规|有关主管部门|国务院[^，。]{0,12})?规定的其他", whole):
            continue  # 「法律、行政法规规定的其他条件」: no item to recall
        items.append(whole)
    if not 3 <= len(items) <= 10 or any(not 2 <= len(i) <= 30 for i in items) or len(set(items)) < len(items):
        return []
    # the lead-in from the start of its sentence: a lead-in longer than the pattern's 60 characters was matched from
    # inside the article's label (「条 建设、质量监督……」, round 54, H3461)
    start = max(clause.text.rfind(c, 0, m.start(1)) for c in "。；;\n") + 1
    lead = without_label(clause.text[start : m.end(1)].strip()).strip()
    return [ListFact(clause, "provision", m.group(2), tuple(items), lead, lead, clause.text.find(lead))]


def _lead_in_premise(fact: ListFact) -> str | None:
    """The sentences before a 下列 list's lead-in in its paragraph, when the lead-in leans on them: 「评审包括下列内容：」
    asks about the 评审 of 「地震预报意见实行评审制度。」, and 「书面说明应当包含下列内容：」 about the 书面说明 the sentence
    before says who submits and when (round 65: H4818, H4872, both bad). They lean when they share a word of the lead-in's
    own (``context.own_words``), or hold the act a paper of the lead-in is of (``_paper_of``). A lead-in that opens its
    paragraph leans on the paragraph before in its article, when that is no item of a list: 「书面申请应当包括下列内容：」
    after the paragraph saying who files it (round 67, H5066).
    ``""`` when there is nothing before it or it shares no word with it; ``None`` when the premise is longer than a stem
    can carry (``MAX_CONTEXT``): not asked."""
    text = fact.clause.text
    para_start = text.rfind("\n", 0, fact.start) + 1
    before = without_label(text[para_start : fact.start]).strip()
    if not before and para_start > 1:
        prev_start = text.rfind("\n", 0, para_start - 1) + 1
        before = without_label(text[prev_start : para_start - 1]).strip()
        if AN_ITEM.search(before):
            return ""
    if not before:
        return ""
    own = own_words(fact.sentence, fact.clause.doc_title)
    if not any(w in before or (act := _paper_of(w)) and act in before for w in own):
        return ""
    return before if len(before) <= MAX_CONTEXT else None


# The paper an act produces: 申请书 is the 申请's, 申请材料 too.
_PAPER = re.compile(r"^([\u4e00-\u9fff]{2,})(?:书|表|单|材料|报告|文件)$")


def _paper_of(word: str) -> str:
    """The act a paper is of (「申请书」 → 「申请」; ``""`` for a word that names no paper): 「申请书应当载明下列内容：」 leans on
    the paragraph before that says what is applied for (「申请设立电影制片单位，……」; rounds 81 and 85, H6680, H7063)."""
    m = _PAPER.match(word)
    return m.group(1) if m else ""


def build_list(fact: ListFact, qtype: str, ctx: _Ctx) -> Question | None:
    clause = fact.clause
    if fact.kind == "provision":
        if qtype != "short":
            return None
        # 「下列的措施」 asks 「哪些措施」, not 「哪些的措施」 (round 71, H5669)
        asked = re.sub(r"下列(?:的)?", "哪些", fact.sentence, count=1).rstrip("：:")
        premise = _lead_in_premise(fact)
        if premise is None:
            return None
        return _question(
            clause,
            "short",
            f"{_cited(clause)}规定，{full_width(premise)}{asked}？请逐项写出。",
            "；".join(fact.items),
            "",
            fact.span,
            difficulty="难",
            key_points=list(fact.items),
        )
    if fact.kind == "enum" and (fact.name in _GENERIC_ENUM_NAMES or not _a_category(fact.name)):
        return None
    if _misread(fact.items):
        return None
    if fact.kind in ("enum", "series") and _stock_run(fact.items):
        return None
    if fact.kind == "enum" and (
        _name_of_another_list(fact, clause.text) or _another_list_of_its_kind(fact, clause.text)
    ):
        return None
    if fact.kind == "series":
        return _build_series(fact, qtype, ctx)
    subject = _list_stem_subject(fact)
    statute_list = fact.kind == "enum" and _statute(clause)
    if statute_list and qtype in ("multi", "short") and not _names_who_acts(fact):
        return None  # the list holds in a situation, and whoever acts in it is not in its sentence
    siblings = _sibling_items(fact, ctx, clause.text)
    if qtype == "multi":
        correct = list(fact.items)
        if len(correct) > 4:
            correct = sorted(ctx.rng.sample(correct, 4), key=fact.items.index)
        wrong = siblings[: 6 - len(correct) if len(correct) >= 4 else 2]
        if _told_apart_by_their_end(correct, wrong):
            wrong = [w for w in siblings if w.endswith(correct[0][-1])][: len(wrong)]
        if not wrong:
            return None
        options, answer = _shuffle(correct, wrong, ctx)
        quoted = _quoted_with_gap(fact) if statute_list else None
        if statute_list and (not quoted or _read_off_the_sentence(fact, quoted)):
            return None
        return _question(
            clause,
            "multi",
            f"{quoted}横线处省略的有（ ）。" if quoted else f"下列属于{subject}的有（ ）。",
            answer,
            fact.sentence,
            fact.span,
            options=options,
            difficulty="难",
        )
    if qtype == "short":
        if fact.kind == "named":
            stem = f"请简述{subject}的具体内容。"
        else:
            quoted = _quoted_with_gap(fact)
            if not quoted or _read_off_the_sentence(fact, quoted):
                return None
            stem = f"{quoted}请逐项写出横线处省略的内容。"  # the quote names them: 「____等方式」
        return _question(
            clause,
            "short",
            stem,
            "；".join(fact.items),
            fact.sentence,
            fact.span,
            difficulty="难",
            key_points=list(fact.items),
        )
    if qtype == "blank" and fact.kind == "named" and fact.name in fact.span:
        template = fact.span.replace(fact.name, BLANK, 1)
        return _question(clause, "blank", f"{template}（填写简称）", fact.name, fact.sentence, template)
    if qtype == "single" and fact.kind == "named":
        # a list's name holds its count (「九有」 has nine items, ``list_facts`` keeps no other): among names of other
        # counts, counting the items gives the answer (stop 35, R921), so the other names must share the count
        count = re.match(f"[{CN_NUMERAL}]+", fact.name)
        names = [
            lf.name
            for lf in ctx.lists
            if lf.kind == "named"
            and lf.name != fact.name
            and not contains_normalized(clause.text, lf.name)
            and (not count or lf.name.startswith(count.group()))
        ]
        if len(names) < 3:
            return None
        ctx.rng.shuffle(names)
        options, answer = _shuffle([fact.name], names[:3], ctx)
        items = "、".join(fact.items)
        return _question(
            clause,
            "single",
            f"“{items}”合称为（ ）。",
            answer,
            fact.sentence,
            fact.span,
            options=options,
            difficulty="中",
        )
    if qtype == "judge" and siblings:
        if ctx.rng.random() < 0.5:
            return _question(
                clause, "judge", _display(fact.span), "对", fact.sentence, fact.span, difficulty="易"
            )
        i = ctx.rng.randrange(len(fact.items))
        changed = fact.span.replace(fact.items[i], siblings[0], 1)
        return _question(clause, "judge", _display(changed), "错", fact.sentence, changed, difficulty="中")
    return None


def _told_apart_by_their_end(correct: list[str], wrong: list[str]) -> bool:
    """Correct options that end alike (「座谈会、论证会、听证会」) beside a distractor that does not (「委托研究」): the kind of
    thing, not the rule, gives the answer (round 86, H7109)."""
    ends = {item[-1] for item in correct}
    return len(correct) >= 2 and len(ends) == 1 and any(not w.endswith(tuple(ends)) for w in wrong)


def _not_an_item_to_ask(item: str, items: tuple[str, ...]) -> bool:
    """An item of a run that is no thing to recall: an article number (「第十三条、第十九条」 is trivia); an item
    the reader cut with the sentence's verb (「假牙和配置轮椅」) or a modifier (「所销售、购买的剧毒化学品」); an item
    holding a conjunction (two phrases glued); one without the ending all the others share (「……环境保护主管部门、
    卫生主管部门通报」)."""
    others = [i for i in items if i != item]
    if re.fullmatch(r"第[一二三四五六七八九十百零〇\d]+条", item) or (
        "的" in item and not any("的" in o for o in others)
    ):
        return True
    if re.match(r"^(?:配置|安装|设置|提供|进行|开展|采取|建立|实行|组织)", item):
        return True
    if re.search(r"(?<=.)(?:和|与|以及|及)(?=.)", item):
        return True  # 「信誉和勘察」 of 「业绩、信誉和勘察、设计人员的能力」: two phrases glued across their boundary
    ends = {o[-2:] for o in others}
    return len(others) >= 2 and len(ends) == 1 and not item.endswith(ends.pop())


def _build_series(fact: ListFact, qtype: str, ctx: _Ctx) -> Question | None:
    """An unnamed run of items (「重要栏目、重点时段、显著版面」): recall one item, or spot a swapped one."""
    clause = fact.clause
    at = fact.sentence.find(fact.span)
    frag, lo = fragment(fact.sentence, at, at + len(fact.span), whole_within=_whole_within(clause))
    if lo > 0 and bare_time_start(frag):  # as in ``build_number``: the sentence's start says what is due then
        frag, _ = fragment(fact.sentence, at, at + len(fact.span), whole_within=_WHOLE_WITHIN)
    i = 1 + ctx.rng.randrange(len(fact.items) - 1)  # not the first item: its lead-in may be cut
    item = fact.items[i]
    if _not_an_item_to_ask(item, fact.items):
        return None
    pos = frag.find(item, frag.find(fact.items[i - 1]) + len(fact.items[i - 1]))
    if pos < 0:
        return None
    if frag[pos + len(item) : pos + len(item) + 1] == "的":
        return None  # 「可能产生的危害后果」: the item is a modifier of a noun, not a thing of the run
    template = frag[:pos] + BLANK + frag[pos + len(item) :]
    if qtype == "blank" and _statute(clause):
        # a member of a statute's run asked as a fill-in: read blind since round 49, 40 of 136 were bad (0.29) against
        # 68 of 468 other items (0.15), all but three of them a giveaway (「自力更生、艰苦奋斗、____」「位移、____、灭失」)
        # or an open list that takes other answers (「台风、暴风雨、____等」); the stock-pair counts caught the commonest
        # and not the rest. A run is still asked true/false where another list gives a member to swap in.
        return None
    if qtype == "blank" and any(_affix(fact.items)):
        # 「统一规划、____、统一建设」「多层次、____、多主体」「边勘察、边设计、____」: the run's pattern gives half the
        # answer and common sense the rest (round 44: three such blanks, all read as giveaways); so does a shared
        # end: 「确保方案实、措施实、____、成效实」 (stop 35, R924)
        return None
    if qtype == "blank" and stock_pair(frag[:pos], item, frag[pos + len(item) :]):
        # 「真实、准确、____」「全面、____、公正」「安全第一、____、综合治理」: the answer is the word that stands next to
        # its neighbour across Chinese law, and anyone fills it unread (the threshold and what it refuses of the
        # blanks read since round 44: assistant/data/stock_pairs.json)
        return None
    if qtype == "blank":
        return _question(clause, "blank", _display(template), item, fact.sentence, template, difficulty="中")
    siblings = [s for s in _sibling_items(fact, ctx, clause.text) if s not in frag]
    if qtype == "judge" and siblings:
        if ctx.rng.random() < 0.5:
            return _question(clause, "judge", _display(frag), "对", fact.sentence, frag, difficulty="易")
        changed = template.replace(BLANK, siblings[0], 1)
        return _question(clause, "judge", _display(changed), "错", fact.sentence, changed, difficulty="中")
    return None


# ---------------------------------------------------------------- verification


def verify_answer_key(question: Question, clause_text: str) -> bool:
    """True when the clause text determines ``question.answer`` (the key is right, the distractors wrong)."""
    q, text = question, clause_text
    if q.quote and not contains_normalized(text, q.quote):
        return False
    if q.type == "short":
        return bool(q.key_points) and all(contains_normalized(text, p) for p in q.key_points)
    if q.type == "judge":
        if q.answer == "对":
            return contains_normalized(text, q.template)
        if q.answer != "错" or contains_normalized(text, q.template):
            return False
        return _one_change(q.template, q.quote)
    if q.type == "blank":
        return BLANK in q.template and contains_normalized(text, q.template.replace(BLANK, q.answer, 1))
    if q.type in ("single", "multi"):
        letters = [LETTERS.index(ch) for ch in q.answer if ch in LETTERS]
        if not letters or max(letters) >= len(q.options) or (q.type == "single") != (len(letters) == 1):
            return False
        correct = [q.options[i] for i in letters]
        wrong = [o for i, o in enumerate(q.options) if i not in letters]
        if BLANK in q.template:
            return contains_normalized(text, q.template.replace(BLANK, correct[0], 1)) and not any(
                contains_normalized(text, q.template.replace(BLANK, w, 1)) for w in wrong
            )
        if not contains_normalized(text, q.template):
            return False
        return all(contains_normalized(q.template, c) for c in correct) and not any(
            contains_normalized(text, w) for w in wrong
        )
    return False


def _one_change(changed: str, original: str) -> bool:
    """The false statement differs from a span of the original sentence in exactly one place."""
    import difflib

    sm = difflib.SequenceMatcher(None, normalize(changed), normalize(original), autojunk=False)
    blocks = [op for op in sm.get_opcodes() if op[0] != "equal"]
    inner = [
        op for op in blocks if not (op[0] == "insert" and (op[1] == 0 or op[1] == len(normalize(changed))))
    ]
    return len(inner) == 1


# ---------------------------------------------------------------- the bank


# A duty or prohibition read as a true/false item, as written (对). Its modal is never turned into its opposite
# (「应当」 → 「可以不」, 「不得」 → 「可以」): blind readers took such a falsehood for a giveaway, since no rule says
# 「可以不……」 — 14 of 65 bad in rounds 34–43 of ``evals/quiz_heldout.jsonl``, 32 of 33 in rounds 44–45. A bank's
# false items change a fact: a figure, a deadline, a member of a list.
_MODAL = re.compile(r"不得|严禁|禁止|必须|应当")
_PROHIBITIONS = ("不得", "严禁", "禁止")
_RULE_ROLES = ("义务", "禁止")
_RULE_CHARS = (12, 70)  # a statement a trainee reads at a glance, not a paragraph


@dataclass(frozen=True)
class RuleFact:
    """One sentence of a duty or prohibition with exactly one modal (应当, 不得 …)."""

    clause: Clause
    sentence: str
    modal: str


def rule_facts(clause: Clause) -> list[RuleFact]:
    """The clause's duty and prohibition sentences with exactly one modal, asked as true/false. In a plan or
    a notice, a sentence with several rules (「……，严禁新建“头顶库”，新建四等、五等小型尾矿库应当采用一次性
    建坝。」) gives its comma-pieces that carry one rule: a plan's pieces are tasks of their own, where a
    statute's pieces lean on the condition or the object the sentence gave first (「……应当责令立即停止生产」)."""
    if clause.kind != "clause" or not (set(clause.roles or (clause.role,)) & set(_RULE_ROLES)):
        return []
    out = []
    body = without_label(clause.text)
    deleted = [body[a:b] for a, b in deleted_lines(body)]  # a 项 the text marks deleted is no rule
    sentences = [s.strip() for s in re.findall(r"[^。]+。", body) if not any(s.strip() in d for d in deleted)]
    for i, sentence in enumerate(sentences):
        following = sentences[i + 1] if i + 1 < len(sentences) else ""
        if re.search(r"是指|所称", sentence):
            continue  # a definition: 「是指……应当由一个承包单位完成的」 turned says nothing
        if re.match(r"^但(?:是)?[，,]?[^。]*(?:除外|可以)", following) or re.search(
            r"的[，,]可以不", following
        ):
            # 「……应当委托……进行可行性研究和设计。开采零星分散矿产资源……的，可以不进行可行性研究和设计」: the
            # next sentence exempts some cases, so neither form is the rule for all
            # 「不得在夜间……实施。但是，情况紧急的除外。」: neither as written nor turned is the rule; nor is
            # 「……应当申请人民法院强制执行。但是，……可以将查封、扣押的财物依法拍卖抵缴罚款。」 (turned, 「可以不申请」
            # holds in the exception). A 但是 that only limits (「但是，……不得给予两次以上罚款」) leaves the rule whole.
            continue
        if len(_MODAL.findall(sentence)) == 1 or clause.doc_level not in POLICY_LEVELS:
            candidates = [sentence]
        else:
            candidates = [p.strip() + "。" for p in re.split(r"[，,；;]", sentence.rstrip("。")) if p.strip()]
        for text in candidates:
            modal = _one_rule(text)
            if modal:
                out.append(RuleFact(clause, text, modal))
    return out


# The older statutes' bare 应 (「应由当地卫生行政部门……参加」「应采取综合防尘措施」) is a modal too; 相应, 响应, 适应,
# 供应, 应急 … are words of their own.
_OLD_MODAL = re.compile(r"(?<![相响适反供对理感效呼答])应(?!当|急|用|变|对|收|付|届|征|聘|试|考|诉)")


def _one_rule(sentence: str) -> str:
    """The modal of a sentence that states one rule a true/false item can turn, or ``""``."""
    lo, hi = _RULE_CHARS
    # 「采取疏导、限制通行、禁止通行等措施」: a measure named in a list, not the sentence's modal
    # 「知道或者应当知道」: «ought to have known», not a rule
    modals = [
        m
        for m in _MODAL.finditer(sentence)
        if sentence[m.start() - 1 : m.start()] != "、"
        and sentence[m.end() : m.end() + 1] != "、"  # 「禁止、限制生产」: a measure of a list
        and sentence[m.start() - 2 : m.start()] != "或者"
    ]
    if (
        len(modals) != 1
        or _OLD_MODAL.search(sentence)  # 「竣工验收，应由……参加，凡不符合要求的，不得投产」: two rules
        or not lo <= len(sentence) <= hi
        or re.search(r"（[一二三四五六七八九十]+）", sentence)
        or modals[0].start() == 0  # 「不得……」: whom it binds is in a lead-in left behind
        or "除外" in sentence[modals[0].start() :]  # 「依法应当保密的除外」: the modal is the exception's
    ):
        return ""
    # the modal must govern one predicate to the end: 「可以不具有……，建立……，采取……」 would read as if
    # only the first were optional
    if re.search(r"[，,；;：:]", sentence[modals[0].end() :]):
        return ""
    return modals[0].group()


# Words that condemn the act themselves: 「可以擅自回采」 is false at a glance and teaches nothing.
# So do the qualities of what is dealt in: 「可以生产国家明令淘汰的产品」「可以销售……失效、变质的产品」.
_SELF_CONDEMNING = re.compile(
    r"擅自|违法|违规|违反|非法|弄虚作假|伪造|冒用|隐瞒|谎报|瞒报|挪用|侵占|贪污|贿赂|回扣|妨碍|阻挠|阻碍|危害|牟取|"
    r"谋取|不正当|欺诈|虚假|假冒|伪劣|掺杂|掺假|以假充真|以次充好|明令淘汰|失效|变质|不合格|不具备[^，。]{0,8}条件|"
    r"可能(?:引发|造成|导致|危及|危害)|"
    r"任意|随意|影响[^，。]{0,12}(?:逃生|安全|救援|疏散)|危及|依法履行职责而|超过法定|超出法定|打击报复|违章|冒险|强令"
)
# What a prohibition forbids, when it condemns itself in words of its own: 拒绝, 故意, 胁迫, 篡改, 泄露,
# 未经检验的 … 「可以使用未经检验的设备」 is as plain a falsehood as 「可以擅自……」.
_CONDEMNED_ACT = re.compile(
    r"拒绝|拒不|逃避|逃逸|故意|恶意|胁迫|强迫|歧视|篡改|涂改|泄露|泄漏|偷|盗|骗|毁|挪|污染|过期|超标|超载|无证|无照|"
    r"无资质|不具有|不符合|不按|未经[^，。]{0,12}(?:检验|检测|许可|批准|验收|培训|考核|审查|登记|鉴定)|未取得|"
    r"虚报|编造|捏造|侵犯|损害|损坏|破坏|滥用|玩忽|徇私|刁难|索取|收受|敲诈|勒索|拖欠|克扣|转嫁"
)


# A rule whose whole content is to obey, or to refrain from what condemns itself: 「……应当符合本市煤炭质量要求」
# 「……应当严格执行国家和省规定的基本建设程序」「……必须遵守本法」「在河道内采砂，应当依照有关法律、行政法规的规定进行」
# 「……应当接受……依法进行的监察」「销售者不得伪造或者冒用认证标志」「任何单位和个人不得非法干预……」. Asked as written
# it is true to anyone who has not read the law, and turned (「可以不遵守」「可以伪造」) false to anyone: no
# true/false item either way. (A duty to act by the rules, 「应当按照规定缴纳排污费」, has an act to ask about, and a
# prohibition of more than a self-condemning act, 「不得重新用于排放尾矿或擅自回采」, has a rule: both are asked.)
_RULES = (
    r"(?:法律|法规|规章|本法|本条例|本办法|本规定|规定|要求|标准|规程|规范|程序|规划|政策|约定|定价|制度)"
)
# an act with no object, whose manner (by the rules) is all the rule says: 「……应当按照有关法律、法规等规定收集和处理」
_BARE_ACTS = r"(?:进行|执行|办理|实施|作业|操作|施工|收集|处理|处置|管理)"
_ONLY_TO_OBEY = re.compile(
    rf"(?:严格)?(?:遵守|遵照|执行|符合|满足|达到)[^，。；;]{{0,40}}{_RULES}"
    rf"|(?:严格)?(?:依法|依照|按照|依据)[^，。；;]{{0,40}}?{_RULES}?的?(?:规定)?{_BARE_ACTS}(?:[和、]{_BARE_ACTS})*"
    r"|(?:接受|(?:积极)?配合)[^，。；;]{0,40}(?:监督|检查|监察|调查)(?:管理|检查)?(?:工作)?"
    # to do one's duty by the law: 「应当按照法律法规、工程建设强制性标准履行……监理职责」「应当在法定的范围内执业」
    rf"|(?:依法|依照|按照|依据)[^，。；;]{{0,40}}?{_RULES}[^，。；;]{{0,30}}?履行[^，。；;]{{0,30}}(?:职责|义务)"
    r"|在法定的?(?:范围|权限|职责)内[^，。；;]{0,8}"
)


# A duty as vague as a wish (「应当加强海域地震活动监测预测工作」) or to answer for one's own work (「必须对其勘察、设计的
# 质量负责」「应当对其运营使用的设施承担安全管理责任」): true to anyone who reads it.
_VAGUE_DUTY = re.compile(
    r"(?:按照各自职责|依照职责|依法)?(?:组织[^，。；;]{0,12}?|协助[^，。；;]{0,20}?)?"
    r"(?:加强|做好|重视|支持|鼓励|促进|推动|推进|确保|保证|尊重|注意|提高|提升)[^，。；;]*"
    r"|对[^，。；;]{1,24}(?:负责|承担[^，。；;]{0,12}责任)"
    r"|配备具有相应[^，。；;]{0,10}的[^，。；;]{0,16}人员"
    # a reward is an encouragement: 「……有功的单位和个人，应当按照有关规定给予表彰和奖励」
    r"|(?:按照[^，。；;]{0,12}规定)?给予[^，。；;]{0,6}(?:表彰|奖励)[^，。；;]*"
    # what anyone does at a fire or an accident: 「发现火灾，应当立即报警并积极采取措施灭火」「发生火灾的单位必须立即
    # 组织力量扑救」 (a report to someone named, 「立即报告本单位负责人」, is a rule to learn)
    r"|立即(?:报告|报警)(?:并[^，。；;]*)?|立即组织[^，。；;]{0,8}(?:扑救|抢救|救援)[^，。；;]*"
)
# An act that condemns itself by what it does to its object: 「不得对修复区域周边的生态环境造成新的破坏」.
_HARM_DONE = re.compile(r"(?:对[^，。；;]{1,24})?造成[^，。；;]{0,8}(?:破坏|损害|污染|危害|损失)")


# A crime is reported to the police: 「发生涉嫌……犯罪行为的，医疗机构应当立即向所在地公安机关报案」 is true to anyone (round 89,
# H7521).
_CRIME_REPORTED = re.compile(r"(?:犯罪|治安)[^。；;]{0,30}(?:向|报告)[^。；;]{0,10}公安机关(?:报案|报告)")
# What no one would allow: 「可以使用易燃、易碎、有毒、有害等材料」 is false at a glance, 「不得使用……」 true.
_HARMFUL_THINGS = re.compile(r"易燃|易爆|有毒|有害|剧毒|放射性污染")


def _true_at_a_glance(f: RuleFact, quote: str) -> bool:
    """Whether the rule says only to obey (``_ONLY_TO_OBEY``), is a duty as vague as a wish or to answer for one's
    own work (``_VAGUE_DUTY``), restates its condition, has a crime reported to the police, or forbids only an act that
    condemns itself or harmful things."""
    after = quote[quote.find(f.modal) + len(f.modal) :]
    if f.modal in _PROHIBITIONS:
        return bool(
            _SELF_CONDEMNING.match(after)
            or _CONDEMNED_ACT.match(after)
            or _HARM_DONE.fullmatch(after)
            # 「不得利用电梯监控信息侵犯他人合法权益」: the end condemns the means
            or re.fullmatch(r"利用[^，。；;]{1,20}(?:侵犯|损害|谋取|牟取)[^，。；;]*", after)
            or (len(_HARMFUL_THINGS.findall(after)) >= 2 and re.match(r"使用|采用|选用", after))
        )
    return bool(
        _ONLY_TO_OBEY.fullmatch(after)
        or _VAGUE_DUTY.fullmatch(after)
        or _restates_its_condition(quote)
        or _CRIME_REPORTED.search(quote)
    )


# 「……需要注销登记的，应当……办理注销登记」: the condition names the act the rule requires; 「由负责合法性审查的部门进行
# 合法性审查」: the one who does it is named by it.
_NEEDS = re.compile(
    r"需(?:要)?([^，,。；;的]{2,8})的[，,]|负责(?!人)([^，,。；;的]{2,8})的(?:部门|机构|机关|单位)"
)


def _restates_its_condition(quote: str) -> bool:
    """A rule whose condition is that the act is needed, or whose doer is named by the act: 「由于其他原因需要注销登记的，
    应当向登记管理机关办理注销登记」 (round 86, H7208) and 「应当由负责合法性审查的部门进行合法性审查」 (round 87, H7353) are
    true to anyone."""
    return any((m.group(1) or m.group(2)) in quote[m.end() :] for m in _NEEDS.finditer(quote))


# What a rule asked as written must hold for a reader to have to learn it: a figure (「不得少于二年」「时速120公里以上」),
# a time (「每年」「自……之日起」「……前报告」), or the authority it goes to (「报……部门备案」「经……机关批准」「立即报告本单位
# 负责人」). Without one, a rule read true is true to anyone: blind readers of rounds 44–48 marked 51 of 114 such rules bad, mostly as
# truisms (「各级人民政府应当为建设工程质量监督管理工作提供保障」「公安消防队应当按照国家标准配备……装备」), against 4 of 22
# rules with one (none of them a truism). A concrete rule without one (「校车的副驾驶座位不得安排学生乘坐」) goes with them.
_A_FIGURE = re.compile(
    r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:个)?"
    r"(?:小时|分钟|日|天|周|个月|月|季度|年|周岁|万元|元|%|倍|人|次|米|公里|千米|平方米|立方米|吨|千克|公斤|层)"
    rf"|百分之|{PERIOD.pattern}|之日起|届满|前[，,]?(?:向|报)"
)
# 「向有关飞行管制部门提出申请」 names no authority to learn (round 69, H5399): 有关 right after the verb is any
_AN_AUTHORITY = re.compile(
    # (经 of 经……批准, not of 经费 or 经营: 「……所需经费纳入同级人民政府财政预算」 names no authority, round 100, H8813)
    r"(?:向|报|报告|报送|报请|经(?!费|营|济|常)|由|通报|告知|移交|移送|提请|申请)(?!有关|(?:监督管理|主管)(?:部门|机关))[^，。；;]{0,20}"
    r"(?:人民政府|部门|机关|机构|法院|检察院|委员会|办事处|消防救援|负责人)"
)


# 「不满十八周岁的未成年人」 says what 未成年人 means: no figure to learn (round 68, H5305, asked true).
_WHAT_A_MINOR_IS = re.compile(r"(?:不满|未满)(?:十八|18)周岁的未成年人")


def _something_to_learn(f: RuleFact, quote: str) -> bool:
    """Whether the rule holds a figure or a time anywhere, or names the authority its act goes to."""
    predicate = quote[quote.find(f.modal) + len(f.modal) :]
    return bool(_A_FIGURE.search(_WHAT_A_MINOR_IS.sub("", quote)) or _AN_AUTHORITY.search(predicate))


def build_rule(f: RuleFact, qtype: str, ctx: _Ctx, only_false: bool = False) -> Question | None:
    """A duty or prohibition as a true/false item, as written (对); a statute's only when it holds something to
    learn (a figure, a time, an authority). ``only_false``: the bank has so many more 对 than 错 that a rule is not asked now
    (``None``), so answering 对 throughout does not pass."""
    if qtype != "judge" or only_false:
        return None
    quote = f.sentence.rstrip("。")
    if (_statute(f.clause) and not _something_to_learn(f, quote)) or _true_at_a_glance(f, quote):
        # (the readers' evidence is on statutes; a plan's task, 「严禁新建“头顶库”」, is a measure of its own to learn)
        return None
    return _question(f.clause, "judge", f.sentence, "对", quote, quote, difficulty="易")


def _next_question(
    facts: Sequence[NumberFact | ListFact | RuleFact],
    order: Sequence[int],
    qtype: str,
    ctx: _Ctx,
    max_uses: int,
    uses: dict[int, int],
    used_types: set[tuple[int, str]],
    tried: set[tuple[int, str]],
    chosen: list[Question],
    by_chunk: dict[str, str],
) -> tuple[int, Question] | None:
    """The first fact in ``order`` that makes a sound ``qtype`` question the bank does not have yet, with its
    index (``None`` when none does)."""
    only_false = _far_ahead_on_true(chosen)  # the bank's balance so far
    for i in order:
        f = facts[i]
        if uses.get(i, 0) >= max_uses or (i, qtype) in used_types:
            continue
        if isinstance(f, RuleFact):
            q = build_rule(f, qtype, ctx, only_false)
        elif isinstance(f, ListFact):
            q = build_list(f, qtype, ctx)
        else:
            q = build_number(f, qtype, ctx)
        if q is None:
            continue
        used_types.add((i, qtype))
        tried.add((i, qtype))
        uses[i] = uses.get(i, 0) + 1
        text = by_chunk[q.chunk_id]
        if not verify_answer_key(q, text):
            continue  # a wrong key
        cut_off = bool(stem_problems(q, text))
        if _statute(f.clause) and starts_its_sentence(q):
            context = sentence_before(q, text, leans=cut_off or names_no_owner(q.stem))
            if context is None:
                continue  # it leans on sentences before it too long to give, or that state its answer
            if context and q.type == "judge" and q.answer == "对" and not FIGURE_SAID.search(q.quote):
                # a true item with no figure that needs the sentences before it is a paragraph copied out and asked as
                # true: it tests reading, not the rule (the held-out banks at stop 37: 15 of 61 such items bad, against
                # 6 of 55 without a figure that stand alone and 3 of 39 with a figure and their context)
                continue
            if context:
                q = with_context(q, context)
                cut_off = bool(stem_problems(q, text))  # read again with the sentences it leans on
        if cut_off:
            continue  # a stem that is not a sentence
        if crosses_a_figure_of_the_stem(q, f.value + f.unit if isinstance(f, NumberFact) else ""):
            continue
        if any(
            near_duplicate(q.stem, o.stem)
            or (o.chunk_id == q.chunk_id and o.template == q.template)
            # one sentence, in one article or written again in another (「记录和凭证保存期限不得少于2年」 in 第十条 and
            # 第十五条: round 74, H6014)
            or _one_sentence(o.quote, q.quote)
            or shows_sentence(o, q)
            or shows_sentence(q, o)
            or gives_away(o, q)
            or gives_away(q, o)
            or same_blank(o, q)
            or same_predicate(o, q)
            or same_tail(o, q)
            or same_figure_rule(o, q)
            or sanctions_the_rule(o, q)
            or sanctions_the_rule(q, o)
            for o in chosen
        ):
            continue  # the same sentence twice, or one stem answers another item
        return i, q
    return None


# How many more 对 than 错 a bank's true/false items may have before a rule asked only as written waits.
_TRUE_MARGIN = 3


def _judged(chosen: list[Question]) -> tuple[int, int]:
    """How many of the true/false items chosen so far are 对, and how many 错."""
    true = sum(q.type == "judge" and q.answer == "对" for q in chosen)
    false = sum(q.type == "judge" and q.answer == "错" for q in chosen)
    return true, false


def _far_ahead_on_true(chosen: list[Question]) -> bool:
    """Whether 对 lead 错 by ``_TRUE_MARGIN`` or more among the true/false items chosen so far."""
    true, false = _judged(chosen)
    return true - false >= _TRUE_MARGIN


def _one_sentence(a: str, b: str) -> bool:
    """Two items quoting one sentence (a number asked as true/false, and the rule of the same sentence turned). A list
    question quotes none (``""``): two of them are two lists, not one sentence."""
    x, y = (normalize(q).rstrip("。；;，, ") for q in (a, b))
    return bool(x) and x == y


def shows_sentence(a: Question, b: Question) -> bool:
    """Whether ``a``'s context (the sentences before its own, assistant/quiz/context.py) states the sentence
    ``b`` asks: read first, it answers ``b`` (round 54: a true/false item whose sentence opened the next stem)."""
    sentence = normalize(b.quote).rstrip("。；;，, ")
    return bool(a.context) and len(sentence) >= 8 and sentence in normalize(a.context)


def same_blank(a: Question, b: Question) -> bool:
    """Two fill-ins of one fact in two articles (a duty and its 罚则 repeat the words): the same key with
    the same three characters on each side of the blank (「决定、____、措施」 in 第七条 and 第二十条)."""
    if a.type != "blank" or b.type != "blank" or normalize(a.answer) != normalize(b.answer):
        return False

    def around(q: Question) -> tuple[str, str]:
        before, _, after = normalize(q.stem).partition(normalize(BLANK))
        return before[-3:], after[:3]

    def in_a_run(q: Question) -> bool:  # 「建设、水利、____等部门」: an item of a run of names
        before, _, after = normalize(q.stem).partition(normalize(BLANK))
        return before.endswith("、") and (after.startswith(("、", "等")))

    # the same name blanked in two runs of one document's lists tests one word twice
    return around(a) == around(b) or (a.doc_id == b.doc_id and in_a_run(a) and in_a_run(b))


def same_predicate(a: Question, b: Question) -> bool:
    """Two 判断题 of one article that end in the same predicate (「……的，应当予以许可」 twice in 第十五条)
    test one rule twice."""
    if a.type != "judge" or b.type != "judge" or a.chunk_id != b.chunk_id:
        return False

    def predicate(q: Question) -> str:
        return re.split(r"[，,；;]", normalize(q.stem).rstrip("。；;"))[-1]

    return (len(predicate(a)) >= 4 and predicate(a) == predicate(b)) or _mirrored(a, b) or _mirrored(b, a)


def same_figure_rule(a: Question, b: Question) -> bool:
    """Two items of one document whose sentences state one figure in the same words (「至少每2年接受一次培训」 in
    第三十一条 and 第三十三条, round 78, H6396): one rule asked twice, the first item's key answers the second. The same
    words are three characters before the figure and four after it. A sanction is no such figure: two conducts may
    carry one fine or one term (刑法's 「处三年以下有期徒刑」 closes a hundred crimes)."""
    if a.doc_id != b.doc_id or not a.quote or not b.quote:
        return False
    x, y = normalize(a.quote), normalize(b.quote)
    return any(
        m.start() >= 3
        and len(x) >= m.end() + 4
        and not _A_SANCTION.search(x[m.start() - 3 : m.end() + 4])
        and x[m.start() - 3 : m.end() + 4] in y
        for m in FIGURE_SAID.finditer(x)
    )


_A_SANCTION = re.compile(r"[处判罚]|元|徒刑|拘役|拘留|管制")


def same_tail(a: Question, b: Question) -> bool:
    """Two 判断题 of one document that differ only at their start (「出厂记录保存期限可以少于3年」 and
    「销售记录保存期限可以少于3年」 in 第十二条 and 第十四条): one rule asked twice, with one answer."""
    if a.type != "judge" or b.type != "judge" or a.doc_id != b.doc_id:
        return False
    x, y = (normalize(q.stem).rstrip("。；;") for q in (a, b))
    n = 0
    while n < min(len(x), len(y)) and x[-1 - n] == y[-1 - n]:
        n += 1
    return n >= 8 and n * 2 >= min(len(x), len(y))


def _mirrored(a: Question, b: Question) -> bool:
    """「未取得安全生产许可证的，不得从事煤炭生产」 beside 「煤矿投入生产前，……应当……取得安全生产许可证」, and
    「未经安全生产教育和培训合格的从业人员，不得上岗作业」 beside 「……应当对从业人员开展安全生产教育和培训」:
    the sanction of not doing what the other item requires is the same rule read from its other side."""
    m = re.match(
        r"^[^，,未]{0,8}?未(?:经|依法|按照规定)?([^，,的]{4,}?)(?:合格)?的[^，,]{0,8}[，,]", normalize(a.stem)
    )
    return m is not None and m.group(1) in normalize(b.stem)


# The conduct a 判断题 requires or forbids: what follows its last modal, to the end of the sentence.
_JUDGED_CONDUCT = re.compile(r"(?:不得|必须|应当|可以不|可以)([^，,；;。]{5,})[。；;]?$")
_SANCTIONS = re.compile(r"处以?|罚款|责令|吊销|没收")


def sanctions_the_rule(judged: Question, other: Question) -> bool:
    """``other``'s stem punishes the conduct the 判断题 ``judged`` requires or forbids, so it answers it:
    「未经批准，采矿权人自行核减矿产储量的，由……责令改正，处以……罚款」 beside 「未经批准，矿山企业不得核减矿产储量」
    (in two articles of one document, and whichever way the 判断题 is turned)."""
    if judged.type != "judge" or judged.doc_id != other.doc_id or judged.stem == other.stem:
        return False
    m = _JUDGED_CONDUCT.search(normalize(judged.stem))
    shown = normalize(other.stem)
    return m is not None and bool(_SANCTIONS.search(shown)) and m.group(1) in shown


def answer_texts(q: Question) -> list[str]:
    """What a trainee must produce: the blank's key, or the text of the correct options."""
    if q.type in ("single", "multi"):
        return [
            q.options[LETTERS.index(ch)]
            for ch in q.answer
            if ch in LETTERS and LETTERS.index(ch) < len(q.options)
        ]
    if q.type == "blank":
        return [q.answer]
    return []


_GAP = re.compile(r"_{2,}|（\s*）")


def gives_away(asked: Question, other: Question) -> bool:
    """Whether ``other``'s stem or options state ``asked``'s answer (at least two characters); for a list
    question, half of its items or more (a fill-in of 「新建、扩建、____和拆除」 gives away 「所列的活动」); for a
    true/false item, a figure of its sentence with the words before it (「应当在十日内通知」 beside the item that
    says 十五日: round 56, H3797, H3823); for a short answer, a sentence another item asks is one of its points
    (round 56, H3636); for a fill-in or a choice, its blank filled with the words either side."""
    shown = normalize(other.stem + "".join(other.options))
    if asked.type == "judge" and asked.quote:
        for m in FIGURE_SAID.finditer(asked.quote):
            before = normalize(asked.quote[max(0, m.start() - 4) : m.end()])
            after = normalize(asked.quote[m.start() : m.end() + 4])
            if any(len(said) >= 6 and said in shown for said in (before, after)):
                return True
    if asked.type in ("blank", "single") and (gap := _GAP.search(asked.stem)):
        # a one-character key is not looked for alone, but the blank filled with it is: 「每（年）至少召开一次全体成员
        # 会议」 stated in another item's premise (round 99, H8493)
        for key in answer_texts(asked):
            side = max(4, 6 - len(key))  # six characters at least, the key's among them
            before = normalize(asked.stem[max(0, gap.start() - side) : gap.start()] + key)
            after = normalize(key + asked.stem[gap.end() : gap.end() + side])
            if any(len(said) >= 6 and said in shown for said in (before, after)):
                return True
    if asked.type == "short" and other.quote:
        sentence = normalize(other.quote).rstrip("。；;，, ")
        if len(sentence) >= 8 and any(sentence in normalize(p) for p in asked.answer.split("；")):
            return True
    if asked.type == "short" and "；" in asked.answer:
        items = [normalize(i) for i in asked.answer.split("；") if i.strip()]
        return 2 * sum(len(i) >= 2 and i in shown for i in items) >= len(items)
    return any(len(a) >= 2 and normalize(a) in shown for a in answer_texts(asked))


class _FromClause(Protocol):
    @property
    def clause(self) -> Clause: ...


F = TypeVar("F", bound=_FromClause)  # any fact: it knows its clause


Section = tuple[str, tuple[str, ...]]


def _section(clause: Clause, depth: int) -> Section:
    """The section of its document a clause is in, ``depth`` heading levels down: 「二、主要任务」 at 1, 「二、主要
    任务 / （七）……」 at 2. A clause with fewer headings (一、工作目标, an article of a statute without 章) is its own
    parent's section at every depth."""
    return clause.doc_id, clause.headings[:depth]


def _section_depth(clauses: Iterable[Clause], size: int) -> int:
    """The deepest heading level whose sections number no more than ``size`` (the first level at least): a bank
    of 20 on the 九江 plan spreads over the nine （一）…（九） of 二、 beside 一、三、四、 (12 sections), not over 二、 as
    one; 刑法's over its 章 (2 编 are too few, some 40 节 too many); a statute without 编 over its 章."""
    clauses = list(clauses)
    depth = 1
    for d in range(2, max((len(c.headings) for c in clauses), default=0) + 1):
        if len({_section(c, d) for c in clauses}) > size:
            break
        depth = d
    return depth


def _spread(facts: list[F], depth: int = 1) -> list[F]:
    """Facts interleaved over the sections of their documents (``depth`` heading levels down), each section's
    in document order, so a short bank draws from every section instead of the first few."""
    groups: dict[Section, list[F]] = {}
    for f in facts:
        groups.setdefault(_section(f.clause, depth), []).append(f)
    out: list[F] = []
    queues = list(groups.values())
    while queues:
        out += [q.pop(0) for q in queues]
        queues = [q for q in queues if q]
    return out


@dataclass
class _Coverage:
    """How many questions the bank has drawn from each section, at its level (``depth``) and every level below it
    (down to ``deepest``): the next question goes to the section asked least, and within it to the sub-section
    asked least (刑法's 章, then their 节)."""

    depth: int
    deepest: int
    counts: Counter[Section] = field(default_factory=Counter)

    def _path(self, clause: Clause) -> tuple[Section, ...]:
        return tuple(_section(clause, d) for d in range(self.depth, max(self.depth, self.deepest) + 1))

    def add(self, clause: Clause) -> None:
        self.counts.update(self._path(clause))

    def least_covered_first(self, facts: Sequence[_FromClause]) -> list[int]:
        """The facts' indices, those of the sections asked least about first (in spread order among equals)."""
        paths = [self._path(f.clause) for f in facts]
        return sorted(range(len(facts)), key=lambda i: tuple(self.counts[s] for s in paths[i]))


def _taught(clause: Clause) -> bool:
    """Neither a provision whose figure a later, higher law replaced (``ingest.conflicts``) nor a repealed one is
    ever taught."""
    return not superseded(clause.doc_id, clause.label) and clause.doc_status != "已废止"


def _on_topic(text: str, topic: str) -> bool:
    """``text`` is about ``topic``: names it, or each of its words (「报告」 and 「事故」 for 事故报告, as
    in 「发生事故后……立即报告」), none in passing inside a list."""
    from assistant.text.tokenize import words

    if central(text, topic):
        return True
    parts = [w for w in words(topic) if len(w) > 1]
    return len(parts) > 1 and all(central(text, w) for w in parts)


def _statute(clause: Clause) -> bool:
    """A law or regulation writes its figures in Chinese numerals; a plan's 三年行动 is a name."""
    return clause.doc_level not in POLICY_LEVELS


# The index's clause texts and facts, which every bank draws its distractors from, by the clause list they were read
# from (the list itself is kept, so its id is not reused): the same for every bank of one index, and read once. Without
# it a bank read every clause of the index again, and the held-out banks (180 documents) took over ten minutes.
_POOLS: dict[int, tuple[list[Clause], _Pools]] = {}


def _pools(clauses: list[Clause]) -> _Pools:
    """The normalised texts of ``clauses`` and the number and list facts of those that are not closing provisions."""
    key = id(clauses)
    held = _POOLS.get(key)
    if held is not None and held[0] is clauses and len(held[0]) == len(held[1].corpus):
        return held[1]
    rules = [c for c in clauses if c.kind != "closing"]
    pools = _Pools(
        [normalize(c.text) for c in clauses],
        [f for c in rules for f in number_facts(c, chinese=_statute(c))],
        [f for c in rules for f in list_facts(c)],
    )
    if len(_POOLS) >= 4:
        _POOLS.pop(next(iter(_POOLS)))
    _POOLS[key] = (clauses, pools)
    return pools


def read_pools(searcher: SearcherLike) -> None:
    """Read the pools every bank of ``searcher`` draws on now: before forking processes that make banks, which
    then share them."""
    _pools(searcher.clauses)


def generate_bank(
    searcher: SearcherLike,
    topic: str | None = None,
    doc: str | None = None,
    n: int | None = 20,
    types: Iterable[str] = TYPES,
    seed: int = 0,
    section: str | None = None,
) -> QuizBank:
    """A bank of up to ``n`` questions (``None`` or 0: every fact once) balanced over ``types``.

    The bank spreads over the sections of its source: the deepest heading level with no more sections than
    questions (the 九江 plan's （一）…（九） of 二、 for 20 questions, a statute's 章), one question from each
    section first, then the section asked least. A fact yields at most two questions of different types, and
    no two questions test the same sentence; the types take turns so a short bank still mixes them.
    """
    types = tuple(types)
    bad = [t for t in types if t not in TYPES]
    if bad or not types:
        raise ConfigError(f"未知的题型 {','.join(bad) or '（空）'}；可选：{','.join(TYPES)}")
    # a bank wants more clauses than a draft: three per question asked, every one naming the topic
    clauses = select_clauses(searcher, topic, doc, section, k=max(8, min(60, 3 * (n or 20))))
    pools = _pools(searcher.clauses)
    ctx = _Ctx(random.Random(seed), pools.corpus, pools.numbers, pools.lists, pools)
    facts: list[NumberFact | ListFact] = []
    seen_spans: set[tuple[str, str]] = set()
    for c in clauses:
        if not _taught(c):
            continue
        found: list[NumberFact | ListFact] = [
            *provision_facts(c),
            *list_facts(c),
            *number_facts(c, chinese=_statute(c)),
        ]
        if topic:  # a bank on 尾矿库 asks about 尾矿库, not about the other lines of a clause naming it
            found = [f for f in found if _on_topic(f.sentence, topic) or _on_topic(c.title or "", topic)]
        for f in found:
            key = (c.chunk_id, f.span if isinstance(f, ListFact) else f"{f.sentence_start}:{f.text}")
            if key not in seen_spans:
                seen_spans.add(key)
                facts.append(f)
    limit = n or 10**6
    # the bank's sections: the deepest heading level whose sections a bank of this size can all cover
    depth = _section_depth(clauses, limit)
    coverage = _Coverage(depth, max((len(c.headings) for c in clauses), default=0))
    facts = _spread(facts, depth)
    by_chunk = {c.chunk_id: c.text for c in searcher.clauses}
    chosen: list[Question] = []
    tried: set[tuple[int, str]] = set()
    used_types: set[tuple[int, str]] = set()
    # first one question from every section, of the type next in turn that its facts can make (a fact whose
    # question of one type is refused is tried with the next), so a bank of n covers min(n, sections) sections
    # whatever types their facts suit; then the types take turns
    turn = 0
    for where in dict.fromkeys(_section(f.clause, depth) for f in facts):
        if len(chosen) >= limit:
            break
        order = [i for i in coverage.least_covered_first(facts) if _section(facts[i].clause, depth) == where]
        for k in range(len(types)):
            qtype = types[(turn + k) % len(types)]
            made = _next_question(facts, order, qtype, ctx, 1, {}, used_types, tried, chosen, by_chunk)
            if made is not None:
                chosen.append(made[1])
                coverage.add(facts[made[0]].clause)
                turn = (turn + k + 1) % len(types)
                break
    uses = {i: 1 for i, _ in used_types}  # no fact asked or refused yet is asked again in the first round
    for max_uses in (1, 2):  # first every fact once; then a second, different question on it
        if max_uses > 1:
            uses = {i: sum(1 for (j, _) in tried if j == i) for i in range(len(facts))}
            used_types = {(i, t) for i, t in tried}
        progress = True
        while len(chosen) < limit and progress:
            progress = False
            for qtype in types:
                if len(chosen) >= limit:
                    break
                order = coverage.least_covered_first(facts)
                made = _next_question(
                    facts, order, qtype, ctx, max_uses, uses, used_types, tried, chosen, by_chunk
                )
                if made is not None:
                    chosen.append(made[1])
                    coverage.add(facts[made[0]].clause)
                    progress = True
    rules: list[RuleFact] = []
    if len(chosen) < limit and "judge" in types:
        # numbers and lists ran out (a statute states few): its duties and prohibitions as true/false items, the
        # sections the bank has asked least about first
        rules = [r for c in clauses if _taught(c) for r in rule_facts(c)]
        if topic:
            rules = [r for r in rules if _on_topic(r.sentence, topic)]
        rules = _spread(rules, depth)
        rule_uses: dict[int, int] = {}
        rule_types: set[tuple[int, str]] = set()
        while len(chosen) < limit:
            order = coverage.least_covered_first(rules)
            made = _next_question(
                rules, order, "judge", ctx, 1, rule_uses, rule_types, set(), chosen, by_chunk
            )
            if made is None:
                break
            chosen.append(made[1])
            coverage.add(rules[made[0]].clause)
    position = {c.chunk_id: i for i, c in enumerate(searcher.clauses)}
    chosen.sort(key=lambda q: (TYPES.index(q.type), position.get(q.chunk_id, 0)))
    for i, q in enumerate(chosen, 1):
        q.id = f"Q{i:02d}"
    what = topic or (doc or "")
    title = f"“{what}”知识测试题库" if topic else f"《{clauses[0].doc_title}》知识测试题库"
    source = {"topic": topic, "doc": doc, "section": section, "seed": seed, "types": list(types)}
    repealed = sum(c.doc_status == "已废止" for c in clauses)
    if n and len(chosen) < n:
        rule_note = f"和 {len(rules)} 句可出判断题的义务、禁止性规定" if rules else ""
        # a repealed provision is never taught: the trainer is told so, and where to look instead
        repealed_note = (
            f"有 {repealed} 个已废止，不据以出题（请改用现行有效的文件，mine-assistant docs 可查看状态）；其余"
            if repealed
            else ""
        )
        source["shortfall"] = (
            f"要求 {n} 道，只出了 {len(chosen)} 道：所选范围的 {len(clauses)} 个条款中{repealed_note}只有 {len(facts)} 处"
            f"可出题的事实（数字、期限、列举）{rule_note}，每处最多出两道不同题型的题，不出重复或互相泄露答案的题，"
            "题干读不通、答案核对不上的题也不出；判断题的「对」「错」大致相当，而照录条文的判断题只能是「对」"
            "（不把「应当」改成「可以不」凑「错」题：那样的题一眼可知）；可扩大主题或文档范围，或增加题型"
        )
    return QuizBank(title, chosen, source)
