"""Stage 3: retrievers (BM25, dense, hybrid) behind one protocol, and the search service."""
