"""Is a fill-in answer the key? Compared as a trainer reads it, not character for character.

Both sides are brought to one canonical form:
- numerals and units: 三年 = 3年, 二万元 = 2万元, 百分之四十 = 40%, 半年 = 6个月;
- dates: a year's end is one deadline however it is written, with or without 前, whatever the stem says:
  2024年底 = 2024年底前 = 2024年12月底前 = 2024年12月31日前;
- known synonyms of the bank's answers (``assistant/data/answer_synonyms.txt``): 四步工作法 = 四步法.

Then the stem decides what the blank already says. A tail of the answer that the stem repeats right after
the blank is dropped (「一次」 in 「每月开展____次」, 「高中及以上」 in 「____以上文化程度」), as is a head the
stem says right before it. A bare number is accepted for the key's number with its unit when the number
can only be read in that unit: the unit is a counter (次, 人, 名, 个: 「1」 = 「一次」 in any stem), or it
follows the blank closely (「____以上10人以下死亡」 takes 「3」 for 「3人」). Otherwise it is not:
「____以上矿山一线从业经历」 does not take 「10」 for 「10年」 (the reader cannot tell years from months), and
another unit is another answer (「3个月」 is not 「3年」).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.datafiles import data_lines
from assistant.numerals import arabize
from assistant.text.normalize import normalize

BLANK = re.compile(r"_{2,}|＿{2,}|（\s*）|\(\s*\)")
_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百\d.]+)")
_YEAR_END = re.compile(r"(\d{4})年(?:年?底|年?末|12月底|12月末|12月31日)(?:以前|之前|前)?")
_YEAR_DIGITS = re.compile(r"([〇零一二三四五六七八九]{4})年")
_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_NUMBER_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(\D{1,3})$")
_UNIT_WINDOW = 8  # characters after the blank in which a unit implied by the stem must appear
_COUNTERS = ("次", "人", "名", "个")  # units a bare number can only be read in (1 = 一次, 3 = 3人)


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Each listed form → the first form of its line."""
    out: dict[str, str] = {}
    for line in data_lines("answer_synonyms.txt"):
        forms = line.split()
        for form in forms[1:]:
            out[canonical(form, use_synonyms=False)] = canonical(forms[0], use_synonyms=False)
    return out


def canonical(text: str, *, use_synonyms: bool = True) -> str:
    t = normalize(text or "")
    t = _YEAR_DIGITS.sub(lambda m: "".join(_DIGIT[c] for c in m.group(1)) + "年", t)  # 二〇二四年
    t = _PERCENT.sub(lambda m: arabize(m.group(1)) + "%", t)
    t = arabize(t)
    t = re.sub(r"[^\w%/.]", "", t)
    t = t.replace("半年", "6个月").replace("个月", "月")
    t = _YEAR_END.sub(r"\1年12月底", t)
    if use_synonyms:
        t = synonyms().get(t, t)
    return t


def _around_blank(stem: str) -> tuple[str, str]:
    """The stem's canonical text just before and just after its first blank ("" without a blank)."""
    parts = BLANK.split(stem or "", maxsplit=1)
    if len(parts) < 2:
        return "", ""
    return canonical(parts[0], use_synonyms=False), canonical(parts[1], use_synonyms=False)


def _trimmed(answer: str, before: str, after: str) -> set[str]:
    """``answer`` and its forms without a tail the stem repeats after the blank (及以上 / 前 / 次) or a
    head it says before it (每)."""
    forms = {answer}
    for n in range(len(after), 0, -1):
        tail = after[:n]
        for joined in (tail, "及" + tail):
            if answer.endswith(joined) and len(answer) > len(joined):
                forms.add(answer[: -len(joined)])
    for n in range(len(before), 0, -1):
        head = before[-n:]
        if answer.startswith(head) and len(answer) > len(head):
            forms |= {f[len(head) :] for f in list(forms) if f.startswith(head) and len(f) > len(head)}
    return forms


def fill_in_matches(key: str, answer: str, stem: str = "") -> bool:
    """Whether ``answer`` fills ``stem``'s blank as ``key`` does."""
    if not (answer or "").strip():
        return False
    want = canonical(key)
    before, after = _around_blank(stem)
    for form in _trimmed(canonical(answer, use_synonyms=False), before, after):
        got = synonyms().get(form, form)
        if got == want:
            return True
        m = _NUMBER_UNIT.match(want)
        if m and got == m.group(1) and (m.group(2) in _COUNTERS or m.group(2) in after[:_UNIT_WINDOW]):
            return True
    return False
