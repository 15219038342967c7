"""The ``Draft`` dataclass and its two exports, Markdown and DOCX, both with 〔n〕 marks and a sources list.

A draft is a list of blocks; each block holds sentences, and each sentence carries the numbers of the
citations it rests on. Keeping citations per sentence (not per paragraph) is what lets the fidelity
check test every number against exactly the clause its sentence cites.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.schema import Citation

KINDS = ("article", "slogans", "points", "qa")
KIND_NAMES = {"article": "宣传稿", "slogans": "宣传标语", "points": "宣传要点", "qa": "培训问答"}
# What a draft with nothing in it says, under its title (the notices say why and list the provisions chosen).
EMPTY = "（离线模式未能从所选条款提炼出合格的内容，所选条款见提示）"


@dataclass
class Line:
    """One sentence and the citations (numbers into ``Draft.citations``) it rests on; [] = no fact."""

    text: str
    cites: list[int] = field(default_factory=list)

    def marked(self) -> str:
        return self.text + "".join(f"〔{n}〕" for n in self.cites)


@dataclass
class Block:
    """``kind``: lead, heading, paragraph, item (numbered point), slogan, qa (``question`` set), closing."""

    kind: str
    lines: list[Line]
    question: str = ""

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass
class Draft:
    kind: str
    title: str
    blocks: list[Block]
    citations: list[Citation]
    mode: str = "offline"  # "offline" | "llm"
    notices: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    def lines(self) -> list[Line]:
        return [line for b in self.blocks for line in b.lines]

    def to_markdown(self) -> str:
        out = [f"# {self.title}", ""]
        n_item = 0
        for b in self.blocks:
            body = "".join(line.marked() for line in b.lines)
            if b.kind == "heading":  # a heading's citation is carried by its paragraph
                out += [f"## {b.text}", ""]
            elif b.kind == "slogan":  # never a mark inside a slogan: its source is listed under the set
                n_item += 1
                out.append(f"{n_item}. {b.text}")
            elif b.kind == "item":
                n_item += 1
                out.append(f"{n_item}. {body}")
            elif b.kind == "qa":
                n_item += 1
                out += [f"**问{n_item}：{b.question}**", "", f"答：{body}", ""]
            else:
                if out[-1] != "":
                    out.append("")
                out += [body, ""]
        if not self.blocks:
            out.append(EMPTY)
        basis = slogan_basis(self.blocks)
        if basis:
            out += ["", basis]
        if self.citations:
            out += ["", "---", "", "**资料来源**", ""]
            out += [f"〔{c.n}〕{c.source()}：「{c.quote}」" + "  " for c in self.citations]
        return "\n".join(out).rstrip() + "\n"

    def to_docx(self, path: str | Path) -> Path:
        """Title, headings, paragraphs with superscript 〔n〕 marks and a numbered 资料来源 list, set as a
        Chinese official document: 方正小标宋简体 title, 黑体 headings, 仿宋_GB2312 body in 三号, Times New Roman
        for Latin text and digits, page numbers 「— n —」 centred in the footer, the assistant as author,
        last editor and application, dated now. A machine without those fonts substitutes its own
        (``_font_table``)."""
        from docx import Document as DocxDocument
        from docx.shared import Pt

        doc = DocxDocument()
        _official_styles(doc)
        _font_table(doc)
        _properties(doc, self.title)
        _page_numbers(doc)
        doc.add_heading(self.title, level=0)
        n_item = 0
        for b in self.blocks:
            if b.kind == "heading":
                doc.add_heading(b.text, level=1)
                continue
            if b.kind == "qa":
                n_item += 1
                q = doc.add_paragraph()
                q.add_run(f"问{n_item}：{b.question}").bold = True
                para = doc.add_paragraph("答：")
            elif b.kind in ("item", "slogan"):
                n_item += 1
                para = doc.add_paragraph(f"{n_item}. ")
            else:
                para = doc.add_paragraph()
            for line in b.lines:
                para.add_run(line.text)
                if b.kind == "slogan":
                    continue  # listed under the set (``slogan_basis``)
                for n in line.cites:
                    run = para.add_run(f"〔{n}〕")
                    run.font.superscript = True
        if not self.blocks:
            doc.add_paragraph(EMPTY)
        basis = slogan_basis(self.blocks)
        if basis:
            doc.add_paragraph(basis)
        if self.citations:
            doc.add_heading("资料来源", level=1)
        for c in self.citations:
            p = doc.add_paragraph(f"〔{c.n}〕{c.source()}：「{c.quote}」")
            for run in p.runs:
                run.font.size = Pt(9)
        path = Path(path)
        doc.save(str(path))
        return path

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "mode": self.mode,
            "notices": self.notices,
            "markdown": self.to_markdown(),
            "citations": [c.to_json() for c in self.citations],
            "blocks": [
                {
                    "kind": b.kind,
                    "question": b.question,
                    "lines": [{"text": li.text, "cites": li.cites} for li in b.lines],
                }
                for b in self.blocks
            ],
        }


def slogan_basis(blocks: list[Block]) -> str:
    """Where each slogan comes from, said once under the set: 「依据：第1、2条见〔1〕，第3条见〔2〕。」"""
    by_source: dict[tuple[int, ...], list[int]] = {}
    n_item = 0
    for b in blocks:
        if b.kind in ("item", "qa"):
            n_item += 1
        if b.kind != "slogan":
            continue
        n_item += 1
        marks = tuple(dict.fromkeys(n for line in b.lines for n in line.cites))
        if marks:
            by_source.setdefault(marks, []).append(n_item)
    parts = [
        f"第{'、'.join(map(str, items))}条见{''.join(f'〔{n}〕' for n in marks)}"
        for marks, items in by_source.items()
    ]
    return f"依据：{'，'.join(parts)}。" if parts else ""


AUTHOR = "矿山安全政策助手"
# style → (East Asian font, size in points): GB/T 9704 habits for a 党政机关公文
OFFICIAL_FONTS = {
    "Normal": ("仿宋_GB2312", 16),
    "Title": ("方正小标宋简体", 22),
    "Heading 1": ("黑体", 16),
    "Heading 2": ("楷体_GB2312", 16),
}

# official font → (the font Windows ships in its place, font family); for 黑体 that is SimHei, its own
# English name. Word reads ``w:altName`` as one name (no comma list, at most 31 characters:
# MS-OI29500 §2.1.262) and tries it before substituting by metrics, which the GB2312 charset and the
# family steer. LibreOffice ignores ``altName`` (its writerfilter FontTable.cxx skips it) and asks
# fontconfig, which on this machine gives Noto Sans CJK SC for all four names
# (`fc-match 仿宋_GB2312:lang=zh-cn`); naming a Noto font here would help neither reader.
FONT_FALLBACKS = {
    "仿宋_GB2312": ("仿宋", "roman"),
    "方正小标宋简体": ("宋体", "roman"),
    "黑体": ("SimHei", "swiss"),
    "楷体_GB2312": ("楷体", "roman"),
}
GB2312_CHARSET = "86"


def _properties(doc: Any, title: str) -> None:
    """Core and app properties of our own, not the python-docx template's (dated 2013-12-23, author
    「python-docx」, application 「Microsoft Macintosh Word」)."""
    from datetime import UTC, datetime

    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml

    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = title
    props.comments = "由矿山安全政策助手根据所引条款生成，每个事实均注明出处"
    # python-docx writes the time as given with a 「Z」 after it, so it must be UTC
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)
    # the app part is a plain Part in python-docx: rewrite its XML
    app = next(p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    root = parse_xml(app.blob)
    ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    root.find("ep:Application", ns).text = AUTHOR
    version = root.find("ep:AppVersion", ns)
    if version is not None:  # Word 2010's version number, which would now describe nothing
        root.remove(version)
    app._blob = serialize_part_xml(root)


def _font_table(doc: Any) -> None:
    """Declare each official font in word/fontTable.xml with its fallback (``FONT_FALLBACKS``)."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    part = doc.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    )
    root = parse_xml(part.blob)
    for name, (alt, family) in FONT_FALLBACKS.items():
        font = root.makeelement(qn("w:font"), {qn("w:name"): name})
        # CT_Font's children come in this order: altName, panose1, charset, family, notTrueType, pitch
        for tag, value in (
            ("altName", alt),
            ("charset", GB2312_CHARSET),
            ("family", family),
            ("pitch", "variable"),
        ):
            font.append(font.makeelement(qn(f"w:{tag}"), {qn("w:val"): value}))
        root.append(font)
    part._blob = serialize_part_xml(root)


def _official_styles(doc: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name, (east_asia, size) in OFFICIAL_FONTS.items():
        style = doc.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
            fonts.set(qn(attr), east_asia if attr == "w:eastAsia" else "Times New Roman")
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would override the names above


def _page_numbers(doc: Any) -> None:
    """「— n —」 centred in the footer of every page (a PAGE field)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == "PAGE":
            el = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = " PAGE "
        else:
            el = run._r.makeelement(qn("w:t"), {})
            el.text = text
        run._r.append(el)
    footer.add_run(" —")
