"""Loaders for every supported format, and every bad input: a one-line reason, nothing else lost."""

from __future__ import annotations

import functools
import io
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.errors import IngestError, NothingIndexedError
from assistant.index.build import build_index
from assistant.index.store import open_index
from assistant.ingest import loaders
from assistant.ingest.loaders import decode_bytes, load_text
from assistant.ingest.pipeline import ingest_file
from tests.conftest import FakeConfigFactory, regulation_text

pytestmark = pytest.mark.unit

MB = 2**20
REGULATION = regulation_text(4, title="尾矿库安全管理规定")
REGULATION_LINES = [line for line in REGULATION.splitlines() if line]


# --- documents made in the test ----------------------------------------------------------------------


def make_pdf(lines: list[str] | None = None, *, rectangle_only: bool = False) -> bytes:
    """A Chinese PDF written with reportlab's built-in CID font (no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if rectangle_only:
        c.rect(100, 500, 300, 200, fill=1)  # what a scan without OCR looks like to a text extractor
    else:
        c.setFont("STSong-Light", 10)
        y = 800
        for line in lines or []:
            c.drawString(40, y, line)
            y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def make_encrypted_pdf(password: str = "s3cret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(REGULATION_LINES))))
    writer.encrypt(user_password=password, owner_password=password)  # RC4-128: needs no extra package
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_docx(lines: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def labels_of(path: Path) -> list[str]:
    result = ingest_file(path, 50 * MB)
    assert result.ok, result.error
    return [c.label for c in result.clauses if c.kind == "clause"]


ARTICLES = ["第一条", "第二条", "第三条", "第四条"]


# --- formats -----------------------------------------------------------------------------------------


def test_pdf_with_chinese_text_layer_is_extracted_and_split_into_articles(tmp_path: Path) -> None:
    path = tmp_path / "规定.pdf"
    path.write_bytes(make_pdf(REGULATION_LINES))
    text = load_text(path, 50 * MB)
    assert "矿山企业应当建立第1项安全生产责任制度" in text
    assert labels_of(path) == ARTICLES


def test_docx_paragraphs_and_tables_are_extracted_and_split_into_articles(tmp_path: Path) -> None:
    path = tmp_path / "规定.docx"
    path.write_bytes(
        make_docx(REGULATION_LINES, table=[["隐患类别", "整改时限"], ["重大事故隐患", "立即整改"]])
    )
    text = load_text(path, 50 * MB)
    assert "重大事故隐患 立即整改" in text
    assert labels_of(path) == ARTICLES


def test_html_text_is_extracted_without_scripts_styles_or_navigation(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in REGULATION_LINES)
    page = (
        "<html><head><style>p {color: red}</style><script>var tracker = 1;</script></head><body>"
        f"<nav>首页 | 政策法规</nav><div>{body}</div><footer>版权所有</footer></body></html>"
    )
    path = tmp_path / "规定.html"
    path.write_text(page, encoding="utf-8")
    text = load_text(path, 50 * MB)
    for junk in ("tracker", "color", "首页", "版权所有"):
        assert junk not in text
    assert labels_of(path) == ARTICLES


def test_html_entities_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.htm"
    path.write_text("<p>第一条&nbsp;矿山企业&amp;尾矿库&lt;安全&gt;</p>", encoding="utf-8")
    assert "矿山企业&尾矿库<安全>" in load_text(path, MB)


def test_gb18030_text_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(REGULATION.encode("gb18030"))
    assert load_text(path, MB) == REGULATION
    assert labels_of(path) == ARTICLES


def test_utf8_bom_is_dropped_so_the_first_line_parses(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "第一条　内容甲。\n第二条　内容乙。\n".encode())
    assert load_text(path, MB).startswith("第一条")
    assert labels_of(path) == ["第一条", "第二条"]


def test_markdown_headings_and_emphasis_are_stripped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# 规定\n\n## 第一条　**矿山**企业应当[遵守](http://x)规定。\n", encoding="utf-8")
    assert load_text(path, MB).split() == ["规定", "第一条", "矿山企业应当遵守规定。"]


# --- bad input: one-line reasons -----------------------------------------------------------------------


BAD_NAMES = ["empty.txt", "scan.pdf", "locked.pdf", "broken.docx", "table.xlsx", "image.txt", "blank.txt"]


@functools.cache
def _bad_files() -> dict[str, tuple[bytes, str]]:
    """Each bad input and the words its one-line reason must contain."""
    rng = random.Random(7)
    return {
        "empty.txt": (b"", "文件为空"),
        "scan.pdf": (make_pdf(rectangle_only=True), "没有文字层"),
        "locked.pdf": (make_encrypted_pdf(), "已加密"),
        "broken.docx": (bytes(rng.randrange(256) for _ in range(4096)), "DOCX 文件损坏"),
        "table.xlsx": (b"PK\x03\x04not really", "不支持的文件类型 .xlsx"),
        "image.txt": (bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00", "文件不是文本"),
        "blank.txt": ("\n\u3000 \n\t\n".encode(), "没有可读文字"),
    }


def test_the_bad_input_list_is_complete() -> None:
    assert list(_bad_files()) == BAD_NAMES


@pytest.mark.parametrize("name", BAD_NAMES)
def test_each_bad_input_fails_with_a_one_line_reason(tmp_path: Path, name: str) -> None:
    data, reason = _bad_files()[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = ingest_file(path, 50 * MB)
    assert not result.ok
    assert reason in result.error
    assert "\n" not in result.error


def test_a_200_mb_file_is_refused_by_size_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * MB)  # sparse: no disk space, no time
    read: list[Path] = []
    monkeypatch.setitem(loaders.LOADERS, ".txt", lambda p: read.append(p) or "")
    with pytest.raises(IngestError, match=r"文件过大（200 MB，上限 50 MB）.*max_file_mb"):
        load_text(path, 50 * MB)
    assert read == []


def test_decoding_refuses_binary_but_accepts_utf16_with_bom() -> None:
    with pytest.raises(IngestError, match="文件不是文本"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert decode_bytes("第一条".encode("utf-16")) == "第一条"


def test_legacy_doc_files_get_a_reason_that_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"x" * 100)
    with pytest.raises(IngestError, match=r"另存为 \.docx"):
        load_text(path, MB)


def test_bad_inputs_are_reported_while_good_files_are_still_indexed(fake_config: FakeConfigFactory) -> None:
    files: dict[str, str | bytes] = {name: data for name, (data, _) in _bad_files().items()}
    files["good.txt"] = REGULATION
    files["edge.docx"] = make_docx(regulation_text(3, title="露天矿山边坡管理办法").splitlines())
    files["notes.txt"] = "矿山安全是头等大事。\n各单位要高度重视。\n"  # no structure: paragraphs, with a note
    config = fake_config(files)
    with (config.corpus_dir / "huge.txt").open("wb") as f:
        f.truncate(200 * MB)

    report = build_index(config, progress=False)

    status = {f.path: f for f in report.files}
    failed = {f.path for f in report.failed}
    assert failed == set(_bad_files()) | {"huge.txt"}
    for name, (_, reason) in _bad_files().items():
        assert reason in status[name].message
    assert "文件过大" in status["huge.txt"].message
    assert all("\n" not in f.message for f in report.files)
    assert {status[n].status for n in ("good.txt", "edge.docx", "notes.txt")} == {"indexed"}
    assert "未识别到条款结构" in status["notes.txt"].message
    store = open_index(config.index_path)
    assert sorted(store.documents) == ["edge", "good", "notes"]
    assert {c.doc_id for c in store.clauses} == set(store.documents)
    assert [c.kind for c in store.clauses if c.doc_id == "notes"] == ["paragraph", "paragraph"]


def test_index_command_exits_zero_and_prints_reasons_when_some_files_fail(
    fake_config: FakeConfigFactory,
) -> None:
    config = fake_config({"good.txt": REGULATION, "empty.txt": b"", "x.xyz": "第一条 内容。"})
    result = CliRunner().invoke(
        cli,
        [
            "--corpus",
            str(config.corpus_dir),
            "--index-dir",
            str(config.index_dir),
            "--embedding",
            "fake",
            "index",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "✗ 失败  empty.txt  文件为空" in result.output
    assert "✗ 失败  x.xyz  不支持的文件类型 .xyz" in result.output
    assert "✓ 已索引  good.txt" in result.output
    assert "2 个文件未能索引" in result.output


def test_nothing_indexable_is_an_error_and_the_previous_index_stays(fake_config: FakeConfigFactory) -> None:
    config = fake_config({"good.txt": REGULATION})
    first = build_index(config, progress=False)
    (config.corpus_dir / "good.txt").unlink()
    (config.corpus_dir / "empty.txt").write_bytes(b"")
    with pytest.raises(NothingIndexedError, match="没有任何文件可以索引.*原索引保持不变"):
        build_index(config, progress=False)
    assert str(open_index(config.index_path).folder) == first.index_folder

    result = CliRunner().invoke(
        cli,
        [
            "--corpus",
            str(config.corpus_dir),
            "--index-dir",
            str(config.index_dir),
            "--embedding",
            "fake",
            "index",
        ],
    )
    assert result.exit_code == 2
    assert "错误：没有任何文件可以索引" in result.output


def test_sparse_file_helper_really_is_sparse(tmp_path: Path) -> None:
    """Guards the 200 MB tests' speed: the file takes (almost) no blocks on disk."""
    path = tmp_path / "s.txt"
    with path.open("wb") as f:
        f.truncate(200 * MB)
    assert path.stat().st_size == 200 * MB
    assert os.stat(path).st_blocks * 512 < MB


def test_building_never_reads_an_oversized_file_even_to_hash_it(
    fake_config: FakeConfigFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.index.build as build

    config = fake_config({"good.txt": REGULATION})
    with (config.corpus_dir / "huge.txt").open("wb") as f:
        f.truncate(200 * MB)
    hashed: list[str] = []
    real = build.file_sha256
    monkeypatch.setattr(build, "file_sha256", lambda p: hashed.append(p.name) or real(p))
    report = build_index(config, progress=False)
    assert hashed == ["good.txt"]
    assert [f.path for f in report.failed] == ["huge.txt"]
