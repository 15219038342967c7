"""Content commands: ``draft`` (publicity drafts), ``quiz`` (question banks), ``grade`` (exam grading)."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli.common import echo_json, get_assistant
from assistant.errors import AssistantError


@click.command()
@click.argument("kind", type=click.Choice(["article", "slogans", "points", "qa"]))
@click.option("--topic", help="主题词，如 尾矿库")
@click.option("--doc", help="文档 id，如 jiujiang-plan")
@click.option("--section", help="只用某一节，如 二、（四）")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出 .docx 或 .md（默认打印 Markdown）",
)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.pass_context
def draft(
    ctx: click.Context,
    kind: str,
    topic: str | None,
    doc: str | None,
    section: str | None,
    output: Path | None,
    as_json: bool,
) -> None:
    """生成宣传稿（article）、宣传标语（slogans）、宣传要点（points）或培训问答（qa），逐句标注出处。"""
    from assistant.service import DraftRequest

    if not topic and not doc:
        raise AssistantError("请用 --topic 指定主题，或用 --doc 指定文档")
    result = get_assistant(ctx).draft(DraftRequest(kind, topic, doc, section))
    for notice in result.notices:
        click.echo(f"提示：{notice}", err=True)
    if output:
        if output.suffix.lower() == ".docx":
            result.to_docx(output)
        elif output.suffix.lower() in (".md", ".markdown", ".txt"):
            output.write_text(result.to_markdown(), encoding="utf-8")
        else:
            raise AssistantError(f"不支持的输出格式 {output.suffix or '（无后缀）'}；请用 .docx 或 .md")
        click.echo(f"已生成 {output}（{len(result.citations)} 处出处）")
    elif as_json:
        echo_json(result.to_json())
    else:
        click.echo(result.to_markdown())


@click.command()
@click.option("--topic", help="主题词，如 尾矿库")
@click.option("--doc", help="文档 id，如 jiujiang-plan")
@click.option("--section", help="只用某一节，如 二、（四）")
@click.option("--n", "n", type=int, default=20, show_default=True, help="题目数量（0 = 全部可出的题）")
@click.option("--types", default="single,multi,judge,blank,short", show_default=True, help="题型，逗号分隔")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出 .xlsx 或 .json")
@click.pass_context
def quiz(
    ctx: click.Context,
    topic: str | None,
    doc: str | None,
    section: str | None,
    n: int,
    types: str,
    seed: int,
    output: Path | None,
) -> None:
    """从条款生成题库（单选、多选、判断、填空、简答），每题附解析和出处。"""
    from assistant.quiz.export import save_bank
    from assistant.service import QuizRequest

    wanted = tuple(t.strip() for t in types.split(",") if t.strip())
    bank = get_assistant(ctx).quiz(QuizRequest(topic, doc, section, n, wanted, seed))
    if output:
        save_bank(bank, output)
        click.echo(f"已生成 {output}：{len(bank.questions)} 道题（题库编号 {bank.bank_id}）")
        return
    click.echo(f"{bank.title}（{len(bank.questions)} 道题，题库编号 {bank.bank_id}）")
    for q in bank.questions:
        click.echo(f"\n{q.id} [{q.type_name}] {q.stem}")
        for letter, option in zip("ABCDEF", q.options, strict=False):
            click.echo(f"  {letter}. {option}")
        click.echo(f"  答案：{q.answer}\n  出处：{q.source}")


@click.command()
@click.option(
    "--bank",
    "bank_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="题库 .xlsx 或 .json",
)
@click.option(
    "--answers",
    "answers_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="答题文件 .xlsx 或 .csv（每行一题，或每人一行、每题一列）",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="成绩报告 .xlsx（同名 .png 为图表）",
)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出成绩")
@click.pass_context
def grade(
    ctx: click.Context, bank_path: Path, answers_path: Path, output: Path | None, as_json: bool
) -> None:
    """按题库评阅答题文件：逐人得分、逐题反馈、易错题统计。"""
    from assistant.service import GradeRequest

    report = get_assistant(ctx).grade(GradeRequest(bank_path, answers_path))
    if as_json:
        echo_json(
            {
                "bank_id": report.bank_id,
                "scores": report.scores(),
                "problems": report.problems,
                "stats": [s.__dict__ for s in report.stats],
            }
        )
    else:
        click.echo(f"{report.bank_title}：{len(report.trainees)} 名学员，{report.n_questions} 道题")
        for t in report.trainees:
            click.echo(f"  {t.name}：{t.score:g} / {report.n_questions}（{report.percent(t)} 分）")
        hard = report.hardest(3)
        if hard:
            click.echo(
                "最难的题目：" + "；".join(f"{s.qid} 正确率 {s.correct_rate:.0%}（{s.source}）" for s in hard)
            )
        for p in report.problems:
            click.echo(f"问题：{p}", err=True)
    if output:
        report.to_xlsx(output)
        png = report.chart_png(output.with_suffix(".png"))
        click.echo(f"已生成 {output} 和 {png}")


COMMANDS = [draft, quiz, grade]
