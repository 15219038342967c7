"""Short-answer grading by key-point coverage: each key point found or not, partial credit.

A key point counts as found when the answer covers most of its wording (greedy cover by shared
substrings of two or more characters, after width/numeral normalisation and a small list of
everyday synonyms) and states every number in it exactly: 「五年以上」 does not match 「3年」.

Wording a key point shares with most of its siblings says nothing about which of them the answer
covers: of 「程序到位、事实到位、法条到位、实体到位」 the answer 「程序、事实都要到位」 covers 「实体到位」 only by
its 「到位」. So coverage is measured on a point's own part, the wording left once the substrings found in
at least half of the other key points are taken out (the whole point if fewer than two characters are left).
"""

from __future__ import annotations

import re

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
)
_PUNCT = re.compile(r"[^\w%/]")


def _fitted_threshold() -> float:
    """The coverage a key point needs, fitted by scripts/fit_grading.py (0.6 without the file)."""
    import json

    try:
        data = json.loads(data_text("grading.json"))
        return float(data["threshold"])
    except (OSError, ValueError, KeyError):
        return 0.6


THRESHOLD = _fitted_threshold()


def _prep(text: str) -> str:
    # 「百分之四十」 is 「40%」 (arabize alone reads 百 as a number: 「100分之40」)
    text = re.sub(r"百分之([零〇一二两三四五六七八九十百\d.]+)", r"\1%", normalize(text))
    text = arabize(text)
    # a range keeps its two numbers apart: 「3-5年」 is 3 and 5, not 35, once the hyphen goes
    text = re.sub(r"(\d)\s*[-－~～—–]\s*(?=\d)", r"\1至", text)
    return _PUNCT.sub("", text)


# Words that carry no content of a key point: 「专用仓库应当指定专人管理、看护」 is stated by 「仓库要有专人看护」.
_FUNCTION_WORDS = re.compile(r"应当|以及|或者|的|和|或")
# A prohibition is stated only with a negation: 「以山脊为界分给两家开采没问题」 says the opposite of 「不得以山脊划界」.
_PROHIBITION = re.compile(r"(?:不得|严禁|禁止|不准|不能|不允许|不许)(?!少于|低于|超过|高于|多于|大于|小于)")
_NEGATION = re.compile(r"不|没(?!问题|关系|事)|严禁|禁止|别|无|非")


_PREPPED_SYNONYMS = tuple((_prep(said), _prep(canonical)) for said, canonical in SYNONYMS)


def _with_synonyms(text: str) -> str:
    """``text`` already passed through :func:`_prep`, so the pairs are too (「一年两次」 is 「1年2次」 by then)."""
    for said, canonical in _PREPPED_SYNONYMS:
        text = text.replace(said, canonical)
    return text


def _own_part(point: str, siblings: list[str]) -> str:
    """``point`` without the substrings (two characters or more) found in at least half of ``siblings``
    (the other key points, prepared the same way); the whole point when fewer than two characters remain."""
    if len(siblings) < 2:
        return point
    keep = [True] * len(point)
    for i in range(len(point)):
        for j in range(i + 2, len(point) + 1):
            if 2 * sum(point[i:j] in s for s in siblings) >= len(siblings):
                keep[i:j] = [False] * (j - i)
    own = "".join(ch for ch, k in zip(point, keep, strict=True) if k)
    return own if len(own) >= 2 else point


def coverage(point: str, answer: str) -> float:
    """Share of ``point``'s characters covered by substrings (length ≥ 2) that ``answer`` contains."""
    if not point:
        return 0.0
    covered = [False] * len(point)
    i = 0
    while i < len(point):
        best = 0
        for j in range(len(point), i + 1, -1):
            if point[i:j] in answer:
                best = j - i
                break
        if best >= 2:
            for k in range(i, i + best):
                covered[k] = True
            i += best
        else:
            i += 1
    return sum(covered) / len(point)


def point_found(
    point: str, answer: str, threshold: float | None = None, siblings: list[str] | None = None
) -> bool:
    """Whether ``answer`` states ``point``; ``siblings`` are the question's key points (``point`` among
    them or not), whose shared wording does not count."""
    p, a = _prep(point), _with_synonyms(_prep(answer))
    nums = re.findall(r"\d+(?:\.\d+)?", p)
    if nums and not all(n in re.findall(r"\d+(?:\.\d+)?", a) for n in nums):
        return False
    period = re.search(r"每(?:半年|年|季度|月|周)", p)  # a frequency is a number too: 每半年 ≠ 每年
    if period and period.group() not in a:
        return False
    if _PROHIBITION.search(_with_synonyms(p)) and not _stated_as_prohibited(point, answer):
        return False
    if p in a:
        return True
    others = [_with_synonyms(_prep(s)) for s in siblings or [] if s != point]
    own = _own_part(_with_synonyms(p), others)
    content = _FUNCTION_WORDS.sub("", own)
    return coverage(content if len(content) >= 2 else own, a) >= (
        THRESHOLD if threshold is None else threshold
    )


def _allows(point: str, part: str) -> bool:
    """Whether ``part`` says what the prohibition ``point`` forbids, without a negation: 「以山脊为界分给两家开采没问题」
    against 「不得以山脊划界」 is a wrong point, not a missing one."""
    if not _PROHIBITION.search(_with_synonyms(_prep(point))):
        return False
    content = _FUNCTION_WORDS.sub("", _PROHIBITION.sub("", _with_synonyms(_prep(point))))
    return coverage(content, _with_synonyms(_prep(part))) >= THRESHOLD and not _NEGATION.search(part)


def _stated_as_prohibited(point: str, answer: str) -> bool:
    """Whether the sentence of ``answer`` that says most of ``point`` negates it (「不能以山脊划界」), as the
    prohibition does; a sentence that says it is allowed (「以山脊为界……没问题」) does not state the point."""
    p = _FUNCTION_WORDS.sub("", _PROHIBITION.sub("", _with_synonyms(_prep(point))))
    parts = [x for x in re.split(r"[，,。；;！？!?\s]+", answer or "") if x]
    if not parts:
        return False
    best = max(parts, key=lambda x: coverage(p, _with_synonyms(_prep(x))))
    return bool(_NEGATION.search(best))


_SANCTION = re.compile(r"吊销\w{0,6}|判刑|有期徒刑|拘役|罚款|警告|拘留|撤职|开除")
_FREQUENCY = PERIOD
# A figure with its unit (after arabize): 「500人以上」「24小时内」「2026年底前」「最多设3个采矿权」.
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:%|万元|元|人|小时|日|天|个月|月|年|周岁|米|吨|个|次|倍)")


def wrong_points(answer: str, key_points: list[str], clause_text: str) -> list[str]:
    """The parts of ``answer`` that state a sanction, a frequency or a figure the clause does not contain
    (「吊销营业执照」 for a clause that fines; 「每季度排查一次」 where it says 每月; 「500人以上的要设」 where it says
    超过一百人), or that allow what a prohibition of the key points forbids: each costs as much as a missing
    point. Other wrong statements (「费用由工人自己出」) are not detected. Chosen on the dev half of
    evals/short_answers.jsonl; a figure that differs but is still true (「停用满五年的也要闭库」 of a 3-year rule)
    is flagged too, which the dev marks count against it twice in 54 answers."""
    if not clause_text:
        return []
    clause = arabize(_prep(clause_text))
    out = []
    for part in re.split(r"[，,。；;！？!?\s]+", answer or ""):
        if len(_prep(part)) < 2 or any(point_found(p, part, siblings=key_points) for p in key_points):
            continue
        said = arabize(_prep(part))
        if (
            any(_allows(p, part) for p in key_points)
            or [f for f in _FREQUENCY.findall(said) if f not in clause]
            or [x for x in _SANCTION.findall(part) if x[:2] not in clause]
            or [x for x in _FIGURE.findall(said) if x not in clause]
        ):
            out.append(part.strip())
    return out


def grade_short_answer(
    answer: str, key_points: list[str], clause_text: str = ""
) -> tuple[float, list[bool], list[str]]:
    """(score in [0, 1], found flag per key point, wrong points). ``clause_text`` is the cited clause; a key
    point missing from it is graded as written (it is the bank's key point either way). Score:
    (points found − wrong points) / key points, at least 0."""
    if not key_points:
        return 0.0, [], []
    found = [point_found(p, answer or "", siblings=key_points) for p in key_points]
    wrong = wrong_points(answer, key_points, clause_text)
    return round(max(0.0, (sum(found) - len(wrong)) / len(found)), 4), found, wrong
