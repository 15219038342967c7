"""Answer commands: ``ask``, ``chat`` (terminal REPL) and ``applies``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from assistant.cli.common import echo_json, get_assistant, setting_options
from assistant.config import cli_settings
from assistant.schema import Answer, book

# --llm-base-url / --llm-model also on the commands that answer (same flags as the global ones).
llm_options: Callable[[Any], Any] = setting_options(
    [s for s in cli_settings() if s.key in ("llm_base_url", "llm_model")]
)


def render(answer: Answer) -> str:
    """The answer text, then notices, then the sources list (〔1〕《title》label —「quote」)."""
    from assistant.answer.engine import format_sources

    parts = [answer.answer]
    if answer.notices:
        parts.append("\n".join(f"提示：{n}" for n in answer.notices))
    if answer.citations:
        parts.append("出处：\n" + format_sources(answer.citations, answer.answer))
    return "\n\n".join(parts)


@click.command()
@click.argument("question")
@click.option(
    "--json", "as_json", is_flag=True, help="输出 JSON：{question, answer, citations, refused, mode}"
)
@llm_options
@click.pass_context
def ask(
    ctx: click.Context, question: str, as_json: bool, llm_base_url: str | None, llm_model: str | None
) -> None:
    """提问：回答中的每句话都标注出处〔n〕，并列出逐字引用的原文。"""
    from assistant.service import AskRequest

    if not question.strip():
        raise click.UsageError("问题不能为空")
    assistant = get_assistant(ctx, llm_base_url=llm_base_url, llm_model=llm_model)
    answer = assistant.ask(AskRequest(question))
    if as_json:
        echo_json(answer.to_json())
    else:
        click.echo(render(answer))


@click.command()
@llm_options
@click.pass_context
def chat(ctx: click.Context, llm_base_url: str | None, llm_model: str | None) -> None:
    """多轮问答（从标准输入读问题）。命令：/save 文件、/load 文件、/quit。"""
    from assistant.errors import AssistantError

    assistant = get_assistant(ctx, llm_base_url=llm_base_url, llm_model=llm_model)
    conv = assistant.conversation()
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo("多轮问答：直接输入问题；/save 文件 保存会话，/load 文件 载入会话，/quit 退出。")
    while True:
        try:
            line = input("问> " if interactive else "")
        except EOFError:
            break
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit", "/q"):
            break
        command, _, arg = line.partition(" ")
        try:
            if command == "/save":
                click.echo(f"会话已保存到 {conv.save(arg.strip() or 'chat.json')}")
            elif command == "/load":
                conv.load(arg.strip())
                click.echo(f"已载入 {len(conv.turns)} 轮对话")
            elif command.startswith("/"):
                click.echo("未知命令。可用：/save 文件、/load 文件、/quit")
            else:
                answer = assistant.chat(conv, line)
                if answer.resolved_query and answer.resolved_query != line:
                    click.echo(f"（理解为：{answer.resolved_query}）")
                click.echo(render(answer))
                click.echo()
        except AssistantError as exc:
            click.echo(f"错误：{exc}", err=True)


@click.command()
@click.argument("situation")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 20), help="列出条数")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 列表")
@click.pass_context
def applies(ctx: click.Context, situation: str, k: int, as_json: bool) -> None:
    """适用条款：描述一个情形，列出适用的条款、触发句和后果。"""
    from assistant.service import AppliesRequest

    if not situation.strip():
        raise click.UsageError("情形描述不能为空")
    results = get_assistant(ctx).applies(AppliesRequest(situation, k))
    if as_json:
        echo_json({"situation": situation, "clauses": [a.to_json() for a in results]})
        return
    if not results:
        click.echo("没有找到适用的条款。")
    for i, a in enumerate(results, 1):
        click.echo(f"{i}. {a.heading()}")
        click.echo(f"   适用依据：「{a.trigger}」")
        for line in a.consequence_lines():
            click.echo(f"   {line}")
        if a.related is not None:
            click.echo(f"   对应国家层面规定：{book(a.related.doc_title)}{a.related.label}")


COMMANDS = [ask, chat, applies]
