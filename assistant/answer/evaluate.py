"""Answer metrics on the gold sets, for ``mine-assistant eval answers`` (the eval runner calls
``evaluate_answers``). Everything runs in extractive mode so the numbers are reproducible offline.

- first_citation_accuracy: answerable questions (retrieval.jsonl) whose first cited clause is in
  ``expected`` (a refused answerable question counts as wrong);
- citation_verification_pass_rate: answered (not refused) questions whose every citation re-verifies against the retrieved
  clauses with no removals or problems;
- refusal_precision / refusal_recall: refusing negatives.jsonl (positive class) vs retrieval.jsonl;
- median_answer_chars (over answered questions) and median_fact_answer_chars (style == "fact");
- scenario_top1 / scenario_hit_rate: the first expected clause of scenarios.jsonl is first / in the
  top 3 of ``which_clauses_apply``; scenario_consequence_accuracy: the stated consequence is found;
- conversation_followup_accuracy: later turns of conversations.jsonl answered (or refused) correctly.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from assistant.answer.applies import which_clauses_apply
from assistant.answer.conversation import Conversation
from assistant.answer.engine import AnswerEngine
from assistant.answer.verify import verify_answer
from assistant.config import Config


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _key(doc_id: str, clause: str) -> dict[str, str]:
    return {"doc_id": doc_id, "clause": clause}


def _first_cited(answer) -> dict[str, str] | None:  # type: ignore[no-untyped-def]
    if answer.refused or not answer.citations:
        return None
    return _key(answer.citations[0].doc_id, answer.citations[0].clause)


def evaluate_answers(
    config: Config, evals_dir: str | Path, engine: AnswerEngine | None = None
) -> dict[str, Any]:
    evals = Path(evals_dir)
    import dataclasses

    engine = engine or AnswerEngine(
        dataclasses.replace(config, llm=dataclasses.replace(config.llm, base_url=""))
    )
    failures: list[dict[str, Any]] = []
    metrics: dict[str, Any] = {}

    positives = _read(evals / "retrieval.jsonl")
    correct = verified = answered = 0
    lengths: list[int] = []
    fact_lengths: list[int] = []
    false_refusals = 0
    for row in positives:
        answer = engine.ask(row["question"])
        first = _first_cited(answer)
        if first in row["expected"]:
            correct += 1
        else:
            failures.append(
                {
                    "set": "retrieval",
                    "id": row["id"],
                    "question": row["question"],
                    "expected": row["expected"],
                    "got": "refused" if answer.refused else first,
                }
            )
        false_refusals += answer.refused
        if not answer.refused:
            lengths.append(len(answer.answer))
            if row.get("style") == "fact":
                fact_lengths.append(len(answer.answer))
        if answer.refused:
            continue
        answered += 1
        allowed = [h.clause for h in engine.searcher.search(answer.resolved_query or row["question"], 5)]
        check = verify_answer(answer.answer, answer.citations, allowed)
        verified += int(
            not answer.removed_citations and check.ok and len(check.citations) == len(answer.citations)
        )
    n = len(positives)
    metrics["first_citation_accuracy"] = correct / n
    metrics["citation_verification_pass_rate"] = verified / answered if answered else 0.0
    metrics["median_answer_chars"] = float(statistics.median(lengths)) if lengths else 0.0
    metrics["median_fact_answer_chars"] = float(statistics.median(fact_lengths)) if fact_lengths else 0.0

    negatives = _read(evals / "negatives.jsonl")
    refused_neg = 0
    for row in negatives:
        answer = engine.ask(row["question"])
        refused_neg += answer.refused
        if not answer.refused:
            failures.append(
                {
                    "set": "negatives",
                    "id": row["id"],
                    "question": row["question"],
                    "expected": "refuse",
                    "got": _first_cited(answer),
                }
            )
    flagged = refused_neg + false_refusals
    metrics["refusal_precision"] = refused_neg / flagged if flagged else 0.0
    metrics["refusal_recall"] = refused_neg / len(negatives) if negatives else 0.0
    metrics["false_refusal_rate"] = false_refusals / n

    scenarios = _read(evals / "scenarios.jsonl")
    top1 = top3 = cons = 0
    for row in scenarios:
        results = which_clauses_apply(engine.searcher, row["situation"], k=8)
        got = [_key(a.clause.doc_id, a.clause.label) for a in results]
        top1 += got[:1] == row["expected"][:1]
        top3 += row["expected"][0] in got[:3]
        stated = results[0].consequence if results else None
        want = row.get("consequence")
        cons += bool(
            (want is None and stated is None) or (want and stated and (want in stated or stated in want))
        )
        if row["expected"][0] not in got[:3]:
            failures.append(
                {
                    "set": "scenarios",
                    "id": row["id"],
                    "question": row["situation"],
                    "expected": row["expected"],
                    "got": got[:3],
                }
            )
    metrics["scenario_top1"] = top1 / len(scenarios) if scenarios else 0.0
    metrics["scenario_hit_rate"] = top3 / len(scenarios) if scenarios else 0.0
    metrics["scenario_consequence_accuracy"] = cons / len(scenarios) if scenarios else 0.0

    conversations = _read(evals / "conversations.jsonl")
    ok = total = 0
    for row in conversations:
        conv = Conversation(engine)
        for i, turn in enumerate(row["turns"]):
            answer = conv.ask(turn["question"])
            if i == 0:
                continue
            total += 1
            good = answer.refused if turn.get("refuse") else _first_cited(answer) in turn.get("expected", [])
            ok += good
            if not good:
                failures.append(
                    {
                        "set": "conversations",
                        "id": f"{row['id']}#{i + 1}",
                        "question": turn["question"],
                        "expected": turn.get("expected", "refuse"),
                        "got": {
                            "resolved_query": answer.resolved_query,
                            "answer": "refused" if answer.refused else _first_cited(answer),
                        },
                    }
                )
    metrics["conversation_followup_accuracy"] = ok / total if total else 0.0
    metrics = {k: round(float(v), 4) for k, v in metrics.items()}
    metrics["failures"] = failures
    return metrics
