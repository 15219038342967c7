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
from assistant.schema import DOC_KINDS, LEVELS, STATUSES, CatalogEntry, book
from assistant.service import Assistant, NewFile, Stage
from assistant.web.access import Access, takes_request, with_request
from assistant.web.search_tab import KIND_NAMES
from assistant.web.state import friendly, warn

log = logging.getLogger(__name__)

DOC_HEADERS = [
    "文档 id",
    "标题",
    "类型",
    "效力层级",
    "时效状态",
    "发布机关",
    "文号",
    "发布日期",
    "条款数",
    "文件",
]
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
                KIND_NAMES.get(cat.kind, cat.kind),
                cat.level,
                cat.status,
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
    return f"已保存{book(entry.title)}的目录卡。" + summary(report), report_rows(report)


def remove_document(assistant: Assistant, doc_id: str, progress: Any = None) -> tuple[str, list[list[Any]]]:
    """Move the document file and its catalog card to the corpus trash, then re-index."""
    catalog_of(assistant, doc_id)
    removed, report = assistant.remove_document(doc_id, on_stage=_stage(progress))
    log.info("removed document %s to the trash (%s)", doc_id, removed.key)
    return f"已将{book(removed.title)}移入回收站（可恢复）。" + summary(report), report_rows(report)


def trash_choices(assistant: Assistant) -> list[tuple[str, str]]:
    return [
        (f"{book(i.title)}（{i.doc_id}，{i.reason_label}，{i.removed_at}）", i.key) for i in assistant.trash()
    ]


def removal_question(assistant: Assistant, doc_id: str) -> str:
    cat = catalog_of(assistant, doc_id)
    return f"确认将{book(cat.title)}（{cat.id}）及其目录卡移入回收站？移除后可在本页的「回收站」中恢复。"


def restore_document(assistant: Assistant, key: str, progress: Any = None) -> tuple[str, list[list[Any]]]:
    if not key:
        raise AssistantError("请先在回收站中选择要恢复的文档")
    restored, report = assistant.restore_document(key, on_stage=_stage(progress))
    swapped = (
        f"原来的当前版本已移入回收站（{restored.replaced.key}），需要时可再换回。"
        if restored.replaced
        else ""
    )
    return f"已恢复 {restored.name}。{swapped}" + summary(report), report_rows(report)


CARD_FIELDS = ("title", "id", "kind", "level", "status", "issuer", "doc_number", "date_issued", "source")


def build(assistant: Assistant, access: Access, on_change: list[Any]) -> dict[str, Any]:
    """The tab's components; ``on_change`` lists extra outputs refreshed (doc dropdowns) after a change.

    Every handler that changes the corpus checks on the server that the caller is an administrator."""
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
            with gr.Group():
                # values are checked on the server (a key no longer in the trash is named in the error)
                trash = gr.Dropdown(
                    trash_choices(assistant),
                    value=None,
                    allow_custom_value=True,
                    label="回收站（移除的文档）",
                    elem_id="kb-trash",
                )
                restore_btn = gr.Button("恢复所选文档", elem_id="kb-restore")
        with gr.Column():
            pick = gr.Dropdown(
                doc_choices(assistant)[1:],
                value=None,  # nothing preselected: a click on 移除 never hits a document by default
                allow_custom_value=True,  # the id is checked on the server
                label="选择文档（编辑目录卡 / 移除）",
                elem_id="kb-pick",
            )
            title = gr.Textbox(label="标题")
            new_id = gr.Textbox(label="文档 id")
            kind = gr.Dropdown([(KIND_NAMES.get(k, k), k) for k in DOC_KINDS], value=None, label="类型")
            level = gr.Dropdown(list(LEVELS), value=None, label="效力层级")
            state = gr.Dropdown(list(STATUSES), value=None, label="时效状态")
            issuer = gr.Textbox(label="发布机关")
            number = gr.Textbox(label="文号")
            date = gr.Textbox(label="发布日期（年-月-日，如 2024-05-01）")
            source = gr.Textbox(label="来源")
            with gr.Row():
                save_btn = gr.Button("保存目录卡并重新索引", elem_id="kb-save")
                remove_btn = gr.Button("移除此文档", variant="stop", elem_id="kb-remove")
            with gr.Group(visible=False, elem_id="kb-confirm") as confirm_box:
                confirm_text = gr.Markdown(elem_id="kb-confirm-text")
                with gr.Row():
                    confirm_btn = gr.Button("确认移除", variant="stop", elem_id="kb-confirm-go")
                    cancel_btn = gr.Button("取消", elem_id="kb-confirm-cancel")
    report = gr.Dataframe(
        headers=REPORT_HEADERS, interactive=False, label="索引报告", elem_id="kb-report", wrap=True
    )
    form = [title, new_id, kind, level, state, issuer, number, date, source]

    def refreshed(message: str, rows: list[list[Any]]):
        choices = doc_choices(assistant)
        return (
            message,
            rows,
            _safe_rows(assistant),
            gr.Dropdown(choices=choices[1:], value=None),
            gr.Dropdown(choices=trash_choices(assistant), value=None),
            gr.Group(visible=False),
            *[gr.Dropdown(choices=choices) for _ in on_change],
        )

    outputs = [status, report, docs, pick, trash, confirm_box, *on_change]

    def failed(exc: Exception):
        warn(friendly(exc))
        return (f"**出错：** {friendly(exc)}", *[gr.skip() for _ in outputs[1:]])

    def admin_only(action: Any, what: str, n_inputs: int) -> Any:
        """A handler of ``n_inputs`` inputs that runs ``action(*inputs, progress)`` for an administrator."""

        def handler(request: Any, *rest: Any) -> Any:
            *args, progress = rest
            try:
                access.require_admin(request, what)
                return refreshed(*action(*args, progress))
            except Exception as exc:  # noqa: BLE001
                return failed(exc)

        return with_request(handler, n_inputs, progress=track)

    def do_upload(paths, progress):
        return upload_files(assistant, [str(p) for p in paths or []], progress)

    def do_save(doc_id, *values_and_progress):
        *values, progress = values_and_progress
        return save_catalog(assistant, doc_id or "", dict(zip(CARD_FIELDS, values, strict=True)), progress)

    def do_pick(doc_id: str | None):
        if not doc_id:
            return [""] * 2 + [None] * 3 + [""] * 4
        try:
            c = catalog_of(assistant, doc_id)
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return [gr.skip()] * len(form)
        return [getattr(c, f) or (None if f in ("kind", "level", "status") else "") for f in CARD_FIELDS]

    @takes_request
    def ask_remove(doc_id, request):
        try:
            access.require_admin(request, "移除文档")
            if not doc_id:
                raise AssistantError("请先选择要移除的文档")
            return gr.Group(visible=True), removal_question(assistant, doc_id)
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return gr.Group(visible=False), ""

    upload_btn.click(
        admin_only(do_upload, "上传文档", 1),
        files,
        outputs,
        api_name="upload",
        concurrency_id="index",
        concurrency_limit=1,
    )
    reindex_btn.click(
        admin_only(lambda progress: reindex(assistant, progress), "重新索引", 0),
        None,
        outputs,
        api_name="reindex",
        concurrency_id="index",
        concurrency_limit=1,
    )
    pick.change(do_pick, pick, form, api_name="catalog")
    save_btn.click(
        admin_only(do_save, "修改目录卡", 1 + len(form)),
        [pick, *form],
        outputs,
        api_name="save_catalog",
        concurrency_id="index",
        concurrency_limit=1,
    )
    remove_btn.click(ask_remove, pick, [confirm_box, confirm_text], api_visibility="private")
    cancel_btn.click(lambda: gr.Group(visible=False), None, confirm_box, api_visibility="private")
    confirm_btn.click(
        admin_only(
            lambda doc_id, progress: remove_document(assistant, doc_id or "", progress), "移除文档", 1
        ),
        pick,
        outputs,
        api_name="remove_document",
        concurrency_id="index",
        concurrency_limit=1,
    )
    restore_btn.click(
        admin_only(lambda key, progress: restore_document(assistant, key or "", progress), "恢复文档", 1),
        trash,
        outputs,
        api_name="restore_document",
        concurrency_id="index",
        concurrency_limit=1,
    )
    return {"docs": docs, "pick": pick, "trash": trash}


def _safe_rows(assistant: Assistant) -> list[list[Any]]:
    try:
        return doc_rows(assistant)
    except Exception as exc:  # noqa: BLE001 - an empty list with the reason logged beats a broken page
        friendly(exc)
        return []
