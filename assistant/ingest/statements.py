"""The sentences of a clause: each one's role, conduct, who it binds, sanctions and quantities.

``SentenceReader.statements`` reads the sentences of one 款 or 项 of a clause. A sentence with
sanctions splits into the conduct (the pieces before the first sanction, 「……的」) and the sanctions
(``assistant.ingest.sanction_reader``); a sentence without them is read for its deontic wording
(「应当」「不得」「有权」 …), who it binds (the subject before that word) and what it requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.ingest.quantities import Quantity, find_quantities
from assistant.ingest.sanction_reader import Piece, condition_of, is_sanction, pieces, read_sanctions
from assistant.ingest.sanctions import HARD_KINDS, Condition, Sanction
from assistant.ingest.subjects import Subject, find_subjects, heads, split_subject


@dataclass(frozen=True)
class Span:
    """A verbatim segment of the clause text: ``text == clause_text[start:end]``."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


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


LEAD_IN = re.compile(
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


@dataclass
class SentenceReader:
    """Reads the sentences of one clause: ``text`` is the clause, the flags say where it stands."""

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
                prev = heads(out[-1].subjects) if out and out[-1].subjects else ()
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
        who = heads(subjects) or whom
        sanctions = read_sanctions(t, ps[first_sanction:], who, condition)
        taken = [(x.start, x.end) for x in sanctions if x.kind in ("罚款", "禁入", "拘留", "刑罚")]
        s, e = ps[0].start, ps[-1].end
        quantities = [
            Quantity(q.kind, q.text, q.start + s, q.end + s, q.value, q.value_max, q.unit, q.period, q.bound)
            for q in find_quantities(t[s:e], [(a - s, b - s) for a, b in taken])
        ]
        roles: tuple[str, ...]
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
        named_articles = bool(
            _ARTICLE_NO.search(stripped)
        )  # 「违反本条例第十五条……规定的」 says what was broken
        if not stripped or LEAD_IN.search(cp[-1].text) or (_VIOLATION.match(stripped) and not named_articles):
            return (
                subjects,
                None,
                condition,
                False,
            )  # 「有下列行为之一的」「违反本条例规定的」: no conduct here
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


DEONTIC = {role: pattern for role, pattern in _WORDING if role in ("禁止", "义务", "权利")}


def _duty_parts(t: str, s: int, e: int, role: str) -> tuple[list[Subject], Span] | None:
    """Who a 义务/禁止/权利 sentence binds and what it requires: 「生产经营单位|不得|将……个人」.

    The bound subject is the one in the stretch (after the last comma) just before the marker; the
    conduct runs from the marker to the end of the sentence.
    """
    if role not in DEONTIC:
        return None
    m = DEONTIC[role].search(_without_subjects(t[s:e]))
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
