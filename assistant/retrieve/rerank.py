"""Rerank the hybrid candidates with what an official's question says about the provision it wants.

Hybrid retrieval scores words; it does not know that 「罚多少」 wants the 罚则 and not the duty, that a
repealed regulation should not outrank the current one, that a question about 河南 is about the
河南 rules and one that names no province is not, or that 「判几年」 wants 刑法. Each candidate article
gets a few such features (below), and a linear score over them reorders the top candidates.

The weights are not set by hand: ``scripts/fit_ranker.py`` fits them on the ``dev`` halves of the seed
and law gold sets (listwise softmax, L2), prints the cross-validated hit@1 and writes them to
``assistant/data/ranker.json``. Without that file, or with ``rerank = false``, search is plain hybrid.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from assistant.datafiles import data_text
from assistant.schema import LOCAL_LEVELS, POLICY_LEVELS, Clause, Document
from assistant.text.normalize import normalize
from assistant.text.query import Query, mentions, names_coal, region_names, split_colloquial

FEATURES = (
    "fused",  # the hybrid score (0–1, min-max fused)
    "bm25",  # BM25 over the best BM25 of the candidates
    "dense",  # cosine minus the best cosine of the candidates
    "coverage",  # share of the question's content words in the clause (with its headings), a colloquial
    # phrase the tokenizer cut apart (「丢了」) counting as one word (``text.query.split_colloquial``)
    "title_words",  # share of the document title's words in the question
    "named",  # the question names this document (安全生产法, 特别规定 …)
    "other_named",  # the question names another document, not this one
    "role_match",  # the provision's role is what the question's intent asks for
    "penalty_mismatch",  # a penalty question, and this is not a 罚则
    "prison_match",  # a question about prison (判几年/坐牢) and a clause that imposes it
    "prison_mismatch",  # a clause that imposes prison, for a question that does not ask about it
    "time_match",  # a deadline/frequency question and a clause that states a time
    "repealed",  # the document is repealed
    "region_named",  # the document is a region's and the question names that region
    "region_unnamed",  # the document is a region's and the question names none
    "policy_doc",  # a local plan or a notice (not a law or regulation)
    "doc_relevance",  # how well the whole document matches the question (BM25 over documents), 0–1
    "doc_top",  # the document is the one that matches the question best
    "scope_mismatch",  # a question about a non-coal mine (金矿, 采石场, 尾矿库 …) and a document only for 煤矿
    "duty_support",  # a penalty question, a 罚则, and how well the duty it enforces matches (its fused score)
    "coal_unnamed",  # a document only for 煤矿, and a question that does not say 煤 (「矿山没有许可证就采矿」)
    "coverage_idf",  # coverage weighted by each word's rarity among the clauses, the document title counting
    "list_match",  # the question asks for a list (哪些, 哪几个) and the clause enumerates (（一）……（二）……)
    "part_dense",  # best cosine with any one part (款, 项 with lead-in, a plan item's sentence), minus the
    # best of the candidates, × PART_DENSE_SCALE (index.parts)
    "part_coverage",  # the best share of the question's content words found in one part
)
# The unit of part_dense: cosine gaps between candidates are ~0.01–0.05. scripts/fit_ranker.py fits the
# column at several scales (its PART_SCALES, chosen by CV) and writes the weight for this one.
PART_DENSE_SCALE = 20.0

_PRISON_Q = re.compile(r"判|刑|坐牢|罪|拘役|蹲")
_PRISON_C = re.compile(r"有期徒刑|拘役|管制")
_TIME_C = re.compile(r"[0-9一二三四五六七八九十百]+\s*(?:个)?(?:日|天|小时|年|月|周)")
_TIME_INTENTS = ("deadline", "frequency")
# A question that asks for several things, and a clause that lists them.
_LIST_Q = re.compile(r"哪些|哪几|几[个项种类条方面位]|哪[二三四五六七八九十两]|些什么|都有什么|包括什么")
_LIST_C = re.compile(r"[（(][一1][）)].*[（(][二2][）)]", re.S)
# A mine that is not a coal mine: the coal regulations do not govern it.
_NON_COAL = re.compile(r"非煤|金属非金属|[金铁铜铅锌锰磷锡钨钼铝镍银]矿|稀土|石场|采石|砂石|石灰石|萤石|尾矿")
_ROLE_FOR = {
    "penalty": ("罚则",),
    "permission": ("禁止", "义务", "权利"),
    "duty": ("义务", "禁止"),  # a prohibition is a duty not to act
    "definition": ("定义",),
    "procedure": ("程序", "义务", "权利"),  # 「向谁申请鉴定」 is answered by 「可以向……申请」, a right
    "who": ("义务", "禁止", "程序"),
    "deadline": ("期限", "义务", "程序"),
    "frequency": ("期限", "义务"),
}


@dataclass(frozen=True)
class DocFacts:
    """What the features need to know about one document, derived once from its catalog card."""

    names: tuple[str, ...]  # how a question may name it: 安全生产法, 煤矿安全生产条例, 特别规定 …
    title_words: tuple[str, ...]
    region: str  # the region a local document applies to ("" for national ones)
    repealed: bool
    policy: bool
    coal_only: bool = False  # the document governs coal mines only (煤矿 in its title)
    title: str = ""  # the normalised title: its words are the context of every clause


def doc_facts(documents: Sequence[Document], tokenize: object = None) -> dict[str, DocFacts]:
    """Facts of every document. A name is the title without 中华人民共和国, or a suffix of it of four
    or more characters that no other title ends with (「特别规定」, 「实施条例」, 「许可证条例」)."""
    from assistant.text.tokenize import content_words, tokenize_query

    cores = {d.doc_id: _core(d.catalog.title) for d in documents}
    out: dict[str, DocFacts] = {}
    for d in documents:
        core = cores[d.doc_id]
        names = {core} if core else set()
        for n in range(4, len(core)):
            suffix = core[-n:]
            if not any(o != d.doc_id and suffix in other for o, other in cores.items()):
                names.add(suffix)
                break
        region = next((r for r in region_names() if r in d.catalog.issuer or r in d.catalog.title), "")
        if d.catalog.level not in LOCAL_LEVELS:
            region = ""
        out[d.doc_id] = DocFacts(
            tuple(sorted(names, key=len, reverse=True)),
            tuple(w for w in content_words(tokenize_query(core)) if len(w) > 1),
            region,
            d.catalog.status == "已废止",
            d.catalog.level in POLICY_LEVELS,
            "煤矿" in d.catalog.title,
            normalize(d.catalog.title),
        )
    return out


def _core(title: str) -> str:
    title = re.sub(r"^中华人民共和国", "", title.strip("《》 "))
    return re.sub(r"[（(].*?[)）]$", "", title)


class DocumentMatch:
    """BM25 of a question against whole documents: which document a question is about. 「五职矿长」
    routes to the 九江 plan, 「雷管」 to the explosives regulation, before any clause is compared."""

    def __init__(self, doc_tokens: dict[str, list[str]], k1: float = 1.2, b: float = 0.75):
        from collections import Counter

        self.tf = {d: Counter(toks) for d, toks in doc_tokens.items()}
        self.length = {d: len(toks) for d, toks in doc_tokens.items()}
        self.avg = sum(self.length.values()) / max(1, len(self.length))
        n = len(self.tf)
        df = Counter(t for c in self.tf.values() for t in c)
        self.idf = {t: math.log(1 + (n - m + 0.5) / (m + 0.5)) for t, m in df.items()}
        self.k1, self.b = k1, b

    def scores(self, tokens: Sequence[str]) -> dict[str, float]:
        """Each document's score, divided by the best one (all 0 when no word is known)."""
        out = {}
        terms = [t for t in dict.fromkeys(tokens) if t in self.idf]
        for d, tf in self.tf.items():
            norm = self.k1 * (1 - self.b + self.b * self.length[d] / self.avg)
            out[d] = sum(self.idf[t] * tf[t] * (self.k1 + 1) / (tf[t] + norm) for t in terms if tf[t])
        top = max(out.values(), default=0.0)
        return {d: (v / top if top > 0 else 0.0) for d, v in out.items()}


def features(
    query: Query,
    clause: Clause,
    fused: float,
    bm25: float,
    dense: float,
    facts: DocFacts,
    named_any: bool,
    doc_score: float = 0.0,
    duty_support: float = 0.0,
    idf: Callable[[str], float] | None = None,
    part_dense: float = 0.0,
    parts: Sequence[str] = (),
) -> list[float]:
    """The feature vector of one candidate (order: ``FEATURES``). ``duty_support`` is the best fused
    score among the candidates of the duty articles this one enforces (``ingest.links``), 0 for none;
    ``part_dense`` is already relative to the candidates; ``parts`` are the article's part texts
    (``index.parts``; none: the clause is its only part)."""
    text = normalize(clause.retrieval_text())
    words = [w for w in query.content_words if len(w) > 1]
    if not query.situation:  # (a situation's weights were fitted on its words as cut)
        words += split_colloquial(query.normalized, words)
    words = words or list(query.content_words)
    in_clause = [mentions(w, text) for w in words]  # (mentions reads the synonyms: once per word)
    coverage = sum(in_clause) / max(1, len(words))
    weight = idf or (lambda _w: 1.0)
    covered = [w for w, hit in zip(words, in_clause, strict=True) if hit or w in facts.title]
    coverage_idf = sum(map(weight, covered)) / max(1e-9, sum(map(weight, words)))
    part_coverage = 0.0
    if reads_parts(query):
        part_coverage = max(
            sum(mentions(w, part) for w in words) / max(1, len(words))
            for part in map(normalize, parts or [clause.text])
        )
    title_words = sum(1 for w in facts.title_words if w in query.normalized) / max(1, len(facts.title_words))
    named = any(n in query.normalized for n in facts.names)
    roles = _ROLE_FOR.get(query.intent, ())
    role = clause.role
    if query.intent == "definition" and "定义" in clause.roles:
        # 「本法所称职业病，是指……」 is the second 款 of an article whose first says where the law applies (程序):
        # a definition question wants the clause that defines, wherever the definition stands in it
        role = "定义"
    # asked only by a penalty question: 「以前因为犯罪被判过刑，用他行不行？」 asks a permission, and 判定 is no 判
    prison_q = query.intent == "penalty" and bool(_PRISON_Q.search(query.text))
    prison_c = bool(_PRISON_C.search(clause.text))
    return [
        fused,
        bm25,
        dense,
        coverage,
        title_words,
        float(named),
        float(named_any and not named),
        float(bool(role) and role in roles),
        float(query.intent == "penalty" and role != "罚则"),
        float(prison_q and prison_c),
        float(prison_c and not prison_q),
        float(query.intent in _TIME_INTENTS and bool(_TIME_C.search(clause.text))),
        float(facts.repealed),
        float(bool(facts.region) and facts.region in query.normalized),
        float(bool(facts.region) and not query.regions),
        float(facts.policy),
        doc_score,
        float(doc_score >= 1.0),
        float(
            facts.coal_only and bool(_NON_COAL.search(query.normalized)) and not names_coal(query.normalized)
        ),
        duty_support if query.intent == "penalty" and role == "罚则" else 0.0,
        float(facts.coal_only and not names_coal(query.normalized)),
        coverage_idf,
        float(bool(_LIST_Q.search(query.text)) and bool(_LIST_C.search(clause.text))),
        part_dense if reads_parts(query) else 0.0,
        part_coverage,
    ]


def reads_parts(query: Query) -> bool:
    """Whether the part features count for ``query``. Not for a penalty question: it wants the 罚则, whose
    parts restate the duty's conduct, so a part that matches says nothing about which of the two is asked.
    Not for a described situation (`applies`): its weights are fitted without them (``RANKER_FILES``)."""
    return query.intent != "penalty" and not query.situation


@dataclass(frozen=True)
class Ranker:
    weights: tuple[float, ...]
    depth: int  # how many hybrid candidates (articles) are reranked

    def score(self, vector: Sequence[float]) -> float:
        return sum(w * x for w, x in zip(self.weights, vector, strict=True))


# `applies` ranks a described situation with weights fitted without the part features (``--whole-articles``):
# on the dev scenarios the parts moved the duty and the 罚则 down (duty in the top 3 20 → 19 of 23, 罚则
# 19 → 18), a situation's wording matching the conduct a 罚则 restates as well as the duty's
RANKER_FILES = {False: "ranker.json", True: "ranker_situation.json"}


@cache
def load_ranker(situation: bool = False) -> Ranker | None:
    """The fitted weights (``assistant/data/ranker.json``; for a situation, ``ranker_situation.json``), or
    None when none were fitted for ``FEATURES``."""
    try:
        raw = data_text(RANKER_FILES[situation])
    except FileNotFoundError:
        return None
    data = json.loads(raw)
    if tuple(data["features"]) != FEATURES:
        return None  # fitted for another feature list: refit with scripts/fit_ranker.py
    return Ranker(tuple(float(w) for w in data["weights"]), int(data["depth"]))


def softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
