"""LLM mode: any OpenAI-compatible chat endpoint through llama-index's ``OpenAILike``.

llama-index is imported inside ``ChatClient`` only, so the default (extractive) path never pays for it.
Timeouts and retries are explicit (the library default of 3 retries turned one dead server into 12 s
per call); no tokenizer name is passed (that would fetch one from the hub). Every failure surfaces as
``LLMError``; the engine turns that into an extractive answer with a visible notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.config import LLMSettings
from assistant.errors import LLMError
from assistant.schema import Citation, Clause

REFUSAL_TEXT = "知识库中未找到相关规定"
_QUOTE_LINE = re.compile(r"〔(\d{1,3})〕\s*[「“\"](.+?)[」”\"]\s*$")
_REFS_HEADER = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?引用(?:\*\*)?\s*[:：]\s*$", re.M)


class ChatClientLike(Protocol):
    """What the answer engine and the drafts need from an LLM client (``llm.ChatClient``)."""

    def complete(self, messages: list[tuple[str, str]]) -> str: ...

    def stream(self, messages: list[tuple[str, str]]) -> Iterator[str]: ...


class ChatClient:
    """A thin wrapper: ``complete(messages) -> str`` and ``stream(messages) -> Iterator[str]``."""

    def __init__(self, settings: LLMSettings):
        self.settings = settings
        self._llm: Any = None  # llama-index's OpenAILike, built on first use

    def _model(self) -> Any:
        if self._llm is None:
            from llama_index.llms.openai_like import OpenAILike

            s = self.settings
            self._llm = OpenAILike(
                model=s.model,
                api_base=s.base_url.rstrip("/"),
                api_key=s.api_key or "not-needed",
                timeout=s.timeout,
                max_retries=s.max_retries,
                temperature=s.temperature,
                is_chat_model=True,
                is_function_calling_model=False,
                context_window=32000,
            )
        return self._llm

    @staticmethod
    def _messages(messages: list[tuple[str, str]]) -> list[Any]:
        from llama_index.core.llms import ChatMessage

        return [ChatMessage(role=role, content=content) for role, content in messages]

    def complete(self, messages: list[tuple[str, str]]) -> str:
        try:
            response = self._model().chat(self._messages(messages))
            text = response.message.content or ""
        except Exception as exc:  # noqa: BLE001 - any transport/protocol failure becomes LLMError
            raise LLMError(describe_failure(exc)) from exc
        if not text.strip():
            raise LLMError("大模型返回了空内容")
        return text

    def stream(self, messages: list[tuple[str, str]]) -> Iterator[str]:
        try:
            for chunk in self._model().stream_chat(self._messages(messages)):
                if chunk.delta:
                    yield chunk.delta
        except Exception as exc:  # noqa: BLE001
            raise LLMError(describe_failure(exc)) from exc


def describe_failure(exc: BaseException) -> str:
    """A short Chinese reason for the fallback notice (never the API key or the full traceback)."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    if "Timeout" in name:
        return "大模型服务响应超时"
    if status == 429 or "RateLimit" in name:
        return "大模型服务限流（HTTP 429）"
    if status:
        return f"大模型服务返回错误（HTTP {status}）"
    if "Connection" in name:
        return "无法连接大模型服务"
    return f"大模型调用失败（{name}）"


@dataclass
class ParsedReply:
    text: str
    citations: list[Citation]
    refused: bool


def parse_reply(reply: str, clauses: list[Clause]) -> ParsedReply:
    """Split the reply into the answer text and its 〔n〕「quote」 list; n indexes ``clauses`` (1-based).

    A number outside 1..len(clauses) becomes a citation of an unknown clause, which the verifier
    removes as "not retrieved".
    """
    m = _REFS_HEADER.search(reply)
    body, refs = (reply[: m.start()], reply[m.end() :]) if m else (reply, "")
    body = body.strip()
    if REFUSAL_TEXT in body and len(body) < 40:
        return ParsedReply(REFUSAL_TEXT, [], True)
    citations: list[Citation] = []
    for line in refs.splitlines():
        q = _QUOTE_LINE.search(line.strip())
        if not q:
            continue
        n, quote = int(q.group(1)), q.group(2).strip()
        if 1 <= n <= len(clauses):
            c = clauses[n - 1]
            citations.append(Citation(n, c.doc_id, c.doc_title, c.label, quote, c.chunk_id))
        else:
            citations.append(Citation(n, "", "未检索到的条款", f"编号{n}", quote))
    return ParsedReply(body, citations, False)
