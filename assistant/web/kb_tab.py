"""知识库管理 tab: the document list, uploads, catalog edits, removal and re-index.

Every change ends in ``holder.reindex``: the new index is built beside the old one and swapped in
atomically, so questions asked meanwhile are answered from the previous index.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, IngestError
from assistant.schema import DOC_KINDS, CatalogEntry
from assistant.web.search_tab import KIND_NAMES
from assistant.web.state import SearcherHolder, friendly

log = logging.getLogger(__name__)

DOC_HEADERS = ["文档 id", "标题", "类型", "发布机关", "文号", "发布日期", "条款数", "文件"]
REPORT_HEADERS = ["文件", "状态", "文档 id", "条款数", "说明"]
STATUS = {
    "indexed": "✓ 已索引",
    "unchanged": "· 未变化",
    "failed": "✗ 失败",
    "stored": "已保存",
    "rejected": "✗ 拒收",
}


def _files_by_doc(holder: SearcherHolder) -> dict[str, str]:
    files = holder.get().store.manifest.files
    return {rec["doc_id"]: rel for rel, rec in files.items() if rec.get("doc_id")}


def doc_rows(holder: SearcherHolder) -> list[list[Any]]:
    searcher = holder.get()
    counts: dict[str, set[str]] = {}
    for c in searcher.clauses:
        counts.setdefault(c.doc_id, set()).add(c.label)
    files = _files_by_doc(holder)
    rows = []
    for d in searcher.store.documents.values():
        cat = d.catalog
        rows.append(
            [
                cat.id,
                cat.title,
                cat.kind,
                cat.issuer,
                cat.doc_number,
                cat.date_issued,
                len(counts.get(d.doc_id, ())),
                files.get(d.doc_id, d.path),
            ]
        )
    return rows


def report_rows(report: Any, extra: list[list[Any]] | None = None) -> list[list[Any]]:
    rows = [list(r) for r in extra or []]
    for f in report.files:
        rows.append([f.path, STATUS.get(f.status, f.status), f.doc_id, f.clauses, f.message])
    rows += [[rel, "已移除", "", 0, ""] for rel in report.removed]
    return rows


def summary(report: Any) -> str:
    state = f"新计算向量 {report.embedded} 条" if report.changed else "索引已是最新"
    failed = f"，{len(report.failed)} 个文件未能索引（原因见表）" if report.failed else ""
    return f"共 {report.n_clauses} 条，{state}，用时 {report.seconds:.1f} 秒{failed}"


def upload_files(
    holder: SearcherHolder, paths: list[str], progress: Any = None
) -> tuple[str, list[list[Any]]]:
    """Copy uploaded files into the corpus under safe names, re-index, and report per file."""
    from assistant.index.build import store_upload

    if not paths:
        raise AssistantError("请先选择要上传的文件")
    config = holder.config
    limit = int(config.max_file_mb * 2**20)
    extra: list[list[Any]] = []
    stored = 0
    for i, p in enumerate(paths):
        src = Path(p)
        name = _original_name(src)
        if progress:
            progress((i + 1) / (len(paths) + 2), desc=f"保存 {name}")
        try:
            size = src.stat().st_size
            if size > limit:
                raise IngestError(f"文件过大（{size / 2**20:.1f} MB，上限 {config.max_file_mb:g} MB）")
            target = store_upload(config.corpus_dir, name, src.read_bytes())
            extra.append([name, STATUS["stored"], "", 0, f"保存为 {target.name}"])
            stored += 1
        except IngestError as exc:
            extra.append([name, STATUS["rejected"], "", 0, str(exc)])
    if not stored:
        return "没有文件被接收（原因见表）", extra
    report = holder.reindex(_stage(progress))
    return summary(report), report_rows(report, extra)


def _original_name(path: Path) -> str:
    # Gradio keeps the browser's file name as the last path component of the uploaded temp file
    return path.name


def _stage(progress: Any):  # type: ignore[no-untyped-def]
    if progress is None:
        return None
    return lambda frac, desc: progress(frac, desc=desc)


def reindex(holder: SearcherHolder, progress: Any = None) -> tuple[str, list[list[Any]]]:
    report = holder.reindex(_stage(progress))
    return summary(report), report_rows(report)


def _doc_file(holder: SearcherHolder, doc_id: str) -> Path:
    rel = _files_by_doc(holder).get(doc_id)
    if not rel:
        raise AssistantError(f"没有文档 {doc_id!r}；请从列表中选择")
    corpus = holder.config.corpus_dir.resolve()
    path = (corpus / rel).resolve()
    if corpus not in path.parents or not path.is_file():
        raise AssistantError(f"文档 {doc_id} 的文件 {rel} 不在语料目录中")
    return path


def catalog_of(holder: SearcherHolder, doc_id: str) -> CatalogEntry:
    doc = holder.get().store.documents.get(doc_id)
    if doc is None:
        raise AssistantError(f"没有文档 {doc_id!r}；请从列表中选择")
    return doc.catalog


def save_catalog(
    holder: SearcherHolder, doc_id: str, fields: dict[str, str], progress: Any = None
) -> tuple[str, list[list[Any]]]:
    """Write the edited catalog card beside the document file, then re-index."""
    from assistant.ingest.catalog import write_catalog

    path = _doc_file(holder, doc_id)
    entry = replace(catalog_of(holder, doc_id), **{k: (v or "").strip() for k, v in fields.items()})
    if not entry.title:
        raise AssistantError("标题不能为空")
    if not entry.id:
        raise AssistantError("文档 id 不能为空")
    if entry.kind not in DOC_KINDS:
        raise AssistantError(f"类型 {entry.kind!r} 无效；可选：{', '.join(DOC_KINDS)}")
    write_catalog(path, entry)
    report = holder.reindex(_stage(progress))
    return f"已保存《{entry.title}》的目录卡。" + summary(report), report_rows(report)


def remove_document(holder: SearcherHolder, doc_id: str, progress: Any = None) -> tuple[str, list[list[Any]]]:
    """Delete the document file and its catalog card from the corpus, then re-index."""
    from assistant.ingest.catalog import catalog_path

    path = _doc_file(holder, doc_id)
    path.unlink()
    card = catalog_path(path)
    if card.exists():
        card.unlink()
    log.info("removed document %s (%s)", doc_id, path.name)
    report = holder.reindex(_stage(progress))
    return f"已移除文档 {doc_id}。" + summary(report), report_rows(report)


def build(holder: SearcherHolder, on_change: list[Any]) -> dict[str, Any]:
    """The tab's components; ``on_change`` lists extra outputs refreshed (doc dropdowns) after a change."""
    import gradio as gr

    track = gr.Progress()  # gradio injects progress tracking where it sees this default

    from assistant.ingest.loaders import supported_suffixes
    from assistant.web.search_tab import doc_choices

    status = gr.Markdown(elem_id="kb-status")
    docs = gr.Dataframe(
        headers=DOC_HEADERS, interactive=False, label="已索引的文档", elem_id="kb-docs", wrap=True
    )
    with gr.Row():
        with gr.Column():
            files = gr.File(
                label=f"上传文件（{' '.join(supported_suffixes())}，每个不超过 {holder.config.max_file_mb:g} MB）",
                file_count="multiple",
                file_types=list(supported_suffixes()),
                elem_id="kb-upload",
            )
            upload_btn = gr.Button("上传并索引", variant="primary", elem_id="kb-upload-go")
            reindex_btn = gr.Button("重新索引", elem_id="kb-reindex")
        with gr.Column():
            pick = gr.Dropdown(
                doc_choices(holder)[1:], label="选择文档（编辑目录卡 / 移除）", elem_id="kb-pick"
            )
            title = gr.Textbox(label="标题")
            new_id = gr.Textbox(label="文档 id")
            kind = gr.Dropdown([(KIND_NAMES.get(k, k), k) for k in DOC_KINDS], label="类型")
            issuer = gr.Textbox(label="发布机关")
            number = gr.Textbox(label="文号")
            date = gr.Textbox(label="发布日期（YYYY-MM-DD）")
            source = gr.Textbox(label="来源")
            with gr.Row():
                save_btn = gr.Button("保存目录卡并重新索引")
                remove_btn = gr.Button("移除此文档", variant="stop")
    report = gr.Dataframe(
        headers=REPORT_HEADERS, interactive=False, label="索引报告", elem_id="kb-report", wrap=True
    )

    def refreshed(message: str, rows: list[list[Any]]):  # type: ignore[no-untyped-def]
        choices = doc_choices(holder)
        return (
            message,
            rows,
            _safe_rows(holder),
            gr.Dropdown(choices=choices[1:], value=None),
            *[gr.Dropdown(choices=choices) for _ in on_change],
        )

    outputs = [status, report, docs, pick, *on_change]

    def failed(exc: Exception):  # type: ignore[no-untyped-def]
        gr.Warning(friendly(exc))
        return (
            f"**出错：** {friendly(exc)}",
            gr.skip(),
            gr.skip(),
            gr.skip(),
            *[gr.skip() for _ in on_change],
        )

    def do_upload(paths: list[str] | None, progress=track):  # type: ignore[no-untyped-def]
        try:
            return refreshed(*upload_files(holder, [str(p) for p in paths or []], progress))
        except Exception as exc:  # noqa: BLE001
            return failed(exc)

    def do_reindex(progress=track):  # type: ignore[no-untyped-def]
        try:
            return refreshed(*reindex(holder, progress))
        except Exception as exc:  # noqa: BLE001
            return failed(exc)

    def do_pick(doc_id: str | None):  # type: ignore[no-untyped-def]
        if not doc_id:
            return ["", "", None, "", "", "", ""]
        try:
            c = catalog_of(holder, doc_id)
        except Exception as exc:  # noqa: BLE001
            gr.Warning(friendly(exc))
            return [gr.skip()] * 7
        return [c.title, c.id, c.kind, c.issuer, c.doc_number, c.date_issued, c.source]

    def do_save(
        doc_id: str | None, t: str, i: str, kd: str, iss: str, num: str, dt: str, src: str, progress=track
    ):  # type: ignore[no-untyped-def]
        try:
            fields = {
                "title": t,
                "id": i,
                "kind": kd,
                "issuer": iss,
                "doc_number": num,
                "date_issued": dt,
                "source": src,
            }
            return refreshed(*save_catalog(holder, doc_id or "", fields, progress))
        except Exception as exc:  # noqa: BLE001
            return failed(exc)

    def do_remove(doc_id: str | None, progress=track):  # type: ignore[no-untyped-def]
        try:
            return refreshed(*remove_document(holder, doc_id or "", progress))
        except Exception as exc:  # noqa: BLE001
            return failed(exc)

    upload_btn.click(
        do_upload, files, outputs, api_name="upload", concurrency_id="index", concurrency_limit=1
    )
    reindex_btn.click(
        do_reindex, None, outputs, api_name="reindex", concurrency_id="index", concurrency_limit=1
    )
    pick.change(do_pick, pick, [title, new_id, kind, issuer, number, date, source], api_name="catalog")
    save_btn.click(
        do_save,
        [pick, title, new_id, kind, issuer, number, date, source],
        outputs,
        api_name="save_catalog",
        concurrency_id="index",
        concurrency_limit=1,
    )
    remove_btn.click(
        do_remove, pick, outputs, api_name="remove_document", concurrency_id="index", concurrency_limit=1
    )
    return {"docs": docs, "pick": pick}


def _safe_rows(holder: SearcherHolder) -> list[list[Any]]:
    try:
        return doc_rows(holder)
    except Exception as exc:  # noqa: BLE001 - an empty list with the reason logged beats a broken page
        friendly(exc)
        return []
