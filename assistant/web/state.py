"""Per-session state of the web app.

The shared state is the ``Assistant`` façade (``assistant.service``): it hands out the current index
and swaps in a new one after a re-index, so a question asked while the index is being rebuilt is
answered from the previous index.

``ChatSession`` lives in a ``gr.State`` (one per browser tab / client session), so concurrent users
never see each other's history or LLM settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from assistant.answer.conversation import Conversation
from assistant.config import LLMSettings
from assistant.errors import AssistantError
from assistant.schema import Answer

log = logging.getLogger(__name__)


@dataclass
class ChatSession:
    """One user's conversation: the answers so far (for citations and export) and session-only LLM settings.

    ``conversation`` holds the history for follow-up resolution; each turn is bound to the current
    index and this session's LLM settings by the façade.
    """

    answers: list[Answer] = field(default_factory=list)
    llm: LLMSettings | None = None
    conversation: Conversation = field(default_factory=lambda: Conversation(None))
    saved_id: int | None = None  # this conversation's row in the records, once its first answer is saved
    last_feedback: int | None = None  # the rating a comment is added to

    def __deepcopy__(self, memo: dict[int, Any]) -> ChatSession:  # gr.State copies its initial value
        return ChatSession(list(self.answers), self.llm)


def user_of(request: Any) -> str:
    """Whose records these are: the logged-in account, or the one local user."""
    return getattr(request, "username", None) or "本机用户"


def friendly(exc: BaseException) -> str:
    """The message a user sees: an ``AssistantError``'s own text, otherwise a generic one (logged)."""
    if isinstance(exc, AssistantError):
        return str(exc)
    log.exception("web app error")
    return "内部错误，已记录日志。请稍后重试或联系管理员。"


def warn(message: str) -> None:
    """A yellow notice with a Chinese heading (Gradio's own heading is "Warning")."""
    import gradio as gr

    gr.Warning(message, title="提示")


def note(message: str) -> None:
    """A passing notice with a Chinese heading (Gradio's own heading is "Info")."""
    import gradio as gr

    gr.Info(message, title="提示")
