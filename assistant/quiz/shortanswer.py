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
)
_PUNCT = re.compile(r"[^\w%/]")


def _fitted_threshold() -> float:
    """The coverage a key point needs, fitted by scripts/fit_grading.py (0.6 without the file)."""
    import json
    from importlib import resources

    try:
        data = json.loads(
            resources.files("assistant.data").joinpath("grading.json").read_text(encoding="utf-8")
        )
        return float(data["threshold"])
    except (OSError, ValueError, KeyError):
        return 0.6


THRESHOLD = _fitted_threshold()


def _prep(text: str) -> str:
    text = arabize(normalize(text))
    return _PUNCT.sub("", text)


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
    if p in a:
        return True
    others = [_with_synonyms(_prep(s)) for s in siblings or [] if s != point]
    own = _own_part(_with_synonyms(p), others)
    return coverage(own, a) >= (THRESHOLD if threshold is None else threshold)


_SANCTION = re.compile(r"吊销\w{0,6}|判刑|有期徒刑|拘役|罚款|警告|拘留|撤职|开除")
_FREQUENCY = PERIOD


def wrong_points(answer: str, key_points: list[str], clause_text: str) -> list[str]:
    """The parts of ``answer`` that state a sanction or a frequency the clause does not contain
    (「吊销营业执照」 for a clause that fines; 「每季度排查一次」 where it says 每月): each costs as much as a
    missing point. Other wrong statements (「费用由工人自己出」) are not detected. Chosen on the dev half
    of evals/short_answers.jsonl: no answer there is flagged wrongly (a stated number that differs is not
    counted: 「停用满五年的也要闭库」 is true of a 3-year rule)."""
    if not clause_text:
        return []
    clause = arabize(_prep(clause_text))
    out = []
    for part in re.split(r"[，,。；;！？!?\s]+", answer or ""):
        if len(_prep(part)) < 2 or any(point_found(p, part, siblings=key_points) for p in key_points):
            continue
        said = arabize(_prep(part))
        if [f for f in _FREQUENCY.findall(said) if f not in clause] or [
            x for x in _SANCTION.findall(part) if x[:2] not in clause
        ]:
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
