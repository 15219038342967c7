"""A document named as people name it: its id, its title, or its title without 中华人民共和国 (安全生产法)."""

from __future__ import annotations

from assistant.errors import AssistantError
from assistant.retrieve.search import SearcherLike
from assistant.schema import book


class DocumentNotFound(AssistantError):
    """No indexed document has that id or title."""


def find_document(searcher: SearcherLike, name: str) -> str:
    """The doc_id for ``name``: an id, a title, or a title without 中华人民共和国 (安全生产法). A name that
    fits several titles takes the one it fits exactly, else says which it could be."""
    docs = searcher.store.documents
    if name in docs:
        return name
    bare = name.strip("《》 ")
    titles = {d: doc.catalog.title.removeprefix("中华人民共和国") for d, doc in docs.items()}
    exact = [d for d, t in titles.items() if t == bare or docs[d].catalog.title == bare]
    if exact:
        return exact[0]
    fits = [d for d, t in titles.items() if bare in t]
    if len(fits) == 1:
        return fits[0]
    if not fits:
        raise DocumentNotFound(f"没有名为「{name}」的文档。可用 mine-assistant docs 查看文档列表")
    options = "、".join(f"{book(docs[d].catalog.title)}" for d in fits)
    raise AssistantError(f"「{name}」可指多个文档：{options}。请写全标题或用文档 id")
