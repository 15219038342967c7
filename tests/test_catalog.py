"""Catalog cards: level and validity fields, their defaults, and one clear reason for each bad field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.index.build import build_index
from assistant.ingest.catalog import check_entry, doc_id_from_name, read_catalog, status_note
from assistant.ingest.front_matter import check_card, split_front_matter
from assistant.schema import LEVELS, CatalogEntry
from tests.conftest import FakeConfigFactory
from tests.test_search_cli import run

pytestmark = pytest.mark.unit

RULES = "第一条　矿井必须有完整的独立通风系统。\n第二条　瓦斯超限必须停止作业、撤出人员。\n"
GOOD_CARD = 'id = "vent-rules"\ntitle = "矿井通风规定"\nkind = "regulation"\n'
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def card_error(tmp_path: Path, card: str) -> str:
    doc = tmp_path / "rules.txt"
    doc.write_text(RULES, encoding="utf-8")
    (tmp_path / "rules.txt.toml").write_text(card, encoding="utf-8")
    with pytest.raises(IngestError) as exc:
        read_catalog(doc)
    return str(exc.value)


BAD_CARDS = {
    "blank-id": ('id = ""\ntitle = "矿井通风规定"\n', "目录卡 rules.txt.toml 的 id 不能为空"),
    "id-with-capitals-and-underscore": (
        'id = "Vent_Rules"\ntitle = "矿井通风规定"\n',
        "的 id “Vent_Rules” 只能含",
    ),
    "id-in-chinese": ('id = "通风规定"\ntitle = "矿井通风规定"\n', "的 id “通风规定” 只能含"),
    "title-as-a-list": (
        'id = "vent"\ntitle = ["a", "b"]\n',
        "的 title 应为一段文字（加引号的字符串），现为列表",
    ),
    "blank-title": ('id = "vent"\ntitle = "  "\n', "的 title 不能为空"),
    "unknown-kind": ('id = "vent"\ntitle = "矿井通风规定"\nkind = "law"\n', "的 kind “law” 无效"),
    "unknown-level": (
        'id = "vent"\ntitle = "矿井通风规定"\nlevel = "法规"\n',
        "的 level “法规” 无效；可选：法律、行政法规",
    ),
    "level-as-a-number": ('id = "vent"\ntitle = "矿井通风规定"\nlevel = 1\n', "的 level 应为一段文字"),
    "unknown-status": (
        'id = "vent"\ntitle = "矿井通风规定"\nstatus = "失效"\n',
        "的 status “失效” 无效；可选：现行有效",
    ),
    "impossible-date": (
        'id = "vent"\ntitle = "矿井通风规定"\ndate_effective = "2021-02-30"\n',
        "的 date_effective “2021-02-30” 不是有效日期；请写成 YYYY-MM-DD",
    ),
    "date-with-slashes": (
        'id = "vent"\ntitle = "矿井通风规定"\nlast_revised = "2021/06/10"\n',
        "的 last_revised “2021/06/10” 不是有效日期",
    ),
    "repealed-without-repealing-provision": (
        'id = "vent"\ntitle = "矿井通风规定"\nstatus = "已废止"\n',
        "的 repealed_by 不能为空：状态为已废止时须写明废止它的条文",
    ),
    "misspelt-field": (
        'id = "vent"\ntitle = "矿井通风规定"\nstauts = "已废止"\n',
        "有未知字段 stauts；可用字段：",
    ),
    "not-toml": ('id = "vent\n', "目录卡 rules.txt.toml 格式错误"),
}


@pytest.mark.parametrize("card,reason", BAD_CARDS.values(), ids=BAD_CARDS.keys())
def test_a_bad_card_field_is_refused_with_one_line_naming_card_and_field(
    tmp_path: Path, card: str, reason: str
) -> None:
    message = card_error(tmp_path, card)
    assert reason in message
    assert message.startswith("目录卡 rules.txt.toml ") and "\n" not in message


def test_a_bad_card_fails_its_own_file_only(fake_config: FakeConfigFactory) -> None:
    config = fake_config(
        {
            "good.txt": RULES,
            "good.txt.toml": GOOD_CARD,
            "bad.txt": RULES,
            "bad.txt.toml": 'id = "bad"\ntitle = "坏目录卡"\nlevel = "法规"\n',
        }
    )
    report = build_index(config, progress=False)
    by_path = {f.path: f for f in report.files}
    assert by_path["good.txt"].status == "indexed" and by_path["good.txt"].doc_id == "vent-rules"
    assert by_path["bad.txt"].status == "failed"
    assert by_path["bad.txt"].message.startswith("目录卡 bad.txt.toml 的 level “法规” 无效")


def test_a_toml_date_without_quotes_is_read_as_the_same_date(tmp_path: Path) -> None:
    (tmp_path / "rules.txt").write_text(RULES, encoding="utf-8")
    (tmp_path / "rules.txt.toml").write_text(
        'id = "vent"\ntitle = "矿井通风规定"\ndate_effective = 2021-09-01\n', encoding="utf-8"
    )
    entry = read_catalog(tmp_path / "rules.txt")
    assert entry is not None and entry.date_effective == "2021-09-01"


@pytest.mark.parametrize(
    "kind,title,level",
    [
        ("local-plan", "九江市矿山安全生产治本攻坚三年行动实施方案", "地方工作方案"),
        ("notice", "国家矿山安全监察局关于……的通知", "规范性文件"),
        ("national-measure", "关于防范遏制矿山领域重特大生产安全事故的硬措施", "规范性文件"),
        ("standard", "金属非金属矿山安全规程", "标准"),
        ("regulation", "某某矿山安全管理办法", "规范性文件"),
        ("regulation", "中华人民共和国矿山安全法", "法律"),
        ("regulation", "煤矿安全生产条例", "行政法规"),
        ("regulation", "中华人民共和国矿山安全法实施条例", "行政法规"),
        ("regulation", "江西省矿山安全条例", "地方性法规"),
        ("regulation", "国务院关于预防煤矿生产安全事故的特别规定", "行政法规"),
    ],
)
def test_a_card_without_level_or_status_gets_sensible_defaults(kind: str, title: str, level: str) -> None:
    entry = CatalogEntry(id="x", title=title, kind=kind)
    assert (entry.level, entry.status) == (level, "现行有效")
    assert entry.level in LEVELS


def test_every_shipped_card_is_valid_and_names_level_and_status() -> None:
    cards = sorted(CORPUS.glob("*.toml"))
    assert len(cards) == 15
    entries = [read_catalog(p.with_name(p.name.removesuffix(".toml"))) for p in cards]
    assert all(e is not None for e in entries)
    for path in cards:
        text = path.read_text(encoding="utf-8")
        assert "\nlevel = " in text and "\nstatus = " in text, path.name
    by_id = {e.id: e for e in entries if e is not None}
    assert by_id["coal-mine-safety-regulation"].doc_number == "国务院令第774号"
    repealed = {e.id for e in by_id.values() if e.status == "已废止"}
    assert repealed == {"coal-mine-supervision-regulation", "coal-mine-special-provisions"}
    assert {by_id[i].repealed_by for i in repealed} == {"coal-mine-safety-regulation 第七十六条"}


def test_the_status_note_names_the_repealing_document_by_its_title() -> None:
    entry = CatalogEntry(
        id="old",
        title="煤矿安全监察条例",
        status="已废止",
        repealed_by="coal-mine-safety-regulation 第七十六条",
        superseded_by="coal-mine-safety-regulation",
    )
    assert status_note(entry) == "由coal-mine-safety-regulation 第七十六条废止"
    titles = {"coal-mine-safety-regulation": "煤矿安全生产条例"}
    assert status_note(entry, titles) == "由《煤矿安全生产条例》第七十六条废止"
    free = CatalogEntry(id="o", title="某规定", status="已废止", repealed_by="省政府2020年第3号令")
    assert status_note(free, titles) == "由省政府2020年第3号令废止"
    assert status_note(CatalogEntry(id="n", title="新规定")) == ""


def test_ids_made_from_file_names_are_valid_ids() -> None:
    assert doc_id_from_name(Path("Gas_Rules.txt")) == "gas-rules"
    new, old = doc_id_from_name(Path("新规定.pdf")), doc_id_from_name(Path("旧规定.pdf"))
    assert new != old and new.startswith("doc-")
    for name in ("新规定.pdf", "2024年通知(修订).docx", "Gas_Rules.txt"):
        check_entry(CatalogEntry(id=doc_id_from_name(Path(name)), title="t"), "x")  # no error


def test_the_card_is_checked_against_the_texts_own_title_and_history() -> None:
    front = split_front_matter(
        "# 中华人民共和国安全生产法\n\n2021年6月10日 第三次修正\n\n<!-- INFO END -->\n\n第一条 …"
    )
    entry = CatalogEntry(id="x", title="安全生产法", last_revised="2014-08-31")
    notes = check_card(front, entry)
    assert notes == [
        "目录卡标题《安全生产法》与正文标题《中华人民共和国安全生产法》不一致",
        "正文沿革的最后修改日期 2021-06-10 晚于目录卡的 last_revised 2014-08-31",
    ]
    right = CatalogEntry(id="x", title="中华人民共和国安全生产法", last_revised="2021-06-10")
    assert check_card(front, right) == []


# --- the CLI: index --add with card options, docs ----------------------------------------------------


def test_index_add_writes_the_card_from_the_options_and_docs_shows_level_and_status(
    fake_config: FakeConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = fake_config({})
    src = tmp_path / "old-rules.txt"
    src.write_text(RULES, encoding="utf-8")
    result = run(
        config,
        "index",
        "--add",
        str(src),
        "--title",
        "矿井通风旧规定",
        "--level",
        "部门规章",
        "--status",
        "已废止",
        "--repealed-by",
        "矿井通风新规定（2024）",
        "--date-effective",
        "2010-01-01",
    )
    assert result.exit_code == 0, result.output
    assert "old-rules，2 条（2 段）" in result.output
    entry = read_catalog(config.corpus_dir / "old-rules.txt")
    assert entry is not None
    assert (entry.title, entry.level, entry.status, entry.repealed_by, entry.date_effective) == (
        "矿井通风旧规定",
        "部门规章",
        "已废止",
        "矿井通风新规定（2024）",
        "2010-01-01",
    )
    text = run(config, "docs").output
    assert "old-rules  《矿井通风旧规定》  部门规章·已废止（由矿井通风新规定（2024）废止）" in text
    assert "2 条（2 段）" in text
    row = json.loads(run(config, "docs", "--json").output)["documents"][0]
    assert (row["level"], row["status"], row["articles"], row["clauses"]) == ("部门规章", "已废止", 2, 2)


def test_index_add_with_a_bad_card_option_copies_nothing(
    fake_config: FakeConfigFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = fake_config({"keep.txt": RULES})
    src = tmp_path / "new.txt"
    src.write_text(RULES, encoding="utf-8")
    result = run(config, "index", "--add", str(src), "--date-effective", "2024/05/01")
    assert result.exit_code == 2
    assert "date_effective “2024/05/01” 不是有效日期" in result.output
    assert sorted(p.name for p in config.corpus_dir.iterdir()) == ["keep.txt"]
    result = run(config, "index", "--add", str(src), "--status", "已废止")
    assert result.exit_code == 2 and "repealed_by 不能为空" in result.output


def test_card_options_without_add_are_a_usage_error(fake_config: FakeConfigFactory) -> None:
    result = run(fake_config({"a.txt": RULES}), "index", "--level", "法律")
    assert result.exit_code == 2 and "须与 --add 一起使用" in result.output


def test_a_title_with_a_title_inside_takes_the_inner_marks_when_named() -> None:
    from assistant.schema import book, source_label

    assert (
        book("河南省实施《中华人民共和国矿山安全法》办法") == "《河南省实施〈中华人民共和国矿山安全法〉办法》"
    )
    assert book("中华人民共和国安全生产法") == "《中华人民共和国安全生产法》"
    label = source_label(
        "河南省实施《中华人民共和国矿山安全法》办法", "地方性法规", "现行有效", label="第四十三条"
    )
    assert label == "《河南省实施〈中华人民共和国矿山安全法〉办法》（地方性法规·现行有效）第四十三条"
