"""Question banks to and from Excel (the layout Chinese exam platforms import) and JSON.

Sheet 「题库」 has one row per question: 题号, 题型, 题干, 选项A–F, 答案, 解析, 出处, 难度. Sheet 「元数据」
keeps what a platform does not need but grading does (clause ids, key points, templates, the bank id),
so ``load_bank`` restores the bank exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import AssistantError
from assistant.quiz.model import LETTERS, TYPE_BY_NAME, Question, QuizBank

HEADER = ["题号", "题型", "题干", *[f"选项{ch}" for ch in LETTERS], "答案", "解析", "出处", "难度"]
META_HEADER = [
    "题号",
    "doc_id",
    "doc_title",
    "clause",
    "chunk_id",
    "key_points",
    "template",
    "quote",
    "type",
    "doc_level",
    "doc_status",
]


class BankFileError(AssistantError):
    """A bank file cannot be read."""


def to_json(bank: QuizBank, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(bank.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def to_xlsx(bank: QuizBank, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "题库"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for q in bank.questions:
        options = (q.options + [""] * len(LETTERS))[: len(LETTERS)]
        ws.append([q.id, q.type_name, q.stem, *options, q.answer, q.explanation, q.source, q.difficulty])
    for col, width in zip("ABCDEFGHIJKLMN", (6, 8, 60, 16, 16, 16, 16, 16, 16, 14, 60, 40, 6), strict=False):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    meta = wb.create_sheet("元数据")
    meta.append(
        ["bank_id", bank.bank_id, "title", bank.title, "source", json.dumps(bank.source, ensure_ascii=False)]
    )
    meta.append(META_HEADER)
    for q in bank.questions:
        meta.append(
            [
                q.id,
                q.doc_id,
                q.doc_title,
                q.clause,
                q.chunk_id,
                json.dumps(q.key_points, ensure_ascii=False),
                q.template,
                q.quote,
                q.type,
                q.doc_level,
                q.doc_status,
            ]
        )
    path = Path(path)
    wb.save(str(path))
    return path


SHEET_NOTE = (
    "答题卡：每位学员一行，「姓名」列填姓名，每题一列填答案（选择题填字母，如 A 或 ACD；判断题填 对/错；"
    "填空题填所缺内容；简答题写要点）。题库编号勿改。填好后用「考试阅卷」或 mine-assistant grade 评分。"
)


def to_answer_sheet(bank: QuizBank, path: str | Path, trainees: int = 30) -> Path:
    """A blank answer sheet in the wide layout ``grade`` reads: 题库编号, 姓名, then one column per
    question id; a second sheet lists each question's id, type and stem for the invigilator."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "答题卡"
    ws.append(["题库编号", "姓名", *[q.id for q in bank.questions]])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for _ in range(trainees):
        ws.append([bank.bank_id, "", *["" for _ in bank.questions]])
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 12
    guide = wb.create_sheet("说明")
    guide.append([SHEET_NOTE])
    guide["A1"].alignment = Alignment(wrap_text=True)
    guide.column_dimensions["A"].width = 100
    guide.append([])
    guide.append(["题号", "题型", "题干"])
    for q in bank.questions:
        guide.append([q.id, q.type_name, q.stem])
    path = Path(path)
    wb.save(str(path))
    return path


def save_bank(bank: QuizBank, path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return to_xlsx(bank, path)
    if path.suffix.lower() == ".json":
        return to_json(bank, path)
    raise BankFileError(f"不支持的题库文件类型 {path.suffix or '（无后缀）'}；请用 .xlsx 或 .json")


def load_bank(path: str | Path) -> QuizBank:
    """Read a bank written by ``to_xlsx`` or ``to_json`` (an .xlsx without 元数据 is read from 题库 alone)."""
    path = Path(path)
    if not path.exists():
        raise BankFileError(f"找不到题库文件 {path}")
    if path.suffix.lower() == ".json":
        try:
            return QuizBank.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, TypeError) as exc:
            raise BankFileError(f"题库文件 {path} 不是有效的 JSON：{exc}") from None
    if path.suffix.lower() != ".xlsx":
        raise BankFileError(f"不支持的题库文件类型 {path.suffix}；请用 .xlsx 或 .json")
    from openpyxl import load_workbook

    from assistant.ingest.limits import IngestLimits, check_zip

    check_zip(path, IngestLimits(), label="XLSX")  # an XLSX is a ZIP: refuse a bomb before inflating it
    wb = load_workbook(str(path), read_only=True, data_only=True)
    if "题库" not in wb.sheetnames:
        raise BankFileError(f"{path} 中没有名为“题库”的工作表")
    rows = [list(r) for r in wb["题库"].iter_rows(values_only=True)]
    header = [str(h or "").strip() for h in rows[0]]
    missing = [h for h in ("题号", "题型", "题干", "答案") if h not in header]
    if missing:
        raise BankFileError(f"{path} 的“题库”表缺少列：{'、'.join(missing)}")
    col = {h: i for i, h in enumerate(header)}
    meta_rows: dict[str, list] = {}
    bank_id, title, source = "", path.stem, {}
    if "元数据" in wb.sheetnames:
        meta = [list(r) for r in wb["元数据"].iter_rows(values_only=True)]
        if meta and meta[0] and meta[0][0] == "bank_id":
            bank_id, title = str(meta[0][1] or ""), str(meta[0][3] or title)
            source = json.loads(meta[0][5] or "{}")
        meta_rows = {str(r[0]): r for r in meta[2:] if r and r[0]}
    questions = []
    for r in rows[1:]:
        if not r or r[col["题号"]] in (None, ""):
            continue

        def cell(name: str, r: list = r) -> str:
            v = r[col[name]] if name in col and col[name] < len(r) else None
            return "" if v is None else str(v)

        qid = cell("题号")
        m = meta_rows.get(qid)
        options = [cell(f"选项{ch}") for ch in LETTERS]
        while options and not options[-1]:
            options.pop()
        qtype = (m[8] if m else None) or TYPE_BY_NAME.get(cell("题型"), cell("题型"))
        questions.append(
            Question(
                qid,
                qtype,
                cell("题干"),
                options,
                cell("答案"),
                cell("解析"),
                str(m[1]) if m else "",
                str(m[2]) if m else "",
                str(m[3]) if m else cell("出处"),
                str(m[4]) if m else "",
                cell("难度") or "中",
                json.loads(m[5])
                if m and m[5]
                else ([p for p in cell("答案").split("；") if p] if qtype == "short" else []),
                str(m[6] or "") if m else "",
                str(m[7] or "") if m else "",
                str(m[9] or "") if m and len(m) > 9 else "",  # banks written before level/status: ""
                str(m[10] or "") if m and len(m) > 10 else "",
            )
        )
    wb.close()
    return QuizBank(title, questions, source, bank_id)
