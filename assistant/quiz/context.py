"""The sentences a statute stem needs before it: what 「收到材料」 or 「当事人申请调解的」 refers to.

A statute's sentence often leans on the one before it in its article. 「设区的市人民政府安全生产监督管理部门应当自收到
材料之日起20日内提出安全审查初步意见」 asked alone reads as any material; the sentence before says whose application
and which materials (烟花爆竹安全管理条例 第九条, round 53). The blind readers' largest class of bad items since round 49
is this one: the stem's referent, condition or party is in the sentence or paragraph before it.

So a stem that opens its sentence is given, verbatim, the sentences before it that it leans on:
- within its paragraph, when it shares a word of its own with the sentences before it (「当事人」 back to 「发生学校
  安全事故，当事人可以协商解决。」), opens on a pointer (前述, 该, 上述, 相关, 接到报告的, 「对<party>，」), names no one
  before its modal (「记录和凭证保存期限不得少于……」: ``names_no_owner``) or a rule of ``stem_check`` says its opening is
  cut off;
- opening a paragraph, the same from the paragraph before (「前款」's situation);
- an item of a list, its lead-in (「建设工程的施工单位……应当遵守下列规定：」), so the reader knows whom it binds.

The context is the paragraph up to the sentence, from its start: a sentence inside a paragraph may itself lean on
the one before it. A word of its own is a word of two or more characters that is not the document's title word, a party (生产经营单位
is named in every sentence and points to nothing), a stopword or a word of every rule (应当, 规定, 部门 …). A context
longer than ``MAX_CONTEXT`` characters makes a stem too long to read as a question: a stem a rule says is cut off, or
an item, is then not asked, and one that only shares a word is asked as it stands. No stem is given a context that
states its answer; it is not asked.
"""

from __future__ import annotations

import dataclasses
import re

from assistant.quiz.model import Question
from assistant.text.labels import without_label

# The most characters of context a stem is given: two short sentences. Longer, the question drowns in its premise.
MAX_CONTEXT = 100

# Words every rule uses: sharing one says nothing about what a sentence refers to.
_GENERIC = frozenset(
    "应当 必须 不得 可以 规定 有关 相关 依法 按照 依照 根据 进行 负责 以上 以下 之日起 之日 本法 本条例 条例 办法 国家 "
    "人民政府 政府 部门 单位 人员 工作 管理 安全 组织 建立 制定 实施 落实 加强 及时 应急 情况 要求 措施 制度 责任 "
    "其他 以及 或者 并且 同时 期间 之前 以后 之后 予以 给予 处以 违反 行为 情形 单位和个人 任何 所在地 县级 以上 地方 "
    "各级 主管 行政 机关 机构".split()
)
# A stem that opens on a pointer back: 「前述情形消除后」, 「该设施」, 「上述材料」; 「相关信息应当……」「相关文件复印件和记录」
# (whose? the sentence before says; 「相关部门」 names a kind of body and points nowhere); 「接到报告的卫生主管部门」
# (which report? round 58: H4018, H4019, H4124, H4129); 「对个人，由……处……罚款」 (for what?).
_POINTER = re.compile(
    r"^(?:前述|上述|前款|前项|该|此类|此项|这些|上列"
    r"|相关(?!部门|单位|人员|机构|主管|行政|法律|法规|规定|标准|企业|方面|领域|行业|工作)"
    r"|(?:接到|收到)(?:报告|通知|举报|报案|申请|材料)的"
    # 「对法定代表人……，处十万元以上……」「对个人，由……处……」: a sanction whose conduct is the sentence before (H3959)
    r"|对[^，,。；;]{0,40}(?:人员|负责人|个人|单位|投资人|企业|机构|者)[，,])"
)
# A list item's number at the end of what comes before it: 「……：（六）」.
AN_ITEM = re.compile(r"(?:^|[。；;：:\n])\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．])")
_ITEM_NUMBER = re.compile(r"(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．])\s*$")
_ITEM_START = re.compile(r"\s*(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．])")


# The first modal of a stem: what comes before it is what the rule is about.
_MODAL = re.compile(r"应当|必须|不得|可以|须|应|严禁|禁止|由")


def names_no_owner(stem: str) -> bool:
    """Whether the words before a stem's first modal name no one and state no conduct: 「记录和凭证保存期限不得少于……」
    (whose records?), 「延长的期限最长不得超过……」 (which period?), 「设施必须在事故发生后……」 (which facility?). The sentence
    before says; such a stem leans on it (rounds 58–59 and the held-out banks: 11 of 35 bad). A condition that states the
    conduct (「……燃放烟花爆竹的，由公安机关……」) is no such stem."""
    from assistant.quiz.stem_check import names_party

    if re.match(r"^[^。；;]{2,80}?的[，,]", stem):
        return False  # it opens on the conduct or the case it rules on
    m = _MODAL.search(stem)
    head = stem[: m.start()] if m else stem
    return not (names_party(head) or re.search(r"法院|检察院|警察|公安|海关|海事|港务监督|仲裁", head))


def own_words(text: str, title: str) -> set[str]:
    """The words of ``text`` that could point back to an earlier sentence: two or more Chinese characters, not
    in the document's title, not a party's wording, not a stopword or a word of every rule."""
    from assistant.ingest.subjects import find_subjects
    from assistant.text.tokenize import stopwords, words

    spans = [(s.start, s.end) for s in find_subjects(text)]
    titled = set(words(title))
    out, at = set(), 0
    for w in words(text):
        start, at = at, at + len(w)
        if len(w) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", w):
            continue
        if w in _GENERIC or w in titled or w in title or w in stopwords():
            continue
        if any(a < at and start < b for a, b in spans):
            continue
        out.add(w)
    return out


def _scope(body: str, at: int) -> tuple[str, bool]:
    """The text the sentence at ``at`` may lean on, and whether it is a list's lead-in: the paragraph up to it,
    the paragraph before when it opens its paragraph, the lead-in when it is an item."""
    para_start = body.rfind("\n", 0, at) + 1
    before = body[para_start:at]
    # an item quoted with its number (「2．执行金额……不超过1万元的，每件交纳50元」, round 72, H5798) is an item too
    if _ITEM_NUMBER.search(before) or _ITEM_START.match(body, at):
        return _lead_in(body, at), True
    if before.strip():
        return before, False
    if para_start <= 1:
        return "", False
    prev_start = body.rfind("\n", 0, para_start - 1) + 1
    return body[prev_start : para_start - 1], False


def _lead_in(body: str, at: int) -> str:
    """The lead-in of the list the item at ``at`` belongs to: the text before the list's 「：」 back to the start of
    its sentence (``""`` when there is none)."""
    colon = max(body.rfind("：", 0, at), body.rfind(":", 0, at))
    if colon < 0:
        return ""
    starts = [m.end() for m in re.finditer(r"[。；;\n]", body[:colon])]
    start = starts[-1] if starts else 0
    return body[start : colon + 1].strip()


def sentence_before(question: Question, clause_text: str, leans: bool) -> str | None:
    """The verbatim context the stem needs (``""`` when none), or ``None`` when it needs one that cannot be given
    (too long, or stating the answer). ``leans``: a rule of ``stem_check`` says the stem's opening is cut off."""
    body = without_label(clause_text)
    quote = question.quote.strip()
    at = body.find(quote) if quote else -1
    if at < 0:
        return ""
    scope, is_lead_in = _scope(body, at)
    scope = scope.strip()
    if not scope:
        return ""
    stem = question.stem.replace("（ ）", "").replace("____", "")
    if is_lead_in:
        context = scope
    else:
        own = own_words(stem, question.doc_title)
        if not (any(w in scope for w in own) or leans or _POINTER.match(stem)):
            return ""
        # the whole paragraph up to the sentence: a paragraph starts whole, where a sentence inside it may lean in turn
        # (「情况紧急时，有权要求……」 inside 矿山安全法 第四十四条's list of powers)
        context = scope
        if AN_ITEM.search(context):
            # the sentences before are items of a list (「（七）需要暂时停用消防设施……」): an item out of its list is no
            # premise; a stem that leans on them is not asked
            return None if leans or _POINTER.match(stem) else ""
    if not context:
        return ""
    if len(context) > MAX_CONTEXT and not (is_lead_in or leans or _POINTER.match(stem)):
        return ""  # only a shared word says it leans: asked as it stands, as before (a long paragraph is often a list)
    if len(context) > MAX_CONTEXT or _states_the_answer(question, context):
        return None
    return context


# A figure with its unit, as a sentence states it (「十日」「2万元」「20%」): a context or another stem that says it answers
# the item asking it.
FIGURE_SAID = re.compile(
    r"[\d一二两三四五六七八九十百千万半]+(?:个)?(?:工作日|日|天|年|月|小时|周岁|人|次|万元|元|米|公里|%|％)"
)


def _states_the_answer(question: Question, context: str) -> bool:
    """Whether ``context`` gives the answer away: the blank's key or a correct option, or (for a true/false item) a
    figure of its sentence."""
    from assistant.quiz.generate import answer_texts
    from assistant.text.normalize import normalize

    shown = normalize(context)
    if any(len(a) >= 2 and normalize(a) in shown for a in answer_texts(question)):
        return True
    if question.type == "judge":
        return any(m.group() in context for m in FIGURE_SAID.finditer(question.quote))
    return False


def with_context(question: Question, context: str) -> Question:
    """``question`` with ``context`` before its stem."""
    from assistant.quiz.generate import full_width

    return dataclasses.replace(question, stem=full_width(context) + question.stem, context=context)
