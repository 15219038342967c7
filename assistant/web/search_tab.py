"""条款检索 tab: ranked clauses with highlighted terms, filters, and the "which clause applies" mode."""

from __future__ import annotations

from typing import Any

from assistant.schema import DOC_KINDS
from assistant.web.citations import esc, highlight_terms
from assistant.web.state import SearcherHolder, friendly

KIND_NAMES = {
    "national-measure": "国家措施",
    "notice": "通知",
    "local-plan": "地方方案",
    "regulation": "法规规章",
    "standard": "标准",
}
MODES = ("条款检索", "适用条款（情形描述）")


def doc_choices(holder: SearcherHolder) -> list[tuple[str, str]]:
    try:
        docs = holder.get().store.documents
    except Exception as exc:  # noqa: BLE001 - no index yet: the page still loads
        friendly(exc)
        docs = {}
    return [("全部文档", "")] + [(f"{d.catalog.title}（{d.doc_id}）", d.doc_id) for d in docs.values()]


def kind_choices() -> list[tuple[str, str]]:
    return [("全部类型", "")] + [(KIND_NAMES.get(k, k), k) for k in DOC_KINDS]


def search_html(
    holder: SearcherHolder, query: str, doc: str = "", kind: str = "", k: int = 10, mode: str = MODES[0]
) -> str:
    """The result list as HTML (raises AssistantError on bad input)."""
    from assistant.errors import AssistantError

    query = (query or "").strip()
    if not query:
        raise AssistantError("请输入检索内容")
    searcher = holder.get()
    if mode == MODES[1]:
        return applies_html(searcher, query, int(k))
    hits = searcher.search(query, int(k), doc=doc or None, kind=kind or None)
    if not hits:
        return '<div class="hit">没有找到相关条款。</div>'
    terms = searcher.bm25.query_tokens(query)
    rows = []
    for h in hits:
        c = h.clause
        rows.append(
            f'<div class="hit"><div class="hit-head">{h.rank}. 《{esc(c.doc_title)}》{esc(c.label)}'
            f'<span style="color:#888;font-weight:normal">（相关度 {h.score:.3f}）</span></div>'
            f'<div class="cite-path">{esc(" › ".join(c.headings))}</div>'
            f'<div class="hit-text">{highlight_terms(c.text, terms)}</div></div>'
        )
    return "".join(rows)


def applies_html(searcher: Any, situation: str, k: int = 8) -> str:
    from assistant.answer.applies import which_clauses_apply

    items = which_clauses_apply(searcher, situation, k=k)
    if not items:
        return '<div class="hit">没有找到适用的条款。</div>'
    terms = searcher.bm25.query_tokens(situation)
    rows = []
    for i, item in enumerate(items, 1):
        clause = getattr(item, "clause", None)
        title = getattr(clause, "doc_title", "") or getattr(item, "doc_title", "")
        label = getattr(clause, "label", "") or getattr(item, "label", "") or getattr(item, "clause", "")
        reason = getattr(item, "trigger", "") or getattr(item, "sentence", "")
        consequence = getattr(item, "consequence", "")
        related = getattr(item, "implements", None) or getattr(item, "related", None)
        row = [f'<div class="hit"><div class="hit-head">{i}. 《{esc(title)}》{esc(str(label))}</div>']
        if reason:
            row.append(f'<div class="hit-text">适用依据：{highlight_terms(str(reason), terms)}</div>')
        if consequence:
            row.append(f'<div class="hit-text"><b>后果：</b>{esc(str(consequence))}</div>')
        if related:
            rel = related if isinstance(related, list | tuple) else [related]
            names = "；".join(_name(r) for r in rel)
            row.append(f'<div class="cite-path">对应：{esc(names)}</div>')
        if clause is not None and not reason:
            row.append(f'<div class="hit-text">{highlight_terms(clause.text, terms)}</div>')
        row.append("</div>")
        rows.append("".join(row))
    return "".join(rows)


def _name(x: Any) -> str:
    clause = getattr(x, "clause", x)
    if hasattr(clause, "doc_title"):
        return f"《{clause.doc_title}》{clause.label}"
    return str(x)


def build(holder: SearcherHolder) -> dict[str, Any]:
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
        doc = gr.Dropdown(doc_choices(holder), value="", label="文档", scale=3)
        kind = gr.Dropdown(kind_choices(), value="", label="文档类型", scale=1)
        k = gr.Slider(1, 30, value=10, step=1, label="条数", scale=1)
        go = gr.Button("检索", variant="primary", scale=1, elem_id="search-go")
    results = gr.HTML(elem_id="search-results")

    def run(q: str, d: str, kd: str, kk: float, m: str) -> str:
        try:
            return search_html(holder, q, d, kd, int(kk), m)
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged when unexpected
            gr.Warning(friendly(exc))
            return f'<div class="status-err">{esc(friendly(exc))}</div>'

    go.click(run, [query, doc, kind, k, mode], results, api_name="search")
    query.submit(run, [query, doc, kind, k, mode], results, api_name=False)
    return {"doc": doc}
