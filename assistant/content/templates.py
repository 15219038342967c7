"""Fill-in templates over verbatim clause text: the blank, readable fragments and number templates.

A template is a verbatim span of a clause with ``BLANK`` where a fact was; quizzes ask it and drafts
turn it into a question, so both stay checkable against the clause.
"""

from __future__ import annotations

import re

from assistant.content.facts import NumberFact

BLANK = "____"
_FRAGMENT_END = re.compile(r"[，,；;。]")
# A piece that only sets the frame of a main clause still to come: 「按照国家监察、地方监管、企业负责，」
# 「应当自本条例施行之日起1年内，」, 「应当按照因地制宜、多能互补……的原则，」, 「应当按照各自的职责，」,
# 「应当就……事项通过问卷调查、听证会、论证会、座谈会，」, or names its subject (「……(以下简称煤矿安全监察机构)，」). A fragment
# never ends on one; it takes the next piece too.
ADVERBIAL_PIECE = re.compile(
    r"^(?:按照|依照|根据|结合|围绕|对照|通过|为了|自|如果|若|凡)[^，,；;。]*[，,]$|(?:之内|以内|内|之日起|起|期间|之前|以前)[，,]$"
    r"|以下简称[^)）]*[)）][，,]$|(?:依照|按照|根据|遵循)[^，,；;。]*(?:规定|要求|原则|职责|分工|权限)[，,]$"
    r"|通过[^，,；;。]*、[^，,；;。]*[，,]$"
    # 「应当在海洋工程投入运行之日10个工作日前，」, 「持船舶所有权登记证书……的证明文件，」: a time it is due by, or what
    # one goes with; what is to be done follows (round 67, H5040, H5062, H5159)
    r"|(?:\d+|[一二两三四五六七八九十百]+)个?(?:工作日|自然日|日|天|小时|个月|月|年)前[，,]$|(?:^|应当|必须|须)(?:持|凭)[^，,；;。]*[，,]$"
    # 「并可以根据采矿权人的申请，」 + 「组织埋设界桩」, 「部队应当以军为单位，」 + what it does (round 70, H5457, H5465)
    r"|^(?:并|且)?(?:可以|应当|必须)(?:按照|依照|根据)[^，,；;。]*[，,]$|以[^，,；;。]{1,8}为单位[，,]$"
)
# A piece that is only its sentence's subject: 「被判处管制、拘役、有期徒刑、无期徒刑的犯罪分子，」,
# 「……排水、排土等主要生产系统和……等安全设施，」.
_SUBJECT_PIECE = re.compile(r"[的等][^的等，,；;。]{1,6}[，,]$")
_PREDICATE = re.compile(r"应当|必须|不得|可以|严禁|禁止|负责|有权|是|为|实行|依法")


_ACTS = re.compile(
    r"进行|实施|采取|予以|给予|作出|开展|组织|加强|实行|处以|处|责令|负责|承担|提供|做好|建立|制定|收取|征收|开设|设立"
)


# what a 将-phrase does with its object: 将……纳入规划, 将……报送备案, 将……向社会公布 …
_DISPOSALS = re.compile(
    r"纳入|列入|报|送|通报|公布|公开|公示|告知|通知|交|移|予以|作为|用于|置于|存放|登记|备案|改|转|退|返还|归还|"
    r"处理|处置|销毁|收回|保存|保管|存档|归档|抄送|录入|上传|载入|写入|记入|标注|标明|张贴|悬挂"
)


def to_phrase_without_act(text: str) -> bool:
    """「各级人民政府应当对……等需要生态修复的耕地」: the modal's 对-phrase is still open, its act (有计划地组织实施
    退耕还林还草) follows."""
    m = re.search(r"(?:应当|必须|可以)对([^，,。；;]*)$", text)
    if m is not None and not _ACTS.search(m.group(1)):
        return True
    # 「应当将允许使用的新材料、新工艺的有关技术要求，」: what is done with it (及时纳入安全技术规范) follows
    # 「应当在首次制造活动开始30日前，将其具备的……生产条件、检测手段」: the 将-phrase after the time is still open too
    m = re.search(r"(?:应当|必须|可以|[，,])将([^，,。；;]*)$", text)
    return m is not None and not (_ACTS.search(m.group(1)) or _DISPOSALS.search(m.group(1)))


def mid_enumeration(piece: str, following: str) -> bool:
    """Whether ``piece`` (ending in a comma) is one of a run of parallel noun phrases that ``following``
    continues: 「推进同一个矿体分属2个以上不同开采主体的非煤矿山,」 then 「……安全规定的非煤矿山,」. Cut
    there, the verb the run belongs to (整合重组) is lost."""
    a = re.sub(r"[，,]$", "", piece.strip())
    b = re.split(r"[，,；;。]", following.strip(), maxsplit=1)[0]
    m = re.search(r"的([^的，,；;。]{2,6})$", a)
    return bool(piece.strip()[-1:] in "，," and m and "的" + m.group(1) in b)


def ends_in_adverbial(text: str) -> bool:
    """Whether the last comma-piece of ``text`` is a frame or time adverbial, or a bare subject, followed by
    a comma: the sentence's main clause is still to come."""
    pieces = re.split(r"(?<=[，,；;。])", text.strip())
    pieces = [p for p in pieces if p]
    if not pieces:
        return False
    last = pieces[-1]
    return bool(ADVERBIAL_PIECE.search(last)) or bool(
        _SUBJECT_PIECE.search(last) and not _PREDICATE.search(last)
    )


def fragment(
    sentence: str, start: int, end: int, min_len: int = 18, max_len: int = 70, whole_within: int = 0
) -> tuple[str, int]:
    """The comma-delimited piece of ``sentence`` holding ``[start, end)``, widened until readable.

    ``whole_within``: a fragment that ends within that many characters of the sentence's start is taken from
    the start, so it keeps whom the sentence binds and the situation it opens with (a statute's comma-pieces
    lean on both: 「生产经营单位应当建立……责任制，明确……负责人」). Returns the verbatim fragment and its offset in
    ``sentence``.
    """
    bounds = [0] + [m.end() for m in _FRAGMENT_END.finditer(sentence)] + [len(sentence)]
    bounds = sorted(set(bounds))
    lo = max(b for b in bounds if b <= start)
    hi = min(b for b in bounds if b >= end)
    while hi - lo < min_len:
        before = [b for b in bounds if b < lo]
        after = [b for b in bounds if b > hi]
        if before and (lo - before[-1] <= max_len - (hi - lo)):
            lo = before[-1]
        elif after and (after[0] - lo <= max_len):
            hi = after[0]
        else:
            break
    while (
        ends_in_adverbial(sentence[lo:hi])
        or mid_enumeration(sentence[lo:hi], sentence[hi:])
        or re.match(r"^[，,]?(?:是|系)", sentence[hi:])  # 「……的犯罪组织，是犯罪集团」: the predicate follows
        # 「……，船上曾经有霍乱病例发生，为染有霍乱。」: a definition's term closes the sentence (round 71, H5656, H5657)
        or re.match(r"^[，,]?为[^，,；;。]{1,12}(?:[。；;]|$)", sentence[hi:])
        # 「提交有关发明创造已经展出或者发表，以及展出或者发表日期的证明文件」: the object goes on (round 67, H5091)
        or re.match(r"^以及", sentence[hi:])
        # 「……单一持有外国企业10%以上有表决权股份，且由其共同持有……50%以上股份」: the condition goes on (round 77, H6268)
        or re.match(r"^且", sentence[hi:])
        or re.search(
            r"[，,]对[^，,。；;]{1,30}[，,]$", sentence[lo:hi]
        )  # 「……，对劳务派遣单位，」 + its sanction
        or to_phrase_without_act(sentence[lo:hi].rstrip("，,"))
    ):
        after = [b for b in bounds if b > hi]
        if not after or after[0] - lo > max_len:
            break
        hi = after[0]
    if 0 < lo and hi <= whole_within:
        lo = 0
    return sentence[lo:hi], lo


def number_template(f: NumberFact, whole_within: int = 0) -> tuple[str, str, str]:
    """(template with ____, the answer, the verbatim fragment) for a number fact (``whole_within``: as in
    ``fragment``)."""
    core = f.value if f.kind == "frequency" else f.value + f.unit
    core_start = f.start + (1 if f.kind == "frequency" else 0) - f.sentence_start
    frag, lo = fragment(f.sentence, core_start, core_start + len(core), whole_within=whole_within)
    i = core_start - lo
    return frag[:i] + BLANK + frag[i + len(core) :], core, frag
