"""Number fidelity: every number a draft states must occur in a clause its sentence cites.

Numbers are where an edited or generated draft most easily goes wrong (「每半年」 becoming 「每年」,
「6万吨/年」 becoming 「60万吨/年」), so they get their own mechanical check on top of citation
verification. Chinese numerals are compared after conversion to digits (「十年」 = 「10年」).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.numerals import arabize
from assistant.schema import Clause
from assistant.text.normalize import normalize

# Arabic numbers, and Chinese numerals that are quantities (followed by a measure word), not names
# such as 五职 / 四步法.
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_CN_QUANTITY = re.compile(r"[一二两三四五六七八九十百千]+(?=个|年|次|米|倍|项|天|月|万|%)")


def numbers_in(text: str) -> list[str]:
    """The numbers stated in ``text`` as digit strings: 「每半年至少一次」 → ['1']; 「10年」 → ['10'].
    A document's title (《……（2024-2026年）》) is a name, not a fact: its numbers are not counted."""
    text = re.sub(r"《[^》]*》", "", normalize(text))
    found = [arabize(m.group()) for m in _CN_QUANTITY.finditer(text)]
    found += _ARABIC.findall(text)
    return found


def _clause_numbers(text: str) -> set[str]:
    text = normalize(text)
    return set(_ARABIC.findall(arabize(text))) | set(_ARABIC.findall(text))


def number_fidelity(draft: Any, clauses_by_chunk: dict[str, Clause]) -> tuple[int, int, list[str]]:
    """(numbers found in their cited clauses, numbers stated, problems) over every sentence of ``draft``.

    A number in a sentence without a citation is a problem: every factual sentence must cite.
    """
    by_n = {c.n: c for c in draft.citations}
    ok = total = 0
    problems: list[str] = []
    for line in draft.lines():
        nums = numbers_in(line.text)
        if not nums:
            continue
        cited = [clauses_by_chunk.get(by_n[n].chunk_id) for n in line.cites if n in by_n]
        allowed: set[str] = set()
        for clause in cited:
            if clause is not None:
                allowed |= _clause_numbers(clause.text)
        for num in nums:
            total += 1
            if num in allowed:
                ok += 1
            else:
                where = "、".join(str(n) for n in line.cites) or "无引用"
                problems.append(f"数字 {num} 不在所引条款（〔{where}〕）中：{line.text}")
    return ok, total, problems
