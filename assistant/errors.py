"""Errors fit to show a user: each says what happened and what to do next.

The CLI and the web app convert only these (at their boundary); any other exception is a bug and
keeps its traceback.
"""


class AssistantError(Exception):
    """Base of every error the user is meant to read."""


class ConfigError(AssistantError):
    """A configuration value is invalid (the message names the value and the valid choices)."""


class UnknownBackendError(ConfigError):
    def __init__(self, kind: str, name: str, known: list[str]):
        super().__init__(f"未知的{kind}“{name}”。可选：{', '.join(sorted(known))}")
        self.name = name
        self.known = known


class IngestError(AssistantError):
    """One input file could not be read; the message is the one-line reason for the ingest report."""


class IndexMissingError(AssistantError):
    def __init__(self, path: str):
        super().__init__(f"找不到索引 {path}。请先运行：mine-assistant index")


class IndexDamagedError(AssistantError):
    """A file of the index is missing, truncated or does not match its manifest record."""

    def __init__(self, folder: str, problem: str):
        super().__init__(f"索引 {folder} 已损坏：{problem}。请运行：mine-assistant index（会自动修复）")
        self.problem = problem


class IndexMismatchError(AssistantError):
    """The index on disk was built with another embedding model, chunker or format."""


class NothingIndexedError(AssistantError):
    """No input file yielded any clause."""


class LLMError(AssistantError):
    """The configured LLM endpoint failed (timeout, HTTP error, malformed output)."""


class EvalError(AssistantError):
    """An eval run cannot proceed or a set could not be evaluated (the message says which and why)."""


class EvalDataError(EvalError):
    """A gold-set file under ``evals/`` breaks its documented schema (file, line and field named)."""
