"""``mine-assistant serve``: bring the index up to date, then start the web app (offline)."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli.common import get_assistant
from assistant.web.access import Access, read_accounts


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="监听地址（局域网访问用 0.0.0.0，并请设置登录）"
)
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--auth",
    multiple=True,
    metavar="USER:PASS[:ROLE]",
    help="登录账号（可重复；角色 user 或 admin，默认 user）",
)
@click.option(
    "--auth-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="账号文件：每行 用户名:密码[:角色]（密码可为 mine-assistant users add 写入的哈希）",
)
@click.option("--share", is_flag=True, help="创建 Gradio 公网分享链接（需联网，默认关闭）")
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, auth: tuple[str, ...], auth_file: Path | None, share: bool
) -> None:
    """启动网页版（浏览器打开 http://127.0.0.1:7860）。

    不设账号时只有一位本机用户，即管理员。设了账号时：普通用户（user）可以问答、检索、写宣传材料、
    出题和阅卷；管理员（admin）还可以管理知识库、运行评测、修改大模型设置。连续登录失败会被暂时锁定。"""
    from assistant.web.app import configure_environment

    assistant = get_assistant(ctx)
    access = Access.of(read_accounts(list(auth), auth_file))
    reasons = assistant.stale_reasons()
    if reasons:
        click.echo(f"索引需要更新（{'；'.join(reasons[:3])}），正在建立……", err=True)
        report = assistant.build_index(progress=True)
        for f in report.failed:
            click.echo(f"✗ 未能索引 {f.path}：{f.message}", err=True)
        click.echo(f"索引就绪：{report.n_clauses} 条，用时 {report.seconds:.1f} 秒", err=True)
    if host not in ("127.0.0.1", "localhost") and access.open:
        click.echo(
            "提示：监听非本机地址且未设置登录（--auth / --auth-file），同一网络中的任何人都能访问。", err=True
        )
    configure_environment()
    from assistant.web.app import launch

    click.echo(f"矿山安全政策助手：http://{host}:{port}  （Ctrl+C 退出）", err=True)
    if not access.open and not any(a.role == "admin" for a in access.accounts.values()):
        click.echo("提示：没有管理员账号（角色 admin），知识库管理与评测将无人可用。", err=True)
    launch(assistant, access, host=host, port=port, share=share, quiet=True)


@click.group()
def users() -> None:
    """网页版账号：添加或修改账号（密码只以 pbkdf2 哈希写入账号文件）。"""


@users.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("name")
@click.option("--role", type=click.Choice(["user", "admin"]), default="user", show_default=True)
@click.password_option("--password", prompt="密码", confirmation_prompt="再输入一次", help="不给则提示输入")
def users_add(file: Path, name: str, role: str, password: str) -> None:
    """在账号文件 FILE 中添加（或替换）账号 NAME。"""
    from assistant.web.access import hash_password, parse_account

    if ":" in name or not name.strip():
        raise click.BadParameter("用户名不能为空，也不能含冒号", param_hint="NAME")
    if len(password) < 8:
        raise click.BadParameter("密码至少 8 个字符", param_hint="--password")
    lines = file.read_text(encoding="utf-8").splitlines() if file.exists() else []
    kept = [
        ln
        for ln in lines
        if not ln.strip() or ln.strip().startswith("#") or parse_account(ln.strip(), str(file)).name != name
    ]
    kept.append(f"{name}:{hash_password(password)}:{role}")
    file.write_text("\n".join(kept) + "\n", encoding="utf-8")
    file.chmod(0o600)
    click.echo(f"已{'替换' if len(kept) == len(lines) else '添加'}账号 {name}（{role}）：{file}")


COMMANDS = [serve, users]
