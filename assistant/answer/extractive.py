"""Extractive answers: choose the sentences of the retrieved clauses that answer the question, quote them.

No model is involved, so every word of substance is verbatim source text. Sentences are scored by the
question words they contain (weighted by length, since long domain terms such as 金属非金属地下矿山
carry more meaning than 要/有), plus a smaller share for words of the clause's title and headings (the
title says what the whole clause is about, so a sentence of a clause titled 严格矿山安全准入 answers a
question on 准入 even when it does not repeat the word). The governing clause is the top-ranked hit:
retrieval already puts the expected clause first for ~90% of the gold questions, and sentence scores
are too local to overrule it. A second clause is cited only when its best sentence is about as good.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.verify import VERDICT_HEAD
from assistant.config import Config
from assistant.schema import STATUTE_LEVELS, Citation, Clause, Hit, book, source_label
from assistant.text.accident_liability import (
    HEAD_LED_TO_ACCIDENT,
    WITHHELD_IN_LAW,
    asks_a_fine,
    asks_what_a_withheld_report_bears,
    asks_what_the_head_bears,
)
from assistant.text.deletions import deleted_lines, in_deleted_line
from assistant.text.duties import DUTIES_LEAD, asks_the_duties
from assistant.text.injection import instruction_like
from assistant.text.intent import ABOUT_THE_DOCUMENT
from assistant.text.labels import without_label
from assistant.text.normalize import normalize
from assistant.text.query import mention_share, mentions
from assistant.text.sentences import split_sentences
from assistant.text.worker_rights import THE_GRANT, asks_a_workers_right_to_refuse

MAX_QUOTES_PER_CLAUSE = 2
MAX_CLAUSES = 2
MAX_QUOTE_CHARS = 360  # a quote runs to the end of its sentence (with its consequence) up to this

# The verdict: a short verbatim piece of the first quote that answers what was asked, said first.
_FINE = re.compile(
    # not the 处 of 处理, 处置 or 处分: 「在事故调查处理期间擅离职守……的，给予……处分，并由……处……罚款」 is fined from its 处
    r"(?:责令[^。；：]{0,30}?[，,])?(?:处|并处|单处)(?!理|置|分)[^。；：]*?(?:罚款|收入[^。；，]*?罚款|拘留)"
)
_MEASURE = re.compile(
    r"(?:依法)?(?:责令[^。；，,：:]*|吊销[^。；，,：:]*|关闭[^。；，,：:]*|追究刑事责任|一律[^。；，,：:]*|给予[^。；，,：:]{0,8}处分)"
)
_SENTENCE = re.compile(r"处[^。；：]*?(?:有期徒刑|拘役|管制)")  # a criminal sentence: 刑法's sanctions
_AMOUNT = re.compile(r"[0-9０-９一二两三四五六七八九十百千万]|[%％]")
_YES_NO = re.compile(r"要不要|需不需要|用不用|是不是|是否|能不能|可不可以|得不得|吗[？?！!。\s]*$")
_PROHIBITION = re.compile(r"不得|禁止|严禁")
_SANCTIONED_CONDUCT = re.compile(r"的[,，]((?:依法)?(?:责令|吊销|关闭|一律|追究)[^。；，,]*)")
_MUST = re.compile(r"应当|必须")
_RIGHT = re.compile(r"有权")
_TIME = re.compile(
    # a date first, whole: 「2024年5月1日」, 「2024年底前」 (tried after a span, it stopped at 「2024年」), and with the
    # date it runs to: 「从2024年3月至2026年12月」 is the whole time of a plan
    r"(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底前|底|前|以前)?(?:(?:至|到)\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底)?)?|"
    r"每(?:半年|年|季度|季|月|周|日|天|班)(?:[^。；，,]{0,12}?次)?|(?:超过|满|不超过|不少于|不得超过|至少|最迟不得超过)?"
    # 「上一年年收入」 is the year a fine is reckoned on, no time to act in
    r"(?<![上下])[0-9一二三四五六七八九十百]+\s*(?:个)?(?:工作日|日|天|小时|个月|年)(?:以上|内|以内|前)?)"
)
# Detention with its days: 「处十五日以下拘留」.
_DETENTION = re.compile(r"处[^，,。；;]{0,8}?(?:日|天)以下(?:的)?拘留")
# The span a "how long" question asks in (「能关几天？」「多少个小时内」) and the units a clause writes it in.
_ASKED_SPAN = re.compile(r"(?:多少|几)个?(天|日|小时|月|年)")
_SPAN_UNITS = {"天": ("日", "天"), "日": ("日", "天"), "小时": ("小时",), "月": ("月",), "年": ("年",)}


# A question about detention (「除了罚钱还会被拘留吗？」) asks its days: 拘留 is given in 日.
_ASKS_DETENTION = re.compile(r"拘留|关起来|关进去|关几天|关多久")


def asked_span(question: str) -> tuple[str, ...]:
    """The units of the span ``question`` asks for (``()`` when it asks none): 「抓回来能关几天？」 is answered by
    「十五日以下拘留」, not by the 「上一年」 of the fine beside it, and so is 「除了罚钱还会被拘留吗？」."""
    m = _ASKED_SPAN.search(question)
    if m:
        return _SPAN_UNITS[m.group(1)]
    return _SPAN_UNITS["日"] if _ASKS_DETENTION.search(question) else ()


def _in_span(time: str, span: tuple[str, ...]) -> bool:
    """A time (a match of ``_TIME``) in one of the units ``span`` asks for; any time when it asks none."""
    return not span or re.sub(r"(?:以上|以内|内|以前|前)$", "", time).endswith(span)


def _states_time(text: str, span: tuple[str, ...]) -> bool:
    return any(_in_span(m.group(), span) for m in _TIME.finditer(text))


@dataclass(frozen=True)
class ScoredSentence:
    clause: Clause
    text: str
    score: float
    position: int  # index of the sentence in its clause, to keep source order


def _weight(word: str) -> float:
    return min(len(word), 6) ** 1.5


# A word inside a longer term that names another thing: 「重大事故隐患」 is a hazard, no 重大事故. 「发生重大事故，主要负责人要
# 承担什么刑事责任？」 quoted 刑法 第一百三十四条's second paragraph (强令……明知存在重大事故隐患……, five years) for its first
# (在生产、作业中违反有关安全管理的规定，因而发生重大伤亡事故……, three).
_OTHER_TERMS = {"重大事故": "重大事故隐患"}


def _without_other_terms(word: str, text: str) -> str:
    """``text`` without the longer terms that hold ``word`` and name another thing."""
    other = _OTHER_TERMS.get(word)
    return text.replace(other, "") if other else text


def score_sentences(
    clause: Clause, words: list[str], intent: str = "", span: tuple[str, ...] = ()
) -> list[ScoredSentence]:
    """Every sentence of ``clause`` scored against the question ``words`` or the statutes' words for them
    (title as context). A penalty question prefers the sentence that states the sanction, a "when" question
    the one with the time, and a question that asks a span (``span``: 「几天」 → 日/天) the sentences that state
    one in it: the asked-for thing is what the reader needs quoted."""
    context = normalize(" ".join((*clause.headings, clause.title)))
    context_score = sum(_weight(w) for w in words if w in context)
    sentences = split_sentences(clause.text)
    deleted = deleted_lines(clause.text)  # a 项 the text marks deleted is never quoted as law
    out = []
    for i, s in enumerate(sentences):
        if in_deleted_line(s.start, deleted):
            continue
        norm = normalize(s.text)
        # a word or the statutes' word for it: 「孕妇能下井吗？」 is answered by the sentence on 女职工, not the
        # one before it on 未成年人 that only shares 井下
        own = sum(_weight(w) for w in words if mentions(w, _without_other_terms(w, norm)))
        # the title sentence of a plan's item restates its heading: it is context, rarely the requirement itself. A statute's
        # article has no heading, and its title is its first sentence, which states the rule (「本条例自2024年5月1日起施行」)
        is_title = (
            i == 0
            and clause.title
            and clause.doc_level not in STATUTE_LEVELS
            and normalize(clause.title) in norm
            and len(sentences) > 1
        )
        score = own * (0.5 if is_title else 1.0) + 0.25 * context_score
        timed = bool(span or intent in ("deadline", "frequency")) and _states_time(s.text, span)
        if intent == "penalty" and _states_sanction(s.text):
            score = score * 1.5 + 1.0
        elif intent in ("deadline", "frequency") and timed:
            score = score * 1.5 + 1.0
        if span and not timed:
            # 「抓回来能关几天？」: a sentence without a span in days does not say how many (the fine of
            # 「上一年年收入」 beside 「对逃匿的处十五日以下拘留」)
            score *= 0.5
        out.append(ScoredSentence(clause, s.text, score, i))
    return out


def _states_fine(text: str) -> bool:
    fine = _FINE.search(text)
    return bool(fine and _AMOUNT.search(fine.group()))


def _states_sanction(text: str) -> bool:
    return bool(_FINE.search(text) or _MEASURE.search(text) or _SENTENCE.search(text))


def _trim(text: str) -> str:
    """Long sentences are cut at a clause boundary so quotes stay short but verbatim: after a 「；」 (the
    end of a 项 or of a tier) where there is one, else at a comma."""
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    semi = text.rfind("；", 0, MAX_QUOTE_CHARS)
    if semi > 40:
        return text[: semi + 1]
    cut = max(text.rfind(p, 0, MAX_QUOTE_CHARS) for p in ("，", ",", "、"))
    return text[: cut if cut > 40 else MAX_QUOTE_CHARS]


_BY_THE_PARAGRAPH_BEFORE = re.compile(r"依照前款(?:规定)?(?:处罚|处理|追究)")


def pick_quotes(
    hits: list[Hit],
    words: list[str],
    second_ratio: float = Config.second_clause_ratio,
    second_min_score: float = Config.second_clause_min_score,
    *,
    intent: str = "",
    about_document: bool = False,
    span: tuple[str, ...] = (),
    premise: re.Pattern[str] | None = None,
) -> list[tuple[Clause, list[str]]]:
    """The clauses to cite, in order, each with its best sentence(s) in source order.

    A second clause is cited only when its best sentence scores ``second_ratio`` of the first
    clause's best and its retrieval score is at least ``second_min_score`` (named settings in Config).
    A sentence of the first clause that ``premise`` finds is quoted first: the question's situation is its condition.
    """
    if not hits:
        return []
    picked: list[tuple[Clause, list[str]]] = []
    best_first = 0.0
    # 「来源:中国九江网」 answers nothing — but a 落款 answers when the document was signed
    usable = [h for h in hits if h.clause.kind != "closing" or about_document]
    for n, hit in enumerate(usable[:3]):
        scored = sorted(score_sentences(hit.clause, words, intent, span), key=lambda s: -s.score)
        if not scored:
            continue
        top = scored[0].score
        if n == 0:
            best_first = top
        elif top < second_ratio * best_first or top <= 0 or hit.score < second_min_score:
            continue
        chosen = [scored[0]] + [
            s for s in scored[1:MAX_QUOTES_PER_CLAUSE] if s.score >= 0.75 * top and s.score > 0
        ]
        led = next((s for s in scored if premise.search(s.text)), None) if n == 0 and premise else None
        if led is not None and _BY_THE_PARAGRAPH_BEFORE.search(led.text):
            # 「……隐瞒不报、谎报或者迟报的，依照前款规定处罚。」 is sanctioned by the sentence before it
            before = next((s for s in scored if s.position == led.position - 1), None)
            chosen = [s for s in (before, led) if s is not None]
        elif led is not None:
            # 「……导致发生生产安全事故的，给予撤职处分」 for a death at work, not the fine for a failure of duty alone
            chosen = [led, *(s for s in chosen if s.position > led.position)][:2]
        elif n == 0 and intent == "penalty" and not any(_states_fine(s.text) for s in chosen):
            # a penalty question is answered by the sanction: quote the sentence that states the
            # fine, else one that states a measure
            sanction = next((s for s in scored if _states_fine(s.text)), None)
            if sanction is None and not any(_states_sanction(s.text) for s in chosen):
                sanction = next((s for s in scored if _states_sanction(s.text)), None)
            if sanction is not None and sanction is not scored[0]:
                chosen = [scored[0], sanction]
        if n == 0 and span and not any(_states_time(s.text, span) for s in chosen):
            # 「……可处以多少日的拘留？」 is answered by the sentence that states the days
            timed = next((s for s in scored if _states_time(s.text, span) and s.score > 0), None)
            if timed is not None:
                chosen = [*chosen[:1], timed]
        chosen.sort(key=lambda s: s.position)
        quotes = _with_list([_trim(q) for q in _with_tiers(hit.clause, chosen)], hit.clause.text)
        picked.append((hit.clause, _with_lead_ins(hit.clause, [_trim(q) for q in quotes])))
        if len(picked) >= MAX_CLAUSES:
            break
    return picked


# A 「；」 piece that grades the sanction of the piece before it (「情节特别恶劣的，处三年以上七年以下有期徒刑」,
# 「逾期未改正的，责令停产停业整顿……」): a quote of the first tier alone tells the reader the lightest sanction
# is the whole of it. And a piece that only says whom the conduct before it is fined on (「对……处……罚款」): quoted
# alone it fines nobody knows what for.
_TIER = re.compile(
    r"^(?:情节|后果|逾期|拒不|构成犯罪|造成[^。；，]{0,20}?的[，,]|导致[^。；，]{0,20}?的[，,]|致使|"
    r"有违法所得|违法所得|数额|"
    # 「……的，该协议无效；对生产经营单位的主要负责人……处二万元以上十万元以下的罚款」: whom it fines, for the conduct
    # before it (安全生产法 第一百零六条, quoted alone for a drowning at stop 42)
    r"对[^。；，,]{0,30}?(?:处|给予))"
)


def _with_tiers(clause: Clause, chosen: list[ScoredSentence]) -> list[str]:
    """The chosen sentences as quotes, a sanction's 「；」 tiers kept together: a sentence stating a
    sanction runs on through the tiers that follow it, and a tier chosen alone takes the sentence it
    grades. Not a list's lead-in (「……处十万元以下的罚款；逾期未改正的，……罚款:」): the 项 quoted with it shows it
    whole. Each quote is one verbatim span of the clause text; overlapping spans merge."""
    sentences = split_sentences(clause.text)
    spans: list[list[int]] = []
    for s in chosen:
        first = last = s.position
        if _states_sanction(sentences[last].text):
            while (
                sentences[last].text.endswith(("；", ";"))
                and last + 1 < len(sentences)
                and _TIER.match(sentences[last + 1].text)
            ):
                last += 1
            if sentences[last].text.endswith(("：", ":")):
                last = s.position  # a list's lead-in: a quoted 项 carries all of it (``_with_lead_ins``)
        while (
            _TIER.match(sentences[first].text)
            and first > 0
            and sentences[first - 1].text.endswith(("；", ";"))
        ):
            first -= 1
        if spans and first <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], last)
        else:
            spans.append([first, last])
    return [clause.text[sentences[a].start : sentences[b].end] for a, b in spans]


_ITEM_LINE = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")


def _with_list(quotes: list[str], text: str) -> list[str]:
    """A quote that ends on a list's 「：」 (「矿山企业职工享有下列权利：」) runs on through the 项 that follow it,
    verbatim: the lead-in alone names the list and says nothing of what is in it. A 项 quoted on its own
    is then not repeated."""
    out: list[str] = []
    for q in quotes:
        at = text.find(q)
        if at >= 0 and q.rstrip().endswith(("：", ":")):
            lines = text[at + len(q) :].split("\n")
            items = [line for line in lines if line.strip()]
            run = []
            for line in items:
                if not _ITEM_LINE.match(line):
                    break
                run.append(line.strip())
            if run:
                q = q.rstrip() + "".join(run)  # one line: the verifier reads an answer line by line
        if not any(q != other and q in other for other in out):
            out.append(q)
    return [q for q in out if not any(q != other and q in other for other in out)]


def item_lead_in(clause: Clause, quote: str) -> str:
    """The lead-in of the 项 that ``quote`` starts (「……依照下列规定处以罚款：」), "" when the quote does not
    start a 项 or the 项 has none."""
    from assistant.ingest import statutes

    at = clause.text.find(quote)
    if at < 0 or not clause.parts:
        return ""
    pos = clause.start + at
    item = next((p for p in statutes.items(clause.parts) if p.start <= pos < p.end), None)
    if item is None or item.start < clause.start or clause.text[item.start - clause.start : at].strip():
        return ""  # not in a 项, or not from its start (the display form quotes a 项 from its start)
    # the one reading the verifier checks the display form against (verify.quote_in_article)
    return statutes.lead_in_text([clause], item, clause.text, clause.start).strip()


def _with_lead_ins(clause: Clause, quotes: list[str]) -> list[str]:
    """A quoted 项 in its display form 「<lead-in>……<item>」, so the reader sees whom it binds and the
    sanction it carries: 「（二）发生较大事故的，处一百万元以上二百万元以下的罚款」 alone does not say that
    the fine is on the 生产经营单位 responsible for the accident. The lead-in is given once per list, and a
    quote of the lead-in itself is then not repeated."""
    from assistant.ingest.statutes import ELLIPSIS

    leads = {q: item_lead_in(clause, q) for q in quotes}
    shown = [normalize(lead) for lead in leads.values() if lead]
    out: list[str] = []
    given: set[str] = set()
    for q in quotes:
        lead = leads[q]
        bare = normalize(without_label(q)).rstrip("；;。")
        if not lead and bare and any(bare in s for s in shown):
            continue  # the lead-in (or a sentence of it) itself: the 项 quoted with it says it
        if lead and lead not in given:
            given.add(lead)  # once per lead-in: the next 项 of the same list reads on from it
            out.append(f"{lead}{ELLIPSIS}{q}")
        else:
            out.append(q)
    return out


def clause_name(clause: Clause) -> str:
    """《title》label; a source that is not current says so in the answer itself (「已废止，由…废止」)."""
    if clause.doc_status and clause.doc_status != "现行有效":
        return source_label(clause.doc_title, "", clause.doc_status, clause.status_note, clause.label)
    return f"{book(clause.doc_title)}{clause.label}"


def _criminal_sentence(quotes: list[str]) -> str:
    """The first criminal sentence a quote states, with the 「；」 tiers after it up to its 「。」 or list
    colon (「处三年以下有期徒刑或者拘役；情节特别恶劣的，处三年以上七年以下有期徒刑」): the lightest tier
    alone is not the answer to 「判几年」, and 「关闭、破坏……设施」 from the list that follows is none at all."""
    for quote in quotes:
        m = _SENTENCE.search(quote)
        if m:
            ends = [at for at in (quote.find(p, m.end()) for p in "。：:") if at >= 0]
            return quote[m.start() : min(ends, default=len(quote))].rstrip("；;，,")
    return ""


# An accident's grade, as a question names it and a fine's tier states it (「（二）发生较大事故的，处上一年年收入60%的罚款」).
_GRADE = re.compile(r"(特别重大|重大|较大|一般)(?:生产安全|煤矿生产安全|安全生产|伤亡)?事故")
_TIER_START = re.compile(r"[；;：:。\n]|[（(][一二三四五六七八九十]+[）)]")


def _of_the_grade_asked(fines: list[re.Match[str]], text: str, question: str) -> re.Match[str] | None:
    """The fine of the tier for the accident grade the question names: 「煤矿发生较大事故，对矿长罚多少？」 is answered by
    「（二）发生较大事故的，处上一年年收入60%的罚款」, not by the 40% of the 一般事故 tier that comes first."""
    asked = _GRADE.search(question)
    if asked is None:
        return None
    for fine in fines:
        start = max((m.end() for m in _TIER_START.finditer(text, 0, fine.start())), default=0)
        said = _GRADE.search(text, start, fine.start())
        if said is not None and said.group(1) == asked.group(1):
            return fine
    return None


def _fine_with_its_tiers(fine: re.Match[str], text: str, quotes: list[str]) -> str:
    """A fine that holds only under its condition, with the other tiers of its sentence: 「违法所得在10万元以上的，并处违法
    所得2倍以上5倍以下的罚款；没有违法所得或者违法所得不足10万元的，并处10万元以上20万元以下的罚款」 — the 2–5 times alone
    told a mine with no illegal gains a fine it does not bear. "" when the fine is not conditioned so, no other tier follows
    it, or a tier is not within one quote (each carries its quote's mark). ``fine`` is the verdict's match in ``text``, the
    quotes joined."""
    at, after = fine.start(), fine.end()
    start = max((m.end() for m in _TIER_START.finditer(text, 0, at)), default=0)
    # a tier of its own, after the article's measures (「……没收违法所得……；违法所得在10万元以上的，」), not the article's
    # condition (「有下列行为之一的，责令限期改正，处……」), which every tier shares
    if not start or text[start - 1] not in "；;" or not re.search(r"的[，,]", text[start:at]):
        return ""
    if not re.match(r"[；;]", text[after:]):
        return ""
    ends = [e for e in (text.find(p, at) for p in "。：:") if e >= 0]
    later = list(_FINE.finditer(text, after, min(ends, default=len(text))))
    if not later:
        return ""
    span = text[start : later[-1].end()]
    if not all(any(piece in q for q in quotes) for piece in re.split(r"[；;]", span)):
        return ""
    return span


def verdict(intent: str, quotes: list[str], question: str = "") -> str:
    """The answer in a few words, taken verbatim from the first clause's quotes, or "" when the quotes
    do not say it plainly. A penalty question gets the fine, else a criminal sentence with its tiers, else
    the measure (「处二万元以上五万元以下的罚款」),
    a "may I" question 「不得」 with the consequence (「应当」 does not answer it), a "when / how often" question the
    time. Every piece is a substring of a quote shown below it, so it carries that quote's mark.
    A duty question gets 「应当」/「不得」 only when it asks yes or no (要不要, 是否 …): 「安全员管些什么」
    is not answered by 「应当」."""
    text = "".join(quotes)
    if intent == "penalty" and asked_span(question) and (detained := _DETENTION.search(text)):
        return detained.group()  # 「可处以多少日的拘留？」: the days, not the fine beside them
    if intent == "penalty":
        fines = [m for m in _FINE.finditer(text) if _AMOUNT.search(m.group())]
        graded = _of_the_grade_asked(fines, text, question)
        fine = graded or next(iter(fines), None)
        if fine is None and (sentence := _criminal_sentence(quotes)):
            return sentence
        if fine is not None and graded is None and (tiers := _fine_with_its_tiers(fine, text, quotes)):
            return tiers
        found = fine or _MEASURE.search(text)  # 「处以罚款」 names no amount: the measure says more
        return found.group().strip("，,") if found else ""
    if intent in ("permission", "duty") and question and not _YES_NO.search(question):
        return ""
    if intent in ("permission", "duty"):
        banned, must = _PROHIBITION.search(text), _MUST.search(text)
        if banned and (must or _RIGHT.search(text)):
            # the quotes say both (应当设专人管理……不得在……存放; 有权拒绝……单位不得因……拒绝……而降低其工资):
            # no one-word verdict — a 「不得」 binding the employer would tell the worker asking 「能拒绝吗」 no
            return ""
        # 「能不能……？」 is not answered by 「应当」: only a prohibition (or a sanction) says no
        word = banned if intent == "permission" else banned or must
        if word is None:
            # 「……专项外包的,依法责令改正直至停产整顿」: conduct that is sanctioned is not allowed
            sanctioned = _SANCTIONED_CONDUCT.search(text) if intent == "permission" else None
            return f"不得；违者「{sanctioned.group(1)}」" if sanctioned else ""
        measure = _MEASURE.search(text, word.end())
        head = "不得" if word is banned else "应当"
        return head + (f"；违者「{measure.group()}」" if measure else "")
    if intent in ("deadline", "frequency"):
        # the time of the kind asked, where the quotes hold both: 「五职矿长要有几年一线经历？」 is answered by
        # the 「10年以上」 of its sentence, not by the 「每年」 of the training the same sentence orders
        span = asked_span(question)
        every = list(_TIME.finditer(text))
        times = [m for m in every if _in_span(m.group(), span)] or every
        found = next((m for m in times if m.group().startswith("每") == (intent == "frequency")), None)
        found = found or (times[0] if times else None)
        return found.group().strip() if found else ""
    return ""


def _verdict_mark(key: str, quotes: list[str], words: list[str]) -> int:
    """The mark of the quote the verdict's ``key`` comes from; of several that say it, the one that says the
    question's words most fully: 「孕妇能干粉尘岗吗？」's 「不得」 is the one binding 孕期的女职工, not the one before it on
    未成年工 that shares only 职业病危害 (stop 40's user reading)."""
    having = [i for i, q in enumerate(quotes, 1) if key in q]
    if not having:
        return 1

    def said(i: int) -> float:
        norm = normalize(quotes[i - 1])
        return sum(_weight(w) * mention_share(w, norm) for w in words)

    return max(having, key=lambda i: (said(i), -i))


def compose(
    hits: list[Hit],
    words: list[str],
    *,
    intent: str = "",
    question: str = "",
    second_ratio: float = Config.second_clause_ratio,
    second_min_score: float = Config.second_clause_min_score,
) -> tuple[str, list[Citation]]:
    """The answer text with 〔n〕 marks and its citations (one per cited clause): the verdict first
    (when the quotes give one), then each cited clause with its quotes."""
    about_document = bool(ABOUT_THE_DOCUMENT.search(normalize(question)))
    # 「工人淹死了，矿长要负什么责任？」: 第九十四条's sentence that answers it is 「……导致发生生产安全事故的，给予撤职处分」
    # (search.Searcher._head_of_an_accident_first)
    premise = (
        HEAD_LED_TO_ACCIDENT if asks_what_the_head_bears(question) and not asks_a_fine(question) else None
    )
    if asks_the_duties(question):
        # 「老板对安全生产到底要管哪些事？」: all of 第二十一条's duties (search.Searcher._the_duties_asked_first)
        premise = DUTIES_LEAD
    if asks_a_workers_right_to_refuse(question):
        # 「工人发现重大事故隐患可以拒绝作业吗？」 (search.Searcher._a_workers_right_first)
        premise = THE_GRANT
    if asks_what_a_withheld_report_bears(question):
        # 「煤矿企业瞒报事故，主要负责人要承担什么责任？」: 第一百一十条's 「……隐瞒不报、谎报或者迟报的，依照前款规定处罚」
        # (search.Searcher._a_withheld_report_first)
        premise = WITHHELD_IN_LAW
    picked = pick_quotes(
        hits,
        words,
        second_ratio,
        second_min_score,
        intent=intent,
        about_document=about_document,
        span=asked_span(question),
        premise=premise,
    )
    lines: list[str] = []
    # never a verdict from an instruction, nor from a repealed provision (its source line says 已废止 and why)
    if picked and not instruction_like(picked[0][0].text) and picked[0][0].doc_status != "已废止":
        short = verdict(intent, picked[0][1], question)
        if short:
            # the mark of the quote the verdict was taken from (quotes of the first clause are 1..n)
            inner = re.search(r"「(.+?)」", short)
            key = inner.group(1) if inner else short
            n = _verdict_mark(key, picked[0][1], words)
            if not inner and "；" in short:
                # each 「；」 tier carries the mark of the quote it is in: the verifier reads a piece without one as
                # unsupported, and a fine's tiers may be two quotes (「……的，并处……罚款；」「……的，并处……罚款。」)
                pieces = short.split("；")
                marks = [_verdict_mark(piece, picked[0][1], words) for piece in pieces]
                head = "".join(f"{piece}〔{m}〕；" for piece, m in zip(pieces[:-1], marks[:-1], strict=True))
                short, n = head + pieces[-1], marks[-1]
            lines.append(f"{VERDICT_HEAD}{short}〔{n}〕。")
    citations: list[Citation] = []
    for i, (clause, quotes) in enumerate(picked):
        title = clause.title.rstrip("。")
        # a title that is the lead-in a quote now carries is not said twice
        # (「第二十一条 生产经营单位的主要负责人……负有下列职责:」 carries it after its label)
        about = (
            f"（{title}）" if title and not any(without_label(q).startswith(title) for q in quotes) else ""
        )
        lead = "根据" if i == 0 else "另见"
        body = ""
        for quote in quotes:
            n = len(citations) + 1
            body += f"「{quote}」〔{n}〕"
            citations.append(
                Citation(n, clause.doc_id, clause.doc_title, clause.label, quote, clause.chunk_id)
            )
        lines.append(f"{lead}{clause_name(clause)}{about}：{body}")
    return "\n".join(lines), citations
