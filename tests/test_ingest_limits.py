"""Ingest limits that hold on what a file inflates to: ZIP bombs, lying ZIP headers, clause floods,
long PDFs, and the one pre-copy check (``limits.precheck``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Config, load_config
from assistant.errors import IngestError
from assistant.ingest.limits import IngestLimits, check_zip, precheck
from assistant.ingest.pipeline import corpus_files, ingest_file
from tests.conftest import REPO, SEED_CORPUS, regulation_text
from tests.hostile_files import (
    lie_about_sizes,
    write_clause_flood_docx,
    write_docx,
    write_docx_bomb,
)
from tests.test_loaders import make_pdf

pytestmark = pytest.mark.unit

MB = 2**20
REGULATION = regulation_text(4, title="尾矿库安全管理规定")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    bomb = write_docx_bomb(root / "bomb.docx")
    liar = root / "liar.docx"
    liar.write_bytes(lie_about_sizes(bomb.read_bytes()))
    return {"bomb": bomb, "liar": liar, "flood": write_clause_flood_docx(root / "flood.docx")}


def precheck_in_a_fresh_process(path: Path) -> dict[str, object]:
    """Run ``precheck`` on ``path`` in its own interpreter; returns its error and its peak RSS (VmHWM: unlike
    ``ru_maxrss``, it starts afresh at exec, so the forked test process's size does not count)."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from assistant.ingest.limits import IngestLimits, precheck\n"
        "error = ''\n"
        "try:\n"
        "    precheck(Path(sys.argv[1]), IngestLimits())\n"
        "except Exception as exc:\n"
        "    error = f'{type(exc).__name__}: {exc}'\n"
        "status = Path('/proc/self/status').read_text()\n"
        "rss = int(status.split('VmHWM:')[1].split()[0]) / 1024  # peak of this program, since its exec\n"
        "print(json.dumps({'error': error, 'rss_mb': rss}, ensure_ascii=False))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


# --- ZIP containers -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_1_mb_docx_inflating_to_314_mb_is_refused_from_its_zip_directory(hostile: dict[str, Path]) -> None:
    bomb = hostile["bomb"]
    assert bomb.stat().st_size < 2 * MB
    import zipfile

    assert sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) > 300 * MB
    result = ingest_file(bomb, IngestLimits())
    assert not result.ok
    assert result.error.startswith("压缩包解压后超过上限 100 MB（可能是压缩炸弹）")
    assert "max_inflated_mb" in result.error and "\n" not in result.error


@pytest.mark.slow
def test_the_zip_bomb_is_refused_with_the_memory_of_an_idle_process(hostile: dict[str, Path]) -> None:
    """Before the limits, python-docx inflated all 314 MB and the web server grew by 6 GB."""
    seen = precheck_in_a_fresh_process(hostile["bomb"])
    assert "压缩包解压后超过上限" in str(seen["error"])
    assert float(seen["rss_mb"]) < 300, seen  # measured: ~80 MB (the interpreter and its imports)


@pytest.mark.slow
def test_a_zip_directory_that_lies_about_sizes_gets_no_further_than_what_it_claims(
    hostile: dict[str, Path],
) -> None:
    liar = hostile["liar"]
    import zipfile

    assert {i.file_size for i in zipfile.ZipFile(liar).infolist()} == {1000}  # the headers claim 1 KB parts
    seen = precheck_in_a_fresh_process(liar)
    assert "DOCX 文件损坏" in str(seen["error"])
    assert float(seen["rss_mb"]) < 300, seen


def test_a_lying_part_is_cut_off_at_the_limit_while_streaming(tmp_path: Path) -> None:
    """Streaming counts what actually inflates, not what the directory says."""
    path = write_docx(tmp_path / "big.docx", ["第一条　矿山企业应当建立安全生产责任制度。"] * 20_000)
    with pytest.raises(IngestError, match="压缩包解压后超过上限"):
        check_zip(path, IngestLimits(max_inflated_bytes=100_000))
    check_zip(path, IngestLimits())  # the same file within the default limit is fine


@pytest.mark.slow
def test_a_small_docx_of_22000_clauses_is_refused_by_its_clause_count(hostile: dict[str, Path]) -> None:
    flood = hostile["flood"]
    assert flood.stat().st_size < 160_000
    result = ingest_file(flood, IngestLimits())
    assert not result.ok
    assert result.error.startswith("条款过多（21,978 条，上限 5,000 条）")
    seen = precheck_in_a_fresh_process(flood)
    assert "条款过多" in str(seen["error"]) and float(seen["rss_mb"]) < 400, seen


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


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["answers", "bank"])
def test_an_xlsx_bomb_given_for_grading_is_refused_before_it_is_inflated(
    hostile: dict[str, Path], tmp_path: Path, reader: str
) -> None:
    from assistant.quiz.answers_io import read_answers
    from assistant.quiz.export import load_bank

    xlsx = tmp_path / "answers.xlsx"
    xlsx.write_bytes(hostile["bomb"].read_bytes())  # any ZIP container: the check reads no XML
    with pytest.raises(IngestError, match="^压缩包解压后超过上限"):
        (read_answers if reader == "answers" else load_bank)(xlsx)
