"""Shared CLI plumbing: the error boundary and building the Config from global options."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from assistant.config import Config, load_config
from assistant.errors import AssistantError


class ErrorHandlingGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            click.echo(f"错误：{exc}", err=True)
            ctx.exit(2)


def get_config(ctx: click.Context) -> Config:
    obj = ctx.find_root().obj or {}
    return load_config(obj.get("config_path")).with_overrides(**obj.get("overrides", {}))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def use_color() -> bool:
    return sys.stdout.isatty()
