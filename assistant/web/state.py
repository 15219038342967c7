"""Shared and per-session state of the web app.

``SearcherHolder`` is shared by every session: it hands out the current ``Searcher`` and, after a
re-index, swaps in a new one under a lock. The index folder itself is swapped atomically on disk (a
symlink replace), and the old ``Searcher`` keeps its loaded files, so a question asked while the
index is being rebuilt is answered from the previous index.

``ChatSession`` lives in a ``gr.State`` (one per browser tab / client session), so concurrent users
never see each other's history or LLM settings.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.config import Config, LLMSettings
from assistant.errors import AssistantError

log = logging.getLogger(__name__)


class SearcherHolder:
    """The one shared ``Searcher``: opened lazily, replaced atomically after a re-index."""

    def __init__(self, config: Config, searcher: Any = None):
        self.config = config
        self._searcher = searcher
        self._lock = threading.Lock()  # guards the reference
        self._build_lock = threading.Lock()  # one (re)index at a time
        self.generation = 0  # bumped on every swap; caches keyed by it go stale

    def get(self) -> Any:
        with self._lock:
            if self._searcher is None:
                from assistant.retrieve.search import Searcher

                self._searcher = Searcher(self.config)
            return self._searcher

    @property
    def building(self) -> bool:
        return self._build_lock.locked()

    def reindex(self, progress: Callable[[float, str], None] | None = None) -> Any:
        """Build the index (only changed files), open it, warm it, then swap it in; returns the report.

        Raises ``AssistantError`` when another re-index is running or nothing could be indexed (the
        previous index then stays in place and keeps answering).
        """
        from assistant.index.build import build_index

        if not self._build_lock.acquire(blocking=False):
            raise AssistantError("另一个索引任务正在进行，请稍后再试")
        try:
            if progress:
                progress(0.1, "正在读取文件并建立索引……")
            report = build_index(self.config, progress=False)
            if progress:
                progress(0.8, "正在加载新索引……")
            self.swap(self._open_warm())
            if progress:
                progress(1.0, "完成")
            return report
        finally:
            self._build_lock.release()

    def _open_warm(self) -> Any:
        from assistant.retrieve.search import Searcher

        new = Searcher(self.config)
        old = self._searcher
        if old is not None and (old.embedder.backend, old.embedder.model_id) == (
            new.embedder.backend,
            new.embedder.model_id,
        ):
            new.embedder = old.embedder  # reuse the loaded embedding model instead of loading a second copy
        _ = new.clauses, new.store.documents, new.bm25, new.dense, new.store.faiss_index, new.store.bm25
        return new

    def swap(self, searcher: Any) -> None:
        with self._lock:
            self._searcher = searcher
            self.generation += 1


@dataclass
class ChatSession:
    """One user's conversation: the answers so far (for citations and export) and session-only LLM settings.

    ``conversation`` is the answer engine's ``Conversation`` (history for follow-up resolution); it is
    rebuilt when the shared engine changes (re-index, new LLM settings).
    """

    answers: list[Any] = field(default_factory=list)  # assistant.schema.Answer per turn
    llm: LLMSettings | None = None
    conversation: Any = None
    engine_key: tuple[int, str] | None = None

    def config_for(self, base: Config) -> Config:
        return dataclasses.replace(base, llm=self.llm) if self.llm is not None else base

    def __deepcopy__(self, memo: dict[int, Any]) -> ChatSession:  # gr.State copies its initial value
        return ChatSession(list(self.answers), self.llm)


def friendly(exc: BaseException) -> str:
    """The message a user sees: an ``AssistantError``'s own text, otherwise a generic one (logged)."""
    if isinstance(exc, AssistantError):
        return str(exc)
    log.exception("web app error")
    return "内部错误，已记录日志。请稍后重试或联系管理员。"
