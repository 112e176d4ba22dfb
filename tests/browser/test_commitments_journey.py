"""A commitment of the plan's text, from the quote to the report: a planning admin
assigns it to a bureau, the bureau reports the year's progress, a reviewer approves
it, and its status is on the commitments page and in the evaluation report."""

import io
import re

import docx
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Commitment

PASSWORD = "Hongshan-2026!"
TOILETS = "c6-3-06"  # 建设公共厕所30座


def _login(page, server, username):
    page.goto(server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _logout(page):
    page.get_by_role("button", name="退出").click()


def test_a_commitment_is_assigned_reported_approved_and_evaluated(
    page, live_plans, screenshots, chinese_font, requests_seen
):
    server = live_plans
    call_command("create_account", "ylj", role="staff", bureau=["区园林局"], password=PASSWORD)
    call_command("create_account", "guihua", role="planner", password=PASSWORD)
    commitment = Commitment.objects.select_related("indicator").get(code=TOILETS)
    quote = commitment.quote

    page.goto(server.url + "/plans/14th/commitments/?as_of=2021")
    row = page.locator(f"tr#{TOILETS}")
    expect(row).to_contain_text(quote)
    expect(row).to_contain_text("未分配")

    # 1. The planning admin assigns it to 区园林局 in the admin.
    _login(page, server, "guihua")
    page.goto(server.url + "/admin/indicators/commitment/?q=" + TOILETS)
    page.locator("tr", has_text=TOILETS).locator("input[type=checkbox]").check()
    page.locator("select[name=action]").select_option("assign_bureaus")
    page.get_by_role("button", name=re.compile("执行|Go")).click()
    page.get_by_label("区园林局").check()
    page.screenshot(path=screenshots / "commitment-assign.png", full_page=True)
    page.get_by_role("button", name="分配").click()
    expect(page.get_by_text("已把1项正文目标分配给区园林局。")).to_be_visible()
    page.goto(server.url + "/plans/14th/")
    _logout(page)

    # 2. The bureau reports 2021: eight toilets built.
    _login(page, server, "ylj")
    page.get_by_label("年份").select_option("2021")
    page.locator("tr", has_text="公共厕所").get_by_role("link", name="填报").click()
    expect(page.get_by_text(quote)).to_be_visible()  # the quote on the entry page
    page.get_by_label("总量/数值").fill("８")
    page.get_by_label("来源").fill("区园林局统计")
    page.get_by_label("备注").fill("建成8座")
    page.get_by_role("button", name="检查读取结果").click()
    expect(page.get_by_text("“８” → 8")).to_be_visible()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("公共厕所 2021年:已提交审核。")).to_be_visible()
    _logout(page)

    # 3. A planning admin approves it.
    _login(page, server, "guihua")
    page.goto(server.url + "/review/")
    page.locator("tr", has_text="公共厕所").get_by_role("button", name="通过").click()
    expect(page.get_by_text("已通过:公共厕所 2021年。")).to_be_visible()
    _logout(page)

    # 4. Its status on the commitments page: 8 of 30 after a year of five, ahead of pace.
    page.goto(server.url + "/plans/14th/commitments/?as_of=2021")
    row = page.locator(f"tr#{TOILETS}")
    expect(row).to_contain_text("区园林局")
    expect(row).to_contain_text("2021年:8")
    expect(row.locator(".badge.pace")).to_have_text("快于预期")
    row.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "commitments-14th.png", full_page=False)

    # 5. And in the evaluation report, in its own section.
    page.goto(server.url + "/plans/14th/warnings/?as_of=2021")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="评估报告(Word)").click()
    report = docx.Document(io.BytesIO(download_info.value.path().read_bytes()))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "五、规划正文中的量化目标" in text
    line = next(line for line in text.splitlines() if line.startswith(TOILETS))
    assert quote in line and "快于预期" in line and "区园林局" in line
    assert all(url.startswith(server.url) for url in requests_seen)
