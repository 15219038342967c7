"""``Assistant``: the one façade the CLI, the web app, the evals and the benchmarks call.

It owns the open index (a ``Searcher``, opened on first use and swapped atomically after a re-index)
and wires the features over it: search, ask/chat, "which clause applies", drafts, quizzes, grading,
corpus changes, index builds and evals. Requests and results are typed dataclasses
(``assistant.service.requests`` and the pipeline's own ``schema`` ones). Interfaces only present.

Thread safety: one ``Assistant`` serves concurrent requests. Nothing per request is kept on it or on
the searcher; the only shared state is the searcher reference (guarded by a lock) and the build lock
(one index build at a time). A question asked during a re-index is answered from the previous index.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Config, LLMSettings
from assistant.errors import AssistantError
from assistant.retrieve.search import Searcher
from assistant.schema import Answer, CatalogEntry
from assistant.service.requests import (
    AppliesRequest,
    AskRequest,
    CorpusChange,
    DocumentInfo,
    DraftRequest,
    GradeRequest,
    NewFile,
    QuizRequest,
    SearchRequest,
    SearchResult,
)

if TYPE_CHECKING:  # the features below load on first use: `search` in a fresh process stays fast
    from assistant.answer.applies import Applicable
    from assistant.answer.conversation import Conversation
    from assistant.answer.engine import AnswerEngine
    from assistant.answer.llm import ChatClientLike
    from assistant.answer.provision_view import ProvisionView
    from assistant.draft.model import Draft
    from assistant.evaluate.results import EvalResult
    from assistant.index.build import BuildReport
    from assistant.ingest.corpus import Corpus, Restored
    from assistant.ingest.trash import TrashItem
    from assistant.quiz.grade import GradeReport
    from assistant.quiz.model import QuizBank
    from assistant.records import Records

Stage = Callable[[float, str], None]  # progress callback: (fraction done, what is happening)


class Assistant:
    def __init__(self, config: Config, searcher: Searcher | None = None):
        self.config = config
        self._searcher = searcher
        self._lock = threading.Lock()  # guards the searcher reference
        self._build_lock = threading.Lock()  # one (re)index at a time
        self.generation = 0  # bumped on every swap of the index

    @cached_property
    def corpus(self) -> Corpus:
        """The corpus folder service (every add, update, removal and catalog edit goes through it)."""
        from assistant.ingest.corpus import Corpus

        return Corpus(self.config)

    # -- the open index ---------------------------------------------------------------------------
    @property
    def searcher(self) -> Searcher:
        with self._lock:
            if self._searcher is None:
                self._searcher = Searcher(self.config)
            return self._searcher

    @cached_property
    def records(self) -> Records:
        """Ratings and saved conversations of the web app (``<data_dir>/records.sqlite``)."""
        from assistant.records import Records

        return Records(self.config.data_dir / "records.sqlite")

    @property
    def building(self) -> bool:
        return self._build_lock.locked()

    def stale_reasons(self) -> list[str]:
        """Why the index is behind the corpus ([] when current)."""
        from assistant.index.build import stale_reasons

        current = self._searcher
        return stale_reasons(self.config, current.store.manifest if current is not None else None)

    def documents(self) -> list[DocumentInfo]:
        searcher = self.searcher
        labels: dict[str, set[str]] = {}
        pieces: dict[str, int] = {}
        for c in searcher.clauses:
            labels.setdefault(c.doc_id, set()).add(c.label)
            pieces[c.doc_id] = pieces.get(c.doc_id, 0) + 1
        files = {
            rec["doc_id"]: rel for rel, rec in searcher.store.manifest.files.items() if rec.get("doc_id")
        }
        return [
            DocumentInfo(
                d, len(labels.get(d.doc_id, ())), pieces.get(d.doc_id, 0), files.get(d.doc_id, d.path)
            )
            for d in searcher.store.documents.values()
        ]

    def show(self, document: str, label: str) -> ProvisionView:
        """One article with its level, status, chapter, parts, sanctions and links."""
        from assistant.answer.provision_view import provision_view

        return provision_view(self.searcher, document, label)

    # -- questions --------------------------------------------------------------------------------
    def search(self, request: SearchRequest, *, check_stale: bool = False) -> SearchResult:
        if not request.query.strip():
            raise AssistantError("检索内容不能为空")
        searcher = self.searcher
        stale = self.stale_reasons() if check_stale else []
        query = searcher.query(request.query)
        hits = searcher.search(
            query, request.k or self.config.top_k, doc=request.doc, kind=request.kind, method=request.method
        )
        return SearchResult(query, hits, searcher.matched_terms(query), stale)

    def engine(self, llm: LLMSettings | None = None, client: ChatClientLike | None = None) -> AnswerEngine:
        """An answer engine over the current index; ``llm`` replaces the configured endpoint."""
        from assistant.answer.engine import AnswerEngine

        config = self.config if llm is None else dataclasses.replace(self.config, llm=llm)
        return AnswerEngine(config, self.searcher, client)

    def ask(self, request: AskRequest) -> Answer:
        return self.engine(request.llm).ask(_question(request.question), list(request.history))

    def stream(self, request: AskRequest) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then the verified ``Answer`` (always last)."""
        return self.engine(request.llm).stream(_question(request.question), list(request.history))

    def conversation(self) -> Conversation:
        """A new, empty chat session (bound to the current index at each turn)."""
        from assistant.answer.conversation import Conversation

        return Conversation(None)

    def chat(self, conversation: Conversation, question: str, llm: LLMSettings | None = None) -> Answer:
        conversation.engine = self.engine(llm)
        return conversation.ask(_question(question))

    def chat_stream(
        self, conversation: Conversation, question: str, llm: LLMSettings | None = None
    ) -> Iterator[str | Answer]:
        conversation.engine = self.engine(llm)
        return conversation.stream(_question(question))

    def applies(self, request: AppliesRequest) -> list[Applicable]:
        from assistant.answer.applies import which_clauses_apply

        if not request.situation.strip():
            raise AssistantError("情形描述不能为空")
        return which_clauses_apply(self.searcher, request.situation, request.k)

    # -- content ----------------------------------------------------------------------------------
    def draft(self, request: DraftRequest) -> Draft:
        from assistant.answer.llm import ChatClient
        from assistant.draft.compose import make_draft

        if not request.topic and not request.doc:
            raise AssistantError("请填写主题（--topic），或指定文档（--doc）")
        settings = request.llm if request.llm is not None else self.config.llm
        client = ChatClient(settings) if settings.enabled else None
        return make_draft(
            self.searcher,
            request.kind,
            topic=request.topic,
            doc=request.doc,
            section=request.section,
            llm=client,
        )

    def quiz(self, request: QuizRequest) -> QuizBank:
        from assistant.quiz.generate import generate_bank
        from assistant.quiz.model import TYPES

        if not request.topic and not request.doc:
            raise AssistantError("请填写主题（--topic），或指定文档（--doc）")
        return generate_bank(
            self.searcher,
            topic=request.topic,
            doc=request.doc,
            n=request.n,
            types=request.types or TYPES,
            seed=request.seed,
            section=request.section,
        )

    def grade(self, request: GradeRequest) -> GradeReport:
        from assistant.quiz.export import load_bank
        from assistant.quiz.grade import grade
        from assistant.quiz.shortanswer import law_elsewhere

        # a short answer that states another clause's rule is off target, not wrong; without an index
        # every figure the cited clause does not hold counts as wrong, as it did before
        try:
            elsewhere = law_elsewhere(c.text for c in self.searcher.clauses)
        except AssistantError:
            elsewhere = None
        return grade(load_bank(request.bank), request.answers, elsewhere)

    # -- the knowledge base -----------------------------------------------------------------------
    def build_index(
        self, *, rebuild: bool = False, progress: bool = False, on_stage: Stage | None = None
    ) -> BuildReport:
        """Build or update the index (only changed files), then swap it in if one is open.

        Raises ``AssistantError`` when another build is running or nothing could be indexed (the
        previous index then stays in place and keeps answering)."""
        from assistant.index import build as build_module

        if not self._build_lock.acquire(blocking=False):
            raise AssistantError("另一个索引任务正在进行，请稍后再试")
        try:
            if on_stage:
                on_stage(0.1, "正在读取文件并建立索引……")
            report = build_module.build_index(self.config, rebuild=rebuild, progress=progress)
            if self._searcher is not None:
                if on_stage:
                    on_stage(0.8, "正在加载新索引……")
                self._swap(self._open_warm())
            if on_stage:
                on_stage(1.0, "完成")
            return report
        finally:
            self._build_lock.release()

    def refresh_index(self, progress: bool = False) -> str:
        """Build the index when it is missing or stale; a one-line note of what was done."""
        reasons = self.stale_reasons()
        if not reasons:
            return f"索引 {self.config.index_path} 已是最新"
        report = self.build_index(progress=progress)
        return (
            f"已重建索引 {self.config.index_path}（{report.n_clauses} 条，用时 {report.seconds:.1f} 秒；"
            f"原因：{'；'.join(reasons)}）"
        )

    def _open_warm(self) -> Searcher:
        old = self._searcher
        same = old is not None and (old.config.embedding_backend, old.config.embedding_model) == (
            self.config.embedding_backend,
            self.config.embedding_model,
        )
        # reuse the loaded embedding model instead of loading a second copy
        new = Searcher(self.config, embedder=old.embedder if same and old is not None else None)
        _ = (
            new.clauses,
            new.store.documents,
            new.store.corpus_text,
            new.store.vocabulary,
            new.bm25,
            new.dense,
            new.store.faiss_index,
        )
        return new

    def _swap(self, searcher: Searcher) -> None:
        with self._lock:
            self._searcher = searcher
            self.generation += 1

    def add_documents(
        self,
        files: Iterable[NewFile],
        *,
        reindex: bool | None = None,
        progress: bool = False,
        on_stage: Stage | None = None,
    ) -> CorpusChange:
        """Check and copy ``files`` into the corpus, then re-index (``reindex=None``: only when a file was
        accepted). A refused file is never copied; its reason is in ``CorpusChange.added``."""
        added = [self.corpus.add(f.path, f.name, f.card) for f in files]
        if not (reindex if reindex is not None else any(a.ok for a in added)):
            return CorpusChange(added, None, "没有文件被接收（原因见表）")
        return CorpusChange(added, self.build_index(progress=progress, on_stage=on_stage))

    def update_document(self, doc_id: str, file: NewFile, *, on_stage: Stage | None = None) -> CorpusChange:
        """Replace a document's file (checked first), keeping its catalog card; then re-index.

        The previous version is kept in the trash (``added[0].kept``); ``restore_document`` brings it back."""
        added = self.corpus.update(doc_id, file.path, file.name)
        if not added.ok:
            return CorpusChange([added], None, added.reason)
        return CorpusChange([added], self.build_index(on_stage=on_stage))

    def update_catalog(
        self, doc_id: str, changes: dict[str, str], *, on_stage: Stage | None = None
    ) -> tuple[CatalogEntry, BuildReport]:
        """Edit a document's catalog card (fields not given keep their value), then re-index."""
        indexed = self.searcher.store.documents.get(doc_id)
        entry = self.corpus.update_catalog(doc_id, changes, indexed.catalog if indexed else None)
        return entry, self.build_index(on_stage=on_stage)

    def document_title(self, doc_id: str) -> str:
        """The title a removal names (the catalog card's, else the file name); unknown ids are refused."""
        return self.corpus.title_of(doc_id)

    def remove_document(self, doc_id: str, *, on_stage: Stage | None = None) -> tuple[TrashItem, BuildReport]:
        """Move a document's file and catalog card to the corpus trash, then re-index."""
        removed = self.corpus.remove(doc_id)
        return removed, self.build_index(on_stage=on_stage)

    def trash(self) -> list[TrashItem]:
        """Versions that can be restored (removed, replaced or swapped out, old cards), newest first."""
        return self.corpus.trash()

    def restore_document(
        self, key_or_id: str, *, on_stage: Stage | None = None
    ) -> tuple[Restored, BuildReport]:
        """Put a version from the trash back where it was (a trash key, or a doc id's newest version),
        then re-index. A current version of that document is moved to the trash, never overwritten
        (``Restored.replaced``)."""
        restored = self.corpus.restore(key_or_id)
        return restored, self.build_index(on_stage=on_stage)

    # -- evals ------------------------------------------------------------------------------------
    def evaluate(
        self, sets: Iterable[str] = ("all",), evals_dir: Path = Path("evals"), *, progress: bool = False
    ) -> EvalResult:
        """Run the registered eval sets over this knowledge base (brought up to date first)."""
        from assistant.evaluate import runner

        runner.resolve_sets(sets)  # an unknown set name fails before any work
        note = self.refresh_index(progress=progress)
        return runner.run_evals(
            self.config, sets, evals_dir, progress=progress, searcher=self.searcher, index_note=note
        )


def _question(text: str) -> str:
    if not (text or "").strip():
        raise AssistantError("问题不能为空")
    return text


__all__ = ["Assistant", "Stage"]
