"""``Query``: a question analysed once, read by retrieval, refusal and the answer.

Normalising and tokenising a question is done here and nowhere else on the query path: BM25 reads
``tokens``, the dense retriever ``text``, refusal ``content_words``, ``regions`` and ``units``, the
extractive answer ``content_words``. Later stages add what they derive (``intent``) with
``dataclasses.replace`` rather than re-reading the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from assistant.datafiles import data_lines, data_text
from assistant.text.intent import asks_criminal, classify_intent
from assistant.text.normalize import normalize
from assistant.text.tokenize import Tokenizer, content_words, tokenize_query

# 多少学时 / 几个小时 / 多少米 / 几起: the unit a question asks a quantity in (refusal checks the top clause
# states a number in it). 「哪几条」 asks which and 「第几条」 which article: neither asks for a count.
_UNIT = re.compile(
    r"(?<![哪第])(?:多少|几)个?(学时|小时|分钟|秒|米|度|分|人|钱|元|万元|吨|天|岁|比例|起|座|项|条|名|家|处)"
)


@cache
def region_names() -> tuple[str, ...]:
    """The gazetteer (``assistant/data/regions.txt``): provinces, capitals, mining cities, every city of
    江西; longest first so 内蒙古 is found before 蒙古-like substrings."""
    text = data_text("regions.txt")
    return tuple(sorted(set(text.split()), key=len, reverse=True))


@cache
def synonyms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Colloquial word → the statutes' words for it (``assistant/data/synonyms.txt``)."""
    out = []
    for line in data_lines("synonyms.txt"):
        if "=>" in line:
            left, right = (x.strip() for x in line.split("=>", 1))
            out.append((left, tuple(right.split())))
    return tuple(out)


@cache
def _statutes_words(word: str) -> tuple[str, ...]:
    """The statutes' words of every colloquial entry ``word`` is part of (looked up once per word: the
    reranker asks for each word of a question against every part of fifty candidates)."""
    if is_question_word(word):
        return ()  # 「几天」 asks; it is no part of 「关几天」 (拘留) nor 「多少」 of 「罚多少」 (罚款) on its own
    return tuple(t for colloquial, legal in synonyms() if word in colloquial for t in legal)


def statutes_word_in(word: str, text: str) -> bool:
    """The statutes' word for a colloquial ``word`` (安全员 → 安全生产管理人员) occurs in ``text``."""
    return any(t in text for t in _statutes_words(word))


# A word that frames a question rather than names its subject: 几次, 多少度, 几个, 啥时候, 哪些. No provision
# states it, so it is neither evidence that the corpus lacks the subject nor a word a clause should cover.
_QUESTION_WORD = re.compile(r"几|多少|多长|多久|哪|啥|什么")


def is_question_word(word: str) -> bool:
    return bool(_QUESTION_WORD.search(word))


# Coal mines are named by 煤 — but 「非煤矿山」 names the opposite.
_COAL = re.compile(r"(?<!非)煤")


def names_coal(text: str) -> bool:
    return bool(_COAL.search(text))


# A colloquial entry that frames the question rather than names a thing: the conduct's negation (没配, 没办:
# every 罚则 says 未) or the ask (罚多少, 报告谁).
_FRAMING = re.compile(r"^[没不未]|几|多少|谁|哪|啥|什么")


def split_colloquial(normalized: str, words: Iterable[str]) -> tuple[str, ...]:
    """The colloquial entries (``synonyms``) said in ``normalized`` that no word of two or more characters
    among ``words`` overlaps (of two entries one holds, the longer): the tokenizer cut them into single
    characters and stopwords (「丢了」 → 丢 + 了, 「出事」 → 出 + 事), so they would count for nothing, though
    the synonyms give the statutes' word for them (丢失, 事故). Entries that frame the question
    (``_FRAMING``) are left out."""
    long_words = [w for w in words if len(w) > 1]
    said = list(dict.fromkeys(c for c, _ in synonyms() if c in normalized and not _FRAMING.search(c)))
    return tuple(
        c
        for c in said
        if not any(c in w or w in c for w in long_words) and not any(c != o and c in o for o in said)
    )


def mentions(word: str, text: str) -> bool:
    """``word``, or the statutes' word for it, occurs in ``text``."""
    return word in text or statutes_word_in(word, text)


def mention_share(word: str, text: str) -> float:
    """How fully ``text`` says ``word``: 1 when the word itself occurs, else the share of the statutes' words for it
    that do. 「孕期、哺乳期的女职工」 says 孕妇 (孕期 女职工) in full; 「接触职业病危害的作业」 says 粉尘 (粉尘
    职业病危害) only by its kind."""
    if word in text:
        return 1.0
    legal = _statutes_words(word)
    return sum(t in text for t in legal) / len(legal) if legal else 0.0


@dataclass(frozen=True)
class Query:
    """One question, analysed. ``tokens`` keep jieba's search-mode order (sub-tokens included)."""

    text: str  # as asked, stripped
    normalized: str  # width/bracket/space-normalised, lower case (see ``text.normalize``)
    tokens: tuple[str, ...]  # search-mode jieba over ``normalized``, no punctuation or stopwords
    content_words: tuple[str, ...]  # distinct tokens without sub-tokens of longer ones
    regions: tuple[str, ...] = ()  # gazetteer names the question mentions, longest first
    units: tuple[str, ...] = ()  # units asked for with 多少/几 (学时, 米 …), in order
    intent: str = ""  # what kind of question it is (``text.intent.INTENTS``); "" = not classified
    # the statutes' words for colloquial ones in the question (老板 → 主要负责人), tokenised; BM25 adds them
    expansions: tuple[str, ...] = ()
    # a described situation (`applies`), not a question: reranked by the weights fitted for it
    # (``rerank.load_ranker``)
    situation: bool = False

    @classmethod
    def parse(cls, text: str, tokenize: Tokenizer = tokenize_query) -> Query:
        text = text.strip()
        normalized = normalize(text)
        tokens = tuple(tokenize(text))
        return cls(
            text=text,
            normalized=normalized,
            tokens=tokens,
            content_words=tuple(content_words(list(tokens))),
            regions=tuple(name for name in region_names() if name in normalized),
            units=tuple(m.group(1) for m in _UNIT.finditer(text)),
            intent=classify_intent(text),
            expansions=_expansions(normalized, tokens, tokenize),
        )

    @property
    def distinct_tokens(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.tokens))

    @property
    def asks_criminal(self) -> bool:
        """The question asks about criminal liability (坐牢, 判几年, 构成犯罪 …)."""
        return asks_criminal(self.normalized)


def _expansions(normalized: str, tokens: tuple[str, ...], tokenize: Tokenizer) -> tuple[str, ...]:
    found: list[str] = []
    for word, legal in synonyms():
        if word in normalized:
            for term in legal:
                found += [t for t in tokenize(term) if t not in tokens and t not in found]
    return tuple(found)
