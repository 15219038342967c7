"""What makes a slogan a slogan, as rules a reader can check: ``slogan_problems`` names each fault.

A slogan is two halves split by one full-width comma (「严禁新建头顶库，守住下游生命线」):
- each half 5–12 characters, the halves within 3 characters of each other;
- no citation marks, brackets, question marks, half-width punctuation or repeated exclamation marks;
- no stock tail that fits any clause (「守护矿工生命安全」, 「共建平安和谐矿山」 …);
- no half that opens with a conjunction or stops mid-sentence (「或者……」, 「……合格后」);
- no phrase said twice, no half made only of words that fit any slogan (「矿山安全靠大家」);
- no word that makes light of the rule (「随便」「再商量」);
- no half whose act is an authority's administrative procedure (「书面向申请人说明理由」, 「不得审批安全设施设计」,
  「受理事故报告和举报」) or names the authority a duty goes to (「向劳动行政主管部门备案」): a slogan speaks to
  those who must act safely, enterprises and workers, not to the office that licenses them;
- with the source clause:
  - every number and every frequency (每月, 每半年 …) it states is the clause's, and a figure that is one
    end of the clause's range (「十万元以上二十万元以下」) is not stated as if it were the whole of it;
  - one clause: a half that names a hazard or a subject (爆破, 外包, 瓦斯 …; ``SUBJECT_TERMS``) the clause
    does not name belongs to another clause;
  - no half that opens in the middle of one of the clause's phrases, its subject cut off (「开发没有一次性总体
    设计」 of 「矿山开发没有进行一次性总体设计的」);
  - no half allows what the clause forbids (「数据可以改」 under 「不得……篡改」);
  - no half that is one of the clause's cases read as an order (「不再排尾作业」 of 「对……、不再排尾作业、……的尾矿库」)
    or that stops inside one of its lists (「严格执行瓦斯」 of 「严格执行瓦斯、煤尘检查制度」).

Issue 13 asked for 8–16 characters per half, but its own example 「严禁新建头顶库，守住下游生命线」 has 7 + 7
and the hand-labelled good slogans in ``evals/slogans.jsonl`` run from 6 to 11: the bounds here are 5–12
on purpose (see the note in that file's README entry); 8–16 would refuse the issue's own example.
Meaning is checked only as far as words show it: a reversed rule said in other words passes.
"""

from __future__ import annotations

import re

from assistant.content.facts import PERIOD
from assistant.numerals import arabize

STOCK_TAILS = (
    "筑牢矿山安全防线",
    "守护矿工生命安全",
    "压实安全生产责任",
    "守住安全发展底线",
    "共建平安和谐矿山",
    "安全生产警钟长鸣",
    "遏制重特大事故发生",
    "人人讲安全保平安",
)
MIN_HALF, MAX_HALF, MAX_GAP = 5, 12, 3
_MARKS = re.compile(r"〔\d+〕|\[\d+\]|[《》()（）?？]|[,;:!\"']|！！")
_FREQUENCY = PERIOD
_DANGLING = re.compile(
    r"^(?:或者|或|然后|并且|并|但|而且|而|且|以及|及|和|同时|对于|对)|(?:后|(?<!三同)时|的|之前|以前|前提下|或者|并)$"
)
# Short forms with a numeral in them that stand for wording without one: 「三同时」 is not a figure when the
# clause says 同时设计、同时施工、同时投入生产和使用.
NUMBERED_TERMS = (("三同时", "同时设计、同时施工、同时投入生产和使用"),)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Hazards and subjects a slogan names. A half naming one of a group needs the clause to name one of the
# same group: 「爆破作业不外包」 under the 五职矿长 clause is another clause's rule. The groups hold the words a
# slogan uses for what a clause says at length (雷管炸药 for 民用爆炸物品, 重罚 for 罚款).
SUBJECT_TERMS: tuple[tuple[str, ...], ...] = (
    ("爆破", "爆炸", "炸药", "雷管", "民爆"),
    ("外包", "发包", "承包", "分包", "转包", "劳务派遣"),
    ("瓦斯",),
    ("煤尘",),
    ("尾矿库", "尾矿", "头顶库"),
    ("矿长", "五职"),
    ("特种作业",),
    ("演练", "预案"),
    ("培训", "教育"),
    ("迟报", "漏报", "谎报", "瞒报"),
    ("职业病", "职业健康", "职业卫生", "职业危害", "粉尘", "尘肺"),
    ("体检", "健康检查"),
    ("防护用品",),
    ("监控", "监测", "预警"),
    ("许可证", "无证", "持证", "证书", "资格", "资质"),
    ("罚款", "处罚", "重罚", "罚"),
    ("通风",),
    ("水害", "水患", "透水", "防治水"),
    ("冲击地压",),
    ("边坡",),
    ("采空区",),
)
# Words that fit any slogan: a half made only of these says nothing about its clause.
_GENERIC = re.compile(
    r"矿山|煤矿|安全|生产|大家|人人|个个|平安|和谐|幸福|共建|共享|第一|警钟|长鸣|生命|至上|放心上|记心上|"
    r"心中|心上|牢记|时刻|靠|保|记|讲|要|是|有|的|在|重于泰山|责任|重大|防线|底线"
)
# An authority's procedure as the act of a half (a licence refused, a reason given to the applicant), or the
# authority a duty goes to; 「未经批准」「取得许可证」 are the enterprise's duty and pass.
_AUTHORITY = re.compile(
    r"申请人|说明理由|不予(?:批准|受理|许可|核发|颁发|登记)|作出\w{0,6}决定|(?<!未经)(?<!经)(?:审批|审查|核发|颁发|受理|批准)"
    r"|(?:主管|管理|行政)部门|监督管理职责的部门|人民政府|公安机关"
)
_LAX = re.compile(r"随便|随意|无所谓|再商量|马虎|凑合|差不多|不要紧|没关系")
_RANGE = re.compile(r"(\d+(?:\.\d+)?)[^\d，,。；;]{0,8}?(?:以上|至|到|-|—|～)(\d+(?:\.\d+)?)")
# 「对运行到设计最终标高、不再排尾作业、停用超过3年的尾矿库，……」: the cases a rule applies to
_CASES = re.compile(r"对([^，。；,;]+?)的[^，。；,;的、]{1,8}[，,]")
_MODAL_START = re.compile(r"^(?:必须|须|要|应当|应)")
_ALLOW = re.compile(r"可以?(?!不|靠|燃|能|行|控)(\w)")
# what a prohibition covers runs to the end of its sentence (「不得关闭……设施，或者篡改……数据」), but 「不得因 X
# 而 Y」 forbids Y, not X
_FORBID = re.compile(r"(?:不得|严禁|禁止|不准)(?!因)[^。；;]{0,40}")


def _chars(text: str) -> int:
    return len(re.sub(r"[^\w]", "", text))


def slogan_problems(text: str, clause_text: str = "") -> list[str]:
    """The faults of ``text`` as a slogan ([] = a good slogan by these rules)."""
    problems = []
    text = (text or "").strip()
    if _MARKS.search(text):
        problems.append("含引用标记、括号、问号或半角标点")
    halves = [h for h in re.split(r"[，,]", text)]
    if len(halves) != 2 or not all(h.strip() for h in halves):
        problems.append("不是以一个全角逗号分开的两半")
    else:
        lengths = [_chars(h) for h in halves]
        if not all(MIN_HALF <= n <= MAX_HALF for n in lengths):
            problems.append(f"每半应为 {MIN_HALF}–{MAX_HALF} 字（现为 {lengths[0]} 与 {lengths[1]} 字）")
        elif abs(lengths[0] - lengths[1]) > MAX_GAP:
            problems.append(f"两半长短悬殊（{lengths[0]} 与 {lengths[1]} 字）")
        if any(h.strip() in STOCK_TAILS for h in halves):
            problems.append("半句是与条款无关的套话")
        if any(_DANGLING.search(h.strip()) for h in halves):
            problems.append("半句以连词开头或话没说完（……后、……的）")
    if re.search(r"(\w{4,})\1", text):
        problems.append("有重复的词句")
    if any(len(_GENERIC.sub("", h)) < 2 for h in halves if _chars(h) >= MIN_HALF):
        problems.append("半句空泛，放在哪条标语后面都成立")
    if _LAX.search(text):
        problems.append("口吻放任，与安全要求相悖")
    if m := _AUTHORITY.search(text):
        problems.append(f"“{m.group()}”是主管部门的行政程序，标语应讲企业和职工要做的事")
    if clause_text:
        problems += _against_clause(text, halves, clause_text)
    return problems


def _against_clause(text: str, halves: list[str], clause_text: str) -> list[str]:
    """The faults only the source clause shows: figures, a second clause, a rule turned into leave."""
    problems = []
    source = arabize(clause_text)
    for term, meaning in NUMBERED_TERMS:
        if meaning in clause_text:
            text = text.replace(term, meaning)
    said = arabize(text)
    numbers = _NUMBER.findall(said)
    wrong = [n for n in numbers if n not in _NUMBER.findall(source)]
    wrong += [f for f in _FREQUENCY.findall(said) if f not in source]
    if wrong:
        problems.append(f"数字或频次与原文不符：{'、'.join(wrong)}")
    cut = [n for n in numbers if n not in wrong and _only_a_range_end(n, numbers, source)]
    if cut:
        problems.append(f"只取了原文区间的一端：{'、'.join(cut)}")
    for half in halves:
        alien = [
            t
            for group in SUBJECT_TERMS
            if not any(w in clause_text for w in group)
            for t in group
            if t in half
        ]
        if alien:
            problems.append(
                f"半句“{half.strip()}”说的是另一条款的事（条款未提{alien[0]}）：一条标语只讲一个条款"
            )
            break
    for half in halves:
        if _mid_phrase(half.strip(), clause_text):
            problems.append(f"半句“{half.strip()}”从条款的短语中间截起，前面的主语被截掉了")
            break
    for m in _ALLOW.finditer(text):
        if any(m.group(1) in f.group() for f in _FORBID.finditer(clause_text)):
            problems.append(f"“{m.group()}”把条款禁止的事说成可以")
            break
    cases = {c for m in _CASES.finditer(clause_text) for c in m.group(1).split("、")}
    for half in halves:
        core = _MODAL_START.sub("", half.strip())
        if half.strip() in cases or core in cases:
            problems.append(f"“{half.strip()}”在条款里是适用的情形，不是要求")
            break
        places = [m.end() for m in re.finditer(re.escape(core), clause_text)] if len(core) >= 4 else []
        if places and all(clause_text[p : p + 1] == "、" for p in places):
            problems.append(f"“{half.strip()}”停在条款并列的词语中间，话没说完")
            break
    return problems


# What may stand right before a half's first words in the clause without the half being cut from a phrase:
# a function word (和, 对, 的 …), a party a rule binds (单位, 企业 …) or 其他 (「煤矿和其他有瓦斯……的矿井」) …
_BOUNDARY = re.compile(
    r"(?:[和或及对由将凡在并且也还均都的等与向把被从经]|其他|单位|企业|部门|机构|人员|职工|劳动者)$"
)
# … or a verb whose object the half is, with the party it is asked of (「确保操作规程的遵守」 → 「操作规程不走样」,
# 「督促矿山每半年……」)
_GOVERNS = re.compile(
    r"^(?:确保|保证|保障|加强|组织|开展|落实|建立|健全|完善|督促|推动|推进|实行|执行|严格|强化|做好|坚持)"
)
_OPENER = re.compile(r"^(?:必须|须|要|应当|应|严禁|禁止|不得|不准|一律|立即|如实|及时|坚决|未经|未|凡|对)")


def _mid_phrase(half: str, clause_text: str) -> bool:
    """Whether ``half`` opens inside a phrase of the clause, its subject cut off: every place its first three
    characters occur, the clause's phrase (from the last punctuation mark) opens on one short word run
    right into them (「矿山开发没有进行……的」 → 「开发没有……」). Trimming a long noun (「……的劳动防护用品」 →
    「防护用品」) is not this, and a half that opens on a modal or an order word, or whose opening the clause
    does not hold, is not judged."""
    if _OPENER.match(half) or len(half) < 3:
        return False
    places = [m.start() for m in re.finditer(re.escape(half[:3]), clause_text)]

    def cut(p: int) -> bool:
        before = re.split(r"[^\w]", clause_text[:p])[-1]
        return (
            1 <= len(before) <= 4
            and not _BOUNDARY.search(before)
            and not _GOVERNS.match(before)
            and not re.match(r"[\d第]", before)
        )

    return bool(places) and all(cut(p) for p in places)


def _only_a_range_end(n: str, numbers: list[str], source: str) -> bool:
    """Whether every place ``n`` occurs in the clause is one end of a range whose other end the slogan
    leaves out (「二十万」 from 「十万元以上二十万元以下」)."""
    places = [m.start() for m in _NUMBER.finditer(source) if m.group() == n]
    ranges = [m for m in _RANGE.finditer(source)]
    ends = []
    for pos in places:
        r = next((m for m in ranges if pos in (m.start(1), m.start(2))), None)
        if r is None:
            return False
        ends.append(r.group(2) if pos == r.start(1) else r.group(1))
    return bool(ends) and all(other not in numbers for other in ends)
