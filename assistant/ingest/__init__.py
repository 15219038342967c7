"""Stage 1: read files (loaders), clean scraped text (cleaning), split into clauses (clauses, chunking)."""
