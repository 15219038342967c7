"""条款检索 tab: ranked clauses with highlighted terms, filters, and the "which clause applies" mode."""

from __future__ import annotations

from typing import Any

from assistant.schema import DOC_KINDS, book
from assistant.service import Assistant
from assistant.web.citations import esc, highlight_terms
from assistant.web.state import friendly, warn

KIND_NAMES = {
    "national-measure": "国家措施",
    "notice": "通知",
    "local-plan": "地方方案",
    "regulation": "法规规章",
    "standard": "标准",
}
MODES = ("条款检索", "适用条款（情形描述）")


def doc_choices(assistant: Assistant) -> list[tuple[str, str]]:
    try:
        docs = assistant.searcher.store.documents
    except Exception as exc:  # noqa: BLE001 - no index yet: the page still loads
        friendly(exc)
        docs = {}
    return [("全部文档", "")] + [(f"{d.catalog.title}（{d.doc_id}）", d.doc_id) for d in docs.values()]


def kind_choices() -> list[tuple[str, str]]:
    return [("全部类型", "")] + [(KIND_NAMES.get(k, k), k) for k in DOC_KINDS]


def search_html(
    assistant: Assistant, query: str, doc: str = "", kind: str = "", k: int = 10, mode: str = MODES[0]
) -> str:
    """The result list as HTML (raises AssistantError on bad input)."""
    from assistant.errors import AssistantError
    from assistant.service import SearchRequest

    query = (query or "").strip()
    if not query:
        raise AssistantError("请输入检索内容")
    if mode == MODES[1]:
        return applies_html(assistant, query, int(k))
    result = assistant.search(SearchRequest(query, int(k), doc or None, kind or None))
    if not result.hits:
        return '<div class="hit">没有找到相关条款。</div>'
    rows = []
    for h in result.hits:
        c = h.clause
        rows.append(
            f'<div class="hit"><div class="hit-head">{h.rank}. {esc(book(c.doc_title))}{esc(c.label)}'
            f'<span style="color:#888;font-weight:normal">（{h.relevance_label()}）</span></div>'
            f'<div class="cite-path">{esc(" › ".join(c.headings))}</div>'
            f'<div class="hit-text">{highlight_terms(c.text, result.terms)}</div></div>'
        )
    return "".join(rows)


def applies_html(assistant: Assistant, situation: str, k: int = 8) -> str:
    from assistant.service import AppliesRequest

    items = assistant.applies(AppliesRequest(situation, k))
    if not items:
        return '<div class="hit">没有找到适用的条款。</div>'
    terms = assistant.searcher.matched_terms(situation)
    rows = []
    for i, item in enumerate(items, 1):
        clause = item.clause
        row = [f'<div class="hit"><div class="hit-head">{i}. {esc(item.heading())}</div>']
        if item.trigger:
            row.append(f'<div class="hit-text">适用依据：{highlight_terms(item.trigger, terms)}</div>')
        for line in item.consequence_lines():
            head, _, rest = line.partition("：")
            row.append(f'<div class="hit-text"><b>{esc(head)}：</b>{esc(rest)}</div>')
        if item.related is not None:
            row.append(
                f'<div class="cite-path">对应：{esc(f"{book(item.related.doc_title)}{item.related.label}")}</div>'
            )
        if not item.trigger:
            row.append(f'<div class="hit-text">{highlight_terms(clause.text, terms)}</div>')
        row.append("</div>")
        rows.append("".join(row))
    return "".join(rows)


def build(assistant: Assistant) -> dict[str, Any]:
    import gradio as gr

    with gr.Row():
        query = gr.Textbox(
            label="检索内容 / 情形描述",
            placeholder="例如：尾矿库 闭库；或：某地下矿山把爆破作业外包给外面的公司",
            scale=4,
            elem_id="search-query",
        )
        mode = gr.Radio(list(MODES), value=MODES[0], label="方式", scale=2)
    with gr.Row():
        doc = gr.Dropdown(doc_choices(assistant), value="", label="文档", scale=3)
        kind = gr.Dropdown(kind_choices(), value="", label="文档类型", scale=1)
        k = gr.Slider(1, 30, value=10, step=1, label="条数", scale=1)
        go = gr.Button("检索", variant="primary", scale=1, elem_id="search-go")
    results = gr.HTML(elem_id="search-results")

    def run(q: str, d: str, kd: str, kk: float, m: str) -> str:
        try:
            return search_html(assistant, q, d, kd, int(kk), m)
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged when unexpected
            warn(friendly(exc))
            return f'<div class="status-err">{esc(friendly(exc))}</div>'

    go.click(run, [query, doc, kind, k, mode], results, api_name="search")
    query.submit(run, [query, doc, kind, k, mode], results, api_visibility="private")
    return {"doc": doc}
