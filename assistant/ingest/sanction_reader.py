"""Typed sanctions read from the verbatim pieces of a penalty clause.

A penalty clause is a run of comma/semicolon pieces: the conduct (「……的」), then sanctions, with
escalation conditions in between (「逾期未改正的，」「违法所得十万元以上的，」「构成犯罪的，」) and
addressees (「对其直接负责的主管人员和其他直接责任人员处……罚款」). ``read_sanctions`` walks the
pieces once and gives every sanction the condition and the addressee in force where it stands: a
condition lasts to the next condition or 「；」, an addressee (「对……」) to the end of its 「；」 segment.

Every sanction keeps the piece it was read from (``text``, ``start``, ``end`` into the clause text),
so an answer can quote it and a verifier can find it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.ingest.quantities import NUM, SHARE, as_int, parse_number, parse_share
from assistant.ingest.sanctions import (
    Accountability,
    Ban,
    Close,
    Condition,
    Confiscate,
    Criminal,
    Detention,
    Discipline,
    Fine,
    Liability,
    Order,
    Prison,
    Referral,
    Revoke,
    Sanction,
    Warning,
)
from assistant.ingest.subjects import OFFICIAL_SUBJECTS, PERSON_SUBJECTS, find_subjects, heads
from assistant.text.labels import ARTICLE

# ---------------------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class Piece:
    text: str
    start: int
    end: int
    delim: str  # the punctuation after it ("" at the end)


_DELIM = re.compile(r"[，,；;：:。]")


def pieces(text: str, start: int = 0, end: int | None = None) -> list[Piece]:
    """The comma/semicolon pieces of ``text[start:end]``, offsets into ``text``, blanks dropped."""
    end = len(text) if end is None else end
    out: list[Piece] = []
    pos = start
    for m in _DELIM.finditer(text, start, end):
        _add_piece(out, text, pos, m.start(), m.group())
        pos = m.end()
    _add_piece(out, text, pos, end, "")
    return out


def _add_piece(out: list[Piece], text: str, s: int, e: int, delim: str) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Piece(text[s:e], s, e, delim))
    elif out and delim:
        out[-1] = Piece(out[-1].text, out[-1].start, out[-1].end, delim)


# ---------------------------------------------------------------------------------------- patterns

_AMOUNT = rf"{NUM}(?:万|亿)?元"
_FINE = re.compile(r"罚款|罚金")
_RANGE = re.compile(
    rf"(?P<a>{_AMOUNT})(?:以上|至)(?P<b>{_AMOUNT})(?:以下)?|(?P<c>{_AMOUNT})以下|(?P<d>{_AMOUNT})"
)
_MULTIPLE = re.compile(rf"(?P<a>{NUM})倍(?:以上|至)(?:(?P<b>{NUM})倍(?:以下)?)?")
_SHARES = re.compile(rf"(?P<a>{SHARE})(?:(?:以上|至)(?P<b>{SHARE})(?:以下)?)?")
_ORDER_MEASURES = (
    "限期改正",
    "限期改进",
    "限期治理",
    "限期补办",
    "改正",
    "纠正",
    "停产停业整顿",
    "停产整顿",
    "停业整顿",
    "停产停业",
    "停止建设",
    "停止施工",
    "停止生产",
    "停止作业",
    "停止使用",
    "停止违法行为",
    "停止非法",
    "停止产生职业病危害的作业",
    "停建",
    "停产",
    "立即消除",
    "限期消除",
    "立即排除",
    "退还",
    "整改",
)
_ORDER_MEASURE = re.compile("|".join(sorted(_ORDER_MEASURES, key=len, reverse=True)))
_ORDER = re.compile(r"责令|直至停产整顿|(?:依法|立即)?(?:限期)?整改直至")
_REVOKE = re.compile(
    r"(?:暂扣或者|暂停或者)?(?:吊销|暂扣|暂停|撤销|取消)(?:[^，；。]{0,30}?)(?:证照|证书|许可证|执照|资质|资格|证》|安全标志)"
)
_CLOSE = re.compile(
    r"(?:予以|责令[^，；。]{0,6})关闭(?!的决定|或者不予关闭)|提请[^，；。]{0,30}关闭|关闭取缔"
)
_DETENTION = re.compile(rf"(?P<a>{NUM})日以下(?:的)?拘留|(?<!不予)行政拘留")
_CRIMINAL = re.compile(r"追究刑事责任")
_ACCOUNT = re.compile(r"追究(?P<whom>[^，；。]{0,20}?)(?<!刑事)(?<!法律)责任")
_PRISON = re.compile(r"有期徒刑|无期徒刑|拘役|死刑|(?<!管)管制")
_DISCIPLINE = re.compile(
    r"(?:给予|予以)[^，；。]*处分|(?<!受)(?:撤职|降级|开除|记过|记大过)[^，；。]{0,4}处分|纪律处分|行政处分"
)
_DISCIPLINE_MEASURES = ("警告", "记过", "记大过", "降级", "撤职", "留用察看", "开除")
_BAN = re.compile(
    rf"(?:(?P<a>{NUM})年内|终身)[^，；。]{{0,8}}?(?:不得|禁止)(?:再)?(?:担任|从事)|终身[^，；。]{{0,8}}禁入|不得再担任"
)
_CONFISCATE = re.compile(r"没收(?P<what>[^，；。]*)")
_WARNING = re.compile(r"警告")
_LIABILITY = re.compile(r"(?P<joint>连带)?赔偿责任")
_REFERRAL = re.compile(
    r"依照(?P<target>(?!下列)[^，；。]*?)(?:的)?(?:规定)?(?:予以|给予)?(?:处罚|追究法律责任|处理)(?!决定)|"
    r"(?:给予|予以)治安管理处罚"
)
# 「被依法责令停产停业」「受到罚款处罚」 describe a sanction already suffered: part of a conduct.
_PASSIVE = re.compile(r"被(?:依法)?(?:责令|吊销|暂扣|查封|扣押|处以|判处)|受到[^，；。]*(?:处罚|处分)")

_CONDITION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("未构成犯罪", re.compile(r"不构成犯罪")),
    ("犯罪", re.compile(r"构成犯罪")),
    ("违法所得", re.compile(r"违法所得")),
    ("逾期未改正", re.compile(r"逾期|拒不|仍(?:然)?(?:不|未|达不到)|经停产停业整顿|经停产整顿")),
    ("事故", re.compile(r"(?:导致|造成|发生)[^，；。]{0,16}(?:事故|伤亡)|事故[^，；。]{0,4}负有责任")),
    ("损害", re.compile(r"损害|损失")),
    ("情节严重", re.compile(r"情节|严重后果|影响特别恶劣")),
)
ACCIDENT_CLASS = re.compile(r"特别重大|(?<!特别)重大|较大|一般")
_ACCIDENT = re.compile(
    r"(?:特别重大|重大|较大|一般)(?:、(?:特别重大|重大|较大|一般))*(?:生产安全|伤亡|煤矿生产安全)?事故"
)
_WHOM = re.compile(
    r"^(?:并|同时)?对(?P<whom>[^，；。]+?)(?=处以?|给予|依法|予以|可以|并处|处上|吊销|由|，|$)"
)
_ARTICLE = ARTICLE
_LAW = re.compile(r"《[^》]+》")


# One alternation of every sanction pattern (their group names dropped), searched once per piece.
_ANY_SANCTION = re.compile(
    "|".join(
        re.sub(r"\?P<\w+>", "", p.pattern)
        for p in (
            _FINE,
            _ORDER,
            _REVOKE,
            _CLOSE,
            _DETENTION,
            _CRIMINAL,
            _PRISON,
            _DISCIPLINE,
            _BAN,
            _CONFISCATE,
            _LIABILITY,
            _REFERRAL,
            _ACCOUNT,
        )
    )
)


@lru_cache(maxsize=8192)
def is_sanction(text: str) -> bool:
    """True when a piece states a sanction (not when it is a condition such as 「受撤职处分的」)."""
    if text.endswith("的") or _PASSIVE.search(text):
        return False
    return bool(_ANY_SANCTION.search(text)) or bool(_WARNING.search(text) and "给予" in text)


def condition_of(piece: Piece) -> Condition:
    text = piece.text.removesuffix("的")
    kind = next((k for k, p in _CONDITION_KINDS if p.search(text)), "其他")
    classes = tuple(
        m.group() for m in ACCIDENT_CLASS.finditer(" ".join(a.group() for a in _ACCIDENT.finditer(text)))
    )
    return Condition(piece.text, piece.start, piece.end, kind, classes)


# ---------------------------------------------------------------------------------------- reading


@dataclass
class _State:
    whom: tuple[str, ...]
    whom_text: str = ""
    condition: Condition | None = None
    base: Condition | None = None
    out: list[Sanction] = field(default_factory=list)


def read_sanctions(
    text: str,
    ps: list[Piece],
    default_whom: tuple[str, ...],
    base_condition: Condition | None = None,
) -> list[Sanction]:
    """The sanctions stated in the pieces ``ps`` of ``text`` (typically all pieces after the conduct).

    ``default_whom`` are the clause's own subjects (who a sanction without 「对……」 hits);
    ``base_condition`` applies where no escalation condition is in force (e.g. 「导致发生生产安全事故的」
    in the conduct of 第九十四条第二款).
    """
    st = _State(whom=default_whom, condition=base_condition, base=base_condition)
    for piece in ps:
        if st.whom_text and _opens_with_state(piece.text):
            # 「对主管人员……给予行政处分，劳动行政主管部门并可……处以罚款」: a new authority speaks,
            # to the clause's own subject again.
            st.whom, st.whom_text = default_whom, ""
        whom_m = _WHOM.match(piece.text)
        if whom_m and not is_sanction(piece.text[: whom_m.end()]):
            subjects = find_subjects(whom_m.group("whom"))
            if subjects:
                st.whom = heads(subjects)
                st.whom_text = whom_m.group("whom")
            elif whom_m.group("whom").endswith("的"):  # 「对逃匿的处十五日以下拘留」: a condition
                inner = whom_m.group("whom")
                s = piece.start + whom_m.start("whom")
                st.condition = condition_of(Piece(inner, s, s + len(inner), ""))
        if is_sanction(piece.text):
            st.out.extend(_sanctions_in(piece, st))
        elif piece.text.endswith("的"):
            st.condition = condition_of(piece)
        if piece.delim in ("；", ";", "。"):
            st.whom, st.whom_text, st.condition = default_whom, "", st.base
    return st.out


def _opens_with_state(text: str) -> bool:
    found = find_subjects(text[:24])
    opener = 1 if text.startswith("由") else 0
    return bool(found) and found[0].start == opener and found[0].norm in OFFICIAL_SUBJECTS


def _common(
    piece: Piece, st: _State, whom: tuple[str, ...] | None = None, whom_text: str | None = None
) -> dict[str, Any]:
    return {
        "text": piece.text,
        "start": piece.start,
        "end": piece.end,
        "whom": st.whom if whom is None else whom,
        "whom_text": st.whom_text if whom_text is None else whom_text,
        "condition": st.condition,
    }


def _sanctions_in(piece: Piece, st: _State) -> list[Sanction]:
    t = piece.text
    c = _common(piece, st)
    out: list[Sanction] = []
    if _FINE.search(t):
        out.append(_fine(t, c))
    elif "按日连续处罚" in t:
        out.append(Fine(**c, basis="原处罚数额"))
    for order in _ORDER.finditer(t):
        out.extend(_orders(piece, order, st))
        break
    if _ORDER.search(t) is None and _ORDER_MEASURE.match(t) and st.out and isinstance(st.out[-1], Order):
        out.extend(_orders(piece, None, st))  # 「责令停止建设或者停产停业整顿，限期改正」
    if m := _REVOKE.search(t):
        word = t[m.start() :]
        temporary = ("暂扣" in word or "暂停" in word) and "吊销" not in word
        out.append(Revoke(**c, what=word, temporary=temporary))
    if _CLOSE.search(t):
        out.append(Close(**c))
    if m := _DETENTION.search(t):
        out.append(Detention(**c, days=as_int(parse_number(m.group("a")) if m.group("a") else None)))
    if _CRIMINAL.search(t):
        named = _ARTICLE.search(t) if "刑法" in t else None
        out.append(Criminal(**c, article=f"刑法 {named.group()}" if named else None))
    elif (m := _ACCOUNT.search(t)) and "赔偿" not in t:
        found = find_subjects(m.group("whom"))
        out.append(
            Accountability(**(c | ({"whom": heads(found), "whom_text": m.group("whom")} if found else {})))
        )
    if _PRISON.search(t) and not _CRIMINAL.search(t):
        out.append(_prison(t, c))
    if _DISCIPLINE.search(t) and "治安管理" not in t:
        out.append(Discipline(**c, measures=tuple(m for m in _DISCIPLINE_MEASURES if m in t)))
    elif _WARNING.search(t) and "给予" in t:
        out.append(Warning(**c))
    if m := _BAN.search(t):
        years = m.group("a")
        out.append(
            Ban(**c, years=as_int(parse_number(years)) if years else None, lifetime="终身" in m.group())
        )
    if m := _CONFISCATE.search(t):
        out.append(Confiscate(**c, what=m.group("what")))
    if m := _LIABILITY.search(t):
        out.append(Liability(**c, joint=bool(m.group("joint"))))
    if (m := _REFERRAL.search(t)) and not _FINE.search(t):
        target = m.group("target") or "治安管理"
        named = _ARTICLE.search(target)
        out.append(
            Referral(
                **c, target=target, laws=tuple(_LAW.findall(target)), article=named.group() if named else None
            )
        )
    return out


def _fine(t: str, c: dict[str, Any]) -> Fine:
    persons = any(w in PERSON_SUBJECTS for w in c["whom"])
    kw: dict[str, Any] = {"per": "个人" if persons else "单位", "name": "罚金" if "罚金" in t else "罚款"}
    if "违法所得" in t or "罚款数额" in t:
        kw["basis"] = "违法所得" if "违法所得" in t else "罚款数额"
        if m := _MULTIPLE.search(t):
            kw["multiple_min"] = as_int(parse_number(m.group("a")))
            kw["multiple_max"] = as_int(parse_number(m.group("b"))) if m.group("b") else None
        return Fine(**c, **kw)
    if "年收入" in t:
        kw["basis"] = "上一年年收入"
        if m := _SHARES.search(t):
            lo = parse_share(m.group("a"))
            kw["share_min"] = lo
            kw["share_max"] = parse_share(m.group("b")) if m.group("b") else lo
        return Fine(**c, **kw)
    if m := _RANGE.search(t):
        if m.group("a"):
            kw["min"], kw["max"] = _yuan(m.group("a")), _yuan(m.group("b"))
        elif m.group("c"):
            kw["max"] = _yuan(m.group("c"))
        else:
            kw["min"] = kw["max"] = _yuan(m.group("d"))
    return Fine(**c, **kw)


def _yuan(amount: str) -> int | float | None:
    return as_int(parse_number(amount.removesuffix("元")))


def _orders(piece: Piece, m: re.Match[str] | None, st: _State) -> list[Sanction]:
    t = piece.text
    at = m.start() if m else 0
    rest = t[at:]
    names = [n.group() for n in _ORDER_MEASURE.finditer(rest)]
    whom, whom_text = st.whom, st.whom_text
    if m is not None and m.group() == "责令":
        first = _ORDER_MEASURE.search(rest)
        between = rest[2 : first.start()] if first else ""
        subjects = find_subjects(between) if between else []
        if subjects:  # 「责令生产经营单位停产停业整顿」 hits the unit, whatever the clause's subject
            whom, whom_text = heads(subjects), between
    out: list[Sanction] = []
    for name in dict.fromkeys(names) or [""]:
        if "关闭" in rest and not names:
            continue
        full = name if name.startswith(("停产", "停业")) and "直至" in rest else name
        label = "责令" + full if full else rest
        out.append(Order(**_common(piece, st, whom, whom_text), name=_normal_order(label)))
    return out


def _normal_order(label: str) -> str:
    """责令停产整顿 and 责令停产停业整顿 stay as written; 「整改」 reads as 改正 (plans write 限期整改)."""
    return label.replace("责令整改", "责令改正").replace("责令限期整改", "责令限期改正")


def _prison(t: str, c: dict[str, Any]) -> Prison:
    years = [(m.group("n"), m.group("unit"), m.group("bound")) for m in _YEARS.finditer(t)]
    lo = hi = None
    for n, unit, bound in years:
        v = parse_number(n)
        if v is None:
            continue
        v = v / 12 if unit.endswith("月") else v
        if bound == "以上":
            lo = v
        else:
            hi = v
    penalties = tuple(p for p in ("有期徒刑", "拘役", "管制", "无期徒刑", "死刑") if p in t)
    return Prison(**c, min_years=as_int(lo), max_years=as_int(hi), penalties=penalties)


_YEARS = re.compile(rf"(?P<n>{NUM})(?P<unit>年|个月)(?P<bound>以上|以下)")
