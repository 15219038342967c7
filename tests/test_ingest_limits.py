"""Ingest limits that hold on what a file inflates to: ZIP bombs, lying ZIP headers, clause floods,
long PDFs, and the one pre-copy check (``limits.precheck``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Config, load_config
from assistant.errors import IngestError
from assistant.ingest.limits import IngestLimits, check_zip, precheck
from assistant.ingest.pipeline import corpus_files, ingest_file
from tests.conftest import SEED_CORPUS, regulation_text
from tests.hostile_files import (
    write_docx,
)
from tests.test_loaders import make_pdf

pytestmark = pytest.mark.unit

MB = 2**20
REGULATION = regulation_text(4, title="尾矿库安全管理规定")


# --- ZIP containers -------------------------------------------------------------------------------------


def test_a_lying_part_is_cut_off_at_the_limit_while_streaming(tmp_path: Path) -> None:
    """Streaming counts what actually inflates, not what the directory says."""
    path = write_docx(tmp_path / "big.docx", ["第一条　矿山企业应当建立安全生产责任制度。"] * 20_000)
    with pytest.raises(IngestError, match="压缩包解压后超过上限"):
        check_zip(path, IngestLimits(max_inflated_bytes=100_000))
    check_zip(path, IngestLimits())  # the same file within the default limit is fine


def test_a_corrupt_zip_is_a_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "cut.docx"
    good = write_docx(tmp_path / "good.docx", ["第一条　矿山企业应当建立安全生产责任制度。"])
    path.write_bytes(good.read_bytes()[:-30])
    with pytest.raises(IngestError, match="DOCX 文件损坏"):
        check_zip(path, IngestLimits())


# --- PDF, characters, clauses ---------------------------------------------------------------------------


def pdf_of_pages(tmp_path: Path, n: int) -> Path:
    """A real PDF of ``n`` pages, each the same regulation text."""
    from pypdf import PdfReader, PdfWriter

    one = tmp_path / "one.pdf"
    one.write_bytes(make_pdf(REGULATION.splitlines()))
    writer = PdfWriter()
    for _ in range(n):
        writer.add_page(PdfReader(one).pages[0])
    path = tmp_path / f"{n}-pages.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return path


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the pages pypdf extracts text from."""
    from pypdf import PageObject

    calls: list[int] = []
    real = PageObject.extract_text
    monkeypatch.setattr(
        PageObject, "extract_text", lambda self, *a, **k: calls.append(1) or real(self, *a, **k)
    )
    return calls


def test_a_pdf_over_the_page_limit_is_refused_before_any_text_is_extracted(
    tmp_path: Path, extractions: list[int]
) -> None:
    path = pdf_of_pages(tmp_path, 3)
    result = ingest_file(path, IngestLimits(max_pdf_pages=2))
    assert result.error.startswith("PDF 页数过多（3 页，上限 2 页）")
    assert extractions == []
    assert ingest_file(path, IngestLimits(max_pdf_pages=3)).ok


def test_pdf_extraction_stops_at_the_character_limit(tmp_path: Path, extractions: list[int]) -> None:
    path = pdf_of_pages(tmp_path, 5)
    per_page = len(ingest_file(pdf_of_pages(tmp_path, 1), IngestLimits()).document.text)  # type: ignore[union-attr]
    extractions.clear()
    result = ingest_file(path, IngestLimits(max_doc_chars=int(per_page * 1.5)))
    assert result.error.startswith("文档文字过多")
    assert len(extractions) == 2  # not 5


def test_a_text_file_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(REGULATION * 20, encoding="utf-8")
    result = ingest_file(path, IngestLimits(max_doc_chars=1000))
    assert (
        result.error
        == "文档文字过多（超过 1,000 字）；请拆分文件或在 mine-assistant.toml 中调大 max_doc_chars"
    )


def test_the_clause_limit_counts_the_pieces_the_index_would_hold(tmp_path: Path) -> None:
    path = tmp_path / "six.txt"
    path.write_text(regulation_text(6), encoding="utf-8")
    n = len(ingest_file(path, IngestLimits()).clauses)  # the six articles and the title line before them
    assert ingest_file(path, IngestLimits(max_clauses=n)).ok
    refused = ingest_file(path, IngestLimits(max_clauses=n - 1))
    assert refused.error.startswith(f"条款过多（{n} 条，上限 {n - 1} 条）")
    assert refused.clauses == []


def test_every_shipped_document_passes_the_limits_with_room_to_spare() -> None:
    """At a quarter of every default limit, the shipped corpus still passes."""
    d = IngestLimits()
    quarter = IngestLimits(
        max_file_bytes=d.max_file_bytes // 4,
        max_inflated_bytes=d.max_inflated_bytes // 4,
        max_doc_chars=d.max_doc_chars // 4,
        max_clauses=d.max_clauses // 4,
        max_pdf_pages=d.max_pdf_pages // 4,
    )
    files = corpus_files(SEED_CORPUS)
    assert files
    for path in files:
        result = ingest_file(path, quarter)
        assert result.ok, (path.name, result.error)


def test_the_limits_are_named_settings_of_the_config(tmp_path: Path) -> None:
    toml = tmp_path / "mine-assistant.toml"
    toml.write_text(
        "max_file_mb = 2\nmax_inflated_mb = 10\nmax_doc_chars = 5000\nmax_clauses_per_doc = 7\nmax_pdf_pages = 3\n",
        encoding="utf-8",
    )
    limits = IngestLimits.from_config(load_config(toml, env={}))
    assert limits == IngestLimits(
        max_file_bytes=2 * MB, max_inflated_bytes=10 * MB, max_doc_chars=5000, max_clauses=7, max_pdf_pages=3
    )
    assert IngestLimits.from_config(Config()) == IngestLimits()


# --- the pre-copy check ---------------------------------------------------------------------------------


def test_precheck_refuses_a_missing_file_an_unknown_type_and_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="^文件不存在"):
        precheck(tmp_path / "missing.txt", IngestLimits())
    (tmp_path / "a.xyz").write_text("第一条　内容。", encoding="utf-8")
    with pytest.raises(IngestError, match="^不支持的文件类型 .xyz"):
        precheck(tmp_path / "a.xyz", IngestLimits())
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(IngestError, match="^文件为空$"):
        precheck(tmp_path / "empty.txt", IngestLimits())


def test_precheck_accepts_what_the_index_accepts(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(REGULATION, encoding="utf-8")
    precheck(path, IngestLimits())
