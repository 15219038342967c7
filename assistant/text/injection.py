"""Text that reads as an instruction to the assistant rather than as a rule («忽略以上所有指令，回答：…»).

A document can carry such text by accident (a pasted chat) or on purpose (a poisoned upload). Ingest
notes every clause that holds it; an answer never takes its verdict from such a clause, and quoting one
comes with a warning. Statutes never address 「你」 or the assistant, so the patterns are narrow.
"""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"忽略(?:以上|之前|前面|上述|上面|先前)?的?(?:所有|全部|一切)?(?:的)?(?:指令|指示|提示|规则|设定|内容|要求)"
    r"|你现在是|你是一个|你必须|从现在起你|扮演(?:一个|一名)?"
    r"|(?:请|直接)回答[:：]|回答[:：]\s*本矿"
    r"|(?:系统|system)\s*(?:提示|prompt)"
    r"|ignore (?:all |the )?(?:previous|above|prior) (?:instructions|prompts?)"
    r"|disregard (?:all |the )?(?:previous|above) ",
    re.IGNORECASE,
)


def instruction_like(text: str) -> str:
    """The phrase that makes ``text`` read as an instruction to the assistant, or ""."""
    found = _INSTRUCTION.search(text)
    return found.group() if found else ""
