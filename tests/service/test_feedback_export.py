"""`mine-assistant eval export-feedback`: an administrator takes the web app's 👍/👎 out of the records
file as a CSV table for Excel or as JSON lines, the format chosen by the file's extension."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import cli
from assistant.records import Records
from assistant.schema import Answer, Citation

pytestmark = pytest.mark.integration


def answer(question: str, refused: bool = False) -> Answer:
    cite = Citation(
        1, "work-safety-law", "中华人民共和国安全生产法", "第九十四条", "处二万元以上五万元以下的罚款"
    )
    return Answer(question, "结论：…〔1〕", [] if refused else [cite], refused, "extractive", question)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder whose records file holds a 👎 with a comment and a 👍, as the web app leaves them."""
    monkeypatch.chdir(tmp_path)  # no ./mine-assistant.toml from the developer's working folder
    records = Records(tmp_path / "data" / "records.sqlite")
    records.add_feedback("li", answer("主要负责人不履职罚多少？"), -1, "应当引用第九十五条")
    records.add_feedback("zhang", answer("九江明天天气？", refused=True), 1, '=HYPERLINK("http://x")')
    return tmp_path / "data"


def export(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data), "eval", "export-feedback", *args])


def test_csv_export_opens_in_excel_with_chinese_headers_and_one_row_per_rating(data: Path) -> None:
    out = data.parent / "评价.csv"
    result = export(data, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"已导出 2 条评价：{out}" in result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["用户"], r["评价"], r["问题"], r["是否拒答"]) for r in rows] == [
        ("li", "👎", "主要负责人不履职罚多少？", "否"),
        ("zhang", "👍", "九江明天天气？", "是"),
    ]
    assert rows[0]["评论"] == "应当引用第九十五条"
    assert rows[0]["引用"] == "〔1〕《中华人民共和国安全生产法》第九十四条"
    assert rows[1]["评论"] == '\'=HYPERLINK("http://x")'  # a user's formula stays text in Excel


def test_jsonl_export_keeps_each_whole_answer(data: Path) -> None:
    out = data.parent / "feedback.jsonl"
    result = export(data, "--output", str(out))
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in out.read_text("utf-8").splitlines())
    assert (first["rating"], first["comment"]) == (-1, "应当引用第九十五条")
    assert first["answer"]["citations"][0]["quote"] == "处二万元以上五万元以下的罚款"
    assert second["answer"]["refused"] is True


def test_without_o_it_writes_feedback_csv_in_the_working_folder(data: Path) -> None:
    result = export(data)
    assert result.exit_code == 0, result.output
    assert (data.parent / "feedback.csv").read_text("utf-8-sig").startswith("编号,时间,用户,评价")


def test_an_unknown_extension_names_the_two_formats(data: Path) -> None:
    result = export(data, "-o", str(data.parent / "评价.xlsx"))
    assert result.exit_code == 2
    assert "不能导出为「评价.xlsx」：请用 .csv（可用 Excel 打开）或 .jsonl 结尾的文件名" in result.output
    assert not (data.parent / "评价.xlsx").exists()


def test_a_folder_that_does_not_exist_is_reported_not_a_traceback(data: Path) -> None:
    result = export(data, "-o", str(data.parent / "nowhere" / "评价.csv"))
    assert result.exit_code == 2
    assert "无法写入" in result.output and "请检查所在目录存在且可写" in result.output


def test_an_empty_data_folder_says_where_it_looked(data: Path) -> None:
    empty = data.parent / "other-data"
    result = export(empty, "-o", str(data.parent / "评价.csv"))
    assert result.exit_code == 0, result.output
    assert "已导出 0 条评价" in result.output and "请用 --data-dir 指定" in result.output


def test_o_belongs_to_export_feedback_only(data: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "retrieval", "-o", "x.csv"])
    assert result.exit_code == 2 and "-o/--output 只用于 eval export-feedback" in result.output


@pytest.mark.integration
def test_python_m_assistant_exports_in_a_fresh_process(data: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINE_ASSISTANT_")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "--data-dir",
            "data",
            "eval",
            "export-feedback",
            "-o",
            "评价.csv",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=data.parent,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = list(csv.reader((data.parent / "评价.csv").read_text("utf-8-sig").splitlines()))
    assert len(rows) == 3 and rows[0][:4] == ["编号", "时间", "用户", "评价"]
