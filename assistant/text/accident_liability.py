"""What the head of a unit bears for an accident at work: the question that asks it, and the articles that answer it.

「矿上有工人掉进水仓淹死了，矿长要负什么责任？」 is the question an official hears most after an accident. Its words
(工人, 死, 矿长, 责任) are those of 安全生产法 第一百零六条 (a waiver of the unit's 伤亡 responsibility, void, its
主要负责人 fined), which search ranked first; the articles that answer it sanction a head whose failure of duty led to
the accident: 第九十四条 (撤职, prison, five years barred from heading any unit) and 第九十五条 (a share of a year's
income by the accident's grade), 煤矿安全生产条例 第六十八条 for a coal mine. They are found by their words, not by
their numbers (``HEAD_LED_TO_ACCIDENT``).

A question that tells of a conduct of its own is left to search — fleeing, a waiver agreement (第一百零六条) — and so is
one that asks about prison (the 刑法 article comes first for it). An accident's report withheld has its own articles, found
by their words too (``WITHHELD_IN_LAW``): 「煤矿企业瞒报事故，主要负责人要承担什么责任？」 is answered by 第一百一十条, whose
「……隐瞒不报、谎报或者迟报的，依照前款规定处罚」 is quoted with the paragraph it refers to, not by 煤矿安全生产条例 第六十八条 (the
fine for the accident itself), whose words (主要负责人, 事故, 责任) it shares.
"""

from __future__ import annotations

import re

from assistant.text.crimes import harm_at_work

# the head of the unit, as a worker or an official names him
_HEAD = re.compile(r"矿长|主要负责人|老板|厂长|总经理|经理|董事长|法人|一把手|实际控制人|负责人")
# what the question asks: what he bears for it
_WHAT_HE_BEARS = re.compile(
    r"什么责任|啥责任|哪些责任|担责|负责任|承担.{0,4}责任|追责|追究|处罚|处分|怎么处理|如何处理|怎么罚|罚多少|罚款|罚钱|"
    r"什么后果|啥后果|会怎样|会怎么样"
)
# a conduct with an article of its own: a report withheld or false, fleeing, no rescue, a waiver agreement
_OWN_CONDUCT = re.compile(
    r"瞒|不报|没报|未报|谎报|迟报|漏报|压着|逃|跑(?!冒)|失联|关机|手机关|(?:不|没|没有|没人|未)(?:组织)?(?:抢)?救|"
    r"协议|合同|签字|生死状"
)
# a fine asked: the article that fines him by the accident's grade answers it
_ASKS_FINE = re.compile(r"罚多少|罚款|罚钱|多少钱|收入|年薪|工资")

# An article that sanctions a head whose failure of duty led to an accident: 「生产经营单位的主要负责人未履行本法规定的
# 安全生产管理职责，导致发生生产安全事故的，……」.
HEAD_LED_TO_ACCIDENT = re.compile(r"主要负责人[^。；;]{0,30}?导致发生[^。；;，,]{0,8}事故的[，,]([^。；;]*)")


def asks_what_the_head_bears(text: str) -> bool:
    """The question tells of someone killed or hurt at work and asks what the unit's head bears for it, with no
    conduct of his own that another article sanctions."""
    return (
        harm_at_work(text)
        and bool(_HEAD.search(text))
        and bool(_WHAT_HE_BEARS.search(text))
        and not _OWN_CONDUCT.search(text)
    )


def asks_a_fine(text: str) -> bool:
    return bool(_ASKS_FINE.search(text))


def fines_by_the_accident(consequence: str) -> bool:
    """The sanction after 「导致发生……事故的，」 is a fine (第九十五条), not 撤职 or prison (第九十四条)."""
    return "罚款" in consequence


# An accident's report withheld or false, as the question tells it (瞒报, 谎报, 压着不报)
_REPORT_WITHHELD = re.compile(r"瞒报|谎报|迟报|漏报|隐瞒|瞒着|(?:不|没|没有|未)(?:上)?报|压着|捂着")
# An article that sanctions it: 安全生产法 第一百一十条 (「……对生产安全事故隐瞒不报、谎报或者迟报的，依照前款规定处罚」),
# 事故报告条例 第三十六条 (「（一）谎报或者瞒报事故的；」 under its fines), 煤矿安全生产条例 第六十九条.
WITHHELD_IN_LAW = re.compile(r"瞒报|隐瞒不报")
_SANCTION = re.compile(r"罚款|处分|处罚")


# who withheld it: the unit or its head (「谎报瞒报事故的举报线索，通知里要求怎么处理？」 asks how tips are handled, not
# what is borne: seed set r224)
_WHO_WITHHELD = re.compile(_HEAD.pattern + r"|企业|单位|公司|煤矿|矿山|矿上|矿里")


def asks_what_a_withheld_report_bears(text: str) -> bool:
    """「煤矿企业瞒报事故，主要负责人要承担什么责任？」: an accident's report withheld or false, who withheld it, and what is
    borne for it."""
    return tells_of_a_withheld_report(text) and bool(
        _WHO_WITHHELD.search(text) and _WHAT_HE_BEARS.search(text)
    )


def tells_of_a_withheld_report(text: str) -> bool:
    """An accident's report withheld or false: 「煤矿瞒报事故」, 「事故压着不报」."""
    return bool(_REPORT_WITHHELD.search(text)) and "事故" in text


def sanctions_a_withheld_report(text: str) -> bool:
    """The article sanctions an accident's report withheld (a duty to report, 「不得……瞒报」, sanctions nothing)."""
    return bool(WITHHELD_IN_LAW.search(text) and "事故" in text and _SANCTION.search(text))
