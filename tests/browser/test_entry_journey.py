"""A bureau's staff member enters a value, the planning admin approves it, and
officials see it on the dashboard and the chart."""

import re

from django.core.management import call_command
from playwright.sync_api import expect

PASSWORD = "Hongshan-2026!"


def _login(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _logout(page):
    page.get_by_role("button", name="退出").click()


def test_value_entered_submitted_approved_and_shown(page, live_plans, screenshots):
    call_command("create_account", "fgj", role="staff", bureau=["区发改局"], password=PASSWORD)
    call_command("create_account", "guihua", role="planner", password=PASSWORD)
    server = live_plans

    page.goto(server.url + "/plans/14th/")
    gdp_card = page.locator("#indicator-1")
    expect(gdp_card.locator(".badge.status")).to_have_text("无数据")

    # 1. Staff of 区发改局 enters 2021 for 地区生产总值增长 and submits it.
    _login(page, server, "fgj")
    expect(page.get_by_role("heading", name=re.compile("我的填报"))).to_be_visible()
    page.get_by_label("年份").select_option("2021")
    row = page.locator("tr", has_text="地区生产总值增长")
    expect(row.locator("td").nth(4)).to_have_text("未填")
    row.get_by_role("link", name="填报").click()
    page.get_by_label("总量(如有)").fill("１，２００")  # typed on a Chinese IME
    page.get_by_label("增速(%,必填)").fill("8.5%")
    page.get_by_role("button", name="检查读取结果").click()
    expect(page.get_by_text("“１，２００” → 1200")).to_be_visible()
    page.screenshot(path=screenshots / "entry-preview.png", full_page=True)
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("地区生产总值增长 2021年:已提交审核。")).to_be_visible()
    expect(page.locator("tr", has_text="地区生产总值增长").locator("td").nth(4)).to_have_text(
        "已提交"
    )
    _logout(page)

    # Not approved yet: the dashboard still shows no data.
    page.goto(server.url + "/plans/14th/")
    expect(page.locator("#indicator-1 .badge.status")).to_have_text("无数据")

    # 2. The planning admin approves it.
    _login(page, server, "guihua")
    page.goto(server.url + "/review/")
    pending = page.locator("tr", has_text="地区生产总值增长")
    expect(pending).to_contain_text("1,200")  # stored as it will be published
    pending.get_by_role("button", name="通过").click()
    expect(page.get_by_text("已通过:地区生产总值增长 2021年。")).to_be_visible()
    _logout(page)

    # 3. The dashboard and the chart show it, and the status has changed.
    page.goto(server.url + "/plans/14th/")
    card = page.locator("#indicator-1")
    expect(card).to_contain_text("2021年")
    expect(card).to_contain_text("8.5%")
    expect(card.locator(".badge.status")).to_have_text("进度正常")
    page.screenshot(path=screenshots / "dashboard-14th-after-entry.png", full_page=True)
    card.get_by_role("link", name="地区生产总值增长").click()
    chart = page.locator("#indicator-chart[data-drawn='true']")
    expect(chart).to_be_visible()
    bars = page.evaluate(
        "document.getElementById('indicator-chart').data"
        ".filter(t => t.type === 'bar').map(t => [t.x, t.y])"
    )
    assert bars == [[[2021], [8.5]]]
    page.screenshot(path=screenshots / "indicator-14th-1-after-entry.png", full_page=True)
