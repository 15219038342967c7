"""The clause parser and chunker on the two seed documents and on small texts written here."""

from __future__ import annotations

import re

import pytest

from assistant.ingest.chunking import MAX_CHARS, chunk_spans
from assistant.ingest.clauses import find_headings, parse_spans
from assistant.ingest.cleaning import clean
from assistant.numerals import int_to_cn
from assistant.schema import CatalogEntry, Clause
from tests.conftest import regulation_text

pytestmark = pytest.mark.unit

CATALOG = CatalogEntry(id="doc", title="测试文档", kind="regulation")
# The sub-section （X） of each 九江 item, from the plan's own table of contents.
JIUJIANG_SECTIONS = {
    "一": range(1, 6),
    "二": range(6, 10),
    "三": range(10, 13),
    "四": range(13, 17),
    "五": range(17, 22),
    "六": range(22, 25),
    "七": range(25, 28),
    "八": range(28, 30),
    "九": range(30, 33),
}


def parse(raw: str, max_chars: int = MAX_CHARS) -> tuple[str, list[Clause], list[str]]:
    text = clean(raw).text
    spans, notes = parse_spans(text)
    return text, chunk_spans(text, spans, CATALOG, max_chars), notes


@pytest.fixture(scope="module")
def jiujiang(seed_texts: dict[str, str]) -> tuple[str, list[Clause]]:
    text, clauses, _ = parse(seed_texts["jiujiang"])
    return text, clauses


@pytest.fixture(scope="module")
def nmsa(seed_texts: dict[str, str]) -> tuple[str, list[Clause]]:
    text, clauses, _ = parse(seed_texts["nmsa"])
    return text, clauses


def by_label(clauses: list[Clause]) -> dict[str, list[Clause]]:
    out: dict[str, list[Clause]] = {}
    for c in clauses:
        out.setdefault(c.label, []).append(c)
    return out


def uncovered(text: str, clauses: list[Clause]) -> list[str]:
    """Non-blank lines of the stretches of ``text`` that no clause covers."""
    covered = [False] * len(text)
    for c in clauses:
        covered[c.start : c.end] = [True] * (c.end - c.start)
    gaps = re.finditer(
        r"[^\x00]+", "".join("\x00" if cov else ch for ch, cov in zip(text, covered, strict=True))
    )
    return [line.strip() for m in gaps for line in m.group().split("\n") if line.strip()]


# --- 九江 plan ---------------------------------------------------------------------------------------


def test_item_12_of_jiujiang_plan_is_one_clause_with_its_title(jiujiang: tuple[str, list[Clause]]) -> None:
    text, clauses = jiujiang
    [item] = by_label(clauses)["二、（三）12."]
    assert item.title == "严格矿山安全准入。"
    assert item.text.startswith("12.严格矿山安全准入。相邻矿山生产建设作业范围最小距离")
    assert item.text.endswith("。")
    assert text[item.start : item.end] == item.text
    assert item.headings == ("二、主要任务", "(三)严格矿山源头管控。")
    # whole: the clause runs up to the next item, with nothing of item 13 in it
    assert "13." not in item.text
    assert text[item.end :].lstrip().startswith("(四)推动矿山关闭退出")


def test_jiujiang_items_1_to_32_are_all_present_with_their_section_labels(
    jiujiang: tuple[str, list[Clause]],
) -> None:
    _, clauses = jiujiang
    labels = by_label(clauses)
    expected = [f"二、（{sec}）{n}." for sec, items in JIUJIANG_SECTIONS.items() for n in items]
    assert len(expected) == 32
    assert [lab for lab in expected if lab not in labels] == []
    for lab in expected:
        n = lab.split("）")[1]
        assert labels[lab][0].text.startswith(n), lab


def test_jiujiang_item_text_never_contains_the_next_item_marker(jiujiang: tuple[str, list[Clause]]) -> None:
    _, clauses = jiujiang
    for c in clauses:
        m = re.match(r"二、（.）(\d+)\.", c.label)
        if m:
            nxt = int(m.group(1)) + 1
            assert not re.search(rf"(^|\n|。){nxt}\.", c.text), c.label


def test_jiujiang_covering_notice_is_the_preamble_and_contact_lines_the_closing(
    jiujiang: tuple[str, list[Clause]],
) -> None:
    _, clauses = jiujiang
    preamble, closing = clauses[0], clauses[-1]
    assert (preamble.label, preamble.kind) == ("前言", "preamble")
    assert preamble.text.startswith("关于印发《九江市矿山安全生产治本攻坚三年行动实施方案")
    assert preamble.text.endswith("制定本方案。")
    assert (closing.label, closing.kind) == ("结尾", "closing")
    assert "联系人及电话" in closing.text and closing.text.endswith("来源:中国九江网")


def test_jiujiang_sections_without_items_are_clauses_with_full_width_labels(
    jiujiang: tuple[str, list[Clause]],
) -> None:
    _, clauses = jiujiang
    labels = by_label(clauses)
    assert labels["一、"][0].title == "工作目标"
    assert labels["三、（一）"][0].title == "动员部署(2024年3月至6月)。"
    assert [f"四、（{s}）" in labels for s in "一二三四"] == [True] * 4


def test_jiujiang_nothing_between_headings_is_dropped(jiujiang: tuple[str, list[Clause]]) -> None:
    text, clauses = jiujiang
    headings = {h for c in clauses for h in c.headings}
    assert [gap for gap in uncovered(text, clauses) if gap not in headings] == []


# --- NMSA notice -----------------------------------------------------------------------------------


def test_nmsa_notice_has_sections_one_to_five_in_order(nmsa: tuple[str, list[Clause]]) -> None:
    _, clauses = nmsa
    sections = [c.label for c in clauses if c.kind == "clause"]
    assert sections == ["一、", "二、", "三、", "四、", "五、"]
    assert [c.title for c in clauses if c.kind == "clause"] == [
        "充分认识硬措施出台的重大意义",
        "广泛开展宣贯培训活动",
        "制定完善配套措施",
        "迅速有力抓好落实",
        "加强组织领导",
    ]


def test_nmsa_notice_has_a_preamble_and_its_signature_as_closing(nmsa: tuple[str, list[Clause]]) -> None:
    _, clauses = nmsa
    assert clauses[0].label == "前言" and clauses[0].text.endswith("现就有关事项通知如下:")
    assert clauses[-1].label == "结尾" and clauses[-1].text == "国家矿山安全监察局2024年1月20日"


def test_nmsa_section_one_holds_the_whole_phrase_cut_by_a_page_break(nmsa: tuple[str, list[Clause]]) -> None:
    _, clauses = nmsa
    [one] = by_label(clauses)["一、"]
    assert "以下简称意见" in one.text
    assert "政治自觉" in one.text


def test_nmsa_clauses_carry_no_page_marker_or_furniture(nmsa: tuple[str, list[Clause]]) -> None:
    _, clauses = nmsa
    for c in clauses:
        assert not re.search(r"[\u4e00-\u9fff，,][1-6]、", c.text), c.label
        for junk in ("上传人", "下载 相关 举报", "copyright", "ICP备", ".docx"):
            assert junk not in c.text, (c.label, junk)


def test_nmsa_nothing_between_headings_is_dropped(nmsa: tuple[str, list[Clause]]) -> None:
    text, clauses = nmsa
    assert uncovered(text, clauses) == []


def test_every_chunk_of_the_seed_documents_is_within_the_size_cap(
    jiujiang: tuple[str, list[Clause]], nmsa: tuple[str, list[Clause]]
) -> None:
    for _, clauses in (jiujiang, nmsa):
        assert max(len(c.text) for c in clauses) <= MAX_CHARS


# --- regulation structure and false headings --------------------------------------------------------


def test_chapter_and_article_structure_gives_article_labels_with_chapter_headings() -> None:
    _, clauses, notes = parse(regulation_text(6))
    articles = [c for c in clauses if c.kind == "clause"]
    assert [c.label for c in articles] == [f"第{int_to_cn(i)}条" for i in range(1, 7)]
    assert articles[0].headings == ("第一章　总则",)
    assert articles[4].headings == ("第二章　监督管理",)
    assert clauses[0].label == "前言" and clauses[0].text == "某某矿山安全管理办法"
    assert notes == []


def test_article_numbers_past_ten_use_chinese_numerals_in_labels() -> None:
    _, clauses, _ = parse(regulation_text(23))
    assert [c.label for c in clauses if c.kind == "clause"][-3:] == ["第二十一条", "第二十二条", "第二十三条"]


def test_a_line_starting_with_a_passing_article_mention_is_not_a_heading() -> None:
    raw = (
        "第一条　为加强矿山安全管理，制定本办法。\n"
        "第二条　矿山企业有下列情形之一的，责令停产整顿：\n"
        "第十条规定的重大事故隐患未按期整改的；\n"
        "依照本办法第5条应当报告而未报告的。\n"
        "第三条　本办法自发布之日起施行。\n"
    )
    _, clauses, _ = parse(raw)
    assert [c.label for c in clauses] == ["第一条", "第二条", "第三条"]
    second = by_label(clauses)["第二条"][0]
    assert "第十条规定的重大事故隐患未按期整改的；" in second.text
    assert "依照本办法第5条应当报告而未报告的。" in second.text


def test_an_article_number_out_of_sequence_is_not_a_heading() -> None:
    raw = "第一条　总则内容。\n第二条　主要内容：\n第八条　的规定同样适用。\n第三条　附则内容。\n"
    _, clauses, _ = parse(raw)
    assert [c.label for c in clauses] == ["第一条", "第二条", "第三条"]


def test_dotted_cross_references_are_not_item_numbers() -> None:
    raw = (
        "一、排查要求\n"
        "1.排查地下矿山重大事故隐患。\n"
        "2.1.3 款规定的情形按重大事故隐患处理。\n"
        "5.2.3 条所列设备应当定期检测。\n"
        "2.核查尾矿库安全设施。\n"
    )
    text, clauses, _ = parse(raw)
    assert [c.label for c in clauses] == ["一、1.", "一、2."]
    first = by_label(clauses)["一、1."][0]
    assert "2.1.3 款规定的情形" in first.text and "5.2.3 条所列设备" in first.text
    assert [h.number for h in find_headings(text) if h.kind == "num"] == [1, 2]


def test_half_width_and_full_width_parenthesised_numbers_get_the_same_label() -> None:
    body = "各地要结合实际，细化工作措施，明确责任单位和完成时限，确保各项任务落地见效。"
    raw = f"一、总体要求\n(一)工作目标。{body}\n（二）基本原则。{body}\n"
    _, clauses, _ = parse(raw)
    assert [c.label for c in clauses] == ["一、（一）", "一、（二）"]
    assert [c.title for c in clauses] == ["工作目标。", "基本原则。"]


def test_a_heading_is_never_cut_off_from_its_body() -> None:
    _, clauses, _ = parse(
        "一、工作目标\n到2026年，重大事故隐患动态清零。\n二、主要任务\n(一)严格准入。内容。\n"
    )
    first = by_label(clauses)["一、"][0]
    assert first.text == "一、工作目标\n到2026年，重大事故隐患动态清零。"


# --- long clauses and unstructured documents --------------------------------------------------------


def test_a_long_clause_is_split_at_sentence_ends_with_its_label_on_every_piece() -> None:
    sentences = [f"矿山企业应当落实第{i}项安全措施，并将落实情况记录在案。" for i in range(1, 40)]
    raw = "第一条　短条款。\n第二条　" + "".join(sentences) + "\n第三条　短条款。\n"
    text, clauses, _ = parse(raw, max_chars=200)
    pieces = [c for c in clauses if c.label == "第二条"]
    assert len(pieces) > 1
    assert [c.piece for c in pieces] == list(range(len(pieces)))
    assert all(c.pieces == len(pieces) for c in pieces)
    assert all(len(c.text) <= 200 for c in pieces)
    assert all(c.text.endswith("。") for c in pieces)
    # the pieces tile the clause: nothing but whitespace between one piece and the next
    assert all(text[a.end : b.start].strip() == "" for a, b in zip(pieces, pieces[1:], strict=False))
    assert pieces[0].text.startswith("第二条") and pieces[-1].text.endswith(
        "第39项安全措施，并将落实情况记录在案。"
    )


def test_a_later_piece_keeps_the_clause_title_in_its_retrieval_text() -> None:
    body = "1.严格矿山安全准入。" + "严格审查矿山建设项目安全设施设计，落实安全准入条件。" * 20
    _, clauses, _ = parse(f"一、主要任务\n{body}\n", max_chars=150)
    later = [c for c in clauses if c.piece > 0]
    assert later and all(c.label == "一、1." for c in later)
    assert all("严格矿山安全准入。" in c.retrieval_text() for c in later)


def test_a_sentence_longer_than_the_cap_is_cut_at_commas_not_dropped() -> None:
    sentence = "，".join(f"第{i}类设备" for i in range(1, 80)) + "。"
    text, clauses, _ = parse(f"第一条　{sentence}\n", max_chars=120)
    assert all(len(c.text) <= 120 for c in clauses)
    assert "".join(c.text for c in clauses) == text


def test_a_document_with_no_structure_is_indexed_as_paragraphs_with_a_note() -> None:
    raw = "矿山安全是头等大事。\n各单位要高度重视。\n请认真贯彻落实。\n"
    _, clauses, notes = parse(raw)
    assert [(c.label, c.kind) for c in clauses] == [
        ("第1段", "paragraph"),
        ("第2段", "paragraph"),
        ("第3段", "paragraph"),
    ]
    assert notes == ["未识别到条款结构，已按 3 个段落索引"]


def test_an_article_missing_from_the_source_does_not_swallow_the_articles_after_it() -> None:
    # 山东省高速公路交通安全条例 as copied lost the heading of 第四十四条: every later article ran into 第四十三条
    text = clean(
        "第一条 驾驶人应当遵守交通信号。\n\n第二条 建立救援机制。\n\n接到报警后，应当立即赶赴现场。\n\n"
        "第四条 发生交通事故，驾驶人应当立即停车。\n\n第五条 处理交通事故时，可以扣留事故车辆。\n\n"
        "第六条 依照第四条规定处理。\n"
    )
    spans, notes = parse_spans(text.text)
    labels = [s.label for s in spans if s.kind == "clause"]
    assert labels == ["第一条", "第二条", "第四条", "第五条", "第六条"]
    assert any("第二条之后是第四条，原文缺第三条" in n for n in notes)


@pytest.mark.parametrize(
    "line",
    [
        "第四条规定的处罚，由公安机关决定。",  # a cross-reference opening a line: no space after the number
        "第九条 超出三条的跳跃不是缺条。",  # too far past the last article to be a lost one
    ],
)
def test_a_line_that_only_looks_like_a_later_article_is_not_one(line: str) -> None:
    text = clean(f"第一条 驾驶人应当遵守交通信号。\n\n第二条 建立救援机制。\n{line}\n")
    spans, notes = parse_spans(text.text)
    assert [s.label for s in spans if s.kind == "clause"] == ["第一条", "第二条"]
    assert not any("条号不连续" in n for n in notes)
