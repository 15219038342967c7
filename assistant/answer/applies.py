""" "Which clause applies": for a described situation, the applicable clauses ranked, each with the
sentence that makes it apply (trigger), the consequence it states (if any), and — for a local plan
item — the national measure clause on the same subject.

Ranking is the hybrid search over the situation text, with the best 罚则 for the situation asked as
「罚什么」 merged in after the first rule; the trigger is the best-scoring sentence of the
clause (same scorer as extractive answers). The consequence is the comma-delimited segment of the
clause text holding a sanction phrase (责令…停产整顿, 一案双罚, 关闭取缔, 追究…责任 …), quoted
verbatim, preferring the trigger sentence. Nothing is paraphrased, so every field can be verified.

A statute's duty is sanctioned elsewhere, in its 法律责任 chapter: a duty or prohibition carries the
罚则 linked to it at build (``ingest.links``: by cross-reference, else by matching conduct), and a
罚则 carries the duty it enforces. The sanctions shown are the linked 罚则's own (who pays, the
verbatim fine or measure) — a consequence is never borrowed from an unrelated provision; where there
is none, the rule says 「未规定具体后果」. ``confidence`` is the reranker's probability for the rule
among the candidates (a fitted, calibrated figure), not the fused score that is 1.000 for every top hit.

The statutes' 「构成犯罪的，依照刑法有关规定追究刑事责任」 names no article: where the situation may be a crime,
the 刑法 article (``answer.criminal``: listed production-safety crimes only, each under its own condition)
follows the first rule, marked ``criminal`` and shown as 「可能涉及的犯罪（由司法机关依法认定）」.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.answer.criminal import criminal_hit
from assistant.answer.extractive import score_sentences
from assistant.answer.linked import linked as linked_to
from assistant.retrieve.search import SearcherLike
from assistant.schema import LOCAL_LEVELS, Clause, Hit, book
from assistant.text.normalize import normalize
from assistant.text.query import Query, mentions, names_coal
from assistant.text.sentences import split_sentences

_SANCTION = re.compile(
    r"停产整顿|一案双罚|关闭取缔|推倒重来|提级调查|提请.{0,8}关闭|吊销|不再延期|一律|依法.{0,6}(?:处罚|查处|追究)|"
    r"追究.{0,12}责任|倒查|约谈|通报|从重惩处|黑名单|不予|严禁|不得"
)
_SEGMENT = re.compile(r"[^，,；;。]+")
NATIONAL_KINDS = ("national-measure", "notice", "regulation", "standard")
RELATED_MIN_BM25 = 4.0  # raw BM25 of the trigger sentence against the national clause
COUNTERPART_DEPTH = 30  # the national clauses a plan item's counterpart is chosen among
MAX_PENALTIES = 6  # sanctions shown per 罚则
SANCTIONS = 2  # the best 罚则 of the situation asked as 「罚什么」, shown after its best rule
CRIMINAL_LEAD = "可能涉及的犯罪（由司法机关依法认定）"
SHOWN_CONFIDENCE = 0.005  # a rule that would print 「置信度 0.00」 is not shown as a sanction


@dataclass(frozen=True)
class Penalty:
    """One sanction of a rule's 罚则: whom it hits and the verbatim sanction (「处二万元以上五万元以下的罚款」)."""

    whom: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"whom": self.whom, "text": self.text}


@dataclass(frozen=True)
class Applicable:
    clause: Clause
    score: float
    trigger: str
    consequence: str | None
    related: Clause | None = None
    linked: tuple[Clause, ...] = ()  # the 罚则 that enforce this duty, or the duty this 罚则 enforces
    penalties: tuple[Penalty, ...] = ()  # the sanctions of this rule's 罚则 (its own or the linked one)
    confidence: float | None = None  # the reranker's probability among the candidates
    criminal: bool = False  # a 刑法 article the situation may fall under (``answer.criminal``), a lead only

    @property
    def penalty_clause(self) -> Clause | None:
        """The 罚则 this rule is sanctioned by: itself, or its first linked one."""
        if self.clause.role == "罚则":
            return self.clause
        return next((c for c in self.linked if c.role == "罚则"), None)

    def heading(self) -> str:
        """《title》label（level·status）· role（置信度 p）: what the rule is and how sure the ranking is."""
        c = self.clause
        status = "·".join(x for x in (c.doc_level, c.doc_status) if x)
        role = f" · {c.role}" if c.role else ""
        sure = (
            f"（置信度 {self.confidence:.2f}）"
            if self.confidence is not None
            else f"（检索得分 {self.score:.3f}）"
        )
        lead = f" · {CRIMINAL_LEAD}" if self.criminal else ""
        return f"{book(c.doc_title)}{c.label}{f'（{status}）' if status else ''}{role}{lead}{sure}"

    def consequence_lines(self) -> list[str]:
        """The sanction lines: the 罚则 (own or linked) with who pays what, else the clause's own
        consequence, else 「未规定具体后果」; then the duty a 罚则 enforces."""
        lines: list[str] = []
        penalty = self.penalty_clause
        if penalty is not None and self.penalties:
            where = "" if penalty is self.clause else f"{book(penalty.doc_title)}{penalty.label}："
            lines.append(f"罚则：{where}" + "；".join(_penalty_text(p) for p in self.penalties))
        elif self.consequence:
            lines.append(f"后果：「{self.consequence}」")
        else:
            lines.append("后果：未规定具体后果")
        if self.clause.role == "罚则":
            duties = [c for c in self.linked if c.role != "罚则"]
            if duties:
                lines.append("所罚义务：" + "；".join(f"{book(c.doc_title)}{c.label}" for c in duties))
        return lines

    def to_json(self) -> dict[str, Any]:
        rel = None
        if self.related is not None:
            rel = {
                "doc_id": self.related.doc_id,
                "doc_title": self.related.doc_title,
                "clause": self.related.label,
            }
        return {
            "doc_id": self.clause.doc_id,
            "doc_title": self.clause.doc_title,
            "clause": self.clause.label,
            "score": round(self.score, 4),
            "trigger": self.trigger,
            "consequence": self.consequence,
            "related_national": rel,
            "role": self.clause.role,
            "doc_level": self.clause.doc_level,
            "doc_status": self.clause.doc_status,
            "linked": [
                {"doc_id": c.doc_id, "doc_title": c.doc_title, "clause": c.label, "role": c.role}
                for c in self.linked
            ],
            "penalties": [p.to_json() for p in self.penalties],
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "criminal": self.criminal,
        }


def find_consequence(clause: Clause, trigger: str, words: Sequence[str] = ()) -> str | None:
    """The verbatim sanction segment: in the trigger sentence if it has one, else in another sentence of
    the clause that speaks of the situation (one of its ``words``).

    Another sentence's sanction is about that sentence's subject: item 12.'s 「周边300米……采石场……不再延期」
    is about quarries and says nothing of a new 头顶库, so it is not the consequence of 「严禁新建“头顶库”」.
    Prohibitions (严禁, 不得) count only inside the trigger, where they are what applies.
    """
    strong = re.compile(_SANCTION.pattern.replace("|严禁|不得", ""))
    keys = [normalize(w) for w in words if len(w) >= 2]
    others = [
        s.text
        for s in split_sentences(clause.text)
        if s.text != trigger and any(mentions(w, normalize(s.text)) for w in keys)
    ]
    for text in (trigger, *others):
        for seg in _SEGMENT.findall(text):
            # a segment ending in 的 is a condition (…经停产整顿仍达不到条件的), not the consequence
            if strong.search(seg) and not seg.rstrip().endswith("的"):
                return seg.strip()
    return None


def which_clauses_apply(searcher: SearcherLike, situation: str, k: int = 8) -> list[Applicable]:
    query = replace(searcher.query(situation), situation=True)
    first_piece = searcher.store.first_pieces
    hits = _with_sanction(searcher, query, searcher.search(query, k), k, first_piece)
    crime = criminal_hit(searcher, query)
    if crime is not None:
        # the gravest consequence, said right after the situation's best rule
        hits = [h for h in hits if h.clause.chunk_id != crime.clause.chunk_id]
        hits = [*hits[:1], crime, *hits[1:]][:k]
    words = list(query.content_words)
    links = searcher.store.links
    out: list[Applicable] = []
    for hit in hits:
        sentences = score_sentences(hit.clause, words)
        if not sentences:
            continue
        trigger = max(sentences, key=lambda s: s.score).text
        linked = linked_to(links, hit.clause, first_piece)
        rule = Applicable(
            hit.clause,
            float(hit.score),
            trigger,
            find_consequence(hit.clause, trigger, words),
            _national_counterpart(searcher, hit.clause, trigger),
            linked=linked,
            confidence=hit.sources.get("rerank"),
            criminal=crime is not None and hit is crime,
        )
        penalty = rule.penalty_clause
        if penalty is not None:
            rule = replace(rule, penalties=_penalties(searcher, penalty))
        out.append(rule)
    return out


def _with_sanction(
    searcher: SearcherLike,
    query: Query,
    hits: list[Hit],
    k: int,
    pieces: dict[tuple[str, str], Clause],
) -> list[Hit]:
    """The situation's best rule first; after it, its other rules and the best ``SANCTIONS`` 罚则 for the
    situation asked as 「罚什么」 (searched with the penalty intent), merged by the reranker's
    probability. A duty with no link, or a wrong one, still comes with the article that fines the
    conduct — as a rule of its own, with its own sanctions, never grafted onto the duty. A clause
    already shown, or linked to one shown before it, is not repeated. (Chosen on the dev scenarios:
    penalty article in the top 3 from 13 to 16 of 23, duty from 13 to 15.)"""
    links = searcher.store.links
    sanctions = [
        h
        for h in searcher.search(replace(query, intent="penalty"), SANCTIONS)
        if h.clause.role == "罚则" and h.sources.get("rerank", 1.0) >= SHOWN_CONFIDENCE
    ]
    out: list[Hit] = []
    shown: set[tuple[str, str]] = set()

    def add(hit: Hit) -> None:
        key = (hit.clause.doc_id, hit.clause.label)
        if key not in shown:
            out.append(hit)
            shown.add(key)
            shown.update((c.doc_id, c.label) for c in linked_to(links, hit.clause, pieces))

    def confidence(hit: Hit) -> float:
        return hit.sources.get("rerank", hit.score)

    rest = sorted([*hits[1:], *sanctions], key=lambda h: -confidence(h))  # stable: ties keep hits first
    for hit in [*hits[:1], *rest]:
        add(hit)
    return out[:k]


def _penalty_text(p: Penalty) -> str:
    """「whom「sanction」」, without repeating a whom the sanction text already names."""
    if not p.whom or p.whom in p.text:
        return f"「{p.text}」"
    return f"{p.whom}「{p.text}」"


def _penalties(searcher: SearcherLike, clause: Clause) -> tuple[Penalty, ...]:
    """The sanctions the ingest read in a 罚则 (whom, verbatim text), in order, without repeats."""
    provision = searcher.store.provision(clause.doc_id, clause.label)
    if provision is None:
        return ()
    out: list[Penalty] = []
    for x in provision.sanctions:
        whom = x.whom_text or "、".join(x.whom)
        item = Penalty(whom, x.text)
        if item not in out:
            out.append(item)
    return tuple(out[:MAX_PENALTIES])


def _national_counterpart(searcher: SearcherLike, clause: Clause, trigger: str) -> Clause | None:
    """For a local-plan clause, the national clause on the same subject, if one is close: a duty or measure
    (not a 罚则) of a national document in force, and of a coal-only one (煤矿 in its title) only for a
    clause that is about coal."""
    if clause.doc_kind != "local-plan":
        return None
    about_coal = names_coal(clause.text)
    national = [
        doc_id
        for doc_id, doc in searcher.store.documents.items()
        if doc.catalog.kind in NATIONAL_KINDS
        and doc_id != clause.doc_id
        # a repealed text implements nothing now; another province's rules are not national
        and doc.catalog.status != "已废止"
        and doc.catalog.level not in LOCAL_LEVELS
        # a coal regulation governs no 非煤 plan item
        and ("煤矿" not in doc.catalog.title or about_coal)
    ]
    if not national:
        return None
    # hybrid, not BM25 alone: a plan item's long sentence shares many words with many articles, and the
    # cosine says which one is on its subject (主要负责人 training → 第二十七条's 考核, not 第二十五条). One
    # search over the national documents; each document's best duty or measure (a plan item implements
    # those, not the penalty for breaking them) is a candidate, and the words decide among them.
    hits = searcher.search(searcher.query(trigger), COUNTERPART_DEPTH, doc=national, rerank=False)
    best: tuple[float, Clause] | None = None
    seen: set[str] = set()
    for hit in hits:
        if hit.clause.doc_id in seen or hit.clause.kind != "clause" or hit.clause.role == "罚则":
            continue
        seen.add(hit.clause.doc_id)
        raw = hit.sources.get("bm25", 0.0)  # a hit the words do not support is not related
        if raw >= RELATED_MIN_BM25 and (best is None or raw > best[0]):
            best = (raw, hit.clause)
    return best[1] if best else None
