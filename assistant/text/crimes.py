"""The production-safety crimes of 刑法 (``data/criminal_articles.txt``) and what a question must tell for each.

Shared by search (a question that asks whether someone killed or hurt at work means prison gets the crime's article
first) and by `applies` (assistant/answer/criminal.py, which names the crime a described situation may fall under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.datafiles import data_lines

# someone killed or hurt: what a result crime needs (死了两个人, 重伤, 伤亡, 遇难, 出了人命); or someone to be rescued, as
# 贻误事故抢救 needs (「耽误了救人」「救援晚了」: dev paraphrase P285; not a 救援预案)
_HARM = re.compile(
    r"死|身亡|丧生|遇难|罹难|重伤|伤亡|受伤|致残|人命|救人|被困|(?:耽误|贻误|延误)[^，,。]{0,4}(?:抢救|救援)|"
    r"(?:抢救|救援)(?:晚|迟|不及时)"
)
# An accident of a grade above 一般, graded by its dead, its injured or its loss (事故报告条例 第三条): a question that asks
# what crime it brings (「发生重大事故，主要负责人要承担什么刑事责任？」) asks of the crime of an accident. (A situation
# described to `applies`, 「煤矿发生重大事故，调查认定煤矿企业负有责任」, tells of the unit's liability, no one's crime.)
# A 重大事故隐患 is no accident.
_GRADED_ACCIDENT = re.compile(r"(?:特别重大|重大|较大)(?:生产安全|安全生产|伤亡)?事故(?!隐患)")
# where it happened: at work, in a mine or on a site (a traffic death is 交通肇事, no production-safety crime)
_AT_WORK = re.compile(
    r"矿|井下|井上|巷道|采场|工作面|作业|生产|施工|工地|瓦斯|透水|冒顶|片帮|爆破|放炮|尾矿|工人|工友|职工|员工|"
    r"老板|负责人|企业|单位|厂|事故"
)
_ON_THE_ROAD = re.compile(r"交通|开车|驾车|驾驶|撞死|撞伤|酒驾|醉驾|肇事")
GENERAL_RESULT_CRIME = (
    "第一百三十四条"  # 重大责任事故罪: the crime of a production accident unless another's words fit
)


@dataclass(frozen=True)
class Crime:
    kind: str  # "result" (needs a death or injury) | "conduct" (the conduct alone)
    conduct: re.Pattern[str] | None = None  # words the situation must use for the crime's own conduct


@lru_cache(maxsize=1)
def listed() -> dict[str, Crime]:
    """``{article label: Crime}`` from ``data/criminal_articles.txt``, in the file's order."""
    out: dict[str, Crime] = {}
    for line in data_lines("criminal_articles.txt"):
        label, kind, *conduct = line.split()
        out[label] = Crime(kind, re.compile(conduct[0]) if conduct else None)
    return out


def fits(crime: Crime | None, kind: str, situation: str) -> bool:
    return (
        crime is not None
        and crime.kind == kind
        and (crime.conduct is None or bool(crime.conduct.search(situation)))
    )


def tells_of_harm(situation: str) -> bool:
    return bool(_HARM.search(situation))


def harm_at_work(text: str) -> bool:
    """Someone killed or hurt, at work: 「出了人命，矿长要坐牢吗？」, 「井下透水淹死三个人」, 「发生重大事故」."""
    harm = tells_of_harm(text) or bool(_GRADED_ACCIDENT.search(text))
    return harm and bool(_AT_WORK.search(text)) and not _ON_THE_ROAD.search(text)


def result_crime_for(text: str) -> str:
    """The result crime whose own conduct ``text`` tells of (不报 → 第一百三十九条之一, 炸药 → 第一百三十六条), else the
    general one, 第一百三十四条."""
    crimes = listed()
    return next(
        (label for label, c in crimes.items() if c.conduct is not None and fits(c, "result", text)),
        GENERAL_RESULT_CRIME,
    )
