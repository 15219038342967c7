"""Numbers as statutes write them, and the deadlines, frequencies and thresholds they state.

``parse_number`` reads Arabic and Chinese numerals with 万/亿 (二十万元 → 200000, 5000万 → 50000000,
一百八十 → 180); ``parse_share`` reads 百分之四十 / 60% / 3‰ as fractions. ``find_quantities`` returns
every 期限 (「1小时内」「2024年底前」), 频次 (「每年至少一次」「至少每半年组织1次」) and 阈值
(「死亡3人以上10人以下」「停用超过3年」) with its verbatim text and offsets, so a quote can be checked
against the clause it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.numerals import cn_to_int

# A number: Arabic (decimals allowed) or Chinese digits, with 万/亿 anywhere inside (一千二百万, 1.5亿).
NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千])(?:[\d.零〇一二两三四五六七八九十百千万亿])*"
SHARE = r"(?:百分之[零〇一二两三四五六七八九十百\d.]+|\d+(?:\.\d+)?\s*[%％‰])"


def parse_number(text: str) -> float | None:
    """``二十万`` → 200000, ``1.5万`` → 15000, ``5000万`` → 5e7, ``一百零五`` → 105; None if not a number."""
    text = text.strip()
    if not text:
        return None
    for unit, value in (("亿", 100_000_000), ("万", 10_000)):
        if unit in text:
            head, _, tail = text.partition(unit)
            high = parse_number(head) if head else 1.0
            low = parse_number(tail) if tail else 0.0
            if high is None or low is None:
                return None
            return high * value + low
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    n = cn_to_int(text)
    return float(n) if n is not None else None


def parse_share(text: str) -> float | None:
    """``百分之四十`` → 0.4, ``60%`` → 0.6, ``3‰`` → 0.003; None if not a share."""
    text = text.strip()
    if text.startswith("百分之"):
        n = parse_number(text[3:])
        return None if n is None else round(n / 100, 6)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([%％‰])", text)
    if not m:
        return None
    return round(float(m.group(1)) / (1000 if m.group(2) == "‰" else 100), 6)


def as_int(value: float | None) -> int | float | None:
    """Whole numbers as ``int`` (200000, not 200000.0) so JSON and answers print them as written."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class Quantity:
    """A 期限, 频次 or 阈值 stated in a clause, with its numbers parsed.

    ``value``/``value_max`` are the bounds (``value_max`` None when one number is given); ``unit`` is
    what they count (日, 小时, 人, 元, 次 …); ``period`` is the span a frequency counts over (年, 2年,
    半年, 季度). ``text == clause_text[start:end]``.
    """

    kind: str  # "期限" | "频次" | "阈值"
    text: str
    start: int
    end: int
    value: int | float | None = None
    value_max: int | float | None = None
    unit: str = ""
    period: str = ""
    bound: str = ""  # 以上 / 以下 / 超过 / 不足 / 以内 … as written, for 阈值

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None)}


_TIME_UNIT = r"(?:个)?(?:小时|工作日|日|天|周|个月|月|年|分钟)"
_COUNT_UNIT = r"(?:周岁|万元|元|人|年|个月|日|天|小时|米|吨|次|处|倍|户|家|座|台|层|公里|千米|%|％)"
_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    # 期限: 「1小时内」「自接到申请之日起三十日内」「提前二十四小时」; calendar deadlines 「2024年底前」.
    ("期限", "span", re.compile(rf"(?P<pre>提前)?(?P<a>{NUM})(?P<unit>{_TIME_UNIT})(?P<bound>内|以内)?")),
    (
        "期限",
        "date",
        re.compile(
            r"(?P<a>(?:19|20)\d\d)年(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})月)?(?:(?:\d{1,2})日)?"
            r"(?P<bound>(?:年?底|月底|年末)?(?:前|之前|以前))"
        ),
    ),
    # 频次: 「每年至少一次」「至少每2年组织1次」「每季度」「每半年」「每年汛期前」.
    (
        "频次",
        "count",
        re.compile(
            rf"每(?P<n>{NUM})?(?P<unit>个?(?:半年|年度|年|季度|季|个月|月|周|旬|日|天|班|小时))"
            rf"(?:[^，。；,;]{{0,12}}?(?P<a>{NUM})次)?"
        ),
    ),
    # 阈值: 「死亡3人以上10人以下」「超过3年」「不足十万元」「一百人以下」.
    (
        "阈值",
        "bound",
        re.compile(
            rf"(?P<pre>超过|不足|达到|低于|高于|大于|小于|不满|满)?(?P<a>{NUM})(?P<unit>{_COUNT_UNIT})"
            rf"(?P<bound>以上|以下|及以上|以内|至|不足)?(?:(?P<b>{NUM})(?P=unit)(?:以下|以内))?"
        ),
    ),
]


def find_quantities(text: str, exclude: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Deadlines, frequencies and thresholds in ``text`` (offsets into ``text``).

    ``exclude`` holds spans already read as something else (a fine's amounts, a ban's years), which
    are not reported twice. Of overlapping matches the earlier pattern kind wins (期限 before 频次
    before 阈值), then the longer one.
    """
    taken = list(exclude or [])
    out: list[Quantity] = []
    for kind, shape, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            q = _quantity(kind, shape, m)
            if q is None or any(q.start < e and s < q.end for s, e in taken):
                continue
            taken.append((q.start, q.end))
            out.append(q)
    return sorted(out, key=lambda q: q.start)


def _quantity(kind: str, shape: str, m: re.Match[str]) -> Quantity | None:
    g = m.groupdict()
    if shape == "count":
        n = parse_number(g["n"]) if g.get("n") else None
        count = parse_number(g["a"]) if g.get("a") else 1
        period = (g["n"] or "") + g["unit"]
        return (
            Quantity(
                kind, m.group(), m.start(), m.end(), as_int(count), None, "次", period.lstrip("个"), bound=""
            )
            if (n is None or n > 0)
            else None
        )
    a = g.get("a")
    value = parse_number(a) if a else None
    if shape == "date":
        return Quantity(kind, m.group(), m.start(), m.end(), as_int(value), None, "年", bound=g["bound"])
    if value is None:
        return None
    unit = (g.get("unit") or "").lstrip("个")
    if shape == "span":
        if not (g.get("bound") or g.get("pre")):
            return None  # a bare 「三年」 is a duration, not a deadline
        return Quantity(
            kind, m.group(), m.start(), m.end(), as_int(value), None, unit, bound=g.get("bound") or ""
        )
    bound = g.get("pre") or g.get("bound") or ""
    b = parse_number(g["b"]) if g.get("b") else None
    if not bound and b is None:
        return None  # a number without 以上/超过 … is not a threshold
    if unit in ("%", "％"):
        value, b, unit = value / 100, (b / 100 if b is not None else None), "比例"
    return Quantity(kind, m.group(), m.start(), m.end(), as_int(value), as_int(b), unit, bound=bound)
