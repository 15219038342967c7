"""What a question asks: its intent, and the units an asked-for quantity is written in.

Officials ask in a handful of shapes, and each needs a different provision and a different answer:

- ``penalty``     罚多少 / 怎么处罚 / 什么责任 / 判几年      → the 罚则 and the duty it enforces
- ``permission``  能不能 / 可不可以 / 准不准 / 允许吗        → the 禁止 or 义务 (不得 / 可以)
- ``duty``        要不要 / 必须吗 / 需不需要 / 应不应该      → the 义务
- ``frequency``   多久一次 / 每年几次                        → the provision's frequency
- ``deadline``    多久 / 几日内 / 什么时候前 / 最迟           → the provision's time limit
- ``definition``  什么是 / 指什么 / 包括哪些 / 算不算          → the 定义
- ``who``         谁 / 哪个部门 / 由谁                        → the subject
- ``procedure``   怎么办 / 程序 / 报告给谁 / 如何              → the 程序
- ``number``      多少 + a unit that is neither money nor time → the threshold
- ``general``     anything else

The rules are ordered: a question such as 「没配安全员要罚多少钱？」 is a penalty question even though it
also says 多少. They were written from the question shapes the issue lists and checked against the
``style`` tags of the law gold set's dev split (``python scripts/check_intent.py`` prints the agreement
on dev and test); they are patterns over the question's own words, not a fitted model.
"""

from __future__ import annotations

import re

# A question about the document itself — who issued it, when, its number, what it was made on the basis of: its
# 前言 or its 落款 holds the answer (「九江方案是依据哪些上级方案制定的？」).
ABOUT_THE_DOCUMENT = re.compile(
    r"文号|落款|印发|发文|成文|签发|发布(?:日期|时间|单位|机关)|哪(?:天|年|个部门)(?:发|出台|下发)"
    r"|(?:依据|根据)(?:哪些|什么|哪个|哪份|哪几个)[^，,。？?]{0,10}(?:制定|出台|编制)"
)


INTENTS = (
    "penalty",
    "permission",
    "duty",
    "frequency",
    "deadline",
    "definition",
    "who",
    "procedure",
    "number",
    "general",
)

# A question about criminal liability (坐牢, 判几年, 刑事责任, 构成犯罪): the 刑法 article answers it, not the
# statute's 「构成犯罪的，依照刑法有关规定追究刑事责任」.
ASKS_CRIMINAL = re.compile(
    r"坐牢|判刑|判几年|判多[久重少]|判得|刑事责任|构成犯罪|犯罪|有期徒刑|追刑|刑罚|蹲监狱|会不会判|判不判|犯法"
)
# A person's criminal record, told as the situation (「以前因为犯罪被判过刑，用他行不行？」): it asks whether he may
# work, not what the crime costs, so 刑法 is not put first for it (dev paraphrase P316; the ranker alone still ranks
# 刑法 第一百条 first on its words).
_CRIMINAL_RECORD = re.compile(
    r"(?:因为?|曾经?|以前|过去|之前)[^，,。？?]{0,4}?犯(?:过)?罪|犯过(?:罪|法)|被?判过(?:刑)?|坐过牢|受过刑事处罚|前科"
)


def asks_criminal(normalized: str) -> bool:
    """The question asks about criminal liability (坐牢, 判几年, 构成犯罪 …), not only tells of a record."""
    return bool(ASKS_CRIMINAL.search(_CRIMINAL_RECORD.sub("", normalized)))


# The question particle: 吗, or a 么 that is one (「孕妇能下井么？」), not the 么 of 什么, 怎么, 这么, 那么 or 多么 — 「上岗得考
# 什么证，找谁考？」 asks who examines, not whether one must (stop 45).
_PARTICLE = "(?:吗|(?<![什怎这那多])么)"


def _particles(pattern: str) -> str:
    """``pattern`` with each 「[吗么]」 read as the question particle (``_PARTICLE``)."""
    return pattern.replace("[吗么]", _PARTICLE)


_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "penalty",
        re.compile(
            r"罚|处分|什么责任|啥责任|哪些责任|法律责任|承担.{0,6}责任|追究|判刑|判几年|坐牢|拘役|有期徒刑|"
            r"刑事|拘留|吊销|怎么处理|如何处理|怎么处置|怎样处理|咋处理|咋办理|什么后果|啥后果|会怎样|会怎么样|"
            r"违法吗|犯法|犯罪|构成.{0,4}罪|怎么判|如何判|担什么责|负什么责|担啥责"
        ),
    ),
    (
        "frequency",
        re.compile(
            r"多久.{0,6}一[次回]|多长时间.{0,6}一[次回]|几年一次|几个月一次|每.{0,4}几[次回]|一年几[次回]|多少[次回]|频次|几[次回]"
        ),
    ),
    (
        "deadline",
        re.compile(
            r"多久|多长时间|几天|多少天|几日|多少日|几个工作日|几个月|几小时内|多少小时内|几年|多少年|什么时候|"
            r"啥时候|何时|期限|时限|最迟|最晚|截止|之前要|前要|以前要|有效期"
        ),
    ),
    (
        "permission",
        re.compile(
            _particles(
                r"能不能|能否|可不可以|可否|准不准|准许|允许|让不让|行不行|许不许|可以.{0,12}[吗么]|能.{0,12}[吗么]|"
                r"是否可以|是否能|得不得|合法吗|合不合法|有效吗|有没有权|有权.{0,10}[吗么]"
            )
        ),
    ),
    (
        "procedure",
        re.compile(
            r"程序|流程|手续|步骤|报告给|报给谁|报告谁|跟谁报告|向谁报告|向谁|上报给|去哪|哪里做|哪些内容"
        ),
    ),
    (
        "duty",
        re.compile(
            _particles(
                r"要不要|必须|是否(?:需要|应当|要|必须)|需不需要|需要.{0,12}[吗么]|应不应该|应不应当|该不该|"
                r"有没有.{0,6}(?:义务|要求)|是不是(?:要|得|必须)|要.{0,10}[吗么]|得.{0,8}[吗么]|应当.{0,10}[吗么]|"
                r"有什么要求|有哪些要求|什么要求|哪些义务|什么义务|职责|应该做|哪些.{0,4}责任|重点防范"
            )
        ),
    ),
    (
        "definition",
        re.compile(
            _particles(
                r"算.{0,10}[吗么]|算.{0,12}还是|属于.{0,12}还是|算哪[个一种类级]|界定|才叫|叫做|啥叫|什么叫|是.{0,8}(?:事故|隐患)[吗么]|含不含|什么是|是什么意思|啥意思|指什么|指的是|是指|含义|定义|包括哪些|包含哪些|算不算|属不属于|属于.{0,8}[吗么]"
            )
        ),
    ),
    (
        "who",
        re.compile(
            r"谁|哪个部门|哪些部门|哪一级|哪级|什么部门|啥部门|哪个单位|哪些单位|什么单位|哪个机关|由哪"
        ),
    ),
    ("procedure", re.compile(r"怎么办|怎么做|怎么搞|如何|上报|怎样|怎么报|咋办|咋弄")),
    (
        "number",
        re.compile(
            r"多少|几个小时|几小时|几个|几名|几人|几米|几度|几吨|比例|百分之几|几成|上限|下限|不低于|不超过"
        ),
    ),
)


def classify_intent(question: str) -> str:
    """The intent of ``question`` (one of ``INTENTS``); the first rule that matches wins, except that a
    penalty word that only describes someone before the question asks whether something may be done
    (「以前因为犯罪被判过刑，用他行不行？」「有刑事犯罪记录的人员是否可以从事……」) makes it a permission question:
    what is asked is the permission, not a sanction."""
    for intent, pattern in _RULES:
        if pattern.search(question):
            if intent == "penalty" and _permission_after_penalty_words(question, pattern):
                return "permission"
            return intent
    return "general"


def _permission_after_penalty_words(question: str, penalty: re.Pattern[str]) -> bool:
    """The question's last permission ask comes after every penalty word in it (「……能判刑吗？」 asks a
    sanction: its penalty word is inside the ask)."""
    text = question.strip()
    last = re.split(r"[？?！!]\s*(?=\S)", text)[-1]
    if penalty.search(text[: len(text) - len(last)]):
        return False  # an earlier question asks the sanction (「……要罚多少钱？以后还能干这行吗？」)
    asks = list(_PERMISSION_ASK.finditer(last))
    if not asks:
        return False
    start = asks[-1].start()
    return all(m.end() <= start for m in penalty.finditer(last))


_PERMISSION_ASK = next(pattern for intent, pattern in _RULES if intent == "permission")


# An asked-for unit → how statutes write it. Laws write 万元 and 日 where people ask 多少钱 and 多少天.
WRITTEN_UNITS: dict[str, tuple[str, ...]] = {
    "钱": ("元", "万元"),
    "元": ("元", "万元"),
    "万元": ("元", "万元"),
    "块": ("元", "万元"),
    "天": ("日", "天"),
    "日": ("日", "天"),
    "年": ("年",),
    "岁": ("周岁", "岁"),
    "周岁": ("周岁", "岁"),
    "小时": ("小时", "h"),
    "分钟": ("分钟", "min"),
    "学时": ("学时", "小时"),  # older statutes give training time in 小时 (矿山安全法实施条例 第三十五条)
    "米": ("米", "m"),
    "度": ("度", "℃", "°"),
    "人": ("人",),
    "吨": ("吨", "t"),
    "个月": ("个月", "月"),
    "月": ("个月", "月"),
    "比例": ("%", "％", "百分之"),
    "分": ("分",),
}

_ASKED_UNIT = re.compile(
    r"(?:多少|几)个?(学时|小时|分钟|个月|周岁|万元|米|度|分|人|钱|块|元|吨|天|日|年|月|岁|比例)"
)
_MONEY_QUESTION = re.compile(r"罚多少|罚款多少|罚几|罚金多少")


def asked_units(question: str) -> tuple[str, ...]:
    """The units the question asks a quantity in, as asked (多少钱 → 钱; 罚多少 → 钱), in order."""
    found = [m.group(1) for m in _ASKED_UNIT.finditer(question)]
    if _MONEY_QUESTION.search(question) and not any(u in ("钱", "元", "万元", "块") for u in found):
        found.append("钱")
    return tuple(dict.fromkeys(found))


def written_forms(unit: str) -> tuple[str, ...]:
    """How a statute writes an asked unit (钱 → 元, 万元; 天 → 日, 天); an unknown unit as itself."""
    return WRITTEN_UNITS.get(unit, (unit,))
