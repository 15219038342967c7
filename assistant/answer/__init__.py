"""Answering: clause-cited answers (extractive or LLM), verification, refusal, conversation, "which
clause applies". ``engine.AnswerEngine`` is the entry point; nothing heavy is imported at package import."""
