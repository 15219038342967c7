"""The searcher: open the index, check it matches the configured embedding, and rank clauses.

Everything heavy loads on first use. The query path imports neither llama-index nor torch. A
``Searcher`` is shared by every request of a server: after construction nothing on it changes per
query (the retrievers are built once, lazily; a search returns its own evidence in each ``Hit``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import replace
from functools import cached_property
from typing import Protocol

import numpy as np

from assistant.config import Config
from assistant.errors import ConfigError
from assistant.index.embed_cache import EmbeddingCache
from assistant.index.embeddings import Embedder, get_embedder
from assistant.index.parts import article_part_texts, part_vectors
from assistant.index.store import IndexStore, check_compatible, open_index
from assistant.ingest.provisions import PENALTY_CHAPTER
from assistant.retrieve.base import Retriever, Scored, score_rows
from assistant.retrieve.bm25 import BM25Retriever
from assistant.retrieve.dense import DenseRetriever
from assistant.retrieve.hybrid import HybridRetriever
from assistant.retrieve.rerank import (
    PART_DENSE_SCALE,
    DocFacts,
    DocumentMatch,
    Ranker,
    doc_facts,
    features,
    load_ranker,
    reads_parts,
    softmax,
)
from assistant.schema import LEVELS, STATUSES, Clause, Hit
from assistant.text.accident_liability import (
    HEAD_LED_TO_ACCIDENT,
    asks_a_fine,
    asks_what_a_withheld_report_bears,
    asks_what_the_head_bears,
    fines_by_the_accident,
    sanctions_a_withheld_report,
    tells_of_a_withheld_report,
)
from assistant.text.counts import counted_noun, states_the_count
from assistant.text.crimes import harm_at_work, result_crime_for
from assistant.text.duties import asks_the_duties, lists_the_duties_of, roles
from assistant.text.intent import ABOUT_THE_DOCUMENT
from assistant.text.listed_class import listed_class, sanctions_the_class
from assistant.text.query import Query
from assistant.text.worker_rights import GRANTS_A_WORKER_REFUSAL, asks_a_workers_right_to_refuse

METHODS = ("hybrid", "bm25", "dense")


CRIMINAL_DOC = "criminal-law"  # the 刑法's doc id (its catalog card)
LEAD_DEPTH = 10  # how far down a question looks for the 刑法 article or the named region's document


class SearcherLike(Protocol):
    """What the answer, content and web layers need from a searcher (tests pass small fakes)."""

    config: Config
    store: IndexStore

    @property
    def clauses(self) -> list[Clause]: ...

    def query(self, text: str) -> Query: ...

    def search(
        self,
        query: str | Query,
        k: int = 5,
        *,
        doc: str | Collection[str] | None = None,
        kind: str | None = None,
        method: str = "hybrid",
        rerank: bool | None = None,
    ) -> list[Hit]: ...

    def matched_terms(self, query: str | Query) -> list[str]: ...


class Searcher:
    def __init__(self, config: Config, store: IndexStore | None = None, embedder: Embedder | None = None):
        self.config = config
        self.store = store or open_index(config.index_path)
        self.embedder = embedder or get_embedder(
            config.embedding_backend, config.embedding_model, query_threads=config.query_threads
        )
        check_compatible(
            self.store.manifest, self.embedder.backend, self.embedder.model_id, config.index_path
        )

    @property
    def clauses(self) -> list[Clause]:
        return self.store.clauses

    def query(self, text: str) -> Query:
        """The analysed question (tokenised once; every stage reads this value)."""
        return Query.parse(text)

    @cached_property
    def bm25(self) -> BM25Retriever:
        return BM25Retriever(self.store.bm25, candidates=self.config.candidates)

    @cached_property
    def dense(self) -> DenseRetriever:
        return DenseRetriever(
            self.store.faiss_index,
            self.embedder,
            candidates=self.config.candidates,
            threads=self.config.query_threads,
        )

    @cached_property
    def hybrid(self) -> HybridRetriever:
        w = self.config.bm25_weight
        return HybridRetriever([self.bm25, self.dense], [w, 1.0 - w], method=self.config.fusion)

    def retriever(self, method: str) -> Retriever:
        if method == "hybrid":
            return self.hybrid
        if method == "bm25":
            return self.bm25
        if method == "dense":
            return self.dense
        raise ConfigError(f"未知的检索方式 {method!r}；可选：{', '.join(METHODS)}")

    def mask(self, doc: str | Collection[str] | None = None, kind: str | None = None) -> np.ndarray | None:
        """The rows of ``doc`` (one document id, or several) and of ``kind``; None = every row."""
        if not doc and not kind:
            return None
        docs = {doc} if isinstance(doc, str) else set(doc or ())
        unknown = sorted(docs - set(self.store.documents))
        if unknown:
            raise ConfigError(
                f"没有文档 {unknown[0]!r}；已索引的文档：{', '.join(sorted(self.store.documents))}"
            )
        return np.array(
            [(not docs or c.doc_id in docs) and (not kind or c.doc_kind == kind) for c in self.clauses]
        )

    def matched_terms(self, query: str | Query) -> list[str]:
        """The query's words the index knows (for highlighting)."""
        return self.bm25.query_tokens(query if isinstance(query, Query) else self.query(query))

    def search(
        self,
        query: str | Query,
        k: int = 5,
        *,
        doc: str | Collection[str] | None = None,
        kind: str | None = None,
        method: str = "hybrid",
        retriever: Retriever | None = None,
        rerank: bool | None = None,
    ) -> list[Hit]:
        """The ``k`` best clauses for ``query``; pieces of one clause count once (the best piece).

        Each hit carries its fused score and every retriever's own score (``Hit.sources``).
        ``retriever`` replaces the one ``method`` names (the eval's fusion sweep passes its own).
        Hybrid results are reranked (``rerank``; default: the config's) when fitted weights exist."""
        q = query if isinstance(query, Query) else self.query(query)
        base_mask = self.mask(doc, kind)
        chosen = retriever or self.retriever(method)
        ranker = load_ranker(q.situation) if (self.config.rerank if rerank is None else rerank) else None
        use_ranker = ranker is not None and retriever is None and method == "hybrid"
        want = max(k, ranker.depth if use_ranker and ranker else k)
        articles = self._distinct(chosen, q, base_mask, want)
        if use_ranker and ranker is not None:
            articles = self._reranked(q, articles, ranker)
        if method == "hybrid" and retriever is None:
            articles = self._provision_first(q, articles)
            articles = self._criminal_first(q, articles, base_mask)
            articles = self._head_of_an_accident_first(q, articles, base_mask)
            articles = self._a_workers_right_first(q, articles)
            articles = self._a_withheld_report_first(q, articles)
            articles = self._the_duties_asked_first(q, articles)
            articles = self._the_count_asked_first(q, articles)
            articles = self._the_sanction_of_its_class_first(q, articles, base_mask)
            articles = self._regional_first(q, articles)
            articles = self._prevailing_first(articles, base_mask)
        top = articles[:k]
        if method == "hybrid" and retriever is None:
            top = self._with_dense(q, top)
        return [
            Hit(self.clauses[row], scored.score, rank, scored.sources)
            for rank, (row, scored) in enumerate(top, 1)
        ]

    def _criminal_first(
        self, q: Query, articles: list[tuple[int, Scored]], mask: np.ndarray | None = None
    ) -> list[tuple[int, Scored]]:
        """A question about criminal liability (「会不会坐牢」「构成犯罪吗」) is answered by the crime's 刑法
        article, not by the statute's 「构成犯罪的，依照刑法有关规定追究刑事责任」: the best 刑法 article among
        the first ``LEAD_DEPTH`` comes first. A described situation (`applies`) is left as ranked: it
        names its crime apart (``answer.criminal``). Dev: laws hit@1 297 → 300 of 350, none lost.

        When the question tells of someone killed or hurt at work (「出了人命，矿长要坐牢吗？」), the crime is a
        production-safety one (``text.crimes``): the one whose own conduct it tells of (不报 → 第一百三十九条之一),
        else 第一百三十四条 (重大责任事故), brought in first even when search ranked it nowhere near. Its words
        share little with a question that says 人命 and 坐牢, and the best-ranked 刑法 articles were
        第四百零二条 (an official's 徇私舞弊), 第三百三十五条 (医疗事故) and 第十七条 (the age of criminal
        responsibility)."""
        if q.situation or not q.asks_criminal:
            return articles
        # 「煤矿瞒报事故会坐牢吗？」 tells of no one hurt, but of the conduct of 第一百三十九条之一 (不报、谎报安全事故罪);
        # the best-ranked 刑法 article was 第四百零八条之一 (a food-safety official's 瞒报)
        if harm_at_work(q.text) or tells_of_a_withheld_report(q.text):
            row = self.store.article_rows.get((CRIMINAL_DOC, result_crime_for(q.text)))
            if row is not None and (mask is None or mask[row]):  # a search kept to one document stays in it
                return self._brought_first(articles, row, "crime_of_harm")
        return self._first_that(articles, lambda c: c.doc_id == CRIMINAL_DOC)

    @cached_property
    def _head_of_an_accident_articles(self) -> dict[tuple[str, str], bool]:
        """The articles in force that sanction a head whose failure led to an accident (``text.accident_liability``),
        each with whether that sanction is a fine."""
        out: dict[tuple[str, str], bool] = {}
        for c in self.clauses:
            m = HEAD_LED_TO_ACCIDENT.search(c.text)
            if m and c.doc_status == STATUSES[0] and not c.status_note:
                key = (c.doc_id, c.label)
                out[key] = out.get(key, False) or fines_by_the_accident(m.group(1))
        return out

    def _head_of_an_accident_first(
        self, q: Query, articles: list[tuple[int, Scored]], mask: np.ndarray | None = None
    ) -> list[tuple[int, Scored]]:
        """「矿上有工人掉进水仓淹死了，矿长要负什么责任？」: someone killed or hurt at work, and what the unit's head bears
        for it. Its words are those of 安全生产法 第一百零六条 (a waiver of 伤亡 responsibility, void), which search put
        first; the articles that sanction a head whose failure led to the accident answer it. Of the document that
        search ranks first among theirs (else the highest in level), the one whose sanction is not a fine comes first
        (第九十四条: 撤职, prison, five years barred), the fine by the accident's grade next (第九十五条), or the other
        way round when the question asks for the fine. A question that tells of a conduct with an article of its own
        (瞒报, fleeing, a waiver agreement), or asks about prison, is left as ranked."""
        if q.asks_criminal or not asks_what_the_head_bears(q.text):
            return articles
        rows = self.store.article_rows
        found = [key for key in self._head_of_an_accident_articles if mask is None or mask[rows[key]]]
        if not found:
            return articles
        position = {self._key(row): i for i, (row, _) in reversed(list(enumerate(articles)))}
        level = {name: i for i, name in enumerate(LEVELS)}

        def doc_order(key: tuple[str, str]) -> tuple[int, int]:
            return (
                position.get(key, len(articles)),
                level.get(self.clauses[rows[key]].doc_level, len(LEVELS)),
            )

        doc = min(found, key=doc_order)[0]
        fine_first = asks_a_fine(q.text)
        ours = sorted(
            (key for key in found if key[0] == doc),
            key=lambda key: (self._head_of_an_accident_articles[key] != fine_first, key not in position),
        )
        lead = articles[0][1].score if articles else 0.0
        by_key = {self._key(row): (row, scored) for row, scored in articles}
        first = [by_key.get(key) or (rows[key], Scored(lead, {"head_of_accident": 1.0})) for key in ours]
        moved = set(ours)
        return [*first, *((row, scored) for row, scored in articles if self._key(row) not in moved)]

    def _a_workers_right_first(
        self, q: Query, articles: list[tuple[int, Scored]]
    ) -> list[tuple[int, Scored]]:
        """「工人发现重大事故隐患可以拒绝作业吗？」 asks what a worker may do (``text.worker_rights``); search put first the
        unit's duty its words share (安全生产法 第四十一条, on hazards). The best of the first ``LEAD_DEPTH`` articles that
        grant a worker the right to refuse or stop work (第五十四条, 第五十五条), in force, answers it."""
        if q.situation or not asks_a_workers_right_to_refuse(q.text):
            return articles
        return self._first_that(
            articles, lambda c: c.doc_status == STATUSES[0] and bool(GRANTS_A_WORKER_REFUSAL.search(c.text))
        )

    def _a_withheld_report_first(
        self, q: Query, articles: list[tuple[int, Scored]]
    ) -> list[tuple[int, Scored]]:
        """「煤矿企业瞒报事故，主要负责人要承担什么责任？」 asks what is borne for an accident's report withheld
        (``text.accident_liability``); search put first 煤矿安全生产条例 第六十八条, whose words (主要负责人, 事故, 责任) it
        shares, and which fines a head for the accident itself. The best of the first ``LEAD_DEPTH`` articles in force
        that sanction a withheld report (安全生产法 第一百一十条, 事故报告条例 第三十六条, 煤矿条例 第六十九条) answers it.
        Prison asked is left to the 刑法 article (第一百三十九条之一, ``_criminal_first``)."""
        if q.situation or q.asks_criminal or not asks_what_a_withheld_report_bears(q.text):
            return articles
        return self._first_that(
            articles, lambda c: c.doc_status == STATUSES[0] and sanctions_a_withheld_report(c.text)
        )

    def _the_duties_asked_first(
        self, q: Query, articles: list[tuple[int, Scored]]
    ) -> list[tuple[int, Scored]]:
        """「老板对安全生产到底要管哪些事？」 asks a party's duties (``text.duties``); search put first an article its
        words share (安全生产法 第五条, 第一百一十三条). The best of the first ``LEAD_DEPTH`` articles in force whose
        lead-in gives that party 「下列职责」 (第二十一条 for 主要负责人, which 老板 is) answers it."""
        if q.situation or not asks_the_duties(q.text):
            return articles
        parties = roles(q.tokens + q.expansions)
        if not parties:
            return articles
        return self._first_that(
            articles, lambda c: c.doc_status == STATUSES[0] and lists_the_duties_of(c.text, parties)
        )

    def _the_count_asked_first(
        self, q: Query, articles: list[tuple[int, Scored]]
    ) -> list[tuple[int, Scored]]:
        """「治本攻坚三年行动一共有几个阶段？」 asks how many parts something has (``text.counts``); search put first an
        article its words share (九江方案 四、（三）, on publicity). The best of the first ``LEAD_DEPTH`` articles in force
        that state the count (三、: 「分四个阶段进行」) answers it."""
        noun = counted_noun(q.text)
        if q.situation or not noun:
            return articles
        return self._first_that(
            articles, lambda c: c.doc_status == STATUSES[0] and states_the_count(c.text, noun)
        )

    def _the_sanction_of_its_class_first(
        self, q: Query, articles: list[tuple[int, Scored]], mask: np.ndarray | None = None
    ) -> list[tuple[int, Scored]]:
        """「瓦斯超限作业怎么处罚？」 asks a sanction, and search put first the article that lists the conduct under a
        class (煤矿安全生产条例 第三十六条: 「……之一的，属于重大事故隐患」), which sanctions no one. The article of the same
        document's 法律责任 that sanctions the class (第六十四条: 「对存在重大事故隐患仍然进行生产的……并处……罚款」) comes
        first, the list second (``text.listed_class``)."""
        if q.situation or q.intent != "penalty" or not articles:
            return articles
        listing = self.clauses[articles[0][0]]
        name = listed_class(listing.text)
        if not name or PENALTY_CHAPTER.search(listing.chapter):
            return articles
        rows = [
            row
            for row, c in enumerate(self.clauses)
            if c.doc_id == listing.doc_id
            and c.doc_status == STATUSES[0]
            and PENALTY_CHAPTER.search(c.chapter)
            and sanctions_the_class(c.text, name)
            and (mask is None or mask[row])
        ]
        if not rows:
            return articles
        return self._brought_first(articles, rows[0], "sanction_of_its_class")

    def _brought_first(
        self, articles: list[tuple[int, Scored]], row: int, source: str
    ) -> list[tuple[int, Scored]]:
        """The article of ``row`` moved to the front, or, when search did not rank it, put there with the first
        article's score and ``source`` saying why."""
        at = next((i for i, (r, _) in enumerate(articles) if self._key(r) == self._key(row)), None)
        if at is not None:
            return [articles[at], *articles[:at], *articles[at + 1 :]]
        lead = articles[0][1].score if articles else 0.0
        return [(row, Scored(lead, {source: 1.0})), *articles]

    def _provision_first(self, q: Query, articles: list[tuple[int, Scored]]) -> list[tuple[int, Scored]]:
        """A document's 前言 or 落款 (「关于印发……的通知 各县(市、区)应急管理工作部门：……」) answers only a question
        about the document itself (文号, 印发, 落款, what it was made on the basis of): for any other it never
        comes first when a provision is among the first ``LEAD_DEPTH``. The provision moved up says so
        (``sources["over_preamble"]``): that the best match was no provision stays refusal evidence."""
        if ABOUT_THE_DOCUMENT.search(q.normalized):
            return articles
        moved = self._first_that(articles, lambda c: not c.frames_document)
        if moved is articles:  # a provision was first already, or none is near the top
            return articles
        row, scored = moved[0]
        return [(row, replace(scored, sources={**scored.sources, "over_preamble": 1.0})), *moved[1:]]

    def _regional_first(self, q: Query, articles: list[tuple[int, Scored]]) -> list[tuple[int, Scored]]:
        """A question that names a region (「在河南开矿……按河南省的规定要罚多少」) is answered first by that
        region's own document when one of the first ``LEAD_DEPTH`` articles comes from it: the local rule
        is the one that binds there. Left as ranked when the first already does, and for a situation.
        Dev: laws hit@1 300 → 302 of 350, none lost."""
        if q.situation or not q.regions:
            return articles
        return self._first_that(articles, lambda c: any(region in c.doc_title for region in q.regions))

    def _first_that(
        self, articles: list[tuple[int, Scored]], fits: Callable[[Clause], bool]
    ) -> list[tuple[int, Scored]]:
        """The best of the first ``LEAD_DEPTH`` articles whose clause ``fits`` moved to the front; the
        others keep their order."""
        at = next((i for i, (row, _) in enumerate(articles[:LEAD_DEPTH]) if fits(self.clauses[row])), None)
        if not at:  # none, or already first
            return articles
        return [articles[at], *articles[:at], *articles[at + 1 :]]

    def _prevailing_first(
        self, articles: list[tuple[int, Scored]], mask: np.ndarray | None
    ) -> list[tuple[int, Scored]]:
        """A provision whose figures a higher or later law replaced (``ingest.conflicts``: 事故报告条例
        第三十七条's fines, raised by 安全生产法 第一百一十四条) never comes before the prevailing one:
        上位法、新法优先 is the law, not a score. The prevailing article moves up to just before it, or
        is brought in there when search did not find it (its own cosine is filled in later; it carries
        no BM25 or rerank score of its own)."""
        from assistant.ingest.conflicts import superseded

        out = list(articles)
        i = 0
        while i < len(out):
            clause = self.clauses[out[i][0]]
            conflict = superseded(clause.doc_id, clause.label)
            if conflict is not None:
                key = (conflict.prevailing_doc_id, conflict.prevailing_article)
                at = next((j for j, (row, _) in enumerate(out) if self._key(row) == key), None)
                if at is None:
                    row = self.store.article_rows.get(key)
                    if row is not None and (mask is None or mask[row]):
                        out.insert(i, (row, Scored(out[i][1].score, {"prevailing": 1.0})))
                        i += 1
                elif at > i:
                    out.insert(i, out.pop(at))
                    i += 1
            i += 1
        return out

    def _key(self, row: int) -> tuple[str, str]:
        c = self.clauses[row]
        return (c.doc_id, c.label)

    def _with_dense(self, q: Query, hits: list[tuple[int, Scored]]) -> list[tuple[int, Scored]]:
        """Every returned hit with its own cosine: one BM25 found outside the dense candidates gets its
        exact similarity instead of none. (In a grown corpus the dense candidates fill with other text, and
        a missing cosine read as 0 made the refusal evidence say 「nothing similar」.) Ranking is unchanged."""
        missing = [row for row, scored in hits if "dense" not in scored.sources]
        if not missing:
            return hits
        cos = self.dense.cosines(q, missing)
        return [
            (row, replace(scored, sources={**scored.sources, "dense": cos[row]}) if row in cos else scored)
            for row, scored in hits
        ]

    def _distinct(
        self, retriever: Retriever, q: Query, mask: np.ndarray | None, want: int
    ) -> list[tuple[int, Scored]]:
        """The best piece of each of the ``want`` best clauses. Pieces collapse before truncation: when
        the candidates ran out on pieces of fewer clauses (one clause of 500 pieces), search again
        without the clauses already found."""
        out: list[tuple[int, Scored]] = []
        seen: set[int] = set()
        rows_of = self._article_rows
        while len(out) < want:
            found = score_rows(retriever, q, mask)
            if not found:
                break
            for row, scored in sorted(found.items(), key=lambda kv: (-kv[1].score, kv[0])):
                article = int(self._article_of[row])
                if article in seen:
                    continue
                seen.add(article)
                out.append((row, scored))
            if len(found) < self.config.candidates:
                break  # the retriever gave every row it had: nothing more to find
            keep = np.ones(len(self.clauses), dtype=bool) if mask is None else mask.copy()
            for article in seen:
                keep[rows_of[article]] = False
            if not keep.any():
                break
            mask = keep
        return out

    @cached_property
    def _article_of(self) -> np.ndarray:
        """Per clause row, the index of its clause (article) among the distinct (doc, label) pairs."""
        index: dict[tuple[str, str], int] = {}
        return np.array([index.setdefault((c.doc_id, c.label), len(index)) for c in self.clauses])

    @cached_property
    def _article_rows(self) -> list[np.ndarray]:
        groups: dict[int, list[int]] = {}
        for row, article in enumerate(self._article_of):
            groups.setdefault(int(article), []).append(row)
        return [np.array(groups[i]) for i in range(len(groups))]

    @cached_property
    def document_match(self) -> DocumentMatch:
        by_doc: dict[str, list[str]] = {}
        for clause, tokens in zip(self.clauses, self.store.tokens(), strict=True):
            by_doc.setdefault(clause.doc_id, []).extend(tokens)
        return DocumentMatch(by_doc)

    @cached_property
    def doc_facts(self) -> dict[str, DocFacts]:
        return doc_facts(list(self.store.documents.values()))

    def candidate_features(self, q: Query, articles: list[tuple[int, Scored]]) -> list[list[float]]:
        """The rerank features of each candidate (``retrieve.rerank.FEATURES``)."""
        facts = self.doc_facts
        bm25_top = max((s.sources.get("bm25", 0.0) for _, s in articles), default=0.0) or 1.0
        dense_top = max((s.sources.get("dense", 0.0) for _, s in articles), default=0.0)
        named_any = any(n in q.normalized for f in facts.values() for n in f.names)
        doc_scores = self.document_match.scores([*q.tokens, *q.expansions])
        fused_of: dict[tuple[str, str], float] = {}
        for row, scored in articles:
            c = self.clauses[row]
            fused_of.setdefault((c.doc_id, c.label), scored.score)
        rows = [row for row, _ in articles]
        part_dense = self._part_dense(q, rows) if reads_parts(q) else [0.0] * len(rows)
        out = []
        for (row, scored), pd in zip(articles, part_dense, strict=True):
            clause = self.clauses[row]
            duties = self._duties_of.get((clause.doc_id, clause.label), ())
            support = max((fused_of.get(d, 0.0) for d in duties), default=0.0)
            out.append(
                features(
                    q,
                    clause,
                    scored.score,
                    scored.sources.get("bm25", 0.0) / bm25_top,
                    scored.sources.get("dense", dense_top) - dense_top,
                    facts[clause.doc_id],
                    named_any,
                    doc_scores.get(clause.doc_id, 0.0),
                    support,
                    self._idf,
                    pd,
                    self._part_texts.get((clause.doc_id, clause.label), ()),
                )
            )
        return out

    def _part_dense(self, q: Query, rows: list[int]) -> list[float]:
        """Per candidate, the best cosine of the question with any piece or part of its article, minus
        the best of the candidates, scaled (``rerank.PART_DENSE_SCALE``)."""
        if not rows:
            return []
        qv = self.dense._query_vector(q)
        best = []
        for row in rows:
            c = self.clauses[row]
            vectors = self._vectors[self._article_rows[int(self._article_of[row])]]
            parts = self._part_vectors.get((c.doc_id, c.label))
            if parts is not None and len(parts):
                vectors = np.vstack([vectors, parts])
            best.append(float((vectors @ qv).max()))
        top = max(best)
        return [PART_DENSE_SCALE * (b - top) for b in best]

    @cached_property
    def _vectors(self) -> np.ndarray:
        return self.store.vectors()

    @cached_property
    def _part_texts(self) -> dict[tuple[str, str], list[str]]:
        return article_part_texts(self.store.first_pieces.values(), self.store.documents)

    @cached_property
    def _part_vectors(self) -> dict[tuple[str, str], np.ndarray]:
        """The parts' vectors, from the index's embedding cache (``index.build`` put them there)."""
        cache = EmbeddingCache.of_index(self.config, self.embedder)
        return part_vectors(self._part_texts, self.embedder.embed_passages, cache)

    @cached_property
    def _clause_df(self) -> dict[str, int]:
        from collections import Counter

        return Counter(t for tokens in self.store.tokens() for t in set(tokens))

    def _idf(self, word: str) -> float:
        """How rare ``word`` is among the clauses (log scale; an unknown word counts as the rarest)."""
        n = len(self.clauses)
        return math.log((n + 1) / (self._clause_df.get(word, 0) + 1))

    @cached_property
    def _duties_of(self) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
        """Per penalty article, the duty articles it enforces (the build's links)."""
        out: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for x in self.store.links:
            out.setdefault((x.doc_id, x.penalty), set()).add((x.duty_doc_id, x.duty))
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def _reranked(
        self, q: Query, articles: list[tuple[int, Scored]], ranker: Ranker
    ) -> list[tuple[int, Scored]]:
        top, rest = articles[: ranker.depth], articles[ranker.depth :]
        if len(top) < 2:
            return articles
        scores = [ranker.score(v) for v in self.candidate_features(q, top)]
        probs = softmax(scores)
        order = sorted(range(len(top)), key=lambda i: (-scores[i], i))
        reranked = [
            (top[i][0], Scored(top[i][1].score, {**top[i][1].sources, "rerank": probs[i]})) for i in order
        ]
        return reranked + rest
