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

from dataclasses import dataclass

from assistant.config import Config
from assistant.schema import Citation, Clause, Hit, source_label
from assistant.text.normalize import normalize
from assistant.text.sentences import split_sentences

MAX_QUOTES_PER_CLAUSE = 2
MAX_CLAUSES = 2
MAX_QUOTE_CHARS = 220


@dataclass(frozen=True)
class ScoredSentence:
    clause: Clause
    text: str
    score: float
    position: int  # index of the sentence in its clause, to keep source order


def _weight(word: str) -> float:
    return min(len(word), 6) ** 1.5


def score_sentences(clause: Clause, words: list[str]) -> list[ScoredSentence]:
    """Every sentence of ``clause`` scored against the question ``words`` (title as context)."""
    context = normalize(" ".join((*clause.headings, clause.title)))
    context_score = sum(_weight(w) for w in words if w in context)
    sentences = split_sentences(clause.text)
    out = []
    for i, s in enumerate(sentences):
        norm = normalize(s.text)
        own = sum(_weight(w) for w in words if w in norm)
        is_title = i == 0 and clause.title and normalize(clause.title) in norm and len(sentences) > 1
        # the title sentence restates the heading: it is context, rarely the requirement itself
        score = own * (0.5 if is_title else 1.0) + 0.25 * context_score
        out.append(ScoredSentence(clause, s.text, score, i))
    return out


def _trim(text: str) -> str:
    """Long sentences are cut at a clause boundary (a comma) so quotes stay short but verbatim."""
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    cut = max(text.rfind(p, 0, MAX_QUOTE_CHARS) for p in ("，", ",", "、"))
    return text[: cut if cut > 40 else MAX_QUOTE_CHARS]


def pick_quotes(
    hits: list[Hit],
    words: list[str],
    second_ratio: float = Config.second_clause_ratio,
    second_min_score: float = Config.second_clause_min_score,
) -> list[tuple[Clause, list[str]]]:
    """The clauses to cite, in order, each with its best sentence(s) in source order.

    A second clause is cited only when its best sentence scores ``second_ratio`` of the first
    clause's best and its retrieval score is at least ``second_min_score`` (named settings in Config).
    """
    if not hits:
        return []
    picked: list[tuple[Clause, list[str]]] = []
    best_first = 0.0
    for n, hit in enumerate(hits[:3]):
        scored = sorted(score_sentences(hit.clause, words), key=lambda s: -s.score)
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
        chosen.sort(key=lambda s: s.position)
        picked.append((hit.clause, [_trim(s.text) for s in chosen]))
        if len(picked) >= MAX_CLAUSES:
            break
    return picked


def clause_name(clause: Clause) -> str:
    """《title》label; a source that is not current says so in the answer itself (「已废止，由…废止」)."""
    if clause.doc_status and clause.doc_status != "现行有效":
        return source_label(clause.doc_title, "", clause.doc_status, clause.status_note, clause.label)
    return f"《{clause.doc_title}》{clause.label}"


def compose(
    hits: list[Hit],
    words: list[str],
    *,
    second_ratio: float = Config.second_clause_ratio,
    second_min_score: float = Config.second_clause_min_score,
) -> tuple[str, list[Citation]]:
    """The answer text with 〔n〕 marks and its citations (one per cited clause)."""
    picked = pick_quotes(hits, words, second_ratio, second_min_score)
    lines: list[str] = []
    citations: list[Citation] = []
    for i, (clause, quotes) in enumerate(picked):
        about = f"（{clause.title.rstrip('。')}）" if clause.title else ""
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
