"""Printing, and causes and measures from the bureau to the report.

- the dashboard, an indicator page, the plan table and the leaders' summary printed
  with page.pdf() (print media): rendered to PNG with pdftoppm for docs/screenshots;
- a bureau enters causes and measures for a binding indicator behind pace, a second
  planner approves them, and they appear in the generated report."""

import io
import re
import subprocess

import docx
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Plan
from tests.evaluation_data import enter_approved

PASSWORD = "Hongshan-2026!"


def _login(page, server, username):
    page.goto(server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _logout(page):
    page.get_by_role("button", name="退出").click()


def _print(page, path, screenshots, name):
    page.emulate_media(media="print")
    page.wait_for_timeout(300)  # plotly relayouts to the page width
    page.screenshot(path=screenshots / f"print-{name}-screen.png", full_page=True)
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-l", "2", str(path), str(screenshots / f"print-{name}")],
        check=True,
    )
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(path)], capture_output=True, text=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    return "".join(text.split()), pages


def test_printed_pages(page, live_plans, screenshots, chinese_font, tmp_path, requests_seen):
    server = live_plans
    enter_approved(Plan.objects.get(code="14th"))

    page.goto(server.url + "/plans/14th/")
    text, _ = _print(page, tmp_path / "dashboard.pdf", screenshots, "dashboard")
    assert "数据截至" in text and "打印日期" in text and "森林覆盖率" in text

    page.goto(server.url + "/plans/13th/indicators/1/")
    expect(page.locator("#indicator-chart[data-drawn='true']")).to_be_visible()
    text, _ = _print(page, tmp_path / "indicator.pdf", screenshots, "indicator")
    assert "地区生产总值" in text and "数据截至" in text
    width = page.evaluate("document.querySelector('#indicator-chart .main-svg').clientWidth")
    assert width > 300

    page.goto(server.url + "/plans/13th/table/")
    text, pages = _print(page, tmp_path / "table.pdf", screenshots, "table")
    assert "城镇常驻居民人均可支配收入" in text  # the whole name on one line, not cut
    info = subprocess.run(["pdfinfo", str(tmp_path / "table.pdf")], capture_output=True, text=True)
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size"))
    width_pt, height_pt = (float(x) for x in re.findall(r"[\d.]+", size)[:2])
    assert width_pt > height_pt  # landscape
    if pages > 1:  # the header row repeats: 序号 printed once per page
        assert text.count("序号") >= pages

    page.goto(server.url + "/plans/14th/summary/?as_of=2022")
    text, pages = _print(page, tmp_path / "summary.pdf", screenshots, "summary")
    assert pages == 1 and "森林覆盖率" in text and "数据截至:2022年底" in text
    assert all(url.startswith(server.url) for url in requests_seen)


def test_causes_and_measures_reach_the_report(page, live_plans, screenshots, chinese_font):
    server = live_plans
    call_command("create_account", "ylj", role="staff", bureau=["区园林局"], password=PASSWORD)
    call_command("create_account", "guihua", role="planner", password=PASSWORD)
    call_command("create_account", "guihua2", role="planner", password=PASSWORD)
    enter_approved(Plan.objects.get(code="14th"))

    # The warnings list 森林覆盖率 (binding, behind) without causes and measures.
    page.goto(server.url + "/plans/14th/warnings/?as_of=2022")
    row = page.locator("#warning-18")
    expect(row).to_contain_text("滞后于预期")
    expect(row).to_contain_text("低于序时进度")
    expect(row).to_contain_text("缺原因措施")
    page.screenshot(path=screenshots / "warnings-14th.png", full_page=True)

    # 1. The bureau writes them from 我的填报.
    _login(page, server, "ylj")
    page.get_by_label("年份").select_option("2022")
    page.locator("tr", has_text="森林覆盖率").get_by_role("link", name="原因与措施").click()
    expect(page.get_by_text("原因和措施都必须填写")).to_be_visible()
    page.get_by_label("原因").fill("受城市更新占用林地影响,新增造林面积不足。")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("请写明措施")).to_be_visible()  # the service's rule
    page.get_by_label("措施").fill("实施江滩造林工程,2023年新增林地1200亩。")
    page.screenshot(path=screenshots / "narrative-form.png", full_page=True)
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("森林覆盖率 2022年原因与措施:已提交审核。")).to_be_visible()
    _logout(page)

    # 2. A planner approves them (not the author: four eyes).
    _login(page, server, "guihua2")
    page.goto(server.url + "/review/")
    page.get_by_role("link", name="待审核的原因与措施").click()
    pending = page.locator("tr", has_text="森林覆盖率")
    expect(pending).to_contain_text("江滩造林")
    page.screenshot(path=screenshots / "narrative-review.png", full_page=True)
    pending.get_by_role("button", name="通过").click()
    expect(page.get_by_text("已通过:森林覆盖率 2022年原因与措施。")).to_be_visible()
    _logout(page)

    # 3. The warnings and the report carry them.
    page.goto(server.url + "/plans/14th/warnings/?as_of=2022")
    expect(page.locator("#warning-18")).to_contain_text("已报送")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="评估报告(Word)").click()
    report = docx.Document(io.BytesIO(download_info.value.path().read_bytes()))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "原因:受城市更新占用林地影响,新增造林面积不足。" in text
    assert "措施:实施江滩造林工程,2023年新增林地1200亩。" in text
