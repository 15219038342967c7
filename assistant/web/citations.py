"""HTML for answers with clickable citation marks, and the side panel showing a cited clause.

All document and answer text is untrusted (it comes from uploaded files and from an LLM), so every
piece is HTML-escaped here before our own markup is added; the chat renders it with Gradio's HTML
sanitiser off so the ``data-key`` attributes of the marks survive.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from assistant.schema import Answer, Citation, Clause, book

if TYPE_CHECKING:
    from assistant.retrieve.search import SearcherLike

MARK = re.compile(r"〔(\d{1,3})〕")
MODE_NAMES = {"extractive": "离线摘录", "llm": "大模型"}


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def link_marks(text: str, turn: int) -> str:
    """Escape ``text`` and make each 〔n〕 a link that opens citation n of answer ``turn``."""
    return MARK.sub(
        lambda m: (
            f'<a href="#" class="cite-mark" data-key="{turn}:{m.group(1)}" title="查看出处">〔{m.group(1)}〕</a>'
        ),
        esc(text),
    )


def badges(answer: Answer) -> str:
    out = [f'<span class="badge badge-mode">模式：{esc(MODE_NAMES.get(answer.mode, answer.mode))}</span>']
    if answer.refused:
        out.append('<span class="badge badge-refused">知识库中未找到相关规定</span>')
    if answer.removed_citations:
        out.append(
            f'<span class="badge badge-removed">已删除 {answer.removed_citations} 处未通过核验的引用</span>'
        )
    return " ".join(out)


def answer_html(answer: Answer, turn: int) -> str:
    """The chat bubble of one answer: badges, resolved query, text with marks, sources, notices, related."""
    parts = [f'<div class="answer" data-turn="{turn}">', f'<div class="badges">{badges(answer)}</div>']
    if answer.resolved_query and answer.resolved_query.strip() != answer.question.strip():
        parts.append(f'<div class="resolved">按上下文理解为：{esc(answer.resolved_query)}</div>')
    body = "<br>".join(link_marks(line, turn) for line in answer.answer.splitlines())
    parts.append(f'<div class="answer-text">{body}</div>')
    if answer.citations:
        items = "".join(
            f"<li>{link_marks(f'〔{c.n}〕', turn)}{esc(book(c.doc_title))}{esc(c.clause)} —「{esc(_short(c.quote))}」</li>"
            for c in answer.citations
        )
        parts.append(f'<div class="sources"><b>出处</b>（点击〔n〕查看原文）<ul>{items}</ul></div>')
    if answer.refused and answer.related:  # a successful answer cites; related clauses are for refusals
        rel = "".join(
            f"<li>{esc(book(h.clause.doc_title))}{esc(h.clause.label)} {esc(_short(h.clause.text, 50))}</li>"
            for h in answer.related
        )
        parts.append(f'<div class="related"><b>可能相关的条款</b><ul>{rel}</ul></div>')
    for notice in answer.notices:
        parts.append(f'<div class="notice">⚠ {esc(notice)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def find_clause(searcher: SearcherLike, citation: Citation) -> tuple[str, Clause | None]:
    """The full text of the cited clause (all its pieces) and its first piece, from the index."""
    from assistant.answer.provision_view import article

    text, pieces = article(searcher, citation.doc_id, citation.clause)
    if pieces:
        return text, pieces[0]
    by_chunk = [c for c in searcher.clauses if c.chunk_id == citation.chunk_id] if citation.chunk_id else []
    if not by_chunk:
        return "", None
    return by_chunk[0].text, by_chunk[0]


def highlight_quote(text: str, quote: str) -> tuple[str, bool]:
    """Escape ``text`` with ``quote`` wrapped in <mark>; whitespace differences are tolerated."""
    quote = quote.strip().strip("「」“”…")
    if not quote:
        return esc(text), False
    i = text.find(quote)
    if i >= 0:
        return f'{esc(text[:i])}<mark class="quote">{esc(quote)}</mark>{esc(text[i + len(quote) :])}', True
    # tolerate whitespace: match the quote's characters with optional whitespace between them
    pattern = r"\s*".join(re.escape(ch) for ch in re.sub(r"\s+", "", quote))
    m = re.search(pattern, text) if pattern else None
    if m:
        return (
            f'{esc(text[: m.start()])}<mark class="quote">{esc(m.group())}</mark>{esc(text[m.end() :])}',
            True,
        )
    return esc(text), False


def panel_html(searcher: SearcherLike, citation: Citation) -> str:
    """The side panel: document title, the clause's place (headings), the full clause with the quote marked."""
    text, clause = find_clause(searcher, citation)
    head = (
        '<button class="cite-close" type="button" title="关闭">关闭 ✕</button>'
        f'<div class="cite-head">〔{citation.n}〕{esc(book(citation.doc_title))}<b>{esc(citation.clause)}</b></div>'
    )
    if clause is None:
        return (
            f'<div class="cite-panel">{head}<div class="notice">该条款已不在当前索引中（可能已被移除或重新索引）。</div>'
            f'<blockquote><mark class="quote">{esc(citation.quote)}</mark></blockquote></div>'
        )
    path = " › ".join(esc(h) for h in clause.headings)
    body, found = highlight_quote(text, citation.quote)
    missing = (
        "" if found else f'<div class="notice">引文：<mark class="quote">{esc(citation.quote)}</mark></div>'
    )
    return (
        f'<div class="cite-panel">{head}'
        f'<div class="cite-path">位置：{path or "（正文）"}</div>'
        f'<div class="cite-text">{body}</div>{missing}</div>'
    )


def empty_panel() -> str:
    return '<div class="cite-panel cite-empty">点击回答中的〔n〕引用标记，在此查看条款原文。</div>'


def highlight_terms(text: str, terms: list[str]) -> str:
    """Escape ``text`` and wrap the query terms (longest first) in <mark>."""
    terms = sorted({t for t in terms if len(t.strip()) > 1}, key=len, reverse=True)
    if not terms:
        return esc(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [esc(text[last : m.start()]), f"<mark>{esc(m.group())}</mark>"]
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


CSS = """
.cite-mark { color: #b45309; font-weight: 600; text-decoration: none; cursor: pointer; }
.cite-mark:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 1px 8px; margin: 0 4px 4px 0; border-radius: 10px; font-size: 0.8em; }
.badge-mode { background: #e0e7ff; color: #3730a3; }
.badge-refused { background: #fee2e2; color: #991b1b; }
.badge-removed { background: #fef3c7; color: #92400e; }
.resolved { color: #555; font-size: 0.9em; margin-bottom: 4px; }
.sources, .related { margin-top: 8px; font-size: 0.9em; }
.notice { color: #92400e; font-size: 0.9em; margin-top: 4px; }
.cite-panel { padding: 8px; line-height: 1.7; }
.cite-head { font-size: 1.05em; margin-bottom: 6px; }
.cite-path { color: #555; font-size: 0.85em; margin-bottom: 6px; }
.cite-text { white-space: pre-wrap; }
mark.quote { background: #fde68a; padding: 0 2px; }
.hit { border-bottom: 1px solid #ddd; padding: 8px 0; }
.hit-head { font-weight: 600; }
.hit-text { white-space: pre-wrap; line-height: 1.7; }
.status-ok { color: #166534; }
.cite-close { display: none; float: right; border: 1px solid #ccc; border-radius: 6px; padding: 2px 10px;
  background: #fff; cursor: pointer; }
/* narrow screens: the clause panel is a drawer over the chat, opened by a 〔n〕 mark */
@media (max-width: 768px) {
  #cite-col { position: fixed; left: 0; right: 0; bottom: 0; max-height: 65vh; overflow-y: auto;
    z-index: 1000; background: var(--background-fill-primary, #fff); box-shadow: 0 -4px 16px rgba(0,0,0,.25);
    border-radius: 12px 12px 0 0; padding: 8px 12px; transform: translateY(110%);
    transition: transform .2s ease-out; }
  #cite-col.open { transform: translateY(0); }
  .cite-close { display: inline-block; }
}
.status-err { color: #991b1b; }
"""

# Clicking a 〔n〕 mark anywhere puts its key into the hidden #cite-key box and presses #cite-open,
# which renders the panel on the server from this session's answers.
HEAD_JS = r"""
<script>
// Gradio's few English attributes (aria-labels and titles a screen reader or a hover shows), in Chinese.
(function () {
  var names = {'More tabs': '更多页面', 'chatbot conversation': '对话', 'Copy conversation': '复制全部对话',
    'Copy message': '复制这条消息', 'Copied conversation': '已复制', 'Copied message': '已复制',
    'Reset to default value': '恢复默认值', 'Empty value': '（空）',
    'Click to upload or drop files': '点击上传或拖放文件', 'Close': '关闭'};
  // [English start, Chinese start, keep the rest (else the element's own text)]
  var prefixes = [["user's message: ", '提问：', false], ["bot's message: ", '回答：', false],
    ['number input for ', '数字输入：', true], ['range slider for ', '滑块：', true]];
  var statuses = {'common.complete': '已完成', 'common.loading': '加载中', 'common.error': '出错'};
  function fix() {
    // Gradio's screen-reader status line shows a raw key (common.complete) where a translation is missing
    document.querySelectorAll('[role=status]').forEach(function (el) {
      var zh = statuses[(el.textContent || '').trim()];
      if (zh) el.textContent = zh;
    });
    // a notice's heading is Gradio's English one whatever title the server sends
    document.querySelectorAll('.toast-title').forEach(function (el) {
      el.childNodes.forEach(function (n) {
        if (n.nodeType === 3 && /^\s*(Warning|Info|Error|Success)\s*$/.test(n.textContent)) {
          n.textContent = n.textContent.replace(/Warning|Info|Success/, '提示').replace('Error', '错误');
        }
      });
    });
    // a checkbox is named by its value (single, judge …): name it by its visible label instead
    document.querySelectorAll('input[type=checkbox]').forEach(function (el) {
      var label = el.closest('label');
      var text = label ? (label.innerText || '').trim() : '';
      if (!text) return;
      ['aria-label', 'title'].forEach(function (attr) {
        if (el.hasAttribute(attr) && el.getAttribute(attr) !== text) el.setAttribute(attr, text);
      });
    });
    document.querySelectorAll('[aria-label], [title]').forEach(function (el) {
      ['aria-label', 'title'].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (!v) return;
        if (names[v]) { el.setAttribute(attr, names[v]); return; }
        prefixes.forEach(function (p) {
          if (v.indexOf(p[0]) !== 0) return;
          var rest = p[2] ? v.slice(p[0].length) : (el.innerText || '').slice(0, 200);
          el.setAttribute(attr, p[1] + rest);
        });
      });
    });
  }
  var queued = false;
  new MutationObserver(function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () { queued = false; fix(); });
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ['aria-label', 'title']});
})();
</script>
<script>
document.addEventListener('click', function (ev) {
  var close = ev.target.closest ? ev.target.closest('.cite-close') : null;
  if (close) {
    var drawer = document.querySelector('#cite-col');
    if (drawer) drawer.classList.remove('open');
    return;
  }
  var a = ev.target.closest ? ev.target.closest('.cite-mark') : null;
  if (!a) return;
  ev.preventDefault();
  var box = document.querySelector('#cite-key textarea, #cite-key input');
  var btn = document.querySelector('#cite-open');
  if (!box || !btn) return;
  var col = document.querySelector('#cite-col');
  if (col) col.classList.add('open');
  box.value = a.getAttribute('data-key');
  box.dispatchEvent(new Event('input', {bubbles: true}));
  setTimeout(function () { btn.click(); }, 50);
}, true);
</script>
"""
