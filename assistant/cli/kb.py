"""Knowledge-base commands: ``index``, ``search``, ``docs``."""

from __future__ import annotations

import re
from pathlib import Path

import click

from assistant.cli.common import echo_json, get_assistant, use_color
from assistant.schema import DOC_KINDS


@click.command()
@click.option(
    "--add",
    "add",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="把文件复制进语料目录后索引（可重复）",
)
@click.option("--rebuild", is_flag=True, help="忽略缓存，全部重新解析（向量仍按文本缓存）")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出索引报告")
@click.pass_context
def index(ctx: click.Context, add: tuple[Path, ...], rebuild: bool, as_json: bool) -> None:
    """建立或更新索引：只重新处理变化的文件。--add 的文件先检查再复制，被拒的文件以非零状态退出。"""
    from assistant.service import NewFile

    assistant = get_assistant(ctx)
    if add:
        change = assistant.add_documents([NewFile(p) for p in add], reindex=True, progress=not as_json)
        added, report = change.added, change.report
    else:
        added, report = [], assistant.build_index(rebuild=rebuild, progress=not as_json)
    assert report is not None
    refused = [{"path": a.source, "status": "failed", "message": a.reason} for a in added if not a.ok]
    if as_json:
        echo_json(
            {
                "index": report.index_folder,
                "clauses": report.n_clauses,
                "embedded": report.embedded,
                "changed": report.changed,
                "removed": report.removed,
                "files": [f.__dict__ for f in report.files] + refused,
                "seconds": round(report.seconds, 3),
            }
        )
    else:
        for a in added:
            if a.ok:
                click.echo(f"已加入语料：{a.source} → {a.stored}")
        for f in report.files:
            mark = {"indexed": "✓ 已索引", "unchanged": "· 未变化", "failed": "✗ 失败"}[f.status]
            detail = f"{f.doc_id}，{f.clauses} 条" if f.status != "failed" else f.message
            click.echo(f"{mark}  {f.path}  {detail}")
            if f.status != "failed" and f.message:
                click.echo(f"      说明：{f.message}")
        for r in refused:
            click.echo(f"✗ 拒收  {r['path']}  {r['message']}")
        for rel in report.removed:
            click.echo(f"- 已移除  {rel}")
        state = "索引已是最新" if not report.changed else f"新计算向量 {report.embedded} 条"
        click.echo(
            f"共 {report.n_clauses} 条，{state}，用时 {report.seconds:.1f} 秒 → {assistant.config.index_path}"
        )
    if report.failed:
        click.echo(f"{len(report.failed)} 个文件未能索引（原因见上），其余文件已索引。", err=True)
    if refused:
        click.echo(f"错误：{len(refused)} 个文件未加入语料（原因见上），其余文件已加入并索引。", err=True)
        ctx.exit(1)


def _highlight(text: str, terms: list[str]) -> str:
    terms = sorted({t for t in terms if len(t) > 1}, key=len, reverse=True)
    if not terms or not use_color():
        return text
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    return pattern.sub(lambda m: click.style(m.group(), fg="red", bold=True), text)


@click.command()
@click.argument("query")
@click.option("-k", "k", default=None, type=click.IntRange(1, 100), help="返回条数（默认 top_k，5）")
@click.option("--doc", help="只在此文档（id）中检索")
@click.option("--kind", type=click.Choice(list(DOC_KINDS)), help="只检索此类文档")
@click.option("--method", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid", show_default=True)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="输出 JSON：{query, hits:[{doc_id, doc_title, clause, text, score}]}",
)
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    k: int | None,
    doc: str | None,
    kind: str | None,
    method: str,
    as_json: bool,
) -> None:
    """检索条款：按相关度列出条款，并标出出处。"""
    from assistant.service import SearchRequest

    if not query.strip():
        raise click.UsageError("检索内容不能为空")
    result = get_assistant(ctx).search(SearchRequest(query, k, doc, kind, method), check_stale=True)
    if result.stale:
        click.echo(
            f"提示：索引不是最新（{'；'.join(result.stale[:3])}），结果来自上次索引。请运行：mine-assistant index",
            err=True,
        )
    if as_json:
        echo_json(result.to_json())
        return
    if not result.hits:
        click.echo("没有找到相关条款。")
        return
    for h in result.hits:
        c = h.clause
        head = f"{h.rank}. 《{c.doc_title}》{c.label}  （相关度 {h.score:.3f}）"
        click.echo(click.style(head, bold=True) if use_color() else head)
        click.echo(_highlight(c.text, result.terms))
        click.echo()


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def docs(ctx: click.Context, as_json: bool) -> None:
    """列出已索引的文档（目录卡信息与条款数）。"""
    assistant = get_assistant(ctx)
    infos = assistant.documents()
    rows = [
        {**i.catalog.to_dict(), "path": i.document.path, "clauses": i.pieces, "notes": i.document.notes}
        for i in infos
    ]
    manifest = assistant.searcher.store.manifest
    if as_json:
        echo_json({"documents": rows, "embedding": manifest.embedding, "built_at": manifest.built_at})
        return
    for r in rows:
        click.echo(
            f"{r['id']}  《{r['title']}》  {r['kind']}  {r['issuer']} {r['date_issued']}  {r['clauses']} 条"
        )
    click.echo(
        f"嵌入模型：{manifest.embedding['backend']}:{manifest.embedding['model']}，建于 {manifest.built_at}"
    )


COMMANDS = [index, search, docs]
