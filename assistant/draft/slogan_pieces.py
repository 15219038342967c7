"""Slogan material: a clause sentence cut into pieces, each read as a rule, a condition or a purpose, and
the short forms each piece may take as a slogan half (see ``assistant.draft.slogans`` for how halves pair).

Only words are dropped or shortened — the party a rule binds, padding such as 及时/严格/进行, a list of
short words run together — never a figure or its bound: every form keeps the piece's ``_figures``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.content.facts import PERIOD
from assistant.content.topic import QUOTES
from assistant.draft.fidelity import numbers_in
from assistant.draft.slogan_check import MAX_HALF, MIN_HALF, NUMBERED_TERMS
from assistant.text.labels import without_label

_MODAL = re.compile(
    r"严禁|禁止|不得|不准|不再|必须|应当|(?<![相响供适反效对回呼叫])应(?![急用对答征])|(?<![必无])须(?!知)"
    r"|(?<![主重需必纲摘简])要(?![求点素害])|一律"
)
BAN = re.compile(r"严禁|禁止|不得|不准|不再|一律")
# the party a rule binds, which a slogan leaves out (「其生产经营主体」, 「县级以上……部门」, 「任何人」)
_PARTY = re.compile(r"(?:单位|企业|主体|部门|政府|机关|机构|任何人|个人|矿山|煤矿|各地|各矿山)$")
_PARTY_START = re.compile(
    r"^(?:各县[（(]市、区[)）]|各地|各级|属地政府|地方人民政府|矿山企业|煤矿企业|矿山|企业|用人单位|生产经营单位)"
)
# the offices a rule may bind, whose duties (审查, 批准, 监管 …) are not a mine's or a worker's
_AUTHORITY_PARTY = re.compile(r"部门|政府|机关|监管|监察|审查|审批|执法|公安|行政")
_PERSON = re.compile(r"(?:从业人员|作业人员|人员|职工|劳动者|员工)$")
_PURPOSE = re.compile(r"^(?:防止|确保|保证|保障|让|使|减少|避免|杜绝)")
_PLAN_RULE = re.compile(r"^(?:取消|实行|逐一|坚决|立即|如实|严肃追究|属于)")
_ACTION = re.compile(
    r"^(?:立即|一律|依法|坚决|从严|及时|严肃|要|须|应当|应|必须|不得|严禁|推倒|责令|予以|实行|建立|采取|追究)"
)
# a piece that leans on another text for its meaning (「上述资料」, 「下列因素」) or names whom a report goes
# to: not what a slogan says
_LEANS = re.compile(
    r"上述|前款|下列|本条|本法|本条例|该|以下简称|其他|逾期|国务院|人民政府|行政部门|主管部门|监督管理部门|公安机关|"
    r"[（(]|《"
)
_FREQUENCY = re.compile(r"每(?:半年|年|季度|季|月|周|旬|日|天|班).{0,8}?(?:\d+|[一二两三四五六七八九十])次")
_LEAD = re.compile(
    r"^(?:\d+[.．]|[（(][一二三四五六七八九十]+[）)]|同时|并且|并|另外|此外|其中|还|也|均|都|"
    r"督促指导|督促|推动|指导|要求|鼓励|引导|支持)+"
)
# Words a slogan drops: they soften or pad a rule without changing what it requires.
_PADDING = re.compile(
    r"及时|严格|依法|切实|认真|全面|有效的?|持续|积极|相应的?|必要的|按照国家有关规定|依照有关规定|按照规定|按规定"
    r"|按照要求|按要求|进行|予以|组织开展|组织(?=\w{2})|开展(?=\d|[一二两三四五六七八九十]次)"
    r"|采取(?:有效|必要)?的?措施(?=防止|消除|查明|确保)|各类|按照《[^》]*》(?:要求|规定)?"
    r"|向[^，,；;。]{1,24}?(?:部门|机关|政府|机构)(?=\w)|^\w{0,8}?(?:人员|职工)(?=每)"
    r"|[为向](?:职工|劳动者|从业人员)(?=提供|发放|配备)|\w{2,6}所(?:需要?|必需)的|按照\w{2,4}规则"
)
# The usual short forms of long terms, as publicity writes them.
SHORT_FORMS = (
    ("重大事故隐患", "重大隐患"),
    ("安全生产教育和培训", "安全培训"),
    ("安全教育、培训", "安全培训"),
    ("安全教育和培训", "安全培训"),
    ("民用爆炸物品", "民爆物品"),
    ("全体从业人员", "人人"),
    ("生产安全事故", "事故"),
    ("烟草和点火用具", "烟火"),
    ("符合国家标准或者行业标准的", "合格"),
    ("劳动防护用品", "防护用品"),
    ("从业人员", "职工"),
    ("接触职业病危害的作业", "职业病危害作业"),
    *((meaning, term) for term, meaning in NUMBERED_TERMS),
)
_QUALIFIER = re.compile(r"至少|不少于|不得少于|以上|以下|超过|以内|不超过|内")


def _figures(text: str) -> list[str]:
    """The figures of a text with their bounds (「每半年」「至少」「1」): a shortened half keeps all of them."""
    return sorted(numbers_in(text) + PERIOD.findall(text) + _QUALIFIER.findall(text))


@dataclass(frozen=True)
class Half:
    """A slogan half: ``kind`` is rule, if (a condition that opens the rule after it) or why (a purpose);
    ``src`` is the piece of the clause it was made from."""

    text: str
    kind: str
    strong: bool = False
    src: str = ""
    alone: bool = True  # False: says too little without the condition before it (「必须依法执行」)
    carried: bool = False  # carries on the rule before it, with no modal of its own (「组织事故救援」)


def chars(text: str) -> int:
    return len(re.sub(r"[^\w]", "", text))


_ADVERBIAL = re.compile(
    r"(?:按照|依照|根据|遵照|结合|围绕)\w*(?:要求|规定|原则|标准|职责|分工)$|(?:内|以内|之前|以前|之日起|期间)$"
)


def fits(text: str) -> bool:
    """A half's length, and no half that leans on another text or is only an adverbial (「按照五落实要求」)."""
    return MIN_HALF <= chars(text) <= MAX_HALF and not _LEANS.search(text) and not _ADVERBIAL.search(text)


def _lead_off(piece: str) -> str:
    """A plan's 「督促矿山……」 / 「推动矿山企业……」 without the verb that hands the task down or its party."""
    piece = QUOTES.sub("", without_label(piece.strip()))
    m = _LEAD.match(piece)
    if m is None:
        return piece
    return _PARTY_START.sub("", piece[m.end() :]) or piece[m.end() :]


def short_form(text: str) -> str:
    for long, short in SHORT_FORMS:
        text = text.replace(long, short)
    return text


def _merge_lists(text: str) -> str:
    """A list of short words read as one (「瓦斯、煤尘」 → 「瓦斯煤尘」, 「及时、准确、完整」 → 「及时准确完整」,
    「迟报、漏报、谎报或者瞒报」 → 「迟报漏报谎报瞒报」); 「……的时间、内容……等情况」 → 「……情况」. A list of longer
    items stays (and the half with it is not used)."""
    text = re.sub(r"的[^，,；;。]*?、[^，,；;。]*?等(情况|资料|信息|事项|材料)", r"\1", text)
    # two verbs run together at either end of a piece: 「监督、教育职工……佩戴、使用」 → 「监督教育职工……佩戴使用」
    text = re.sub(r"^(\w{2})、(\w{2})(?=\w)", r"\1\2", text)
    text = re.sub(r"(?<=\w)(?<=\w{3})(\w{2})、(\w{2})$", r"\1\2", text)
    items = text.split("、")
    if len(items) > 2 and re.search(r"熟知|熟悉|掌握|知晓|了解", items[0]):
        return items[0]  # what all must know: its first item is known too
    if len(items) < 2 or any(len(i) > 2 for i in items[1:-1]):
        return text
    last = re.sub(r"^(\w{2})(?:或者|和|及)(?=\w{2})", r"\1", items[-1])
    return "".join(items[:-1]) + last


def variants(text: str) -> list[str]:
    """The piece in the forms a slogan may take, fullest first: short forms, each set of padding words
    off, lists merged, a compound cut; only those that keep every figure and bound of the piece."""
    want = _figures(text)
    out = []
    for padded in _pad_offs(short_form(text)):
        merged = _merge_lists(padded)
        out += [padded, merged, _head_noun(merged)]
    return [v for v in dict.fromkeys([text, *out]) if v and "、" not in v and _figures(v) == want]


def _pad_offs(text: str) -> list[str]:
    """``text`` without each subset of its padding words (at most four of them), fewest dropped first."""
    from itertools import combinations

    # a word of a list (「及时、准确、完整」) is an item, not padding
    # and 「对……进行培训」 needs its 进行
    spans = [
        m.span()
        for m in _PADDING.finditer(text)
        if "、" not in text[max(0, m.start() - 1) : m.end() + 1]
        and not (m.group() == "进行" and "对" in text[: m.start()])
    ]
    spans = spans[:4]
    out = []
    for k in range(len(spans) + 1):
        for drop in combinations(spans, k):
            kept, last = [], 0
            for a, b in drop:
                kept.append(text[last:a])
                last = b
            out.append("".join(kept) + text[last:])
    return out


def _head_noun(text: str) -> str:
    """A long compound noun at the end cut to its last word pair (「紧急撤离和逃生避险应急演练」 → 「应急演练」)."""
    text = re.sub(r"(?<=[次年月])[^\d和]{2,6}和\w{0,4}(\w{2}(?:演练|培训|检查|排查|治理))$", r"\1", text)
    return re.sub(r"(?<=次)\w{2}(演练|培训|检查|排查)$", r"\1", text) if chars(text) > 10 else text


def _subject(subject: str) -> str | None:
    """What of a rule's subject a slogan keeps: nothing of the party bound, the thing found of 「……发现X」, a
    name or a time (「矿长」, 「销号后」); None for a subject too long to keep."""
    subject = re.sub(r"^(?:对|由|凡是|凡|其)", "", subject.strip())
    if _AUTHORITY_PARTY.search(subject.split("对")[0]):
        return None  # a duty of the office that licenses or supervises: not what publicity asks of a mine
    subject = re.sub(r"^\w{0,8}?(?:单位|企业|矿山|煤矿)的(?=\w{2})", "", subject)  # 「单位的主要负责人」
    subject = re.sub(r"(?:还|也|均|都|亦)$", "", subject)
    if "对" in subject and _PARTY.search(subject.split("对")[0]):
        subject = subject.split("对", 1)[1]  # 「任何单位和个人对事故」 → 事故
    if not subject or _PARTY.search(subject):
        return ""
    if "发现" in subject:
        return subject.split("发现")[-1].lstrip("的")
    if "、" in subject or len(subject) > 8 or (subject.endswith(("后", "时", "前")) and len(subject) > 4):
        return None
    return subject


_CONSEQUENCE = re.compile(r"^(?:依法|一律|责令|从严|严肃追究|追究)")


def rule_halves(piece: str, carried: bool = False) -> list[Half]:
    """The rule a piece states, in slogan form (several lengths), or [] when it states none. ``carried``: the
    piece follows a rule of the same sentence and carries it on without a modal of its own. A task a plan
    hands down (「督促矿山……」) is a rule, and so is a sanction (「依法责令改正直至停产整顿」)."""
    text = _lead_off(piece)
    handed = text != QUOTES.sub("", without_label(piece.strip()))
    if text.startswith("由"):
        text, carried = text[1:], True  # 「由主要负责人跟踪督办」
    m = _MODAL.search(text)
    if m is None:
        strong = bool(_CONSEQUENCE.match(text))
        if _FREQUENCY.search(text) or _PLAN_RULE.match(text) or carried or handed or strong:
            own = bool(_FREQUENCY.search(text) or _PLAN_RULE.match(text) or handed or strong)
            return [Half(v, "rule", strong, piece, carried=not own) for v in variants(text) if fits(v)]
        return []
    subject, modal, act = text[: m.start()], m.group(), text[m.end() :]
    kept = _subject(subject)
    if kept is None or not act:
        return []
    strong = bool(BAN.fullmatch(modal))
    if modal in ("应当", "应", "必须", "要", "须"):
        # a rule that opens on 立即/如实/及时 reads as an order without its modal
        modals = ["须", "要"] if kept else ["必须", "要"]
        if re.match(r"立即|如实|及时", act):
            modals.append("")  # 「立即赶赴事故现场」 reads as an order without its modal
    else:
        modals = [modal]
    subjects = list(dict.fromkeys([kept, short_form(kept)]))
    if re.search(r"负责人|人员|职工", kept) and re.match(r"立即|如实|及时", act):
        subjects.append("")  # 「其负责人应当立即赶赴事故现场」 → 「立即赶赴事故现场」
    acts = [act]
    if strong and "或" in act and "、" not in act:
        # each way of breaking a ban is banned: 「不得重新用于排放尾矿或擅自回采」 → 「不得擅自回采」
        # (only a way that opens on its own verb: 「携带……或者进入公共场所」 leaves 「进入公共场所」 without its object)
        first, *others = re.split(r"或者|或", act)
        acts += [first] + [a for a in others if re.match(r"擅自|私自|违规|非法|随意|自行|重新", a)]
    out = []
    for v in [v for a in acts for v in variants(a)]:
        for subj in subjects:
            for mod in modals if subj or kept == "" else ["必须", "要", ""]:
                text = f"{subj}{mod}{v}"
                if fits(text) and _figures(text) == _figures(subject + act):
                    alone = bool(subj) or len(_pad_offs(v)[-1]) >= 3
                    out.append(Half(text, "rule", strong, piece, alone))
    return out


def halves_of_rule(piece: str) -> list[str]:
    """The slogan halves one rule piece gives (「不得重新用于排放尾矿或擅自回采」 → 「不得擅自回采」 …)."""
    return [h.text for h in rule_halves(piece.rstrip("。；;"))]


_CONDITION = re.compile(r"^(?:对|凡是|凡)?(?P<what>.+?)的(?P<noun>[^的]{0,8})$")


def _conditions(piece: str) -> list[tuple[str, str]]:
    """(the case, the noun it qualifies) of a piece that only sets the case of the rule after it:
    「对运行到设计最终标高、不再排尾作业、停用超过3年的尾矿库」 gives each of its three cases with 尾矿库; a list of
    two whose first is short is one case (「有瓦斯、煤尘爆炸危险的矿井」)."""
    m = _CONDITION.match(_lead_off(piece))
    if m is None or _MODAL.search(m.group("noun")) or _ACTION.match(m.group("noun")):
        return []
    if re.search(r"必须|应当|严禁|不得|禁止", m.group("what")):
        return []  # 「……必须为职工提供……的劳动防护用品」 states a duty, it does not set a case
    what, noun = m.group("what"), m.group("noun")
    if "对" in what and _PARTY.search(what.split("对")[0]):
        what = what.split("对", 1)[1]  # 「各级监管部门对发现的重大事故隐患」
    cases = what.split("、")
    if len(cases) < 3 and any(len(c) < 4 for c in cases):
        cases = [what]
    # the party that does it goes (「金属非金属地下矿山将爆破作业专项外包」 → 「爆破作业专项外包」)
    cases = [re.sub(r"^\w{0,10}?(?:单位|企业|矿山)(?=\w{4})", "", c) for c in cases]
    cases = [re.sub(r"^将|^\w{0,6}和其他", "", c) for c in cases]
    # a case of three characters is one only in a list of three or more (「高瓦斯」)
    return [
        (short_form(c), short_form(noun))
        for c in cases
        if len(c) >= 4 or len(c) == 3 and (len(cases) >= 3 or c.startswith(("有", "无", "未")))  # 「有水患」
    ]


def _case_rule(piece: str) -> list[Half]:
    """「对普查不清的立即采取措施查明」: a case and what to do in it, in one piece → 「普查不清立即查明」."""
    m = re.match(r"^对(?P<what>[^的，]{2,8})的(?P<act>.+)$", _lead_off(piece))
    if m is None or not _ACTION.match(m.group("act")):
        return []
    act = m.group("act")
    out = []
    for v in variants(act):
        text = f"{m.group('what')}{v}"
        if fits(text):
            out.append(Half(text, "rule", bool(BAN.search(act)), piece))
    return out


@dataclass(frozen=True)
class Piece:
    kind: str  # rule | if | why | other
    halves: list[Half]
    opens: int = -1  # for a condition: the piece of the rule it opens
    after_case: bool = False  # the piece before it sets its case (「……的，」)


def pieces_of(sentence: str) -> list[Piece]:
    """The pieces of ``sentence`` as slogan material (see the module doc)."""
    raw = [p for p in re.split(r"[，,；;：:]", sentence.rstrip("。；;")) if p.strip()]
    out: list[Piece] = []
    for i, piece in enumerate(raw):
        purpose = re.sub(r"^(?:让|使)", "", _lead_off(piece))
        if _PURPOSE.match(_lead_off(piece)):
            out.append(Piece("why", [Half(v, "why", src=piece) for v in variants(purpose) if fits(v)]))
            continue
        if case_rule := _case_rule(piece):
            out.append(Piece("rule", case_rule))
            continue
        cases = _conditions(piece)
        k = i + 1  # the rule a run of conditions opens (「凡是……的，……外包的，依法责令改正……」)
        while cases and k < len(raw) and _conditions(raw[k]) and not rule_halves(raw[k]):
            k += 1
        following = rule_halves(raw[k]) if cases and k < len(raw) and _bare(raw[k]) else []
        if following:
            out.append(Piece("if", _opening(cases, following, piece), k))
            continue
        carried = (
            i > 0
            and (out[-1].kind == "rule" or bool(_MODAL.search(_lead_off(raw[i - 1]))))
            and not _MODAL.search(piece)
        )
        if carried and BAN.search(_lead_off(raw[i - 1])):
            # 「禁止将最低标高设在侵蚀基准面以下，以凹陷方式开采」: the piece is what the ban forbids; alone it
            # would read as an order to do it
            out.append(Piece("other", []))
            continue
        rules = rule_halves(piece, carried=carried)
        if not rules and (split := _subject_split(piece) or _pivot_split(piece)):
            out.append(Piece("if", split, i))  # 「新建四等、五等小型尾矿库应当采用一次性建坝」
            continue
        if rules and all(_PURPOSE.match(h.text) for h in rules):  # 「采取必要措施防止……危害」: what it is for
            rules = [Half(h.text, "why", src=h.src) for h in rules]
            out.append(Piece("why", rules))
            continue
        after_case = i > 0 and _lead_off(raw[i - 1]).endswith("的") or bool(out and out[-1].kind == "if")
        out.append(Piece("rule", rules, after_case=after_case) if rules else Piece("other", []))
    return out


def _subject_split(piece: str) -> list[Half]:
    """A rule whose subject is too long to keep in one half, cut in two at its modal: the subject opens
    (「新建四等五等小型尾矿库」) and the duty follows (「须采用一次性建坝」)."""
    text = _lead_off(piece)
    m = _MODAL.search(text)
    if m is None or not m.start() or _subject(text[: m.start()]) is not None:
        return []
    subject, modal, act = text[: m.start()], m.group(), text[m.end() :]
    if re.search(r"[后时前内]$|对|发现|[，,]", subject) or _PARTY.search(subject):
        return []
    opens = [Half(v, "if", src=piece) for v in variants(subject) if fits(v)]
    modals = ["须", "要"] if modal in ("应当", "应", "必须", "要", "须") else [modal]
    thens = [
        Half(f"{mod}{v}", "rule", bool(BAN.fullmatch(modal)), piece, alone=False)
        for v in variants(act)
        for mod in modals
        if fits(f"{mod}{v}")
    ]
    return opens + thens if opens and thens else []


_PIVOT = re.compile(
    r"^(?P<modal>严禁|禁止|不得|不准|必须|应当)(?P<verb>安排|分配|指派|强令|允许|招用|使用)(?P<who>\w{2,8}?)"
    r"(?P<act>(?:从事|进入|参加|下井|上岗)\w*)$"
)


def _pivot_split(piece: str) -> list[Half]:
    """A rule on whom a mine sets to what work, too long for one half, cut between the two: the person opens
    (「不得安排未成年工」) and the work follows (「从事职业病危害作业」), from 「用人单位不得安排未成年工从事接触职业病
    危害的作业」."""
    text = _lead_off(piece)
    m = _MODAL.search(text)
    if m is None or _subject(text[: m.start()]) != "":
        return []
    p = _PIVOT.match(text[m.start() :])
    if p is None:
        return []
    modal = "须" if p.group("modal") in ("必须", "应当") else p.group("modal")
    strong = bool(BAN.fullmatch(modal))
    opens = [Half(f"{modal}{p.group('verb')}{w}", "if", strong, piece) for w in variants(p.group("who"))]
    thens = [Half(v, "rule", strong, piece, alone=False) for v in variants(p.group("act"))]
    opens, thens = [h for h in opens if fits(h.text)], [h for h in thens if fits(h.text)]
    return opens + thens if opens and thens else []


def _bare(piece: str) -> bool:
    """Whether a rule piece names no subject of its own beyond its party: the condition before it is its
    subject (「……的尾矿库，其生产经营主体应当……」), not a phrase of another clause (「正确使用……的职业病防护用品，
    发现……隐患应当及时报告」)."""
    text = _lead_off(piece)
    m = _MODAL.search(text)
    return m is None or _subject(text[: m.start()]) == ""


def _opening(cases: list[tuple[str, str]], following: list[Half], piece: str) -> list[Half]:
    """A condition's halves: 「停用超过3年的尾矿库」 (opens the rule after it) and the rule folded with it
    (「停用超过3年须闭库治理」), for each of its cases."""
    out: list[Half] = []
    for case, noun in cases:
        case = re.sub(r"^\w{2,6}后(?=\w{4})", "", case)  # 「事故报告后出现新情况」: the time before the case
        # the person a case names goes (「未经……合格的从业人员，不得上岗作业」) unless the rule gives them
        # something (「……的劳动者，应当给予适当岗位津贴」)
        dative = any(re.search(r"给予|发给|提供|安排|支付|为其|对其|向其", h.text) for h in following)
        if _PERSON.search(noun) and dative:
            continue
        kept = "" if _PERSON.search(noun) else noun
        for form in variants(case):
            for then in following:
                act = re.sub(r"^(?:必须|须|要)", "", then.text)
                folded = f"{form}{'' if _CONSEQUENCE.match(act) else '须'}{act}"
                if fits(folded):
                    out.append(Half(folded, "rule", then.strong, piece))
                opening = f"{form}的{kept}" if kept else form
                if fits(opening):
                    out.append(Half(opening, "if", then.strong, piece))
    return list(dict.fromkeys(out))
