"""``mine-assistant serve``: bring the index up to date, then start the web app (offline)."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli.common import get_assistant
from assistant.errors import ConfigError


def parse_auth(auth: tuple[str, ...], auth_file: Path | None) -> list[tuple[str, str]] | None:
    """``user:pass`` pairs from the options and from a file (one pair per line, ``#`` comments)."""
    lines = list(auth)
    if auth_file is not None:
        try:
            text = auth_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"无法读取账号文件 {auth_file}：{exc.strerror}") from None
        lines += [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    pairs = []
    for i, line in enumerate(lines, 1):
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            where = f"账号文件 {auth_file} 第 {i - len(auth)} 行" if i > len(auth) else "--auth"
            raise ConfigError(f"{where} 格式应为 用户名:密码")
        pairs.append((user.strip(), password))
    return pairs or None


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="监听地址（局域网访问用 0.0.0.0，并请设置登录）"
)
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535))
@click.option("--auth", multiple=True, metavar="USER:PASS", help="登录账号（可重复）")
@click.option(
    "--auth-file", type=click.Path(dir_okay=False, path_type=Path), help="账号文件：每行 用户名:密码"
)
@click.option("--share", is_flag=True, help="创建 Gradio 公网分享链接（需联网，默认关闭）")
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, auth: tuple[str, ...], auth_file: Path | None, share: bool
) -> None:
    """启动网页版（浏览器打开 http://127.0.0.1:7860）。"""
    from assistant.web.app import configure_environment

    assistant = get_assistant(ctx)
    credentials = parse_auth(auth, auth_file)
    reasons = assistant.stale_reasons()
    if reasons:
        click.echo(f"索引需要更新（{'；'.join(reasons[:3])}），正在建立……", err=True)
        report = assistant.build_index(progress=True)
        for f in report.failed:
            click.echo(f"✗ 未能索引 {f.path}：{f.message}", err=True)
        click.echo(f"索引就绪：{report.n_clauses} 条，用时 {report.seconds:.1f} 秒", err=True)
    if host not in ("127.0.0.1", "localhost") and not credentials:
        click.echo(
            "提示：监听非本机地址且未设置登录（--auth / --auth-file），同一网络中的任何人都能访问。", err=True
        )
    configure_environment()
    from assistant.web.app import launch

    click.echo(f"矿山安全政策助手：http://{host}:{port}  （Ctrl+C 退出）", err=True)
    launch(assistant, host=host, port=port, auth=credentials, share=share, quiet=True)


COMMANDS = [serve]
