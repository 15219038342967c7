"""Scraped-page cleaning: furniture goes, page markers go, cut sentences are rejoined, nothing else changes."""

from __future__ import annotations

import re

import pytest

from assistant.ingest.cleaning import clean

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def nmsa_clean(seed_texts: dict[str, str]) -> str:
    return clean(seed_texts["nmsa"]).text


@pytest.mark.parametrize(
    "furniture",
    [
        "上传人",
        "文档编号",
        "下载 相关 举报",
        "docx_第1页",
        "第1页 / 共5页",
        "该文档总共",
        "资源描述",
        "由会员分享",
        "展开阅读全文",
        "相关资源",
        "猜你喜欢",
        "当前位置",
        "copyright",
        "ICP备",
        "C2C交易模式",
    ],
)
def test_nmsa_notice_loses_every_piece_of_page_furniture(nmsa_clean: str, furniture: str) -> None:
    assert furniture not in nmsa_clean


def test_nmsa_notice_starts_with_its_own_title_not_the_scraped_file_name(nmsa_clean: str) -> None:
    assert nmsa_clean.startswith("国家矿山安全监察局关于深入学习宣传贯彻国务院安委会")
    assert ".docx" not in nmsa_clean


def test_nmsa_notice_ends_with_its_signature(nmsa_clean: str) -> None:
    assert nmsa_clean.endswith("国家矿山安全监察局2024年1月20日")


@pytest.mark.parametrize(
    "whole",
    [
        "以下简称意见",  # cut 以下简 | 称意见 by page marker 2、
        "政治自觉",  # cut 政 | 治 by page marker 3、
        "推动地方党政领导干部",  # cut 推动地 | 方 by page marker 4、
        "三、制定完善配套措施",  # cut 完 | 善 by page marker 5、
        "紧盯重点地区、重点企业",  # marker 6、 followed by the list comma 、
    ],
)
def test_sentences_cut_by_page_markers_are_rejoined(nmsa_clean: str, whole: str) -> None:
    assert whole in nmsa_clean


def test_no_page_marker_is_left_at_a_line_start_or_inside_a_sentence(nmsa_clean: str) -> None:
    assert not re.search(r"(^|\n)\d{1,2}、", nmsa_clean)
    # a marker glued into running text would show as a digit+、 right after a Chinese character
    assert not re.search(r"[\u4e00-\u9fff][1-6]、", nmsa_clean)


def test_cleaning_reports_what_it_removed(seed_texts: dict[str, str]) -> None:
    notes = clean(seed_texts["nmsa"]).notes
    assert any("网页附带内容" in n for n in notes)
    assert any("6 个页码标记" in n for n in notes)


def test_cleaning_keeps_width_and_bracket_style_so_quotes_stay_verbatim(nmsa_clean: str) -> None:
    assert "安委(2024)1号" in nmsa_clean
    assert "各省、自治区、直辖市及新疆生产建设兵团矿山安全监管部门," in nmsa_clean


def test_a_clean_document_comes_out_unchanged_apart_from_blank_lines(seed_texts: dict[str, str]) -> None:
    raw = seed_texts["jiujiang"]
    result = clean(raw)
    assert result.notes == []
    assert result.text == "\n".join(line.strip() for line in raw.splitlines() if line.strip())


def test_short_numbered_list_items_are_not_mistaken_for_page_markers() -> None:
    raw = "检查要求如下：\n1、查制度。\n2、查台账。\n3、查现场。\n"
    assert clean(raw).text == "检查要求如下：\n1、查制度。\n2、查台账。\n3、查现场。"


def test_long_numbered_paragraphs_ending_sentences_are_not_mistaken_for_page_markers() -> None:
    para = "矿山企业应当加强安全管理，落实主体责任，完善制度措施。" * 8
    raw = "\n".join(f"{i}、{para}" for i in range(1, 4))
    assert clean(raw).text == raw


def test_invisible_characters_and_crlf_are_removed() -> None:
    assert (
        clean("\ufeff第一条\u200b　内容。\r\n\r\n第二条 内容。\r\n").text == "第一条　内容。\n第二条 内容。"
    )
