"""The package import graph runs down the layers only and has no cycles.

text → ingest → index → retrieve → answer/content/draft/quiz → evaluate → service → cli/web, with
errors/schema/config/data at the bottom. Every ``import`` of ``assistant.*`` in a module counts,
including imports inside functions and under TYPE_CHECKING (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parents[2] / "assistant"
LAYERS = {
    "__init__": 0,
    "__main__": 9,
    "errors": 0,
    "schema": 0,
    "numerals": 0,
    "config": 0,
    "data": 0,
    "datafiles": 0,  # reads assistant/data
    "text": 1,
    "records": 1,
    "ingest": 2,
    "index": 3,
    "retrieve": 4,
    "answer": 5,
    "content": 5,
    "draft": 5,
    "quiz": 5,
    "evaluate": 6,
    "service": 7,
    "cli": 8,
    "web": 8,
}


def _unit(module: Path) -> str:
    rel = module.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(module: Path) -> set[str]:
    """Top-level ``assistant`` units this module imports."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "assistant" and len(parts) > 1:
                found.add(parts[1])
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module in PACKAGE.rglob("*.py"):
        unit = _unit(module)
        graph.setdefault(unit, set()).update(u for u in _imports(module) if u != unit and u in LAYERS)
    return graph


def test_every_package_has_a_layer() -> None:
    assert set(_graph()) <= set(LAYERS), set(_graph()) - set(LAYERS)


def test_lower_layers_never_import_upper_ones() -> None:
    upward = [
        f"{unit} (layer {LAYERS[unit]}) imports {dep} (layer {LAYERS[dep]})"
        for unit, deps in _graph().items()
        for dep in deps
        if LAYERS[dep] > LAYERS[unit]
    ]
    assert upward == []


def test_the_package_import_graph_has_no_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[list[str]] = []

    def visit(unit: str, path: list[str]) -> None:
        state[unit] = 1
        for dep in sorted(graph.get(unit, ())):
            if state.get(dep) == 1:
                cycles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[unit] = 2

    for unit in sorted(graph):
        if unit not in state:
            visit(unit, [unit])
    assert cycles == []


def test_draft_and_quiz_share_content_instead_of_importing_each_other() -> None:
    graph = _graph()
    assert "quiz" not in graph["draft"] and "draft" not in graph["quiz"]
    assert "content" in graph["draft"] and "content" in graph["quiz"]
