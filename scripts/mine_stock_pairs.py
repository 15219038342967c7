"""Count how often two words stand side by side in a 、-run across Chinese law: the stock pairs.

    python scripts/mine_stock_pairs.py /path/to/LawRefBook-Laws.git

A quiz blank in a run of items (「保证信息的真实、准确、____」) is a giveaway when the answer is the word that always
follows its neighbour in official Chinese: 「真实、准确、完整」「全面、客观、公正」「安全第一、预防为主」. Which pairs are
stock is a fact about the language of the law, not about one document, so it is counted over a large body of it:
the Markdown texts of the LawRefBook/Laws repository (laws, administrative regulations, judicial interpretations,
local regulations; its 案例 folder is left out), read from a bare git mirror (``fetch github:LawRefBook/Laws``).

For every 、 the script records the pairs (the last k Han characters before it, the first j after it) for
k, j in 2…4, each counted once per document. Pairs found in at least ``MIN_DOCS`` documents are written to
``assistant/data/stock_pairs.tsv.gz`` (pair, documents), sorted, so the file is the same on every run; the quiz
generator looks a blank's neighbours up there (``assistant/quiz/stock_pairs.py``) and refuses a blank whose pair
reaches the threshold ``scripts/fit_stock_pairs.py`` fits. A document the quiz is asked on contributes at most
one to any pair's count.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assistant" / "data" / "stock_pairs.tsv.gz"
MIN_DOCS = 3
SIDES = (2, 3, 4)
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def law_texts(mirror: Path) -> list[str]:
    """The Markdown files at the mirror's HEAD, outside its 案例 folder, as text."""
    listing = subprocess.run(
        ["git", "-C", str(mirror), "-c", "core.quotepath=false", "ls-tree", "-r", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    blobs = [
        line.split()[2]
        for line in listing
        if line.endswith(".md") and "/案例/" not in line and not line.split("\t", 1)[1].startswith("案例/")
    ]
    raw = subprocess.run(
        ["git", "-C", str(mirror), "cat-file", "--batch"],
        input=("\n".join(blobs) + "\n").encode(),
        capture_output=True,
        check=True,
    ).stdout
    texts, i = [], 0
    while i < len(raw):
        end = raw.index(b"\n", i)
        size = int(raw[i:end].split()[2])
        texts.append(raw[end + 1 : end + 1 + size].decode("utf-8", "replace"))
        i = end + 1 + size + 1
    return texts


def pairs_in(text: str) -> set[str]:
    """Every 「left、right」 with 2–4 Han characters on each side of a 、 in ``text``."""
    found = set()
    for m in re.finditer("、", text):
        before = text[max(0, m.start() - max(SIDES)) : m.start()]
        after = text[m.end() : m.end() + max(SIDES)]
        left_run = _HAN.search(before[::-1])
        right_run = _HAN.match(after)
        if not left_run or left_run.start() != 0 or not right_run:
            continue
        left, right = left_run.group()[::-1], right_run.group()
        for k in SIDES:
            for j in SIDES:
                if len(left) >= k and len(right) >= j:
                    found.add(f"{left[-k:]}、{right[:j]}")
    return found


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    texts = law_texts(Path(sys.argv[1]))
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(pairs_in(text))
    kept = sorted((pair, n) for pair, n in counts.items() if n >= MIN_DOCS)
    body = "".join(f"{pair}\t{n}\n" for pair, n in kept)
    OUT.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    print(
        f"{len(texts)} documents, {len(counts)} pairs, {len(kept)} in ≥ {MIN_DOCS} documents → {OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
