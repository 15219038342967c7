"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the served app.

Screenshots of every page go to ``screenshots/`` (git-ignored) for a reviewer to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PHRASE = "采空区每月巡查一次并建立巡查台账"


@pytest.fixture(scope="module")
def page(served):
    if not CHROMIUM.exists():
        pytest.fail("需要 Debian 的 chromium：运行 scripts/install-system-deps.sh")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True
        )
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        pg.external_requests = []  # type: ignore[attr-defined]
        pg.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((served.url, "data:", "blob:"))
                else pg.external_requests.append(r.url)
            ),
        )
        pg.goto(served.url)
        pg.get_by_role("tab", name="政策问答").wait_for()
        yield pg
        context.close()
        browser.close()


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(300)


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_ask_and_open_the_citation_in_the_side_panel(page) -> None:
    open_tab(page, "政策问答")
    shot(page, "01-qa-empty")
    page.locator("#qa-input textarea").fill("五职矿长有什么学历要求？")
    page.locator("#qa-input textarea").press("Enter")
    mark = page.locator("#chat .cite-mark").first
    mark.wait_for()
    answer = page.locator("#chat .answer").last.inner_text()
    assert "二、（一）1." in answer and "九江市矿山安全生产治本攻坚三年行动实施方案" in answer
    mark.click()
    quote = page.locator("#cite-panel mark.quote")
    quote.wait_for()
    assert "大专以上学历" in quote.inner_text()
    assert "二、（一）1." in page.locator("#cite-panel").inner_text()
    shot(page, "02-qa-citation")


def test_upload_a_docx_and_find_its_clause_in_search(page, tmp_path: Path, make_docx) -> None:
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
    shot(page, "06-kb-after-upload")

    open_tab(page, "条款检索")
    page.locator("#search-query textarea").fill(PHRASE)
    page.locator("#search-go").click()
    first = page.locator("#search-results .hit").first
    first.wait_for()
    text = first.inner_text()
    assert "某市金属非金属矿山采空区管理办法》第一条" in text and PHRASE in text
    shot(page, "03-search")


def test_generate_a_quiz_bank_and_download_it(page, tmp_path: Path) -> None:
    open_tab(page, "培训题库")
    page.locator("#quiz-go").click()  # no topic or document: a friendly warning, not a traceback
    page.get_by_text("请填写主题，或选择一个文档").first.wait_for()
    page.get_by_label("主题").first.fill("五职矿长")
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
    shot(page, "05-quiz")


def test_screenshots_of_the_other_pages(page) -> None:
    open_tab(page, "宣传材料")
    page.get_by_label("主题").first.fill("尾矿库")
    page.locator("#draft-go").click()
    page.locator("#draft-files a").first.wait_for()
    assert "〔1〕" in page.locator("#draft-preview").inner_text()
    shot(page, "04-draft")
    open_tab(page, "考试阅卷")
    shot(page, "07-grading")
    open_tab(page, "评测")
    shot(page, "08-eval")
    open_tab(page, "知识库管理")
    shot(page, "09-kb")


def test_the_page_made_no_request_outside_the_app(page) -> None:
    assert page.external_requests == []  # no CDN fonts or scripts, no analytics
