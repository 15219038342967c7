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
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.ingest.quantities import Quantity, find_quantities
from assistant.ingest.sanctions import (
    HARD_KINDS,
    Condition,
    Fine,
    Piece,
    Sanction,
    condition_of,
    is_sanction,
    pieces,
    read_sanctions,
)
from assistant.ingest.subjects import Subject, find_subjects, split_subject

ROLES = ("义务", "禁止", "罚则", "定义", "权利", "程序", "期限", "目标")
STATUTE_LEVELS = frozenset(
    {"法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "司法解释", "自治条例"}
)
PENALTY_CHAPTER = re.compile(r"法律责任|罚则|处罚|罪$")  # 刑法's chapters are named by their crimes


@dataclass(frozen=True)
class Span:
    """A verbatim segment of the clause text: ``text == clause_text[start:end]``."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


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
class Statement:
    """One sentence of a unit: its role, conduct, who it binds, its sanctions and quantities."""

    text: str
    start: int
    end: int
    role: str
    roles: tuple[str, ...]
    conduct: Span | None = None
    condition: Condition | None = None  # a condition on every sanction here (「导致发生生产安全事故的」)
    subjects: tuple[Subject, ...] = ()
    sanctions: tuple[Sanction, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    refers_back: bool = False  # the conduct is 「有前款违法行为」: see the previous 款


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
    _by_paragraph: dict[int, Unit] = field(default_factory=dict, repr=False, compare=False)

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

_LABEL_PREFIX = re.compile(  # used with .match(text, pos): anchored at pos, so no 「^」
    r"\s*(?:第[一二三四五六七八九十百千零〇\d]+条(?:之[一二三四五六七八九十]+)?|[（(][一二三四五六七八九十\d]+[)）]|"
    r"\d+[.．、]|[一二三四五六七八九十]+、)\s*"
)
_LEAD_IN = re.compile(
    r"有下列(?:行为|情形)之一|下列(?:行为|情形)之一|有下列|下列规定|下列情形|下列职责|下列要求|以下"
)
_BACK = re.compile(r"^(?:有|依照)?前(?:款|两款|二款)")
_VIOLATION = re.compile(r"^违反[^，；。]*(?:规定|本法|本条例|本办法)$")
_ARTICLE_NO = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
_SENTENCE_END = re.compile(r"[。！？!?]")
# A 项 that only names the accident class or the gain (第九十五条「（一）发生一般事故的」) is a condition.
_CLASS_CONDITION = re.compile(
    r"(?:发生|造成)?(?:特别重大|重大|较大|一般)(?:生产安全|煤矿生产安全)?事故的?$|(?:没有)?违法所得[^，；。]*的$"
)
_OPENER = re.compile(r"凡是|凡|对|以上|其|上述")  # may stand before the subject that opens a conduct
_BASE_CONDITIONS = frozenset({"事故", "逾期未改正", "情节严重", "违法所得", "犯罪", "损害"})


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
    ctx = _Context(text, statute, in_penalty_chapter)
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
        lead_in = bool(own_items) and (not any(s.conduct for s in stmts) or bool(_LEAD_IN.search(lead_text)))
        if stmts and stmts[-1].subjects:
            last_whom = _heads(stmts[-1].subjects) or last_whom
        whom = _heads(tuple(x for s in stmts for x in s.subjects)) or last_whom
        role, roles, stmts = ctx.unit_role(stmts, inherited_penalty=False)
        parent_sanctioned = any(s.sanctions for s in stmts)
        item_units = []
        for lab, s, e in own_items:
            istmts = ctx.statements(
                s + _prefix_len(text, s, e), e, whom, True, parent_sanctioned and role == "罚则"
            )
            item_units.append((lab, s, e, istmts))
        units.append(Unit(n, None, ps, pe, role, roles, tuple(stmts), lead_in=lead_in))
        for lab, s, e, istmts in item_units:
            irole, iroles, istmts = ctx.unit_role(istmts, parent_sanctioned and role == "罚则", parent=role)
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


def _heads(subjects: Sequence[Subject]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.norm for s in subjects if s.head))


@dataclass
class _Context:
    text: str
    statute: bool
    in_penalty_chapter: bool

    def statements(
        self,
        start: int,
        end: int,
        whom: tuple[str, ...],
        is_item: bool = False,
        under_penalty: bool = False,
    ) -> list[Statement]:
        """The sentences of ``text[start:end]``; ``whom`` is who a sanction hits when none is named.

        ``under_penalty`` for a 项 whose lead-in's sanctions apply to it.
        """
        out: list[Statement] = []
        bounds = [m.end() for m in _SENTENCE_END.finditer(self.text, start, end)]
        pos = start
        for e in [*bounds, end]:
            ps = pieces(self.text, pos, e)
            pos = e
            if ps:
                prev = _heads(out[-1].subjects) if out and out[-1].subjects else ()
                out.append(self._statement(ps, prev or whom, is_item, under_penalty))
        return out

    def _statement(
        self,
        ps: list[Piece],
        whom: tuple[str, ...],
        is_item: bool,
        under_penalty: bool,
    ) -> Statement:
        t = self.text
        first_sanction = next((i for i, p in enumerate(ps) if is_sanction(p.text)), len(ps))
        lead = ps[:first_sanction]
        subjects: list[Subject] = []
        conduct: Span | None = None
        condition: Condition | None = None
        back = False
        if lead and first_sanction < len(ps) or (lead and is_item and lead[-1].text.endswith("的")):
            subjects, conduct, condition, back = self._lead(lead, is_item)
        else:
            subjects = find_subjects(t[ps[0].start : ps[-1].end], ps[0].start)
        heads = _heads(subjects) or whom
        sanctions = read_sanctions(t, ps[first_sanction:], heads, condition)
        taken = [(x.start, x.end) for x in sanctions if x.kind in ("罚款", "禁入", "拘留", "刑罚")]
        s, e = ps[0].start, ps[-1].end
        quantities = [
            Quantity(q.kind, q.text, q.start + s, q.end + s, q.value, q.value_max, q.unit, q.period, q.bound)
            for q in find_quantities(t[s:e], [(a - s, b - s) for a, b in taken])
        ]
        if under_penalty and conduct is not None and not sanctions:
            role, roles = "罚则", ()  # 「（一）未按照规定……的」 under 「有下列行为之一的，责令……」
        else:
            lead_text = t[s : ps[first_sanction - 1].end] if first_sanction else ""
            conditional = any(p.text.endswith("的") for p in lead)  # 「……的，」 then the sanction
            role, roles = self._statement_role(
                t[s:e], lead_text, sanctions, quantities, conduct is not None, conditional
            )
        if not sanctions and conduct is None:
            subjects, conduct = _duty_parts(t, s, e, role) or (subjects, None)
        if conduct is None and is_item and not sanctions:
            ce = e  # a 项 of a list of duties: the 项 is what is required
            while ce > s and t[ce - 1] in "。；;，,：:":
                ce -= 1
            conduct = Span(t[s:ce], s, ce) if ce > s else None
        return Statement(
            t[s:e],
            s,
            e,
            role,
            roles,
            conduct,
            condition,
            tuple(subjects),
            tuple(sanctions),
            tuple(quantities),
            back,
        )

    def _lead(
        self, lead: list[Piece], is_item: bool
    ) -> tuple[list[Subject], Span | None, Condition | None, bool]:
        """Subjects, conduct and base condition of the pieces before the first sanction."""
        t = self.text
        lead = list(lead)
        if lead and _VIOLATION.match(lead[0].text) and len(lead) > 1:
            lead = lead[1:]  # 「违反本法规定，」 is context, not conduct
        if is_item and all(_CLASS_CONDITION.match(p.text) for p in lead):
            # 第九十五条（一）「发生一般事故的」: the 项 names a condition; the conduct is the lead-in's.
            cond = condition_of(Piece(t[lead[0].start : lead[-1].end], lead[0].start, lead[-1].end, ""))
            return [], None, cond, False
        condition = None
        cp: list[Piece] = [lead[0]]
        for p in lead[1:]:
            c = condition_of(p)
            if c.kind in _BASE_CONDITIONS and p.text.endswith("的"):
                condition = c  # 「导致发生生产安全事故的」 after the conduct conditions every sanction
            elif condition is None:
                cp.append(p)
        # The conduct ends at its last 「……的」 (「自刑罚执行完毕……之日起」 after it is not conduct) and
        # starts at the run of 「……的」 pieces before the sanction, reaching back to the piece that
        # names who acts: 「加强……管理，优化……，特种作业人员无证上岗的，依法……」 → 特种作业人员|无证上岗.
        ends = [i for i, p in enumerate(cp) if p.text.endswith("的")]
        if ends:
            cp = cp[: ends[-1] + 1]
        i = len(cp) - 1
        while i > 0 and cp[i - 1].text.endswith("的") and ends:
            i -= 1
        if ends and not self._opens_with_subject(cp[i]):
            # A statute's conduct may span pieces (「未对职工进行安全教育、培训，分配职工上岗作业的」);
            # a plan's sentence directs several things before the one it sanctions.
            i = next(
                (j for j in range(i - 1, -1, -1) if self._opens_with_subject(cp[j])), 0 if self.statute else i
            )
        elif not ends:
            i = 0
        subjects, cstart, cend = self._subject_of(cp[i])
        if not ends and not subjects and (condition is None or not self.statute):
            return subjects, None, condition, False  # 「强化警示教育，发生较大事故的，……」: no conduct stated
        end = cend if cend is not None and len(cp) == i + 1 else cp[-1].end
        stripped = t[cstart:end].removesuffix("的")
        named_articles = bool(_ARTICLE_NO.search(stripped))  # 「违反本条例第十五条……规定的」 says what was broken
        if not stripped or _LEAD_IN.search(cp[-1].text) or (_VIOLATION.match(stripped) and not named_articles):
            return subjects, None, condition, False  # 「有下列行为之一的」「违反本条例规定的」: no conduct here
        back = bool(_BACK.match(stripped))
        return subjects, Span(stripped, cstart, cstart + len(stripped)), condition, back

    def _opens_with_subject(self, piece: Piece) -> bool:
        subjects, _, _ = self._subject_of(piece)
        opener = _OPENER.match(piece.text)
        return bool(subjects) and subjects[0].start - piece.start == (opener.end() if opener else 0)

    def _subject_of(self, piece: Piece) -> tuple[list[Subject], int, int | None]:
        """Who acts in a conduct piece, where the conduct starts, and where it ends if not at 「的」."""
        t = self.text
        # 「对存在重大事故隐患仍然进行生产的煤矿企业，责令停产整顿」: conduct inside 对……的<subject>.
        if piece.text.startswith("对"):
            subs = find_subjects(piece.text, piece.start)
            if subs and subs[-1].end == piece.end and t[subs[-1].start - 1] == "的":
                return [subs[-1]], piece.start + 1, subs[-1].start - 1
        opener = _OPENER.match(piece.text)
        subjects, cstart = split_subject(t, piece.start + (opener.end() if opener else 0), piece.end)
        return subjects, cstart, None

    def _statement_role(
        self,
        text: str,
        lead: str,
        sanctions: list[Sanction],
        quantities: list[Quantity],
        has_conduct: bool,
        conditional: bool,
    ) -> tuple[str, tuple[str, ...]]:
        # In a statute, a sentence is a 罚则 in the 法律责任 chapter, or elsewhere when conduct
        # (「……的，」) meets a sanction harder than an order: 「应当责令限期改正」 alone is the
        # regulator's power. A plan's conduct met with any sanction is prohibited (禁止).
        penalty = bool(sanctions) and (
            self.in_penalty_chapter
            or (self.statute and conditional and any(s.kind in HARD_KINDS for s in sanctions))
        )
        # A penalty describes the violation (「未履行……职责的」), not a duty; a plan's sentence may
        # direct something before it names the consequence.
        found = [] if penalty else wording_roles(_without_subjects(lead if sanctions else text))
        if any(q.kind in ("期限", "频次") for q in quantities):
            found.append((10_000, "期限"))
        roles = [r for _, r in sorted(found)]
        if penalty:
            roles.insert(0, "罚则")
        elif sanctions and not self.statute and (has_conduct or not roles):
            roles.insert(0, "禁止" if has_conduct else "罚则")
            roles.append("罚则")
        roles = list(dict.fromkeys(roles))
        if not roles:
            return "", ()  # no marker: the unit decides (a 项 of a 职责 list reads as its lead-in)
        return roles[0], tuple(roles[1:])

    def unit_role(
        self, stmts: list[Statement], inherited_penalty: bool, parent: str = ""
    ) -> tuple[str, tuple[str, ...], list[Statement]]:
        """The unit's role and secondary roles, and its statements with a role each."""
        all_roles = [r for s in stmts for r in (s.role, *s.roles) if r]
        if inherited_penalty:
            primary = "罚则"
        elif not all_roles:
            # No marker: a 项 reads as its lead-in; a plan's heading sentence (「加强……建设。」) states a
            # goal; a statute's article on scope or organisation is 程序.
            primary = parent or ("程序" if self.statute else "目标")
        elif self.in_penalty_chapter and "罚则" in all_roles:
            primary = "罚则"
        elif not self.statute and "禁止" in all_roles:
            primary = "禁止"  # in a plan the prohibition is what binds
        elif parent in _DEONTIC and stmts[0].role not in _DEONTIC and stmts[0].role != "定义":
            primary = parent  # 「（七）及时、如实报告生产安全事故」 under 「负有下列职责」 is a duty
        else:
            primary = next(s.role for s in stmts if s.role)
        blank = primary if self.statute or primary == "目标" else "目标"
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


# ---------------------------------------------------------------------------------------- wording

_WORDING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("定义", re.compile(r"是指|本(?:法|条例|规定|办法)所称|所称的|下列用语的含义|用语的含义|含义是")),
    ("禁止", re.compile(r"不得|禁止|严禁|不准|不允许|杜绝|一律不|取消")),
    (
        "义务",
        re.compile(
            r"应当|必须|(?<![相适对反供响呼效])应(?=[依当按建严制做加落配保实组定开采设完及有在对])|须|"
            r"负有[^，；。]{0,12}职责|履行下列|负责|方可|承担[^，；。]{0,6}责任|确保|要求"
        ),
    ),
    ("权利", re.compile(r"有权|享有|可以(?!不)|的权利")),
    (
        "程序",
        re.compile(
            r"报告|报送|备案|审批|审查|批准|验收|申请|申报|公告|登记|核查|作出[^，；。]{0,8}决定|组织调查|提请|移送|颁发|复议|起诉|签字|通知"
        ),
    ),
    ("目标", re.compile(r"目标|力争|到20\d\d年|基本(?:形成|建立|实现|完成)|全面(?:实现|完成)|^为了")),
)


def _without_subjects(text: str) -> str:
    """``text`` with subject wordings blanked: 「主要负责人」 holds 负责 but states no duty."""
    for s in find_subjects(text):
        text = text[: s.start] + "＿" * (s.end - s.start) + text[s.end :]
    return text


def wording_roles(text: str) -> list[tuple[int, str]]:
    """(rank, role) of the first marker of each role in ``text``; sorted, the first role leads.

    定义 leads wherever it stands; then the earliest of 禁止/义务/权利; then 程序, 目标.
    """
    out = []
    for role, pattern in _WORDING:
        if m := pattern.search(text):
            out.append((m.start() if role in ("禁止", "义务", "权利", "定义") else 1_000 + m.start(), role))
    if any(r == "定义" for _, r in out):
        out = [(-1, "定义")] + [x for x in out if x[1] != "定义"]
    return out


_DEONTIC = {role: pattern for role, pattern in _WORDING if role in ("禁止", "义务", "权利")}


def _duty_parts(t: str, s: int, e: int, role: str) -> tuple[list[Subject], Span] | None:
    """Who a 义务/禁止/权利 sentence binds and what it requires: 「生产经营单位|不得|将……个人」.

    The bound subject is the one in the stretch (after the last comma) just before the marker; the
    conduct runs from the marker to the end of the sentence.
    """
    if role not in _DEONTIC:
        return None
    m = _DEONTIC[role].search(_without_subjects(t[s:e]))
    if not m:
        return None
    prefix = t[s : s + m.start()]
    comma = max(prefix.rfind("，"), prefix.rfind(","))
    subjects = [x for x in find_subjects(prefix[comma + 1 :], s + comma + 1) if x.head]
    if not subjects:
        subjects = [x for x in find_subjects(prefix, s) if x.head]
    cs, ce = s + m.end(), e
    while ce > cs and t[ce - 1] in "。；;，,：:":
        ce -= 1
    if ce <= cs:  # 「……对本单位的安全生产工作全面负责。」: what is required precedes the marker
        cs, ce = (subjects[-1].end if subjects else s), s + m.start()
    if ce <= cs:
        return None
    return subjects, Span(t[cs:ce], cs, ce)
