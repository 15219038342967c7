"""Every web function through ``gradio_client``, against the app served on 127.0.0.1 over a real index.

The tests in this module share one served app and run in file order: the knowledge-base tests at the
end change the corpus.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTION = "五职矿长有什么学历要求？"


@pytest.fixture(scope="module")
def client(served):
    from gradio_client import Client

    return Client(served.url, verbose=False)


def new_client(served):
    from gradio_client import Client

    return Client(served.url, verbose=False)


def last_answer(chat: list[dict]) -> str:
    content = chat[-1]["content"]
    if isinstance(content, list):  # gradio 6 returns message content as a list of parts
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def rows(table: dict) -> list[list]:
    return table["data"]


def test_chat_answer_cites_jiujiang_item_1_with_a_clickable_mark(client) -> None:
    chat, box, _ = client.predict(QUESTION, api_name="/chat")
    html = last_answer(chat)
    assert "二、（一）1." in html and "九江市矿山安全生产治本攻坚三年行动实施方案" in html
    assert 'class="cite-mark" data-key="0:1"' in html
    assert "模式：离线摘录" in html
    assert box == ""


def test_clicking_a_citation_shows_the_clause_with_the_quote_highlighted(client) -> None:
    panel = client.predict("0:1", api_name="/show_citation")
    assert "二、（一）1." in panel
    assert "位置：二、主要任务" in panel  # the clause's headings
    quoted = panel.split('<mark class="quote">', 1)[1].split("</mark>", 1)[0]
    assert "大专以上学历" in quoted
    assert "加强矿山企业主要负责人安全教育培训" in panel  # the full clause, not just the quote


def test_follow_up_shows_the_resolved_query(client) -> None:
    chat, *_ = client.predict("那专业技术人员呢？", api_name="/chat")
    assert len(chat) == 4  # both turns kept in this session
    html = last_answer(chat)
    assert "按上下文理解为" in html and "专业技术人员" in html


def test_out_of_corpus_question_shows_the_refused_badge(served) -> None:
    chat, *_ = new_client(served).predict("井下巷道通风风速最低、最高是多少？", api_name="/chat")
    html = last_answer(chat)
    assert "badge-refused" in html and "知识库中未找到相关规定" in html


def test_conversation_exports_as_markdown(client) -> None:
    update = client.predict(api_name="/export_chat")  # the file, and the box shown now that it has one
    assert update["visible"] is True
    text = Path(update["value"]).read_text(encoding="utf-8")
    assert text.startswith("# 矿山安全政策问答记录")
    assert f"## 1. {QUESTION}" in text and "〔1〕《九江市" in text and "二、（一）1." in text


def test_an_answer_is_rated_with_a_comment_and_its_conversation_reopens(served) -> None:
    client = new_client(served)
    chat, _, menu = client.predict(QUESTION, api_name="/chat")
    line = client.predict(0, False, "", api_name="/rate_answer")
    assert "没用" in line
    assert "意见已记录" in client.predict("应当同时引用安全生产法", api_name="/comment_answer")[0]
    bad = served.assistant.records.feedback(rating=-1)[-1]
    assert (bad.answer.question, bad.comment) == (QUESTION, "应当同时引用安全生产法")
    assert bad.answer.citations and bad.answer.citations[0].clause == "二、（一）1."
    saved = menu["choices"][0][1]
    client.predict(api_name="/clear_chat")
    reopened, _panel = client.predict(saved, api_name="/reopen_chat")
    assert QUESTION in str(reopened[0]["content"]) and "二、（一）1." in last_answer(reopened)
    assert "未找到" not in client.predict(999, False, "", api_name="/rate_answer")  # no such turn: a warning


def test_sessions_do_not_share_histories(served) -> None:
    a, b = new_client(served), new_client(served)
    results: dict[str, list] = {}

    def ask(name: str, c, q: str) -> None:
        results[name] = c.predict(q, api_name="/chat")[0]

    threads = [
        threading.Thread(target=ask, args=("a", a, QUESTION)),
        threading.Thread(target=ask, args=("b", b, "尾矿库闭库有什么要求？")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results["a"]) == 2 and len(results["b"]) == 2
    assert QUESTION in str(results["a"][0]["content"]) and "尾矿库" in str(results["b"][0]["content"])
    assert "尾矿库闭库" not in json.dumps(results["a"], ensure_ascii=False)


def test_session_llm_settings_fall_back_with_a_notice_and_stay_in_their_session(served) -> None:
    a, b = new_client(served), new_client(served)
    dead = served.config.llm.allowed_base_urls[0]  # the administrator's endpoint; nothing listens there
    mode, key_box = a.predict(dead, "qwen-test", "sk-secret-key", 5, api_name="/set_llm")
    assert key_box == ""  # the key is cleared from the page once applied
    assert "大模型" in mode and "sk-secret-key" not in mode
    html = last_answer(a.predict(QUESTION, api_name="/chat")[0])
    assert "已改用摘录式回答" in html and "二、（一）1." in html
    html_b = last_answer(b.predict(QUESTION, api_name="/chat")[0])
    assert "已改用摘录式回答" not in html_b


def test_an_llm_address_the_administrator_did_not_list_is_refused(client, served) -> None:
    from tests.web.conftest import free_port

    listening = []

    class Catch(threading.Thread):  # a server that records any connection the app would make (SSRF)
        def run(self) -> None:
            import socket

            with socket.socket() as srv:
                srv.bind(("127.0.0.1", self.port))
                srv.listen()
                srv.settimeout(3)
                try:
                    listening.append(srv.accept())
                except OSError:
                    pass

    catch = Catch(daemon=True)
    catch.port = free_port()  # type: ignore[attr-defined]
    catch.start()
    for url in ("localhost:1234", f"http://127.0.0.1:{catch.port}/v1", "http://169.254.169.254/latest"):  # type: ignore[attr-defined]
        mode, _ = client.predict(url, "m", "", 5, api_name="/set_llm")
        assert mode == {"__type__": "update"}  # unchanged: not applied (a warning names the allowed list)
    html = last_answer(client.predict(QUESTION, api_name="/chat")[0])
    assert "离线摘录" in html
    catch.join()
    assert listening == []  # the server never connected to the address the page sent


def test_search_highlights_terms_and_filters_by_document(client) -> None:
    html = client.predict("尾矿库 闭库", "", "", 5, "条款检索", api_name="/search")
    assert "二、（四）16." in html and "<mark>尾矿库</mark>" in html
    only_nmsa = client.predict("尾矿库", "nmsa-notice", "", 5, "条款检索", api_name="/search")
    assert "九江市" not in only_nmsa
    notices = client.predict("尾矿库", "", "local-plan", 5, "条款检索", api_name="/search")
    assert "国家矿山安全监察局" not in notices


def test_empty_search_is_a_friendly_message(client) -> None:
    assert "请输入检索内容" in client.predict("  ", "", "", 5, "条款检索", api_name="/search")


def test_which_clause_applies_mode(client) -> None:
    html = client.predict(
        "某金属地下矿山把爆破作业专项外包给外面的公司", "", "", 5, "适用条款（情形描述）", api_name="/search"
    )
    assert "二、（六）22." in html and "适用依据" in html


def test_draft_preview_and_downloads(client) -> None:
    preview, files = client.predict("article", "尾矿库", "", "", api_name="/draft")
    assert preview.startswith("# ") and "〔1〕" in preview
    suffixes = sorted(Path(f).suffix for f in files)
    assert suffixes == [".docx", ".md"]


def test_quiz_bank_preview_and_downloads(client) -> None:
    status, table, files = client.predict(
        "", "jiujiang-plan", 10, ["single", "judge", "blank"], 0, api_name="/quiz"
    )
    assert "已生成" in status
    assert 1 <= len(rows(table)) <= 10
    assert {r[1] for r in rows(table)} <= {"单选题", "判断题", "填空题"}
    assert sorted(Path(f).suffix for f in files) == [".json", ".xlsx", ".xlsx"]
    assert any(Path(f).name.startswith("答题卡") for f in files)
    pytest.quiz_files = files  # type: ignore[attr-defined]  # reused by the grading test


def test_grading_scores_and_report(client, tmp_path: Path) -> None:
    from gradio_client import handle_file

    bank_json = next(f for f in pytest.quiz_files if f.endswith(".json"))  # type: ignore[attr-defined]
    bank = json.loads(Path(bank_json).read_text(encoding="utf-8"))
    ids = [q["id"] for q in bank["questions"]]
    keys = [q["answer"] for q in bank["questions"]]
    answers = tmp_path / "answers.csv"
    lines = [
        "姓名," + ",".join(ids) + ",Q999",
        "张三," + ",".join(keys) + ",A",
        "李四," + ",".join("A" for _ in ids) + ",",
    ]
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, trainees, questions, chart, report = client.predict(
        handle_file(bank_json), handle_file(str(answers)), api_name="/grade"
    )
    assert "出错" not in status and "2 名学员" in status
    assert "输入问题" in status and "Q999" in status  # an unknown question id is reported, the rest graded
    assert len(rows(trainees)) == 2 and "张三" in json.dumps(rows(trainees), ensure_ascii=False)
    assert len(rows(questions)) == len(ids)
    assert Path(chart).suffix == ".png" and Path(report).suffix == ".xlsx"


def test_run_retrieval_eval_shows_metrics(client) -> None:
    status, table, failing = client.predict(["retrieval"], api_name="/run_evals")
    assert rows(table) and all(r[0] == "检索" for r in rows(table))
    assert "出错" not in status
    shown = {(r[1], r[2]) for r in rows(table)}
    assert ("混合·命中率（前 1 条）", "测试集") in shown  # names in Chinese, not retrieval.hybrid.hit@1@test
    assert not any("@" in r[1] or "_" in r[1] for r in rows(table))
    if "未通过" in status:  # every failing case is a row: its id, question, expected and got
        n = int(re.search(r"有 (\d+) 个用例未通过", status).group(1))
        assert len(rows(failing)) == n and all(r[1] and r[2] for r in rows(failing))


# -- knowledge base (these change the corpus: keep them last) -----------------------------------------
PHRASE = "井下应急避险硐室每季度检查一次"


def test_upload_docx_reports_per_file_and_is_searchable(client, served, tmp_path: Path, make_docx) -> None:
    from gradio_client import handle_file

    doc = make_docx(
        tmp_path / "避险规定.docx",
        "某县矿山应急避险管理规定",
        [
            f"矿山企业应当建立应急避险制度，{PHRASE}，并做好记录。",
            "违反本规定的，由应急管理部门责令限期改正。",
        ],
    )
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    status, report, docs, *_ = client.predict(
        [handle_file(str(doc)), handle_file(str(bad))], api_name="/upload"
    )
    table = {r[0]: r for r in rows(report)}
    assert any("已索引" in r[1] and r[3] >= 2 for r in rows(report)), rows(report)
    # the empty file is refused before it is copied into the corpus, with its reason
    assert ["empty.txt", "✗ 拒收", "", 0, "文件为空"] in rows(report), rows(report)
    assert not (served.config.corpus_dir / "empty.txt").exists()
    assert any(r[0] == "避险规定" or "避险" in r[1] for r in rows(docs)), rows(docs)
    assert table  # per-file rows
    html = client.predict(PHRASE, "", "", 3, "条款检索", api_name="/search")
    first_hit = plain(html.split('<div class="hit">')[1])
    assert "某县矿山应急避险管理规定》第一条" in first_hit and PHRASE in first_hit


def test_questions_during_reindex_are_answered_from_the_previous_index(served, client) -> None:
    import time

    from assistant.index import build as build_module

    original = build_module.build_index
    started = threading.Event()

    def slow_build(config, **kw):
        started.set()
        time.sleep(3)
        return original(config, **kw)

    build_module.build_index = slow_build
    try:
        job = client.submit(api_name="/reindex")
        assert started.wait(30)
        chat = new_client(served).predict(QUESTION, api_name="/chat")[0]
        assert "二、（一）1." in last_answer(chat)
        assert served.assistant.building  # answered while the build was still running
        status, *_ = job.result(timeout=120)
        assert "共" in status
    finally:
        build_module.build_index = original


def test_edit_catalog_and_remove_a_document(client, served) -> None:
    documents = served.assistant.searcher.store.documents.values()
    doc_id = next(d.doc_id for d in documents if "避险" in d.catalog.title)
    fields = client.predict(doc_id, api_name="/catalog")
    card = served.assistant.searcher.store.documents[doc_id].catalog
    assert list(fields[:5]) == [
        card.title,
        doc_id,
        card.kind,
        card.level,
        card.status,
    ]  # the form is the card
    status, _, docs, *_ = client.predict(
        doc_id,
        "某县矿山应急避险管理规定（修订）",
        doc_id,
        "regulation",
        "地方性法规",
        "现行有效",
        "某县应急管理局",
        "某应急〔2024〕1号",
        "2024-05-01",
        "测试",
        api_name="/save_catalog",
    )
    assert "已保存" in status
    row = next(r for r in rows(docs) if r[0] == doc_id)
    assert row[1:6] == [
        "某县矿山应急避险管理规定（修订）",
        "法规规章",
        "地方性法规",
        "现行有效",
        "某县应急管理局",
    ]
    status, _, docs, _, trash, *_ = client.predict(doc_id, api_name="/remove_document")
    assert "移入回收站" in status and all(r[0] != doc_id for r in rows(docs))
    html = client.predict(PHRASE, "", "", 3, "条款检索", api_name="/search")
    assert PHRASE not in plain(html)
    key = served.assistant.trash()[0].key
    status, _, docs, *_ = client.predict(key, api_name="/restore_document")
    assert "已恢复" in status and any(r[0] == doc_id for r in rows(docs))
    assert PHRASE in plain(client.predict(PHRASE, "", "", 3, "条款检索", api_name="/search"))


def test_path_traversal_upload_names_stay_inside_the_corpus(served) -> None:
    from assistant.ingest.corpus import store_upload

    stored = store_upload(served.config.corpus_dir, "../../etc/evil.txt", "第一条 测试。".encode())
    assert stored.parent == served.config.corpus_dir
    stored.unlink()
