"""Reading trainees' answers: long (trainee, question id, answer) or wide (a column per question id).

Both layouts come as .xlsx or .csv. Reading never drops a row silently: rows that cannot be used are
returned as problems with their row number, for the grading report.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import AssistantError

TRAINEE_HEADERS = {"姓名", "学员", "学员姓名", "考生", "考生姓名", "trainee", "name"}
QID_HEADERS = {"题号", "试题编号", "question", "question_id", "qid"}
ANSWER_HEADERS = {"答案", "作答", "学员答案", "考生答案", "answer"}
BANK_HEADERS = {"题库编号", "试卷编号", "bank_id", "bank"}


class AnswersFileError(AssistantError):
    """The answers file as a whole cannot be read."""


@dataclass(frozen=True)
class AnswerRow:
    row: int  # 1-based row number in the file (the header is row 1)
    trainee: str
    qid: str
    answer: str


@dataclass
class AnswerFile:
    rows: list[AnswerRow]
    layout: str  # "long" | "wide"
    bank_ids: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def _cells(path: Path) -> list[list[str]]:
    if not path.exists():
        raise AnswersFileError(f"找不到答题文件 {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        from assistant.errors import IngestError
        from assistant.ingest.loaders import decode_bytes

        try:
            text = decode_bytes(path.read_bytes())  # the corpus loaders' UTF-8 / GB18030 detection
        except IngestError as exc:
            raise AnswersFileError(f"{path}：{exc}；请另存为 UTF-8 的 CSV") from None
        return [[c.strip() for c in r] for r in csv.reader(text.splitlines())]
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        from assistant.ingest.limits import IngestLimits, check_zip

        check_zip(path, IngestLimits(), label="XLSX")  # an XLSX is a ZIP: refuse a bomb before inflating it
        wb = load_workbook(str(path), read_only=True, data_only=True)
        ws = wb.active
        rows = [["" if v is None else str(v).strip() for v in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    raise AnswersFileError(f"不支持的答题文件类型 {suffix or '（无后缀）'}；请用 .xlsx 或 .csv")


def _find(header: list[str], names: set[str]) -> int | None:
    for i, h in enumerate(header):
        if h.strip().lower() in names:
            return i
    return None


def read_answers(path: str | Path) -> AnswerFile:
    """All answer rows of ``path``; a wide file is unrolled into one row per trainee and question."""
    path = Path(path)
    cells = [r for r in _cells(path)]
    while cells and not any(cells[0]):
        cells.pop(0)
    if not cells:
        raise AnswersFileError(f"{path} 是空文件")
    header = [h.strip() for h in cells[0]]
    who = _find(header, TRAINEE_HEADERS)
    if who is None:
        raise AnswersFileError(f"{path} 的表头中没有学员姓名列（可用：{'、'.join(sorted(TRAINEE_HEADERS))}）")
    qid_col, ans_col, bank_col = (
        _find(header, QID_HEADERS),
        _find(header, ANSWER_HEADERS),
        _find(header, BANK_HEADERS),
    )
    out = AnswerFile([], "long" if qid_col is not None and ans_col is not None else "wide")

    def get(r: list[str], i: int | None) -> str:
        return r[i].strip() if i is not None and i < len(r) and r[i] is not None else ""

    for n, r in enumerate(cells[1:], start=2):
        if not any(c for i, c in enumerate(r) if i != bank_col):
            continue  # an empty row, or an unused line of a blank answer sheet (only its bank id)
        if bank_col is not None and get(r, bank_col):
            out.bank_ids.add(get(r, bank_col))
        trainee = get(r, who)
        if out.layout == "long":
            out.rows.append(AnswerRow(n, trainee, get(r, qid_col), get(r, ans_col)))
        else:
            for i, h in enumerate(header):
                if i in (who, bank_col) or not h:
                    continue
                out.rows.append(AnswerRow(n, trainee, h, get(r, i)))
    return out
