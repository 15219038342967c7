"""Chinese numerals ↔ integers (一 … 九十九, 百 and 千 included) for clause numbers and grading.

A leaf with no imports of its own, at the bottom layer: the schema names 款/项 with it."""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千"


def cn_to_int(text: str) -> int | None:
    """``十二`` → 12, ``二十`` → 20, ``一百零五`` → 105, ``12`` → 12; None when not a numeral."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def int_to_cn(n: int) -> str:
    """12 → 十二, 20 → 二十, 105 → 一百零五 (1 ≤ n < 10000)."""
    if n <= 0:
        return "零"
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, unit_value)
        if q:
            parts.append(("" if unit == "十" and q == 1 and not parts else digits[q]) + unit)
        elif parts and n:
            if parts[-1] != "零":
                parts.append("零")
    if n:
        parts.append(digits[n])
    return "".join(parts)


_CN_NUMBER = re.compile(f"[{CN_NUMERAL}]+")


# Arabic digits read with a Chinese unit, as people write amounts: 「3千」「1.5千」「1千5百」「2千5」 (一千五 is 1500)
_MIXED_NUMBER = re.compile(r"(?:\d+(?:\.\d+)?[百千])+\d?(?![\d.])")
_MIXED_PART = re.compile(r"(\d+(?:\.\d+)?)([百千])")


def _mixed(m: re.Match[str]) -> str:
    total, unit = 0.0, 1
    for number, u in _MIXED_PART.findall(m.group()):
        unit = _UNITS[u]
        total += float(number) * unit
    last = m.group()[-1]
    if last.isdigit():  # 「2千5」 is 2500, 「3百5」 350: a lone digit after a unit is the next unit down
        total += int(last) * unit // 10
    return str(round(total)) if total == round(total) else str(total)


def arabize(text: str) -> str:
    """Replace Chinese numerals by Arabic digits: ``十年`` → ``10年``, ``3千`` → ``3000`` (for comparing
    answers)."""
    text = _MIXED_NUMBER.sub(_mixed, text)
    return _CN_NUMBER.sub(
        lambda m: str(cn_to_int(m.group())) if cn_to_int(m.group()) is not None else m.group(), text
    )
