"""What every offline draft shares: the numbered citations and clause sentences turned into prose."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.schema import Citation, Clause
from assistant.text.labels import without_label


class Cites:
    """Numbers citations in order of first use, one per clause."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._by_chunk: dict[str, int] = {}

    def cite(self, clause: Clause, quote: str) -> int:
        if clause.chunk_id not in self._by_chunk:
            n = len(self.items) + 1
            self.items.append(
                Citation(
                    n,
                    clause.doc_id,
                    clause.doc_title,
                    clause.label,
                    quote,
                    clause.chunk_id,
                    clause.doc_level,
                    clause.doc_status,
                    clause.status_note,
                    clause.chapter,
                )
            )
            self._by_chunk[clause.chunk_id] = n
        else:
            self._widen(self._by_chunk[clause.chunk_id], clause, quote)
        return self._by_chunk[clause.chunk_id]

    def _widen(self, n: int, clause: Clause, quote: str) -> None:
        """A second sentence cited from the same clause: the quote becomes the clause's text from the first
        of them to the end of the last, so that every line marked 〔n〕 stands in it verbatim (a slogan from
        「销号后不再作为尾矿库进行使用」 is not cited to a quote that only says 「……应当及时闭库治理」)."""
        item = self.items[n - 1]
        if quote in item.quote:
            return
        a, b = clause.text.find(item.quote), clause.text.find(quote)
        if a < 0 or b < 0:
            return
        start, end = min(a, b), max(a + len(item.quote), b + len(quote))
        self.items[n - 1] = replace(item, quote=clause.text[start:end])


def sentence(text: str) -> str:
    """A clause sentence as draft prose: no item number, a full stop instead of a semicolon."""
    text = re.sub(r"^\d+\.", "", text.strip())
    text = re.sub(r"[;；,，、:：]$", "", text)
    return text if re.search(r"[。！？]$", text) else text + "。"


def title_of(clause: Clause) -> str:
    return (clause.title or clause.label).rstrip("。.")


def short_title(doc_title: str) -> str:
    m = re.search(r"《(.+?)》", doc_title)
    return m.group(1) if m else doc_title


HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"})


def full_width(text: str) -> str:
    """Half-width punctuation as full-width, except a comma inside a number (1,000)."""
    return re.sub(r"(?<=\d),(?=\d{3})", "\x00", text).translate(HALF_TO_FULL).replace("\x00", ",")


def plain(text: str) -> str:
    """A clause sentence as article prose: no article label or item number, full-width punctuation."""
    return sentence(full_width(without_label(text.strip())))
