"""Fill-in templates over verbatim clause text: the blank, readable fragments and number templates.

A template is a verbatim span of a clause with ``BLANK`` where a fact was; quizzes ask it and drafts
turn it into a question, so both stay checkable against the clause.
"""

from __future__ import annotations

import re

from assistant.content.facts import NumberFact

BLANK = "____"
_FRAGMENT_END = re.compile(r"[，,；;。]")


def fragment(sentence: str, start: int, end: int, min_len: int = 18, max_len: int = 70) -> tuple[str, int]:
    """The comma-delimited piece of ``sentence`` holding ``[start, end)``, widened until readable.

    Returns the verbatim fragment and its offset in ``sentence``.
    """
    bounds = [0] + [m.end() for m in _FRAGMENT_END.finditer(sentence)] + [len(sentence)]
    bounds = sorted(set(bounds))
    lo = max(b for b in bounds if b <= start)
    hi = min(b for b in bounds if b >= end)
    while hi - lo < min_len:
        before = [b for b in bounds if b < lo]
        after = [b for b in bounds if b > hi]
        if before and (lo - before[-1] <= max_len - (hi - lo)):
            lo = before[-1]
        elif after and (after[0] - lo <= max_len):
            hi = after[0]
        else:
            break
    return sentence[lo:hi], lo


def number_template(f: NumberFact) -> tuple[str, str, str]:
    """(template with ____, the answer, the verbatim fragment) for a number fact."""
    core = f.value if f.kind == "frequency" else f.value + f.unit
    core_start = f.start + (1 if f.kind == "frequency" else 0) - f.sentence_start
    frag, lo = fragment(f.sentence, core_start, core_start + len(core))
    i = core_start - lo
    return frag[:i] + BLANK + frag[i + len(core) :], core, frag
