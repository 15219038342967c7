"""政策问答 tab: multi-turn chat with streamed answers, clickable citations and a clause side panel.

The chat history shown is rebuilt from this session's ``ChatSession`` (a ``gr.State``), never from
what the browser sends, so sessions cannot mix and the API takes only the question.
"""

from __future__ import annotations

import inspect
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.config import LLMSettings
from assistant.errors import AssistantError
from assistant.schema import Answer
from assistant.service import Assistant
from assistant.web.access import Access, with_request
from assistant.web.citations import MODE_NAMES, answer_html, empty_panel, esc, panel_html
from assistant.web.state import ChatSession, friendly, note, user_of, warn

# After an answer: bring the start of the newest answer to the top of the window (the chat grows with
# the answers instead of scrolling inside a fixed box, so the reader starts at the verdict).
SCROLL_JS = """() => {
  const answers = document.querySelectorAll('#chat .answer');
  if (answers.length) answers[answers.length - 1].scrollIntoView({block: 'start'});
}"""


def messages(session: ChatSession, pending: tuple[str, str] | None = None) -> list[dict[str, str]]:
    """The chatbot value: every turn of the session, plus a question being answered and its partial text."""
    out: list[dict[str, str]] = []
    for turn, answer in enumerate(session.answers):
        out.append({"role": "user", "content": esc(answer.question)})
        out.append({"role": "assistant", "content": answer_html(answer, turn)})
    if pending is not None:
        out.append({"role": "user", "content": esc(pending[0])})
        out.append({"role": "assistant", "content": esc(pending[1]) or "正在检索……"})
    return out


def stream_answer(assistant: Assistant, session: ChatSession, question: str) -> Iterator[str | Answer]:
    """Text pieces, then the final ``Answer`` (recorded in the session)."""
    question = (question or "").strip()
    if not question:
        raise AssistantError("请输入问题")
    for piece in assistant.chat_stream(session.conversation, question, session.llm):
        if isinstance(piece, Answer):
            session.answers.append(piece)
        yield piece


def history_choices(assistant: Assistant, user: str) -> list[tuple[str, int]]:
    return [
        (f"{c.updated[5:16]}　{c.title}（{c.turns} 问）", c.id) for c in assistant.records.conversations(user)
    ]


def reopen(assistant: Assistant, session: ChatSession, user: str, conversation_id: int) -> ChatSession:
    """A session that goes on from a saved conversation of ``user``."""
    from assistant.answer.conversation import Conversation

    answers = assistant.records.conversation(user, int(conversation_id))
    return ChatSession(
        answers=answers,
        llm=session.llm,
        conversation=Conversation.from_answers(answers),
        saved_id=int(conversation_id),
    )


def rate(
    assistant: Assistant, session: ChatSession, user: str, turn: int, good: bool, comment: str = ""
) -> str:
    """Keep a 👍/👎 of answer ``turn`` of this session; returns the line shown under the chat."""
    try:
        answer = session.answers[int(turn)]
    except (IndexError, ValueError, TypeError):
        raise AssistantError("找不到这条回答（会话可能已清空）") from None
    session.last_feedback = assistant.records.add_feedback(user, answer, 1 if good else -1, comment or "")
    return "已记录：有用。" if good else "已记录：没用。可在下方补充哪里不对，帮助管理员改进。"


def mode_line(session: ChatSession) -> str:
    llm = session.llm
    if llm is not None and llm.enabled:
        return f"当前模式：**{MODE_NAMES['llm']}**（{esc(llm.model)}，仅本会话；回答仍经引用核验）"
    return f"当前模式：**{MODE_NAMES['extractive']}**（不使用大模型，直接引用原文）"


def citation_panel(assistant: Assistant, session: ChatSession, key: str) -> str:
    """Panel HTML for a mark key ``"turn:n"`` of this session's answers."""
    try:
        turn_s, n_s = (key or "").split(":")
        answer = session.answers[int(turn_s)]
        citation = next(c for c in answer.citations if c.n == int(n_s))
    except (ValueError, IndexError, StopIteration):
        raise AssistantError("找不到这条引用（会话可能已清空）") from None
    return panel_html(assistant.searcher, citation)


def export_markdown(session: ChatSession) -> str:
    from assistant.answer.engine import format_sources

    lines = ["# 矿山安全政策问答记录", "", f"导出时间：{time.strftime('%Y-%m-%d %H:%M')}", ""]
    for i, a in enumerate(session.answers, 1):
        lines += [f"## {i}. {a.question}", ""]
        if a.resolved_query and a.resolved_query != a.question:
            lines += [f"*按上下文理解为：{a.resolved_query}*", ""]
        flags = [f"模式：{MODE_NAMES.get(a.mode, a.mode)}"]
        if a.refused:
            flags.append("知识库中未找到相关规定")
        if a.removed_citations:
            flags.append(f"已删除 {a.removed_citations} 处未通过核验的引用")
        lines += [f"> {'；'.join(flags)}", "", a.answer, ""]
        if a.citations:
            lines += [
                "**出处**",
                "",
                *[f"- {line}" for line in format_sources(a.citations, a.answer).splitlines()],
                "",
            ]
        lines += [f"> 提示：{n}" for n in a.notices]
        lines.append("")
    return "\n".join(lines)


def set_llm(
    session: ChatSession, base_url: str, model: str, api_key: str, timeout: float, allowed: list[str]
) -> str:
    """Point this session at one of the ``allowed`` endpoints (the administrator's list), or back to
    extractive answers when both fields are empty. Any other address is refused: the server never
    posts to an address a page sent it."""
    base_url, model = (base_url or "").strip().rstrip("/"), (model or "").strip()
    if not base_url and not model:
        session.llm = LLMSettings()
        return mode_line(session)
    if base_url not in allowed:
        listed = (
            "、".join(allowed)
            if allowed
            else "（未配置；请在 mine-assistant.toml 的 [llm] 中设置 base_url 或 allowed_urls）"
        )
        raise AssistantError(f"接口地址只能是管理员配置的地址之一：{listed}")
    if not model:
        raise AssistantError("请填写模型名称，例如 qwen-plus、deepseek-chat")
    session.llm = LLMSettings(
        base_url=base_url,
        model=model,
        api_key=(api_key or "").strip(),
        timeout=float(timeout or 30),
        max_retries=0,
    )
    return mode_line(session)


def build(assistant: Assistant, out_dir: Path, session: Any, access: Access) -> Any:
    """The tab's components; ``session`` is the page's ``gr.State(ChatSession())``. Returns the LLM
    settings box (shown to administrators only)."""
    import gradio as gr

    with gr.Row():
        with gr.Column(scale=3):
            mode = gr.Markdown(mode_line(ChatSession()), elem_id="qa-mode")
            chat = gr.Chatbot(
                label="对话",
                height=None,  # grows with the answers; the page scrolls to the newest one (SCROLL_JS)
                min_height=160,
                autoscroll=False,
                sanitize_html=False,
                elem_id="chat",
                feedback_options=("Like", "Dislike"),  # 👍/👎 under each answer, kept in the records
                placeholder="请输入关于矿山安全法规的问题，例如：五职矿长有什么学历要求？",
            )
            with gr.Row():
                question = gr.Textbox(
                    label="问题",
                    show_label=False,
                    placeholder="输入问题，回车发送",
                    scale=5,
                    elem_id="qa-input",
                )
                send = gr.Button("发送", variant="primary", scale=1, elem_id="qa-send")
            feedback_line = gr.Markdown(elem_id="qa-feedback-line")
            with gr.Row():
                comment = gr.Textbox(
                    label="对这条回答的意见（可选）",
                    placeholder="例如：应当引用安全生产法第九十四条",
                    scale=5,
                    elem_id="qa-comment",
                )
                comment_go = gr.Button("提交意见", size="sm", scale=1, elem_id="qa-comment-go")
            # hidden inputs of the rate_answer endpoint (a programmatic 👍/👎: turn, good/bad, comment)
            rate_turn = gr.Number(visible=False, precision=0)
            rate_good = gr.Checkbox(visible=False)
            rate_go = gr.Button(visible=False)
            with gr.Row():
                clear = gr.Button("新对话", size="sm")
                export = gr.Button("导出对话（Markdown）", size="sm", elem_id="qa-export")
            with gr.Accordion("历史对话（只有自己可见）", open=False, elem_id="qa-history-box"):
                history = gr.Dropdown(
                    [], value=None, allow_custom_value=True, label="选择一段对话", elem_id="qa-history"
                )  # the id is checked on the server: a user opens only her own
                reopen_go = gr.Button("打开这段对话", size="sm", elem_id="qa-history-open")
            export_file = gr.File(
                label="对话记录（Markdown）",
                interactive=False,
                elem_id="qa-export-file",
                height=80,
                visible=False,
            )
            allowed = assistant.config.llm.allowed_base_urls
            with gr.Accordion("大模型设置（管理员；仅本会话有效，不保存、不记录）", open=False) as llm_box:
                base_url = gr.Dropdown(
                    allowed,
                    value=None,
                    allow_custom_value=True,  # checked on the server against the list, with a message
                    label="接口地址（OpenAI 兼容，只能选管理员配置的地址）",
                    info=None
                    if allowed
                    else "未配置可用接口：在 mine-assistant.toml 的 [llm] 中设置 base_url 或 allowed_urls",
                )
                model = gr.Textbox(label="模型名称")
                api_key = gr.Textbox(label="API Key", type="password")
                timeout = gr.Number(label="超时（秒）", value=30)
                apply_llm = gr.Button("应用")
        with gr.Column(scale=2, elem_id="cite-col"):  # a drawer over the chat on narrow screens (CSS)
            panel = gr.HTML(empty_panel(), elem_id="cite-panel", label="条款原文")
            cite_key = gr.Textbox(visible="hidden", elem_id="cite-key")
            cite_open = gr.Button("打开引用", visible="hidden", elem_id="cite-open")

    def respond(request: Any, q: str, s: ChatSession) -> Any:
        text = ""
        try:
            for piece in stream_answer(assistant, s, q):
                if isinstance(piece, Answer):
                    break
                text += piece
                yield messages(s, (q, text)), gr.skip(), s, gr.skip()
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            yield messages(s), gr.skip(), s, gr.skip()
            return
        user = user_of(request)
        try:  # the conversation is saved as it goes; a records failure never loses the answer
            s.saved_id = assistant.records.save_conversation(user, s.answers, s.saved_id)
            menu = gr.Dropdown(choices=history_choices(assistant, user), value=None)
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            menu = gr.skip()
        yield messages(s), "", s, menu

    chat_outputs = [chat, question, session, history]
    send.click(with_request(respond, 2), [question, session], chat_outputs, api_name="chat").then(
        None, None, None, js=SCROLL_JS
    )
    question.submit(
        with_request(respond, 2), [question, session], chat_outputs, api_visibility="private"
    ).then(None, None, None, js=SCROLL_JS)

    def do_like(request: Any, s: ChatSession, data: Any) -> Any:
        try:
            liked = data.liked if isinstance(data.liked, bool) else data.liked == "Like"
            return rate(assistant, s, user_of(request), int(data.index) // 2, liked), s
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return gr.skip(), s

    like_handler = with_request(do_like, 1)
    like_handler.__signature__ = like_handler.__signature__.replace(
        parameters=[
            *like_handler.__signature__.parameters.values(),
            inspect.Parameter("data", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        ]
    )
    like_handler.__annotations__["data"] = gr.LikeData
    chat.like(like_handler, [session], [feedback_line, session], api_visibility="private")

    def do_rate(request: Any, s: ChatSession, turn: float, good: bool, text: str) -> Any:
        try:
            return rate(assistant, s, user_of(request), int(turn), bool(good), text), s
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return gr.skip(), s

    rate_go.click(
        with_request(do_rate, 4),
        [session, rate_turn, rate_good, comment],
        [feedback_line, session],
        api_name="rate_answer",
    )

    def do_comment(request: Any, s: ChatSession, text: str) -> Any:
        try:
            if s.last_feedback is None:
                raise AssistantError("请先点回答下方的 👍 或 👎，再补充意见")
            assistant.records.set_comment(s.last_feedback, user_of(request), text or "")
            return "意见已记录，谢谢。", ""
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return gr.skip(), gr.skip()

    comment_go.click(
        with_request(do_comment, 2), [session, comment], [feedback_line, comment], api_name="comment_answer"
    )

    def do_reopen(request: Any, s: ChatSession, conversation_id: Any) -> Any:
        try:
            if conversation_id in (None, ""):
                raise AssistantError("请先选择一段历史对话")
            fresh = reopen(assistant, s, user_of(request), int(conversation_id))
            return messages(fresh), fresh, empty_panel()
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return gr.skip(), s, gr.skip()

    reopen_go.click(
        with_request(do_reopen, 2), [session, history], [chat, session, panel], api_name="reopen_chat"
    )

    def do_history(request: Any) -> Any:
        try:
            return gr.Dropdown(choices=history_choices(assistant, user_of(request)), value=None)
        except Exception as exc:  # noqa: BLE001
            friendly(exc)
            return gr.skip()

    def show(key: str, s: ChatSession) -> str:
        try:
            return citation_panel(assistant, s, key)
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return empty_panel()

    cite_open.click(show, [cite_key, session], panel, api_name="show_citation", queue=False)

    def do_clear(s: ChatSession):
        fresh = ChatSession(llm=s.llm)
        return [], fresh, empty_panel(), gr.File(value=None, visible=False)

    clear.click(do_clear, session, [chat, session, panel, export_file], api_name="clear_chat")

    def do_export(s: ChatSession):
        if not s.answers:
            warn("还没有对话可以导出")
            return None
        folder = Path(tempfile.mkdtemp(dir=out_dir))
        path = folder / f"问答记录-{time.strftime('%Y%m%d-%H%M%S')}.md"
        path.write_text(export_markdown(s), encoding="utf-8")
        return gr.File(value=str(path), visible=True)

    export.click(do_export, session, export_file, api_name="export_chat")

    def do_llm(request: Any, s: ChatSession, url: str, m: str, key: str, t: float) -> Any:
        try:
            access.require_admin(request, "修改大模型设置")
            line = set_llm(s, url, m, key, t, allowed)
            note("已应用，仅对本会话有效")
            return line, s, ""
        except Exception as exc:  # noqa: BLE001
            warn(friendly(exc))
            return gr.skip(), s, ""

    history_refresh = with_request(do_history, 0)
    apply_llm.click(
        with_request(do_llm, 5),
        [session, base_url, model, api_key, timeout],
        [mode, session, api_key],
        api_name="set_llm",
    )
    return {"llm_box": llm_box, "history": history, "history_refresh": history_refresh}
