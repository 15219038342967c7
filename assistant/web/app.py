"""The Gradio app: one ``gr.Blocks`` with a tab per feature, built over the shared ``Assistant`` façade.

Call ``configure_environment`` before anything imports gradio: it turns analytics off and points
Gradio's upload folder at a private directory. ``launch`` applies the offline, upload-limited settings.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from assistant.config import Config
from assistant.service import Assistant
from assistant.web.access import (
    Access,
    ChinesePageMiddleware,
    LoginThrottle,
    LoginThrottleMiddleware,
    takes_request,
)
from assistant.web.citations import CSS, HEAD_JS

TITLE = "矿山安全政策助手"


def configure_environment(temp_dir: Path | None = None) -> Path:
    """Offline settings for gradio and gradio_client; returns the private temp folder for uploads/downloads."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    if temp_dir is None:
        current = os.environ.get("GRADIO_TEMP_DIR")
        temp_dir = Path(current) if current else Path(tempfile.mkdtemp(prefix="mine-assistant-web-"))
    temp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(temp_dir)
    return temp_dir


def build_app(assistant: Assistant, access: Access | None = None) -> Any:
    """The ``gr.Blocks`` app (not launched). Every user-facing function has a named API endpoint.

    ``access``: the accounts and roles (none: a local app whose one user is the administrator). The
    administrator's tabs are hidden from users, and their handlers check the role on the server."""
    access = access or Access()
    temp_dir = configure_environment()
    import gradio as gr

    from assistant.web import content_tabs, eval_tab, kb_tab, qa_tab, search_tab
    from assistant.web.state import ChatSession

    out_dir = temp_dir / "outputs"
    out_dir.mkdir(exist_ok=True)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(
            f"## {TITLE}\n矿山安全法规知识库：每条回答都注明出处，可点击〔n〕查看条款原文。离线运行。"
        )
        session = gr.State(ChatSession())  # per browser tab: chat history and session-only LLM settings
        with gr.Tabs():
            with gr.Tab("政策问答", id="qa"):
                qa_parts = qa_tab.build(assistant, out_dir, session, access)
            with gr.Tab("条款检索", id="search"):
                search_parts = search_tab.build(assistant)
            with gr.Tab("宣传材料", id="draft"):
                draft_parts = content_tabs.build_drafts(assistant, out_dir, session)
            with gr.Tab("培训题库", id="quiz"):
                quiz_parts = content_tabs.build_quiz(assistant, out_dir)
            with gr.Tab("考试阅卷", id="grade"):
                content_tabs.build_grading(assistant, out_dir)
            with gr.Tab("知识库管理", id="kb") as kb_page:
                doc_menus = [search_parts["doc"], draft_parts["doc"], quiz_parts["doc"]]
                kb_parts = kb_tab.build(assistant, access, on_change=doc_menus)
            with gr.Tab("评测", id="eval") as eval_page:
                eval_tab.build(assistant, access)
        user_line = gr.Markdown(elem_id="user-line")

        # every page load shows the current documents (another user may have changed the corpus) and
        # only the tabs of the visitor's role
        @takes_request
        def on_load(request):
            admin = access.is_admin(request)
            return (
                *_on_load(assistant, len(doc_menus)),
                gr.Tab(visible=admin),
                gr.Tab(visible=admin),
                gr.Accordion(visible=admin),
                _user_line(access, request),
                qa_parts["history_refresh"](request),
            )

        demo.load(
            on_load,
            None,
            [
                kb_parts["docs"],
                kb_parts["pick"],
                kb_parts["trash"],
                *doc_menus,
                kb_page,
                eval_page,
                qa_parts["llm_box"],
                user_line,
                qa_parts["history"],
            ],
            api_name="list_documents",
        )
    demo.assistant = assistant
    demo.out_dir = out_dir
    return demo


def _on_load(assistant: Assistant, n_menus: int) -> tuple[Any, ...]:
    import gradio as gr

    from assistant.web.kb_tab import _safe_rows, trash_choices
    from assistant.web.search_tab import doc_choices

    choices = doc_choices(assistant)
    return (
        _safe_rows(assistant),
        gr.Dropdown(choices=choices[1:], value=None),
        gr.Dropdown(choices=trash_choices(assistant), value=None),
        *[gr.Dropdown(choices=choices) for _ in range(n_menus)],
    )


def _user_line(access: Access, request: Any) -> str:
    from assistant.web.access import ROLE_NAMES

    if access.open:
        return ""
    name = getattr(request, "username", None) or ""
    return f"当前用户：{name}（{ROLE_NAMES.get(access.role(request), '')}）"


def launch_kwargs(
    config: Config, *, host: str = "127.0.0.1", port: int = 7860, auth: Any = None, share: bool = False
) -> dict[str, Any]:
    return {
        "server_name": host,
        "server_port": port,
        "auth": auth,
        "auth_message": "请输入账号和密码" if auth else None,
        "share": share,
        "max_file_size": f"{config.max_file_mb:g}mb",
        "css": CSS,
        "head": HEAD_JS,
        "footer_links": [],
        "show_error": False,
        "ssr_mode": False,
        "mcp_server": False,
        "pwa": False,
        "enable_monitoring": False,
    }


def launch(
    assistant: Assistant, access: Access | None = None, throttle: LoginThrottle | None = None, **kwargs: Any
) -> Any:
    """Build and launch; extra keyword arguments go to ``launch_kwargs`` or straight to ``launch``.

    With accounts in ``access``, logins go through ``throttle`` (a ``LoginThrottle`` by default)."""
    from starlette.middleware import Middleware

    access = access or Access()
    demo = build_app(assistant, access)
    auth = None if access.open else access.check
    options = launch_kwargs(
        assistant.config, auth=auth, **{k: kwargs.pop(k) for k in ("host", "port", "share") if k in kwargs}
    )
    middleware = [Middleware(ChinesePageMiddleware)]
    if auth is not None:
        middleware.append(Middleware(LoginThrottleMiddleware, throttle=throttle or LoginThrottle()))
    options["app_kwargs"] = {"middleware": middleware}
    demo.throttle = throttle
    options.update(kwargs)
    demo.queue(default_concurrency_limit=4)
    demo.launch(**options)
    return demo
