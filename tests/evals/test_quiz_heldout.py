"""The held-out quiz review (statutes outside the knowledge base) must cover what the generator makes:
a generator change that makes new items on them asks for a new reading, as the main review does."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _script():
    spec = importlib.util.spec_from_file_location("quiz_heldout", ROOT / "scripts" / "quiz_heldout.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its worker processes find their function by the module's name
    spec.loader.exec_module(module)
    return module


def test_every_item_the_generator_makes_on_the_held_out_statutes_has_been_read() -> None:
    script = _script()
    items = script.banks()
    assert len(items) >= 100  # six statutes, a bank of 20 asked on each (烟花爆竹 has facts for 15)
    read = script.reviewed()
    unread = [i["stem"] for i in items if script.key(i) not in read]
    assert unread == [], "generator changed: read the new items and add them to evals/quiz_heldout.jsonl"
