"""Writing a fitted parameter file (assistant/data/*.json): the numbers, the cross-validated figure
they were chosen by, the report-only test figure and the script that made them, side by side."""

from __future__ import annotations

import json
import random
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any


def stratified_folds(strata: Sequence[Hashable], folds: int, seed: int) -> list[int]:
    """A fold number per case, each stratum (gold set, label) spread evenly over the folds; the same
    on every run (strata are visited in sorted order, not in hash order)."""
    rng = random.Random(seed)
    fold = [0] * len(strata)
    for key in sorted(set(strata), key=repr):
        idx = [i for i, k in enumerate(strata) if k == key]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            fold[i] = n % folds
    return fold


def write_fitted(out: Path, script: str, cv_dev: str, test_report_only: str, **params: Any) -> None:
    data = {**params, "cv_dev": cv_dev, "test_report_only": test_report_only, "script": script}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"→ {out.relative_to(Path(__file__).resolve().parents[1])}")
