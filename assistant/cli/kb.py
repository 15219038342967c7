"""Knowledge-base commands: ``index``, ``search``, ``docs``."""

from __future__ import annotations

import re
from pathlib import Path

import click

from assistant.cli.common import echo_json, get_config, use_color
from assistant.errors import IngestError
from assistant.schema import DOC_KINDS, LEVELS, STATUSES, CatalogEntry


@click.command()
@click.option(
    "--add",
    "add",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="把文件复制进语料目录后索引（可重复）",
)
@click.option("--title", help="与 --add 合用：文件的正式全称（写入目录卡）")
@click.option("--id", "doc_id", help="与 --add 合用：文档 id（小写字母、数字、连字符）")
@click.option("--kind", type=click.Choice(DOC_KINDS), help="与 --add 合用：文件类型")
@click.option("--level", type=click.Choice(LEVELS), help="与 --add 合用：效力层级")
@click.option("--status", type=click.Choice(STATUSES), help="与 --add 合用：时效状态")
@click.option("--issuer", help="与 --add 合用：制定机关")
@click.option("--doc-number", help="与 --add 合用：文号，如 国务院令第774号")
@click.option("--date-issued", help="与 --add 合用：公布日期 YYYY-MM-DD")
@click.option("--date-effective", help="与 --add 合用：施行日期 YYYY-MM-DD")
@click.option("--last-revised", help="与 --add 合用：最后修改日期 YYYY-MM-DD")
@click.option(
    "--repealed-by", help="与 --add 合用：废止它的条文，如 “coal-mine-safety-regulation 第七十六条”"
)
@click.option("--superseded-by", help="与 --add 合用：取代或修改它的文件")
@click.option("--rebuild", is_flag=True, help="忽略缓存，全部重新解析（向量仍按文本缓存）")
@click.option("--verify", is_flag=True, help="完整校验索引文件（大小、sha256、条数），只报告不修改")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出索引报告")
@click.pass_context
def index(
    ctx: click.Context,
    add: tuple[Path, ...],
    rebuild: bool,
    verify: bool,
    as_json: bool,
    **card: str | None,
) -> None:
    """建立或更新索引：只重新处理变化的文件；索引损坏时自动重建。"""
    from assistant.index.build import add_files, build_index

    config = get_config(ctx)
    if verify:
        _verify(ctx, config.index_path, as_json)
        return
    fields = {k: v.strip() for k, v in card.items() if v is not None}
    if fields and not add:
        raise click.UsageError("--title、--level、--status 等目录卡选项须与 --add 一起使用")
    if fields.get("doc_id") and len(add) > 1:
        raise click.UsageError("--id 只能用于一个 --add 文件")
    if fields:
        check_card_options(fields)  # a bad value stops here, before any file is copied
    add_failures = []
    if add:
        for src, stored, reason in add_files(config, list(add)):
            if stored is None:
                add_failures.append({"path": str(src), "status": "failed", "message": reason})
                continue
            if fields:
                write_card(stored, fields, int(config.max_file_mb * 2**20))
            if not as_json:
                click.echo(f"已加入语料：{src} → {stored}")
    report = build_index(config, rebuild=rebuild, progress=not as_json)
    rows = [f.__dict__ for f in report.files] + add_failures
    if as_json:
        echo_json(
            {
                "index": report.index_folder,
                "clauses": report.n_clauses,
                "embedded": report.embedded,
                "changed": report.changed,
                "removed": report.removed,
                "repaired": report.repaired,
                "files": rows,
                "seconds": round(report.seconds, 3),
            }
        )
    else:
        for problem in report.repaired:
            click.echo(f"! 发现问题  {problem}（已重建）")
        if report.cleaned:
            click.echo(f"- 已清理中断的构建留下的 {len(report.cleaned)} 个临时文件夹")
        for f in report.files:
            mark = {"indexed": "✓ 已索引", "unchanged": "· 未变化", "failed": "✗ 失败"}[f.status]
            detail = f"{f.doc_id}，{counts(f.articles, f.clauses)}" if f.status != "failed" else f.message
            click.echo(f"{mark}  {f.path}  {detail}")
            if f.status != "failed" and f.message:
                click.echo(f"      说明：{f.message}")
        for f in add_failures:
            click.echo(f"✗ 失败  {f['path']}  {f['message']}")
        for rel in report.removed:
            click.echo(f"- 已移除  {rel}")
        state = "索引已是最新" if not report.changed else f"新计算向量 {report.embedded} 条"
        if report.repaired:
            state = f"已修复索引，{state}"
        articles = sum(f.articles for f in report.files if f.status != "failed")
        click.echo(
            f"共 {counts(articles, report.n_clauses)}，{state}，用时 {report.seconds:.1f} 秒 → {config.index_path}"
        )
    if report.failed or add_failures:
        click.echo(
            f"{len(report.failed) + len(add_failures)} 个文件未能索引（原因见上），其余文件已索引。", err=True
        )
    if add_failures:  # a file the user asked to add was refused (and not copied): say so by the exit code
        ctx.exit(1)


def _verify(ctx: click.Context, index_path: Path, as_json: bool) -> None:
    from assistant.index.store import verify_index

    problems = verify_index(index_path)
    if as_json:
        echo_json({"index": str(index_path), "ok": not problems, "problems": problems})
    elif problems:
        for problem in problems:
            click.echo(f"✗ {problem}")
        click.echo("索引已损坏。请运行：mine-assistant index（会自动重建）", err=True)
    else:
        click.echo(f"索引完好：{index_path}（各文件大小、sha256 与条数均与清单一致）")
    if problems:
        ctx.exit(1)


def counts(articles: int, chunks: int) -> str:
    """「119 条（121 段）」: clauses (articles) and the chunks they were split into."""
    return f"{articles} 条（{chunks} 段）"


def _card_entry(fields: dict[str, str], title: str, doc_id: str) -> CatalogEntry:
    values = {k: v for k, v in fields.items() if k != "doc_id"}
    return CatalogEntry(**{**values, "id": fields.get("doc_id") or doc_id, "title": title})


def check_card_options(fields: dict[str, str]) -> None:
    """Check the catalog-card options as a card is checked (IngestError names the bad option)."""
    from assistant.ingest.catalog import check_entry

    check_entry(_card_entry(fields, fields.get("title") or "（正文首行）", "doc"), "（命令行选项）")


def write_card(stored: Path, fields: dict[str, str], max_bytes: int) -> None:
    """Write the catalog card of a file just added, from the CLI options; without ``--title`` the
    title is the text's first line (an unreadable file gets no card: the index report says why)."""
    from assistant.ingest.catalog import default_catalog, doc_id_from_name, write_catalog
    from assistant.ingest.front_matter import split_front_matter
    from assistant.ingest.loaders import load_text

    title = fields.get("title", "")
    if not title:
        try:
            front = split_front_matter(load_text(stored, max_bytes))
        except IngestError:
            return
        title = front.title or default_catalog(stored, front.body).title
    write_catalog(stored, _card_entry(fields, title, doc_id_from_name(stored)))


def _highlight(text: str, terms: list[str]) -> str:
    terms = sorted({t for t in terms if len(t) > 1}, key=len, reverse=True)
    if not terms or not use_color():
        return text
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    return pattern.sub(lambda m: click.style(m.group(), fg="red", bold=True), text)


@click.command()
@click.argument("query")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 100), help="返回条数")
@click.option("--doc", help="只在此文档（id）中检索")
@click.option(
    "--kind",
    type=click.Choice(DOC_KINDS),
    help="只检索此类文档",
)
@click.option("--method", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid", show_default=True)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="输出 JSON：{query, hits:[{doc_id, doc_title, clause, text, score}]}",
)
@click.pass_context
def search(
    ctx: click.Context, query: str, k: int, doc: str | None, kind: str | None, method: str, as_json: bool
) -> None:
    """检索条款：按相关度列出条款，并标出出处。"""
    from assistant.retrieve.search import Searcher

    if not query.strip():
        raise click.UsageError("检索内容不能为空")
    from assistant.index.build import stale_reasons

    config = get_config(ctx)
    searcher = Searcher(config)
    stale = stale_reasons(config, searcher.store.manifest)
    if stale:
        click.echo(
            f"提示：索引不是最新（{'；'.join(stale[:3])}），结果来自上次索引。请运行：mine-assistant index",
            err=True,
        )
    hits = searcher.search(query, k, doc=doc, kind=kind, method=method)
    if as_json:
        echo_json({"query": query, "hits": [h.to_json() for h in hits]})
        return
    if not hits:
        click.echo("没有找到相关条款。")
        return
    terms = searcher.bm25.query_tokens(query)
    for h in hits:
        c = h.clause
        chapter = f" · {c.chapter}" if c.chapter else ""
        head = f"{h.rank}. {c.source()}{chapter}  （相关度 {h.score:.3f}）"
        click.echo(click.style(head, bold=True) if use_color() else head)
        click.echo(_highlight(c.text, terms))
        click.echo()


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def docs(ctx: click.Context, as_json: bool) -> None:
    """列出已索引的文档（目录卡信息与条款数）。"""
    from assistant.index.store import open_index
    from assistant.ingest.catalog import status_note

    store = open_index(get_config(ctx).index_path)
    titles = {d.doc_id: d.catalog.title for d in store.documents.values()}
    chunks: dict[str, int] = {}
    labels: dict[str, set[str]] = {}
    for c in store.clauses:
        chunks[c.doc_id] = chunks.get(c.doc_id, 0) + 1
        labels.setdefault(c.doc_id, set()).add(c.label)
    rows = [
        {
            **d.catalog.to_dict(),
            "path": d.path,
            "clauses": chunks.get(d.doc_id, 0),
            "articles": len(labels.get(d.doc_id, ())),
            "status_note": status_note(d.catalog, titles),
            "notes": d.notes,
        }
        for d in store.documents.values()
    ]
    if as_json:
        echo_json(
            {"documents": rows, "embedding": store.manifest.embedding, "built_at": store.manifest.built_at}
        )
        return
    for r in rows:
        status = r["status"] + (f"（{r['status_note']}）" if r["status_note"] else "")
        click.echo(
            f"{r['id']}  《{r['title']}》  {r['level']}·{status}  {r['issuer']} {r['date_issued']}  "
            f"{counts(r['articles'], r['clauses'])}"
        )
    click.echo(
        f"嵌入模型：{store.manifest.embedding['backend']}:{store.manifest.embedding['model']}，建于 {store.manifest.built_at}"
    )


COMMANDS = [index, search, docs]
__all__ = ["COMMANDS", "IngestError"]
