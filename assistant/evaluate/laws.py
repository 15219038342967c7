"""The law sets (evals/laws/): retrieval, answers, refusal, follow-ups and `applies` over the 13 laws,
and the paraphrase set over every document. Written before any ranking was tuned on them; their
``test`` halves are reported and gated, never tuned on (evals/README.md).

- ``laws.retrieval.<method>.<hit@1|hit@5|mrr>``: a hit is any ``expected`` article (default hybrid gated);
- ``laws.answers.first_citation_accuracy``: the first cited clause is an expected one (refused = wrong);
- ``laws.answers.refusal_recall`` / ``laws.answers.false_refusal_rate``: out-of-corpus questions refused /
  answerable law questions refused;
- ``laws.answers.repealed_marked``: answers to questions about repealed rules that say 已废止 whenever
  they cite a repealed provision, and never cite one as if current;
- ``laws.conversation_followup_accuracy``: later turns of the law conversations;
- ``laws.applies.penalty_top3`` / ``laws.applies.duty_top3``: the penalty (duty) article among the top 3
  rules `applies` returns, counting a rule's linked penalty;
- ``laws.applies.criminal_found``: scenarios that are a crime (a 刑法 article in ``criminal`` or ``penalty``)
  for which `applies` names one of those articles as 可能涉及的犯罪; ``laws.applies.criminal_wrong``: scenarios
  for which it names a 刑法 article the gold does not (lower is better: a wrong crime is worse than none);
- ``paraphrases.stability``: groups whose three phrasings get the same first cited clause;
  ``paraphrases.accuracy``: phrasings whose first cited clause is the expected one.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.applies import Applicable, which_clauses_apply
from assistant.answer.conversation import Conversation
from assistant.answer.criminal import CRIMINAL_DOC
from assistant.answer.engine import says_figure_unstated
from assistant.evaluate.answers import _first_cited, _got, _refs
from assistant.evaluate.datasets import ClauseRef, LawScenarioCase, RetrievalCase
from assistant.evaluate.registry import EvalContext, ratio, register, share_metrics, split_metrics
from assistant.evaluate.results import Failure, Metric, SetResult
from assistant.evaluate.retrieval import DEPTH, score_cases
from assistant.schema import Answer

METHODS = ("hybrid", "bm25", "dense")
APPLIES_K = 8


def _retrieval(ctx: EvalContext, cases: Sequence[RetrievalCase], result: SetResult) -> None:
    searcher = ctx.searcher
    queries = [searcher.query(c.question) for c in cases]
    splits = [c.split for c in cases]
    for method in METHODS:
        ranked = [
            [(h.clause.doc_id, h.clause.label) for h in searcher.search(q, DEPTH, method=method)]
            for q in queries
        ]

        def scores(idx: list[int], r: list[list[tuple[str, str]]] = ranked) -> dict[str, float]:
            return score_cases([cases[i] for i in idx], [r[i] for i in idx])

        for metric in ("hit@1", "hit@5", "mrr"):
            result.add(
                *split_metrics(
                    f"laws.retrieval.{method}.{metric}",
                    splits,
                    lambda idx, m=metric: scores(idx)[m],  # type: ignore[misc]
                    gated=method == "hybrid",
                )
            )
        if method == "hybrid":
            for case, ranking in zip(cases, ranked, strict=True):
                relevant = {(e.doc_id, e.clause) for e in case.expected}
                if not ranking or ranking[0] not in relevant:
                    got = " ".join(ranking[0]) if ranking else "（无结果）"
                    result.failures.append(
                        Failure("laws/retrieval", case.id, case.question, _refs(case.expected), got)
                    )


def _is_repealed_citation(answer: Answer) -> bool:
    return any(c.doc_status == "已废止" for c in answer.citations)


@register("laws")
def laws_set(ctx: EvalContext) -> SetResult:
    gold, engine = ctx.gold, ctx.engine
    result = SetResult("laws")
    _retrieval(ctx, gold.laws_retrieval, result)

    rows: list[tuple[str, bool, bool]] = []  # (split, correct, refused)
    repealed: list[tuple[str, bool]] = []
    unstated_answerable: list[tuple[str, bool]] = []  # refused for an unstated figure, as in the seed set
    unstated_out_of_corpus: list[tuple[str, bool]] = []
    for case in gold.laws_retrieval:
        answer = engine.ask(case.question)
        unstated_answerable.append((case.split, says_figure_unstated(answer)))
        correct = _first_cited(answer) in case.expected
        rows.append((case.split, correct, answer.refused))
        if not correct:
            result.failures.append(
                Failure("laws/answers", case.id, case.question, _refs(case.expected), _got(answer))
            )
        if case.current or any(_status(ctx, e) == "已废止" for e in case.expected):
            ok = not _is_repealed_citation(answer) or "已废止" in answer.answer
            repealed.append((case.split, ok))
            if not ok:
                result.failures.append(
                    Failure("laws/repealed", case.id, case.question, "已废止 标明", answer.answer[:80])
                )
    splits = [r[0] for r in rows]
    result.add(
        *split_metrics(
            "laws.answers.first_citation_accuracy",
            splits,
            lambda idx: ratio(sum(rows[i][1] for i in idx), len(idx)),
        ),
        *split_metrics(
            "laws.answers.false_refusal_rate",
            splits,
            lambda idx: ratio(sum(rows[i][2] for i in idx), len(idx)),
            "lower",
        ),
        *share_metrics("laws.answers.repealed_marked", repealed, empty=1.0),
    )

    refused: list[tuple[str, bool]] = []
    for neg in gold.laws_negatives:
        answer = engine.ask(neg.question)
        refused.append((neg.split, answer.refused))
        unstated_out_of_corpus.append((neg.split, says_figure_unstated(answer)))
        if not answer.refused:
            result.failures.append(Failure("laws/negatives", neg.id, neg.question, "refuse", _got(answer)))
    result.add(
        *share_metrics("laws.answers.refusal_recall", refused),
        *share_metrics("laws.answers.unstated_figure_on_answerable", unstated_answerable, "lower"),
        *share_metrics("laws.answers.unstated_figure_on_out_of_corpus", unstated_out_of_corpus),
    )

    followups: list[tuple[str, bool]] = []
    for conv_case in gold.laws_conversations:
        conv = Conversation(engine)
        for i, turn in enumerate(conv_case.turns):
            answer = conv.ask(turn.question)
            if i == 0:
                continue
            good = answer.refused if turn.refuse else _first_cited(answer) in turn.expected
            followups.append((conv_case.split, good))
            if not good:
                wanted = "refuse" if turn.refuse else _refs(turn.expected)
                result.failures.append(
                    Failure(
                        "laws/conversations",
                        f"{conv_case.id}#{i + 1}",
                        turn.question,
                        wanted,
                        f"resolved_query={answer.resolved_query}，answer={_got(answer)}",
                    )
                )
    result.add(*share_metrics("laws.conversation_followup_accuracy", followups))

    result.add(*_applies(ctx, gold.laws_scenarios, "laws.applies", "laws/applies", result))
    result.add(*_applies(ctx, gold.laws_stories, "laws.stories", "laws/stories", result))
    return result


def _applies(
    ctx: EvalContext, cases: Sequence[LawScenarioCase], name: str, label: str, result: SetResult
) -> list[Metric]:
    """`applies` over inspector situations: the penalty and duty article in the top 3 rules, and the 刑法
    article named where the situation is a crime (metrics ``<name>.*``, failures under ``label``)."""
    penalties: list[tuple[str, bool]] = []  # (split, the penalty article in the top 3)
    duties: list[tuple[str, bool]] = []  # (split, the duty article in the top 3, or none to find)
    crimes: list[tuple[str, bool]] = []  # (split, the expected crime named) for scenarios that are a crime
    wrong_crimes: list[tuple[str, bool]] = []  # (split, a crime named that the gold does not list)
    for sc in cases:
        rules = which_clauses_apply(ctx.searcher, sc.situation, k=APPLIES_K)
        expected_crimes = {r for r in (*sc.criminal, *sc.penalty) if r.doc_id == CRIMINAL_DOC}
        named = {ClauseRef(a.clause.doc_id, a.clause.label) for a in rules if a.criminal}
        if expected_crimes:
            crimes.append((sc.split, bool(named & expected_crimes)))
        wrong_crimes.append((sc.split, bool(named - expected_crimes)))
        if named - expected_crimes or (expected_crimes and not named & expected_crimes):
            result.failures.append(
                Failure(
                    f"{label}-criminal",
                    sc.id,
                    sc.situation,
                    _refs(tuple(expected_crimes)) if expected_crimes else "（不构成犯罪）",
                    _refs(tuple(named)) if named else "（未指出）",
                )
            )
        if not sc.penalty:
            continue
        top = [rule_refs(a) for a in rules[:3]]
        named_top = {ref for refs in top for ref in refs}
        penalty_ok = any(p in named_top for p in sc.penalty)
        penalties.append((sc.split, penalty_ok))
        duties.append((sc.split, not sc.duty or any(d in named_top for d in sc.duty)))
        if not penalty_ok:
            got = "；".join(" / ".join(str(r) for r in a) for a in top) or "（无）"
            result.failures.append(Failure(label, sc.id, sc.situation, _refs(sc.penalty), got))
    return [
        *share_metrics(f"{name}.penalty_top3", penalties),
        *share_metrics(f"{name}.duty_top3", duties),
        *share_metrics(f"{name}.criminal_found", crimes),
        *share_metrics(f"{name}.criminal_wrong", wrong_crimes, direction="lower"),
    ]


def rule_refs(rule: Applicable) -> tuple[ClauseRef, ...]:
    """The articles one `applies` rule names: its clause, then any penalty or duty linked to it."""
    refs = [ClauseRef(rule.clause.doc_id, rule.clause.label)]
    for linked in getattr(rule, "linked", ()):
        refs.append(ClauseRef(linked.doc_id, linked.label))
    return tuple(refs)


def _status(ctx: EvalContext, ref: ClauseRef) -> str:
    doc = ctx.searcher.store.documents.get(ref.doc_id)
    return doc.catalog.status if doc else ""


@register("paraphrases")
def paraphrases_set(ctx: EvalContext) -> SetResult:
    result = SetResult("paraphrases")
    stable: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    for group in ctx.gold.paraphrases:
        firsts = [_first_cited(ctx.engine.ask(q)) for q in group.phrasings]
        same = len(set(firsts)) == 1 and firsts[0] is not None
        stable.append((group.split, same))
        right += [(group.split, f in group.expected) for f in firsts]
        if not same:
            got = " | ".join(str(f) if f else "refused" for f in firsts)
            result.failures.append(
                Failure("paraphrases", group.id, " / ".join(group.phrasings), _refs(group.expected), got)
            )
    result.add(
        *share_metrics("paraphrases.stability", stable),
        *share_metrics("paraphrases.accuracy", right),
    )
    return result
