"""Citation verification: every answer, whatever produced it, passes through ``verify_answer``.

A wrong citation is worse than no answer, so the verifier is deterministic and strict: a citation
survives only if its clause was among the retrieved clauses and its quote occurs verbatim (after
width/whitespace/bracket normalisation) in that clause. One elision is allowed, in exactly one form:
a quoted 项 shown with the lead-in of its 款, 「<lead-in>……<item>」 (see ``quote_in_article``). Statements whose marks all pointed at removed
or non-existent citations are dropped, and so are statements that carry no mark at all (an uncited
claim is exactly what an injected instruction produces). Surviving citations are renumbered 1..n.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from assistant.ingest import statutes
from assistant.schema import Citation, Clause, book
from assistant.text.normalize import normalize

MARK = re.compile(r"〔(\d{1,3})〕")
# A statement ends at a sentence end or a line break; the marks that follow it belong to it.
# A 「quoted」 span is atomic: the sentence ends inside it do not end the statement.
_STATEMENT = re.compile(
    r"(?:「[^」\n]*」|「(?![^」\n]*」)|[^。！？；!?;\n「])*[。！？；!?;]*(?:〔\d{1,3}〕)*[”」』）)]*(?:〔\d{1,3}〕)*\n?"
)
# Too short to be a claim (connectives such as 「具体如下：」 are allowed without a mark).
MIN_CLAIM_CHARS = 12


@dataclass
class VerifyResult:
    text: str
    citations: list[Citation]
    removed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def quote_in_clause(quote: str, clause_text: str) -> bool:
    """True when ``quote`` occurs in ``clause_text`` after normalisation (an empty quote never does)."""
    q = normalize(quote.strip().strip("「」“”\"'…."))
    return bool(q) and q in normalize(clause_text)


def quote_in_article(quote: str, pieces: list[Clause]) -> bool:
    """True when ``quote`` is verbatim in the clause whose retrieved pieces are ``pieces``, or is a
    quoted 项 in its display form 「<lead-in>……<item>」: the part before the ellipsis is exactly the
    lead-in of the 项's 款 in this article, the part after it starts at that 项 and runs within it.
    Nothing else may be elided: a second ellipsis, a lead-in of another 款 or article, a changed
    word on either side all fail."""
    body = quote.strip().strip("「」“”\"'")
    if statutes.ELLIPSIS not in body.strip("….") or not pieces:
        return quote_in_clause(quote, "".join(c.text for c in sorted(pieces, key=lambda c: c.start)))
    lead, _, item = body.partition(statutes.ELLIPSIS)
    lead, item = normalize(lead), normalize(item.rstrip("…"))
    if not lead or not item or "…" in item:
        return False
    text, offset = statutes.article_text(pieces)
    for part in statutes.items(pieces[0].parts):
        if not offset <= part.start < offset + len(text):
            continue
        if normalize(text[part.start - offset : part.end - offset]).startswith(item) and lead == normalize(
            statutes.lead_in_text(pieces, part, text, offset)
        ):
            return True
    return False


def _clause_index(clauses: Iterable[Clause]) -> dict[tuple[str, str], list[Clause]]:
    """(doc_id, label) → the retrieved pieces of that clause."""
    out: dict[tuple[str, str], list[Clause]] = {}
    for c in clauses:
        out.setdefault((c.doc_id, c.label), []).append(c)
    return out


def _claim_chars(statement: str) -> int:
    return len(re.sub(r"[\s\W_]", "", MARK.sub("", statement)))


def verify_answer(
    answer_text: str,
    citations: list[Citation],
    allowed_clauses: Iterable[Clause],
    *,
    verdict_first: bool = False,
) -> VerifyResult:
    """Check ``citations`` against the retrieved ``allowed_clauses`` and the marks in ``answer_text``.

    Returns the cleaned text (bad statements dropped, surviving marks renumbered in the order of first use),
    the surviving citations, the number of removed citations and a list of problems in Chinese.
    ``verdict_first``: the answer opens on a 「结论：」 line taken from one of the quotes below it (the extractive
    answer), and marks are numbered in the order the quotes are read: a verdict from the second quote says 〔2〕,
    not 〔1〕 before quotes reading 〔2〕〔1〕.
    """
    allowed = _clause_index(allowed_clauses)
    problems: list[str] = []
    good: dict[int, Citation] = {}
    removed = 0
    for c in citations:
        pieces = allowed.get((c.doc_id, c.clause))
        if pieces is None:
            removed += 1
            problems.append(f"〔{c.n}〕引用的{book(c.doc_title)}{c.clause}不在检索到的条款中，已删除")
        elif not quote_in_article(c.quote, pieces):
            removed += 1
            problems.append(f"〔{c.n}〕的引文不在{book(c.doc_title)}{c.clause}原文中，已删除")
        elif c.n in good:
            removed += 1
            problems.append(f"〔{c.n}〕编号重复，已删除多余的一条")
        else:
            first = pieces[0]
            good[c.n] = replace(
                c,
                doc_level=first.doc_level,
                doc_status=first.doc_status,
                status_note=first.status_note,
                chapter=first.chapter,
            )

    kept: list[str] = []
    used: list[int] = []
    for statement in (m.group() for m in _STATEMENT.finditer(answer_text) if m.group()):
        marks = [int(n) for n in MARK.findall(statement)]
        valid = [n for n in marks if n in good]
        if marks and not valid:
            missing = [n for n in marks if n not in {c.n for c in citations}]
            if missing:
                problems.append(f"答案中的〔{'〕〔'.join(map(str, missing))}〕没有对应的出处，相关陈述已删除")
            else:
                problems.append(f"陈述「{_short(statement)}」的出处未通过核验，已删除")
            continue
        if not marks and _claim_chars(statement) >= MIN_CLAIM_CHARS:
            problems.append(f"陈述「{_short(statement)}」没有标注出处，已删除")
            continue
        if marks and len(valid) < len(marks):
            problems.append(
                f"答案中的〔{'〕〔'.join(str(n) for n in marks if n not in good)}〕未通过核验，已删除该标记"
            )
        statement = MARK.sub(lambda m: m.group() if int(m.group(1)) in good else "", statement)
        kept.append(statement)
        used.extend(n for n in valid if n not in used)

    unused = [n for n in good if n not in used]
    if unused:
        problems.append(f"出处〔{'〕〔'.join(map(str, unused))}〕在答案中没有被引用，已删除")
        removed += len(unused)
    if verdict_first:
        body = [int(n) for st in kept if not st.lstrip().startswith(VERDICT_HEAD) for n in MARK.findall(st)]
        used = [*dict.fromkeys(n for n in body if n in used), *(n for n in used if n not in body)]
    renumber = {old: new for new, old in enumerate(used, 1)}
    text = "".join(kept)
    text = MARK.sub(lambda m: f"〔{renumber[int(m.group(1))]}〕", text).strip()
    final = [replace(good[old], n=new) for old, new in renumber.items()]
    return VerifyResult(text=text, citations=final, removed=removed, problems=problems)


# The extractive answer's first line: the verdict, marked with the quote it comes from.
VERDICT_HEAD = "结论："


def _short(text: str, n: int = 24) -> str:
    text = MARK.sub("", text).strip()
    return text if len(text) <= n else text[:n] + "…"
