import re
import zipfile
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from assistant.draft.compose import make_draft
from assistant.draft.fidelity import number_fidelity
from assistant.draft.model import KINDS
from assistant.quiz.export import load_bank, to_json, to_xlsx
from assistant.quiz.generate import generate_bank, near_duplicate, verify_answer_key
from assistant.text.normalize import contains_normalized

pytestmark = pytest.mark.integration

WHERE = [
    {"topic": "尾矿库"},
    {"topic": "应急演练"},
    {"doc": "jiujiang-plan"},
    {"doc": "nmsa-notice"},
    {"doc": "jiujiang-plan", "section": "二、（四）"},
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("where", WHERE, ids=lambda w: "-".join(w.values()))
def test_every_number_in_a_draft_occurs_in_its_cited_clause(searcher, clauses_by_chunk, kind, where):
    draft = make_draft(searcher, kind, **where)
    ok, total, problems = number_fidelity(draft, clauses_by_chunk)
    assert draft.blocks or (kind == "slogans" and draft.notices), "draft is empty and says nothing"
    assert problems == [] and ok == total


@pytest.mark.parametrize("kind", KINDS)
def test_every_citation_quote_is_verbatim_from_its_clause_and_every_fact_line_cites(
    searcher, clauses_by_chunk, kind
):
    draft = make_draft(searcher, kind, topic="尾矿库")
    for c in draft.citations:
        assert contains_normalized(clauses_by_chunk[c.chunk_id].text, c.quote)
    cited_kinds = {"paragraph", "item", "qa"}
    for block in draft.blocks:
        if block.kind in cited_kinds:
            assert any(line.cites for line in block.lines), block.text


def test_fidelity_check_catches_a_changed_number(searcher, clauses_by_chunk):
    draft = make_draft(searcher, "points", topic="尾矿库")
    line = next(li for b in draft.blocks for li in b.lines if re.search(r"\d", li.text))
    line.text = re.sub(r"\d+", "97", line.text, count=1)
    ok, total, problems = number_fidelity(draft, clauses_by_chunk)
    assert ok < total and problems


def test_article_has_headline_lead_body_by_clause_and_a_closing_call(searcher):
    draft = make_draft(searcher, "article", topic="尾矿库")
    kinds = [b.kind for b in draft.blocks]
    assert draft.title and kinds[0] == "lead" and kinds[-1] == "closing"
    assert kinds.count("heading") >= 2
    md = draft.to_markdown()
    assert "〔1〕" in md and "资料来源" in md


def test_docx_round_trip_has_title_headings_and_sources(searcher, tmp_path):
    from docx import Document

    draft = make_draft(searcher, "article", doc="jiujiang-plan", section="二、（四）")
    doc = Document(str(draft.to_docx(tmp_path / "a.docx")))
    styles = [p.style.name for p in doc.paragraphs]
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == draft.title and styles[0] == "Title"
    assert "资料来源" in texts and styles.count("Heading 1") >= 3
    # the same 〔n〕 marks as the Markdown, never ASCII [n]
    assert any(t.startswith(f"〔{len(draft.citations)}〕") for t in texts)
    assert not any(re.search(r"\[\d+\]", t) for t in texts)


def test_docx_is_set_as_an_official_document(searcher, tmp_path):
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    draft = make_draft(searcher, "article", topic="尾矿库")
    before = datetime.now(UTC).replace(microsecond=0)
    path = draft.to_docx(tmp_path / "a.docx")
    doc = Document(str(path))
    props = doc.core_properties
    assert props.author == props.last_modified_by == "矿山安全政策助手" and props.title == draft.title
    assert before <= props.created == props.modified <= datetime.now(UTC)  # not the template's 2013-12-23
    with zipfile.ZipFile(path) as docx:
        app = docx.read("docProps/app.xml").decode("utf-8")
        font_table = parse_xml(docx.read("word/fontTable.xml"))
    assert "<Application>矿山安全政策助手</Application>" in app and "Microsoft" not in app
    # each official font names the font Windows ships in its place, and the GB2312 charset
    fallbacks = {
        f.get(qn("w:name")): (
            f.find(qn("w:altName")).get(qn("w:val")),
            f.find(qn("w:charset")).get(qn("w:val")),
        )
        for f in font_table.iter(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert fallbacks == {
        "仿宋_GB2312": ("仿宋", "86"),
        "方正小标宋简体": ("宋体", "86"),
        "黑体": ("SimHei", "86"),
        "楷体_GB2312": ("楷体", "86"),
    }
    fonts = {
        name: doc.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
        for name in ("Normal", "Title", "Heading 1")
    }
    assert fonts == {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体"}
    assert doc.styles["Normal"].font.size.pt == 16
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer  # a page number on every page


def test_every_answer_key_in_full_banks_is_verified_against_its_clause(full_banks, clauses_by_chunk):
    for bank in full_banks.values():
        assert bank.questions
        for q in bank.questions:
            assert verify_answer_key(q, clauses_by_chunk[q.chunk_id].text), q


def test_full_banks_have_no_near_duplicates_and_unique_ids(full_banks):
    for bank in full_banks.values():
        qs = bank.questions
        assert len({q.id for q in qs}) == len(qs)
        for i, q in enumerate(qs):
            assert not any(near_duplicate(q.stem, o.stem) for o in qs[:i]), q.stem


def test_choice_distractors_are_not_true_anywhere_in_the_corpus(full_banks, searcher):
    corpus = [c.text for c in searcher.clauses]
    for bank in full_banks.values():
        for q in bank.questions:
            if q.type not in ("single", "multi") or "____" not in q.template:
                continue
            wrong = [o for i, o in enumerate(q.options) if "ABCDEF"[i] not in q.answer]
            for w in wrong:
                assert not any(contains_normalized(c, q.template.replace("____", w)) for c in corpus), (
                    q.stem,
                    w,
                )


def test_list_distractors_are_not_in_the_cited_clause(full_banks, clauses_by_chunk):
    for bank in full_banks.values():
        for q in bank.questions:
            if q.type == "multi":
                wrong = [o for i, o in enumerate(q.options) if "ABCDEF"[i] not in q.answer]
                assert wrong and not any(
                    contains_normalized(clauses_by_chunk[q.chunk_id].text, w) for w in wrong
                )


def test_bank_mixes_requested_types_and_respects_n(searcher):
    bank = generate_bank(searcher, doc="jiujiang-plan", n=10, types=("single", "judge"))
    assert len(bank.questions) == 10
    assert {q.type for q in bank.questions} == {"single", "judge"}


def test_xlsx_and_json_round_trip_keep_every_question(full_banks, tmp_path):
    from openpyxl import load_workbook

    bank = full_banks["jiujiang-plan"]
    to_xlsx(bank, tmp_path / "b.xlsx")
    ws = load_workbook(tmp_path / "b.xlsx")["题库"]
    header = [c.value for c in ws[1]]
    assert header[:9] == ["题号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F"]
    assert {"答案", "解析", "出处"} <= set(header)
    assert ws.max_row == len(bank.questions) + 1
    for path in (tmp_path / "b.xlsx", to_json(bank, tmp_path / "b.json")):
        back = load_bank(path)
        assert back.bank_id == bank.bank_id
        assert [q.to_dict() for q in back.questions] == [q.to_dict() for q in bank.questions]
        assert all(q.doc_level and q.doc_status for q in back.questions)  # 出处 says what kind of rule


@pytest.fixture()
def cli_env(searcher, monkeypatch):
    monkeypatch.setenv("MINE_ASSISTANT_INDEX_DIR", str(searcher.config.index_dir))
    monkeypatch.setenv("MINE_ASSISTANT_CORPUS", str(searcher.config.corpus_dir))


def test_cli_quiz_then_grade_round_trip(cli_env, tmp_path):
    from assistant.cli import cli

    runner = CliRunner()
    bank_path = tmp_path / "bank.xlsx"
    r = runner.invoke(cli, ["quiz", "--doc", "jiujiang-plan", "--n", "8", "-o", str(bank_path)])
    assert r.exit_code == 0, r.output
    bank = load_bank(bank_path)
    answers = tmp_path / "answers.csv"
    lines = ["姓名,题号,答案"] + [f'张三,{q.id},"{q.answer}"' for q in bank.questions] + ["李四,Q01,Z"]
    answers.write_text("\n".join(lines), encoding="utf-8")
    r = runner.invoke(
        cli, ["grade", "--bank", str(bank_path), "--answers", str(answers), "-o", str(tmp_path / "rep.xlsx")]
    )
    assert r.exit_code == 0, r.output
    assert "张三：8 / 8" in r.output
    assert (tmp_path / "rep.xlsx").exists() and (tmp_path / "rep.png").exists()


def test_cli_draft_writes_markdown_and_rejects_unknown_doc(cli_env, tmp_path):
    from assistant.cli import cli

    runner = CliRunner()
    r = runner.invoke(cli, ["draft", "points", "--topic", "尾矿库", "-o", str(tmp_path / "p.md")])
    assert r.exit_code == 0, r.output
    assert "〔1〕" in (tmp_path / "p.md").read_text(encoding="utf-8")
    r = runner.invoke(cli, ["draft", "article", "--doc", "no-such-doc"])
    assert r.exit_code == 2 and "没有文档" in r.output


def test_offline_slogans_are_a_set_each_from_one_clause_with_sources_listed_below(searcher, clauses_by_chunk):
    from assistant.draft.slogan_check import slogan_problems

    draft = make_draft(searcher, "slogans", topic="尾矿库")
    slogans = [b for b in draft.blocks if b.kind == "slogan"]
    assert len(slogans) >= 3, draft.to_markdown()  # the old generator gave one
    by_n = {c.n: c for c in draft.citations}
    for b in slogans:
        (line,) = b.lines
        assert len(line.cites) == 1
        assert slogan_problems(line.text, clauses_by_chunk[by_n[line.cites[0]].chunk_id].text) == []
        assert "不再排尾作业" not in line.text.split("，")  # a condition, never an order of its own
    md = draft.to_markdown()
    listed = md.split("\n\n依据：")[0]
    assert "〔" not in listed and "依据：" in md


def test_the_article_is_headed_by_its_key_requirement_and_sectioned_by_theme(searcher):
    draft = make_draft(searcher, "article", topic="尾矿库")
    assert "尾矿库" in draft.title and not draft.title.startswith("尾矿库安全：")
    headings = [b.text for b in draft.blocks if b.kind == "heading"]
    assert headings and not any(
        re.search(r"第[一二三四五六七八九十百]+条|^[二三四五]、（", h) for h in headings
    )
    body = "".join(b.text for b in draft.blocks)
    assert not re.search(r"[,;:?!]|\((?!\d)", body)  # full-width punctuation throughout


def test_a_set_of_no_slogans_says_so_and_names_the_provisions_to_write_from(searcher):
    from assistant.draft.compose import make_offline

    chosen = [c for c in searcher.clauses if c.doc_id == "jiujiang-plan"][:2]
    draft = make_offline(searcher, "slogans", chosen, "一个没有任何条款谈到的主题")
    assert not draft.blocks
    md = draft.to_markdown()
    assert "未能从所选条款提炼出合格的内容" in md and "资料来源" not in md
    listed = next(n for n in draft.notices if n.startswith("所选条款："))
    assert all(c.label in listed for c in chosen)


def test_a_bank_or_draft_takes_its_document_by_title_as_show_does(searcher):
    from assistant.content.selection import select_clauses
    from assistant.errors import ConfigError

    by_id = select_clauses(searcher, doc="jiujiang-plan", k=8)
    title = searcher.store.documents["jiujiang-plan"].catalog.title
    assert [c.chunk_id for c in select_clauses(searcher, doc=title, k=8)] == [c.chunk_id for c in by_id]
    with pytest.raises(ConfigError, match="没有文档 '不存在的方案'"):
        select_clauses(searcher, doc="不存在的方案", k=8)
