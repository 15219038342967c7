"""Content commands: ``draft`` (publicity drafts), ``quiz`` (question banks), ``grade`` (exam grading)."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli.common import check_output, echo_json, get_assistant
from assistant.errors import AssistantError


@click.command()
@click.argument("kind", type=click.Choice(["article", "slogans", "points", "qa"]))
@click.option("--topic", help="主题词，如 尾矿库")
@click.option("--doc", help="文档 id 或标题，如 jiujiang-plan、安全生产法")
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
    check_output(ctx, output)
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
@click.option("--doc", help="文档 id 或标题，如 jiujiang-plan、安全生产法")
@click.option("--section", help="只用某一节，如 二、（四）")
@click.option("--n", "n", type=int, default=20, show_default=True, help="题目数量（0 = 全部可出的题）")
@click.option("--types", default="single,multi,judge,blank,short", show_default=True, help="题型，逗号分隔")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出 .xlsx 或 .json")
@click.option(
    "--answer-sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="同时导出空白答题卡 .xlsx（阅卷可直接读取的版式）",
)
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
    answer_sheet: Path | None,
) -> None:
    """从条款生成题库（单选、多选、判断、填空、简答），每题附解析和出处。"""
    from assistant.quiz.export import save_bank, to_answer_sheet
    from assistant.service import QuizRequest

    wanted = tuple(t.strip() for t in types.split(",") if t.strip())
    check_output(ctx, output, answer_sheet)
    bank = get_assistant(ctx).quiz(QuizRequest(topic, doc, section, n, wanted, seed))
    if bank.source.get("shortfall"):
        click.echo(f"注意：{bank.source['shortfall']}", err=True)
    if answer_sheet:
        if answer_sheet.suffix.lower() != ".xlsx":
            raise click.BadParameter("答题卡应保存为 .xlsx", param_hint="--answer-sheet")
        to_answer_sheet(bank, answer_sheet)
        click.echo(
            f"已生成空白答题卡 {answer_sheet}（{len(bank.questions)} 题，题库编号 {bank.bank_id}）", err=True
        )
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
    """按题库评阅答题文件：逐人得分、逐题反馈、易错题统计。

    \b
    答题文件（.xlsx 或 .csv，第一行为表头）可用两种版式：
      宽表：每位学员一行。「姓名」列（或 学员/考生），每题一列，列名为题号（如 Q01）；
            可选「题库编号」列。mine-assistant quiz --answer-sheet 导出的空白答题卡即此版式。
      长表：每题一行。「姓名」「题号」「答案」三列（也认 学员/考生、试题编号、作答/学员答案），
            可选「题库编号」列。
    \b
    答案写法：选择题填字母（A、ACD，顺序和大小写不限）；判断题填 对/错（或 √/×、正确/错误）；
    填空题填所缺内容（三年 与 3年、2024年底 与 2024年12月底前 视为相同）；简答题按要点给分。
    无法使用的行会连同行号列在“问题”中，其余照常评分。"""
    from assistant.service import GradeRequest

    check_output(ctx, output, output.with_suffix(".png") if output else None)
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
            click.echo("最难的题目：" + "；".join(f"{s.label}（正确率 {s.correct_rate:.0%}）" for s in hard))
        for p in report.problems:
            click.echo(f"问题：{p}", err=True)
    if output:
        report.to_xlsx(output)
        png = report.chart_png(output.with_suffix(".png"))
        click.echo(f"已生成 {output} 和 {png}")


COMMANDS = [draft, quiz, grade]
