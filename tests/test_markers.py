"""Test tiers stay honest: a module marked ``unit`` holds no ``integration``/``browser`` test, so
``make test-fast`` (``pytest -m unit``) never loads a model, a server or a browser."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

TESTS = Path(__file__).resolve().parent
HEAVY = {"integration", "browser", "slow"}


def _marks(node: ast.AST) -> set[str]:
    """pytest.mark.<name> names in a decorator or a ``pytestmark`` value."""
    return {
        n.attr
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute) and n.value.attr == "mark"
    }


def _module_marks(tree: ast.Module) -> set[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets):
            return _marks(node.value)
    return set()


def test_unit_modules_hold_no_integration_tests() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if "unit" not in _module_marks(tree):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                heavy = set().union(*(_marks(d) for d in node.decorator_list)) & HEAVY
                if heavy:
                    offenders.append(f"{path.relative_to(TESTS)}::{node.name} {sorted(heavy)}")
    assert offenders == []


def test_every_test_module_declares_its_tier() -> None:
    untiered = [
        str(p.relative_to(TESTS))
        for p in sorted(TESTS.rglob("test_*.py"))
        if not _module_marks(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert untiered == []
