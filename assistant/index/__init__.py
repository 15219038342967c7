"""Stage 2: embeddings, the dense (FAISS) and lexical (BM25) indexes, and their on-disk format."""
