"""A collection round end to end: the planning admin opens the 2025 快报 round; 区发改局
enters through the grid and 区园林局 through the round's workbook; one value is
returned and fixed; 区人力资源局 reports nothing, shows as late and is reminded by
email; the round closes and a late save is refused."""

import datetime
import re

from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from indicators.models import CollectionRound, YearlyValue

PASSWORD = "Hongshan-2026!"


def _login(page, server, username):
    page.goto(server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _logout(page):
    page.get_by_role("button", name="退出").click()


def _account(username, role, *bureaus, email=""):
    call_command(
        "create_account", username, role=role, bureau=list(bureaus), password=PASSWORD, stdout=None
    )
    if email:
        from django.contrib.auth.models import User

        User.objects.filter(username=username).update(email=email)


def test_a_round_from_opening_to_closing(page, live_plans, screenshots, chinese_font, tmp_path):
    server = live_plans
    _account("guihua", "planner")
    _account("fgj", "staff", "区发改局", email="fgj@hongshan.example")
    _account("ylj", "staff", "区园林局", email="ylj@hongshan.example")
    _account("rlj", "staff", "区人力资源局", email="rlj@hongshan.example")
    today = timezone.localdate()

    # 1. The planning admin opens the round.
    _login(page, server, "guihua")
    page.goto(server.url + "/rounds/")
    page.get_by_label("规划").select_option(label="“十四五”规划")
    page.get_by_label("年份").fill("2025")
    page.get_by_label("阶段").select_option(label="快报")
    page.get_by_label("截止日期").fill(f"{today + datetime.timedelta(days=5):%Y-%m-%d}")
    page.get_by_label("宽限天数").fill("2")
    page.get_by_role("button", name="开启").click()
    expect(page.get_by_text(re.compile("已开启:“十四五”2025年快报"))).to_be_visible()
    page.screenshot(path=screenshots / "rounds-opened.png", full_page=True)
    _logout(page)

    # 2. 区发改局 enters through the grid, seeing each reading before saving.
    _login(page, server, "fgj")
    page.get_by_role("link", name="区发改局逐项填报").click()
    expect(page.get_by_role("heading", name="“十四五”2025年快报 · 区发改局")).to_be_visible()
    gdp_value = page.get_by_label("1. 地区生产总值增长 总量/数值")
    gdp_value.fill("１，２３４．５")
    expect(page.locator("#row-1 output").first).to_have_text("１，２３４．５ → 1234.5")
    page.get_by_label("1. 地区生产总值增长 增速").fill("18.5")
    page.get_by_label("2. 全员劳动生产率增长 增速").fill("7.2")
    expect(page.get_by_label("2. 全员劳动生产率增长 来源")).to_have_value("统计快报")
    page.screenshot(path=screenshots / "round-grid.png", full_page=True)
    page.get_by_role("button", name="全部提交审核").click()
    expect(page.get_by_text("2项指标已提交审核。")).to_be_visible()
    expect(page.locator("#row-1 .state-submitted")).to_contain_text("已提交")
    _logout(page)

    # 3. 区园林局 downloads the round's workbook, fills it in and uploads it.
    _login(page, server, "ylj")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载填报表(Excel)").first.click()
    download = download_info.value
    assert download.suggested_filename == "洪山区“十四五”2025年快报填报表-区园林局.xlsx"
    path = tmp_path / "filled.xlsx"
    download.save_as(path)
    workbook = load_workbook(path)
    sheet = workbook["填报"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "森林覆盖率")
    row[9].value = "10.6"
    workbook.save(path)
    page.goto(server.url + "/entry/upload/")
    page.get_by_label("Excel文件(.xlsx)").set_input_files(path)
    page.get_by_role("button", name="上传并预览").click()
    expect(page.locator("tr", has_text="森林覆盖率")).to_contain_text("10.6")
    page.get_by_role("button", name="全部提交审核").click()
    expect(page.get_by_text(re.compile(r"已导入1条\d{4}年的数值,已提交审核。"))).to_be_visible()
    _logout(page)

    # 4. Review: the jump-free values are approved together; GDP is returned.
    _login(page, server, "guihua")
    page.goto(server.url + "/review/")
    expect(page.locator("tr", has_text="森林覆盖率")).to_contain_text("快报")
    page.get_by_label("选择 全员劳动生产率增长 2025年").check()
    page.get_by_label("选择 森林覆盖率 2025年").check()
    page.screenshot(path=screenshots / "round-review.png", full_page=True)
    page.get_by_role("button", name="通过所选").click()
    expect(page.get_by_text("已通过2项数值。")).to_be_visible()
    gdp_row = page.locator("tr", has_text="地区生产总值增长")
    gdp_row.get_by_label("退回意见").fill("增速18.5%与统计快报不符,请核对")
    gdp_row.get_by_role("button", name="退回").click()
    expect(page.get_by_text("已退回:地区生产总值增长 2025年。")).to_be_visible()
    _logout(page)

    # 5. 区发改局 sees the comment in the inbox and fixes the value in the grid.
    _login(page, server, "fgj")
    page.goto(server.url + "/notices/")
    expect(page.get_by_text(re.compile("增速18.5%与统计快报不符"))).to_be_visible()
    page.screenshot(path=screenshots / "notices.png", full_page=True)
    page.get_by_role("link", name=re.compile("填报已开始")).click()
    expect(page.locator("#row-1")).to_contain_text("退回意见:增速18.5%与统计快报不符")
    page.get_by_label("1. 地区生产总值增长 增速").fill("8.3")
    page.get_by_role("button", name="全部提交审核").click()
    expect(page.get_by_text("1项指标已提交审核。")).to_be_visible()
    _logout(page)
    _login(page, server, "guihua")
    page.goto(server.url + "/review/")
    page.locator("tr", has_text="地区生产总值增长").get_by_role("button", name="通过").click()
    expect(page.get_by_text("已通过:地区生产总值增长 2025年。")).to_be_visible()
    gdp = YearlyValue.objects.approved().get(indicator__plan__code="14th", indicator__number=1)
    assert (gdp.growth.text, gdp.stage) == ("8.3", "preliminary")

    # 6. A week passes: the deadline was two days ago (still within the grace), the
    # values above were submitted on time, and 区人力资源局 has reported nothing.
    round = CollectionRound.objects.get()
    week = datetime.timedelta(days=7)
    CollectionRound.objects.filter(pk=round.pk).update(deadline=today - datetime.timedelta(days=2))
    YearlyValue.objects.filter(year=2025).update(submitted_at=F("submitted_at") - week)
    page.goto(server.url + "/entry/progress/")
    late = page.locator("tr", has_text="区人力资源局")
    expect(late.locator(".board-late")).to_have_count(1)
    expect(late.locator("td.late")).to_have_text("1")
    expect(page.locator("tr", has_text="区园林局").locator("td.on-time")).to_have_text("1")
    page.screenshot(path=screenshots / "round-board.png", full_page=True)
    mail.outbox.clear()
    call_command("send_reminders", stdout=None)
    call_command("send_reminders", stdout=None)  # nothing twice
    reminded = [m for m in mail.outbox if m.to == ["rlj@hongshan.example"]]
    assert len(reminded) == 1 and "已逾期" in reminded[0].subject
    assert "区人力资源局还有1项未报" in reminded[0].body

    # 7. The admin closes the round: a late save is refused.
    page.goto(server.url + "/rounds/")
    page.get_by_role("button", name="结束本轮").click()
    expect(page.get_by_text("已结束:“十四五”2025年快报。数值已锁定。")).to_be_visible()
    page.screenshot(path=screenshots / "round-closed.png", full_page=True)
    _logout(page)
    _login(page, server, "fgj")
    page.goto(server.url + "/entry/")
    page.get_by_label("年份").select_option("2025")
    page.locator("tr", has_text="居民人均可支配收入增长").get_by_role("link", name="填报").click()
    expect(page.get_by_role("alert").first).to_contain_text("锁定")
    page.get_by_label("增速(%,必填)").fill("8.0")
    page.get_by_role("button", name="检查读取结果").click()
    expect(page.get_by_text(re.compile("填报已由规划管理员结束,数值已锁定")).first).to_be_visible()
    page.screenshot(path=screenshots / "round-late-save-refused.png", full_page=True)
    assert not YearlyValue.objects.filter(indicator__number=7, year=2025).exists()
