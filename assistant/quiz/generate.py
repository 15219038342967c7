"""Question banks from clauses: blanks, choices, true/false and short answers on the facts that matter.

Every question is built on a verbatim span of one clause (``Question.template``), so its answer key
can be checked against that clause (``verify_answer_key``); the generator drops any question that
fails the check, any distractor that the corpus would make true, and near-duplicate questions.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant.content.facts import ListFact, NumberFact, list_facts, number_facts
from assistant.content.selection import select_clauses
from assistant.content.templates import BLANK, fragment, number_template
from assistant.errors import ConfigError
from assistant.quiz.model import LETTERS, TYPES, Question, QuizBank
from assistant.retrieve.search import SearcherLike
from assistant.schema import Clause
from assistant.text.normalize import contains_normalized, normalize

__all__ = ["generate_bank", "verify_answer_key", "near_duplicate", "Question", "QuizBank"]

_GENERIC_ENUM_NAMES = {"企业", "规定要求"}


# ---------------------------------------------------------------- fragments and distractors


def _number_alternatives(fact: NumberFact, pool: Iterable[NumberFact]) -> list[str]:
    """Values of the same unit: first those the corpus uses elsewhere, then near values."""
    seen = {fact.value}
    out: list[str] = []
    for other in pool:
        if other.kind == fact.kind and other.unit == fact.unit and other.value not in seen:
            seen.add(other.value)
            out.append(other.value)
    if fact.kind == "frequency":
        near = ["年", "半年", "季度", "月", "周", "两年"]
    elif fact.kind == "deadline":
        y = int(fact.value)
        near = [str(y + 1), str(y - 1), str(y + 2)]
    else:
        v = float(fact.value)
        cand = [v * 2, v / 2, v * 3, v + 1, v + 2, v * 5, v * 10]
        if v == int(v):
            cand = [x for x in cand if x == int(x)]
        near = [str(int(x)) if x == int(x) else f"{x:g}" for x in cand if x > 0]
    for value in near:
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def _also_true(template: str, filled: str, corpus: list[str]) -> bool:
    """Would the corpus make this filled-in statement true? ``corpus`` holds normalised clause texts."""
    text = normalize(template.replace(BLANK, filled, 1))
    return any(text in c for c in corpus)


@lru_cache(maxsize=4096)
def _grams(s: str) -> frozenset[str]:
    s = re.sub(r"[^\w]", "", normalize(s).replace(BLANK, "_").replace("（）", "_"))
    return frozenset(s[i : i + 2] for i in range(len(s) - 1))


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    """Character-bigram Jaccard of the normalised stems: catches rewordings of the same question."""
    ga, gb = _grams(a), _grams(b)
    return bool(ga and gb) and len(ga & gb) / len(ga | gb) >= threshold


# ---------------------------------------------------------------- builders


@dataclass
class _Ctx:
    rng: random.Random
    corpus: list[str]
    numbers: list[NumberFact]
    lists: list[ListFact]


def _explain(clause: Clause, quote: str) -> str:
    return f"依据《{clause.doc_title}》{clause.label}：「{quote}」"


def _question(
    clause: Clause,
    qtype: str,
    stem: str,
    answer: str,
    quote: str,
    template: str,
    *,
    options: list[str] | None = None,
    difficulty: str = "中",
    key_points: list[str] | None = None,
) -> Question:
    return Question(
        "",
        qtype,
        stem,
        options or [],
        answer,
        _explain(clause, quote),
        clause.doc_id,
        clause.doc_title,
        clause.label,
        clause.chunk_id,
        difficulty,
        key_points or [],
        template,
        quote,
    )


def _distractors(f: NumberFact, template: str, ctx: _Ctx, n: int = 3) -> list[str]:
    out = []
    for value in _number_alternatives(f, ctx.numbers):
        filled = value if f.kind == "frequency" else value + f.unit
        if filled not in template and not _also_true(template, filled, ctx.corpus):
            out.append(filled)
        if len(out) == n:
            break
    return out


def _display(text: str) -> str:
    """A fragment as a stem: no dangling comma at either end, a full stop at the end."""
    text = text.strip(",，;；、")
    return text if re.search(r"[。？！?)）]$", text) else text + "。"


def _shuffle(correct: list[str], wrong: list[str], ctx: _Ctx) -> tuple[list[str], str]:
    options = correct + wrong
    ctx.rng.shuffle(options)
    return options, "".join(sorted(LETTERS[options.index(c)] for c in correct))


def build_number(f: NumberFact, qtype: str, ctx: _Ctx) -> Question | None:
    template, core, frag = number_template(f)
    if qtype == "blank":
        return _question(f.clause, "blank", _display(template), core, f.sentence, template, difficulty="中")
    wrong = _distractors(f, template, ctx)
    if f.kind == "deadline" and f.unit == "年":  # a bare year (2024年到2026年) only makes a blank
        return None
    if qtype == "single" and len(wrong) == 3:
        options, answer = _shuffle([core], wrong, ctx)
        stem = _display(template.replace(BLANK, "（ ）"))
        return _question(
            f.clause, "single", stem, answer, f.sentence, template, options=options, difficulty="易"
        )
    if qtype == "judge" and wrong:
        if ctx.rng.random() < 0.5:
            return _question(f.clause, "judge", _display(frag), "对", f.sentence, frag, difficulty="易")
        changed = template.replace(BLANK, wrong[0], 1)
        return _question(f.clause, "judge", _display(changed), "错", f.sentence, changed, difficulty="中")
    return None


def _sibling_items(fact: ListFact, ctx: _Ctx, clause_text: str) -> list[str]:
    """Items of other lists (same kind first) that the cited clause does not contain."""
    own = set(fact.items)
    norm_clause = normalize(clause_text)
    out: list[tuple[int, str]] = []
    seen: set[str] = set(own)
    for lf in ctx.lists:
        if lf.span == fact.span:
            continue
        rank = 0 if lf.kind == fact.kind else 1
        for item in lf.items:
            if item not in seen and normalize(item) not in norm_clause:
                seen.add(item)
                out.append((rank, item))
    ctx.rng.shuffle(out)
    target = sum(len(i) for i in fact.items) / len(fact.items)
    out.sort(key=lambda ri: (ri[0], abs(len(ri[1]) - target) > 2))
    return [item for _, item in out]


def _list_stem_subject(fact: ListFact) -> str:
    if fact.kind == "named":
        return f"“{fact.name}”"
    title = fact.clause.title.rstrip("。") or fact.clause.label
    return f"“{title}”一条所列的{fact.name}"


def build_list(fact: ListFact, qtype: str, ctx: _Ctx) -> Question | None:
    clause = fact.clause
    if fact.kind == "enum" and fact.name in _GENERIC_ENUM_NAMES:
        return None
    if fact.kind == "series":
        return _build_series(fact, qtype, ctx)
    subject = _list_stem_subject(fact)
    siblings = _sibling_items(fact, ctx, clause.text)
    if qtype == "multi":
        correct = list(fact.items)
        if len(correct) > 4:
            correct = sorted(ctx.rng.sample(correct, 4), key=fact.items.index)
        wrong = siblings[: 6 - len(correct) if len(correct) >= 4 else 2]
        if not wrong:
            return None
        options, answer = _shuffle(correct, wrong, ctx)
        return _question(
            clause,
            "multi",
            f"下列属于{subject}的有（ ）。",
            answer,
            fact.sentence,
            fact.span,
            options=options,
            difficulty="难",
        )
    if qtype == "short":
        stem = f"请简述{subject}的具体内容。" if fact.kind == "named" else f"{subject}包括哪些？请逐项列出。"
        return _question(
            clause,
            "short",
            stem,
            "；".join(fact.items),
            fact.sentence,
            fact.span,
            difficulty="难",
            key_points=list(fact.items),
        )
    if qtype == "blank" and fact.kind == "named" and fact.name in fact.span:
        template = fact.span.replace(fact.name, BLANK, 1)
        return _question(clause, "blank", f"{template}（填写简称）", fact.name, fact.sentence, template)
    if qtype == "single" and fact.kind == "named":
        names = [
            lf.name
            for lf in ctx.lists
            if lf.kind == "named" and lf.name != fact.name and not contains_normalized(clause.text, lf.name)
        ]
        if len(names) < 3:
            return None
        ctx.rng.shuffle(names)
        options, answer = _shuffle([fact.name], names[:3], ctx)
        items = "、".join(fact.items)
        return _question(
            clause,
            "single",
            f"“{items}”合称为（ ）。",
            answer,
            fact.sentence,
            fact.span,
            options=options,
            difficulty="中",
        )
    if qtype == "judge" and siblings:
        if ctx.rng.random() < 0.5:
            return _question(
                clause, "judge", _display(fact.span), "对", fact.sentence, fact.span, difficulty="易"
            )
        i = ctx.rng.randrange(len(fact.items))
        changed = fact.span.replace(fact.items[i], siblings[0], 1)
        return _question(clause, "judge", _display(changed), "错", fact.sentence, changed, difficulty="中")
    return None


def _build_series(fact: ListFact, qtype: str, ctx: _Ctx) -> Question | None:
    """An unnamed run of items (「重要栏目、重点时段、显著版面」): recall one item, or spot a swapped one."""
    clause = fact.clause
    at = fact.sentence.find(fact.span)
    frag, _ = fragment(fact.sentence, at, at + len(fact.span))
    i = 1 + ctx.rng.randrange(len(fact.items) - 1)  # not the first item: its lead-in may be cut
    item = fact.items[i]
    pos = frag.find(item, frag.find(fact.items[i - 1]) + len(fact.items[i - 1]))
    if pos < 0:
        return None
    template = frag[:pos] + BLANK + frag[pos + len(item) :]
    if qtype == "blank":
        return _question(clause, "blank", _display(template), item, fact.sentence, template, difficulty="中")
    siblings = [s for s in _sibling_items(fact, ctx, clause.text) if s not in frag]
    if qtype == "judge" and siblings:
        if ctx.rng.random() < 0.5:
            return _question(clause, "judge", _display(frag), "对", fact.sentence, frag, difficulty="易")
        changed = template.replace(BLANK, siblings[0], 1)
        return _question(clause, "judge", _display(changed), "错", fact.sentence, changed, difficulty="中")
    return None


# ---------------------------------------------------------------- verification


def verify_answer_key(question: Question, clause_text: str) -> bool:
    """True when the clause text determines ``question.answer`` (the key is right, the distractors wrong)."""
    q, text = question, clause_text
    if q.quote and not contains_normalized(text, q.quote):
        return False
    if q.type == "short":
        return bool(q.key_points) and all(contains_normalized(text, p) for p in q.key_points)
    if q.type == "judge":
        if q.answer == "对":
            return contains_normalized(text, q.template)
        if q.answer != "错" or contains_normalized(text, q.template):
            return False
        return _one_change(q.template, q.quote)
    if q.type == "blank":
        return BLANK in q.template and contains_normalized(text, q.template.replace(BLANK, q.answer, 1))
    if q.type in ("single", "multi"):
        letters = [LETTERS.index(ch) for ch in q.answer if ch in LETTERS]
        if not letters or max(letters) >= len(q.options) or (q.type == "single") != (len(letters) == 1):
            return False
        correct = [q.options[i] for i in letters]
        wrong = [o for i, o in enumerate(q.options) if i not in letters]
        if BLANK in q.template:
            return contains_normalized(text, q.template.replace(BLANK, correct[0], 1)) and not any(
                contains_normalized(text, q.template.replace(BLANK, w, 1)) for w in wrong
            )
        if not contains_normalized(text, q.template):
            return False
        return all(contains_normalized(q.template, c) for c in correct) and not any(
            contains_normalized(text, w) for w in wrong
        )
    return False


def _one_change(changed: str, original: str) -> bool:
    """The false statement differs from a span of the original sentence in exactly one place."""
    import difflib

    sm = difflib.SequenceMatcher(None, normalize(changed), normalize(original), autojunk=False)
    blocks = [op for op in sm.get_opcodes() if op[0] != "equal"]
    inner = [
        op for op in blocks if not (op[0] == "insert" and (op[1] == 0 or op[1] == len(normalize(changed))))
    ]
    return len(inner) == 1


# ---------------------------------------------------------------- the bank


def _next_question(
    facts: list[NumberFact | ListFact],
    qtype: str,
    ctx: _Ctx,
    max_uses: int,
    uses: dict[int, int],
    used_types: set[tuple[int, str]],
    tried: set[tuple[int, str]],
    chosen: list[Question],
    by_chunk: dict[str, str],
) -> Question | None:
    for i, f in enumerate(facts):
        if uses.get(i, 0) >= max_uses or (i, qtype) in used_types:
            continue
        q = build_list(f, qtype, ctx) if isinstance(f, ListFact) else build_number(f, qtype, ctx)
        if q is None:
            continue
        used_types.add((i, qtype))
        tried.add((i, qtype))
        uses[i] = uses.get(i, 0) + 1
        if not verify_answer_key(q, by_chunk[q.chunk_id]):
            continue
        if any(
            near_duplicate(q.stem, o.stem)
            or (o.chunk_id == q.chunk_id and (o.template == q.template or o.quote == q.quote))
            or gives_away(o, q)
            or gives_away(q, o)
            for o in chosen
        ):
            continue  # the same sentence twice, or one stem answers another item
        return q
    return None


def answer_texts(q: Question) -> list[str]:
    """What a trainee must produce: the blank's key, or the text of the correct options."""
    if q.type in ("single", "multi"):
        return [
            q.options[LETTERS.index(ch)]
            for ch in q.answer
            if ch in LETTERS and LETTERS.index(ch) < len(q.options)
        ]
    if q.type == "blank":
        return [q.answer]
    return []


def gives_away(asked: Question, other: Question) -> bool:
    """Whether ``other``'s stem or options state ``asked``'s answer (at least two characters)."""
    shown = normalize(other.stem + "".join(other.options))
    return any(len(a) >= 2 and normalize(a) in shown for a in answer_texts(asked))


def _spread(facts: list[NumberFact | ListFact]) -> list[NumberFact | ListFact]:
    """Facts interleaved over the sections of their documents (the first heading of each clause), so a
    short bank draws from every section instead of the first few."""
    groups: dict[tuple[str, str], list[NumberFact | ListFact]] = {}
    for f in facts:
        c = f.clause
        groups.setdefault((c.doc_id, c.headings[0] if c.headings else ""), []).append(f)
    out: list[NumberFact | ListFact] = []
    queues = list(groups.values())
    while queues:
        out += [q.pop(0) for q in queues]
        queues = [q for q in queues if q]
    return out


def generate_bank(
    searcher: SearcherLike,
    topic: str | None = None,
    doc: str | None = None,
    n: int | None = 20,
    types: Iterable[str] = TYPES,
    seed: int = 0,
    section: str | None = None,
) -> QuizBank:
    """A bank of up to ``n`` questions (``None`` or 0: every fact once) balanced over ``types``.

    Each fact yields at most one question, so no two questions test the same span; the types take
    turns so a short bank still mixes them.
    """
    types = tuple(types)
    bad = [t for t in types if t not in TYPES]
    if bad or not types:
        raise ConfigError(f"未知的题型 {','.join(bad) or '（空）'}；可选：{','.join(TYPES)}")
    clauses = select_clauses(searcher, topic, doc, section)
    all_clauses = [c for c in searcher.clauses if c.kind != "closing"]
    ctx = _Ctx(
        random.Random(seed),
        [normalize(c.text) for c in searcher.clauses],
        [f for c in all_clauses for f in number_facts(c)],
        [f for c in all_clauses for f in list_facts(c)],
    )
    facts: list[NumberFact | ListFact] = []
    seen_spans: set[tuple[str, str]] = set()
    for c in clauses:
        found: list[NumberFact | ListFact] = [*list_facts(c), *number_facts(c)]
        for f in found:
            key = (c.chunk_id, f.span if isinstance(f, ListFact) else f"{f.sentence_start}:{f.text}")
            if key not in seen_spans:
                seen_spans.add(key)
                facts.append(f)
    facts = _spread(facts)
    by_chunk = {c.chunk_id: c.text for c in searcher.clauses}
    limit = n or 10**6
    chosen: list[Question] = []
    tried: set[tuple[int, str]] = set()
    for max_uses in (1, 2):  # first every fact once; then a second, different question on it
        uses = {i: sum(1 for (j, _) in tried if j == i) for i in range(len(facts))} if max_uses > 1 else {}
        used_types = {(i, t) for i, t in tried}
        progress = True
        while len(chosen) < limit and progress:
            progress = False
            for qtype in types:
                if len(chosen) >= limit:
                    break
                q = _next_question(facts, qtype, ctx, max_uses, uses, used_types, tried, chosen, by_chunk)
                if q is not None:
                    chosen.append(q)
                    progress = True
    order = {c.chunk_id: i for i, c in enumerate(searcher.clauses)}
    chosen.sort(key=lambda q: (TYPES.index(q.type), order.get(q.chunk_id, 0)))
    for i, q in enumerate(chosen, 1):
        q.id = f"Q{i:02d}"
    what = topic or (doc or "")
    title = f"“{what}”知识测试题库" if topic else f"《{clauses[0].doc_title}》知识测试题库"
    source = {"topic": topic, "doc": doc, "section": section, "seed": seed, "types": list(types)}
    if n and len(chosen) < n:
        source["shortfall"] = (
            f"要求 {n} 道，只出了 {len(chosen)} 道：所选范围的 {len(clauses)} 个条款中只有 {len(facts)} 处可出题的"
            "事实（数字、期限、列举），每处最多出两道不同题型的题，且不出重复或互相泄露答案的题；"
            "可扩大主题或文档范围，或增加题型"
        )
    return QuizBank(title, chosen, source)
