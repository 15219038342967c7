"""A question that asks how many parts something has, and the clause that states that count.

「治本攻坚三年行动一共有几个阶段？」 asks a count; search put first the plan's 四、（三）, whose words (治本攻坚三年行动)
it shares and which states no count. The plan's 三、 states it: 「从2024年3月至2026年12月,分四个阶段进行:」. The
counted noun is read from the question (阶段, 方面, 步 …) and found after a numeral of two or more in the clause
(「分四个阶段」「从五个方面」), so that 「每一个环节」 states no count.
"""

from __future__ import annotations

import re

# what a plan or a statute is divided into; 「几个工作日」「几个月」「几个人」 ask a figure, not a count of parts
_COUNTED = "阶段|方面|步|部分|环节|类|等级"
# 「几个阶段」「多少个方面」「分几步走」「几大方面」; 「哪几个阶段」 asks which, not how many
_ASKS = re.compile(rf"(?<!哪)(?:几|多少)(?:个|大)?({_COUNTED})")
# a count of two or more: 「四」「十二」「两」「3」; not 「一」 (「每一个环节」)
_NUMERAL = r"(?<![每第])(?:[二三四五六七八九两]|十[一二三四五六七八九]?|[2-9]|[1-9][0-9])"
# the forms a clause states a count of each noun in: 「分几步走」 is answered by 「分四个阶段进行」
_STATED_AS = {"步": "步|个?阶段"}


def counted_noun(question: str) -> str:
    """The noun whose count ``question`` asks (「阶段」 in 「一共有几个阶段？」), or ""."""
    m = _ASKS.search(question)
    return m.group(1) if m else ""


def states_the_count(text: str, noun: str) -> bool:
    """``text`` states how many ``noun`` there are: 「分四个阶段进行」 for 阶段."""
    if not noun:
        return False
    forms = _STATED_AS.get(noun, f"[个大项]?{noun}")
    return re.search(rf"{_NUMERAL}(?:{forms})", text) is not None
