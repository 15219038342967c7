"""The answers set: extractive answers over the gold questions, refusal, "which clause applies" and
follow-ups. Everything runs in extractive mode so the numbers are reproducible offline.

- first_citation_accuracy: answerable questions (retrieval.jsonl) whose first cited clause is in
  ``expected`` (a refused answerable question counts as wrong);
- citation_verification_pass_rate: answered (not refused) questions whose every citation re-verifies
  against the retrieved clauses with no removals or problems;
- refusal_precision / refusal_recall: refusing negatives.jsonl (positive class) vs retrieval.jsonl;
  false_refusal_rate (lower is better);
- median_answer_chars (over answered questions) and median_fact_answer_chars (style == "fact"), lower
  is better;
- scenario_top1 / scenario_hit_rate: the first expected clause of scenarios.jsonl is first / in the
  top 3 of ``which_clauses_apply``; scenario_consequence_accuracy: the stated consequence is found;
- conversation_followup_accuracy: later turns of conversations.jsonl answered (or refused) correctly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.applies import which_clauses_apply
from assistant.answer.conversation import Conversation
from assistant.answer.engine import says_figure_unstated
from assistant.answer.verify import verify_answer
from assistant.evaluate.datasets import ClauseRef
from assistant.evaluate.metrics import median
from assistant.evaluate.registry import EvalContext, ratio, register, share_metrics, split_metrics
from assistant.evaluate.results import Failure, Metric, SetResult
from assistant.schema import Answer

SCENARIO_K = 8


def _first_cited(answer: Answer) -> ClauseRef | None:
    if answer.refused or not answer.citations:
        return None
    return ClauseRef(answer.citations[0].doc_id, answer.citations[0].clause)


def _refs(refs: tuple[ClauseRef, ...]) -> str:
    return "；".join(str(r) for r in refs) or "（无）"


def _got(answer: Answer) -> str:
    first = _first_cited(answer)
    return "refused" if answer.refused else str(first) if first else "（无）"


@dataclass(frozen=True)
class _Positive:
    split: str
    correct: bool
    refused: bool
    verified: bool
    chars: int
    fact: bool


@register("answers")
def answers_set(ctx: EvalContext) -> SetResult:
    engine, gold = ctx.engine, ctx.gold
    result = SetResult("answers")

    positives: list[_Positive] = []
    # (split, whether the question was refused because no clause found states the figure it asks)
    unstated_answerable: list[tuple[str, bool]] = []
    unstated_out_of_corpus: list[tuple[str, bool]] = []
    for case in gold.retrieval:
        answer = engine.ask(case.question)
        unstated_answerable.append((case.split, says_figure_unstated(answer)))
        first = _first_cited(answer)
        correct = first in case.expected
        if not correct:
            result.failures.append(
                Failure("answers/retrieval", case.id, case.question, _refs(case.expected), _got(answer))
            )
        verified = False
        if not answer.refused:
            allowed = [h.clause for h in engine.retrieve(answer.resolved_query or case.question).hits]
            check = verify_answer(answer.answer, answer.citations, allowed)
            verified = (
                not answer.removed_citations and check.ok and len(check.citations) == len(answer.citations)
            )
        positives.append(
            _Positive(case.split, correct, answer.refused, verified, len(answer.answer), case.style == "fact")
        )
    p_splits = [p.split for p in positives]

    def answered(idx: list[int]) -> list[_Positive]:
        return [positives[i] for i in idx if not positives[i].refused]

    result.add(
        *split_metrics(
            "answers.first_citation_accuracy",
            p_splits,
            lambda idx: ratio(sum(positives[i].correct for i in idx), len(idx)),
        ),
        *split_metrics(
            "answers.citation_verification_pass_rate",
            p_splits,
            lambda idx: ratio(sum(p.verified for p in answered(idx)), len(answered(idx))),
        ),
        *split_metrics(
            "answers.median_answer_chars",
            p_splits,
            lambda idx: median(p.chars for p in answered(idx)),
            "lower",
        ),
        *split_metrics(
            "answers.median_fact_answer_chars",
            p_splits,
            lambda idx: median(p.chars for p in answered(idx) if p.fact),
            "lower",
        ),
    )

    negatives: list[tuple[str, bool]] = []
    for neg in gold.negatives:
        answer = engine.ask(neg.question)
        negatives.append((neg.split, answer.refused))
        unstated_out_of_corpus.append((neg.split, says_figure_unstated(answer)))
        if not answer.refused:
            result.failures.append(Failure("answers/negatives", neg.id, neg.question, "refuse", _got(answer)))
    result.add(
        *share_metrics("answers.unstated_figure_on_answerable", unstated_answerable, "lower"),
        *share_metrics("answers.unstated_figure_on_out_of_corpus", unstated_out_of_corpus),
    )
    n_splits = [s for s, _ in negatives]

    def by_split(split: str | None) -> tuple[int, int, int, int]:
        """(refused negatives, negatives, false refusals, positives) of ``split`` (None: all)."""
        neg = [r for s, r in negatives if split is None or s == split]
        pos = [p for p in positives if split is None or p.split == split]
        return sum(neg), len(neg), sum(p.refused for p in pos), len(pos)

    splits = sorted(set(p_splits) | set(n_splits))
    for split in [None, *(splits if len(splits) > 1 else [])]:
        refused_neg, n_neg, false_refusals, n_pos = by_split(split)
        suffix = f"@{split}" if split else ""
        result.add(
            Metric(
                f"answers.refusal_precision{suffix}",
                ratio(refused_neg, refused_neg + false_refusals),
                split=split or "",
            ),
            Metric(f"answers.refusal_recall{suffix}", ratio(refused_neg, n_neg), split=split or ""),
            Metric(
                f"answers.false_refusal_rate{suffix}",
                ratio(false_refusals, n_pos),
                "lower",
                split=split or "",
            ),
        )

    scenario_rows: list[tuple[bool, bool, bool]] = []
    for sc in gold.scenarios:
        found = which_clauses_apply(ctx.searcher, sc.situation, k=SCENARIO_K)
        got = [ClauseRef(a.clause.doc_id, a.clause.label) for a in found]
        stated = found[0].consequence if found else None
        want = sc.consequence
        consequence_ok = bool(
            (want is None and stated is None) or (want and stated and (want in stated or stated in want))
        )
        scenario_rows.append((got[:1] == list(sc.expected[:1]), sc.expected[0] in got[:3], consequence_ok))
        if sc.expected[0] not in got[:3]:
            result.failures.append(
                Failure("answers/scenarios", sc.id, sc.situation, _refs(sc.expected), _refs(tuple(got[:3])))
            )
    s_splits = [sc.split for sc in gold.scenarios]

    def scenario_rate(column: int) -> Callable[[list[int]], float]:
        return lambda idx: ratio(sum(scenario_rows[j][column] for j in idx), len(idx))

    for column, name in enumerate(("scenario_top1", "scenario_hit_rate", "scenario_consequence_accuracy")):
        result.add(*split_metrics(f"answers.{name}", s_splits, scenario_rate(column)))

    followups: list[tuple[str, bool]] = []
    for conv_case in gold.conversations:
        conv = Conversation(engine)
        for i, turn in enumerate(conv_case.turns):
            answer = conv.ask(turn.question)
            if i == 0:
                continue
            good = answer.refused if turn.refuse else _first_cited(answer) in turn.expected
            followups.append((conv_case.split, good))
            if not good:
                wanted = "refuse" if turn.refuse else _refs(turn.expected)
                outcome = f"resolved_query={answer.resolved_query}，answer={_got(answer)}"
                result.failures.append(
                    Failure(
                        "answers/conversations", f"{conv_case.id}#{i + 1}", turn.question, wanted, outcome
                    )
                )
    result.add(
        *split_metrics(
            "answers.conversation_followup_accuracy",
            [s for s, _ in followups],
            lambda idx: ratio(sum(followups[i][1] for i in idx), len(idx)),
        )
    )
    return result
