"""Provisions that know what they are: the role, parts and sanctions of one article or plan item.

``analyse`` takes one clause as plain values (its verbatim text, label, chapter, the document's level,
and optionally its 款 offsets, 项 and resolved cross-references) and returns a ``Provision``:

- ``units``: one per 款 and one per 项, each with a role (义务 禁止 罚则 定义 权利 程序 期限 目标, one
  primary plus secondary ones) and its ``statements`` — one per sentence, each with the conduct it
  concerns, who is bound or sanctioned, its typed sanctions, and the deadlines, frequencies and
  thresholds it states;
- ``role``/``roles`` for the whole clause.

The role comes from wording and place: an article with sanctions in a 法律责任/罚则 chapter is a 罚则;
outside it, a statute's sentence is a 罚则 when it imposes a sanction harder than an order (罚款, 吊销,
追究刑事责任 …); 「不得/禁止/严禁」 → 禁止; 「应当/必须」 → 义务; 「是指/本法所称」 → 定义; 「有权」 →
权利; reporting and approval steps → 程序; 「…日内」「…前」「每年」 → 期限; plan goals → 目标. In a plan
(not a statute), conduct met with a sanction (「……的，依法责令改正直至停产整顿」) is a 禁止.

Everything extracted keeps its verbatim text and offsets into ``text``, so an answer can quote it and
a verifier can check it. The module is pure: no index, no tokenizer, no I/O beyond its word list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.ingest.quantities import Quantity
from assistant.ingest.sanctions import Fine, Sanction
from assistant.ingest.statements import DEONTIC, LEAD_IN, SentenceReader, Span, Statement
from assistant.ingest.subjects import Subject, heads
from assistant.text.labels import LABEL

__all__ = ["Provision", "Ref", "Span", "Statement", "Unit", "analyse"]

ROLES = ("义务", "禁止", "罚则", "定义", "权利", "程序", "期限", "目标")
STATUTE_LEVELS = frozenset(
    {"法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "司法解释", "自治条例"}
)
PENALTY_CHAPTER = re.compile(r"法律责任|罚则|处罚|罪$")  # 刑法's chapters are named by their crimes


@dataclass(frozen=True)
class Ref:
    """A resolved cross-reference: the article (and 款) it names, and where it stands in the clause."""

    doc_id: str
    article: str
    paragraph: int | None = None
    start: int | None = None  # offset into the clause text; None when only the article is known

    @classmethod
    def of(cls, value: Ref | Sequence[Any]) -> Ref:
        return value if isinstance(value, Ref) else cls(*value)


@dataclass(frozen=True)
class Unit:
    """One 款 (``item`` None; its span includes its 项) or one 项 of a clause."""

    paragraph: int  # 1-based 款 number
    item: str | None  # the 项 label as written (「（一）」), or None
    start: int
    end: int
    role: str
    roles: tuple[str, ...]
    statements: tuple[Statement, ...]
    lead_in: bool = False  # a 款 whose conduct is in its 项 (「有下列行为之一的」)

    @property
    def conducts(self) -> tuple[Span, ...]:
        return tuple(s.conduct for s in self.statements if s.conduct is not None)

    @property
    def sanctions(self) -> tuple[Sanction, ...]:
        return tuple(x for s in self.statements for x in s.sanctions)

    @property
    def subjects(self) -> tuple[Subject, ...]:
        return tuple(x for s in self.statements for x in s.subjects)

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return tuple(x for s in self.statements for x in s.quantities)

    @property
    def refers_back(self) -> bool:
        return any(s.refers_back for s in self.statements)


@dataclass(frozen=True)
class Provision:
    doc_id: str
    label: str
    chapter: str
    doc_level: str
    text: str
    role: str
    roles: tuple[str, ...]
    units: tuple[Unit, ...]
    refs: tuple[Ref, ...] = ()

    @property
    def sanctions(self) -> tuple[Sanction, ...]:
        return tuple(x for u in self.units for x in u.sanctions)

    @property
    def subjects(self) -> tuple[Subject, ...]:
        return tuple(x for u in self.units for x in u.subjects)

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return tuple(x for u in self.units for x in u.quantities)

    def unit(self, paragraph: int, item: str | None = None) -> Unit:
        """The 款 (or its 项) by number; KeyError when the clause has no such unit."""
        for u in self.units:
            if u.paragraph == paragraph and (
                u.item == item or (item and u.item and _same_item(u.item, item))
            ):
                return u
        raise KeyError((self.label, paragraph, item))

    def sanctions_for(self, unit: Unit) -> tuple[Sanction, ...]:
        """A unit's own sanctions and, for a 项, those of its lead-in (「有下列行为之一的，责令……」).

        A lead-in's fine without amounts (「依照下列规定处以罚款」) is dropped when the 项 states its own.
        """
        if unit.item is None:
            return unit.sanctions
        parent = self.unit(unit.paragraph)
        own = unit.sanctions
        inherited = parent.sanctions
        if any(isinstance(s, Fine) for s in own):
            inherited = tuple(
                s
                for s in inherited
                if not (isinstance(s, Fine) and s.min is None and s.max is None and s.basis is None)
            )
        return inherited + own

    def penalty_units(self) -> list[Unit]:
        """Units that are 罚则 and state the conduct they sanction (a 项, or a 款 without 项)."""
        return [u for u in self.units if u.role == "罚则" and (u.conducts or u.refers_back)]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "label": self.label,
            "role": self.role,
            "roles": list(self.roles),
            "units": [_unit_json(self, u) for u in self.units],
        }


def _unit_json(p: Provision, u: Unit) -> dict[str, Any]:
    return {
        "paragraph": u.paragraph,
        "item": u.item,
        "start": u.start,
        "end": u.end,
        "role": u.role,
        "roles": list(u.roles),
        "conduct": [c.to_json() for c in u.conducts],
        "subjects": [s.to_json() for s in u.subjects if s.head],
        "sanctions": [s.to_json() for s in p.sanctions_for(u)],
        "quantities": [q.to_json() for q in u.quantities],
    }


def _same_item(a: str, b: str) -> bool:
    return _ITEM_NUM.sub("", a) == _ITEM_NUM.sub("", b)


_ITEM_NUM = re.compile(r"[（）()]")

# ---------------------------------------------------------------------------------------- analyse

_LABEL_PREFIX = LABEL  # used with .match(text, pos): anchored at pos


def analyse(
    text: str,
    label: str,
    chapter: str = "",
    doc_level: str = "",
    items: Sequence[tuple[str, str]] | None = None,
    refs: Sequence[Ref | Sequence[Any]] | None = None,
    doc_id: str = "",
    paragraphs: Sequence[tuple[int, int]] | None = None,
) -> Provision:
    """Analyse one clause given as plain values (see the module docstring).

    ``paragraphs`` are the 款 as (start, end) offsets into ``text``; without them every non-blank line
    is a 款. ``items`` are the 项 as (label, verbatim text); each is located in ``text`` in order and
    belongs to the 款 that contains it. Without ``items`` no 项 are made.
    """
    statute = doc_level in STATUTE_LEVELS
    in_penalty_chapter = bool(PENALTY_CHAPTER.search(chapter))
    ctx = SentenceReader(text, statute, in_penalty_chapter)
    item_spans = _locate_items(text, items or [])
    para_spans = list(paragraphs) if paragraphs is not None else _lines(text, item_spans)
    units: list[Unit] = []
    last_whom: tuple[str, ...] = ()
    for n, (ps, pe) in enumerate(para_spans, start=1):
        own_items = [(lab, s, e) for lab, s, e in item_spans if ps <= s < pe]
        lead_end = own_items[0][1] if own_items else pe
        body = ps + _prefix_len(text, ps, lead_end) if n == 1 or not statute else ps
        stmts = ctx.statements(body, lead_end, last_whom)
        lead_text = text[body:lead_end]
        lead_in = bool(own_items) and (not any(s.conduct for s in stmts) or bool(LEAD_IN.search(lead_text)))
        if stmts and stmts[-1].subjects:
            last_whom = heads(stmts[-1].subjects) or last_whom
        whom = heads(tuple(x for s in stmts for x in s.subjects)) or last_whom
        role, roles, stmts = _unit_role(ctx, stmts, inherited_penalty=False)
        parent_sanctioned = any(s.sanctions for s in stmts)
        item_units = []
        for lab, s, e in own_items:
            istmts = ctx.statements(
                s + _prefix_len(text, s, e), e, whom, True, parent_sanctioned and role == "罚则"
            )
            item_units.append((lab, s, e, istmts))
        units.append(Unit(n, None, ps, pe, role, roles, tuple(stmts), lead_in=lead_in))
        for lab, s, e, istmts in item_units:
            irole, iroles, istmts = _unit_role(ctx, istmts, parent_sanctioned and role == "罚则", parent=role)
            units.append(Unit(n, lab, s, e, irole, iroles, tuple(istmts)))
    role, roles = _clause_role(units, statute, in_penalty_chapter)
    return Provision(
        doc_id,
        label,
        chapter,
        doc_level,
        text,
        role,
        roles,
        tuple(units),
        tuple(Ref.of(r) for r in refs or ()),
    )


def _lines(text: str, item_spans: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Every non-blank line is a 款, except the lines of 项, which extend the 款 before them."""
    item_starts = {s for _, s, _ in item_spans}
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            start, end = pos + lead, pos + len(line.rstrip())
            if start in item_starts and out:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
        pos += len(line) + 1
    return out or [(0, len(text))]


def _locate_items(text: str, items: Sequence[tuple[str, str]]) -> list[tuple[str, int, int]]:
    out, pos = [], 0
    for lab, itext in items:
        at = text.find(itext, pos)
        if at < 0:
            continue  # not verbatim in this clause: skip rather than guess
        out.append((lab, at, at + len(itext)))
        pos = at + len(itext)
    return out


def _prefix_len(text: str, start: int, end: int) -> int:
    m = _LABEL_PREFIX.match(text, start, end)
    return m.end() - start if m else 0


def _unit_role(
    reader: SentenceReader, stmts: list[Statement], inherited_penalty: bool, parent: str = ""
) -> tuple[str, tuple[str, ...], list[Statement]]:
    """The unit's role and secondary roles, and its statements with a role each."""
    all_roles = [r for s in stmts for r in (s.role, *s.roles) if r]
    if inherited_penalty:
        primary = "罚则"
    elif not all_roles:
        # No marker: a 项 reads as its lead-in; a plan's heading sentence (「加强……建设。」) states a
        # goal; a statute's article on scope or organisation is 程序.
        primary = parent or ("程序" if reader.statute else "目标")
    elif reader.in_penalty_chapter and "罚则" in all_roles:
        primary = "罚则"
    elif not reader.statute and "禁止" in all_roles:
        primary = "禁止"  # in a plan the prohibition is what binds
    elif parent in DEONTIC and stmts[0].role not in DEONTIC and stmts[0].role != "定义":
        primary = parent  # 「（七）及时、如实报告生产安全事故」 under 「负有下列职责」 is a duty
    else:
        primary = next(s.role for s in stmts if s.role)
    blank = primary if reader.statute or primary == "目标" else "目标"
    filled = [s if s.role else replace(s, role=blank) for s in stmts]
    return primary, tuple(r for r in dict.fromkeys(all_roles) if r != primary), filled


def _clause_role(units: list[Unit], statute: bool, in_penalty_chapter: bool) -> tuple[str, tuple[str, ...]]:
    all_roles = [r for u in units for r in (u.role, *u.roles)]
    if not all_roles:
        return "程序", ()
    if in_penalty_chapter and "罚则" in all_roles:
        primary = "罚则"
    elif not statute and "禁止" in all_roles:
        primary = "禁止"
    else:
        primary = units[0].role
    return primary, tuple(r for r in dict.fromkeys(all_roles) if r != primary)
