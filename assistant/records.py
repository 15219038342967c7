"""What users leave behind in the web app: ratings of answers and saved conversations, in one local
SQLite file (``<data_dir>/records.sqlite``; nothing leaves the machine).

- ``add_feedback`` keeps a 👍/👎 with an optional comment and the whole answer as it was shown
  (question, resolved query, text, citations), so a bad answer can become a gold case later
  (``mine-assistant eval import-feedback``); ``export_feedback`` writes every rating to a CSV file for
  Excel or to JSON lines (``mine-assistant eval export-feedback``).
- ``save_conversation`` / ``conversations`` / ``conversation`` keep each user's conversations; a user only
  ever lists and opens their own.

Each call opens its own connection (``timeout`` waits out a concurrent writer), so one ``Records`` serves
every thread of the web app.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.schema import Answer, Citation

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    rating INTEGER NOT NULL,          -- +1 good, -1 bad
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL              -- Answer.to_json()
);
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    answers TEXT NOT NULL             -- [Answer.to_json(), ...]
);
CREATE INDEX IF NOT EXISTS conversations_user ON conversations (user, updated);
"""


@dataclass(frozen=True)
class Feedback:
    id: int
    at: str
    user: str
    rating: int
    comment: str
    answer: Answer

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "user": self.user,
            "rating": self.rating,
            "comment": self.comment,
            "answer": self.answer.to_json(),
        }


@dataclass(frozen=True)
class SavedConversation:
    id: int
    title: str
    updated: str
    turns: int


def answer_from_json(data: dict[str, Any]) -> Answer:
    return Answer(
        question=data.get("question", ""),
        answer=data.get("answer", ""),
        citations=[Citation.from_json(c) for c in data.get("citations", [])],
        refused=bool(data.get("refused", False)),
        mode=data.get("mode", "extractive"),
        resolved_query=data.get("resolved_query", ""),
        removed_citations=int(data.get("removed_citations", 0)),
        notices=list(data.get("notices", [])),
    )


EXPORT_COLUMNS = ["编号", "时间", "用户", "评价", "评论", "问题", "回答", "引用", "是否拒答"]


def _row(f: Feedback) -> list[str]:
    cited = "；".join(f"〔{c.n}〕{c.source()}" for c in f.answer.citations)
    refused = "是" if f.answer.refused else "否"
    return [
        str(f.id),
        f.at,
        f.user,
        "👍" if f.rating > 0 else "👎",
        f.comment,
        f.answer.question,
        f.answer.answer,
        cited,
        refused,
    ]


def _cell(value: str) -> str:
    """Comments and questions are typed by users, and Excel runs a cell starting with = + - @ as a
    formula (CSV injection): such a cell gets a leading apostrophe, so that Excel reads it as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S")


class Records:
    def __init__(self, path: Path):
        self.path = path
        self._ready = False  # the tables exist (created on the first call)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                self._ready = False  # a new (or removed) file: make the tables again
            con = sqlite3.connect(self.path, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise AssistantError(
                f"无法打开记录文件 {self.path}：{exc}；请检查 data_dir 设置与写权限"
            ) from None
        try:
            if not self._ready:
                con.executescript(SCHEMA)
                self._ready = True
            with con:
                yield con
        finally:
            con.close()

    # -- feedback ---------------------------------------------------------------------------------
    def add_feedback(self, user: str, answer: Answer, rating: int, comment: str = "") -> int:
        if rating not in (1, -1):
            raise AssistantError("评价只能是 👍（1）或 👎（-1）")
        with self._db() as con:
            cur = con.execute(
                "INSERT INTO feedback (at, user, rating, comment, question, answer) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    user,
                    rating,
                    comment.strip()[:2000],
                    answer.question,
                    json.dumps(answer.to_json(), ensure_ascii=False),
                ),
            )
            return int(cur.lastrowid or 0)

    def set_comment(self, feedback_id: int, user: str, comment: str) -> None:
        with self._db() as con:
            n = con.execute(
                "UPDATE feedback SET comment = ? WHERE id = ? AND user = ?",
                (comment.strip()[:2000], feedback_id, user),
            ).rowcount
        if not n:
            raise AssistantError("找不到这条评价（只能补充自己的评价）")

    def feedback(self, rating: int | None = None) -> list[Feedback]:
        query = "SELECT id, at, user, rating, comment, answer FROM feedback"
        args: tuple[Any, ...] = ()
        if rating is not None:
            query, args = query + " WHERE rating = ?", (rating,)
        with self._db() as con:
            rows = con.execute(query + " ORDER BY id", args).fetchall()
        return [Feedback(r[0], r[1], r[2], r[3], r[4], answer_from_json(json.loads(r[5]))) for r in rows]

    def export_feedback(self, path: Path) -> int:
        """Write every rating, oldest first, to ``path`` and return how many: a ``.csv`` table for Excel
        (``EXPORT_COLUMNS``) or ``.jsonl`` lines (``Feedback.to_json``: the whole answer as shown)."""
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".jsonl"):
            raise AssistantError(
                f"不能导出为「{path.name}」：请用 .csv（可用 Excel 打开）或 .jsonl 结尾的文件名"
            )
        ratings = self.feedback()
        try:
            if suffix == ".jsonl":
                lines = [json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in ratings]
                path.write_text("".join(lines), encoding="utf-8")
            else:
                # with a BOM, or Excel reads the UTF-8 as the system code page (GBK) and garbles the Chinese
                with path.open("w", encoding="utf-8-sig", newline="") as out:
                    writer = csv.writer(out)
                    writer.writerow(EXPORT_COLUMNS)
                    writer.writerows([_cell(v) for v in _row(f)] for f in ratings)
        except OSError as exc:
            raise AssistantError(f"无法写入 {path}：{exc.strerror}；请检查所在目录存在且可写") from None
        return len(ratings)

    # -- conversations ----------------------------------------------------------------------------
    def save_conversation(self, user: str, answers: list[Answer], conversation_id: int | None = None) -> int:
        """Create (``conversation_id`` None) or update one of ``user``'s conversations; returns its id."""
        if not answers:
            raise AssistantError("还没有对话可以保存")
        data = json.dumps([a.to_json() for a in answers], ensure_ascii=False)
        title = answers[0].question.strip()[:40]
        with self._db() as con:
            if conversation_id is not None:
                n = con.execute(
                    "UPDATE conversations SET updated = ?, answers = ? WHERE id = ? AND user = ?",
                    (_now(), data, conversation_id, user),
                ).rowcount
                if n:
                    return conversation_id
            cur = con.execute(
                "INSERT INTO conversations (user, title, created, updated, answers) VALUES (?, ?, ?, ?, ?)",
                (user, title, _now(), _now(), data),
            )
            return int(cur.lastrowid or 0)

    def conversations(self, user: str, limit: int = 50) -> list[SavedConversation]:
        with self._db() as con:
            rows = con.execute(
                "SELECT id, title, updated, answers FROM conversations WHERE user = ? ORDER BY updated DESC, id DESC LIMIT ?",
                (user, limit),
            ).fetchall()
        return [SavedConversation(r[0], r[1], r[2], len(json.loads(r[3]))) for r in rows]

    def conversation(self, user: str, conversation_id: int) -> list[Answer]:
        with self._db() as con:
            row = con.execute(
                "SELECT answers FROM conversations WHERE id = ? AND user = ?", (conversation_id, user)
            ).fetchone()
        if row is None:
            raise AssistantError("找不到这段对话（只能打开自己的对话）")
        return [answer_from_json(a) for a in json.loads(row[0])]
