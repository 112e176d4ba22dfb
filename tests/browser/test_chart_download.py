"""An official downloads an indicator's chart as SVG and PNG, drawn in the browser."""

from playwright.sync_api import expect


def test_official_downloads_the_chart_as_svg_and_png(
    page, live_plans, requests_seen, screenshots, chinese_font, tmp_path
):
    page.goto(live_plans.url + "/plans/13th/indicators/1/?as_of=2018")
    expect(page.locator("#indicator-chart[data-drawn='true']")).to_be_visible()
    expect(page.locator(".as-of-year")).to_have_text("2018年")

    with page.expect_download() as svg:
        page.get_by_role("button", name="SVG矢量图").first.click()
    assert svg.value.suggested_filename == "13th-1-地区生产总值.svg"
    path = tmp_path / "chart.svg"
    svg.value.save_as(path)
    assert path.read_text(encoding="utf-8").lstrip().startswith("<svg")

    with page.expect_download() as png:
        page.get_by_role("button", name="PNG图片").first.click()
    assert png.value.suggested_filename == "13th-1-地区生产总值.png"
    png.value.save_as(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    page.locator("#pace").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "indicator-pace-and-chart-download.png", full_page=True)
    host = live_plans.url
    assert not [u for u in requests_seen if not u.startswith((host, "data:", "blob:"))]
