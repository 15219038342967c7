"""Who a provision binds or sanctions, normalised to a small vocabulary with the wording kept.

The vocabulary lives in ``assistant/data/subjects.txt`` (normalised name → wordings). A wording that
is followed by 「的」 modifies what comes next: in 「生产经营单位的主要负责人」 the head is 主要负责人, so
only heads are reported as who is bound; the modifiers stay available (``Subject.head`` False).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from assistant.datafiles import data_text

# Natural persons: a fine on them is 「个人」, on anyone else 「单位」.
PERSON_SUBJECTS = frozenset(
    {
        "直接责任人员",
        "主要负责人",
        "其他负责人",
        "安全生产管理人员",
        "特种作业人员",
        "从业人员",
        "投资人",
        "监管人员",
    }
)


# The state's side: a duty of a 监管部门 is not what a penalty on an enterprise enforces, and back.
OFFICIAL_SUBJECTS = frozenset({"监管部门", "监管人员", "地方政府"})


@dataclass(frozen=True)
class Subject:
    norm: str  # the vocabulary name (主要负责人)
    text: str  # the wording as found (矿长)
    start: int
    end: int
    head: bool = True  # False when it only modifies the next subject (「生产经营单位的」主要负责人)

    def to_json(self) -> dict[str, object]:
        return {"norm": self.norm, "text": self.text, "start": self.start, "end": self.end}


@cache
def _vocabulary() -> tuple[re.Pattern[str], dict[str, str]]:
    text = data_text("subjects.txt")
    norm_of: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        norm, wordings = line.split("\t", 1)
        for w in wordings.split("|"):
            norm_of.setdefault(w.strip(), norm.strip())
    alternation = "|".join(re.escape(w) for w in sorted(norm_of, key=len, reverse=True))
    return re.compile(alternation), norm_of


def find_subjects(text: str, offset: int = 0) -> list[Subject]:
    """Every vocabulary wording in ``text`` (longest match first), offsets plus ``offset``."""
    pattern, norm_of = _vocabulary()
    found = list(pattern.finditer(text))
    out: list[Subject] = []
    for i, m in enumerate(found):
        # 「X的Y」 and 「XY」 (事故发生单位主要负责人): X modifies the wording that follows it at once.
        nxt = found[i + 1].start() if i + 1 < len(found) else -1
        modifier = nxt == m.end() or (nxt == m.end() + 1 and text[m.end()] == "的")
        out.append(
            Subject(norm_of[m.group()], m.group(), m.start() + offset, m.end() + offset, head=not modifier)
        )
    return out


def heads(subjects: Sequence[Subject]) -> tuple[str, ...]:
    """The normalised names of the subjects that act (not those that only modify another)."""
    return tuple(dict.fromkeys(s.norm for s in subjects if s.head))


def split_subject(text: str, start: int, end: int) -> tuple[list[Subject], int]:
    """The subject that opens ``text[start:end]`` and where the conduct after it starts.

    The subject is every wording before the first conduct word (未, 不, 将, 违反, 存在 …) outside a
    wording: 「矿山、金属冶炼建设项目……的施工单位|未按照规定……」 → 施工单位. Returns ([], start) when the
    piece opens with the conduct itself (「未经依法批准，擅自……」).
    """
    piece = text[start:end]
    subjects = find_subjects(piece, start)
    spans = [(s.start - start, s.end - start) for s in subjects]
    stop = len(piece)
    for m in _CONDUCT.finditer(piece):
        if not any(a <= m.start() < b for a, b in spans):
            stop = m.start()
            break
    before = [s for s in subjects if s.end - start <= stop]
    if not before:
        return [], start
    conduct = before[-1].end
    if piece[conduct - start : conduct - start + 1] in ("和", "及", "、", "与", "或"):
        conduct = start + stop  # 「用人单位和医疗卫生机构|未按照规定……」: the rest of the subject is unlisted
    return before, conduct


# Words that open the conduct after a subject: 「生产经营单位|未……」「主要负责人|对生产安全事故隐瞒不报」.
_CONDUCT = re.compile(
    r"未|不|没有|将|拒绝|违反|有下列|有前款|有本|存在|擅自|使用|在|对|与|向|要求|出具|租借|发生|经|已经|隐瞒|"
    r"转让|冒用|超|采用|安排|提供|进行|从事|免除|订立|依照|应当|必须|可以|有权|负责|负有|是|履行"
)
