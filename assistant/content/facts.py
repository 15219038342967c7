"""Facts worth teaching, extracted from clause text: numbers, deadlines, frequencies and named lists.

Quiz questions, publicity key points and Q&A pairs are all built from these facts, so each fact keeps
its exact wording and its offsets into ``clause.text``: a question's answer key is then a verbatim
span of the clause it cites, and can be checked against that clause mechanically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.numerals import cn_to_int
from assistant.schema import Clause
from assistant.text.deletions import deleted_lines, in_deleted_line
from assistant.text.sentences import Sentence, split_sentences

# Units that turn a bare number into a requirement; longest first so 万吨/年 wins over 年.
_UNITS = ("万吨/年", "个月", "年底前", "年底", "万吨", "个", "年", "米", "次", "%", "倍", "天", "人", "项")
_NUMBER = re.compile(
    # not the end of a figure whose decimal point is a private-use glyph (「2\ue0105米」, round 56, H3623)
    r"(?<![\d.\-—(（\ue000-\uf8ff])(?P<value>\d+(?:\.\d+)?)(?P<unit>"
    + "|".join(re.escape(u) for u in _UNITS)
    + r")"
    r"(?P<qual>以上|以下|左右|以内|内|及以上)?"
)
# A statute writes its figures in Chinese numerals: 八小时, 六个月, 十六周岁, 二万元以上五万元以下. Not an
# ordinal (第三条), a period (每年), a share (百分之四十, 三分之二) or a numeral inside a word (一次性, 三年行动:
# the unit must end the word, so a following character that continues it is excluded below).
_CN_NUMBER = re.compile(
    r"(?<![第每之几数多两一二三四五六七八九十百千])(?P<value>[一二两三四五六七八九十百千]+)"
    r"(?P<unit>小时|个月|日|天|年|周岁|万元|元|人)"
    r"(?P<qual>以上|以下|以内|内)?"
)
# A statute of our day writes the same figures in Arabic numerals (煤矿安全生产条例 2024: 「处50万元以上200万元以下的
# 罚款」「30日内」): the units ``_NUMBER`` does not know (it reads 年, 个月, 天, 人 already), never a day of a date (3月5日).
_ARABIC_STATUTE_NUMBER = re.compile(
    r"(?<![\d.\-—(（月\ue000-\uf8ff])(?P<value>\d+(?:\.\d+)?)(?P<unit>小时|日|周岁|万元|元)(?P<qual>以上|以下|以内|内)?"
)
_WORD_GOES_ON = re.compile(r"[性级度份轮代届期龄行计划]")
# A stated period (每月, 每半年 …): what a frequency says, wherever it is checked (slogans, graded answers)
PERIOD = re.compile(r"每(?:半年|年|季度|季|月|周|旬|日|天|班)")
# 每半年至少组织开展一次 / 每年更新一次 / 每月开展1次: the period is the fact.
_FREQUENCY = re.compile(r"每(?P<value>半年|年|季度|月|周)(?P<rest>[^，。；,;:：]{0,10}?(?:一|1)次)")
_CN_COUNT = "一二三四五六七八九十"

_SEP = '、，。；,;:：“”"()（）《》'
_LEAD_INS = (
    "做到",
    "按照",
    "实现",
    "推进",
    "包括",
    "落实",
    "运用",
    "使用",
    "采取",
    "采用",
    "整治",
    "考虑",
    "完善",
    "利用",
    "举办",
    "通过",
    "深挖细究",
    "对被",
    "根据",
    "确保",
    "会同",
    "支持",
    "鼓励",
    "和",
    "及",
)


@dataclass(frozen=True)
class NumberFact:
    """A number with its unit as written (``10年``, ``30万吨/年``, ``2025年底前``, ``每半年``)."""

    clause: Clause
    kind: str  # "number" | "deadline" | "frequency"
    text: str  # the span a blank replaces, verbatim
    value: str  # the part distractors change: "10", "2025", "半年"
    unit: str  # "年", "万吨/年", "年底前", "每" (frequency)
    start: int  # offset of ``text`` in clause.text
    sentence: str  # the verbatim sentence (or sentence fragment) holding the fact
    sentence_start: int

    def with_value(self, value: str) -> str:
        """The fact's span with another value (a distractor of the same unit)."""
        return self.text.replace(self.value, value, 1)


@dataclass(frozen=True)
class ListFact:
    """An enumeration in the clause: a named list (「四步法」) or a list before 等 + category noun."""

    clause: Clause
    kind: str  # "named" | "enum" | "series" (an unnamed run of three or more short items)
    name: str  # 四步法 / 违法行为
    items: tuple[str, ...]
    span: str  # verbatim text holding all items (and the name for named lists)
    sentence: str
    start: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


def fact_sentences(clause: Clause) -> list[Sentence]:
    """The clause's sentences, without the leading item number (``12.``) of the first one; none from a 项 the text
    marks deleted (``text.deletions``)."""
    out = []
    deleted = deleted_lines(clause.text)
    for s in split_sentences(clause.text):
        if in_deleted_line(s.start, deleted):
            continue
        m = re.match(r"^(?:\d+\.|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])", s.text)
        if m:
            s = Sentence(s.text[m.end() :], s.start + m.end(), s.end)
        title = clause.title.rstrip("。")
        if (
            title
            and not clause.title.endswith("。")
            and s.text.startswith(title)
            and len(s.text) > len(title) + 4
        ):
            s = Sentence(s.text[len(title) :], s.start + len(title), s.end)  # 一、标题正文… run together
        if s.text:
            out.append(s)
    return out


def _inside_title_or_brackets(text: str, pos: int) -> bool:
    """True inside 《…》 or (…) — document titles and numbers like 安委(2024)1号 are not facts."""
    before = text[:pos]
    for open_, close in (("《", "》"), ("(", ")"), ("（", "）")):
        if before.rfind(open_) > before.rfind(close):
            return True
    return False


def number_facts(clause: Clause, chinese: bool = False) -> list[NumberFact]:
    """Numbers with units, deadlines (``2025年底前``) and frequencies (``每半年…一次``) in ``clause``;
    with ``chinese``, also figures in Chinese numerals (``八小时``, ``二万元以上``), as statutes write them."""
    facts: list[NumberFact] = []
    text = clause.text
    for s in fact_sentences(clause):
        if chinese:
            facts.extend(_chinese_facts(clause, s))
        for m in _NUMBER.finditer(s.text):
            pos = s.start + m.start()
            if _inside_title_or_brackets(text, pos):
                continue
            if pos > 0 and text[pos - 1] in "〇零一二两三四五六七八九十":
                continue  # 「一九九0年底」: the last digit of a year written in two scripts (round 82, H6798)
            unit = m.group("unit")
            value = m.group("value")
            if unit in ("年底前", "年底") or (unit == "年" and len(value) == 4):
                kind = "deadline"
                if unit == "年" and len(value) == 4:  # 2024年3月 etc.: a date, keep the year only
                    if text[pos + len(value) + 1 : pos + len(value) + 2].isdigit():
                        continue
            else:
                kind = "number"
            span = m.group("value") + unit + (m.group("qual") or "")
            facts.append(NumberFact(clause, kind, span, value, unit, pos, s.text, s.start))
        for m in _FREQUENCY.finditer(s.text):
            pos = s.start + m.start()
            span = "每" + m.group("value")
            facts.append(NumberFact(clause, "frequency", span, m.group("value"), "每", pos, s.text, s.start))
    return facts


# Chinese digits with no 十/百/千 between them, three or more: a calendar year (一九九四, 二〇〇八), never a count.
_DIGIT_BY_DIGIT = re.compile(r"[〇零一二两三四五六七八九]{3,}")


def _chinese_facts(clause: Clause, s: Sentence) -> list[NumberFact]:
    """A statute's figures: in Chinese numerals (``_CN_NUMBER``), and in Arabic ones of the units only statutes
    use for their sanctions and time limits (``_ARABIC_STATUTE_NUMBER``)."""
    out = []
    for m in [*_CN_NUMBER.finditer(s.text), *_ARABIC_STATUTE_NUMBER.finditer(s.text)]:
        value, unit = m.group("value"), m.group("unit")
        number = cn_to_int(value)
        after = s.text[m.end() : m.end() + 1]
        if number is None or (number < 2 and not m.group("qual")) or _WORD_GOES_ON.match(after):
            continue  # 一人 is an article, 三年行动 a name
        if _DIGIT_BY_DIGIT.fullmatch(value):
            continue  # 「一九九四年」 is a year read digit by digit, not four years (rounds 57–58: 一九九四年 beside 二年)
        pos = s.start + m.start()
        if _inside_title_or_brackets(clause.text, pos):
            continue
        out.append(NumberFact(clause, "number", m.group(), value, unit, pos, s.text, s.start))
    return out


def _name_count(name: str) -> int | None:
    """How many items a list name promises: 四步法 → 4, 四包一促 → 5, 三堂一舍 → 4, 十字要求 → None."""
    m = re.match(f"^([{_CN_COUNT}])(.)([{_CN_COUNT}])(.)$", name)
    if m and m.group(2) != "统":
        return (cn_to_int(m.group(1)) or 0) + (cn_to_int(m.group(3)) or 0)
    m = re.match(f"^([{_CN_COUNT}]+)", name)
    return cn_to_int(m.group(1)) if m else None


def _clean_items(items: list[str]) -> list[str]:
    """Trim the lead-in verb off the first item and trailing modifiers off the last."""
    items = [i.strip() for i in items]
    if len(items) >= 2:
        items[0] = _strip_lead_in(items[0], items[1:])
        last = re.sub(r"的$", "", items[-1])
        suffix = _common_suffix(items[:-1])
        if suffix and suffix in last and not last.endswith(suffix):
            last = last[: last.index(suffix) + len(suffix)]
        items[-1] = last
    return [i for i in items if i]


def _strip_lead_in(first: str, others: list[str]) -> str:
    """``明确班组按照点名`` → ``点名``: cut after the last lead-in verb that leaves an item behind."""
    first = _after_lead_in_verb(first)
    longest = max(len(o) for o in others)
    if len(first) > longest + 2:  # still carries a lead-in: keep as many characters as its siblings
        lengths = sorted(len(o) for o in others)
        first = first[-lengths[len(lengths) // 2] :]
    return first


def _after_lead_in_verb(first: str) -> str:
    cut = 0
    for verb in _LEAD_INS:
        i = first.rfind(verb)
        if i >= 0 and len(first) - (i + len(verb)) >= 2:
            cut = max(cut, i + len(verb))
    return first[cut:]


def _first_item_guessed(parts: list[str]) -> bool:
    """The first item still runs into its sentence after any lead-in verb is cut (「应当立即组织安全生产
    监督管理」) and its siblings differ in length, so where it starts is a guess: a list question must not
    be asked on a guessed item. (Siblings of one length fix it: 「在发生分立」 among 合并、解散、破产.)"""
    others = [p.strip() for p in parts[1:]]
    first = _after_lead_in_verb(parts[0].strip())
    if not others or len(first) <= max(len(o) for o in others) + 2:
        return False
    # 「提供……的虚假的资产评估」: a modifier runs into the item, however even its siblings
    return len({len(o) for o in others}) > 1 or "的" in first


def _run_goes_on_before(sentence: str, start: int) -> bool:
    """「砂、石、土、矸石、尾矿、废渣等」: a run read from 矸石 on has items before it, too short to match, that
    its key would lose."""
    return bool(re.search(r"[^、，。；：,;:]、$", sentence[:start]))


def _cleanly_cut(sentence: str, start: int, items: list[str]) -> bool:
    """Whether an enumeration's items are whole: the first starts on a word boundary of the sentence (not
    「料加工」 out of 「来料加工」, 「联网接入」 out of 「互联网接入」), none opens on a preposition
    (「在生态环境」) or holds a label, 或者, 的 or a digit, and their lengths do not say that acts and their object
    were run together (「伪造、盗窃、……、使用武装部队车辆号牌」)."""
    from assistant.text.tokenize import words

    offsets, at = {0}, 0
    for w in words(sentence):
        at += len(w)
        offsets.add(at)
    if start not in offsets:
        return False
    if _run_goes_on_before(sentence, start):
        return False
    if any(re.match(r"^(?:在|对|为|向|从|将|把)", i) or re.search(r"或者|\d|\s|条", i) for i in items):
        return False
    if any("的" in i for i in items):
        return False  # 「投放虚假的爆炸性」「公共安全的重大工程」: a phrase of the sentence, not an item
    lengths = [len(i) for i in items]
    return max(lengths) <= 2 * min(lengths) + 1


def _common_suffix(items: list[str]) -> str:
    if len(items) < 2:
        return ""
    suffix = items[0]
    for item in items[1:]:
        while suffix and not item.endswith(suffix):
            suffix = suffix[1:]
    return suffix if len(suffix) >= 2 else ""


# Departments whose names hold a 和: 「教育、卫生健康、人力资源和社会保障等部门」 lists three, not four (round 109, H10213)
_NAMES_WITH_AND = re.compile(
    r"人力资源和社会保障|住房和城乡建设|自然资源和规划|文化和旅游|工业和信息化|卫生和计划生育"
)


def _split_items(text: str) -> list[str]:
    parts = re.split(r"、", text)
    if len(parts) >= 2 and "和" in parts[-1] and not _NAMES_WITH_AND.search(parts[-1]):
        parts[-1:] = parts[-1].split("和", 1)
    return parts


_BEFORE_NAME = re.compile(
    r"(?P<items>(?:[^" + _SEP + r"]{1,18}、)+[^" + _SEP + r"]{1,18}?)(?:等)?“(?P<name>[^”]{2,8})”"
)
_NAME_PAREN = re.compile(r"“(?P<name>[^”]{2,8})”[(（](?P<items>[^)）]+、[^)）]+)[)）]")
_QUOTED_THEN_NAME = re.compile(r"“(?P<items>[^”]+、[^”]+)”(?P<name>[一二三四五六七八九十]字要求)")
_SERIES = re.compile(r"(?P<items>(?:[^" + _SEP + r"]{2,8}、){2,}[^" + _SEP + r"]{2,8})")
_ENUM = re.compile(
    r"(?P<items>(?:[^"
    + _SEP
    + r"]{2,14}、){2,}[^"
    + _SEP
    + r"]{2,14}?)等(?P<name>[^"
    + _SEP
    + r"等]{2,6}?)(?=[，。；,;]|$)"
)


def list_facts(clause: Clause) -> list[ListFact]:
    """Named lists (「四步法」「九有」「五到位」「三堂一舍」「十字要求」) and 「A、B、C等违法行为」 lists.

    A named list is kept only when its item count matches the numeral in its name, which rejects
    mis-cut lists; enumerations need at least three items.
    """
    out: list[ListFact] = []
    seen: set[str] = set()
    for s in fact_sentences(clause):
        found: list[ListFact] = []
        for m in _NAME_PAREN.finditer(s.text):
            items = _clean_items(_split_items(m.group("items")))
            found.append(
                ListFact(
                    clause, "named", m.group("name"), tuple(items), m.group(0), s.text, s.start + m.start()
                )
            )
        for m in _QUOTED_THEN_NAME.finditer(s.text):
            items = _clean_items(_split_items(m.group("items")))
            n = cn_to_int(m.group("name")[0])
            if n and sum(len(i) for i in items) == n:
                found.append(
                    ListFact(
                        clause,
                        "named",
                        m.group("name"),
                        tuple(items),
                        m.group(0),
                        s.text,
                        s.start + m.start(),
                    )
                )
        for kind, pattern in (("named", _BEFORE_NAME), ("enum", _ENUM)):
            for m in pattern.finditer(s.text):
                parts = _split_items(m.group("items"))
                items = _clean_items(parts)
                start = s.text.find(items[0], m.start())
                if kind == "enum" and (_first_item_guessed(parts) or not _cleanly_cut(s.text, start, items)):
                    continue
                span = s.text[start : m.end()]
                name = m.group("name")
                if kind == "enum" and len(name) > 2:
                    name = re.sub(r"(?:时|后|中|之)$", "", name)  # 「等情形时」 names 情形
                found.append(ListFact(clause, kind, name, tuple(items), span, s.text, s.start + start))
        covered = [(f.start, f.start + len(f.span)) for f in found]
        if clause.kind == "clause":
            found.extend(_series(clause, s, covered))
        for f in found:
            if any(run in f.span for run in FIXED_RUNS):
                continue
            if f.kind == "series":
                if len(set(f.items)) == len(f.items) and all(2 <= len(i) <= 8 for i in f.items):
                    out.append(f)
                continue
            if f.name in seen or len(f.items) < 3 and f.kind == "enum":
                continue
            if f.kind == "named":
                count = _name_count(f.name)
                if f.name.endswith("字要求"):
                    pass
                elif count is None or count != len(f.items):
                    continue
            if any(len(i) > 16 or len(i) < 2 for i in f.items) or len(set(f.items)) != len(f.items):
                continue
            if not all(i in s.text for i in f.items):
                continue
            seen.add(f.name)
            out.append(f)
    return out


# Runs that are one fixed name, not a list to recall: 「省、____、直辖市」 is filled by anyone who has read any
# statute, and tests nothing of the clause (the grader reads the run as 省级 for the same reason).
FIXED_RUNS = ("省、自治区、直辖市",)
# Words that come as a set in any regulation of their field, so that one missing from a run of its fellows is
# filled by common sense (「改造、____、报废」 is 修理; 「建设、监理、____」 施工; 「固态、____、气态」 液态): a blank on
# one of them, between two or more of its set, tests nothing of the clause.
STOCK_SETS = (
    frozenset({"固态", "液态", "气态"}),
    frozenset({"建设", "勘察", "设计", "施工", "监理"}),
    frozenset({"设计", "制造", "安装", "改造", "修理", "维修", "报废"}),
    frozenset({"新闻", "出版", "广播", "电影", "电视", "网络", "报刊", "报纸"}),
)

_FOLLOW = set("，,。；;、等的和及与对进在地”）)")


def _series(clause: Clause, s: Sentence, covered: list[tuple[int, int]]) -> list[ListFact]:
    """Unnamed parallel runs such as 「重要栏目、重点时段、显著版面」 (for recall blanks).

    The middle items fix the item length; the first and last items are cut to it, and the run is
    kept only when the last item is followed by punctuation or a function word — otherwise its end
    is uncertain.
    """
    out = []
    for m in _SERIES.finditer(s.text):
        parts = m.group("items").split("、")
        if len(parts) >= 2 and re.search("[和及]", parts[-1]):
            # 「……程序、期限以及需要提交的……」: 以及 is one word, not 以 + 及 (rounds 49–50: the key 「期限以」)
            parts[-1:] = re.split("以及|和|及", parts[-1], maxsplit=1)
        if len(parts) < 3:
            continue
        middle = {len(p) for p in parts[1:-1]}
        if max(middle) - min(middle) > 1:
            # 「生产、经营、使用单位提供安全、可靠」「盗窃、抢夺枪支、弹药」「生产、经营黑火药、烟火药」: two
            # runs glued (acts, then their objects), not one
            continue
        width = max(middle)
        first = _strip_lead_in(parts[0], parts[1:])
        if len(first) > width + 1:
            first = first[-width:]
        last = re.split("[等的]", parts[-1])[0]
        if len(middle) == 1 and len(last) > width:
            last = last[:width]
        if len(last) < min(middle) - 1:
            continue
        items = [first, *parts[1:-1], last]
        start = s.text.find(first, m.start())
        end_last = s.text.find(last, start + sum(len(i) for i in items[:-1]))
        follow = s.text[end_last + len(last) : end_last + len(last) + 1]
        pos = s.start + start
        if start < 0 or end_last < 0 or (follow and follow not in _FOLLOW):
            continue
        if _run_goes_on_before(s.text, start):
            continue
        if any(a < s.start + end_last and pos < b for a, b in covered):
            continue
        if any(re.search(r"以及|或者|对|及|与|(?<![存所现正实内])在.", i) for i in items):
            # 「检验机构对检测」「编号以及领取」「推广在农业生产」: a clause or a second run, not an item
            continue
        if len(set(items)) == len(items) and all(2 <= len(i) <= 8 for i in items):
            out.append(
                ListFact(
                    clause, "series", "", tuple(items), s.text[start : end_last + len(last)], s.text, pos
                )
            )
    return out


PROHIBITION = re.compile(r"严禁|禁止|不得|不再|一律|必须|坚决|杜绝|取消|严厉|从重|立即")


def key_sentences(clause: Clause, limit: int = 4) -> list[Sentence]:
    """The sentences a reader must not miss: numbers, deadlines, prohibitions and named lists first."""
    sentences = fact_sentences(clause)
    if len(sentences) > 1 and clause.title and sentences[0].text.rstrip("。") == clause.title.rstrip("。"):
        sentences = sentences[1:]  # the title sentence restates the heading
    facts = {f.sentence_start for f in number_facts(clause)}
    lists = {f.start for f in list_facts(clause)}

    def weight(s: Sentence) -> int:
        w = 0
        if s.start in facts:
            w += 3
        if any(s.start <= p < s.end for p in lists):
            w += 2
        if PROHIBITION.search(s.text):
            w += 2
        return w

    ranked = sorted(range(len(sentences)), key=lambda i: (-weight(sentences[i]), i))
    chosen = sorted(ranked[:limit])
    return [sentences[i] for i in chosen if i == 0 or weight(sentences[i]) > 0 or len(chosen) <= 2]
