"""Content metrics for the eval runner: draft number fidelity, answer-key verification, duplicates,
bank sizes and short-answer grading agreement with the hand marks in ``evals/short_answers.jsonl``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.draft.compose import make_draft
from assistant.draft.fidelity import number_fidelity
from assistant.draft.model import KINDS
from assistant.quiz.generate import generate_bank, near_duplicate, verify_answer_key
from assistant.quiz.shortanswer import grade_short_answer

DRAFT_TOPICS = ("尾矿库", "应急演练", "重大事故隐患")


def evaluate_content(searcher: Any, evals_dir: str | Path) -> dict[str, Any]:
    failures: list[str] = []
    by_chunk = {c.chunk_id: c for c in searcher.clauses}
    docs = sorted({c.doc_id for c in searcher.clauses})
    ok = total = drafts = 0
    for kind in KINDS:
        for where in [{"topic": t} for t in DRAFT_TOPICS] + [{"doc": d} for d in docs]:
            draft = make_draft(searcher, kind, **where)
            drafts += 1
            a, b, problems = number_fidelity(draft, by_chunk)
            ok, total = ok + a, total + b
            failures += [f"draft {kind} {where}: {p}" for p in problems]
    per_doc: dict[str, int] = {}
    verified = n_questions = dups = 0
    for doc in docs:
        bank = generate_bank(searcher, doc=doc, n=0)
        per_doc[doc] = len(bank.questions)
        for q in bank.questions:
            n_questions += 1
            if verify_answer_key(q, by_chunk[q.chunk_id].text):
                verified += 1
            else:
                failures.append(f"answer key not verified: {doc} {q.id} {q.stem}")
        for i, q in enumerate(bank.questions):
            if any(near_duplicate(q.stem, o.stem) for o in bank.questions[:i]):
                dups += 1
                failures.append(f"near-duplicate question: {doc} {q.id} {q.stem}")
    agree = points = 0
    abs_diff = 0.0
    marked = [
        json.loads(line)
        for line in (Path(evals_dir) / "short_answers.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for item in marked:
        clause = next(
            (c.text for c in searcher.clauses if c.doc_id == item["doc_id"] and c.label == item["clause"]), ""
        )
        score, found = grade_short_answer(item["answer"], item["key_points"], clause)
        for mine, gold, point in zip(found, item["points_found"], item["key_points"], strict=False):
            points += 1
            agree += mine == gold
            if mine != gold:
                failures.append(f"grading {item['id']} {point}: auto={mine} hand={gold}")
        abs_diff += abs(score - item["score"])
    return {
        "drafts": drafts,
        "draft_numbers": total,
        "draft_number_fidelity": round(ok / total, 4) if total else 1.0,
        "questions": n_questions,
        "questions_per_doc": per_doc,
        "answer_key_verified": round(verified / n_questions, 4) if n_questions else 1.0,
        "duplicate_rate": round(dups / n_questions, 4) if n_questions else 0.0,
        "short_answers": len(marked),
        "grading_point_agreement": round(agree / points, 4) if points else 0.0,
        "grading_score_mae": round(abs_diff / len(marked), 4) if marked else 0.0,
        "failures": failures,
    }
