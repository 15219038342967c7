"""知识库管理 tab: the document list, uploads, catalog edits, removal and re-index.

Presentation only: every change goes through the ``Assistant`` façade (the corpus service checks a
file before copying it) and ends in a re-index; the new index is built beside the old one and swapped in
atomically, so questions asked meanwhile are answered from the previous index.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.index.build import BuildReport
from assistant.schema import DOC_KINDS, CatalogEntry
from assistant.service import Assistant, NewFile, Stage
from assistant.web.search_tab import KIND_NAMES
from assistant.web.state import friendly

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


def doc_rows(assistant: Assistant) -> list[list[Any]]:
    rows = []
    for info in assistant.documents():
        cat = info.catalog
        rows.append(
            [
                cat.id,
                cat.title,
                cat.kind,
                cat.issuer,
                cat.doc_number,
                cat.date_issued,
                info.clauses,
                info.file,
            ]
        )
    return rows


def report_rows(report: BuildReport | None, extra: list[list[Any]] | None = None) -> list[list[Any]]:
    rows = [list(r) for r in extra or []]
    if report is None:
        return rows
    for f in report.files:
        rows.append([f.path, STATUS.get(f.status, f.status), f.doc_id, f.clauses, f.message])
    rows += [[rel, "已移除", "", 0, ""] for rel in report.removed]
    return rows


def summary(report: BuildReport) -> str:
    state = f"新计算向量 {report.embedded} 条" if report.changed else "索引已是最新"
    failed = f"，{len(report.failed)} 个文件未能索引（原因见表）" if report.failed else ""
    return f"共 {report.n_clauses} 条，{state}，用时 {report.seconds:.1f} 秒{failed}"


def _stage(progress: Any) -> Stage | None:
    if progress is None:
        return None
    return lambda frac, desc: progress(frac, desc=desc)


def upload_files(assistant: Assistant, paths: list[str], progress: Any = None) -> tuple[str, list[list[Any]]]:
    """Offer uploaded files to the corpus (checked before anything is copied), re-index, report per file.

    Gradio keeps the browser's file name as the last path component of the uploaded temp file."""
    if not paths:
        raise AssistantError("请先选择要上传的文件")
    change = assistant.add_documents([NewFile(Path(p)) for p in paths], on_stage=_stage(progress))
    extra = [
        [a.source, STATUS["stored"], "", 0, f"保存为 {a.stored.name}"]
        if a.stored is not None
        else [a.source, STATUS["rejected"], "", 0, a.reason]
        for a in change.added
    ]
    if change.report is None:
        return change.message, extra
    return summary(change.report), report_rows(change.report, extra)


def reindex(assistant: Assistant, progress: Any = None) -> tuple[str, list[list[Any]]]:
    report = assistant.build_index(on_stage=_stage(progress))
    return summary(report), report_rows(report)


def catalog_of(assistant: Assistant, doc_id: str) -> CatalogEntry:
    doc = assistant.searcher.store.documents.get(doc_id)
    if doc is None:
        raise AssistantError(f"没有文档 {doc_id!r}；请从列表中选择")
    return doc.catalog


def save_catalog(
    assistant: Assistant, doc_id: str, fields: dict[str, str], progress: Any = None
) -> tuple[str, list[list[Any]]]:
    """Write the edited catalog card beside the document file, then re-index."""
    catalog_of(assistant, doc_id)  # an unknown id names the choice to make
    entry, report = assistant.update_catalog(doc_id, fields, on_stage=_stage(progress))
    return f"已保存《{entry.title}》的目录卡。" + summary(report), report_rows(report)


def remove_document(assistant: Assistant, doc_id: str, progress: Any = None) -> tuple[str, list[list[Any]]]:
    """Delete the document file and its catalog card from the corpus, then re-index."""
    catalog_of(assistant, doc_id)
    removed, report = assistant.remove_document(doc_id, on_stage=_stage(progress))
    log.info("removed document %s (%s)", doc_id, removed.name)
    return f"已移除文档 {doc_id}。" + summary(report), report_rows(report)


def build(assistant: Assistant, on_change: list[Any]) -> dict[str, Any]:
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
                label=f"上传文件（{' '.join(supported_suffixes())}，每个不超过 {assistant.config.max_file_mb:g} MB）",
                file_count="multiple",
                file_types=list(supported_suffixes()),
                elem_id="kb-upload",
            )
            upload_btn = gr.Button("上传并索引", variant="primary", elem_id="kb-upload-go")
            reindex_btn = gr.Button("重新索引", elem_id="kb-reindex")
        with gr.Column():
            pick = gr.Dropdown(
                doc_choices(assistant)[1:], label="选择文档（编辑目录卡 / 移除）", elem_id="kb-pick"
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

    def refreshed(message: str, rows: list[list[Any]]):
        choices = doc_choices(assistant)
        return (
            message,
            rows,
            _safe_rows(assistant),
            gr.Dropdown(choices=choices[1:], value=None),
            *[gr.Dropdown(choices=choices) for _ in on_change],
        )

    outputs = [status, report, docs, pick, *on_change]

    def failed(exc: Exception):
        gr.Warning(friendly(exc))
        return (
            f"**出错：** {friendly(exc)}",
            gr.skip(),
            gr.skip(),
            gr.skip(),
            *[gr.skip() for _ in on_change],
        )

    def do_upload(paths: list[str] | None, progress=track):
        try:
            return refreshed(*upload_files(assistant, [str(p) for p in paths or []], progress))
        except Exception as exc:  # noqa: BLE001
            return failed(exc)

    def do_reindex(progress=track):
        try:
            return refreshed(*reindex(assistant, progress))
        except Exception as exc:  # noqa: BLE001
            return failed(exc)

    def do_pick(doc_id: str | None):
        if not doc_id:
            return ["", "", None, "", "", "", ""]
        try:
            c = catalog_of(assistant, doc_id)
        except Exception as exc:  # noqa: BLE001
            gr.Warning(friendly(exc))
            return [gr.skip()] * 7
        return [c.title, c.id, c.kind, c.issuer, c.doc_number, c.date_issued, c.source]

    def do_save(
        doc_id: str | None, t: str, i: str, kd: str, iss: str, num: str, dt: str, src: str, progress=track
    ):
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
            return refreshed(*save_catalog(assistant, doc_id or "", fields, progress))
        except Exception as exc:  # noqa: BLE001
            return failed(exc)

    def do_remove(doc_id: str | None, progress=track):
        try:
            return refreshed(*remove_document(assistant, doc_id or "", progress))
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


def _safe_rows(assistant: Assistant) -> list[list[Any]]:
    try:
        return doc_rows(assistant)
    except Exception as exc:  # noqa: BLE001 - an empty list with the reason logged beats a broken page
        friendly(exc)
        return []
