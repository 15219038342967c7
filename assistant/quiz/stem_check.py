"""Is a question's stem a sentence a trainee can read? ``stem_problems`` names what is wrong.

A stem cut out of a longer sentence often loses its start: 「并组织专业技术人员每月开展____…」,
「以及开发区、工业园区……」, 「是指易燃易爆物品……」, 「检测、检查、检验结果负责」. These rules catch such cuts:
- no opening conjunction or particle (并、以及、及、和、或、其中、同时、是指、而、且、则、即、等);
- an opening phrase such as 「结合……」「按照……」 is followed by a main clause, and a stem is not just
  「对……的X」;
- a 判断题 or 填空题 has a verb of duty or action (not a bare noun phrase) and does not end in 「……的」;
- a 判断题 statement is a whole sentence from its start, not a list of nouns;
- brackets and quotation marks are balanced;
- a statement does not start with a bare list of nouns followed by its verb (the subject was cut off);
- the source sentence is not cut right after a frame or time adverbial (「按照……，」「……1年内，」): its main
  clause would be missing, nor in the middle of a run of parallel 「……的X，」 phrases.
"""

from __future__ import annotations

import re

from assistant.content.facts import STOCK_SETS
from assistant.content.templates import BLANK, ends_in_adverbial, mid_enumeration, to_phrase_without_act
from assistant.quiz.model import Question
from assistant.schema import STATUTE_LEVELS
from assistant.text.labels import without_label

_OPENERS = re.compile(r"^(?:并且|并|以及|及|和|或者|或|其中|同时|是指|而且|而|且|则|即|等|但|对其|由其|其)")
_FRAMES = re.compile(r"^(?:结合|按照|根据|围绕|对照|依照|通过|为了|为)")
_VERBS = re.compile(
    r"应当|必须|不得|严禁|禁止|要|须|可以|实现|确保|开展|建立|组织|落实|执行|实行|推动|推进|加强|完善|提出|形成|"
    r"配备|取得|责令|处|督促|不再|负责|设立|制定|报告|保障|进行|做好|具有|包括|属于|规定|依法|接受|参加|有"
)


def _head(text: str) -> str:
    """The first characters of a sentence, without its label, item number and numbers (a changed number
    at the start of a 判断题 must not count as another start)."""
    text = without_label(text.strip())
    return re.sub(r"[\d.%一二三四五六七八九十百千万两半]+", "", text)[:3]


_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"), ("「", "」"))


_SANCTION = re.compile(r"罚款|给予[^，,；;。]{0,12}处分|追究|吊销|责令|没收|有期徒刑|拘役|警告")


# What gives a cut statute stem its party back: a modal or an assignment of duty. (A plan's or a notice's
# tasks are addressed to its readers: 「有计划、有步骤、____地做好制修订工作」 needs no subject.)
_MODAL = re.compile(
    r"应当|必须|不得|严禁|禁止|可以|由|负责(?!人)|实行|有权"
)  # 「负责人」 is a person, not 负责


def _open_condition(question: Question) -> bool:
    """A 「如果……」 condition in a stem cut before its sentence's end: its consequence is missing."""
    template = question.template.rstrip("，,。；;")
    if not re.search(r"如果|假如|若", template) or not question.quote:
        return False
    tail = template.rsplit(BLANK, 1)[-1]
    quote = re.sub(r"\s", "", question.quote).rstrip("。；;")
    at = quote.find(tail) if tail else -1
    return at >= 0 and at + len(tail) < len(quote)


def _condition_cut(question: Question) -> bool:
    """The stem starts after a condition that points at another paragraph (前款, 前条 …), which it drops."""
    at = _start_in_quote(question)
    before = re.sub(r"\s", "", question.quote)[:at] if at > 0 else ""
    return _starts_mid_sentence(question) and bool(
        re.search(r"前款|前条|前两款|第[一二三四五六七八九十]+款", before)
    )


# Who can be the subject of a statute's condition: a wording of ``subjects.txt`` or a noun that names a
# party (「……单位」「……人员」「职工」「公民」 …).
_PARTY = re.compile(
    r"单位|人员|部门|机构|机关|政府|委员会|企业|职工|工人|劳动者|公民|法人|组织|个人|近亲属|亲属|负责人|矿长|"
    r"经营者|从业者|所有人|承包|投资人|矿山|煤矿|队伍|当事人|分子|被告人|医疗机构|者$|人(?!民)"
)
# A statute's sentence does not open on an action: 「调集应急救援所需物资……」 is item (二) of 「县级以上地方人民
# 政府……采取下列措施」, cut from whoever acts. (A plan's tasks open so, addressed to its readers.)
_ACTION_START = re.compile(
    r"^(?:迅速|立即|及时|尽快)?(?:调集|调动|责令|采取|落实|加强|做好|确保|推动|督促|配备|实行|转移|疏散|启用|储备|划定|封锁|查封|扣押|要求|"
    r"查阅|复制|进入|组织|依法从严|从严|依法查处|依法惩处|制止|纠正|检查|排查|拟订|制定|建立健全|进行现场)"
)
# A statement that is only a noun phrase: an item of 「下列……」 (「……等方式进行审定的事项。」「……有安全生产不良记录的
# 生产经营单位。」) read as true or false says nothing.
_NOUN_ONLY = re.compile(r"的[^，,；;。的]{1,10}。$")
_ANY_PREDICATE = re.compile(
    r"应当|必须|不得|可以|严禁|禁止|须|方可|是|属于|包括|有权|予以|不予|(?<!行)为(?!主)"
    r"|处(?!罚|置|理|分)|责令|给予|追究|没收|吊销"
)
# Nouns that need a possessor: 「标准为：……」 says nothing until one knows whose standard it is.
_RELATIONAL = re.compile(r"^(?:标准|比例|期限|数额|金额|范围|时间|费用|待遇)(?:为|是)")


# A body named by its relation to one the sentence before named: 「上级机关应当在接到申请之日起三十日内作出答复」 —
# whose 上级, and what 申请 (对处罚不服申请复议), are off-stage.
_RELATIVE_BODY = re.compile(
    r"^(?:上级|上一级|原|作出决定的|作出处理的)[^，,。]{0,6}(?:机关|部门|单位|人民政府)"
)
# A figure asked from 「至少每（ ）进行一次……」: who must do it is cut (a plan's task list is read as tasks).
_FIGURE_FIRST = re.compile(r"^(?:至少|最少|每|不少于|不超过|不得少于|不得超过)")


# A result or a report with no owner: 「考核结果应当向社会公开」 — whose assessment is the sentence before.
_OWNED_RESULT = re.compile(
    r"^(?:考核|评估|检查|调查|鉴定|监测|检验|审查|评价|约谈整改|整改|处理)?(?:结果|情况|意见|报告|数据|名单)"
    r"(?:应当|可以|必须|不得|由)"
)


# A record or a document with no owner: 「记录保存期限不得少于三年」 — which 记录 (安全生产教育和培训记录) the sentences
# before say. (「出厂记录保存期限……」 names its record and is read.)
_BARE_RECORD = re.compile(
    r"^(记录|档案|台账|资料|材料|凭证|原件|复印件)(?:的)?(?:保存期限|保存时间|保存记录|保管期限|期限|内容)?"
    r"(?:应当|可以|必须|不得|由|须)"
)
# A place named by the activity it is for (「施工现场」「作业场所」) that a party's act is aimed at: where the clause's
# sentences before describe the activity (施工 in 「……施工安全规范」) without the place's name, the place is that
# activity's, not any one: 「铁路运输企业应当派员对施工现场实行安全监督」 is about the works in the railway's
# protection zone. (A place that opens a statement is a general one: 「作业场所中有毒有害物质……必须符合国家标准」.)
_BARE_PLACE = re.compile(r"(?:对|向|到|进入|进驻)([\u4e00-\u9fff]{2})(现场|场所|区域|工地|地点)")


# A party named only as 「有关人员」「相关人员」 opening a stem: where the clause's sentences before name persons (「事故现场
# 有关人员应当立即向……运行值班人员……或者本企业现场负责人报告。有关人员接到报告后，……」), they are those persons, and
# whose report they received is that sentence. (「该人员」「上述人员」「其」 are refused wherever they stand.)
_BARE_PARTY = re.compile(r"^((?:各)?(?:有关|相关|前述)(?:工作)?(?:人员|单位|部门))(?!的)")
# A report, notice or complaint received with no word of what it is: 「……机构接到报告后，应当进行登记」 — the report
# of 「可能与地震有关的异常现象」 that the sentence before describes (「自收到通知之日起一个月内予以公告」: which notice,
# announcing what).
_BARE_RECEIVED = re.compile(
    r"(?:接到|收到|接获)(\w{0,2}?(?:报告|通知|举报|投诉|申请|意见))(?:后|之后|以后|时|之日)"
)
# A plan with no owner: 「预警方案的制定可以不听取……意见」 — whose plan (当地人民政府公布的水库、水闸放水预警方案) the
# sentence before says.
_BARE_PLAN = re.compile(r"^(\w{2}(?:方案|预案|计划))(?:的\w{2,4})?(?:应当|可以|必须|不得|由|须)")
_PERSONS = re.compile(r"人员|负责人|职工|从业者|工作者")
# What the sentence before sets up, and a stem that then names it as 「对……，」: those markers, not any.
_SET_UP = re.compile(r"(?:设置|埋设|设立|安装|修建|配备)([^，,；;。]{2,16})")
_AND = r"和|或者|或|、|及"


def _set_up_in(text: str) -> set[str]:
    """Each thing ``text`` says is set up (「设置界桩或地面标志」: 界桩, 地面标志); a system set up (「建立……制度」) is
    not a thing a later stem names."""
    return {item for m in _SET_UP.finditer(text) for item in re.split(_AND, m.group(1))}


# Things named only by a test they failed: 「不合格的产品不得出厂和销售」 after a sentence listing which products
# (辐射防护器材、含放射性同位素的设备……以及含有放射性物质的产品) must meet the standard.
_UNFIT = re.compile(r"^(?:经检验)?不?合格的(\w{2,4}?)(?=[，,]|不得|应当|必须|由|可以|禁止)")
# A contract named by its transaction only: 「抵押合同变更、解除、终止的，……」 — the mortgage of what (采矿权) is the
# article before's subject; read alone it is every mortgage contract.
_BARE_CONTRACT = re.compile(r"^(?:抵押|转让|租赁|承包|出租|委托|买卖|出让)(?:合同|协议)")
# A paper named by who handed it in: 「对当事人提供的证明的合法性……应当认真核实」 — the proof the sentence before asks
# for (「扣留车辆直至当事人提供相应的证明」); read alone it is any proof of anything.
_HAND_IN = r"(?:提供|提交|出具)"
_PROVIDED = re.compile(_HAND_IN + r"的(证明|材料|资料|文件|证件|手续|凭证|说明)")
# A period named only by its kind: 「在保留期内，……不得再受理……」 — whose reservation, and how long (二年, 一年), the
# sentence before says.
_BARE_PERIOD = re.compile(r"^(?:在|于)?(\w{1,4}期)(?:内|间|限内|届满|满)")
_TENURES = ("任期", "任职期")
# A duty on things received, with no one who received them: 「对接收的礼品必须……交出」
_RECEIVED_BY_NOBODY = re.compile(r"^对(?:接收|收受|收到)的[^，,。；;]{1,8}(?:必须|应当)")


def _before_in_clause(question: Question, clause_text: str) -> str:
    """What the clause says before the stem's sentence (whitespace and label removed; ``""`` when the sentence
    opens the clause or is not found)."""
    if not clause_text or not question.quote:
        return ""
    body = re.sub(r"\s", "", without_label(clause_text))
    # a stem given its context (assistant/quiz/context.py) opens with the context
    quote = re.sub(r"\s", "", without_label(question.context or question.quote))
    at = body.find(quote)  # the whole sentence first: its first words may open an earlier sentence too
    if at < 0 and len(quote) >= 12:
        at = body.find(quote[:12])
    return body[:at] if at > 0 else ""


def _defined_before(question: Question, stem: str, clause_text: str) -> str:
    """The bare noun of the stem that only an earlier sentence of its clause defines (``""`` when none): a party
    named only as 「有关人员」 after a sentence naming persons (``_BARE_PARTY``), a report received
    (「接到报告后」) that the sentence before describes (``_BARE_RECEIVED``), a record
    with no owner (「记录保存期限……」 after 「……培训记录由……签名。」), things named by a test they failed
    (「不合格的产品……」 after the sentence listing them), things the sentence before sets up (「对界桩和地面标志，……」
    after 「……设置界桩或地面标志」), or a place named by an activity the
    sentence before described without naming the place (「……对施工现场实行安全监督」 after 「……施工安全规范……」).
    A paper named by who handed it in (「当事人提供的证明」 after 「……直至当事人提供相应的证明」) and a period named by its
    kind (「在保留期内」 after 「……的保留期为二年」) are the ones the sentence before sets. A stem that carries its
    referent passes: a place the earlier sentences name as such (建设工程's 「施工现场」
    throughout) is the document's term, not a pointer back."""
    before = _before_in_clause(question, clause_text)
    if not before:
        return ""
    party = _BARE_PARTY.match(stem)
    # persons for 「有关人员」; for 「各有关单位」 any party the sentences before name (「国务院有关部门、军队、地方各级
    # 人民政府和核电厂在核事故应急准备工作中……。各有关单位应当提供支援。」: support for that work)
    if party and (_PERSONS if party.group(1).endswith("人员") else _PARTY).search(before):
        return party.group(1)
    record = _BARE_RECORD.match(stem)
    if record and record.group(1) in before:
        return record.group(1)
    plan = _BARE_PLAN.match(stem)
    if plan and re.search(r"[\u4e00-\u9fff]" + re.escape(plan.group(1)), before):
        return plan.group(1)  # the sentence before qualifies the plan it names
    placed = re.match(r"^对([^，,；;。]{2,12})[，,]", stem)
    # 「对界桩和地面标志，任何人不得……」: the markers the sentence before has set up
    if placed and set(re.split(_AND, placed.group(1))) & _set_up_in(before):
        return placed.group(1)
    unfit = _UNFIT.match(stem)
    if unfit and unfit.group(1) in before:
        return unfit.group()  # 「不合格的产品不得出厂」: the products are those the sentence before lists
    provided = _PROVIDED.search(re.split(r"[，,。；;]", stem)[0])
    if provided and re.search(_HAND_IN + r"[^，,。；;]{0,6}" + provided.group(1), before):
        return provided.group()  # 「当事人提供的证明」: the proof the sentence before asks for
    period = _BARE_PERIOD.match(stem)
    if period and (period.group(1) in before or (before and period.group(1) in _TENURES)):
        # 「在保留期内」: the period the sentence before sets; 「任职期内」: whose term, the sentence before names
        # (「村民委员会成员和行使财务审批权的人员应当接受任期……审计」, round 106, H9505)
        return period.group(1)
    received = _BARE_RECEIVED.search(re.split(r"[。；;]", stem)[0])
    if received and received.group(1) in before:
        return received.group(1)
    for m in _BARE_PLACE.finditer(stem):
        what, place = m.group(1), m.group(1) + m.group(2)
        if what in before and place not in before and what not in stem[: m.start(1)]:
            return place
    return ""


def names_party(text: str) -> bool:
    """Whether ``text`` names someone a rule can bind: a wording of ``subjects.txt`` or a party noun (``_PARTY``)."""
    from assistant.ingest.subjects import find_subjects

    return bool(find_subjects(text) or _PARTY.search(text))


# What makes a stem a rule and not a bare situation: a modal, a sanction or a copula.
_RULE_WORDS = r"应当|必须|不得|可以|严禁|处以|并处|处[一二三四五六七八九十\d（□]|责令|是"


def _ownerless_condition(stem: str) -> bool:
    """A statute stem that opens on a short 「……的，」 condition naming no party: 「生活有困难的，可以预支……」
    and 「伤情严重的，……」 continue a sentence about someone named before (下落不明职工的供养亲属)."""
    if re.match(r"^[^，,；;。]{2,6}或者[^，,；;。]{2,6}[，,]", stem) and not names_party(stem.split("，")[0]):
        return True  # 「伤情严重或者情况特殊，……可以适当延长」: whose injury, what is extended, are before
    m = re.match(r"^([^，,；;。：:]{2,8}?)的[，,]", stem)
    if not m or re.match(r"^对", m.group(1)):
        return False  # a long condition states conduct (刑法: 「……的，处……」 binds whoever does it)
    return not names_party(m.group(1))


def _duty_of_nobody(stem: str) -> bool:
    """A duty after a condition that names no party: 「未按照要求提交相关资料的，应当说明正当理由」 — who must
    explain is in the sentence before. (A prohibition after such a condition binds anyone: 「未取得许可证的，
    不得从事生产」 is read.)"""
    m = re.match(r"^([^，,；;。：:]{2,30}?)的[，,](?:应当|必须|可以不|可以没有)", stem)  # turned as asked
    # 「对于被胁迫参加犯罪的，应当……减轻处罚」 tells the court how to sentence whoever it names
    if m is None or m.group(1).startswith("对"):
        return False
    # 「不列入常务委员会会议议程的，应当向……报告」: a party after 不/未 is what is acted on, not who did it (round 96,
    # H7977: which bill is not put on the agenda, and who reports, are before)
    # 「举报、投诉事项属于其他部门职责范围的，应当……转办」: the 部门 is whose remit the matter falls in, not who acts
    # (round 107, H9847; H2437, H2752 read bad before)
    condition = _REMIT.sub("", m.group(1))
    return bool(re.match(r"^(?:不|未)", condition)) or not names_party(condition)


# Whose remit a matter falls in: 「属于其他部门职责范围」「不属于本机关管辖」
_REMIT = re.compile(r"(?:不)?属于[^，,。]{0,14}?(?:职责|管辖)(?:范围)?(?:内)?")


def _fined_nobody(stem: str) -> bool:
    """A fine whose condition names no party: 「使用不符合国家安全标准……的，处以……罚款」 is item (二) of a
    list whose lead-in says who is fined. (刑法's 「……的，处……有期徒刑，并处罚金」 binds whoever does it.)"""
    m = re.match(r"^([^，,；;。]*?)的[，,](?:处以|处|并处)[^。]*罚款", stem)
    return m is not None and not names_party(m.group(1))


def _circumstance_only(stem: str) -> bool:
    """「遇有大型群众性活动……等情况，……，应当提前向社会公告」 and 「施工现场监测数据异常或者达到报警值时，应当及时提出
    处理意见」: a circumstance, then the duty, and nobody who bears it."""
    m = re.match(r"^遇有[^。]*?[，,](?:应当|必须|不得|可以|严禁)", stem) or re.match(
        r"^[^，,；;。]{2,30}时[，,](?:应当|必须|可以不|可以没有)", stem
    )
    return m is not None and not names_party(m.group())


# A person of a unit named by role alone: 「……时，主要负责人和高级管理人员应当现场带班」 — of which units (危险化学品
# 的生产、储存单位) the sentence before says.
_BARE_ROLE = re.compile(
    r"(?:^|[，,])((?:主要负责人|高级管理人员|负责人|实际控制人)(?:(?:和|、|及)(?:主要负责人|高级管理人员|负责人))?)"
    r"(?:应当|必须|不得|可以|须)"
)


def _role_of_a_unit_before(question: Question, stem: str, clause_text: str) -> str:
    """The role (主要负责人 …) a stem names with no unit, where the clause's sentences before name the unit."""
    m = _BARE_ROLE.search(stem)
    if m is None or names_party(stem[: m.start(1)]):
        return ""
    before = _before_in_clause(question, clause_text)
    return m.group(1) if re.search(r"单位|企业|经营者|机构", before) else ""


def _half_condition(question: Question, stem: str) -> bool:
    """A stem with no modal cut where its source goes on to close a condition: 「外国人……在中华人民共和国领域内
    有违法行为」 + 「，应当给予行政处罚的，适用本法」."""
    if re.search(_RULE_WORDS + "|禁止", stem) or not question.quote:
        return False
    quote = re.sub(r"\s", "", question.quote)
    tail = re.sub(r"\s", "", question.template.rsplit(BLANK, 1)[-1]).rstrip("，,。")
    if len(tail) < 4:  # 「……滞纳金超过____，」: find the stem's end by what leads to the blank and the key
        head = re.sub(r"\s", "", question.template.rsplit(BLANK, 1)[0])[-6:]
        tail = head + _answer_text(question) + tail
    at = quote.find(tail) if len(tail) >= 4 else -1
    # a 判断题 with its figure changed is not in the quote: its last words are (「……的行为在1年内未被……发现」)
    rest = quote[at + len(tail) :] if at >= 0 else _rest_of_sentence(question)
    return bool(rest) and bool(re.match(r"^[，,][^。；;]{0,30}?的[，,]", rest or ""))


def _act_cut(question: Question, stem: str) -> bool:
    """A stem with no modal that stops where its source goes on to the rule: 「二十日内不能作出决定的，经本行政机关
    负责人批准」 + 「，可以延长十日」 — the condition and the approval are there, what they allow is cut."""
    if re.search(_RULE_WORDS + "|禁止|方可", stem) or not question.quote:
        return False
    quote = re.sub(r"\s", "", question.quote)
    body = re.sub(r"\s", "", question.template).rstrip("。；;，,")
    tail = body.rpartition(BLANK)[2] if BLANK in body else ""
    probe = tail if len(tail) >= 4 else body[-6:]  # a figure changed there only makes it miss
    at = quote.find(probe) if BLANK not in probe and len(probe) >= 4 else -1
    if at < 0:
        return False
    return bool(re.match(r"^[，,](?:并|还)?(?:可以|应当|必须|不得|方可|由)", quote[at + len(probe) :]))


def _rest_of_sentence(question: Question) -> str | None:
    """What the source sentence says after the stem's end (``None`` when the end is not found: a figure changed
    there only makes it miss)."""
    quote = re.sub(r"\s", "", question.quote)
    body = re.sub(r"\s", "", question.template).rstrip("。；;，,")
    tail = body.rpartition(BLANK)[2] if BLANK in body else ""
    if (
        BLANK in body and len(tail) < 4
    ):  # 「……实际执行____以上」: the stem ends by the blank, filled with its key
        tail = body.replace(BLANK, _answer_text(question), 1)[-6:]
    probe = tail if len(tail) >= 4 else body[-6:]
    at = quote.find(probe) if BLANK not in probe and len(probe) >= 4 else -1
    return quote[at + len(probe) :] if at >= 0 else None


def _rule_cut_after(question: Question, stem: str) -> bool:
    """A statute stem with no rule word that stops where its sentence goes on to the rule: 「被判处无期徒刑的犯罪
    分子，实际执行十三年以上」 + 「，如果……没有再犯罪的危险的，可以假释」 — the figure is a condition of what is cut."""
    if re.search(_RULE_WORDS + "|禁止|方可|予以|给予", stem) or not question.quote:
        return False
    rest = _rest_of_sentence(question)
    if not rest:
        return False
    return bool(re.search(_RULE_WORDS + "|禁止|方可", re.split(r"[。；;]", rest)[0]))


# A verb whose object is followed by what it must be: 「应当保证作业场所的……安全设施，符合国家相关防燃爆标准要求」 —
# cut before the comma, the duty says only which 设施, not what about them.
_ENSURE = re.compile(r"(?:应当|必须|要|须)(?:[^，,。；;]{0,8})?(?:保证|确保|保障|使)")
_COMPLEMENT = re.compile(
    r"^[，,](?:并|均|都)?(?:符合|达到|满足|具备|处于|保持|不低于|不高于|不超过|不少于|能够|正常|完好|有效|齐全|畅通)"
)


def _complement_cut(question: Question, stem: str) -> bool:
    """A stem of 「应当保证/确保……」 that stops where its sentence goes on to say what the object must be."""
    if not question.quote or not _ENSURE.search(stem):
        return False
    rest = _rest_of_sentence(question)
    return bool(rest) and bool(_COMPLEMENT.match(rest or ""))


def _exception_cut(question: Question) -> bool:
    """A 判断题 cut before its sentence's exception: 「……再犯应当判处有期徒刑以上刑罚之罪的，是累犯」 without
    「但是过失犯罪和不满十八周岁的人犯罪的除外」 says more than the law, so 对 is arguable."""
    if question.type != "judge" or not question.quote:
        return False
    rest = _rest_of_sentence(question)
    if not rest:
        return False
    return bool(re.search(r"除外|不在此限|不适用", re.split(r"[。；;]", rest)[0]))


def _answer_text(question: Question) -> str:
    """What the blank or the single choice's bracket stands for (empty for other types)."""
    if question.type == "blank":
        return question.answer
    if question.type == "single" and len(question.answer) == 1 and question.answer in "ABCDEF":
        i = "ABCDEF".index(question.answer)
        return question.options[i] if i < len(question.options) else ""
    return ""


def _start_in_quote(question: Question) -> int:
    """Where the stem's text starts in its source sentence (whitespace removed), -1 when not found."""
    quote = re.sub(r"\s", "", question.quote)
    head, blank, tail = question.template.partition(BLANK)
    if len(head[:8]) >= 4:
        return quote.find(head[:8])
    if blank and len(tail[:6]) >= 4:  # 「以每人____以上……」: a short head, found with what follows the blank
        m = re.search(re.escape(head) + r".{1,12}?" + re.escape(tail[:6]), quote)
        return m.start() if m else -1
    return -1


def starts_its_sentence(question: Question) -> bool:
    """Whether the stem's text starts where its source sentence does."""
    return _start_in_quote(question) == 0


def _condition_left_before(question: Question) -> bool:
    """「情况紧急，需要当场实施行政强制措施的，行政执法人员应当在二十四小时内……报告」 asked from 「行政执法人员」 on:
    the rule holds only in the situation the sentence opened with."""
    at = _start_in_quote(question)
    return at > 0 and bool(re.search(r"的[，,]$", re.sub(r"\s", "", question.quote)[:at]))


def _starts_mid_sentence(question: Question) -> bool:
    """Whether the stem's text starts after a comma inside its source sentence (「……单位，应当……配备」
    asked from 「配备」 on)."""
    at = _start_in_quote(question)
    return at > 0 and re.sub(r"\s", "", question.quote)[at - 1] in "，,、"


def _sanction_problems(question: Question, stem: str) -> list[str]:
    """A rule with a sanction is asked whole: whom it binds, for what conduct, and what follows. A stem
    that shows a 罚则's conduct without its sanction reads as an accusation, one that shows a sanction
    without its conduct (「有下列行为之一的」 off-stage) says nothing about what is punished."""
    quote = re.sub(r"\s", "", question.quote)
    out = []
    # 「数额较大、隐瞒不报的，处……」: whose 数额 (境外的存款) is in the sentence before
    if re.match(
        r"^(?:情节(?:特别|较为|较)?严重|逾期[^，,；;。]{0,8}|数额(?:特别)?(?:较大|巨大)[^，,；;。]{0,8})的[，,]",
        stem,
    ):
        out.append("以「情节严重的/逾期……的/数额较大……的」开头：谁的什么违法行为被截掉了")
    elif re.match(r"^对[^，,；;。]{1,40}[，,]?(?:处|给予)", stem):
        out.append("只说对谁处罚，不说因何受罚：违法情形被截掉了")
    elif re.match(
        r"^(?:发生|未|有|违反|拒绝|不)[^，,；;。]*(?:的|事故)[，,](?:处|给予|责令|没收|吊销)", stem
    ):
        out.append("条件里没有主语、后面直接是处罚：谁受罚看不出来（引语被截掉了）")
    elif re.match(r"^[^处罚]*[，,]并处", stem):
        out.append("「并处」前面的主罚被截掉了：谁受罚、主罚是什么看不出来")
    elif re.search(r"下列[^，,；;。]{0,6}之一", quote):
        out.append("原句靠「有下列……之一的」引出违法情形，题干里看不到是哪些行为")
    elif re.search(r"的[；;。]?$", quote) and not _SANCTION.search(stem):
        out.append("原句是罚则所列的违法情形（以「……的」收尾），单拿出来当陈述句，缺少引语和后果")
    else:
        tail = question.template.rsplit(BLANK, 1)[-1]
        at = quote.find(tail) if tail else -1
        rest = quote[at + len(tail) :] if at >= 0 else ""
        if rest and _SANCTION.search(rest.split("；")[0]) and not _SANCTION.search(stem):
            out.append("条件后面的处罚被截掉了，只剩违法情形，读来像一句指控")
    return out


# 「核设施营运单位应当于有效期届满前五年。」: a time and no act — 提出延期申请 was cut.
# An answer that is a date or a deadline: 「2024年底前」「6月底」「3个月内」.
_A_DEADLINE = re.compile(r"(?:\d{4}年|[年月日]底|[前内后]$|^\d+(?:个月|月|日|天|年)$)")
_TIME_ONLY = re.compile(
    r"(?:应当|必须|可以)(?:于|在|自)[^，,。；;]*(?:□|[\d一二两三四五六七八九十百]+(?:年|个月|月|日|天|小时))"
    r"(?:前|后|内|以前|之前|以内)?[，,。；;]?$"  # 「应当于有效期届满（ ）前。」
)


# 「海事管理机构应当给予必要的便利。」「港口经营人和有关单位、个人应当予以协助。」: a sentence of its own whose help
# goes to whom the sentence before named; a stem with the situation in it (「……调查核实，有关部门应当予以协助」) is read.
_HELP_WITHOUT_WHOM = re.compile(
    r"^[^，,；;。为对向给与]+(?:应当|必须|可以不?|不得)(?:给予|予以|提供|协同|相互)?(?:必要的)?"
    r"(?:便利|方便|协助|配合|支持|帮助)(?:和(?:便利|方便|协助|配合|支持|帮助))?[。；;]?$"
)


# Returning what was seized is the seizing authority's act: 「当事人补办相关手续的，应当及时退还扣押的拖拉机」 —
# the 当事人 does not return it, and whoever does is named in the sentence before.
_AUTHORITY_ACT = re.compile(r"(?:应当|必须|可以)(?:及时|立即)?(?:退还|发还|返还|解除(?:查封|扣押))")
_AUTHORITY = re.compile(r"部门|机关|机构|政府|委员会|主管|执法")
# An item of a statute's list: 「（二）遵守……，接受安全检查，不得携带……」 binds whom its lead-in names
# (「参加大型群众性活动的人员应当遵守下列规定：」).
_ITEM_MARK = re.compile(r"[（(][一二三四五六七八九十]+[）)]\s*$")


def _item_without_party(question: Question, stem: str, clause_text: str) -> bool:
    """The stem is an item (（一）（二）……) of a list whose lead-in names who is bound, and it names nobody."""
    quote = question.quote.strip()
    at = clause_text.find(quote[:12]) if len(quote) >= 12 else -1
    if at < 0 or not _ITEM_MARK.search(clause_text[:at]):
        return False
    head = re.split(r"应当|必须|不得|可以|严禁|禁止|[，,；;。]", stem, maxsplit=1)[0]
    # 「对生产经营单位……进行指导和监督检查」: the party after 对/向/为 is the object, not who acts
    return bool(re.match(r"^(?:对|向|为|按照|依照|根据)", head)) or not names_party(head)


# A time a task is due by, or an event it follows, opening a stem: 「2025年底前」「6个月内」「销号后」.
_DUE_BY = re.compile(
    r"^(?:到|至|在|于)?(?:\d{4}年(?:\d{1,2}月)?(?:底|末)?|[\d一二两三四五六七八九十]+个?(?:年|月|日|天|周)内?)"
    r"(?:前|以前|之前)?"
)
_AFTER_EVENT = re.compile(r"^[^，,。；;、：:（(“”\d□]{1,6}?(?:之后|以后|后)")
# What follows such a time when nobody is named: the act itself, or a modal (「实现……全覆盖」「不再作为尾矿库进行使用」).
_ACT_START = re.compile(
    r"^[，,]?(?:(?:全面|基本|力争|率先|逐步|及时)?(?:实现|完成|建立|建成|推动|推进|开展|形成|达到|落实|健全|完善|组织|"
    r"督促|确保|取消|淘汰|关闭|整合|提升|制定|出台|编制|采取|进行|作为|用于|使用|重新|报送|报告|上报|提交|申请|办理|停止|"
    r"恢复|补办|撤销|注销)|不再|不得|严禁|禁止|应当|必须|须|要|可以|立即|一律|方可)"
)


def bare_time_start(text: str) -> bool:
    """Whether ``text`` opens on a time or an event (「2025年底前」「销号后」) and goes straight on to an act or a
    modal, naming nobody: 「2025年底前实现矿山主要安全风险监测预警全覆盖」. Read alone it does not say what is to be
    done by then, or what the event befell; a plan's sentence that opens so is a task of its own."""
    text = re.sub(r"^(?:_{2,}|（\s*）|□)", "2025年底前", text.strip())  # a blank there is the date asked
    for lead in (_DUE_BY, _AFTER_EVENT):
        m = lead.match(text)
        if m and _ACT_START.match(text[m.end() :]) and not names_party(m.group()):
            return True
    return False


def _time_without_its_start(question: Question, stem: str, clause_text: str) -> str:
    """What is wrong with a stem that opens on a bare time or event (``bare_time_start``) when its source names
    more before it: the start of its own sentence (「推动……监测预警系统基本建成并运行,2025年底前实现……全覆盖」 asked
    from 「2025年底前」), or, for an event, the sentence before (「具备销号条件的尾矿库应当……销号。销号后不再作为尾矿库
    进行使用」: whose 销号?). ``""`` when nothing is."""
    if question.type not in ("judge", "blank", "single") or not question.quote:
        return ""
    shown = stem
    if stem.startswith("□") and _answer_text(question):
        shown = _answer_text(question) + stem[1:]  # the time the blank asks for
    if not bare_time_start(shown):
        return ""
    if _start_in_quote(question) > 0:
        return "以「2025年底前」这样的时间开头、直接接动作，原句前面说的是什么被截掉了"
    if _AFTER_EVENT.match(shown) and _before_in_clause(question, clause_text):
        return "以「销号后」这样的事件开头、没有主语：「……后」说的是前一句里的谁、什么，题干里没有"
    return ""


def _stock_blank(question: Question, stem: str) -> bool:
    """A blank on a word of a stock set (``STOCK_SETS``) whose stem holds two or more of its fellows: 「改造、____、
    报废」, 「固态、半固态、____和置于容器中的气态」."""
    if question.type != "blank" or "□" not in stem:
        return False
    return any(
        question.answer in s and sum(w in stem for w in s if w != question.answer) >= 2 for s in STOCK_SETS
    )


def _twin_blank(question: Question, stem: str) -> bool:
    """A blank whose answer differs from a sibling next to it only in its last character: 「地热、____、煤改气」 is
    filled 煤改电 by anyone who reads 煤改气 (「新技术、新工艺、新设备、____」 shares one character and is read)."""
    if question.type != "blank" or len(question.answer) < 3:
        return False
    head = re.escape(question.answer[:-1])
    return bool(re.search(rf"{head}[^、，,。；;□]、□|□、{head}[^、，,。；;□]", stem))


# The modals 「还」 adds one more duty with (「还应当」), and that a stem before it would carry.
_DUTY_MODALS = "应当|必须|须|要|应"
# A stem that ends on the papers 「将……」 hands over: 「应当在（ ）内将法定的检验、检测结果和鉴定结论。」 — to whom, and
# what for (报……备案), is cut. (「将……发包给……」「将……保存5年以上」 end on their act.)
_HANDED_OVER_CUT = re.compile(
    r"将[^，,。；;将]{1,40}(?:结果|结论|资料|材料|文件|报告|记录|数据|信息|意见|情况|名单|方案|计划)[。；;]?$"
)


def _own_sentence(question: Question, stem: str) -> str:
    """``stem`` (blanks as □) without the context it was given: the stem's own sentence."""
    if not question.context:
        return stem
    from assistant.quiz.generate import full_width

    shown = re.sub(r"_{2,}|（\s*）", "□", full_width(question.context))
    return stem[len(shown) :] if stem.startswith(shown) else stem


# An act an authority does to a party named as 其: 「不受理其提出的……申请」「责令其……」 (not 其他、其中、其余).
_ACTED_ON = re.compile(r"(?:受理|责令|吊销|没收|撤销|注销|取消|收回)其(?![他中余])")


def _whose_its(stem: str) -> bool:
    """「国务院商务主管部门可以自处罚决定生效之日起（ ）内不受理其提出的……申请」: 其 is the party the authority acts on,
    and the stem names only the authority; who 其 is (the violator) is in the sentence before (round 71, H5635; H17).
    A stem that names a second party (「认证人员自……之日起2年内，认可机构不再受理其注册申请」) or opens on the case
    (「……的，责令其……」) says who."""
    from assistant.ingest.subjects import find_subjects

    m = _ACTED_ON.search(stem)
    if m is None:
        return False
    before = stem[: m.start()]
    if re.search(r"的[，,]", before):
        return False
    spans = sorted(
        [(s.start, s.end) for s in find_subjects(before)] + [p.span() for p in _PARTY.finditer(before)]
    )
    parties, end = 0, -1
    for a, b in spans:  # overlapping wordings (「国务院商务主管部门」 and its 「部门」) are one party
        parties, end = parties + (a >= end), max(end, b)
    return parties < 2


# A list's item copied with its number: 「增值税纳税地点：\n（一）固定业户……」, 「（二）纳税人销售……」 (round 71, H5730, H5731).
_COPIED_ITEM = re.compile(
    r"\n|^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)|[：:]\s*[（(][一二三四五六七八九十]+[）)]"
)


# A sentence that says what its conditions amount to: 「……的，属于……」「……的，视为……」.
_CLASSED_AS = re.compile(r"的[，,](属于|视为|是指|均属|即为)")
# An offence's amount as a stem's opening condition (「违法经营额5万元以上的，」「货值金额不足1万元的，」): the offence is named before.
_OFFENCE_AMOUNT = re.compile(
    r"^(?:违法所得|违法经营额|非法经营额|货值金额|违法收入|涉案金额)[^，,。；;]{0,20}的[，,]"
)


# A span counted from a start the stem does not say: 「60日后，」「三年内，」 (a blank there is the span asked).
_SPAN_AFTER = re.compile(
    r"^(?:[\d一二两三四五六七八九十百]+|□)个?(?:日|天|周|月|年)(?:后|以后|之后|内|以内)[，,]"
    # 「满6个月，确需继续接管的，……可以决定延长接管期限」: what has run six months is in the sentence before (round 97,
    # H8171, H8172)
    r"|^满(?:[\d一二两三四五六七八九十百]+|□)个?(?:日|天|周|月|年)[，,]"
)
# Who carries a law out: 「本办法由各级人民政府组织实施」, 「街道办事处履行……乡、镇人民政府履行的职责」.
_CARRIED_OUT_BY = re.compile(
    r"由[^，,。]{0,12}组织实施(?:[，,]|[。；;]?$)|街道办事处[^。]{0,10}履行[^。]{0,30}镇人民政府[^。]{0,10}职责"
)
# A sentence that ends on whom an act is done with: 「……会同区县（市）物业主管部门。」
_WITH_WHOM_ONLY = re.compile(r"会同[^。；;]{2,60}?(?:部门|政府|办事处|机构|委员会|单位|机关|企业)[。；;]?$")
_ACTS = re.compile(
    r"协商|确定|制定|组织|开展|划分|指导|研究|建立|编制|做好|负责|实施|监督|检查|审查|批准|办理|提出|进行|查验"
)
# Conduct named only by the numbers of the items it breaks: 「违反本条例第十八条第一项、第四项……规定的，责令限期改正」
# (round 97, H8191; round 96, H7990), 「违反本规定第十条第（三）项规定放牧的」 (round 103, H9172); 「违反第六项规定」, of which
# article unsaid (round 97, H8119).
_ITEMS_BY_NUMBER = re.compile(
    r"^[^。，,]{0,20}违反本(?:条例|法|办法|规定|细则)第[^，,。]{1,40}项[^，,。]{0,10}的[，,]|违反第[一二三四五六七八九十]+项"
    # 「有第九项、第十项行为之一，未造成严重后果的」 (round 98, H8217)
    r"|有(?:本(?:条例|法|办法|规定)?)?第[^，,。]{1,20}项[^，,。]{0,10}行为之一"
    # 「违反本条例第九条规定的，……处以五万元以上二十万元以下的罚款」: the article's number is the whole condition (round 104,
    # H9308)
    r"|违反本(?:条例|法|办法|规定|细则|实施细则)第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十]+款)?规定的[，,]"
    # 「违反本实施细则第十六条规定，没收渔获物……」: the sanction straight after the article's number (round 99, H8340)
    r"|违反本(?:条例|法|办法|规定|细则|实施细则)第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十]+款)?(?:的)?规定(?:的)?"
    r"[，,](?:由[^，,。]{0,20})?(?:没收|处|责令|给予|并处)"
)


# A sentence that ends on the persons something is done for, with nothing done: 「……免费对辖区内（ ）以上常住居民。」
_PERSONS_ONLY = re.compile(r"对[^，,。；;]{2,30}(?:居民|人员|群众|学生|职工|老年人|儿童|患者)[。；;]?$")
# A limit named as 「规定期限」 with what it limits unsaid: 「无法在规定期限内作出……」「不能按照规定期限办理的」
_LIMIT_OF_WHAT = re.compile(r"在规定(?:的)?期限内(?:作出|完成|办结|审查)|不能(?:按照|在)规定(?:的)?期限")
# A duty that ends on where to go: 「应当……到犬只准养登记服务点或者登录养犬管理信息平台。」
_PLACE_ONLY = re.compile(r"应当[^。；;]*?到[^。；;，,]{2,40}(?:点|平台|窗口|中心|大厅)[。；;]?$")
# A sentence that ends on a word that cannot end one (a conjunction, a preposition, an enumeration comma): its paragraph
# is broken where it stops. 「的」, 「对」, 「从」, 「并」 end words too (「是……的」「核对」「服从」「合并」), so they are not here.
_BROKEN_LINE = re.compile(r"[和与及或向由于把将被按、，,]$")


def stem_problems(question: Question, clause_text: str = "") -> list[str]:
    """What is wrong with the question's stem (empty when nothing). ``clause_text``, when given, is the text
    of the clause the item quotes: it shows whether the quoted sentence is an item of a list."""
    stem = re.sub(r"_{2,}|（\s*）", "□", question.stem.strip())
    # A stem given the sentences it leans on (assistant/quiz/context.py): the checks of how it opens read the whole stem,
    # the context first; the checks of what its own sentence says (a rule word, a predicate, how it ends) read that
    # sentence alone, so the context's 「应当」 cannot stand in for a rule the stem's sentence has lost.
    own = _own_sentence(question, stem)
    problems = []
    if (
        question.doc_level in STATUTE_LEVELS
        and clause_text
        and _item_without_party(question, stem, clause_text)
    ):
        problems.append("是「下列规定/下列职责」清单里的一项，清单的引语（谁应当）被截掉了，题干没有主语")
    if question.doc_level in STATUTE_LEVELS and _AUTHORITY_ACT.search(stem) and not _AUTHORITY.search(stem):
        problems.append("「应当及时退还扣押的……」是执法部门的事，题干里没有谁退还")
    if _OPENERS.match(stem):
        problems.append("以连词或助词开头，句子的前半截被截掉了")
    time_cut = _time_without_its_start(question, stem, clause_text)
    if time_cut:
        problems.append(time_cut)
    if re.match(r"^(?:必须|应当|不得|严禁|可以|有权|需要|由|按|依照)", stem) or (
        # 「负责全国防洪的组织、协调……」; but 「负责事故调查处理的国务院有关部门……」 names its subject
        stem.startswith("负责")
        and not re.match(r"^负责[^，,。]{0,20}的[^，,。、]{0,12}?(?:部门|单位|机关|政府|人员|机构)", stem)
    ):
        problems.append("以「必须/应当/可以/由/负责……」开头，主语被截掉了")
    elif (
        question.doc_level in STATUTE_LEVELS
        and _starts_mid_sentence(question)
        and not _MODAL.search(re.split(r"[，,；;]", stem)[0])
    ):
        problems.append("从原句中间截起，前面的主语被截掉了，不知道是谁「……」")
    time_first = re.match(r"^(?:在)?([^，,。；;]{2,24}(?:后|时|前|期间))[，,](?:应当|必须|不得|可以)", stem)
    if question.doc_level in STATUTE_LEVELS and time_first and not names_party(time_first.group(1)):
        # 「接到举报、投诉后，应当及时……记录」 (round 44, H2433), 「在接到……通知书后，应当……」 (H2390)
        problems.append("以「……后，应当」开头：时间之后直接是「应当」，谁应当被截掉了")
    if question.doc_level in STATUTE_LEVELS and _condition_left_before(question):
        problems.append("原句开头的条件「……的，」被截掉了：规定只在那种情形下适用，题干读来却像一概如此")
    if re.search(
        r"(?:本着|按照|依照|依据|根据)[^，,。；;]{1,40}的(?:原则|方针|要求|规定|精神)[。；;]?$", stem
    ):
        problems.append(
            "「本着……的原则」只是介词短语：原句接着才是做什么（「……，加强……工作」），谓语被截掉了"
        )
    if to_phrase_without_act(stem.rstrip("。；;")):
        problems.append("「应当对……」：对它做什么被截掉了")
    template = re.sub(r"_{2,}", "□", question.template or "")
    if any(re.search(_TIME_ONLY, t) for t in (own, template)):
        problems.append("「应当于……前（ ）」：只有时间，到时做什么被截掉了")
    elif re.search(r"[，,：:]□[。；;]?$", stem) and _A_DEADLINE.search(str(question.answer)):
        # 「严格执行《矿山隐蔽致灾因素普查规范》，____。」 (2024年底前): the task due then is cut off
        problems.append("空在句末的是一个时间：到那时要做什么被截掉了")
    if (
        re.match(r"^对[^，,；;。]*[。；;]?$", stem)
        and "的" not in stem.split("□")[0][-12:]
        and not re.search(r"处|责令|给予|没收|吊销|追究|实行|实施|进行|采取|予以|负责", stem)
    ):
        problems.append("「对……」介词短语没有说完，主句被截掉了")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^有(?!关)", stem):
        problems.append("以「有……」开头，是清单里的一项条件，谁应当具备被截掉了")
    if _condition_cut(question):
        problems.append("原句前面引用前款的条件被截掉了（「有前款规定行为的，……还应当责令其……」）")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^经[^，,；;。]{1,12}的[，,]", stem):
        problems.append("以「经检测不合格的」这样的条件开头：什么不合格在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and _ownerless_condition(stem):
        problems.append("以不含主体的「……的，」条件开头：谁「……」在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and _duty_of_nobody(stem):
        problems.append("「……的，应当……」：条件里没有主体，谁应当在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^(?:受理|接到|收到)(?:的)?(?:部门|机关|机构|单位)", stem
    ):
        # 「受理的部门必须自收到举报或者移送材料之日起（ ）内进行查处」: which department, receiving what (round 85, H7103)
        problems.append("以「受理的部门」开头：受理什么、哪个部门在前一句，题干里没有")
    if re.match(r"^(?:[甲乙丙丁戊己庚辛壬癸][、．.]|[①-⑳])", stem):
        # 「甲、有工人职员（ ）以上的……工厂、矿场及其附属单位。」: an entry of a list, with no verb (round 86, H7178);
        # 「①达到最大分辨率时的……②……」: of what device (round 87, H7363)
        problems.append("以「甲、」「①」开头，是条文所列的一项，没有说是什么的一项")
    if question.type == "judge" and (
        lead := re.search(r"(?:可以|应当|有权)[^。：:]{0,16}下列[^：:。]{0,8}[：:]", stem)
    ):
        if re.search("可以|应当|有权", stem[lead.end() :]):
            # 「……可以采取下列措施：在调查……时，经……批准，可以限制……」: a lead-in and one of its items run together
            # (round 87, H7335); 「有权采取下列措施：……可以先行登记保存」 (round 95, H7890)
            problems.append("把「可以采取下列措施：」这样的引语和其中一项拼成了一句，能愿动词说了两遍")
    if question.doc_level in STATUTE_LEVELS and _LIMIT_OF_WHAT.search(own):
        # 「因特殊原因无法在规定期限内作出审批决定的，……可以延长10个工作日」: which approval, and how long its 期限 is,
        # are in the sentence before (round 87, H7344); 「因特殊情况不能按照规定期限办理的，被征收人应当在期限届满（ ）前……」
        # (rounds 108 and 109, H9978, H10204)
        problems.append("「规定期限」是哪件事的期限、有多长，在前一句，题干里没有")
    if re.search(
        r"在[^，,。；;]{2,30}(?:(?:指导|监督|主持|组织|领导|协调)下|基础上|(?:情况|条件|前提)下)[。；;]?$",
        own,
    ):
        # 「……原业主委员会应当在街道办事处、乡镇人民政府的指导和监督下。」 (round 98, H8265), 「……应当在普及学前（ ）教育
        # 基础上。」 (round 102, H9063): what is to be done is cut off
        # 「对室内温度进行测量，应当在门窗正常关闭（ ）以上的情况下。」: what is done then is cut off (round 107, H9855)
        problems.append("以「在……的指导和监督下」「在……基础上」「在……的情况下」收尾：要做什么被截掉了")
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^(?:安全|事故)?隐患整改(?:到位|完毕|完成)后", stem
    ):
        # 「安全隐患整改到位后，管道燃气经营者应当在（ ）内进行确认」: whose hazard, after supply was cut for it, is before
        # (rounds 97 and 98, H8195, H8315)
        problems.append("以「隐患整改到位后」开头：谁的什么隐患、整改后确认什么，在前一句，题干里没有")
    if _RECEIVED_BY_NOBODY.match(stem):
        # 「对接收的礼品必须在（ ）内交出并上交国库」: who received them, in what office, is 第二条's (read bad four times,
        # rounds 86–106: H7301, H7929, H8063, H9483)
        problems.append("以「对接收的……必须」开头：谁接收、谁必须交出，题干里没有")
    if _PERSONS_ONLY.search(own):
        # 「有关部门应当组织医疗机构免费对辖区内（ ）以上常住居民。」: what is done for them (每年进行一次免费体格检查) is cut
        # off (rounds 101 and 109, H8957, H10104)
        problems.append("以「对……居民/人员」收尾：对他们做什么被截掉了")
    if _PLACE_ONLY.search(own):
        # 「……应当自相关情形发生之日起（ ）内，到犬只准养登记服务点或者登录养犬管理信息平台。」: what is done there
        # (申请办理变更登记或者注销登记) is cut off (round 108, H9979)
        problems.append("以「到……服务点/平台」收尾：到那里做什么被截掉了")
    if _BROKEN_LINE.search(question.quote.strip()):
        # 「设障单位有异议时，应当在接到清障通知书10日内向市和」: the source breaks its paragraph mid-sentence (the rest,
        # 「区、县人民政府提出」, is the next paragraph), and the stem ends where the line does (round 105, H9456)
        problems.append("原文在这里断行，句子没有说完（以「和」「向」「、」等收尾），题干缺了后半句")
    if _WITH_WHOM_ONLY.search(own) and not _ACTS.search(own[own.rfind("会同") :]):
        # 「……应当自收到申请之日起九十日内，会同自然资源和规划部门、镇（乡）人民政府、街道办事处。」: what they do together is
        # cut off (round 100, H8767, H8774)
        problems.append("以「会同……部门」收尾：会同做什么被截掉了")
    if (
        question.type == "judge"
        and re.match(r"^(?:鼓励|支持|提倡)", stem)
        and not re.search(r"应当|必须|不得|禁止", stem)
    ):
        # 「鼓励和支持社会力量依法创办……科技中介服务机构」: an encouragement, which anyone calls true (round 104, H9353; a
        # 鼓励志愿者 before)
        problems.append("只是鼓励、支持，没有要谁做什么，谁都答得出")
    if _CARRIED_OUT_BY.search(stem):
        # 「本办法由各级人民政府组织实施，辖有村的街道办事处履行……乡、镇人民政府履行的职责」, 「需要转产、停产……的，由本级人民政府
        # 决定并组织实施」: who carries a law out, which anyone calls true (round 101, H8911, H8925; two blanks read bad before)
        problems.append("是「由……组织实施」「街道办事处履行乡镇职责」这样的实施套话，谁都答得出")
    if re.search(r"联名[。；;]?$", own):
        # 「……选民____以上联名。」: what the joint signing does (推荐代表候选人) is cut off (round 99, H8483)
        problems.append("以「……以上联名」收尾：联名做什么被截掉了")
    if re.search(r"[，,][^，,。；;]{0,12}(?:届满|期满)[。；;]?$", own):
        # 「临时用地期限一般不得超过（ ），临时用地期限届满。」: what is to be done then is cut off (round 96, H7987)
        problems.append("以「……期限届满」收尾：届满后要做什么被截掉了")
    if re.search(r"(?:具有|包括|含有|如下)[。；;]?$", own):
        # 「……的铬和4.5%至7.0%（重量）的镍，并具有。」: what it has is listed after (round 86, H7193)
        problems.append("句子以「具有/包括」收尾：后面列出的内容被截掉了")
    if question.doc_level in STATUTE_LEVELS and _SPAN_AFTER.match(stem):
        # 「90日后，直销员解除推销合同应当提前15日通知直销企业」: 60 days from the contract's signing (round 86, H7137)
        problems.append("以「60日后」「满6个月」开头：从什么时候起算、什么满期，在前一句，题干里没有")
    # the stem's own sentence too, when it follows one given as context (round 108, H9992: 「……违反本条例第三十一条第五项、
    # ……第十一项规定的，由轨道交通企业责令改正，处警告或者（ ）以上五百元以下罚款」)
    if question.doc_level in STATUTE_LEVELS and (
        _ITEMS_BY_NUMBER.search(stem) or _ITEMS_BY_NUMBER.search(own)
    ):
        problems.append(
            "违法行为只以「第十八条第一项、第四项」「第十六条」这样的条号、项号指称，题干里没有说是什么行为"
        )
    if re.fullmatch(r"经[^，,。；;]{2,20}的[^，,。；;]+。?", stem):
        # 「经依法批准的城镇总体规划、控制性详细规划、土地利用总体规划。」: a noun phrase, no predicate (round 97, H8138)
        problems.append("只是一个名词短语，没有谓语，不成句")
    if re.search(
        r"(?:根据|按照|依照|依据)[^，,；;。]{1,30}(?:意见|建议|状况|情况|规定|要求|标准|需要|原则|约定)[。；;]$",
        own,
    ):
        # 「……应当在……后____内根据各方面提出的意见和建议。」「……应当根据电梯运行的实际状况。」: what is to be done on that
        # basis is cut off (round 92, H7664, H7729; round 93, H7764: 「应当依据……补充协议的约定。」)
        problems.append("以「根据……的意见/状况」收尾：据此要做什么被截掉了")
    if question.doc_level in STATUTE_LEVELS and re.search(r"^本单位|本(?:机构|机关|部门)", stem):
        # 「本部门不具备相关处置能力的，……」, and anywhere in the stem 「……经本机构负责人批准，可以延长（ ）工作日」: which
        # 机构, deciding what (round 89, H7480)
        problems.append("题干说「本部门/本单位/本机构」：是哪个部门、哪个单位在前一句，题干里没有")
    if re.match(r"^本(?:项|款|条)所称", stem):
        # 「本项所称主导地位，是指……」: which 项, of what enterprises (round 89, H7545)
        problems.append("以「本项所称……」开头：哪一项、说的是什么情形，题干里没有")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^因特殊(?:情况|原因)?需要延长的", stem):
        # 「因特殊情况需要延长的，延长期限最长不得超过一个月」: what is extended is in the sentence before (round 94, H7821)
        problems.append("以「因特殊情况需要延长的」开头：延长的是什么期限在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^所在地", stem):
        # 「所在地省、自治区、直辖市人民政府文物主管部门……应当自收到备案材料之日起（ ）内……」: where what is, and whose
        # 备案, are in the paragraph before (round 88, H7435)
        problems.append("以「所在地……」开头：什么的所在地在前一句，题干里没有")
    if (
        question.doc_level in STATUTE_LEVELS
        and (said := _CLASSED_AS.search(question.quote))
        and said.group(1) not in stem
    ):
        # 「……逃避或者拒绝接受检测3次以上，……的，属于……“严重违反社区戒毒协议”」 cut to its first piece: a condition of
        # what the sentence calls it, asked as if it were a rule (round 84, H6967)
        problems.append(f"句子是「……的，{said.group(1)}……」的定义，题干截掉了「{said.group(1)}」，只剩条件")
    if question.doc_level in STATUTE_LEVELS and _OFFENCE_AMOUNT.match(stem):
        # 「违法经营额5万元以上的，可以并处……」: the amount of which offence, fined by whom (rounds 80 and 83, H6572, H6927)
        problems.append("以「违法所得/违法经营额……的」开头：是什么违法行为、由谁处罚在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and (role := _role_of_a_unit_before(question, stem, clause_text)):
        problems.append(f"「{role}」没说是哪个单位的，单位在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and re.search(
        r"(?:违反|有)(?:本(?:法|条例|规定|办法|细则))?(?:规定)?_ART(?:[、和及或]_ART)*(?:第[^，,。]{1,20}[项款])?"
        r"(?:的)?(?:规定)?(?:的|[，,]|(?:所列|规定)?(?:的)?(?:行为|情形))".replace(
            "_ART", r"第[一二三四五六七八九十百零〇\d]+条"
        ),
        own,
    ):
        # 「违反本条例第二十四条、第二十五条规定，……」 too (round 50, H3032)
        problems.append("「违反本条例第……条规定的」：违法行为只用条号指称，是什么行为题干里没有")
    if question.doc_level in STATUTE_LEVELS and re.search(
        r"(?:依据|依照|按照|根据)本(?:法|条例|规定|办法|细则)_ART(?:[、和及或]_ART)*(?:的)?(?:规定)?(?:提出|作出|报送)的"
        r"|本(?:法|条例|规定|办法|细则)_ART(?:[、和及或]_ART)*(?:的)?规定的(?:全部|有关|相关)?(?:通知|申请|决定|材料|文件|报告)"
        # 「加入本办法第十七条所列范围的多边条约」, 「政府采购法第七十一条规定的罚款」 (round 75, H6122, H6083)
        r"|本(?:法|条例|规定|办法|细则)_ART所列|^[^，,。]{2,12}法_ART规定的"
        # 「进行本条例第二十七条第一项至第五项规定的涉路施工活动的」 (round 76, H6170)
        r"|本(?:法|条例|规定|办法|细则)_ART第[一二三四五六七八九十]+项(?:至第[一二三四五六七八九十]+项)?规定的"
        # 「审批本条例第二十八条规定的建设活动」 (round 80, H6518)
        # and 「本实施条例第十五条规定情形」 (round 81, H6700)
        r"|本(?:实施)?(?:法|条例|规定|办法|细则)_ART(?:[、和及或]_ART)*规定(?:的)?[^，,。的]{0,8}?"
        r"(?:活动|行为|事项|情形|项目|措施|程序|条件|标准|范围|单位|人员)".replace(
            "_ART", r"第[一二三四五六七八九十百零\d]+条"
        ),
        own,
    ):
        # 「出版行政部门应当自收到依据本条例第十条提出的申请之日起（ ）内……」 (round 73, H5938): which application;
        # 「自接到本条例第十四条、第十五条、第十六条规定的通知之日起」 (round 74, H6010): which notice
        problems.append(
            "「依据本条例第十条提出的申请」「第十七条所列范围」：说的是什么只用条号指称，题干里没有"
        )
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^(?:董事会|监事会|理事会|股东会|股东大会|董事|监事|理事)(?:成员|长|的)?", stem
    ):
        # 「董事会成员不得少于3人。」 (round 73, H5897): whose board is the article before's
        problems.append("以「董事会……」开头：哪个企业、哪个组织的董事会在前文，题干里没有")
    if re.search(r"同时废止|起施行", own):
        # 「……《北京市关于禁止燃放烟花爆竹的规定》同时废止。」 (round 49, H2901): 同时 with what, the date of effect cut
        problems.append("施行、废止的日期是附则的事务，不是要学的规定；「同时废止」离开前一句无所指")
    # 「自收到申请文件材料之日起」 too (round 80, H6489)
    bare_application = re.search(
        r"(?:收到|受理)[^，,。；;申]{0,2}申请(?:文件|书)?(?:之日|之时|后|材料)", stem
    )
    if bare_application and "申请" not in stem[: bare_application.start()]:
        # 「海事管理机构应当自收到申请之时起（ ）内作出许可……」 (rounds 49–50, H2933, H3042), 「收到登记申请」 (round 52,
        # H3122): which application; 「收到恢复生产申请之日起」 names it
        problems.append("「自收到申请之日起」：是什么申请在前一句，题干里没有")
    if re.search(r"另有(?:约定|规定)的[，,]从其(?:约定|规定)", stem):
        problems.append("「另有约定的，从其约定」：约定所排除的那条规则在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^对[^，,。；;]{1,12}由[^，,。；;]{1,20}(?:责令|吊销|处以|处|给予|没收)", stem
    ):
        problems.append("「对……由……责令……」：只有处罚，为什么受罚（违法情形）被截掉了")
    if question.doc_level in STATUTE_LEVELS and _fined_nobody(stem):
        problems.append("罚款的条件里没有受罚的一方：这是「有下列行为之一的」清单里的一项，引语被截掉了")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^(?:并处|处以|处)", stem):
        problems.append("以「处……」开头：只有刑罚或处罚，犯了什么、谁受罚都在前面")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^(?:如果|[^，,。]{0,3}其)", stem):
        problems.append("以「如果/……其」开头：说的是谁、什么情形在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and _ACTION_START.match(stem):
        problems.append("以动作开头（「调集……」「责令……」），是「下列措施」里的一项，谁来做被截掉了")
    if question.doc_level in STATUTE_LEVELS and (
        re.match(r"^(?:根据|按照|依照|依据)[^，,。]{1,20}[，,](?:应当|必须|不得|可以|严禁)", stem)
        or re.match(r"^对[^，,。；;]{1,40}[，,](?:应当|必须|可以)", stem)  # 「对……问题，应当及时处理」
        or _circumstance_only(stem)
    ):
        problems.append("「根据……，应当……」「对……，应当……」：谁应当被截掉了，句子没有主语")
    if (
        question.doc_level in STATUTE_LEVELS
        and stem.startswith("未")
        and not re.search(_RULE_WORDS + "|给予|予以", stem)
    ):
        problems.append("只有「未……」的情形：谁未做、做了会怎样都被截掉了")
    if question.doc_level in STATUTE_LEVELS and _act_cut(question, own):
        problems.append("原句在这里接着「，可以/应当……」：规定本身被截掉了，只剩条件")
    if question.doc_level in STATUTE_LEVELS and _rule_cut_after(question, own):
        problems.append("题干里没有规定：原句接着才是「……，可以/应当……」，题干只剩条件和数字")
    if _exception_cut(question):
        problems.append("原句接着是「但是……除外」：判断题省去了例外，读来像一概如此")
    if question.doc_level in STATUTE_LEVELS and _half_condition(question, own):
        problems.append("只有条件的前半截：原句接着是「……的，」和它的后果，题干读来像一句断言")
    if question.doc_level in STATUTE_LEVELS and _BARE_CONTRACT.match(stem):
        problems.append(
            "以「抵押合同/转让合同」开头：抵押、转让的是什么（采矿权？）在前一条，题干里没有，读来像一切合同"
        )
    if question.doc_level in STATUTE_LEVELS and _OWNED_RESULT.match(stem):
        problems.append("主语是「考核结果/检查情况」这样的名词：谁的考核、什么检查在前一句，题干里没有")
    defined_before = (
        _defined_before(question, stem, clause_text) if question.doc_level in STATUTE_LEVELS else ""
    )
    if defined_before:
        problems.append(f"「{defined_before}」指的是本条前一句说的那个，题干里没有，读来像泛指")
    # 「本法所称港口，是指具有船舶进出、停泊、____。」: what the port has (「……等功能」) and is (「……的区域」) come later;
    # 「经验反馈，是指对……进行收集、……和分发。」 is whole though its sentence goes on to its purpose
    if (
        question.type in ("judge", "blank", "single")
        and re.search(r"是指(?:具有|包括|由)", own)
        and question.quote
    ):
        rest = _rest_of_sentence(question)
        if rest and re.sub(r"[。；;，,\s]", "", re.split(r"[。；;]", rest)[0]):
            problems.append("定义「……是指……」被截在中间：后面才说到所指的是什么，题干不成句")
    if question.doc_level in STATUTE_LEVELS and _complement_cut(question, own):
        problems.append("「应当保证……」后面原句接着「，符合……要求」：保证的是什么被截掉了，谓语不完整")
    if question.doc_level in STATUTE_LEVELS and _HELP_WITHOUT_WHOM.match(stem):
        problems.append("「应当给予必要的便利/予以协助」：给谁便利、协助谁做什么在前一句，题干里没有")
    if question.doc_level in STATUTE_LEVELS and _RELATIVE_BODY.match(stem):
        problems.append("主语是「上级机关/原机关」：谁的上级、对什么的申请在前一句，题干里没有")
    if re.search(r"[，,]对[^，,。；;]{1,30}。$", stem) and not re.search(
        r"处|给予|责令|没收|吊销|追究", re.split(r"[，,]", stem)[-1]
    ):
        problems.append("以「……，对船长、责任人员。」收尾：对他们怎样处罚被截掉了")
    if _NOUN_ONLY.search(own.replace("□", "")) and not _ANY_PREDICATE.search(own):
        problems.append("题干只是一个名词短语（「……的事项」），是清单里的一项，没有说对谁怎样，无所谓对错")
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^(?:自[^，,。]{1,30}[，,]|在[^，,。]{1,20}的前提下[，,])", stem
    ):
        problems.append("以「自……之日起，」「在……的前提下，」开头：谁、什么情形在前面，被截掉了")
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^在[^，,。；;]{1,20}的(?:，|,)?(?:应当|必须|不得|可以|须)", stem
    ):
        # 「在当地销售、使用的应当随车携带煤质化验报告单」: the 的 has no head; what is sold (the coal trucks
        # entering the city) is the sentence's subject, cut
        problems.append("「在……的应当……」：「的」字短语后面的主语（什么车辆、什么单位）被截掉了")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^将", stem):
        problems.append("以「将……」开头：谁来做（国家、某部门）被截掉了")
    if re.search(r"[，,]为(?:□|[^，,。]{1,8})。$", stem) and re.sub(r"\s", "", question.quote).endswith("；"):
        problems.append("「……，为（ ）」是清单里的一项：为什么的期限或标准在清单的引语里，题干里没有")
    if question.doc_level in STATUTE_LEVELS and re.match(r"^[^，,。]{1,8}也(?:可以|应当|有权|不得)", stem):
        problems.append("「当事人也可以……」：「也」接着前一句说的另一条路（申请复议），题干里没有")
    if question.doc_level in STATUTE_LEVELS and _FIGURE_FIRST.match(stem):
        problems.append("以「至少每……/不少于……」开头：谁来做被截掉了，题干没有主语")
    if _RELATIONAL.match(stem):
        problems.append("以「标准为/比例为……」开头：谁的什么标准被截掉了")
    if re.search(r"(?:^|[将把对在，,、])所需(?:时间|期限|费用)", stem):
        problems.append("「所需时间/所需费用」：做什么所需的在前一句（听证、检验……），题干里没有")
    if re.search(r"因此|为此|据此|对此|由此", re.split(r"[，,；;。]", stem)[0]):
        problems.append("「因此/为此……」指的是上一句说的事，题干里没有")
    if question.doc_level in STATUTE_LEVELS and _whose_its(stem):
        problems.append("「不受理其……」「责令其……」：「其」是谁（受罚的一方）在前一句，题干里只有执法部门")
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^因[^，,。；;]{1,40}[，,](?:可以|应当|必须|不得)", stem
    ):
        # 「因不可抗力并经国务院交通主管部门同意，可以延期（ ）」 (round 76, H6180): who may defer, and what, is the clause before
        problems.append("「因……，可以……」：谁可以、可以把什么延期在前半句，题干里没有")
    if _COPIED_ITEM.search(question.stem):
        problems.append("照搬了条文的项号或换行（「：（一）……」），不是一句题干")
    if re.match(r"^该(?!当)", stem):
        problems.append("以「该……」开头，指的是谁在题干外，读不懂")
    elif any(m.group(1) not in stem[: m.start()] for m in re.finditer(r"(?<!应)该(?!当)(\w{2})", stem)):
        problems.append("「该……」指的是题干外前文说的东西（「不得再次申请该行政许可」），读不懂")
    if _twin_blank(question, stem):
        problems.append("空格旁边的并列项只差一个字（「煤改气」旁的「煤改____」），一眼就能填出")
    if _HANDED_OVER_CUT.search(stem):
        problems.append("以「将……」收尾：把它怎样（报送、备案……）被截掉了，句子没有谓语")
    also = re.search(rf"还(?:{_DUTY_MODALS})", stem)
    # 「……不具备密闭条件的，还应当设置……」: 还 adds to a duty the sentence before states (「除……外，还应当」 carries its own)
    if also and not re.search(rf"{_DUTY_MODALS}|除", stem[: also.start()]):
        problems.append("「还应当……」接着前文的另一项义务，前文不在题干里")
    if _stock_blank(question, stem):
        problems.append("空格在一组成套的词中间（「改造、____、报废」），凭常识就能填出，考不到条文")
    if _answer_text(question) and _answer_text(question) in stem.replace("□", ""):
        problems.append("答案在题干别处已经出现，一眼就能填出")
    if question.doc_level in STATUTE_LEVELS and re.match(
        r"^在(?:□|[\d一二三四五六七八九十百]+[^，,。□]{0,3})以?内", stem
    ):
        problems.append("以「在……以内」开头：期限从何时起算、谁「……」都被截掉了")
    if re.match(r"^(?:□|[\d.一二三四五六七八九十百]+[^，,。□]{0,3})内?(?:不得|应当|必须|严禁)", stem):
        problems.append("以期限加「不得/应当……」开头，谁、自何时起都被截掉了")
    timed = re.match(r"^([^，,；;。]{1,30})[，,](?:应当|应|必须|须|可以)", stem)
    if (
        question.doc_level in STATUTE_LEVELS
        and timed
        and re.search(r"□|[\d一二三四五六七八九十百千两]+个?(?:日|天|月|年|小时|周|工作日)", timed.group(1))
        and re.search(r"(?:内|以上|以下|前|后|之日起|期间)$", timed.group(1))
        and not names_party(timed.group(1))
    ):
        # 「在开始勘查工作（ ）内，应当……报告」「停业（ ）以上，应……报告」: whose work, whose business, in the sentence before
        problems.append("「在……（ ）内，应当……」：期限里要做的事有了，谁要做（谁开始勘查、谁停业）被截掉了")
    for a, b in _PAIRS:
        if stem.count(a) != stem.count(b):
            problems.append(f"{a}{b} 不成对")
    if _FRAMES.match(own) and "，" not in own and "," not in own:
        problems.append("只有「结合/按照……」的状语，没有主句")
    if re.match(r"^对[^，,]*的[^，,。的]{1,20}[。；;]?$", own) and not re.search(
        r"处|责令|给予|没收|吊销|追究|实行|实施|进行|采取|予以|" + _RULE_WORDS, own
    ):
        problems.append("只有「对……的X」的介词短语，没有主句")
    bare = re.sub(r"[（(][^）)]*[）)]", "", own)
    bare = re.sub(r"有(?:效|关|限|毒|害|机|线|偿|利)", "", bare)  # 有效期限 is a noun, not 有
    if question.type in ("judge", "blank", "single") and not _VERBS.search(bare):
        problems.append("没有谓语，只是一个名词短语")
    if re.search(r"的[。；;]?$", stem):
        problems.append("以「……的」结尾，是条件或定语，不是完整的句子")
    if re.search(r"满(?:□|[\d一二两三四五六七八九十百]+[^，,。]{0,2})(?:以上)?[。；;]?$", stem):
        problems.append("以「满……以上」结尾，只有条件，规定本身被截掉了")
    if re.search(r"(?:后|时|之前|以前|期间)[。；;]?$", stem):
        problems.append("以「……后/时」结尾，只有时间状语，主句被截掉了")
    if _open_condition(question):
        problems.append("「如果……」的条件没说完，原句的后果被截掉了")
    if ends_in_adverbial(question.template):
        problems.append("以「按照……」「……内」这样的状语收尾，原句的主句被截掉了")
    tail = question.template.rsplit(BLANK, 1)[-1]
    at = question.quote.find(tail) if tail and question.quote else -1
    if at >= 0 and mid_enumeration(question.template, question.quote[at + len(tail) :]):
        problems.append("停在一串并列的「……的X」中间，后面的谓语被截掉了")
    if question.type in ("judge", "blank", "single") and question.quote:
        problems.extend(_sanction_problems(question, own))
    # also 「不得以任何形式截留、私分或者变相私分。」: what is withheld (the money of the sentence before) is missing
    if re.search(
        r"(?:不得|禁止|严禁)(?:以[^，,。、□]{1,6}(?:形式|方式|名义))?(?:(?:□|[^，,。、□]{2})、)+(?:□|[^，,。、□]{2})"
        r"(?:(?:或者|和|及)(?:变相)?(?:□|[^，,。、□]{2}))?[。；;]?$",
        stem,
    ):
        problems.append("「不得侵占、盗窃、哄抢。」：侵占什么（句首的话题）不在题干里")
    if "下列" in own and question.type != "short":  # a list's lead-in given as context shows its item
        problems.append("「下列……」指的清单不在题干里")
    if re.search(r"[：:][。；;]?$", stem):
        problems.append("以「：」收尾，靠「下列」引出的清单不在题干里")
    pieces = re.split(r"、", own.rstrip("。；;"))
    if (
        question.type in ("judge", "blank")
        and len(pieces) >= 3
        and not re.search(r"[，,；;：:]", own)
        and all(len(p) <= 14 for p in pieces)
        # a plan's task that opens on its act before the run has its predicate: 「常态化开展“学法规、抓落实、____”
        # 活动」「完善并落实举报受理、核实、……等闭环管理机制」 (the first item is the piece's last two characters)
        and not _VERBS.search(pieces[0][:-2])
        # 「储存、____、运输的安全要求。」: a noun's 要求 is no verb
        and not re.search(
            r"应当|必须|不得|严禁|禁止|可以|负责|实行|由|有权|要求|是|为",
            re.sub(r"的[^、，。]{0,4}要求", "", own),
        )
    ):
        problems.append("只是清单里的一串名词，没有主语和谓语（引出清单的那句被截掉了）")
    if re.search(r"等[。；;]?$", stem):
        problems.append("以「……等」结尾，只有一串名词，没有说完")
    # 「单位实施以上违法行为的」「有本条第一、二款行为的」 (round 56, H3597, H3637): the conduct is named elsewhere
    if re.search(
        r"前款|前条|前项|前两款|前三款|(?:本条)?第[一二三四五六七八九十]+款|上述|以上(?:违法)?(?:行为|情形)|本条第[一二三四五六七八九十、]+款",
        stem,
    ):
        problems.append("引用了题干外的「前款/前条」，脱离原文读不懂")
    if question.type == "blank" and stem.endswith(("□。", "□")) and question.quote:
        quote = re.sub(r"\s", "", question.quote)
        at = quote.find(question.answer)
        tail = quote[at + len(question.answer) : at + len(question.answer) + 1] if at >= 0 else ""
        if tail and tail not in "。；;，,、）)”":
            problems.append("空格后原句还没有说完，题干在句中被截断")
    if question.type == "judge":
        if re.match(r"^[^、，。]{1,3}、", stem):
            problems.append("判断题以并列的名词开头，主语被截掉了")
        if question.quote and _head(own) != _head(question.quote):
            problems.append("判断题的陈述不是从句首开始的整句")
        head = re.split(r"[，,。；;]", own)[0]
        if "、" in head and re.match(r"^[^、]{1,6}(?:、[^、]{1,6}){1,}[^、]{0,6}(?:负责|承担)", head):
            problems.append("以名词并列开头直接接谓语，主语被截掉了")
    return problems
