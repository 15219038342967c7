"""The drafts, quiz and grading sets: draft number fidelity, answer-key verification and duplicates of
generated banks, and grading agreement with the hand marks in ``short_answers.jsonl`` and ``fill_ins.jsonl``."""

from __future__ import annotations

from typing import Any

from assistant.draft.compose import make_draft
from assistant.draft.fidelity import number_fidelity
from assistant.draft.model import KINDS
from assistant.evaluate.datasets import read_records
from assistant.evaluate.registry import EvalContext, ratio, register, split_metrics
from assistant.evaluate.results import Failure, Metric, SetResult
from assistant.quiz.fill_in import fill_in_matches
from assistant.quiz.generate import generate_bank, near_duplicate, verify_answer_key
from assistant.quiz.shortanswer import grade_short_answer, law_elsewhere

DRAFT_TOPICS = ("尾矿库", "应急演练", "重大事故隐患")
# Ten topics a publicity office writes about: every clause a draft on one of them cites must name it
PURITY_TOPICS = (
    "尾矿库",
    "应急演练",
    "重大事故隐患",
    "外包",
    "培训",
    "爆破",
    "瓦斯",
    "事故报告",
    "罚款",
    "五职矿长",
)


def _docs(ctx: EvalContext) -> list[str]:
    return sorted({c.doc_id for c in ctx.searcher.clauses})


@register("drafts")
def drafts_set(ctx: EvalContext) -> SetResult:
    result = SetResult("drafts")
    by_chunk = {c.chunk_id: c for c in ctx.searcher.clauses}
    ok = total = drafts = 0
    for kind in KINDS:
        wheres = [(t, None) for t in DRAFT_TOPICS] + [(None, d) for d in _docs(ctx)]
        for topic, doc in wheres:
            draft = make_draft(ctx.searcher, kind, topic=topic, doc=doc)
            where = {"topic": topic} if topic else {"doc": doc}
            drafts += 1
            a, b, problems = number_fidelity(draft, by_chunk)
            ok, total = ok + a, total + b
            result.failures += [
                Failure("drafts", kind, f"{where}", "数字与所引条款一致", p) for p in problems
            ]
    result.add(
        Metric("drafts.drafts", drafts, gated=False),
        Metric("drafts.draft_numbers", total, gated=False),
        Metric("drafts.draft_number_fidelity", ratio(ok, total, empty=1.0)),
    )
    _slogans(ctx, result)
    _topic_purity(ctx, result)
    return result


def _topic_purity(ctx: EvalContext, result: SetResult) -> None:
    """Share of the clauses cited by drafts on ``PURITY_TOPICS`` (every kind) that name their topic
    (quotation marks ignored: 「“五职”矿长」). The 罚则 an article cites as 「做不到的后果」 for a duty that names
    the topic counts with that duty: it is linked to it at build (or prevails over the 罚则 that is:
    ``ingest.conflicts``), not picked by the topic."""
    import re

    from assistant.ingest.conflicts import conflicts
    from assistant.ingest.links import duties_for
    from assistant.text.normalize import contains_normalized

    def names(text: str, topic: str) -> bool:
        return contains_normalized(re.sub(r"[“”\"「」]", "", text), topic)

    by_chunk = {c.chunk_id: c for c in ctx.searcher.clauses}
    try:
        links = ctx.searcher.store.links
    except Exception:  # noqa: BLE001 - a searcher without a store has no links
        links = []
    prevails_over: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for old in conflicts().values():
        prevails_over.setdefault((old.prevailing_doc_id, old.prevailing_article), []).append(
            (old.doc_id, old.article)
        )
    named = cited = 0
    for topic in PURITY_TOPICS:
        for kind in KINDS:
            draft = make_draft(ctx.searcher, kind, topic=topic)
            on_topic = {
                (c.doc_id, c.clause)
                for c in draft.citations
                if (cl := by_chunk.get(c.chunk_id)) is not None and names(f"{cl.title}{cl.text}", topic)
            }
            for c in draft.citations:
                clause = by_chunk.get(c.chunk_id)
                text = f"{clause.title}{clause.text}" if clause is not None else c.quote
                enforced = {(x.duty_doc_id, x.duty) for x in duties_for(links, c.doc_id, c.clause)}
                for doc_id, article in prevails_over.get((c.doc_id, c.clause), ()):
                    enforced |= {(x.duty_doc_id, x.duty) for x in duties_for(links, doc_id, article)}
                cited += 1
                if names(text, topic) or enforced & on_topic:
                    named += 1
                else:
                    result.failures.append(
                        Failure(
                            "drafts",
                            f"{kind} {topic}",
                            f"〔{c.n}〕{c.doc_title} {c.clause}",
                            f"条款含“{topic}”",
                            "不含",
                        )
                    )
    result.add(
        Metric("drafts.topic_cited_clauses", cited, gated=False),
        Metric("drafts.topic_purity", ratio(named, cited, empty=1.0)),
    )


def _slogans(ctx: EvalContext, result: SetResult) -> None:
    """The slogan checker against the hand labels of ``slogans.jsonl``, and the generated slogans
    against the checker (the offline generator keeps only slogans that pass it: a guard, not a score)."""
    from assistant.answer.provision_view import article
    from assistant.draft.slogan_check import slogan_problems

    cases = ctx.gold.slogans
    agree = []
    for case in cases:
        ref = case.source
        clause_text = article(ctx.searcher, ref.doc_id, ref.clause)[0] if ref is not None else ""
        problems = slogan_problems(case.text, clause_text)
        agree.append((not problems) == case.good)
        if (not problems) != case.good:
            result.failures.append(
                Failure(
                    "drafts",
                    case.id,
                    case.text,
                    f"人工标注 {'好' if case.good else '差'}",
                    "检查通过" if not problems else "检查不通过：" + "；".join(problems),
                )
            )
    if cases:
        result.add(
            *split_metrics(
                "drafts.slogan_checker_agreement",
                [c.split for c in cases],
                lambda idx: ratio(sum(agree[i] for i in idx), len(idx)),
            )
        )


@register("quiz")
def quiz_set(ctx: EvalContext) -> SetResult:
    result = SetResult("quiz")
    by_chunk = {c.chunk_id: c for c in ctx.searcher.clauses}
    verified = n_questions = dups = 0
    per_doc: list[Metric] = []
    for doc in _docs(ctx):
        bank = generate_bank(ctx.searcher, doc=doc, n=0)
        per_doc.append(Metric(f"quiz.questions_per_doc.{doc}", len(bank.questions), gated=False))
        for i, q in enumerate(bank.questions):
            n_questions += 1
            if verify_answer_key(q, by_chunk[q.chunk_id].text):
                verified += 1
            else:
                result.failures.append(
                    Failure("quiz", f"{doc} {q.id}", q.stem, "答案与条款一致", "未通过核验")
                )
            if any(near_duplicate(q.stem, o.stem) for o in bank.questions[:i]):
                dups += 1
                result.failures.append(
                    Failure("quiz", f"{doc} {q.id}", q.stem, "不重复", "与前面的题目近似重复")
                )
    result.add(
        Metric("quiz.questions", n_questions, gated=False),
        *per_doc,
        Metric("quiz.answer_key_verified", ratio(verified, n_questions, empty=1.0)),
        Metric("quiz.duplicate_rate", ratio(dups, n_questions), "lower"),
    )
    _quiz_review(ctx, result)
    return result


def _quiz_review(ctx: EvalContext, result: SetResult) -> None:
    """The hand review in ``quiz_review.jsonl``: the banks it covers are generated again (same documents,
    or same topics for records with a ``topic``; 20 questions, the record's ``seed`` or 0); each item found in the review
    counts with its verdict. An item the review has not seen (the generator changed) is counted as
    unreviewed: coverage is gated, so a change that makes new items asks for a new review instead of
    slipping past the bad rate."""

    path = ctx.evals_dir / "quiz_review.jsonl"
    if not path.exists():
        return
    reviewed = read_records(path, required=("doc_id", "type", "stem", "answer", "verdict"))

    def bank_of(r: dict[str, Any]) -> tuple[str, str, int]:
        seed = int(r.get("seed", 0))
        return ("topic", r["topic"], seed) if r.get("topic") else ("doc", r["doc_id"], seed)

    # the options are part of an item: a new distractor asks for a new reading
    verdicts = {
        (bank_of(r), r["type"], r["stem"], r["answer"], tuple(r.get("options", []))): r for r in reviewed
    }
    known = {c.doc_id for c in ctx.searcher.clauses}
    # a bank is made again only where the knowledge base holds the documents its items came from
    banks = list(dict.fromkeys(bank_of(r) for r in reviewed if r["doc_id"] in known))
    found: list[dict[str, Any]] = []
    generated = 0
    for bank in banks:
        kind, name, seed = bank
        topic, doc = (name, None) if kind == "topic" else (None, name)
        made = generate_bank(ctx.searcher, topic=topic, doc=doc, n=20, seed=seed)
        for q in made.questions:
            generated += 1
            r = verdicts.get((bank, q.type, q.stem, q.answer, tuple(q.options)))
            if r is None:
                result.failures.append(
                    Failure("quiz", f"{name} {q.id}", q.stem, "已人工审阅", "未审阅的新题")
                )
                continue
            found.append(r)
            if r["verdict"] == "bad":
                result.failures.append(
                    Failure("quiz", r["id"], q.stem, "审阅合格", f"审阅不合格：{r['reason']}")
                )
    if not generated:
        return  # none of the reviewed documents is in this knowledge base
    result.add(
        Metric("quiz.review_items", len(found), gated=False),
        Metric("quiz.review_coverage", ratio(len(found), generated, empty=1.0)),
        *split_metrics(
            "quiz.review_bad_rate",
            [r.get("split", "dev") for r in found],
            lambda idx: ratio(sum(found[i]["verdict"] == "bad" for i in idx), len(idx)),
            "lower",
        ),
    )


@register("grading")
def grading_set(ctx: EvalContext) -> SetResult:
    result = SetResult("grading")
    cases = ctx.gold.short_answers
    pieces = {(c.doc_id, c.label): c.text for c in reversed(ctx.searcher.clauses)}

    def clause_text(doc_id: str, label: str) -> str:
        """The whole article (all its pieces); a searcher without an index store gives the first piece."""
        from assistant.answer.provision_view import article

        try:
            return article(ctx.searcher, doc_id, label)[0] or pieces.get((doc_id, label), "")
        except AttributeError:
            return pieces.get((doc_id, label), "")

    agreement: list[tuple[int, int]] = []  # (points agreeing, points) per case
    errors: list[float] = []
    flags: list[bool] = []  # a wrong point found where the hand marks one, and none where they mark none
    elsewhere = law_elsewhere(c.text for c in ctx.searcher.clauses)
    for case in cases:
        score, found, wrong = grade_short_answer(
            case.answer, list(case.key_points), clause_text(case.doc_id, case.clause), elsewhere
        )
        flags.append(bool(wrong) == bool(case.wrong_points))
        agree = 0
        for mine, gold, point in zip(found, case.points_found, case.key_points, strict=False):
            agree += mine == gold
            if mine != gold:
                result.failures.append(
                    Failure(
                        "grading",
                        case.id,
                        point,
                        f"人工判定 {'有' if gold else '无'}",
                        f"自动判定 {'有' if mine else '无'}",
                    )
                )
        agreement.append((agree, min(len(found), len(case.points_found))))
        errors.append(abs(score - case.score))
    splits = [c.split for c in cases]
    result.add(
        Metric("grading.short_answers", len(cases), gated=False),
        *split_metrics(
            "grading.grading_point_agreement",
            splits,
            lambda idx: ratio(sum(agreement[i][0] for i in idx), sum(agreement[i][1] for i in idx)),
        ),
        *split_metrics(
            "grading.wrong_point_agreement",
            splits,
            lambda idx: ratio(sum(flags[i] for i in idx), len(idx)),
        ),
        *split_metrics(
            "grading.grading_score_mae",
            splits,
            lambda idx: ratio(sum(errors[i] for i in idx), len(idx)),
            "lower",
        ),
    )
    _fill_ins(ctx, result)
    return result


def _fill_ins(ctx: EvalContext, result: SetResult) -> None:
    """Fill-in answers marked by hand (``fill_ins.jsonl``): does the grader agree with the mark?"""
    cases = ctx.gold.fill_ins
    if not cases:
        return
    agree = []
    for case in cases:
        mine = fill_in_matches(case.key, case.answer, case.stem)
        agree.append(mine == case.correct)
        if mine != case.correct:
            result.failures.append(
                Failure(
                    "grading",
                    case.id,
                    f"{case.stem}（答案 {case.key}）",
                    f"人工判定 {'对' if case.correct else '错'}：{case.answer}",
                    f"自动判定 {'对' if mine else '错'}",
                )
            )
    result.add(
        Metric("grading.fill_ins", len(cases), gated=False),
        *split_metrics(
            "grading.fill_in_agreement",
            [c.split for c in cases],
            lambda idx: ratio(sum(agree[i] for i in idx), len(idx)),
        ),
    )
