"""A planning admin revises a target in the admin; the indicator page shows it."""

from django.core.management import call_command
from playwright.sync_api import expect

PASSWORD = "Hongshan-2026!"


def test_planning_admin_revises_a_target(page, live_plans, screenshots):
    call_command("create_account", "guihua", role="planner", password=PASSWORD)
    server = live_plans
    page.goto(server.url + "/admin/")
    page.get_by_label("用户名").fill("guihua")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="规划管理")).to_be_visible()

    page.get_by_role("link", name="指标", exact=True).first.click()
    page.locator("#searchbar").fill("森林覆盖率")
    page.locator("#searchbar").press("Enter")
    page.get_by_role("link", name="森林覆盖率").first.click()
    page.get_by_role("textbox", name="目标值:").fill(">10.8")
    page.get_by_role("textbox", name="调整原因:").fill("市下达新的森林覆盖率目标。")
    page.get_by_role("textbox", name="生效日期:").fill("2022-03-01")
    page.screenshot(path=screenshots / "admin-target-revision.png", full_page=True)
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("成功")

    page.goto(server.url + "/plans/14th/indicators/18/")
    revisions = page.locator("table.revisions")
    expect(revisions).to_contain_text(">10.50")
    expect(revisions).to_contain_text(">10.8")
    expect(revisions).to_contain_text("市下达新的森林覆盖率目标。")
    expect(page.locator("#indicator-chart[data-drawn='true']")).to_be_visible()
    legend = page.locator("#indicator-chart .legendtext")
    expect(legend.filter(has_text="原目标路径(调整前)")).to_have_count(1)
    page.screenshot(path=screenshots / "indicator-14th-18-revised.png", full_page=True)
