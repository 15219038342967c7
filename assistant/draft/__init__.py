"""Publicity drafts (article, slogans, key points, training Q&A) built from cited clauses."""
