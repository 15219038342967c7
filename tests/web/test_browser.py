"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the served app,
on a desktop (1366 px) and a phone (390 px), with the browser set to English: the app must still be all
Chinese.

Every tab is photographed at both widths into ``screenshots/`` (git-ignored) for a reviewer to look at,
and fails its test when an element sticks out of the viewport or an English UI string is visible.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHRASE = "采空区每月巡查一次并建立巡查台账"
TABS = ("政策问答", "条款检索", "宣传材料", "培训题库", "考试阅卷", "知识库管理", "评测")
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
# Words a Chinese user sees as names, not as English interface text
ALLOWED = {
    "Markdown",
    "DOCX",
    "Excel",
    "JSON",
    "PDF",
    "CSV",
    "XLSX",
    "OpenAI",
    "API",
    "Key",
    "LLM",
    "MB",
    "BM25",
}
ALLOWED |= {"xlsx", "json", "csv", "docx", "pdf", "txt", "md", "html", "htm", "doc", "markdown"}  # file types
# Visible text, aria-labels, titles and placeholders of the page, except inside data (tables, file names,
# the answers and clause texts, which quote the documents)
UI_TEXT_JS = """() => {
  const data = '#kb-docs, #kb-report, #eval-table, #eval-failures, #search-results, #chat .answer, '
    + '#cite-panel, #draft-preview, #quiz-table, #grade-trainees, #grade-questions, .file-preview, table';
  const out = [];
  const visible = (el) => { const r = el.getBoundingClientRect(); const st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none'; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest(data) || el.closest('script, style')) continue;
    const sr = el.classList.contains('sr-only');
    if (sr || visible(el)) out.push(walker.currentNode.textContent);
  }
  document.querySelectorAll('[aria-label], [title], [placeholder]').forEach((el) => {
    if (el.closest(data) || !visible(el)) return;
    for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  });
  return out.join('\\n');
}"""
# Elements whose right edge is past the viewport, unless a scrolling box (a wide table) contains them
OVERFLOW_JS = """() => {
  const w = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= w + 1) continue;
    let p = el.parentElement, clipped = false;
    while (p) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; } p = p.parentElement; }
    if (!clipped) bad.push(el.tagName + '#' + el.id + '.' + String(el.className).slice(0, 40) + ' right=' + Math.round(r.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: w, bad: bad.slice(0, 5)};
}"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("需要 Debian 的 chromium：运行 scripts/install-system-deps.sh")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def new_page(browser, served, device: str):
    width, height = WIDTHS[device]
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="en-US", accept_downloads=True
    )
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.device = device  # type: ignore[attr-defined]
    pg.external_requests = []  # type: ignore[attr-defined]
    pg.on(
        "request",
        lambda r: (
            None if r.url.startswith((served.url, "data:", "blob:")) else pg.external_requests.append(r.url)
        ),
    )
    pg.goto(served.url)
    pg.get_by_role("tab", name="政策问答").wait_for()
    return pg


@pytest.fixture(scope="module", params=list(WIDTHS))
def page(request, browser, served):
    pg = new_page(browser, served, request.param)
    yield pg
    pg.context.close()


def open_tab(page, name: str) -> None:
    tab = page.get_by_role("tab", name=name)
    if tab.count() and tab.first.is_visible():
        tab.first.click()
    else:  # a phone shows the first tabs and a 「更多页面」 menu
        page.locator(".overflow-menu > button").click()
        page.locator(".overflow-menu button, .overflow-dropdown button").filter(has_text=name).first.click()
    page.wait_for_timeout(400)


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}-{page.device}.png"), full_page=True)


def assert_fits_and_is_chinese(page, where: str) -> None:
    fit = page.evaluate(OVERFLOW_JS)
    assert fit["scrollWidth"] <= fit["width"] + 1 and not fit["bad"], (where, page.device, fit)
    text = page.evaluate(UI_TEXT_JS)
    english = sorted(
        {
            w
            for w in re.findall(r"(?<![0-9A-Za-z])[A-Za-z]{3,}(?: [A-Za-z]{2,})*(?![0-9A-Za-z])", text)
            if w not in ALLOWED
        }
    )
    if english:
        ctx = page.evaluate(
            "(w) => Array.from(document.querySelectorAll('body *')).filter(e => e.childElementCount === 0 && "
            "(e.textContent.includes(w) || [...e.attributes].some(a => a.value.includes(w))))"
            ".map(e => e.outerHTML.slice(0, 160)).slice(0, 3)",
            english[0].split()[0],
        )
    assert english == [], (where, page.device, ", ".join(english), ctx if english else None)


def test_ask_and_open_the_citation(page) -> None:
    open_tab(page, "政策问答")
    shot(page, "01-qa-empty")
    assert_fits_and_is_chinese(page, "政策问答")
    assert not page.locator("#qa-export-file").is_visible()  # no empty 对话记录 box before an export
    page.locator("#qa-input textarea").fill("五职矿长有什么学历要求？")
    page.locator("#qa-input textarea").press("Enter")
    mark = page.locator("#chat .cite-mark").first
    mark.wait_for()
    page.wait_for_timeout(800)
    answer = page.locator("#chat .answer").last
    text = answer.inner_text()
    assert "二、（一）1." in text and "九江市矿山安全生产治本攻坚三年行动实施方案" in text
    assert "可能相关的条款" not in text  # only with a refusal
    top = answer.bounding_box()["y"]
    assert -2 <= top < page.viewport_size["height"] / 2  # the window shows the start of the newest answer
    mark.click()
    quote = page.locator("#cite-panel mark.quote")
    quote.wait_for()
    page.wait_for_timeout(500)
    assert "大专以上学历" in quote.inner_text()
    box = page.locator("#cite-panel").bounding_box()
    assert box["y"] < page.viewport_size["height"] and box["y"] + box["height"] > 0  # in view, no scrolling
    shot(page, "02-qa-citation")
    assert_fits_and_is_chinese(page, "政策问答（引用）")
    if page.device == "phone":  # a drawer over the chat, closed by its button
        page.locator("#cite-panel .cite-close").click()
        page.wait_for_timeout(400)
        assert page.locator("#cite-panel").bounding_box()["y"] >= page.viewport_size["height"] - 1


def test_every_tab_fits_the_screen_in_chinese(page) -> None:
    for i, name in enumerate(TABS[1:], start=3):
        open_tab(page, name)
        shot(page, f"{i:02d}-{name}")
        assert_fits_and_is_chinese(page, name)


def test_upload_a_docx_and_find_its_clause_in_search(page, tmp_path: Path, make_docx) -> None:
    if page.device == "phone":
        pytest.skip("the upload flow runs once, on the desktop")
    doc = make_docx(
        tmp_path / "采空区管理办法.docx",
        "某市金属非金属矿山采空区管理办法",
        [f"地下矿山企业应当建立采空区管理制度，{PHRASE}。", "发现采空区异常的，应当立即撤出作业人员。"],
    )
    open_tab(page, "知识库管理")
    page.locator("#kb-upload input[type=file]").set_input_files(str(doc))
    page.wait_for_timeout(1000)
    page.locator("#kb-upload-go").click()
    page.locator("#kb-report").get_by_text("✓ 已索引").first.wait_for(timeout=120_000)
    assert "采空区管理办法" in page.locator("#kb-docs").inner_text()
    shot(page, "10-kb-after-upload")

    open_tab(page, "条款检索")
    page.locator("#search-query textarea").fill(PHRASE)
    page.locator("#search-go").click()
    first = page.locator("#search-results .hit").first
    first.wait_for()
    text = first.inner_text()
    assert "某市金属非金属矿山采空区管理办法》第一条" in text and PHRASE in text


def corpus_files(served) -> list[str]:
    root = served.config.corpus_dir
    return sorted(p.name for p in root.iterdir() if p.is_file())


def test_removing_a_document_asks_names_it_moves_it_to_the_trash_and_restores_it(page, served) -> None:
    if page.device == "phone":
        pytest.skip("the removal flow runs once, on the desktop")
    open_tab(page, "知识库管理")
    before = corpus_files(served)
    doc = next(d for d in served.assistant.searcher.store.documents.values() if d.doc_id == "nmsa-notice")
    pick = page.locator("#kb-pick input")
    assert pick.input_value() == ""  # nothing is preselected
    pick.click()
    page.get_by_role("option", name=re.compile("nmsa-notice")).click()
    page.wait_for_timeout(500)
    assert page.get_by_label("标题").first.input_value() == doc.catalog.title  # the form is the card

    page.locator("#kb-remove").click()
    confirm = page.locator("#kb-confirm-text")
    confirm.wait_for()
    assert doc.catalog.title in confirm.inner_text() and "回收站" in confirm.inner_text()
    shot(page, "11-kb-confirm")
    page.locator("#kb-confirm-cancel").click()
    page.wait_for_timeout(500)
    assert not page.locator("#kb-confirm-text").is_visible()
    assert corpus_files(served) == before  # cancelled: nothing moved

    page.locator("#kb-remove").click()
    page.locator("#kb-confirm-go").click()
    page.locator("#kb-status").get_by_text("移入回收站").wait_for(timeout=120_000)
    after = corpus_files(served)
    assert len(after) == len(before) - 2 and not any("nmsa" in f for f in after)  # the file and its card
    trash = served.config.corpus_dir / ".trash"
    assert any("nmsa" in p.name for p in trash.rglob("*") if p.is_file())

    page.locator("#kb-trash input").click()
    page.get_by_role("option", name=re.compile("nmsa-notice")).click()
    page.locator("#kb-restore").click()
    page.locator("#kb-status").get_by_text("已恢复").wait_for(timeout=120_000)
    assert corpus_files(served) == before
    assert "nmsa-notice" in page.locator("#kb-docs").inner_text()


def test_generate_a_quiz_bank_and_download_it(page, tmp_path: Path) -> None:
    open_tab(page, "培训题库")
    page.locator("#quiz-go").click()  # no topic or document: a friendly warning, not a traceback
    page.get_by_text("请填写主题，或选择一个文档").first.wait_for()
    page.locator("#quiz-topic textarea").fill("五职矿长")
    page.locator("#quiz-go").click()
    page.locator("#quiz-status").get_by_text("已生成").wait_for()
    link = page.locator('#quiz-files a[download$=".xlsx"]').first
    with page.expect_download() as info:
        link.click()
    target = tmp_path / "bank.xlsx"
    info.value.save_as(str(target))
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert "题干" in header and sheet.max_row >= 2
    shot(page, "12-quiz-made")
    assert_fits_and_is_chinese(page, "培训题库（已生成）")


def test_a_draft_lists_its_sources(page) -> None:
    open_tab(page, "宣传材料")
    page.locator("#draft-topic textarea").fill("尾矿库")
    page.locator("#draft-go").click()
    page.locator("#draft-files a").first.wait_for()
    assert "〔1〕" in page.locator("#draft-preview").inner_text()
    shot(page, "13-draft-made")
    assert_fits_and_is_chinese(page, "宣传材料（已生成）")


def test_the_page_made_no_request_outside_the_app(page) -> None:
    assert page.external_requests == []  # no CDN fonts or scripts, no analytics
