"""Which clauses a draft or a question bank is built from (shared by ``draft`` and ``quiz``)."""

from __future__ import annotations

from assistant.errors import AssistantError, ConfigError
from assistant.retrieve.documents import DocumentNotFound, find_document
from assistant.retrieve.search import SearcherLike
from assistant.schema import Clause
from assistant.text.normalize import contains_normalized, normalize


def select_clauses(
    searcher: SearcherLike,
    topic: str | None = None,
    doc: str | None = None,
    section: str | None = None,
    k: int = 8,
) -> list[Clause]:
    """The clauses a bank or a draft is built from, in document order.

    ``doc``/``section`` take every clause of that document (or section: a label prefix such as
    ``二、（四）``); ``topic`` takes the retrieved clauses that mention the topic (or the top three when
    none do). Closing lines (contacts, signatures) never make questions, and a provision whose figures a
    higher or later law replaced (``ingest.conflicts``) is neither taught nor publicised.
    """
    from assistant.ingest.conflicts import superseded

    clauses = [c for c in searcher.clauses if c.kind != "closing" and not superseded(c.doc_id, c.label)]
    indexed = {c.doc_id for c in clauses}
    if doc and doc not in indexed and getattr(searcher, "store", None) is not None:
        try:
            doc = find_document(searcher, doc)  # 「安全生产法」 as `show` takes it
        except DocumentNotFound:
            pass  # said below, with the ids there are
        except AssistantError as e:  # a name that fits several titles says which
            raise ConfigError(str(e)) from None
    if doc and doc not in indexed:
        raise ConfigError(f"没有文档 {doc!r}；已索引的文档：{', '.join(sorted(indexed))}")
    if doc:
        clauses = [c for c in clauses if c.doc_id == doc]
    if section:
        want = normalize(section)
        clauses = [c for c in clauses if normalize(c.label).startswith(want)]
        if not clauses:
            raise ConfigError(f"找不到条款 {section!r}；条款编号形如 二、（四） 或 二、（四）13.")
    if topic:
        hits = searcher.search(topic, k, doc=doc)
        ids = {h.clause.chunk_id for h in hits if contains_normalized(h.clause.text, topic)}
        if not ids:
            ids = {h.clause.chunk_id for h in hits[:3]}
        clauses = [c for c in clauses if c.chunk_id in ids]
        if not clauses:
            raise ConfigError(f"知识库中没有与“{topic}”相关的条款；请换一个主题词，或用 --doc 指定文档")
    elif not doc and not section:
        raise ConfigError("请用 --topic 指定主题，或用 --doc 指定文档")
    return clauses
