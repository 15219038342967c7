"""A worker's right to refuse or stop work: the question that asks it, and the articles that grant it.

「工人发现重大事故隐患可以拒绝作业吗？」 asks what a worker may do. Its words (重大事故隐患) are those of 安全生产法
第四十一条 (the unit's duty to find and report hazards), which search put first; the articles that answer it grant
the worker a right: 第五十四条 (有权拒绝违章指挥和强令冒险作业), 第五十五条 (有权停止作业或者……撤离作业场所),
煤矿安全生产条例's 「煤矿企业从业人员有权拒绝」. They are found by their words (``GRANTS_A_WORKER_REFUSAL``).
"""

from __future__ import annotations

import re

# who asks or is asked about: a worker, as a worker or an official names him
_WORKER = re.compile(r"工人|职工|矿工|员工|工友|从业人员|劳动者|作业人员|井下人员|我们|我")
# what he would do: refuse, stop, leave
_REFUSE = re.compile(r"拒绝|不干|不去|不下井|停工|停止作业|停止干活|停下|撤离|撤出|离开|跑")
# whether he may: the question asks a permission
_MAY = re.compile(r"可以|可不可以|能不能|能否|能|有权|有没有权|行不行|允许")

# An article that grants a worker the right to refuse or stop work: 「从业人员……有权拒绝违章指挥和强令冒险作业」,
# 「从业人员发现直接危及人身安全的紧急情况时，有权停止作业」, 「煤矿企业从业人员有权拒绝」.
GRANTS_A_WORKER_REFUSAL = re.compile(r"从业人员[^。]{0,60}?有权(?:拒绝|停止作业)")
# The words of the grant within its article, the sentence an answer quotes first: 第五十四条's 「有权拒绝违章指挥和强令
# 冒险作业」, not its 「生产经营单位不得因……拒绝违章指挥……而降低其工资」, which quoted alone answers 「可以拒绝吗？」 with 不得.
THE_GRANT = re.compile(r"有权(?:拒绝|停止作业)")


def asks_a_workers_right_to_refuse(text: str) -> bool:
    """The question asks whether a worker may refuse, stop or leave his work."""
    return bool(_WORKER.search(text) and _REFUSE.search(text) and _MAY.search(text))
