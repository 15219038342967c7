"""Grading trainees' answers against a bank: per-trainee scores, per-question feedback and statistics.

Objective answers are compared after normalisation (letters in any order, width or case; 对/错/√/×);
fill-ins as a trainer reads them (``fill_in.py``: numerals, units, dates, synonyms, what the stem already
says); short answers by key-point coverage. Every unusable row is reported with
its row number and the rest is still graded.

Every item is worth one point. A short answer with n key points earns it in steps of 1/n, so totals are
rounded to the decimals those steps need (``score_decimals``) wherever they are shown: the Excel report,
the CLI, the web app and the chart's percentages all read ``TraineeResult.score``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.quiz.answers_io import read_answers
from assistant.quiz.fill_in import canonical, fill_in_matches
from assistant.quiz.model import LETTERS, Question, QuizBank
from assistant.quiz.shortanswer import Elsewhere, grade_short_answer
from assistant.text.normalize import normalize

__all__ = ["grade", "grade_short_answer", "GradeReport", "normalize_answer", "is_correct", "score_decimals"]

_TRUE = {"对", "√", "✓", "✔", "正确", "是", "t", "true", "y", "yes", "v"}
_FALSE = {"错", "×", "✗", "✘", "x", "错误", "否", "f", "false", "n", "no"}


def normalize_answer(question: Question, answer: str) -> str:
    """The comparable form of ``answer`` for ``question``'s type ("" when it says nothing)."""
    text = normalize(answer or "")
    if question.type in ("single", "multi"):
        letters = re.sub(r"[^a-f]", "", text).upper()
        return "".join(sorted(set(letters)))
    if question.type == "judge":
        if text in _TRUE:
            return "对"
        if text in _FALSE:
            return "错"
        return text
    return canonical(text)


def score_decimals(questions: list[Question]) -> int:
    """The decimals a total of these questions needs: none when every item scores whole points, one when
    every short answer's step is a whole number of tenths (2, 5 or 10 key points: 0.5, 0.2, 0.1), else two
    (3 key points: 0.67, 4: 0.25), the most a score is shown with."""
    steps = {len(q.key_points) for q in questions if q.type == "short" and q.key_points}
    if steps <= {1}:
        return 0
    if all(10 % n == 0 for n in steps):
        return 1
    return 2


def rounded(points: float, decimals: int) -> float:
    """``points`` to ``decimals`` places; a whole number when there are none (8, not 8.0)."""
    return round(points, decimals) if decimals else round(points)


def is_correct(question: Question, answer: str) -> bool:
    if question.type == "blank":
        return fill_in_matches(question.answer, answer, question.stem)
    return bool(answer.strip()) and normalize_answer(question, answer) == normalize_answer(
        question, question.answer
    )


@dataclass
class ItemResult:
    qid: str
    answer: str
    credit: float  # 0..1, unrounded so that a total of thirds is whole
    feedback: str
    missing_points: list[str] = field(default_factory=list)


@dataclass
class TraineeResult:
    name: str
    items: list[ItemResult]
    decimals: int  # the bank's, from ``score_decimals``

    @property
    def score(self) -> float:
        """The total, rounded to the bank's decimals (an int for a bank of whole points)."""
        return rounded(sum(i.credit for i in self.items), self.decimals)

    def to_review(self) -> list[str]:
        """The ids of the questions not fully right, in bank order."""
        return [i.qid for i in self.items if i.credit < 1]


@dataclass
class QuestionStat:
    qid: str
    type: str
    answered: int
    correct_rate: float
    common_wrong: str
    common_wrong_count: int
    source: str
    stem: str = ""

    @property
    def label(self) -> str:
        """「Q03 对运行到设计最终标高、不再排尾作业、停用…」: the id and the start of the stem, as the CLI and the
        chart name a question."""
        stem = " ".join(self.stem.split())
        return f"{self.qid} {stem[:20]}…" if len(stem) > 20 else f"{self.qid} {stem}".strip()


@dataclass
class GradeReport:
    bank_title: str
    bank_id: str
    n_questions: int
    trainees: list[TraineeResult]
    stats: list[QuestionStat]
    problems: list[str]

    def scores(self) -> dict[str, float]:
        return {t.name: t.score for t in self.trainees}

    def percent(self, t: TraineeResult) -> float:
        return round(100 * t.score / self.n_questions, 1) if self.n_questions else 0.0

    def hardest(self, k: int = 5) -> list[QuestionStat]:
        return sorted((s for s in self.stats if s.answered), key=lambda s: (s.correct_rate, s.qid))[:k]

    def to_xlsx(self, path: str | Path) -> Path:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "成绩"
        ws.append(["学员", "得分", "满分", "百分制"])
        for t in self.trainees:
            ws.append([t.name, t.score, self.n_questions, self.percent(t)])
        fb = wb.create_sheet("逐题反馈")
        fb.append(["学员", "题号", "作答", "得分", "反馈", "未答到的要点"])
        for t in self.trainees:
            for i in t.items:
                credit = rounded(i.credit, t.decimals)
                fb.append([t.name, i.qid, i.answer, credit, i.feedback, "；".join(i.missing_points)])
        st = wb.create_sheet("题目统计")
        st.append(["题号", "题型", "作答人数", "正确率", "最常见错误答案", "人数", "出处（建议复习）"])
        for s in self.stats:
            st.append(
                [s.qid, s.type, s.answered, s.correct_rate, s.common_wrong, s.common_wrong_count, s.source]
            )
        pr = wb.create_sheet("问题")
        pr.append(["答题文件中的问题"])
        for p in self.problems or ["（无）"]:
            pr.append([p])
        for sheet in wb.worksheets:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
        path = Path(path)
        wb.save(str(path))
        return path

    def chart_png(self, path: str | Path) -> Path:
        from assistant.quiz.chart import report_chart

        return report_chart(self, Path(path))


def _grade_item(q: Question, answer: str, elsewhere: Elsewhere | None = None) -> ItemResult:
    """Feedback cites the clause once: the explanation (「依据《…》…：「…」」) where there is one."""
    where = f"请复习{q.source}"
    if not answer.strip():
        return ItemResult(q.id, answer, 0.0, f"未作答。{where}")
    if q.type == "short":
        score, found, wrong = grade_short_answer(answer, q.key_points, q.quote, elsewhere)
        missing = [p for p, f in zip(q.key_points, found, strict=False) if not f]
        said_wrong = f"答错：{'；'.join(wrong)}（与原文不符，扣分）。" if wrong else ""
        if not missing:
            return ItemResult(q.id, answer, score, said_wrong or "要点齐全。")
        if said_wrong:
            return ItemResult(
                q.id, answer, score, f"{said_wrong}缺少要点：{'；'.join(missing)}。{where}", missing
            )
        return ItemResult(q.id, answer, score, f"缺少要点：{'；'.join(missing)}。{where}", missing)
    if is_correct(q, answer):
        return ItemResult(q.id, answer, 1.0, "正确。")
    return ItemResult(q.id, answer, 0.0, f"错误，正确答案：{q.answer}。{q.explanation or where}")


def _type_mismatch(q: Question, answer: str) -> bool:
    """An answer that cannot belong to this question (letters for a judge item, 对 for a choice)."""
    norm = normalize_answer(q, answer)
    if q.type in ("single", "multi"):
        return not norm or any(LETTERS.index(ch) >= len(q.options) for ch in norm)
    if q.type == "judge":
        return norm not in ("对", "错")
    return False


def grade(bank: QuizBank, answers_path: str | Path, elsewhere: Elsewhere | None = None) -> GradeReport:
    """Grade ``answers_path`` (xlsx/csv, long or wide) against ``bank``; see the module docstring."""
    file = read_answers(answers_path)
    questions = bank.by_id()
    problems = list(file.problems)
    if file.bank_ids and bank.bank_id not in file.bank_ids:
        problems.append(
            f"答题文件的题库编号（{'、'.join(sorted(file.bank_ids))}）与本题库（{bank.bank_id}）不一致，"
            "请确认答题文件与题库对应；仍按本题库评分"
        )
    file_qids = {r.qid for r in file.rows if r.qid}
    unknown = sorted(file_qids - set(questions))
    if file_qids and len(unknown) > len(file_qids) / 2:
        problems.append(
            f"答题文件中的大部分题号（{len(unknown)}/{len(file_qids)}）不在本题库中，"
            "可能是另一份题库的答题文件"
        )
    answers: dict[str, dict[str, str]] = {}
    first_row: dict[tuple[str, str], int] = {}
    mismatched = 0
    for r in file.rows:
        if not r.trainee:
            problems.append(f"第{r.row}行：缺少学员姓名，已跳过")
            continue
        if r.qid not in questions:
            problems.append(f"第{r.row}行：题号“{r.qid}”不在本题库中（学员 {r.trainee}），已跳过")
            continue
        key = (r.trainee, r.qid)
        if key in first_row:
            problems.append(
                f"第{r.row}行：学员 {r.trainee} 的第 {r.qid} 题重复作答（首次在第{first_row[key]}行），"
                "以首次为准"
            )
            continue
        first_row[key] = r.row
        answers.setdefault(r.trainee, {})
        if not r.answer.strip():
            problems.append(f"第{r.row}行：学员 {r.trainee} 的第 {r.qid} 题答案为空，按未作答计")
        elif _type_mismatch(questions[r.qid], r.answer):
            mismatched += 1
            problems.append(
                f"第{r.row}行：学员 {r.trainee} 的第 {r.qid} 题答案“{r.answer}”不符合{questions[r.qid].type_name}的格式"
            )
        answers[r.trainee][r.qid] = r.answer
    if mismatched and mismatched > len(first_row) / 2:
        problems.append("多数答案与题型不符，答题文件可能属于另一份题库")
    decimals = score_decimals(bank.questions)
    trainees = [
        TraineeResult(name, [_grade_item(q, got.get(q.id, ""), elsewhere) for q in bank.questions], decimals)
        for name, got in answers.items()
    ]
    stats = []
    for q in bank.questions:
        given = [got[q.id] for got in answers.values() if got.get(q.id, "").strip()]
        credits = [
            t.items[bank.questions.index(q)].credit for t in trainees if answers[t.name].get(q.id, "").strip()
        ]
        wrong = Counter(normalize_answer(q, a) for a in given if q.type != "short" and not is_correct(q, a))
        common, count = wrong.most_common(1)[0] if wrong else ("", 0)
        rate = round(sum(credits) / len(credits), 4) if credits else 0.0
        stats.append(QuestionStat(q.id, q.type_name, len(given), rate, common, count, q.source, q.stem))
    return GradeReport(bank.title, bank.bank_id, len(bank.questions), trainees, stats, problems)
