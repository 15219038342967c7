"""The packaged data files (``assistant/data/``): lexicons, lists and fitted parameters, read offline."""

from __future__ import annotations

from importlib import resources


def data_text(name: str) -> str:
    return resources.files("assistant.data").joinpath(name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """The file's lines without their ``#`` comments, stripped, blank ones dropped."""
    lines = (line.split("#", 1)[0].strip() for line in data_text(name).splitlines())
    return [line for line in lines if line]
