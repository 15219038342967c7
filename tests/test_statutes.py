"""The shipped laws parsed as statutes: every article once, 编/章/节, 之一, 款/项 offsets, references,
pieces that keep their lead-in, flattened text, and the front matter kept out of the searchable text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest import statutes
from assistant.ingest.chunking import chunk_spans
from assistant.ingest.clauses import parse_spans
from assistant.ingest.cleaning import clean
from assistant.ingest.linking import link_corpus
from assistant.ingest.loaders import load_text
from assistant.ingest.pipeline import FileResult, corpus_files, ingest_file
from assistant.schema import CatalogEntry, Clause

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LAW_FILES = sorted(p for p in corpus_files(CORPUS) if p.suffix == ".md")
ARTICLE_LINE = re.compile(r"^(第[一二三四五六七八九十百零]+条(?:之[一二三四五六七八九十]+)?)[ \u3000]", re.M)


@pytest.fixture(scope="module")
def ingested() -> dict[str, FileResult]:
    results = [ingest_file(p, 50 << 20) for p in corpus_files(CORPUS)]
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return {r.document.doc_id: r for r in results if r.document is not None}


@pytest.fixture(scope="module")
def linked(ingested: dict[str, FileResult]) -> list[Clause]:
    documents = [r.document for r in ingested.values() if r.document is not None]
    return link_corpus(documents, [c for r in ingested.values() for c in r.clauses])


def article(clauses: list[Clause], doc_id: str, label: str) -> list[Clause]:
    pieces = [c for c in clauses if c.doc_id == doc_id and c.label == label]
    assert pieces, f"{doc_id} {label} not found"
    return pieces


def one(clauses: list[Clause], doc_id: str, label: str) -> Clause:
    [clause] = article(clauses, doc_id, label)
    return clause


def test_the_thirteen_law_files_are_shipped_unchanged() -> None:
    shared = Path("/work/shared/corpus-laws")
    assert len(LAW_FILES) == 13
    if shared.is_dir():  # the lead's copy, where this checkout has it
        for path in LAW_FILES:
            assert path.read_bytes() == (shared / path.name).read_bytes(), path.name


@pytest.mark.parametrize("path", LAW_FILES, ids=[p.stem for p in LAW_FILES])
def test_every_article_of_each_law_is_parsed_exactly_once(
    path: Path, ingested: dict[str, FileResult]
) -> None:
    truth = ARTICLE_LINE.findall(path.read_text(encoding="utf-8"))
    result = next(r for r in ingested.values() if r.path == str(path))
    labels = []
    for c in result.clauses:
        if c.parts and (not labels or labels[-1] != c.label):
            labels.append(c.label)
    assert labels == truth
    # each article's first piece starts with its own number, and no article swallowed the next one
    for c in result.clauses:
        if c.parts and c.piece == 0:
            assert c.text.startswith(c.label)
        assert not re.search(
            r"\n第[一二三四五六七八九十百零]+条(之[一二三四五六七八九十]+)?[ \u3000]", c.text
        )


def test_zhiyi_articles_of_the_criminal_law_are_articles_of_their_own(
    ingested: dict[str, FileResult],
) -> None:
    clauses = ingested["criminal-law"].clauses
    major = one(clauses, "criminal-law", "第一百三十四条之一")
    assert major.text.startswith("第一百三十四条之一 在生产、作业中违反有关安全管理的规定")
    assert "第一百三十四条之一" not in one(clauses, "criminal-law", "第一百三十四条").text
    labels = [c.label for c in clauses]
    assert (
        labels.index("第一百三十四条") < labels.index("第一百三十四条之一") < labels.index("第一百三十五条")
    )


def test_criminal_law_articles_know_their_book_chapter_and_section(ingested: dict[str, FileResult]) -> None:
    clauses = ingested["criminal-law"].clauses
    assert one(clauses, "criminal-law", "第一百三十四条").chapter == "第二编 分则 第二章 危害公共安全罪"
    assert one(clauses, "criminal-law", "第二十五条").chapter == "第一编 总则 第二章 犯罪 第三节 共同犯罪"
    assert one(clauses, "criminal-law", "第四百五十二条").chapter == "附则"
    # the annexes after the last article are clauses of their own, not part of 第四百五十二条
    annex = one(clauses, "criminal-law", "附件一")
    assert annex.kind == "annex" and "中华人民共和国惩治军人违反职责罪暂行条例" in annex.text
    assert "下列条例、补充规定和决定" not in one(clauses, "criminal-law", "第四百五十二条").text


def test_chapter_headings_keep_their_words_and_are_not_clauses(ingested: dict[str, FileResult]) -> None:
    clauses = ingested["work-safety-law"].clauses
    fine = one(clauses, "work-safety-law", "第九十四条")
    assert fine.chapter == "第六章 法律责任" and fine.headings == ("第六章 法律责任",)
    assert not any(c.label.startswith("第六章") for c in clauses)
    coal = one(ingested["coal-mine-safety-regulation"].clauses, "coal-mine-safety-regulation", "第一条")
    assert coal.chapter == "第一章 总 则"  # as the source spells it


def test_title_line_and_revision_history_are_document_metadata_not_a_preamble(
    ingested: dict[str, FileResult],
) -> None:
    for doc_id, result in ingested.items():
        if doc_id in ("jiujiang-plan", "nmsa-notice"):
            continue
        assert result.document is not None
        assert not any(c.kind == "preamble" for c in result.clauses), doc_id
        assert "INFO END" not in result.document.text and not result.document.text.startswith("#")
        assert result.document.meta["title"] == result.document.catalog.title, doc_id
    law = ingested["work-safety-law"].document
    assert law is not None and len(law.meta["history"]) == 4
    assert law.meta["history"][-1].startswith("2021年6月10日")
    assert "第三次修正" not in law.text


def test_article_94_of_the_work_safety_law_has_three_paragraphs_at_their_offsets(
    ingested: dict[str, FileResult],
) -> None:
    text = ingested["work-safety-law"].document.text  # type: ignore[union-attr]
    fine = one(ingested["work-safety-law"].clauses, "work-safety-law", "第九十四条")
    paragraphs = [p for p in fine.parts if p.kind == "款"]
    assert [p.number for p in paragraphs] == [1, 2, 3] and not statutes.items(fine.parts)
    assert text[paragraphs[0].start : paragraphs[0].end].startswith("生产经营单位的主要负责人未履行本法规定")
    assert text[paragraphs[1].start : paragraphs[1].end] == (
        "生产经营单位的主要负责人有前款违法行为，导致发生生产安全事故的，给予撤职处分；"
        "构成犯罪的，依照刑法有关规定追究刑事责任。"
    )
    assert text[paragraphs[2].start : paragraphs[2].end].endswith(
        "终身不得担任本行业生产经营单位的主要负责人。"
    )
    assert statutes.locate(fine.parts, paragraphs[1].start + 3) == "第二款"


def test_article_101_has_five_items_with_their_lead_in(ingested: dict[str, FileResult]) -> None:
    text = ingested["work-safety-law"].document.text  # type: ignore[union-attr]
    clause = one(ingested["work-safety-law"].clauses, "work-safety-law", "第一百零一条")
    items = statutes.items(clause.parts)
    assert [(p.number, p.paragraph) for p in items] == [(n, 1) for n in range(1, 6)]
    assert text[items[1].start : items[1].end].startswith("（二）对重大危险源未登记建档")
    lead = statutes.lead_in_span(clause.parts, items[1])
    assert lead is not None
    assert text[lead[0] : lead[1]].startswith(
        "生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款"
    )
    assert text[lead[0] : lead[1]].rstrip().endswith("依照刑法有关规定追究刑事责任:")
    assert statutes.locate(clause.parts, items[1].start + 5) == "第（二）项"
    assert statutes.tail_span(clause.parts) is None


def test_a_quoted_item_shows_its_lead_in_with_an_ellipsis(ingested: dict[str, FileResult]) -> None:
    pieces = article(ingested["work-safety-law"].clauses, "work-safety-law", "第一百零一条")
    quote = statutes.quote_item(pieces, 2)
    lead, item = quote.split(statutes.ELLIPSIS)
    assert lead.startswith("生产经营单位有下列行为之一的") and lead.endswith("追究刑事责任:")
    assert (
        item
        == "（二）对重大危险源未登记建档，未进行定期检测、评估、监控，未制定应急预案，或者未告知应急措施的；"
    )
    assert statutes.quote_item(pieces, 9) == ""


def test_piece_two_of_coal_mine_regulation_article_36_keeps_that_these_are_major_hazards(
    ingested: dict[str, FileResult],
) -> None:
    text = ingested["coal-mine-safety-regulation"].document.text  # type: ignore[union-attr]
    pieces = article(
        ingested["coal-mine-safety-regulation"].clauses, "coal-mine-safety-regulation", "第三十六条"
    )
    assert len(pieces) == 2
    second = pieces[1]
    assert "属于重大事故隐患" not in second.text and "属于重大事故隐患" in second.lead_in
    assert "属于重大事故隐患" in second.retrieval_text()
    assert second.text == text[second.start : second.end]
    assert second.text.startswith("（") and pieces[0].text.rstrip().endswith("；")  # split at a 项
    # the lead-in is a verbatim slice of the same article (in its first piece)
    assert pieces[0].start <= text.find(second.lead_in, pieces[0].start) < pieces[0].end


def test_piece_two_of_work_safety_law_article_103_says_who_is_fined_and_how_much(
    ingested: dict[str, FileResult],
) -> None:
    pieces = article(ingested["work-safety-law"].clauses, "work-safety-law", "第一百零三条")
    assert len(pieces) == 2
    second = pieces[1]
    third_paragraph = [p for p in second.parts if p.kind == "款"][2]
    assert second.start == third_paragraph.start  # split at the 款 boundary
    assert "施工单位" in second.text and "处十万元以下的罚款" in second.text
    assert "第一百零三条" in second.retrieval_text()


def test_every_piece_of_a_long_article_carries_its_lead_in_and_tail() -> None:
    items = "\n".join(
        f"（{n}）矿山企业未按照规定落实第{i}项安全管理措施，{'情节较轻的' * 8}；"
        for i, n in enumerate("一二三四五六七八九十", 1)
    )
    raw = (
        "第一条 总则。\n"
        f"第二条 矿山企业有下列行为之一的，责令限期改正，处五万元以下的罚款：\n{items}\n"
        "有前款规定行为，逾期未改正的，责令停产整顿。\n"
        "第三条 附则。\n"
    )
    text = clean(raw).text
    spans, _ = parse_spans(text)
    clauses = chunk_spans(text, spans, CatalogEntry(id="t", title="测试办法"), max_chars=300)
    pieces = [c for c in clauses if c.label == "第二条"]
    assert len(pieces) > 2
    for c in pieces:
        retrieval = c.retrieval_text()
        assert "处五万元以下的罚款：" in retrieval and "逾期未改正的，责令停产整顿。" in retrieval
        assert c.text == text[c.start : c.end]
        assert c.text.split("\n")[-1].endswith(("；", "。"))  # whole lines: split at 项 boundaries
    assert pieces[0].lead_in == "" and pieces[-1].tail == ""
    assert pieces[1].lead_in == "矿山企业有下列行为之一的，责令限期改正，处五万元以下的罚款："


@pytest.mark.parametrize("joiner", ["", " "], ids=["no-separator", "spaces"])
def test_a_law_flattened_to_one_line_still_splits_into_its_24_articles(joiner: str) -> None:
    raw = load_text(CORPUS / "安全生产许可证条例(2014-07-29).md", 50 << 20)
    flat = joiner.join(
        line.strip() for line in raw.replace("<!-- INFO END -->", "").splitlines() if line.strip()
    )
    assert "\n" not in flat
    text = clean(flat).text
    spans, notes = parse_spans(text)
    clauses = chunk_spans(text, spans, CatalogEntry(id="permit", title="安全生产许可证条例"))
    labels = list(dict.fromkeys(c.label for c in clauses if c.kind == "clause"))
    assert labels == [f"第{n}条" for n in _cn_range(24)]
    preamble = [c for c in clauses if c.kind == "preamble"]
    assert all("第一条" not in c.text and "安全生产许可证颁发管理机关" not in c.text for c in preamble)
    assert not any(c.label.startswith("（") for c in clauses)
    assert any("正文缺少换行" in n for n in notes)


def _cn_range(n: int) -> list[str]:
    from assistant.numerals import int_to_cn

    return [int_to_cn(i) for i in range(1, n + 1)]


def test_a_passing_mention_after_a_sentence_end_in_flattened_text_is_not_an_article() -> None:
    body = "。".join(f"矿山企业应当落实第{i}项安全措施" for i in range(1, 30))
    flat = f"第一条 {body}。第二条规定的情形除外。第十条 不在序列中。第二条 本办法自公布之日起施行。"
    spans, _ = parse_spans(clean(flat).text)
    assert [s.label for s in spans] == ["第一条", "第二条"]
    assert spans[1].start == flat.index("第二条 本办法")


# --- cross-references --------------------------------------------------------------------------------


def test_former_paragraph_references_point_at_the_previous_paragraph(ingested: dict[str, FileResult]) -> None:
    fine = one(ingested["work-safety-law"].clauses, "work-safety-law", "第九十四条")
    former = [(r.text, r.doc_id, r.article, r.paragraph) for r in fine.refs if r.text == "前款"]
    assert former == [
        ("前款", "work-safety-law", "第九十四条", 1),
        ("前款", "work-safety-law", "第九十四条", 2),
    ]


def test_an_article_and_paragraph_of_the_same_regulation_resolve(ingested: dict[str, FileResult]) -> None:
    clause = one(ingested["coal-mine-safety-regulation"].clauses, "coal-mine-safety-regulation", "第六十六条")
    [ref] = [r for r in clause.refs if r.text == "本条例第四十四条第一款"]
    assert (ref.doc_id, ref.article, ref.paragraph, ref.target) == (
        "coal-mine-safety-regulation",
        "第四十四条",
        1,
        "第四十四条第一款",
    )


def test_a_list_of_paragraphs_shares_its_article(ingested: dict[str, FileResult]) -> None:
    clause = one(ingested["coal-mine-safety-regulation"].clauses, "coal-mine-safety-regulation", "第七十一条")
    targets = [r.target for r in clause.refs if not r.law]
    assert targets == ["第二十四条第一款", "第二十五条第一款", "第二十五条第二款", "第二十六条第二款"]


def test_references_to_another_law_resolve_by_title_when_it_is_in_the_corpus(linked: list[Clause]) -> None:
    rules = one(linked, "mine-safety-law-rules", "第五十二条")
    [ref] = rules.refs
    assert (ref.text, ref.doc_id, ref.article) == ("《矿山安全法》第四十条", "mine-safety-law", "第四十条")
    fine = one(linked, "work-safety-law", "第九十四条")
    [criminal] = [r for r in fine.refs if r.law]
    assert (criminal.text, criminal.doc_id, criminal.article) == ("刑法", "criminal-law", "")
    law_of_2024 = one(linked, "coal-mine-safety-regulation", "第七十六条")
    assert {r.doc_id for r in law_of_2024.refs} == {
        "coal-mine-supervision-regulation",
        "coal-mine-special-provisions",
    }


def test_a_reference_to_a_law_outside_the_corpus_is_kept_unresolved(linked: list[Clause]) -> None:
    refs = [r for c in linked if c.doc_id == "criminal-law" for r in c.refs]
    [outside] = [r for r in refs if r.law == "中华人民共和国治安管理处罚法"]
    assert not outside.resolved and outside.doc_id == ""


def test_no_reference_is_made_from_a_licence_name_in_brackets(linked: list[Clause]) -> None:
    assert not [r for c in linked for r in c.refs if r.law.endswith("许可证")]


# --- level and status carried by every clause --------------------------------------------------------


def test_clauses_carry_their_documents_level_and_status(linked: list[Clause]) -> None:
    fine = one(linked, "work-safety-law", "第九十四条")
    assert (fine.doc_level, fine.doc_status, fine.status_note) == ("法律", "现行有效", "")
    assert fine.source() == "《中华人民共和国安全生产法》（法律·现行有效）第九十四条"
    old = one(linked, "coal-mine-supervision-regulation", "第九条")
    assert old.doc_status == "已废止" and old.status_note == "由《煤矿安全生产条例》第七十六条废止"
    assert (
        old.source() == "《煤矿安全监察条例》（行政法规·已废止，由《煤矿安全生产条例》第七十六条废止）第九条"
    )
    assert {c.doc_level for c in linked if c.doc_id == "henan-mine-safety-measures"} == {"地方性法规"}


def test_references_within_one_regulation_name_article_and_paragraph() -> None:
    raw = (
        "第一条 矿山企业应当建立安全生产责任制。\n"
        "第二条 矿山企业应当配备安全管理人员。\n"
        "配备的人员应当经过培训。\n"
        "违反前两款规定的，依照本条第一款和前条处理；情节严重的，依照第一条、第三十条的规定处罚。\n"
    )
    text = clean(raw).text
    spans, _ = parse_spans(text)
    clause = one(chunk_spans(text, spans, CatalogEntry(id="reg", title="某办法")), "reg", "第二条")
    refs = [(r.text, r.doc_id, r.target) for r in clause.refs]
    assert refs == [
        ("前两款", "reg", "第二条第一款"),
        ("前两款", "reg", "第二条第二款"),
        ("本条第一款", "reg", "第二条第一款"),
        ("前条", "reg", "第一条"),
        ("第一条", "reg", "第一条"),
        ("第三十条", "", "第三十条"),  # no such article: kept, unresolved
    ]


_CASH = (
    "第一条 开户单位应当在10日内向开户银行报送库存现金限额。\n"
    "第二条 开户单位对处罚决定不服的，可在10日内向同级人民银行申请复议。(2011年1月8日删除)\n"
    "第三条 开户单位有下列情形之一的，开户银行应当责令其停止违法活动：\n"
    "(一)坐支现金的；\n"
    "(二)超出核定的库存现金限额留存现金的。(2011年1月8日删除)\n"
)


def _cash_clauses() -> list[Clause]:
    text = clean(_CASH).text
    spans, _ = parse_spans(text)
    return chunk_spans(text, spans, CatalogEntry(id="cash", title="现金管理暂行条例", level="行政法规"))


def test_an_article_the_text_marks_deleted_is_repealed_and_says_when() -> None:
    by_label = {c.label: c for c in _cash_clauses()}
    deleted = by_label["第二条"]
    assert deleted.doc_status == "已废止" and deleted.status_note == "本条已于2011年1月8日删除"
    # a mark after one 项 deletes the item, not the article
    assert by_label["第一条"].doc_status == by_label["第三条"].doc_status == "现行有效"
    # linking the corpus keeps the article's own note
    from assistant.schema import Document

    doc = Document(CatalogEntry(id="cash", title="现金管理暂行条例", level="行政法规"), "cash.md", "", _CASH)
    (linked,) = link_corpus([doc], [deleted])
    assert linked.status_note == "本条已于2011年1月8日删除"


def test_a_bank_never_asks_an_article_the_text_marks_deleted(monkeypatch) -> None:
    from types import SimpleNamespace

    import assistant.quiz.generate as generate

    clauses = _cash_clauses()
    monkeypatch.setattr(generate, "select_clauses", lambda *a, **k: clauses)
    bank = generate.generate_bank(SimpleNamespace(clauses=clauses), doc="cash", n=0)
    assert bank.questions and all(q.clause != "第二条" for q in bank.questions)
    short = generate.generate_bank(SimpleNamespace(clauses=clauses), doc="cash", n=20)
    assert "个条款中有 1 个已废止，不据以出题" in short.source["shortfall"]


def test_an_answer_from_a_deleted_article_gives_no_verdict_and_says_it_is_repealed() -> None:
    from assistant.answer import extractive
    from assistant.schema import Hit

    (deleted,) = [c for c in _cash_clauses() if c.label == "第二条"]
    hits = [Hit(deleted, 1.0, 1, {"bm25": 9.0, "dense": 0.9})]
    text, _ = extractive.compose(
        hits, ["处罚", "复议"], intent="deadline", question="不服处罚几天内申请复议？"
    )
    assert not text.startswith("结论")
    assert "《现金管理暂行条例》（已废止，本条已于2011年1月8日删除）第二条" in text


def test_a_item_the_text_marks_deleted_is_never_quoted_or_asked() -> None:
    from assistant.answer.extractive import score_sentences
    from assistant.content.facts import fact_sentences

    (article,) = [c for c in _cash_clauses() if c.label == "第三条"]
    assert article.doc_status == "现行有效"  # the article stands; its (二) does not
    quoted = [s.text for s in score_sentences(article, ["库存现金", "限额"])]
    facts = [s.text for s in fact_sentences(article)]
    for sentences in (quoted, facts):
        assert any("坐支现金" in s for s in sentences)
        assert not any("超出核定的库存现金限额" in s for s in sentences)


def test_an_annex_headed_with_a_colon_is_a_clause_of_its_own_not_part_of_the_last_article() -> None:
    # 导弹及相关物项和技术出口管制条例: 「附件：」 and the control list after 第二十四条 (round 80, H6565; round 82, H6805
    # quoted the list as 第二十四条, which says only when the regulation takes effect)
    text = (
        "第一条 本条例由国务院对外经济贸易主管部门负责解释。\n\n第二条 本条例自公布之日起施行。\n\n附件：\n\n"
        "导弹及相关物项和技术出口管制清单\n\n## 一、前言\n\n本清单所列物项包括……\n"
    )
    spans, _ = parse_spans(text)
    last = next(s for s in spans if s.label == "第二条")
    assert text[last.start : last.end].strip() == "第二条 本条例自公布之日起施行。"
    annex = next(s for s in spans if s.kind == "annex")
    assert annex.label == "附件" and "管制清单" in text[annex.start : annex.end]
