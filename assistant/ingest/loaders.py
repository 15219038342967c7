"""File loaders, registered by suffix: each turns one file into raw text or raises IngestError.

Every failure mode a user meets (empty, scanned or encrypted PDF, corrupt DOCX, binary renamed .txt,
oversized file, unknown extension, a DOCX that inflates past its limit) becomes a one-line reason in
the ingest report. Loaders get the ``IngestLimits`` so the ones that inflate or extract (DOCX, PDF) can
stop at a limit instead of after it (see ``limits``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from assistant.errors import IngestError
from assistant.ingest.limits import (
    IngestLimits,
    as_limits,
    check_chars,
    check_file_size,
    check_pdf_pages,
    check_zip,
)

Loader = Callable[[Path, IngestLimits], str]
LOADERS: dict[str, Loader] = {}


def register(*suffixes: str) -> Callable[[Loader], Loader]:
    def deco(fn: Loader) -> Loader:
        for s in suffixes:
            LOADERS[s] = fn
        return fn

    return deco


def supported_suffixes() -> list[str]:
    return sorted(LOADERS)


def load_text(path: Path, limits: IngestLimits | int) -> str:
    """Raw text of ``path`` by its suffix; raises IngestError with a reason a user can act on."""
    limits = as_limits(limits)
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise IngestError(
            f"不支持的文件类型 {suffix or '（无扩展名）'}；支持：{' '.join(supported_suffixes())}"
        )
    check_file_size(path, limits)
    text = loader(path, limits)
    check_chars(len(text), limits)
    if not text.strip():
        raise IngestError("文件中没有可读文字")
    return text


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK/GB2312), else charset detection.

    Refuses binary data: NUL bytes or a high share of control characters mean it is not text.
    """
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("文件不是文本（含二进制内容），请检查扩展名是否正确")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise IngestError("无法识别文本编码（不是 UTF-8 或 GBK/GB18030）")
        text = str(best)
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(10, len(text[:20000]) // 50):
        raise IngestError("文件不是文本（含大量控制字符），请检查扩展名是否正确")
    return text


@register(".txt", ".md", ".markdown")
def load_plain(path: Path, limits: IngestLimits) -> str:
    text = decode_bytes(path.read_bytes())
    if path.suffix.lower() in (".md", ".markdown"):
        text = _strip_markdown(text)
    return text


def _strip_markdown(text: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings keep their words
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"^\s*[-*+]\s+", "", text, flags=re.M)
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


class _HTMLText(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}
    _SKIP = {"script", "style", "nav", "header", "footer", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


@register(".html", ".htm")
def load_html(path: Path, limits: IngestLimits) -> str:
    parser = _HTMLText()
    parser.feed(decode_bytes(path.read_bytes()))
    text = html.unescape("".join(parser.parts))
    return re.sub(r"[ \t\u00a0]+", " ", text)


@register(".pdf")
def load_pdf(path: Path, limits: IngestLimits) -> str:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    pages: list[str] = []
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - pypdf raises several types for unsupported crypto
                ok = False
            if not ok:
                raise IngestError("PDF 已加密（需要密码），请提供未加密的文件")
        check_pdf_pages(len(reader.pages), limits)
        n_chars = 0
        for page in reader.pages:  # stop at the character limit instead of extracting every page first
            pages.append(page.extract_text() or "")
            n_chars += len(pages[-1]) + 1
            check_chars(n_chars, limits)
    except IngestError:
        raise
    except LimitReachedError:  # pypdf's own caps on inflated streams (75 MB each by default)
        raise IngestError("PDF 内容解压后超过上限（可能是压缩炸弹），请检查文件") from None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise IngestError(f"PDF 文件损坏或无法解析（{type(exc).__name__}）") from None
    text = "\n".join(pages)
    if not text.strip():
        raise IngestError("PDF 没有文字层（可能是扫描件），请先做 OCR 再导入")
    return text


@register(".docx")
def load_docx(path: Path, limits: IngestLimits) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(path, limits)  # python-docx inflates every part into memory: check what they inflate to first
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(f"DOCX 文件损坏或不是 Word 文档（{type(exc).__name__}）") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


@register(".doc")
def load_doc(path: Path, limits: IngestLimits) -> str:
    raise IngestError("旧版 Word (.doc) 不支持，请另存为 .docx 后再导入")
