"""``mine-assistant eval``: the regression eval over every feature, and the CI gate (``--check``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from assistant.evaluate.baseline import Regression
    from assistant.evaluate.results import EvalResult

from assistant.cli.common import echo_json, get_assistant

# The registered eval sets (a unit test keeps this list equal to the registry, which is not imported
# here so that `mine-assistant --help` stays instant).
SET_CHOICES = ("retrieval", "answers", "laws", "paraphrases", "drafts", "quiz", "grading", "feedback", "all")
IMPORT_FEEDBACK = "import-feedback"
EXPORT_FEEDBACK = "export-feedback"


@click.command("eval")
@click.argument("which", default="all", type=click.Choice([*SET_CHOICES, IMPORT_FEEDBACK, EXPORT_FEEDBACK]))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出全部指标和失败项")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="另写 Markdown 报告（同名 .html 和 *_files/ 图表一并生成）",
)
@click.option("--check", is_flag=True, help="与基线比较：任一指标低于基线超过容差则以非零退出")
@click.option("--update-baseline", is_flag=True, help="把本次结果写入基线（提交时写明原因）")
@click.option(
    "--evals-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("evals"),
    show_default=True,
    help="评测集目录",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="基线文件（默认 <evals-dir>/baseline.json）",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="export-feedback 的输出文件：.csv（Excel 可直接打开）或 .jsonl（默认 feedback.csv）",
)
@click.pass_context
def eval_command(
    ctx: click.Context,
    which: str,
    as_json: bool,
    report_path: Path | None,
    check: bool,
    update_baseline: bool,
    evals_dir: Path,
    baseline_path: Path | None,
    output_path: Path | None,
) -> None:
    """评测检索、问答、宣传稿、题库和阅卷，列出失败项；--check 作为 CI 门禁。

    mine-assistant eval import-feedback：把网页版中被点 👎 的回答追加到 <evals-dir>/feedback.jsonl，
    成为待标注的评测用例（写上 expected 或 "refuse": true 后计入 feedback 评测集）。

    mine-assistant eval export-feedback [-o 文件]：把网页版的全部 👍/👎 评价（含评论、问题、回答与引用）
    导出为 .csv（UTF-8，Excel 可直接打开）或 .jsonl（每行一条，含完整回答），按文件扩展名选择格式。"""
    from assistant.evaluate import baseline as bl

    if output_path and which != EXPORT_FEEDBACK:
        raise click.UsageError("-o/--output 只用于 eval export-feedback；评测报告请用 --report")
    if which == EXPORT_FEEDBACK:
        path = output_path or Path("feedback.csv")
        records = get_assistant(ctx).records
        count = records.export_feedback(path)
        click.echo(f"已导出 {count} 条评价：{path}")
        if not count:
            click.echo(f"记录文件 {records.path} 中没有评价；如果网页版用的是别的目录，请用 --data-dir 指定")
        return

    if which == IMPORT_FEEDBACK:
        from assistant.evaluate.feedback import import_feedback

        report = import_feedback(get_assistant(ctx).records, evals_dir)
        click.echo(
            f"新增 {len(report.added)} 条待标注用例（{', '.join(report.added) or '无'}），"
            f"{report.already} 条以前已导入：{report.path}"
        )
        if report.added:
            click.echo(
                '请为每条写上 "expected": ["<文档id> <条款>"] 或 "refuse": true，再运行 eval feedback。'
            )
        return

    if check and update_baseline:
        raise click.UsageError("--check 和 --update-baseline 不能同时使用：先检查，确认后再更新基线")
    baseline_path = baseline_path or evals_dir / "baseline.json"
    result = get_assistant(ctx).evaluate((which,), evals_dir, progress=not as_json)
    ran_ok = [name for name, r in result.sets.items() if not r.error]

    regressions: list[bl.Regression] | None = None
    unbaselined: list[str] = []
    if check:
        baseline = bl.load_baseline(baseline_path)
        regressions = bl.check(baseline, result.metrics, ran_ok)
        unbaselined = [s for s in ran_ok if not any(m.startswith(f"{s}.") for m in baseline)]
    if update_baseline:
        old = bl.load_baseline(baseline_path) if baseline_path.exists() else {}
        directions = {m: d for name in ran_ok for m, d in result.sets[name].gated.items()}
        bl.save_baseline(baseline_path, bl.updated(old, result.metrics, directions, ran_ok))

    written = []
    if report_path:
        from assistant.evaluate.report import write_report

        written = write_report(result, report_path, regressions)

    if as_json:
        data = result.to_json()
        for r in data["sets"].values():
            r["details"].pop("traceback", None)
        if regressions is not None:
            data["check"] = {
                "passed": not regressions and result.ok,
                "regressions": [r.line() for r in regressions],
                "not_in_baseline": unbaselined,
            }
        echo_json(data)
    else:
        _print_text(result, regressions, unbaselined)
        if update_baseline:
            click.echo(f"基线已更新：{baseline_path}（{', '.join(ran_ok)}）。提交时请写明提高基线的原因。")
        for path in written[:2]:
            click.echo(f"报告：{path}")
    for name, r in result.sets.items():
        if r.error and "traceback" in r.details:
            click.echo(f"--- {name} 评测异常 ---\n{r.details['traceback']}", err=True)
    if not result.ok or regressions:
        ctx.exit(1)


def _print_text(result: EvalResult, regressions: list[Regression] | None, unbaselined: list[str]) -> None:
    from assistant.evaluate.datasets import STYLES
    from assistant.evaluate.report import SET_TITLES

    click.echo(result.index_note)
    for name, r in result.sets.items():
        click.echo(f"\n== {SET_TITLES.get(name, name)}（{name}）  {r.seconds:.1f} 秒")
        if r.error:
            click.echo(f"✗ {name} 评测失败：{r.error}")
            continue
        if name == "retrieval" and "table" in r.details:
            table = r.details["table"]
            click.echo(
                f"{r.details['questions']} 题；默认融合：{r.details['default']}（下表 hybrid）；最好：{r.details['best']}"
            )
            click.echo(
                f"{'方法':<22}{'hit@1':>7}{'hit@5':>7}{'MRR':>7}   按题型 hit@1: "
                + " ".join(f"{s:>8}" for s in STYLES)
            )
            for variant, rows in table.items():
                a = rows["all"]
                styles = " ".join(f"{rows[s]['hit@1']:>8.3f}" if s in rows else f"{'—':>8}" for s in STYLES)
                click.echo(
                    f"{variant:<24}{a['hit@1']:>7.3f}{a['hit@5']:>7.3f}{a['mrr']:>7.3f}                {styles}"
                )
            if r.details["unknown_expected_clauses"]:
                click.echo(
                    "索引中没有这些期望条款（分条规则变了？）："
                    + "、".join(r.details["unknown_expected_clauses"])
                )
        else:
            for metric, value in r.metrics.items():
                click.echo(f"  {metric:<48} {value:.4g}")
        if r.failures:
            click.echo(f"失败 {len(r.failures)} 项：")
            for failure in r.failures:
                click.echo(failure.line())
    if regressions is not None:
        click.echo("")
        for line in unbaselined:
            click.echo(f"注意：基线中还没有 {line} 的指标（用 --update-baseline 写入）")
        if regressions:
            click.echo(f"基线检查未通过：{len(regressions)} 项指标回退")
            for reg in regressions:
                click.echo(reg.line())
        elif result.ok:
            click.echo("基线检查通过：没有指标低于基线容差")
    if not result.ok:
        click.echo(f"评测未完成：{'、'.join(result.errors)} 无法评测（原因见上）", err=True)
        sys.stderr.flush()


COMMANDS = [eval_command]
