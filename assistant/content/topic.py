"""Whether a text is about a topic, not naming it in passing (shared by drafts and quiz banks)."""

from __future__ import annotations

import re

QUOTES = re.compile(r"[“”\"'「」‘’]")


def central(text: str, topic: str) -> bool:
    """Whether ``text`` is about ``topic``, not naming it in passing inside a list (「露天矿山、尾矿库企业」).
    Quotation marks do not count: 「“五职”矿长」 names 五职矿长."""
    text, topic = QUOTES.sub("", text), QUOTES.sub("", topic)
    for m in re.finditer(re.escape(topic), text):
        if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()):
            continue  # inside a document's title
        before = text[m.start() - 1 : m.start()]
        after = re.sub(r"^(?:企业|单位|等)", "", text[m.end() : m.end() + 3])[:1]
        if before != "、" and after != "、":
            return True
    return False
