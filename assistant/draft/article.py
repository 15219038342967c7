"""The offline publicity article: a headline from the key requirement, a lead, sections by theme, a close.

Each section restates its clauses in plain words — who must do what, by when — with the clause's own
figures and deadlines untouched (「其生产经营主体应当及时闭库治理」 → 「生产经营主体要及时闭库治理」,
「督促矿山每半年……」 → 「矿山要每半年……」), and then says what happens if it is not done: the clause's own
sanction when it states one, else the 罚则 the knowledge base links to the duty at build
(``ingest.links``), quoted verbatim and cited — the one place where the exact wording matters. A 罚则 whose
figures a later, higher law replaced gives way to the prevailing one (``ingest.conflicts``), and a
repealed document is never cited as the sanction.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.content.facts import fact_sentences, key_sentences
from assistant.content.topic import central
from assistant.draft.citing import Cites, full_width, short_title
from assistant.draft.fidelity import numbers_in
from assistant.draft.model import Block, Line
from assistant.draft.slogans import Slogan, headline_slogan, tighten
from assistant.schema import Clause
from assistant.text.labels import without_label

# Themes a mine-safety article is read by: (heading, what a requirement of that theme says). A clause
# goes under the theme its requirements name most (the topic's own words not counted, so an article on
# 培训 is not one section called 教育培训); a clause that names none goes under whom it binds.
THEMES: tuple[tuple[str, str], ...] = (
    ("把好准入关", r"新建|准入|设计审查|审批|安全生产许可|建设项目|三同时|采矿权|延期"),
    ("闭库与销号", r"闭库|销号|回采|排尾"),
    ("监测预警", r"监测|预警|监控"),
    ("隐患排查治理", r"隐患|排查|整改|督办"),
    ("应急演练与救援", r"演练|应急(?!管理)|救援|撤离|逃生|抢救"),
    ("事故报告", r"事故报告|迟报|瞒报|补报|谎报|漏报|报告事故"),
    ("按时如实报告", r"(?:立即|及时|如实|书面)[^，。；]{0,16}报告|备案"),
    ("教育培训与持证上岗", r"培训|教育|资格|持证|考核|学历|考试"),
    ("外包与用工管理", r"外包|发包|承包|分包|转包|派遣|挂靠"),
    ("职业健康", r"职业病|职业卫生|健康检查|防护用品|职业危害|待遇"),
    ("爆炸物品管理", r"民用爆炸物品|炸药|雷管|爆破|储存|销售|购买|运输"),
    ("瓦斯与通风", r"瓦斯|通风|煤尘|自燃|突出"),
    ("隐蔽致灾因素普查", r"普查|致灾因素|灾害防治"),
    ("保障措施", r"资金|财政|投入|经费"),
    ("机构与人员配备", r"设立[^，。；]{0,10}机构|配备(?!等)|专职|副总工程师"),
    ("监管与执法", r"监管部门|执法|监督检查|查处"),
    ("责任追究", r"罚款|处罚|追究|责令|问责|约谈|违法行为|公益诉讼"),
)
_BY_PARTY = (
    ("企业的主体责任", r"企业|单位|矿山|主体|用人单位"),
    ("部门的监管职责", r"部门|政府|机关"),
    ("从业人员须知", r"人员|职工|劳动者|矿长|负责人"),
)
_NUMERALS = "一二三四五六七八九十"
_MODAL = re.compile(r"应当|(?<![相响供适反效对回呼叫])应(?![急用对答征当])")
_PARTIES = r"矿山企业|煤矿企业|矿山|企业|各县（市、区）|各地|属地政府|地方人民政府"
_HANDED = re.compile(rf"^(?:并)?(?:督促指导|督促|推动|指导)(?={_PARTIES})")
# 「对运行到……停用超过3年的尾矿库，其生产经营主体应当及时闭库治理」: the case first, then who must act
_CASE_FIRST = re.compile(
    r"^对(?P<case>[^，。；]+?)的(?P<noun>[\u4e00-\u9fff]{1,6})，其?(?P<who>[^，。；]{2,12}?)要"
)
# a sentence that says what happens to whoever does not comply (a plan's own sanction)
_SANCTION = re.compile(
    r"^(?:严格落实《[^》]*》[，,])?(?:对|凡是|凡)[^。]*?的[，,][^。]*?"
    r"(?:处罚|罚款|责令(?:改正|停产|停止)|停产整顿|追究[^，,。；;]{0,12}责任|约谈|问责)"
)


def restate(text: str) -> str:
    """A requirement in plain words, figures untouched: no label or item number, 应当 → 要, a plan's
    「督促矿山……」 → 「矿山要……」, 「其生产经营主体」 → 「生产经营主体」, 予以 dropped, full-width punctuation."""
    text = full_width(without_label(text.strip()))
    text = re.sub(r"^\d+[.．]", "", text)
    text = _MODAL.sub("要", text)
    m = re.match(r"^(?P<time>[^，。]{2,12}(?:前|内))，(?P<rest>.+)$", text)
    head, rest = (m.group("time") + "，", m.group("rest")) if m else ("", text)
    rest = re.sub(r"^并(?=组织|要|建立|加强)", "", _HANDED.sub("", rest))
    # 「……，督促矿山每半年……」: the task handed down inside the sentence, read the same way
    rest = re.sub(
        rf"([，；])(?:督促指导|督促|推动)((?:{_PARTIES})(?:主要负责人|负责人|从业人员|职工)?)(?!要)",
        r"\1\2要",
        rest,
    )
    case = _CASE_FIRST.match(rest)
    if (
        case
    ):  # the thing and its case first, then who must act: 「尾矿库运行到……停用超过3年的，生产经营主体要……」
        rest = f"{case.group('noun')}{case.group('case')}的，{case.group('who')}要{rest[case.end() :]}"
    party = re.match(rf"^((?:{_PARTIES})(?:主要负责人|负责人|从业人员|职工)?)(?!要)", rest)
    if party and not re.match(r"^\S{0,20}?(?:要|必须|不得|严禁)", rest[party.end() :]):
        rest = f"{party.group(1)}要{rest[party.end() :]}"  # 「矿山每半年至少……」 → 「矿山要每半年至少……」
    text = head + rest
    text = re.sub(r"([，；])其(?=[\u4e00-\u9fff]{2,8}要)", r"\1", text)
    text = text.replace("予以", "")
    text = re.sub(r"[；，、：]$", "", text)
    return text if re.search(r"[。！？]$", text) else text + "。"


def _theme(sentences: list[str], topic: str | None) -> str:
    """The theme the sentences name most, the topic's own words not counted (then counted, when no other
    theme is named); else whom they bind; else the key requirement itself (never an article label)."""
    text = "".join(sentences)
    for discount in (True, False):
        best, score = "", 0
        for name, pattern in THEMES:
            hits = len(re.findall(pattern, text))
            if topic and discount:
                hits -= sum(text.count(w) for w in re.findall(pattern, topic))
            if hits > score:
                best, score = name, hits
        if best:
            return best
    party = next((name for name, pattern in _BY_PARTY if re.search(pattern, text)), "")
    key = requirement([_Text(s) for s in sentences], topic)
    # a heading carries no citation, so it states no figure
    return party or (key if key and not numbers_in(key) else "") or "其他规定"


class _Text:
    def __init__(self, text: str) -> None:
        self.text = text


# who a requirement binds, for a theme too big for one section (an article on 培训 by whom it trains)
_WHO = (
    ("主要负责人", r"主要负责人"),
    ("矿长", r"矿长"),
    ("特种作业人员", r"特种作业"),
    ("新进和转岗人员", r"新进|调换工种|实习|派遣|新工艺"),
    ("监管部门", r"部门|人民政府|机关"),
    ("从业人员", r"从业人员|职工|劳动者"),
    ("企业", r"企业|单位|矿山"),
)


def _who(clause: Clause, sentences: list[str]) -> str:
    """Whom a clause binds, read where it is said: the subject before the modal verb of its first
    requirement, else its title (a plan's 「健全完善矿山企业……机制」); "" when neither says."""
    first = restate(sentences[0]) if sentences else ""
    m = re.search(r"要|必须|不得|严禁|禁止|负责", first)
    for text in (first[: m.start()] if m else "", clause.title or ""):
        found = next((name for name, pattern in _WHO if re.search(pattern, text)), "")
        if found:  # the most specific role named (「矿山企业主要负责人」 → 主要负责人)
            return found
    return ""


_SCOPE = re.compile(
    r"适用本(?:法|条例|规定|办法)|本(?:法|条例|规定|办法)适用于|所称[^，。]{0,30}是指|下列用语的含义"
)
_GOALS = re.compile(r"^(?:工作目标|总体要求|指导思想|基本原则|主要目标)")


def topic_sentences(clause: Clause, topic: str | None) -> list[Any]:
    """The key sentences of a clause that are about the topic (all of them when its title is); a plan's
    goals (「工作目标」) state no requirement and give none."""
    if _GOALS.match(clause.title or ""):
        return []
    # a lead-in alone (「……依照下列规定处以罚款：」) says nothing without its items; a law's scope or a
    # definition (「本法适用于……」「本条例所称……是指」) asks nothing of anyone
    sentences = [
        s
        for s in key_sentences(clause, limit=4)
        if not s.text.rstrip().endswith(("：", ":")) and not _SCOPE.search(s.text)
    ]
    if not topic:
        return sentences
    on_topic = [s for s in sentences if central(s.text, topic)]
    return on_topic or ([] if not central(clause.title or "", topic) else sentences)


_STRONG = re.compile(r"严禁|不得|禁止|必须")
_DEMAND = re.compile(r"严禁|不得|禁止|必须|应当|须|要")


def requirement(sentences: list[Any], topic: str | None, limit: int = 18) -> str:
    """The demanding piece of the sentences a reader should see first (「严禁新建头顶库」): a prohibition
    or a 必须 before a plain 要, then one naming the topic, then the shortest."""
    pieces = [tighten(p) for s in sentences for p in re.split(r"[，,；;。：:]", s.text)]
    pieces = [p for p in pieces if 4 <= len(p) <= limit and _DEMAND.search(p)]
    return min(pieces, key=lambda p: (not _STRONG.search(p), not (topic and topic in p), len(p)), default="")


def make_article(
    clauses: list[Clause],
    all_clauses: list[Clause],
    cites: Cites,
    topic: str | None,
    links: Any = (),
    slogans: tuple[Slogan, ...] = (),
) -> tuple[str, list[Block]]:
    """(headline, blocks). ``slogans``: the slogans of the same clauses; the headline is made of one whose
    clause the article cites, and the lead's 「最要紧的」 of the next two (see module doc)."""
    chosen = [(c, topic_sentences(c, topic)) for c in clauses]
    chosen = [(c, ss) for c, ss in chosen if ss]
    if not chosen:
        chosen = [(c, key_sentences(c, limit=3)) for c in clauses]
        chosen = [(c, ss) for c, ss in chosen if ss]
    if not chosen:
        return (topic or short_title(clauses[0].doc_title) if clauses else "宣传稿"), []
    what = topic or short_title(chosen[0][0].doc_title)
    needs = [(requirement(ss, topic), c, ss) for c, ss in chosen]
    needs = [x for x in needs if x[0]]
    needs.sort(key=lambda x: (not _STRONG.search(x[0]), len(x[0])))  # a short prohibition leads
    cited = [c for c, _ in chosen]
    key_slogans = [s for s in slogans if s.clause in cited]
    title = _headline(what, headline_slogan(key_slogans, topic), [r for r, _, _ in needs], bool(topic))

    themes = {c.chunk_id: _theme([s.text for s in ss], topic) for c, ss in chosen}
    sections: dict[str, list[tuple[Clause, list[Any]]]] = {}
    for clause, sentences in chosen:
        sections.setdefault(themes[clause.chunk_id], []).append((clause, sentences))
    for theme, members in list(sections.items()):
        if len(members) >= 4 and len(sections) <= 2:  # one theme holds the article: by whom it binds
            del sections[theme]
            for clause, sentences in members:
                who = _who(clause, [s.text for s in sentences])
                sections.setdefault(f"{theme}：{who}" if who else theme, []).append((clause, sentences))
    if needs:  # the theme of the key requirement first
        first = next((t for t, ms in sections.items() if any(c is needs[0][1] for c, _ in ms)), "")
        sections = {first: sections.pop(first), **sections} if first in sections else sections

    body: list[Block] = []
    consequences = 0
    for i, (theme, members) in enumerate(sections.items()):
        body.append(Block("heading", [Line(f"{_ordinal(i + 1)}、{theme}")]))
        lines: list[Line] = []
        for clause, sentences in members:
            n = cites.cite(clause, max(sentences, key=lambda s: len(s.text)).text)
            own = [s for s in fact_sentences(clause) if _SANCTION.search(s.text)]
            duties = [s for s in sentences if s not in own] or sentences
            for s in duties:
                said = restate(s.text) if not _ITEM.match(s.text) else _item(s.text, clause, all_clauses)
                if said:
                    lines.append(Line(said, [n]))
            if own:  # the clause's own 「对……的，依法……处罚」
                said = re.sub(r"^严格落实《[^》]*》，", "", restate(own[0].text))
                lines.append(Line("否则，" + said, [n]))
                consequences += 1
                continue
            penalty = linked_penalty(clause, all_clauses, links)
            if penalty is not None:
                p_clause, conduct, sanction = penalty
                m = cites.cite(p_clause, sanction)
                source = f"《{short_title(p_clause.doc_title)}》{p_clause.label}"
                at = p_clause.text.find(sanction) + len(sanction)
                more = "……" if p_clause.text[at : at + 1] in ("；", ";") else ""
                lines.append(Line(f"否则，按照{source}，{conduct}的，「{sanction}」{more}。", [m]))
                consequences += 1
        body.append(Block("paragraph", lines))

    docs = list(dict.fromkeys(short_title(c.doc_title) for c, _ in chosen))
    named = f"《{'》《'.join(docs[:3])}》{'等' if len(docs) > 3 else ''}"
    lead = [Line(f"关于{topic}，{named}作出了明确规定。" if topic else f"{named}提出了一系列明确要求。")]
    # a slogan's own words, or the rule half of one whose second half is a purpose phrase (「严禁新建头顶库」)
    keys = [(s.text.split("，")[0] if s.tail else s.text, s.clause) for s in key_slogans if s.text != title]
    keys = keys[:2] or [(r, c) for r, c, _ in needs[:2] if _STRONG.search(r) and len(r) >= 8]
    if keys:
        marks = sorted({cites.cite(c, _quote(c, chosen)) for _, c in keys})
        lead.append(Line("其中最要紧的是：" + "；".join(k for k, _ in keys) + "。", marks))
    promise = "谁要做什么、什么时候做" + ("、做不到会怎样" if consequences else "")
    # the themes by name, not by count: a count in prose would be a figure no clause states
    names = list(dict.fromkeys(t.split("：")[0] for t in sections))
    parts = f"从{'、'.join(names)}等方面" if 1 < len(names) <= 4 else "分项" if len(names) > 4 else ""
    lead.append(Line(f"下面{parts}说明{promise}，供学习宣传、对照落实。"))
    closing = Block(
        "closing",
        [
            Line(
                "安全生产没有旁观者。各有关部门和矿山企业要对照上述要求逐条抓好落实，"
                "把责任压实到岗位、把措施落实到现场，广大从业人员要主动学规定、守规程、查隐患。"
            )
        ],
    )
    return title, [Block("lead", lead), *body, closing]


_ITEM = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]|^[^。]*的[；;。]?$")


def _item(text: str, clause: Clause, all_clauses: list[Clause]) -> str:
    """An item of a statute's list (「……将井下采掘工作面和井巷维修作业外包的；」) with what its article's
    lead-in says of every item (「属于重大事故隐患」); "" when the lead-in says no such thing."""
    first = min(
        (c for c in all_clauses if c.doc_id == clause.doc_id and c.label == clause.label),
        key=lambda c: c.start,
        default=clause,
    )
    m = re.search(r"下列情形之一的[，,](?P<what>属于[^，,：:]+)", first.text)
    if m is None:
        return ""
    item = re.sub(r"[；;。]$", "", full_width(_ITEM_LABEL.sub("", text.strip())))
    return f"{item}，{m.group('what')}。" if item.endswith("的") else ""


def _ordinal(n: int) -> str:
    """一 … 九十九, the way a Chinese document numbers its parts (and no digit a fidelity check would read)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _NUMERALS[tens - 1] + "十"
    return head + (_NUMERALS[ones - 1] if ones else "")


def _quote(clause: Clause, chosen: list[tuple[Clause, list[Any]]]) -> str:
    sentences = next((ss for c, ss in chosen if c is clause), [])
    return max(sentences, key=lambda s: len(s.text)).text if sentences else clause.text


def _headline(what: str, slogan: str, needs: list[str], is_topic: bool) -> str:
    """The slogan chosen for the headline (``headline_slogan``: one naming the topic, a ban first); else the
    key requirement with what it is about (「民用爆炸物品：不得超出核定的品种、产量」); never a fixed tail."""
    if slogan:
        return slogan
    if needs:
        key = needs[0]
        return key if what in key else f"{what}：{key}"
    return f"{what}，这些规定要知道" if is_topic else f"学习贯彻《{what}》"


def linked_penalty(clause: Clause, all_clauses: list[Clause], links: Any) -> tuple[Clause, str, str] | None:
    """(the 罚则's clause, the conduct it punishes, its sanction verbatim) for this duty clause: the 罚则
    linked to it at build, best link first. A 罚则 whose figures a higher or later law replaced gives way
    to the prevailing one (事故报告条例 第三十五条's 40 %–80 % → 安全生产法 第一百一十条's 60 %–100 %); a
    repealed document is passed over."""
    from assistant.ingest.conflicts import superseded
    from assistant.ingest.links import penalties_for

    def pieces(doc_id: str, label: str) -> list[Clause]:
        found = [c for c in all_clauses if c.doc_id == doc_id and c.label == label]
        return sorted(found, key=lambda c: c.start) if found and found[0].doc_status != "已废止" else []

    def rank(link: Any) -> tuple[bool, bool, float]:
        # a 罚则 for officials (「有关地方人民政府、……部门有下列行为之一的」) does not enforce a duty of
        # everyone; among equals the one still in force before one a later law replaced
        head = next(iter(pieces(link.doc_id, link.penalty)), None)
        lead = head.text.split("有下列", 1)[0] if head is not None else ""
        binds_state = bool(re.search(r"人民政府|监督管理部门|有关部门|主管部门|机关", lead))
        duty_state = bool(re.search(r"人民政府|部门|机关", clause.text[:80]))
        return (
            binds_state and not duty_state,
            superseded(link.doc_id, link.penalty) is not None,
            -link.score,
        )

    for link in sorted(penalties_for(links or [], clause.doc_id, clause.label), key=rank):
        conflict = superseded(link.doc_id, link.penalty)
        if conflict is None:
            found = _sanction_of(pieces(link.doc_id, link.penalty), link.paragraph, link.item)
        else:
            hint = _sanction_of(pieces(link.doc_id, link.penalty), link.paragraph, link.item)
            found = _closest(pieces(conflict.prevailing_doc_id, conflict.prevailing_article), hint)
        if found is not None:
            return found
    return None


_ITEM_LABEL = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")


def _sanction_of(pieces: list[Clause], paragraph: int, item: str | None) -> tuple[Clause, str, str] | None:
    """The conduct and the sanction of one 款 (and 项) of a 罚则, verbatim from its pieces."""
    para = 0
    lead: tuple[Clause, str] | None = None
    for piece in pieces:
        for line in piece.text.splitlines():
            if not line.strip():
                continue
            if not _ITEM_LABEL.match(line):
                para += 1
                if para == paragraph:
                    lead = (piece, line)
                continue
            if para == paragraph and item and lead is not None and _norm(line).startswith(_norm(item)):
                m = re.search(r"之一的[，,](?P<s>[^：:]+)", lead[1])
                conduct = re.sub(r"[的；;。，,]+$", "", _ITEM_LABEL.sub("", line)).strip()
                if m and conduct:
                    return lead[0], full_width(conduct), _cut(m.group("s"))
    if lead is None or item:
        return None
    m = re.match(r"^(?P<c>[^。]+?)的[，,](?P<s>[^。]+)", without_label(lead[1].strip()))
    return (lead[0], full_width(m.group("c")), _cut(m.group("s"))) if m else None


def _closest(pieces: list[Clause], hint: tuple[Clause, str, str] | None) -> tuple[Clause, str, str] | None:
    """The sentence of a prevailing 罚则 whose conduct is nearest the superseded one's."""
    best: tuple[int, tuple[Clause, str, str]] | None = None
    want = set(_bigrams(hint[1])) if hint else set()
    for piece in pieces:
        for s in fact_sentences(piece):
            m = re.match(r"^(?P<c>[^。]+?)的[，,](?P<s>[^。]+)", s.text)
            if m is None or not re.search(r"罚款|处分", m.group("s")):
                continue
            score = len(want & set(_bigrams(m.group("c"))))
            if best is None or score > best[0]:
                best = (score, (piece, full_width(m.group("c")), _cut(m.group("s"))))
    return best[1] if best else None


def _cut(sanction: str, limit: int = 60) -> str:
    """A sanction quoted at most to the end of the tier that passes ``limit`` characters (verbatim)."""
    sanction = sanction.strip().rstrip("：:；;。")
    if len(sanction) <= limit:
        return sanction
    cuts = [m.start() for m in re.finditer(r"[；;]", sanction)]
    end = next((c for c in cuts if c >= 12), None)
    return sanction[:end] if end is not None else sanction


def _norm(text: str) -> str:
    return text.strip().replace("(", "（").replace(")", "）")


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]
