"""Short-answer grading by key-point coverage: each key point found or not, partial credit.

A key point counts as found when the answer covers most of its wording (greedy cover by shared
substrings of two or more characters, after width/numeral normalisation and a small list of
everyday synonyms) and states every number in it exactly: 「五年以上」 does not match 「3年」.

Wording a key point shares with most of its siblings says nothing about which of them the answer
covers: of 「程序到位、事实到位、法条到位、实体到位」 the answer 「程序、事实都要到位」 covers 「实体到位」 only by
its 「到位」. So coverage is measured on a point's own part, the characters left once the substrings found in
at least half of the other key points are set aside (the whole point if fewer than two are left); each stretch
of them is found by itself, so shared wording carries no match into it (「省级人民政府」 does not state 县级 of
「县级人民政府」), and a stretch of one character is found with the one it is read with (较 of 「较大事故」).

The rules decide first (:func:`_ruled`: a figure, frequency or 立即 missing, a prohibition said as allowed, a
figure on its other side, the point word for word); a point is not stated either when a clause of the answer
gives it a sibling point's figure (:func:`_swapped`: 「较大60%」 where 60% is the 重大 fine) or says it is not
needed (:func:`_denied`: 「不用纳入绩效考核」). Only the points they leave open are weighed by coverage
(:func:`point_coverage`) against the threshold of assistant/data/grading.json, the same bar that says what a
clause of the answer is about. A logistic model adding an embedding similarity (the point against the answer's
clauses) was tried and not adopted: 2 points in 936 better in cross-validation on dev, several seconds more per
bank (scripts/study_grading_model.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from assistant.content.facts import PERIOD
from assistant.datafiles import data_text
from assistant.numerals import arabize
from assistant.text.normalize import normalize

# Everyday wording → the documents' wording. General domain synonyms, not answers.
SYNONYMS = (
    ("通讯", "通信"),
    ("当地政府", "属地人民政府"),
    ("当地", "属地"),
    ("文凭", "学历"),
    ("专业对口", "主体专业"),
    ("法律依据", "法条"),
    ("文书", "文本"),
    ("及以上", "以上"),
    ("或者", "或"),
    ("停产", "停止生产"),
    ("全体员工", "全员"),
    ("不准", "严禁"),
    ("不能", "不得"),
    ("布置", "部署"),
    ("立刻", "立即"),
    ("马上", "立即"),
    ("招人", "人员招聘"),
    ("一年两次", "每半年一次"),
    ("一年2次", "每半年1次"),
    ("基本情况", "概况"),
    ("进出库", "出入库"),
    ("看守", "看护"),
    # stop 27, from the blind answers g151–g240 (dev half): plain equivalences of everyday and legal words
    ("停工", "停止作业"),
    ("辞退", "解除劳动合同"),
    ("实习生", "实习学生"),
    ("派遣工", "被派遣劳动者"),
    ("劳保用品", "劳动防护用品"),
    ("地级市", "设区的市"),
    ("省里", "省级"),
    ("省级", "省、自治区、直辖市"),
    ("县里", "县级"),
    ("TNT", "三硝基甲苯"),
    ("罚钱", "罚款"),
    ("一把手", "主要负责人"),
    ("安监部门", "安全生产监督管理部门"),
    ("安监局", "安全生产监督管理部门"),
    # and from the second blind set g241–g360 (dev half)
    ("专人", "专门人员"),
    ("省政府", "省级人民政府"),
    ("安管人员", "安全生产管理人员"),
    # and from the dev answers' misses: everyday words a trainer reads as the documents' (「免费」 says 不收费)
    ("监管", "监督管理"),
    ("提建议", "提出建议"),
    ("培训记录", "培训档案"),
    ("告诉", "告知"),
    ("以物易物", "实物交易"),
    ("技术员", "技术人员"),
    ("当作", "作为"),
    ("当成", "作为"),
    ("免费", "不收费"),
    # and from the third blind set g361–g480 (dev half)
    ("标记", "标志"),
    ("记号", "标志"),
    ("请专家", "聘请专家"),
    # stop 36, from the dev answers' misses: a half year is its months (g428), 公开 is 公布 (g374)
    ("上半年", "1月至6月"),
    ("下半年", "7月至12月"),
    ("公开", "公布"),
)
_PUNCT = re.compile(r"[^\w%/.]")


def _fitted_threshold() -> float:
    """The coverage a key point needs, fitted by scripts/fit_grading.py (0.6 without the file)."""
    import json

    try:
        data = json.loads(data_text("grading.json"))
        return float(data["threshold"])
    except (OSError, ValueError, KeyError):
        return 0.6


THRESHOLD = _fitted_threshold()


def _per(m: re.Match[str]) -> str:
    return "每" + (m.group(1) or m.group(2)).replace("星期", "周")


def _wan(m: re.Match[str]) -> str:
    """「1万」 → 10000; 「1万5000」 (一万五千) → 15000; 「1万5」 (一万五) → 15000; 「20万500」 (二十万零五百) → 200500."""
    rest = m.group(2) or ""
    tail = int(rest) * 1000 if len(rest) == 1 else int(rest or 0)  # 「二十万零五百」 is 200500
    return str(round(float(m.group(1)) * 10000) + tail)


def _wan_range(m: re.Match[str]) -> str:
    """「1至3万」 is 1万 to 3万; 「1000至1万」 is 1000 to 1万 (the first is no more than the second)."""
    low, high = m.group(1), m.group(2)
    return f"{low}万至{high}万" if float(low) < float(high) else m.group()


_DIGIT = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
# a year read digit by digit: 「二〇二四年」, or its last two digits before 年底/年初/年末 (「二四年底」)
_YEAR_IN_DIGITS = re.compile(
    r"[一二][〇零九][〇零一二三四五六七八九]{2}(?=年)|[〇零一二三四五六七八九]{2}(?=年[底初末])"
)


def _year(text: str) -> str:
    """A calendar year however it is written: 「二〇二四年」 is read digit by digit (arabize reads it as 4),
    and 「24年底」「二四年底」 are 「2024年底」 (a year's end, not 24 years): a deadline said short is still it."""
    text = _YEAR_IN_DIGITS.sub(lambda m: "".join(_DIGIT[c] for c in m.group()), text)
    return re.sub(r"(?<![\d.])(\d{2})(?=年[底初末])", r"20\1", text)


# 「三成」 is 30% (a tenth is 一成); not 成本, 成员, 成立 …, nor a numeral's last digit (「十成」「二十三成」 are no share)
_TENTHS = re.compile(
    r"(?<![一二两三四五六七八九十百千万\d])([一二两三四五六七八九])成(?![本员立为果绩功熟就品型套交年])"
)
_TENTH_OF = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))


@lru_cache(maxsize=8192)  # a bank's key points and answers are prepared again for every point and part
def _prep(text: str) -> str:
    # 「百分之四十」 is 「40%」 (arabize alone reads 百 as a number: 「100分之40」); 「减掉一成」 is 10%
    text = re.sub(r"百分之([零〇一二两三四五六七八九十百\d.]+)", r"\1%", normalize(text))
    text = _TENTHS.sub(lambda m: f"{10 * _TENTH_OF[m.group(1)]}%", text)
    # a year before arabize reads it (「二〇二四年」) and after (「二十四年底」 is 24年底 only then)
    text = re.sub(r"(\d)点(?=\d)", r"\1.", _year(arabize(_year(text))))  # 「一点五倍」 is 「1.5倍」
    # a range keeps its two numbers apart: 「3-5年」 is 3 and 5, not 35, once the hyphen goes
    text = re.sub(r"(\d[万%]?)\s*[-－~～—–]\s*(?=\d)", r"\1至", text)  # 「5万-8万」 too
    text = re.sub(r"(\d[万%]?)(元?)到(?=\d)", r"\1\2至", text)
    text = re.sub(r"(\d+(?:\.\d+)?)至(\d+(?:\.\d+)?)万", _wan_range, text)  # 「1至3万」 is 1万 to 3万
    # 「15天」 is 「15日」; 「一个季度一次」「一个月至少测两次」「每个月」 are 「每季度」「每月」 (「一个月内」 is a deadline)
    text = re.sub(r"(\d)天", r"\1日", text)
    text = re.sub(
        r"(?:每个|每一个|1个)(季度|月|星期)(?=(?:(?![内后前])\S){0,6}?\d+次)|(?:每个|每一个)(季度|月|星期)",
        _per,
        text,
    )
    # an amount is one number however it is written: 「10万元」 = 「100000元」, 「1.5万」 = 「一万五千」 = 「15000」
    text = re.sub(r"(\d+(?:\.\d+)?)万(?!分)(\d{1,4}(?!\d))?", _wan, text)
    # a range is 「A至B」 however it is said: 「5万元以上10万元以下」「5万到10万」「3年以上7年以下」
    text = re.sub(r"(\d+(?:\.\d+)?)([^\d至以]{0,2}?)以上(\d+(?:\.\d+)?)\2以下", r"\1\2至\3\2", text)
    text = re.sub(r"(\d)(元?)(?:到|至)(?=\d)", r"\1\2至", text)
    # the decimal point survives the punctuation that goes: 「1.5」 is not 「15」
    return re.sub(r"(?<!\d)\.|\.(?!\d)", "", _PUNCT.sub("", text))


# Words that carry no content of a key point: 「专用仓库应当指定专人管理、看护」 is stated by 「仓库要有专人看护」.
# 「自……之日起」 only anchors a period: 「十五天内批复」 states 「自收到报告之日起15日内做出批复」.
_FUNCTION_WORDS = re.compile(r"应当|以及|或者|之日起|的|和|或")
# A prohibition is stated only with a negation: 「以山脊为界分给两家开采没问题」 says the opposite of 「不得以山脊划界」.
_PROHIBITION = re.compile(r"(?:不得|严禁|禁止|不准|不能|不允许|不许)(?!少于|低于|超过|高于|多于|大于|小于)")
_NEGATION = re.compile(r"不|没(?!问题|关系|事)|严禁|禁止|别|无|非")


# 「一项」「一种」「一个」 (not 「一个月」) is an article, not a figure: 「作为一项重大政治任务」 is stated without it.
_ARTICLE_ONE = re.compile(
    r"(?<![\d.])1(?=[项种套批支道名位]|个(?!月|季度|小时|工作日|星期|周))|(?<=上)1(?=年)"
)
_PREPPED_SYNONYMS = tuple((_prep(said), _prep(canonical)) for said, canonical in SYNONYMS)


@lru_cache(maxsize=8192)
def _with_synonyms(text: str) -> str:
    """``text`` already passed through :func:`_prep`, so the pairs are too (「一年两次」 is 「1年2次」 by then)."""
    for said, canonical in _PREPPED_SYNONYMS:
        text = text.replace(said, canonical)
    return text


def _shared_spans(text: str, others: list[str], share: float) -> Iterator[tuple[int, int]]:
    """The spans ``(i, j)`` of ``text``, two characters or more, found in at least ``share`` of ``others``."""
    for i in range(len(text)):
        for j in range(i + 2, len(text) + 1):
            if sum(text[i:j] in o for o in others) >= share * len(others):
                yield i, j


def _own_mask(point: str, siblings: list[str]) -> list[bool]:
    """Which characters of ``point`` are its own: not in a substring (two characters or more) found in at
    least half of ``siblings`` (the other key points, prepared the same way); all of them when fewer than
    two would be."""
    keep = [True] * len(point)
    if len(siblings) < 2:
        return keep
    for i, j in _shared_spans(point, siblings, 0.5):
        keep[i:j] = [False] * (j - i)
    return keep if sum(keep) >= 2 else [True] * len(point)


def _cover(text: str, answer: str) -> list[bool]:
    """Which characters of ``text`` the answer covers: greedily, by the longest substring (two characters
    or more) at each place that ``answer`` contains."""
    covered = [False] * len(text)
    i = 0
    while i < len(text):
        best = 0
        for j in range(len(text), i + 1, -1):
            if text[i:j] in answer:
                best = j - i
                break
        if best >= 2:
            covered[i : i + best] = [True] * best
            i += best
        else:
            i += 1
    return covered


def coverage(point: str, answer: str, mask: list[bool] | None = None) -> float:
    """Share of ``point``'s characters covered by substrings (length ≥ 2) that ``answer`` contains. With a
    ``mask`` only the characters it keeps count, and each stretch of them is found by itself: wording shared
    with the sibling points does not carry a match into it (「级人民政府」 does not state 县级 of 「县级人民政府」); a
    stretch of one character is found with the character it is read with (较 of 「发生较大事故」 by 「较大」)."""
    if mask is None:
        return sum(_cover(point, answer)) / len(point) if point else 0.0
    if not any(mask):
        return 0.0
    found = 0
    i = 0
    while i < len(point):
        if not mask[i]:
            i += 1
            continue
        j = i
        while j < len(point) and mask[j]:
            j += 1
        if j - i >= 2:
            found += sum(_cover(point[i:j], answer))
        else:
            found += point[max(0, i - 1) : i + 1] in answer or point[i : i + 2] in answer
        i = j
    return found / sum(mask)


def point_found(
    point: str, answer: str, threshold: float | None = None, siblings: list[str] | None = None
) -> bool:
    """Whether ``answer`` states ``point``; ``siblings`` are the question's key points (``point`` among
    them or not), whose shared wording does not count. The rules decide first (:func:`_ruled`); otherwise
    the point and each of its list items must be covered to the fitted ``threshold``
    (:func:`point_coverage`)."""
    ruled = _ruled(point, answer)
    if ruled is False:
        return False
    bar = THRESHOLD if threshold is None else threshold
    if any(_swapped(point, part, siblings or [], bar) for part in _parts(answer)):
        return False
    if _denied(point, answer, bar):
        return False
    if ruled:
        return True
    return min(point_coverage(point, answer, siblings or [])) >= bar


def _ruled(point: str, answer: str) -> bool | None:
    """What the rules say before any coverage is weighed: not found when a number or frequency of ``point``
    is missing from ``answer`` (「五年以上」 is not 「3年」, 每半年 not 每年), when a prohibition is not stated as
    one, or when a figure is given on its other side (「不得超过」 for 「不得低于」); found when the answer holds
    the whole point word for word; None when the wording must be weighed."""
    p, a = _prep(point), _with_synonyms(_prep(answer))
    nums = re.findall(r"\d+(?:\.\d+)?", _ARTICLE_ONE.sub("", p))
    if nums and not all(n in re.findall(r"\d+(?:\.\d+)?", a) for n in nums):
        return False
    period = re.search(r"每(?:半年|年|季度|月|周)", p)  # a frequency is a number too: 每半年 ≠ 每年
    if period and period.group() not in a:
        return False
    if (
        "立即" in p and "立即" not in a
    ):  # so is a deadline of none: 「责令停止生产」 is not 「责令立即停止生产」
        return False
    if _PROHIBITION.search(_with_synonyms(p)) and not _stated_as_prohibited(point, answer):
        return False
    if _other_side(p, a):
        return False
    return True if p in a else None


# A figure with the unit that says what it measures: two figures of one unit answer the same question.
_UNIT_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(%|万元|元|人|小时|日|个月|月|年|周岁|米|吨|倍)")


def _content(text: str) -> str:
    """``text`` prepared as the key points are compared (:func:`_prep`, the everyday synonyms), function words out."""
    return _FUNCTION_WORDS.sub("", _with_synonyms(_prep(text)))


def _by_unit(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for number, unit in _UNIT_FIGURE.findall(text):
        out.setdefault(unit, set()).add(number)
    return out


def _about(point: str, part: str, siblings: list[str]) -> float:
    """How much of what ``point`` is about ``part`` says: the coverage of the point's own wording
    (:func:`_own_mask` against ``siblings``), figures aside."""
    content = _content(point)
    others = [_content(s) for s in siblings if s != point]
    mask = [
        keep and not (ch.isdigit() or ch in ".%至")
        for ch, keep in zip(content, _own_mask(content, others), strict=True)
    ]
    return coverage(content, _with_synonyms(_prep(part)), mask) if any(mask) else 0.0


def _swapped(point: str, part: str, siblings: list[str], threshold: float) -> bool:
    """Whether ``part`` (a clause of an answer) gives ``point`` the figure of a sibling key point: 「较大60%」
    for 「发生较大事故的，处上一年年收入40%的罚款」 when 60% is the 重大 point's, 「火灾事故是30天」 for 「火灾事故自发生
    之日起7日内」 when 30日 is the other deadline's. The part must say more of what the point is about
    (:func:`_about`, to the threshold) than of what the sibling is about, and none of the point's figures of
    that unit."""
    mine, said = _by_unit(_with_synonyms(_prep(point))), _by_unit(_with_synonyms(_prep(part)))
    others = [x for x in siblings if x != point]
    for unit, numbers in said.items():
        if unit not in mine or mine[unit] & numbers:
            continue
        owners = [x for x in others if _by_unit(_with_synonyms(_prep(x))).get(unit, set()) & numbers]
        if not owners:
            continue
        about = _about(point, part, siblings)
        if about >= threshold and all(about > _about(x, part, siblings) for x in owners):
            return True
    return False


def point_coverage(point: str, answer: str, siblings: list[str]) -> tuple[float, float]:
    """(coverage of ``point``'s own part, the least coverage of its list items) by ``answer``. The own part
    is the point without the wording most ``siblings`` share (:func:`_own_mask`), function words out; a
    point that is no list (:func:`_items`) has items coverage 1."""
    p, a = _with_synonyms(_prep(point)), _with_synonyms(_prep(answer))
    items = [coverage(_content(item), a) for item in _items(point)]
    others = [_content(s) for s in siblings if s != point]
    content = _FUNCTION_WORDS.sub("", p)
    content = content if len(content) >= 2 else p
    return coverage(content, a, _own_mask(content, others)), min(items, default=1.0)


# the word joining a list's last item (「及」 of 「及时」 joins nothing)
_AND_OR = re.compile(r"以及|及(?!时)|和|与|或者|或")


def _items(point: str) -> list[str]:
    """The items of a key point that is one list of three or more (「通知公安机关、劳动保障行政部门、工会和人民检察院」,
    「假培训、假考试、假证书」) or a short pair (「消防和自救器」「免除或者减轻」, eight characters at most): such
    a point is stated only when each item is; two bodies of four, or 消防 alone, is not the point. A point with
    more than a list (a comma, a clause, an item of over ten characters) has no items here; nor has a longer
    pair, which is one requirement more often than two (「拒绝违章指挥和强令冒险作业」)."""
    point = point.replace("省、自治区、直辖市", "省级")  # one name, not a list
    if re.search(r"[，,；;：:]", point):
        return []
    if point.count("、") < 2 and ("、" in point or len(_prep(point)) > 8):
        return []
    *head, last = point.split("、")
    items = head + [x for x in _AND_OR.split(last) if x]
    # after a series of short words, what follows the last one's 的 is every item's head: 「分管安全、生产、机电的副矿长」
    # lists 机电 (the head, 副矿长, is checked with the whole point), and 「安全副矿长、生产副矿长」 does not state it;
    # 「许可证、银行账户转账凭证、经办人的身份证明复印件」 is no such series
    if (
        len(items) >= 3
        and re.fullmatch(r"[^的]{2,4}的.+", items[-1])
        and all(len(x) <= 4 for x in items[:-1])
    ):
        items[-1] = items[-1].split("的")[0]
    return items if len(items) >= 2 and all(2 <= len(_prep(x)) <= 10 for x in items) else []


# Which side of a figure a rule allows: 「不得低于20%」 is 20% or more, 「不得超过0.5%」 0.5% or less. The
# figure's own words come right before it (超过, 低于, 至少 …, after a negation or not) or right after its
# unit (以上, 以下, 以内).
_ABOVE = "超过|高于|大于|多于"
_BELOW = "低于|少于|小于|不足"
_BEFORE = re.compile(rf"(不得|不能|不准|严禁|禁止|不)?(至少|最少|最多|{_ABOVE}|{_BELOW})$")
_AFTER = re.compile(r"^[^\d至]{0,4}?(以上|以下|以内)")
_FIGURE_AT = re.compile(r"\d+(?:\.\d+)?")


def _sides(text: str) -> dict[str, set[tuple[bool, str]]]:
    """Each figure of ``text`` (prepared) → how its words bound it, as (negated, side) pairs: 「不得低于20%」
    (True, "-"), 「3年以上」 (False, "+"), 「超过3年」 (False, "+"); (False, "") when no word bounds it."""
    out: dict[str, set[tuple[bool, str]]] = {}
    for m in _FIGURE_AT.finditer(text):
        bound = (False, "")
        before = _BEFORE.search(text[max(0, m.start() - 6) : m.start()])
        after = _AFTER.search(text[m.end() : m.end() + 8])
        if before:
            word = before.group(2)
            side = "+" if word in ("至少", "最少") or re.fullmatch(_ABOVE, word) else "-"
            bound = (bool(before.group(1)), side)
        elif after:
            bound = (False, "+" if after.group(1) == "以上" else "-")
        out.setdefault(m.group(), set()).add(bound)
    return out


def _other_side(point: str, answer: str) -> bool:
    """Whether ``answer`` gives a figure of ``point`` (both prepared: :func:`_prep`, the answer's synonyms
    applied) only with the word of the other side: 「不得超过20%」 for
    「不得低于20%」, 「3年以下」 for 「3年以上」. A figure said once without a bounding word (「每月两次」 for
    「每月至少两次」), or with another negation (「超过28度要降温」 for 「不得超过28℃」: a condition, not the limit),
    is not."""
    mine, said = _sides(point), _sides(answer)
    for n, given in said.items():
        if n not in mine or any(not side for _, side in given):
            continue
        sides = {negated: {s for g, s in mine[n] if g == negated and s} for negated, _ in given}
        if not any(side in sides[negated] for negated, side in given) and any(
            sides[negated] for negated, _ in given
        ):
            return True
    return False


def _allows(point: str, part: str, threshold: float) -> bool:
    """Whether ``part`` says what the prohibition ``point`` forbids, without a negation: 「以山脊为界分给两家开采没问题」
    against 「不得以山脊划界」 is a wrong point, not a missing one."""
    if not _PROHIBITION.search(_with_synonyms(_prep(point))):
        return False
    content = _FUNCTION_WORDS.sub("", _PROHIBITION.sub("", _with_synonyms(_prep(point))))
    return coverage(content, _with_synonyms(_prep(part))) >= threshold and not _negated(part)


def _negated(part: str) -> bool:
    """Whether ``part`` carries a negation, its everyday words read as the documents' (「考核免费」 is 「考核不收费」):
    a word that means 'without' negates as 不 does."""
    return bool(_NEGATION.search(_with_synonyms(_prep(part))))


def _stated_as_prohibited(point: str, answer: str) -> bool:
    """Whether the sentence of ``answer`` that says most of ``point`` negates it (「不能以山脊划界」), as the
    prohibition does; a sentence that says it is allowed (「以山脊为界……没问题」) does not state the point."""
    p = _FUNCTION_WORDS.sub("", _PROHIBITION.sub("", _with_synonyms(_prep(point))))
    parts = _parts(answer)
    if not parts:
        return False
    # of two parts that say as much of it, the one with a negation states it (「要搞培训，不合格不能上岗」)
    best = max(parts, key=lambda x: (coverage(p, _with_synonyms(_prep(x))), _negated(x)))
    return _negated(best)


# Words that say a duty is not one: 「企业安全投入不用纳入绩效考核」, 「不用另外记录」.
_NOT_NEEDED = re.compile(r"不用|不必|无需|无须|不需要?|用不着|没必要|不硬性")


# Words that say less will do: 「一般事故报到县里就行」「培训由劳务公司负责就行」. A part that says so and states
# no key point relaxes the rule. Not 就可以, as often a right as a minimum (「遇到危险就可以撤离」).
_ENOUGH = re.compile(r"就行|即可|就够")


def _relaxed(part: str, clause: str, threshold: float) -> bool:
    """Whether ``part`` (stating no key point) relaxes the rule of ``clause`` (prepared): it says less will do
    (「一般事故报到县里就行」), or waives what the clause asks (「不用另外记录」 where the clause has 记录). Waiving what
    the clause never asks (「不用经过谁批准」 of a clause without an approval) adds nothing."""
    if _ENOUGH.search(part):
        return True
    waived = _NOT_NEEDED.search(part)
    if not waived:
        return False
    rest = _content(part[waived.end() :])
    return len(rest) >= 2 and coverage(rest, clause) >= threshold


def _denied(point: str, answer: str, threshold: float) -> bool:
    """Whether the clause of ``answer`` that says most of ``point`` (a point with no negation, covered to the
    threshold) says it is not needed: 「企业安全投入不用纳入绩效考核」 for 「在企业绩效考核中把安全投入作为重要考核内容」."""
    p = _with_synonyms(_prep(point))
    if _NEGATION.search(p):
        return False
    content = _FUNCTION_WORDS.sub("", p)
    parts = _parts(answer)
    if not parts or len(content) < 2:
        return False
    scored = [(coverage(content, _with_synonyms(_prep(x))), bool(_NOT_NEEDED.search(x))) for x in parts]
    cov, negated = max(scored)
    return negated and cov >= threshold


def _parts(answer: str) -> list[str]:
    """The clauses of ``answer``, split at its commas and stops."""
    return [x for x in re.split(r"[，,。；;！？!?\s]+", answer or "") if x]


_APPROVAL = re.compile(r"审批|批准|同意|请示|核准")


def _added_approval(part: str, clause: str) -> bool:
    """Whether ``part`` makes the rule wait for an approval that its clause (prepared) names nowhere:
    「要先请示班长同意才能撤离」「必须先报安监局审批才能干」 add a step the law does not have, a wrong point as a
    sanction the clause does not hold is. Saying none is needed (「不用领导同意」) adds nothing."""
    return bool(_APPROVAL.search(part)) and not _APPROVAL.search(clause) and not _negated(part)


_SANCTION = re.compile(r"吊销\w{0,6}|判刑|有期徒刑|拘役|罚款|警告|拘留|撤职|开除")
_FREQUENCY = PERIOD
# A figure with its unit (after arabize): 「500人以上」「24小时内」「2026年底前」「最多设3个采矿权」.
# An amount fined with no unit: 「单位罚五万以下」 (after _prep: 罚50000以下) is money.
_FINE = re.compile(r"罚款?(\d+(?:\.\d+)?)(?![\d.])")
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:%|万元|元|人|小时|日|天|个月|月|年|周岁|米|吨|个|次|倍)")
# 「一次只能领够这一班用的」: 一次 before 只/最多/不 is 'at a time', no count the clause must hold
_AT_A_TIME = re.compile(r"(?<![\d.])1次(?=只|最多|至多|不|性)")


def _held(figure: str, clause: str) -> bool:
    """Whether ``clause`` (prepared) holds ``figure``, a period in months also as the days it is
    (「两个月」 for 六十日): close enough that a trainer does not count it wrong, though it earns no point."""
    months = re.fullmatch(r"(\d+)个?月", figure)
    return figure in clause or bool(months and f"{30 * int(months.group(1))}日" in clause)


# A statement about a sanction: the figures in it are the penalty, not a rule the answer may borrow.
_PENALTY = re.compile(r"罚|刑|拘|吊销|撤职|开除|处分")
Elsewhere = Callable[[str, list[str]], bool]


def law_elsewhere(texts: Iterable[str]) -> Elsewhere:
    """Whether a statement is law elsewhere: one of ``texts`` (the knowledge base's clauses) holds all of the
    given figures and most (0.6, the grader's old default coverage) of the statement's wording.
    「调查组60日内提交调查报告」 answered to a question on the 批复 deadline is a true rule of another article:
    off target, not wrong."""
    prepped = [_with_synonyms(arabize(_prep(t))) for t in texts]

    def check(statement: str, figures: list[str]) -> bool:
        content = _FUNCTION_WORDS.sub("", _with_synonyms(arabize(_prep(statement))))
        return any(
            all(f in t for f in figures) and coverage(content, t) >= 0.6 for t in prepped if figures[0] in t
        )

    return check


def _shared_wording(key_points: list[str]) -> list[str]:
    """Substrings (two characters or more, longest first) that all of three or more short ``key_points`` (a
    series: eight characters at most) share, none being one of them: the 「到位」 of 「程序到位、事实到位……」,
    the 「统一」 of 「安全工作统一管理、安全会议统一布置……」. Wording most of them share is no series (「培训」 in
    three of four points on training)."""
    prepped = [_prep(p) for p in key_points]
    if len(prepped) < 3 or any(len(p) > 8 for p in prepped):
        return []
    found = {p[i:j] for p in prepped for i, j in _shared_spans(p, prepped, 1.0) if p[i:j] not in prepped}
    return sorted(found, key=len, reverse=True)


def _extra_items(answer: str, key_points: list[str], clause: str, threshold: float) -> list[str]:
    """Items the answer adds to the key points' series that the clause does not hold: 「经济效益到位」 among
    「程序到位、事实到位……」, 「统一工资标准」 among the 「统一」 requirements. An item is in the series when it
    carries the wording the key points share; it is extra when what is left of it is nowhere in the clause."""
    shared = _shared_wording(key_points)
    out = []
    for item in re.split(r"[，,。；;、！？!?\s]+", answer or ""):
        said = _prep(item)
        word = next((w for w in shared if w in said), None)
        if word is None or any(point_found(p, item, threshold, key_points) for p in key_points):
            continue
        rest = _FUNCTION_WORDS.sub("", said.replace(word, ""))
        if len(rest) >= 2 and rest not in clause and coverage(rest, clause) <= 0.5:
            out.append(item.strip())
    return out


def wrong_points(
    answer: str,
    key_points: list[str],
    clause_text: str,
    elsewhere: Elsewhere | None = None,
    threshold: float | None = None,
) -> list[str]:
    """The parts of ``answer`` that state a sanction, a frequency or a figure the clause does not contain
    (「吊销营业执照」 for a clause that fines; 「每季度排查一次」 where it says 每月; 「500人以上的要设」 where it says
    超过一百人), that make the rule wait for an approval the clause names nowhere (「须报应急管理局批准」), that
    allow what a prohibition of the key points forbids, that give a key point a sibling's figure (「井下人员减少
    20%」 where 20% is the other target's), that say a key point is not needed (「安全投入不用纳入绩效考核」), or
    that relax the rule (:func:`_relaxed`: 「一般事故报到县里就行」): each costs as much as a missing point. Other
    wrong statements (「费用由工人自己出」) are not detected. Chosen on the dev half of
    evals/short_answers.jsonl; a figure that differs but is still true (「停用满五年的也要闭库」 of a 3-year rule)
    is flagged too, which the dev marks count against it twice in 54 answers.

    With ``elsewhere`` (:func:`law_elsewhere`), a figure the clause does not contain is not wrong when the
    statement is another clause's rule, figures and all (an answer to the neighbouring article), unless it
    states a penalty for a question on one: another article's fine given as this one's is wrong.

    ``threshold``: the coverage bar (the fitted one without it), for the key points and for what a part is
    about."""
    if not clause_text:
        return []
    bar = THRESHOLD if threshold is None else threshold
    clause = arabize(_prep(clause_text))
    penalty_clause = bool(_SANCTION.search(clause_text))
    out = _extra_items(answer, key_points, clause, bar)
    for part in _parts(answer):
        if (
            len(_prep(part)) < 2
            or any(point_found(p, part, bar, key_points) for p in key_points)
            or any(x in part for x in out)
        ):
            continue
        said = _AT_A_TIME.sub("", arabize(_prep(part)))
        if (
            any(
                _allows(p, part, bar) or _swapped(p, part, key_points, bar) or _denied(p, part, bar)
                for p in key_points
            )
            or _relaxed(part, clause, bar)
            # the other side of a figure no key point bounds that way (「100人以上」 where one point says 超过一百人
            # and another 一百人以下 is a boundary slip, not the opposite rule)
            or _other_side(_prep("；".join(key_points)), _with_synonyms(_prep(part)))
            or [x for x in _SANCTION.findall(part) if x[:2] not in clause]
            or _added_approval(part, clause)
        ):
            out.append(part.strip())
            continue
        figures = [f for f in _FREQUENCY.findall(said) + _FIGURE.findall(said) if not _held(f, clause)]
        figures += [f for f in _FINE.findall(said) if f not in re.findall(r"\d+(?:\.\d+)?", clause)]
        if not figures:
            continue
        borrowed = elsewhere is not None and not (penalty_clause and _PENALTY.search(part))
        sentence = next((x for x in re.split(r"[。；;！？!?\n]+", answer) if part in x), part)
        if not (borrowed and elsewhere is not None and elsewhere(sentence, figures)):
            out.append(part.strip())
    return out


def grade_short_answer(
    answer: str,
    key_points: list[str],
    clause_text: str = "",
    elsewhere: Elsewhere | None = None,
    threshold: float | None = None,
) -> tuple[float, list[bool], list[str]]:
    """(score in [0, 1], found flag per key point, wrong points). ``clause_text`` is the cited clause; a key
    point missing from it is graded as written (it is the bank's key point either way). Score:
    (points found − wrong points) / key points, at least 0. ``threshold``: the coverage bar, the fitted one
    without it (scripts/fit_grading.py tries others)."""
    if not key_points:
        return 0.0, [], []
    found = [point_found(p, answer or "", threshold, key_points) for p in key_points]
    wrong = wrong_points(answer, key_points, clause_text, elsewhere, threshold)
    return round(max(0.0, (sum(found) - len(wrong)) / len(found)), 4), found, wrong
