"""The service layer: one typed façade (``Assistant``) under the CLI, the web app, the evals and the
benchmarks. See ``assistant.service.assistant`` for the API and ``requests`` for its dataclasses."""

from assistant.service.assistant import Assistant, Stage
from assistant.service.requests import (
    AppliesRequest,
    AskRequest,
    CorpusChange,
    DocumentInfo,
    DraftRequest,
    GradeRequest,
    NewFile,
    QuizRequest,
    SearchRequest,
    SearchResult,
)

__all__ = [
    "AppliesRequest",
    "AskRequest",
    "Assistant",
    "CorpusChange",
    "DocumentInfo",
    "DraftRequest",
    "GradeRequest",
    "NewFile",
    "QuizRequest",
    "SearchRequest",
    "SearchResult",
    "Stage",
]
