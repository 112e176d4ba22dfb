"""An official opens a plan's dashboard, then one indicator's chart."""

from playwright.sync_api import expect


def _only_this_host(urls, live_server):
    return [url for url in urls if not url.startswith((live_server.url, "data:", "blob:"))]


def test_official_reads_the_dashboard_and_an_indicator(
    page, live_plans, requests_seen, screenshots, chinese_font
):
    page.goto(live_plans.url + "/")
    expect(page.get_by_role("heading", name="五年规划主要指标")).to_be_visible()
    page.get_by_role("link", name="“十三五”规划").click()

    expect(page.get_by_role("heading", name="“十三五”规划主要指标看板")).to_be_visible()
    expect(page.locator("article.card")).to_have_count(25)
    # The first sparklines are drawn by plotly from our own static files.
    expect(
        page.locator("#indicator-1 .sparkline[data-drawn='true'] svg.main-svg").first
    ).to_be_visible()
    assert page.evaluate("document.fonts.check('16px \"WenQuanYi Zen Hei\"')")
    page.screenshot(path=screenshots / "dashboard-13th.png", full_page=True)

    page.get_by_role("link", name="高新技术产业增加值占比").click()
    expect(page.get_by_role("heading", name="14. 高新技术产业增加值占比")).to_be_visible()
    chart = page.locator("#indicator-chart[data-drawn='true']")
    expect(chart).to_be_visible()
    # Two line segments either side of the definition change, and its label.
    expect(chart.locator("g.trace.scatter")).not_to_have_count(0)
    expect(chart.get_by_text("备注4:口径调整")).to_be_visible()
    expect(page.get_by_text("自2019年起统计口径调整(备注4)")).to_be_visible()
    page.screenshot(path=screenshots / "indicator-13th-14.png", full_page=True)

    assert _only_this_host(requests_seen, live_plans) == []
    assert any(url.endswith("/static/vendor/plotly.min.js") for url in requests_seen)


def test_official_filters_and_sorts_the_plan_table(page, live_plans, requests_seen):
    page.goto(live_plans.url + "/plans/14th/table/")
    rows = page.locator("table.data-table tbody tr")
    expect(rows).to_have_count(18)
    page.get_by_label("属性").select_option(label="约束性")
    page.get_by_role("button", name="筛选").click()
    expect(rows).to_have_count(6)
    expect(page.get_by_role("link", name="森林覆盖率")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel(XLSX)").click()
    assert download.value.suggested_filename == "14th-indicators.xlsx"
    assert _only_this_host(requests_seen, live_plans) == []
