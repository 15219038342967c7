"""Which duty a penalty enforces: links from each 罚则 (per 款 or 项) to the articles it sanctions.

``link_penalties`` works on the analysed articles of one document. A penalty unit is linked

1. by its resolved cross-references (「违反本条例第三十七条第一款规定」) to the referenced articles,
   when those are not penalties themselves (「依照本条例第十九条的规定处罚」 names a sanction, not a
   duty); a 款 that says 「有前款违法行为」 takes the links of the 款 before it;
2. else by its conduct: the conduct's tokens are matched against every non-penalty 款 and 项 of the
   same law (and of the laws it names, when given) with an injected tokenizer. The score is the
   IDF-weighted share of the conduct's tokens found in the candidate, plus a bonus when both name the
   same subject (主要负责人 …), times a factor when one binds the state (监管部门, 地方政府) and the
   other does not. An article is linked when its best unit scores at least ``threshold`` and at
   least ``ratio`` × the best article's score, up to ``max_links`` articles. The laws a penalty
   names are searched only when its own law has no article above the threshold.

The numbers are fitted by ``scripts/fit_links.py`` on the ``dev`` links of
``evals/laws/links.jsonl`` and stored in ``assistant/data/link_params.json``.
``penalties_for`` and ``duties_for`` read the links both ways.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from assistant.datafiles import data_text
from assistant.ingest.provisions import Provision, Ref, Unit
from assistant.ingest.subjects import OFFICIAL_SUBJECTS

Tokenizer = Callable[[str], list[str]]

# The linking rules' version: the index records it (with the parameters' hash), so a build after a
# change of rules links again instead of keeping the old links.
LINKS_VERSION = "links-2"

# Legal boilerplate every penalty and duty shares: matching on it links anything to anything.
_BOILERPLATE = frozenset(
    "未 不 按照 依照 规定 本法 本条例 本规定 本办法 有关 依法 国家 应当 必须 不得 或者 以及 并 下列 行为 情形 "
    "之一 单位 生产经营 生产 经营 安全 违反 相应 其他 有 没有".split()
)


@dataclass(frozen=True)
class Link:
    """Penalty unit → duty article (with the 款/项 whose wording matched best)."""

    doc_id: str
    penalty: str
    paragraph: int
    item: str | None
    duty_doc_id: str
    duty: str
    duty_paragraph: int | None
    duty_item: str | None
    score: float
    reason: str  # "ref" | "conduct"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LinkParams:
    threshold: float
    ratio: float
    subject_bonus: float
    state_mismatch: float  # factor on the score when exactly one side binds the state
    measure: str = "coverage"  # coverage | dice | cosine
    max_links: int = 3
    granularity: str = "unit"  # unit | sentence | both: what a conduct is matched against


@cache
def default_params() -> LinkParams:
    data = json.loads(data_text("link_params.json"))
    return LinkParams(
        **{
            k: data[k]
            for k in (
                "threshold",
                "ratio",
                "subject_bonus",
                "state_mismatch",
                "measure",
                "max_links",
                "granularity",
            )
        }
    )


def _default_tokenizer() -> Tokenizer:
    from assistant.text.tokenize import tokenize

    return tokenize


@dataclass(frozen=True)
class _Candidate:
    doc_id: str
    article: str
    unit: Unit
    tokens: frozenset[str]
    subjects: frozenset[str]


def link_penalties(
    provisions: Sequence[Provision],
    tokenizer: Tokenizer | None = None,
    params: LinkParams | None = None,
    named: Mapping[str, Sequence[Provision]] | None = None,
) -> list[Link]:
    """Links from every penalty unit of one document to the duties it sanctions (see module doc).

    ``named`` maps a law's title as cited (「中华人民共和国安全生产法」) to its analysed articles, so a
    penalty that says 「依照《中华人民共和国安全生产法》有关规定予以处罚」 is matched against that law's
    duties too.
    """
    tok = tokenizer or _default_tokenizer()
    params = params or default_params()
    named = named or {}
    by_doc: dict[str, dict[str, Provision]] = {}
    for p in provisions:
        by_doc.setdefault(p.doc_id, {})[p.label] = p
    for others in named.values():
        for p in others:
            by_doc.setdefault(p.doc_id, {}).setdefault(p.label, p)
    token_cache: dict[str, frozenset[str]] = {}

    def tokens(text: str) -> frozenset[str]:
        if text not in token_cache:
            token_cache[text] = frozenset(t for t in tok(text) if t not in _BOILERPLATE)
        return token_cache[text]

    units = _candidates(provisions, tokens)
    own = units if params.granularity == "unit" else _candidates(provisions, tokens, params.granularity)
    idf = _idf([c.tokens for c in units] + [tokens(_query(u)) for p in provisions for u in p.penalty_units()])
    links: list[Link] = []
    for p in provisions:
        done: dict[int, list[Link]] = {}
        for u in p.penalty_units():
            found = _by_refs(p, u, by_doc)
            if not found and u.refers_back:
                found = [_moved(x, p, u) for x in done.get(u.paragraph - 1, [])]
            if not found:
                found = _by_duty_list(p, u, by_doc.get(p.doc_id, {}))
            if not found:
                found = _by_conduct(p, u, tokens(_query(u)), own, idf, params)
            if not found and (titles := _laws_named(p, u)):
                pool = [
                    c
                    for title in titles
                    for c in _candidates(named.get(title, ()), tokens, params.granularity)
                ]
                found = _by_conduct(p, u, tokens(_query(u)), pool, idf, params)
            done.setdefault(u.paragraph, []).extend(found)
            links.extend(found)
    return links


def penalties_for(
    links: Iterable[Link], doc_id: str, article: str, paragraph: int | None = None
) -> list[Link]:
    """The links into one duty article (or one of its 款): the penalties that enforce it."""
    return [
        x
        for x in links
        if x.duty_doc_id == doc_id
        and x.duty == article
        and (paragraph is None or x.duty_paragraph in (None, paragraph))
    ]


def duties_for(
    links: Iterable[Link], doc_id: str, article: str, paragraph: int | None = None, item: str | None = None
) -> list[Link]:
    """The links out of one penalty article (or one of its 款/项): the duties it enforces."""
    return [
        x
        for x in links
        if x.doc_id == doc_id
        and x.penalty == article
        and (paragraph is None or x.paragraph == paragraph)
        and (item is None or x.item == item)
    ]


# ---------------------------------------------------------------------------------------- internals


def _query(u: Unit) -> str:
    return "\n".join(c.text for c in u.conducts)


def _candidates(
    provisions: Iterable[Provision], tokens: Callable[[str], frozenset[str]], granularity: str = "unit"
) -> list[_Candidate]:
    """Every non-penalty 款 and 项 (``unit``), every sentence of them (``sentence``), or ``both``.

    A sentence is bound by the subjects it names before its 应当/不得; a 项's sentences by those of
    its lead-in (「主要负责人对本单位安全生产工作负有下列职责：」).
    """
    out = []
    for p in provisions:
        lead_subjects: dict[int, frozenset[str]] = {}
        for u in p.units:
            heads = frozenset(s.norm for s in u.subjects if s.head)
            if u.item is None:
                lead_subjects[u.paragraph] = heads
            if u.role == "罚则":
                continue
            if granularity in ("unit", "both"):
                out.append(_Candidate(p.doc_id, p.label, u, tokens(p.text[u.start : u.end]), heads))
            if granularity in ("sentence", "both"):
                for st in u.statements:
                    if st.role == "罚则":
                        continue
                    bound = frozenset(s.norm for s in st.subjects if s.head) or lead_subjects.get(
                        u.paragraph, heads
                    )
                    out.append(_Candidate(p.doc_id, p.label, u, tokens(st.text), bound))
    return out


def _idf(docs: list[frozenset[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d)
    n = len(docs)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def _by_conduct(
    p: Provision,
    u: Unit,
    query: frozenset[str],
    pool: list[_Candidate],
    idf: Mapping[str, float],
    params: LinkParams,
) -> list[Link]:
    q_mass = _mass(query, idf, params.measure)
    if not q_mass:
        return []
    who = frozenset(s.norm for s in u.subjects if s.head) | frozenset(
        w for s in p.sanctions_for(u) for w in s.whom
    )
    # A penalty that names nobody hits whoever acted, an enterprise or a person: the state's own
    # penalties always name the 部门 or 工作人员 they hit.
    state = _binds_state(who) if who else False
    best: dict[tuple[str, str], tuple[float, Unit]] = {}
    for c in pool:
        if c.doc_id == p.doc_id and c.article == p.label:
            continue
        score = _similarity(query, q_mass, c.tokens, idf, params.measure)
        if who & c.subjects:
            score += params.subject_bonus
        if c.subjects and state is not None and _binds_state(c.subjects) != state:
            score *= params.state_mismatch
        key = (c.doc_id, c.article)
        if key not in best or score > best[key][0]:
            best[key] = (score, c.unit)
    ranked = [
        Link(
            p.doc_id,
            p.label,
            u.paragraph,
            u.item,
            doc_id,
            article,
            unit.paragraph,
            unit.item,
            round(score, 4),
            "conduct",
        )
        for (doc_id, article), (score, unit) in best.items()
    ]
    return keep(ranked, params)


def keep(candidates: Iterable[Link], params: LinkParams) -> list[Link]:
    """The best-scored candidates that pass ``threshold`` and ``ratio`` × the best, at most ``max_links``."""
    ranked = sorted(candidates, key=lambda x: (-x.score, x.duty_doc_id, x.duty))
    if not ranked:
        return []
    top = ranked[0].score
    return [
        x for x in ranked[: params.max_links] if x.score >= params.threshold and x.score >= params.ratio * top
    ]


def _mass(tokens: frozenset[str], idf: Mapping[str, float], measure: str) -> float:
    power = 2 if measure == "cosine" else 1
    return sum(idf.get(t, 1.0) ** power for t in tokens)


def _similarity(
    query: frozenset[str], q_mass: float, doc: frozenset[str], idf: Mapping[str, float], measure: str
) -> float:
    """IDF-weighted overlap: ``coverage`` of the conduct, ``dice`` of both, or ``cosine``."""
    common = query & doc
    if not common:
        return 0.0
    if measure == "coverage":
        return _mass(common, idf, measure) / q_mass
    d_mass = _mass(doc, idf, measure)
    if measure == "dice":
        return 2 * _mass(common, idf, measure) / (q_mass + d_mass)
    return _mass(common, idf, measure) / math.sqrt(q_mass * d_mass)


def _by_refs(p: Provision, u: Unit, by_doc: Mapping[str, Mapping[str, Provision]]) -> list[Link]:
    out = []
    for r in p.refs:
        if r.start is not None and not (u.start <= r.start < u.end):
            continue
        target = by_doc.get(r.doc_id, {}).get(r.article)
        if target is None or target.label == p.label or _is_penalty(target, r):
            continue
        out.append(
            Link(p.doc_id, p.label, u.paragraph, u.item, r.doc_id, r.article, r.paragraph, None, 1.0, "ref")
        )
    return list(dict.fromkeys(out))


# 「主要负责人未履行本法规定的安全生产管理职责的」 refers, without naming it, to the article that lists
# that party's 职责 (「主要负责人对本单位安全生产工作负有下列职责：」).
_DUTIES_UNFULFILLED = re.compile(
    r"未(?:依法)?履行(?:本法|本条例|本规定|本办法)?(?:规定的)?[^，。；]{0,12}职责"
)
_DUTY_LIST = re.compile(r"(?:负有|履行)下列[^，。；：:]{0,8}职责[：:]")


def _by_duty_list(p: Provision, u: Unit, same_doc: Mapping[str, Provision]) -> list[Link]:
    """A penalty for not fulfilling the 职责 the law gives a party links to the articles that list the
    职责 of that same party (the subjects each names before 负有/履行下列职责)."""
    if not any(_DUTIES_UNFULFILLED.search(c.text) for c in u.conducts):
        return []
    who = frozenset(s.norm for s in u.subjects if s.head)
    out = []
    for target in same_doc.values():
        if target.label == p.label or target.role == "罚则":
            continue
        for t in target.units:
            if t.item is not None or not _DUTY_LIST.search(target.text[t.start : t.end]):
                continue
            bound = frozenset(s.norm for s in t.subjects if s.head)
            if who & bound and not _binds_state(bound):
                out.append(
                    Link(
                        p.doc_id,
                        p.label,
                        u.paragraph,
                        u.item,
                        p.doc_id,
                        target.label,
                        t.paragraph,
                        None,
                        1.0,
                        "ref",
                    )
                )
    return out


def _is_penalty(target: Provision, r: Ref) -> bool:
    """A reference to a 罚则 names where the sanction is, not the duty (unless it names a duty 款)."""
    if r.paragraph is not None:
        try:
            return target.unit(r.paragraph).role == "罚则"
        except KeyError:
            return True
    return target.role == "罚则"


def _moved(x: Link, p: Provision, u: Unit) -> Link:
    return Link(
        p.doc_id,
        p.label,
        u.paragraph,
        u.item,
        x.duty_doc_id,
        x.duty,
        x.duty_paragraph,
        x.duty_item,
        x.score,
        "ref",
    )


def _binds_state(subjects: frozenset[str]) -> bool | None:
    """True when every named subject is the state's, False when none is, None when unknown or mixed."""
    if not subjects:
        return None
    official = subjects & OFFICIAL_SUBJECTS
    return True if official == subjects else (False if not official else None)


def _laws_named(p: Provision, u: Unit) -> list[str]:
    titles = [law.strip("《》") for s in p.sanctions_for(u) for law in getattr(s, "laws", ())]
    return list(dict.fromkeys(titles))
