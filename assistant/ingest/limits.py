"""Limits every ingested file must keep, on what it inflates to and not only on its size on disk.

A 1.2 MB DOCX held a ``document.xml`` that inflated to 314 MB, and a 154 KB one gave 21,095 clauses
(issue 12): a limit on the file size alone bounds neither memory nor the index. So a file is limited
by its size on disk, by the inflated size of the parts of a ZIP container (DOCX, XLSX), read from the
ZIP directory and verified while streaming (a lying header cannot get past), by its PDF pages, and,
once read, by its characters and its clauses.

``precheck`` is the one check to run before a file is copied into the corpus (``index --add``, the
corpus service, uploads): a file it refuses is never copied, and the reason is one line.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import IngestError

if TYPE_CHECKING:
    from assistant.config import Config

MB = 2**20

# A DOCX has tens of parts (hundreds with many images); its ZIP directory is a few KB. Python's zipfile
# builds one object per entry before we can look at sizes, so a directory of a million empty entries
# (a 50 MB file) is refused from the end-of-directory record, before zipfile reads it.
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_DIRECTORY_BYTES = 4 * MB
_CHUNK = 1 << 20


@dataclass(frozen=True)
class IngestLimits:
    """What one document may take. The defaults pass every shipped document with room to spare:
    the largest, 刑法.md, is 218 KB, about 73,000 characters and under 500 articles."""

    max_file_bytes: int = 50 * MB
    max_inflated_bytes: int = 100 * MB  # all parts of a DOCX/XLSX together, once inflated
    max_doc_chars: int = 2_000_000  # 27 × 刑法
    max_clauses: int = 5_000  # clauses (pieces) one document may add to the index; 4 × 民法典's articles
    max_pdf_pages: int = 2_000

    @classmethod
    def from_config(cls, config: Config) -> IngestLimits:
        return cls(
            max_file_bytes=int(config.max_file_mb * MB),
            max_inflated_bytes=int(config.max_inflated_mb * MB),
            max_doc_chars=int(config.max_doc_chars),
            max_clauses=int(config.max_clauses_per_doc),
            max_pdf_pages=int(config.max_pdf_pages),
        )


def as_limits(limits: IngestLimits | int) -> IngestLimits:
    """An ``int`` is a maximum file size in bytes (how callers passed a limit before there were more)."""
    return limits if isinstance(limits, IngestLimits) else IngestLimits(max_file_bytes=int(limits))


def check_file_size(path: Path, limits: IngestLimits) -> int:
    size = path.stat().st_size
    if size == 0:
        raise IngestError("文件为空")
    if size > limits.max_file_bytes:
        raise IngestError(
            f"文件过大（{size / MB:.0f} MB，上限 {limits.max_file_bytes / MB:.0f} MB）；"
            "请拆分文件或在 mine-assistant.toml 中调大 max_file_mb"
        )
    return size


def check_chars(n_chars: int, limits: IngestLimits) -> None:
    if n_chars > limits.max_doc_chars:
        raise IngestError(
            f"文档文字过多（超过 {limits.max_doc_chars:,} 字）；请拆分文件或在 mine-assistant.toml 中调大 max_doc_chars"
        )


def check_clauses(n_clauses: int, limits: IngestLimits) -> None:
    if n_clauses > limits.max_clauses:
        raise IngestError(
            f"条款过多（{n_clauses:,} 条，上限 {limits.max_clauses:,} 条），不像一份法规；"
            "请拆分文件或在 mine-assistant.toml 中调大 max_clauses_per_doc"
        )


def check_pdf_pages(n_pages: int, limits: IngestLimits) -> None:
    if n_pages > limits.max_pdf_pages:
        raise IngestError(
            f"PDF 页数过多（{n_pages:,} 页，上限 {limits.max_pdf_pages:,} 页）；"
            "请拆分文件或在 mine-assistant.toml 中调大 max_pdf_pages"
        )


def _inflated_too_big(limits: IngestLimits) -> IngestError:
    return IngestError(
        f"压缩包解压后超过上限 {limits.max_inflated_bytes / MB:.0f} MB（可能是压缩炸弹）；"
        "请检查文件，或在 mine-assistant.toml 中调大 max_inflated_mb"
    )


def _zip_directory_size(path: Path, label: str) -> tuple[int, int]:
    """(entries, directory bytes) from the end-of-central-directory record, without zipfile."""
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        tail_len = min(size, 22 + 65535)
        f.seek(size - tail_len)
        tail = f.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise IngestError(f"{label} 文件损坏或不是 Office 文档（找不到 ZIP 目录）")
    entries, dir_bytes = struct.unpack("<xxxxxxxxxxHI", tail[at : at + 16])
    if entries == 0xFFFF or dir_bytes == 0xFFFFFFFF:  # ZIP64: an Office document is never this large
        raise IngestError("压缩包条目过多或使用 ZIP64 格式，不像一份 Office 文档")
    return entries, dir_bytes


def check_zip(path: Path, limits: IngestLimits, label: str = "DOCX") -> None:
    """Refuse a ZIP container (DOCX, XLSX) whose parts would inflate past ``max_inflated_bytes``.

    Two checks: the sizes the ZIP directory declares (a bomb that says what it is stops here without
    inflating a byte), then every part inflated as a stream, counting what actually comes out and
    stopping at the limit (a directory that lies about sizes gets no further than the limit, and the
    memory used is one chunk at a time).
    """
    entries, dir_bytes = _zip_directory_size(path, label)
    if entries > MAX_ZIP_ENTRIES or dir_bytes > MAX_ZIP_DIRECTORY_BYTES:
        raise IngestError(f"压缩包条目过多（{entries:,} 个），不像一份 Office 文档")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > limits.max_inflated_bytes:
                raise _inflated_too_big(limits)
            inflated = 0
            for info in infos:
                with zf.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        inflated += len(chunk)
                        if inflated > limits.max_inflated_bytes:
                            raise _inflated_too_big(limits)
    except IngestError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise IngestError(f"{label} 文件损坏或不是 Office 文档（{type(exc).__name__}）") from None


def precheck(path: Path, limits: IngestLimits) -> None:
    """Everything a file must pass before it is copied into the corpus; raises IngestError with the
    one-line reason (missing, unsupported type, empty, too large on disk or inflated, too many pages,
    characters or clauses, unreadable). The file is read the way the index will read it, so a file
    this accepts will index."""
    from assistant.ingest.pipeline import ingest_file  # pipeline imports the loaders, which import us

    if not path.is_file():
        raise IngestError(f"文件不存在：{path}")
    result = ingest_file(path, limits)
    if not result.ok:
        raise IngestError(result.error or "没有可索引的内容")
