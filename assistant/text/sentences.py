"""Sentence splitting with offsets, for chunking long clauses and for picking quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at 。！？；(full or half width) or a line break; closing quotes/brackets stay with it.
_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\n+")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset into the text that was split
    end: int


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; offsets are relative to ``text`` plus ``offset``.

    Leading/trailing whitespace of each sentence is excluded from its span, and empty sentences are
    dropped, so ``text[s.start - offset:s.end - offset] == s.text`` always holds.
    """
    out: list[Sentence] = []
    pos = 0
    for m in _END.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        _append(out, text, pos, end, offset)
        pos = m.end()
    _append(out, text, pos, len(text), offset)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    s = start + lead
    out.append(Sentence(stripped, s + offset, s + len(stripped) + offset))
