"""Slogans from clauses, offline: two short halves from the requirement of one clause.

A clause sentence is cut at its commas into pieces, and each piece is read as one of these:

- a rule (「严禁新建“头顶库”」, 「其生产经营主体应当及时闭库治理」): the subject goes when it is only the party
  bound (企业, 单位, 部门 …), the modal verb is shortened (应当 → 须) and the words a slogan can lose go
  (及时, 严格, 进行, 组织开展 …); a piece with no modal that follows a rule carries on that rule
  (「……应当立即赶赴事故现场，组织事故救援」);
- a condition (「对……停用超过3年的尾矿库」, 「未经安全生产教育和培训合格的从业人员」): never a half on its own,
  so 「不再排尾作业」 cannot read as an order; it opens the rule that follows it
  (「停用超过3年的尾矿库，必须及时闭库治理」) or is folded into it (「停用超过3年须闭库治理」);
- a purpose (「防止事故扩大」): what the rule protects, in the clause's words.

(The pieces and the forms they take are ``assistant.draft.slogan_pieces``.) A slogan pairs a condition
with its rule, two rules of one sentence, an item of a statute's list with what its lead-in says of every
item (「瓦斯超限作业，属于重大隐患」), two rules of one clause when one is a ban or a figure, or a rule with a
purpose: the purpose of its own sentence first, else a phrase from ``PURPOSES`` whose guard the rule's own
piece meets (each used once per set, so no tail repeats). Words are dropped or shortened, never a figure or
its bound, and every slogan must pass ``slogan_problems`` against its clause; a set names its topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.content.facts import fact_sentences
from assistant.content.topic import QUOTES
from assistant.draft.slogan_check import MAX_GAP, SUBJECT_TERMS, slogan_problems
from assistant.draft.slogan_pieces import (
    Half,
    Piece,
    chars,
    fits,
    halves_of_rule,
    pieces_of,
    rule_halves,
    short_form,
    variants,
)
from assistant.schema import Clause
from assistant.text.normalize import contains_normalized

__all__ = ["PURPOSES", "Slogan", "halves_of_rule", "headline_slogan", "make_slogans", "pieces_of", "tighten"]

# What a requirement protects, for a rule whose sentence says nothing of it: (phrase, what the rule's own
# piece must name for the phrase to be true of it). A small table, varied on purpose: each phrase is used
# at most once per set, and none fits every clause the way 「守护矿工生命安全」 did.
PURPOSES: tuple[tuple[str, str], ...] = (
    ("守住下游生命线", r"头顶库|下游"),
    ("严防溃坝保下游", r"尾矿库|闭库"),
    ("危急时刻能逃生", r"演练|撤离|逃生|避险"),
    ("关键时刻保平安", r"预案|演练|救援"),
    ("严防瓦斯爆炸", r"瓦斯"),
    ("安全技能记心上", r"(?:接受|经过|进行|参加)\w{0,8}培训"),
    ("持证上岗有底气", r"资格证书|操作资格|考核合格|考试合格"),
    ("别让隐患成事故", r"隐患"),
    ("事故真相不隐瞒", r"瞒报|谎报|隐瞒"),
    ("救援时间不耽误", r"立即.{0,12}(?:报告|抢救|救援)"),
    ("职业健康有保障", r"职业病|职业卫生|职业健康"),
    ("严防流失被盗抢", r"丢失|被盗|被抢|流向"),
    ("安全责任不转移", r"外包|发包|承包|派遣"),
    ("源头管住风险", r"准入|设计审查"),
)


@dataclass(frozen=True)
class Slogan:
    text: str
    clause: Clause
    sentence: str  # the verbatim sentence it was made from (the citation's quote)
    score: float
    tail: bool = False  # its second half is a phrase of ``PURPOSES``, not the clause's own words


def _overlap(a: str, b: str) -> bool:
    """Whether two halves say the same thing (a run of five characters in common; 「瓦斯煤尘」 twice is a
    parallel, 「专门防治机构」 twice is a repeat)."""
    return any(a[i : i + 5] in b for i in range(len(a) - 4))


def _same(a: str, b: str) -> bool:
    """Whether two halves of a set say the same thing, modal verbs aside (「重大隐患须建立台账」, 「……要……」)."""
    a, b = (re.sub(r"必须|须|要", "", x) for x in (a, b))
    return a == b or _overlap(a, b)


def _alike(a: str, b: str) -> bool:
    """Whether two slogans of a set say nearly the same (「有瓦斯爆炸可能性的矿井，要严格执行瓦斯检查制度」 and
    「有瓦斯煤尘爆炸危险的矿井，必须执行瓦斯煤尘检查制度」): most word pairs of the shorter in the longer."""
    x, y = ({t[i : i + 2] for i in range(len(t) - 1)} for t in (a, b))
    return len(x & y) >= 0.45 * min(len(x), len(y))


def _score(a: Half, b: Half, bonus: float) -> float:
    la, lb = chars(a.text), chars(b.text)
    figure = 0.5 * bool(re.search(r"\d|每", a.text + b.text))
    return (
        bonus
        + a.strong
        + b.strong
        + figure
        - 0.5 * abs(la - lb)
        + 0.5 * (la == lb)
        - 0.1 * max(0, la + lb - 16)
    )


def _pairs(clause: Clause, sentence: str) -> list[Slogan]:
    found = pieces_of(sentence)
    out: list[Slogan] = []
    for i, first in enumerate(found):
        if first.kind not in ("rule", "if") or first.after_case:
            continue
        if first.kind == "if" and first.opens == i:  # a subject and its duty, in one piece
            for a in (h for h in first.halves if h.kind == "if"):
                for b in (h for h in first.halves if h.kind == "rule"):
                    text = f"{a.text}，{b.text}"
                    if abs(chars(a.text) - chars(b.text)) <= MAX_GAP and not slogan_problems(
                        text, clause.text
                    ):
                        out.append(Slogan(text, clause, sentence, _score(a, b, 2.5)))
            continue
        for j in range(i + 1, len(found)):
            second = found[j]
            if first.kind == "if" and j != first.opens:
                continue
            for a in first.halves:
                if a.kind == "why":
                    continue
                for b in second.halves:
                    if b.kind == "if" or (a.kind == "if" and b.kind != "rule"):
                        continue
                    if a.kind == "if" and a.text.endswith(b.text):
                        continue
                    if (
                        a.kind == "rule"
                        and not (a.alone and b.alone)
                        or a.kind == "rule"
                        and second.after_case
                    ):
                        continue
                    text = f"{a.text}，{b.text}"
                    if abs(chars(a.text) - chars(b.text)) > MAX_GAP or _overlap(a.text, b.text):
                        continue
                    if slogan_problems(text, clause.text):
                        continue
                    bonus = 3.0 if a.kind == "if" else 2.5 if b.kind == "why" else 2.0
                    out.append(Slogan(text, clause, sentence, _score(a, b, bonus)))
    return out


def _standalone(found: list[Piece]) -> list[Half]:
    """The rules of a sentence that read on their own: not opened by a condition, saying enough."""
    return [h for p in found if not p.after_case for h in p.halves if h.kind == "rule" and h.alone]


def _clause_pairs(clause: Clause, sentences: list[str]) -> list[Slogan]:
    """Two rules of one clause from two of its sentences (「停用超过3年须闭库治理，销号后不得擅自回采」)."""
    out = []
    # each half a rule of its own (not one carried on from the piece before), one of them a ban or a figure
    rules = [(s, [h for h in _standalone(pieces_of(s)) if not h.carried]) for s in sentences]
    for i, (s1, first) in enumerate(rules):
        for s2, second in rules[i + 1 :]:
            quote = s1 + s2 if s1 + s2 in clause.text else s1
            for a in first:
                for b in second:
                    text = f"{a.text}，{b.text}"
                    if not (a.strong or b.strong or re.search(r"\d|每", text)):
                        continue
                    if abs(chars(a.text) - chars(b.text)) > MAX_GAP or _overlap(a.text, b.text):
                        continue
                    if slogan_problems(text, clause.text):
                        continue
                    out.append(Slogan(text, clause, quote, _score(a, b, 1.5)))
    return out


_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）](?P<case>[^；;。\n]+?)的?[；;。]?$", re.M)


def _list_pairs(clause: Clause) -> list[Slogan]:
    """An item of a statute's list with what its lead-in says of every item: 「瓦斯超限作业的；」 under
    「……有下列情形之一的，属于重大事故隐患，应当立即停止受影响区域生产……：」 → 「瓦斯超限作业，属于重大隐患」."""
    lead = re.search(r"下列(?:情形|行为)之一的[，,](?P<then>[^：:\n]+)[：:]", clause.text)
    if lead is None:
        return []
    thens = [h for p in re.split(r"[，,；;]", lead.group("then")) for h in rule_halves(p) if h.alone]
    out = []
    for m in _ITEM.finditer(clause.text):
        for case in variants(short_form(m.group("case"))):
            if not fits(case) or "或者" in case:
                continue
            for then in thens:
                text = f"{case}，{then.text}"
                if abs(chars(case) - chars(then.text)) > MAX_GAP or slogan_problems(text, clause.text):
                    continue
                out.append(Slogan(text, clause, m.group().strip(), _score(Half(case, "if"), then, 2.5)))
    return out


def _purpose_pairs(clause: Clause, sentence: str, used: set[str]) -> list[Slogan]:
    """A rule of ``sentence`` that names what it governs, with a phrase of ``PURPOSES`` true of its piece."""
    out = []
    found = pieces_of(sentence)
    # a rule whose case is set by the piece before it (「……的，应当诊断为职业病」) does not stand alone
    rules = _standalone(found)
    # what the rule governs: its own piece, and the sentence's opening piece when that names the case or
    # the thing (「煤矿和其他有瓦斯爆炸可能性的矿井，……任何人不得携带烟草和点火用具下井」)
    opening = re.split(r"[，,；;：:]", sentence, maxsplit=1)[0]
    for phrase, guard in PURPOSES:
        if phrase in used:
            continue
        for a in rules:
            context = a.src + (
                opening if opening.endswith(("的", "矿井", "煤矿", "矿山")) or opening == a.src else ""
            )
            if not re.search(guard, context) or re.fullmatch(r"(?:必须|要|须)\w{0,4}", a.text):
                continue  # 「必须闭库治理」 does not say what is closed
            text = f"{a.text}，{phrase}"
            if abs(chars(a.text) - chars(phrase)) > MAX_GAP or slogan_problems(text, clause.text):
                continue
            out.append(Slogan(text, clause, sentence, _score(a, Half(phrase, "why"), 1.0), tail=True))
    return out


def _statutes_words(topic: str) -> list[str]:
    """The words the statutes use for a colloquial topic, as ``assistant/data/synonyms.txt`` lists them
    (透水 → 水害, 水患, 探水; 火工品 → 民用爆炸物品): a clause on 水患 is about 透水 though it never says it."""
    from assistant.text.query import synonyms

    return [w for colloquial, legal in synonyms() if colloquial == topic for w in legal]


def _about(sentence: str, topic: str | None) -> bool:
    if not topic:
        return True
    from assistant.text.tokenize import tokenize

    text = QUOTES.sub("", sentence)
    words = [w for w in tokenize(topic) if len(w) > 1] or [topic]
    return (
        contains_normalized(text, topic)
        or all(contains_normalized(text, w) for w in words)
        or any(contains_normalized(text, w) for w in _statutes_words(topic))
    )


def _paragraph_about(clause: Clause, sentence: str, topic: str | None) -> bool:
    """A sentence of a paragraph about the topic as a whole (it names it three times, once in its first two
    sentences): slogan material
    though it does not name the topic itself (「对普查不清的立即采取措施查明」 under 隐蔽致灾因素普查)."""
    if not topic:
        return True
    para = QUOTES.sub("", next((p for p in clause.text.splitlines() if sentence in p), ""))
    # and it opens on the topic: 「12.严格矿山安全准入。……」 names 安全设施设计 three times in its last sentences,
    # but 「严禁新建头顶库」 is no 安全设施 slogan
    opening = "".join(re.findall(r"[^。]*。", para)[:2])
    return para.count(topic) >= 3 and topic in opening


_FILLERS = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇]+条|\d+\.|[（(][一二三四五六七八九十]+[）)]|同时|并且|并|其|要|严格|切实|进一步|全面|坚决|\s)+"
)
_SUBJECT = re.compile(
    r"^(?:生产经营主体|生产经营单位|矿山企业|企业|各地|各级|各有关部门)(?=应当|必须|要|不得|严禁)"
)


def tighten(piece: str) -> str:
    """A piece in a headline's words: no numbering, leading fillers, quotation marks or party before its
    modal verb; 应当 → 要, 进行 dropped. Numbers and the requirement itself are untouched."""
    piece = re.sub(r"[“”\"'「」]", "", piece.strip())
    piece = _FILLERS.sub("", piece).strip()
    piece = _SUBJECT.sub("", piece)
    return piece.replace("应当", "要").replace("进行", "").removeprefix("要")


def headline_slogan(slogans: list[Slogan], topic: str | None) -> str:
    """The slogan a headline is made of: the topic named as such first, then a word of it, then a ban, a
    figure; a slogan that names none of the topic's words only when none does."""
    terms = _topic_terms(topic)
    if not slogans:
        return ""
    best = max(
        slogans,
        key=lambda s: (
            bool(topic and topic in s.text),
            not terms or any(t in s.text for t in terms),
            bool(re.search(r"严禁|禁止|不得|一律", s.text.split("，")[0])),
            bool(re.search(r"\d", s.text)),
            not s.tail,
            s.score,
        ),
    )
    return best.text


def make_slogans(
    clauses: list[Clause], topic: str | None, limit: int = 8, per_clause: int = 3
) -> list[Slogan]:
    """Up to ``limit`` slogans about ``topic``, at most ``per_clause`` from one clause, no half used twice;
    the best first (a condition with its rule, a rule with its own purpose, two rules of one sentence, then
    a rule with a purpose from ``PURPOSES``)."""
    sentences = [
        (c, s.text)
        for c in clauses
        for s in fact_sentences(c)
        if _about(s.text, topic) or _paragraph_about(c, s.text, topic)
    ]
    chosen: list[Slogan] = []
    used: set[str] = set()

    def take(pool: list[Slogan]) -> None:
        for s in sorted(pool, key=lambda s: -s.score):
            halves = s.text.split("，")
            if len(chosen) >= limit or any(_same(h, u) for h in halves for u in used):
                continue
            if any(_alike(s.text, c.text) for c in chosen):
                continue
            if sum(c.clause.chunk_id == s.clause.chunk_id for c in chosen) >= per_clause:
                continue
            chosen.append(s)
            used.update(halves)

    terms = _topic_terms(topic)

    def on_topic(s: Slogan) -> bool:
        return not terms or any(t in s.text for t in terms) or _paragraph_about(s.clause, s.sentence, topic)

    take([s for clause, sentence in sentences for s in _pairs(clause, sentence) if on_topic(s)])
    by_clause: dict[str, list[str]] = {}
    for clause, sentence in sentences:
        by_clause.setdefault(clause.chunk_id, []).append(sentence)
    for clause in clauses:
        take([s for s in _list_pairs(clause) if on_topic(s)])
    for clause in clauses:
        take([s for s in _clause_pairs(clause, by_clause.get(clause.chunk_id, [])) if on_topic(s)])
    for clause, sentence in sentences:
        take([s for s in _purpose_pairs(clause, sentence, used) if on_topic(s)])
    # the set reads strongest first: a ban opening a slogan, then a figure, then the clause's own words
    return sorted(
        chosen,
        key=lambda s: (
            not re.search(r"严禁|禁止|不得|一律", s.text.split("，")[0]),
            not re.search(r"\d", s.text),
            s.tail,
            -s.score,
        ),
    )


def _topic_terms(topic: str | None) -> list[str]:
    """The words a slogan about ``topic`` names one of: the topic, its words, its short form, and the words
    ``SUBJECT_TERMS`` groups with them (头顶库 for 尾矿库, 雷管 for 爆炸)."""
    if not topic:
        return []
    from assistant.text.tokenize import tokenize

    words = {topic, short_form(topic), *(w for w in tokenize(topic) if len(w) > 1)}
    words |= {v for w in _statutes_words(topic) for v in (w, short_form(w))}
    for group in SUBJECT_TERMS:
        if any(w in group or any(g in w for g in group) for w in words):
            words |= set(group)
    return sorted(words)
