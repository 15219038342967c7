"""Hostile files made in the tests (and the limits benchmark): real DOCX containers built with zipfile.

``write_docx_bomb``: a ~1.1 MB DOCX whose ``word/document.xml`` inflates to 314 MB (issue 12's 1.2 MB
bomb took the web server from 0.5 to 6.6 GB). ``write_clause_flood_docx``: a small DOCX that parses
into ~22,000 clauses (issue 12's 154 KB file gave 21,095). ``lie_about_sizes``: the same bytes with the
ZIP headers claiming each part is tiny.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

MB = 2**20
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_TAIL = "</w:body></w:document>"


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def write_docx(path: Path, paragraphs: Iterable[str]) -> Path:
    """A minimal valid DOCX (python-docx opens it) whose body streams from ``paragraphs``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w") as f:
            f.write(_HEAD.encode())
            for text in paragraphs:
                f.write(_paragraph(text).encode())
            f.write(_TAIL.encode())
    return path


def write_docx_bomb(path: Path, inflated_mb: int = 314) -> Path:
    block = "".join(_paragraph("矿山企业应当建立安全生产责任制度。") for _ in range(1000)).encode()
    n_blocks = inflated_mb * MB // len(block) + 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w") as f:
            f.write(_HEAD.encode())
            for _ in range(n_blocks):
                f.write(block)
            f.write(_TAIL.encode())
    return path


def write_clause_flood_docx(path: Path, sections: int = 22, items: int = 999) -> Path:
    """一、 … 二十二、 each with items 1. … 999.: every item continues its numbering, so each is a clause."""
    from assistant.numerals import int_to_cn

    def paragraphs() -> Iterable[str]:
        for s in range(1, sections + 1):
            yield f"{int_to_cn(s)}、第{s}部分"
            for i in range(1, items + 1):
                yield f"{i}. 矿山企业应当建立第{s * 1000 + i}号安全生产责任制度并落实到岗位。"

    return write_docx(path, paragraphs())


def lie_about_sizes(data: bytes, claimed: int = 1000) -> bytes:
    """The ZIP ``data`` with every local and central header claiming an inflated size of ``claimed``."""
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06")
    (n_entries,) = struct.unpack_from("<H", out, end + 10)
    (at,) = struct.unpack_from("<I", out, end + 16)
    for _ in range(n_entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", out, at + 28)
        (local,) = struct.unpack_from("<I", out, at + 42)
        struct.pack_into("<I", out, at + 24, claimed)  # central directory: uncompressed size
        struct.pack_into("<I", out, local + 22, claimed)  # local header: uncompressed size
        at += 46 + name_len + extra_len + comment_len
    return bytes(out)
