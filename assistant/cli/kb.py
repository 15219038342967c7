"""Knowledge-base commands: ``index``, ``search``, ``docs``."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from assistant.cli.common import echo_json, get_assistant, use_color
from assistant.errors import AssistantError
from assistant.schema import DOC_KINDS, LEVELS, STATUSES, book

# Catalog-card options of ``index --add``: option name → card field.
_CARD_OPTIONS = {
    "title": "title",
    "doc_id": "id",
    "kind": "kind",
    "level": "level",
    "status": "status",
    "issuer": "issuer",
    "doc_number": "doc_number",
    "date_issued": "date_issued",
    "date_effective": "date_effective",
    "last_revised": "last_revised",
    "repealed_by": "repealed_by",
    "superseded_by": "superseded_by",
}


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
    **options: str | None,
) -> None:
    """建立或更新索引：只重新处理变化的文件；索引损坏时自动重建。

    --add 的文件先检查再复制（目录卡选项一并检查），被拒的文件以非零状态退出。"""
    from assistant.ingest.corpus import check_card_fields
    from assistant.service import NewFile

    assistant = get_assistant(ctx)
    if verify:
        _verify(ctx, assistant.config.index_path, as_json)
        return
    card = {_CARD_OPTIONS[k]: v.strip() for k, v in options.items() if v is not None}
    if card and not add:
        raise click.UsageError("--title、--level、--status 等目录卡选项须与 --add 一起使用")
    if card.get("id") and len(add) > 1:
        raise click.UsageError("--id 只能用于一个 --add 文件")
    if card:
        check_card_fields(card)  # a bad value stops here, before any file is copied
    if add:
        files = [NewFile(p, card=card or None) for p in add]
        change = assistant.add_documents(files, reindex=True, progress=not as_json)
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
                "repaired": report.repaired,
                "files": [f.__dict__ for f in report.files] + refused,
                "seconds": round(report.seconds, 3),
            }
        )
    else:
        for problem in report.repaired:
            click.echo(f"! 发现问题  {problem}（已重建）")
        if report.cleaned:
            click.echo(f"- 已清理中断的构建留下的 {len(report.cleaned)} 个临时文件夹")
        for a in added:
            if a.ok:
                click.echo(f"已加入语料：{a.source} → {a.stored}")
        for f in report.files:
            mark = {"indexed": "✓ 已索引", "unchanged": "· 未变化", "failed": "✗ 失败"}[f.status]
            detail = f"{f.doc_id}，{counts(f.articles, f.clauses)}" if f.status != "failed" else f.message
            click.echo(f"{mark}  {f.path}  {detail}")
            if f.status != "failed" and f.message:
                click.echo(f"      说明：{f.message}")
        for r in refused:
            click.echo(f"✗ 拒收  {r['path']}  {r['message']}")
        for rel in report.removed:
            click.echo(f"- 已移除  {rel}")
        state = "索引已是最新" if not report.changed else f"新计算向量 {report.embedded} 条"
        if report.repaired:
            state = f"已修复索引，{state}"
        articles = sum(f.articles for f in report.files if f.status != "failed")
        click.echo(
            f"共 {counts(articles, report.n_clauses)}，{state}，用时 {report.seconds:.1f} 秒"
            f" → {assistant.config.index_path}"
        )
    if report.failed:
        click.echo(f"{len(report.failed)} 个文件未能索引（原因见上），其余文件已索引。", err=True)
    if refused:
        click.echo(f"错误：{len(refused)} 个文件未加入语料（原因见上），其余文件已加入并索引。", err=True)
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
    help="输出 JSON：{query, hits:[{doc_id, doc_title, clause, text, score, doc_level, doc_status, …}]}",
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
    """检索条款：按匹配程度列出条款，并标出出处、效力层级与时效。

    「匹配概率」是排序模型认为该条即所问条款的概率（在它比较过的候选条款之间）。"""
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
        chapter = f" · {c.chapter}" if c.chapter else ""
        head = f"{h.rank}. {c.source()}{chapter}  （{h.relevance_label()}）"
        click.echo(click.style(head, bold=True) if use_color() else head)
        click.echo(_highlight(c.text, result.terms))
        click.echo()


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--remove", "remove_id", metavar="文档ID", help="把文档及其目录卡移入回收站（corpus/.trash），并重新索引"
)
@click.option(
    "--yes", "-y", "yes", is_flag=True, help="与 --remove 合用：不询问，直接移入回收站（脚本中使用）"
)
@click.option("--trash", "show_trash", is_flag=True, help="列出回收站中可恢复的文档与旧版本")
@click.option(
    "--restore",
    metavar="编号或文档ID",
    help="从回收站恢复到原位置（文档ID：该文档最新放入的版本；当前版本移入回收站），并重新索引",
)
@click.pass_context
def docs(
    ctx: click.Context,
    as_json: bool,
    remove_id: str | None,
    yes: bool,
    show_trash: bool,
    restore: str | None,
) -> None:
    """列出已索引的文档（目录卡信息、效力层级、时效状态与条款数）；移除、恢复文档。

    移除的文档不会被删除：文件与目录卡移入 corpus/.trash/，可用 --restore 恢复。上传新版本或修改目录卡时，
    旧版本也留在回收站；恢复旧版本时，当前版本移入回收站（再恢复它即可换回）。"""
    from assistant.ingest.catalog import status_note

    if yes and not remove_id:
        raise click.UsageError("--yes 只能与 --remove 一起使用")
    assistant = get_assistant(ctx)
    if remove_id or show_trash or restore:
        _trash_action(assistant, remove_id, yes, show_trash, restore, as_json)
        return
    infos = assistant.documents()
    titles = {i.catalog.id: i.catalog.title for i in infos}
    rows: list[dict[str, Any]] = [
        {
            **i.catalog.to_dict(),
            "path": i.document.path,
            "clauses": i.pieces,
            "articles": i.clauses,
            "status_note": status_note(i.catalog, titles),
            "notes": i.document.notes,
        }
        for i in infos
    ]
    manifest = assistant.searcher.store.manifest
    if as_json:
        echo_json({"documents": rows, "embedding": manifest.embedding, "built_at": manifest.built_at})
        return
    for r in rows:
        status = r["status"] + (f"（{r['status_note']}）" if r["status_note"] else "")
        click.echo(
            f"{r['id']}  {book(r['title'])}  {r['level']}·{status}  {r['issuer']} {r['date_issued']}  "
            f"{counts(r['articles'], r['clauses'])}"
        )
    click.echo(
        f"嵌入模型：{manifest.embedding['backend']}:{manifest.embedding['model']}，建于 {manifest.built_at}"
    )


def _interactive() -> bool:
    """Whether someone at a terminal can answer a question (not a pipe, a script or a test runner)."""
    return sys.stdin.isatty()


def _confirmed(question: str) -> bool:
    """Ask a [y/N] question; only y / yes / 是 agrees (Enter, anything else, Ctrl-D, Ctrl-C: no)."""
    try:
        answer = click.prompt(question, default="", show_default=False, prompt_suffix="[y/N] ")
    except click.Abort:
        click.echo()
        return False
    return str(answer).strip().lower() in ("y", "yes", "是")


def _confirm_removal(assistant: Any, doc_id: str, yes: bool) -> bool:
    title = assistant.document_title(doc_id)  # an unknown id is refused before any question
    if yes:
        return True
    if not _interactive():
        raise AssistantError(
            f"未移除{book(title)}：不在终端中运行，无法确认。"
            f"确认要移入回收站请加 --yes：mine-assistant docs --remove {doc_id} --yes"
        )
    return _confirmed(f"确定将{book(title)}移入回收站吗？")


def _trash_action(
    assistant: Any, remove_id: str | None, yes: bool, show_trash: bool, restore: str | None, as_json: bool
) -> None:
    if sum(map(bool, (remove_id, show_trash, restore))) > 1:
        raise click.UsageError("--remove、--trash、--restore 一次只能用一个")
    trash_dir = assistant.config.corpus_dir / ".trash"
    if remove_id:
        if not _confirm_removal(assistant, remove_id, yes):
            click.echo("已取消，没有移除任何文件。")
            click.get_current_context().exit(1)
        item, report = assistant.remove_document(remove_id)
        click.echo(f"已将{book(item.title)}（{item.doc_id}）移入回收站：{trash_dir / item.key}")
        click.echo(f"恢复：mine-assistant docs --restore {item.key}；索引现有 {report.n_clauses} 条")
        return
    if restore:
        restored, report = assistant.restore_document(restore)
        item = restored.item
        click.echo(
            f"已恢复{book(item.title)}（{item.reason_label}，放入回收站于 {item.removed_at}）：{restored.path.name}"
        )
        if restored.replaced is not None:
            key = restored.replaced.key
            click.echo(
                f"原来的当前版本已移入回收站：{trash_dir / key}；换回：mine-assistant docs --restore {key}"
            )
        click.echo(f"索引现有 {report.n_clauses} 条")
        return
    items = assistant.trash()
    if as_json:
        from dataclasses import asdict

        echo_json({"trash": [asdict(i) for i in items]})
        return
    if not items:
        click.echo("回收站是空的")
    for i in items:
        click.echo(f"{i.key}  {book(i.title)}  {i.reason_label}  原位置 {i.original}  放入于 {i.removed_at}")


@click.command()
@click.argument("document")
@click.argument("label")
@click.option(
    "--json", "as_json", is_flag=True, help="输出 JSON：条文、层级与时效、各款项的作用/主体/罚则、关联条款"
)
@click.pass_context
def show(ctx: click.Context, document: str, label: str, as_json: bool) -> None:
    """查看一条：条文、效力层级与时效、所在章，各款项的作用、责任主体和罚则，以及关联的罚则/义务条款。

    例：mine-assistant show 安全生产法 第一百零三条"""
    view = get_assistant(ctx).show(document, label)
    if as_json:
        echo_json(view.to_json())
        return
    c = view.clause
    status = "·".join(x for x in (c.doc_level, c.doc_status) if x)
    click.echo(f"{book(c.doc_title)}{c.label}（{status}）{f' · {c.chapter}' if c.chapter else ''}")
    if c.status_note:
        click.echo(f"注意：{c.status_note}")
    click.echo(f"作用：{view.role or '—'}")
    click.echo("")
    click.echo(view.text.strip())
    click.echo("")
    for unit in view.units:
        where = f"第{unit['paragraph']}款" + (unit["item"] or "")
        who = "、".join(dict.fromkeys(s["norm"] for s in unit["subjects"])) or "—"
        click.echo(f"· {where}：{unit['role'] or '—'}；主体：{who}")
        for sanction in unit["sanctions"]:
            click.echo(f"    罚则：「{sanction['text']}」")
    if view.penalties:
        click.echo("对应罚则：" + "；".join(view.penalties))
    if view.duties:
        click.echo("所罚义务：" + "；".join(view.duties))
    if view.refs:
        click.echo("引用：" + "；".join(view.refs))


COMMANDS = [index, search, docs, show]
