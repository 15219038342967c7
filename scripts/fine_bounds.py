"""The sums and bands of the fines (and the bands of shares) the corpus and the held-out statutes set: the figures
behind the quiz's ``_a_sum_a_law_sets`` (the leading figures a fine's bound opens on) and ``_within_bounds`` with ``band``
(how many times its lower end a band spans). Nothing is fitted: the rules keep what the statutes write and drop what they almost never do.

    python scripts/fine_bounds.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.numerals import cn_to_int  # noqa: E402

_FIGURE = r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(万元|元)"
_BAND = re.compile(_FIGURE + "以上" + _FIGURE + "以下")
_SHARE_BAND = re.compile(r"(\d+(?:\.\d+)?)[%％]以上(\d+(?:\.\d+)?)[%％]以下")


def _yuan(figure: str, unit: str) -> float:
    value = float(figure) if figure[0].isdigit() else float(cn_to_int(figure) or 0)
    return value * (10000 if unit == "万元" else 1)


def _leading(amount: float) -> float:
    while amount >= 10 and amount % 10 == 0:
        amount /= 10
    return amount


def main() -> int:
    files = sorted((ROOT / "corpus").glob("*.md")) + sorted((ROOT / "evals" / "heldout").glob("*.md"))
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    leading: Counter[float] = Counter()
    spans: Counter[float] = Counter()
    for m in _BAND.finditer(text):
        low, high = _yuan(m.group(1), m.group(2)), _yuan(m.group(3), m.group(4))
        if low <= 0 or high <= 0:
            continue
        leading[_leading(low)] += 1
        spans[round(high / low, 2)] += 1
    n = sum(leading.values())
    grid = sum(k for v, k in leading.items() if v in (1, 2, 3, 5))
    halves = sum(k for v, k in leading.items() if v in (15, 25))
    narrow = sum(k for v, k in spans.items() if v < 2)
    print(f"{len(files)} documents, {n} fine bands 「X元以上Y元以下」")
    print("lower ends by leading figure:", ", ".join(f"{v:g}: {k}" for v, k in leading.most_common()))
    print(
        f"lower ends on the grid 1, 2, 3, 5 of a power of ten: {grid} of {n}; on 1.5 or 2.5 of one: {halves}"
    )
    print("bands by upper ÷ lower:", ", ".join(f"{v:g}: {k}" for v, k in spans.most_common(12)))
    print(f"bands spanning less than twice their lower end: {narrow} of {n}")
    shares = [float(b) / float(a) for a, b in _SHARE_BAND.findall(text) if float(a) > 0]
    narrow_shares = sum(r < 2 for r in shares)
    print(
        f"bands of a share 「X%以上Y%以下」: {len(shares)}, spanning less than twice their lower end: {narrow_shares}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
