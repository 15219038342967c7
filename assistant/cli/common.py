"""Shared CLI plumbing: the error boundary, the generated setting flags and the façade."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from assistant.config import Config, Setting, load_config
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.service import Assistant

F = TypeVar("F", bound=Callable[..., Any])


class ErrorHandlingGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            click.echo(f"错误：{exc}", err=True)
            ctx.exit(2)


def setting_options(settings: Sequence[Setting]) -> Callable[[F], F]:
    """One click option per setting (flag, type and help from the config field)."""

    def deco(f: F) -> F:
        for s in reversed(settings):
            assert s.flag is not None
            kind: Any = click.Path(file_okay=False) if s.kind is Path else s.kind
            if s.choices:
                kind = click.Choice(list(s.choices))
            f = click.option(s.flag, s.key, type=kind, default=None, help=f"{s.help}（{s.env}）")(f)
        return f

    return deco


def get_config(ctx: click.Context, **overrides: Any) -> Config:
    obj = ctx.find_root().obj or {}
    config = load_config(obj.get("config_path")).with_overrides(**obj.get("overrides", {}))
    return config.with_overrides(**overrides)


def check_output(ctx: click.Context, *paths: Path | None) -> None:
    """An output file (a draft, a bank, an answer sheet, a report) never goes into the corpus or index
    folder: it would overwrite a document or be indexed as one."""
    config = get_config(ctx)
    for path in paths:
        if path is None:
            continue
        where = path.resolve()
        for folder, name in ((config.corpus_dir, "语料目录"), (config.index_dir, "索引目录")):
            root = Path(folder).resolve()
            if where == root or root in where.parents:
                raise AssistantError(
                    f"输出文件 {path} 在{name} {folder} 内，会覆盖文档或被当作文档入库；请换一个位置"
                )


def get_assistant(ctx: click.Context, **overrides: Any) -> Assistant:
    """The façade over the configured knowledge base (heavy parts load on first use)."""
    from assistant.service import Assistant

    return Assistant(get_config(ctx, **overrides))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def use_color() -> bool:
    return sys.stdout.isatty()
