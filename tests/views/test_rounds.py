"""The pages of collection rounds: the grid, the round workbook and its upload, the
review filters and approve-several, the board, the inbox and the evidence."""

import datetime
import io
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from indicators.models import Bureau, CollectionRound, Notice, YearlyValue
from indicators.services import Base, round_open, value_save
from tests.factories import add_generated_indicators
from tests.helpers import count_queries

PDF = b"%PDF-1.4\n% evidence\n"


@pytest.fixture
def round25(plan14, planning_admin):
    """The 14th plan's 2025 快报 round, due in a week."""
    return round_open(
        plan=plan14,
        year=2025,
        stage="preliminary",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
        user=planning_admin,
    )


def _fgj():
    return Bureau.objects.get(name="区发改局")


def _grid(round, bureau):
    return reverse("round_grid", args=[round.pk, bureau.pk])


def test_the_grid_shows_every_indicator_with_its_context(client, staff_fgj, round25, gdp14):
    client.force_login(staff_fgj)
    response = client.get(_grid(round25, _fgj()))
    rows = response.context["rows"]
    assert [row["indicator"].number for row in rows] == [1, 2, 7, 14]
    gdp = rows[0]
    assert gdp["base"].startswith("1080") and gdp["target"] == "1515;年均7左右"
    assert gdp["pace_label"]  # 序时进度 class, even with no value yet
    html = response.content.decode()
    assert 'value="统计快报"' in html  # 来源 pre-filled from the round


def test_the_grid_saves_all_or_nothing(client, staff_fgj, round25, gdp14):
    client.force_login(staff_fgj)
    rows = client.get(_grid(round25, _fgj())).context["rows"]
    labour = rows[1]["indicator"]
    data = {
        f"growth-{gdp14.pk}": "8.5",
        f"source-{gdp14.pk}": "统计快报",
        f"growth-{labour.pk}": "约7",  # an actual value cannot be "about"
        f"source-{labour.pk}": "统计快报",
        "action": "submit",
    }
    response = client.post(_grid(round25, _fgj()), data)
    assert response.status_code == 400
    assert not YearlyValue.objects.filter(year=2025).exists()
    assert "左右" in response.content.decode()
    data[f"growth-{labour.pk}"] = "７．１"
    response = client.post(_grid(round25, _fgj()), data)
    assert response.status_code == 302
    saved = YearlyValue.objects.filter(year=2025, round=round25)
    assert {(v.indicator_id, v.growth.text, v.state, v.stage) for v in saved} == {
        (gdp14.pk, "8.5", "submitted", "preliminary"),
        (labour.pk, "7.1", "submitted", "preliminary"),
    }


def test_the_live_reading_reads_full_width_figures(client, staff_fgj):
    client.force_login(staff_fgj)
    answer = client.get(reverse("entry_reading"), {"text": "１，２３４．５"}).json()
    assert answer == {"text": "１，２３４．５", "reading": "1234.5", "error": ""}
    assert client.get(reverse("entry_reading"), {"text": "1.2.3"}).json()["error"]


def test_staff_cannot_open_another_bureaus_grid(client, staff_ylj, round25):
    client.force_login(staff_ylj)
    assert client.get(_grid(round25, _fgj())).status_code == 403


def test_the_round_workbook_goes_out_and_comes_back(client, staff_fgj, round25, gdp14):
    client.force_login(staff_fgj)
    response = client.get(reverse("round_template", args=[round25.pk]))
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name == "洪山区“十四五”2025年快报填报表-区发改局.xlsx"
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["填报", "填报说明"]
    sheet = workbook["填报"]
    assert sheet.protection.sheet
    header = [cell.value for cell in sheet[1]]
    assert header[5:9] == ["基期值", "目标值", "上年数值", "序时进度"]
    assert sheet["L2"].value == "统计快报" and not sheet["L2"].protection.locked
    assert sheet["F2"].protection.locked and sheet["J2"].protection.locked is False
    assert sheet.data_validations.dataValidation
    sheet["K2"] = "8.5"  # 地区生产总值增长
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "filled.xlsx"
    preview = client.post(reverse("entry_upload"), {"file": buffer})
    assert preview.context["errors"] == [], preview.context["errors"]
    assert all(row["ok"] for row in preview.context["rows"]), [
        row["errors"] for row in preview.context["rows"]
    ]
    token = preview.context["token"]
    client.post(reverse("entry_upload_confirm"), {"token": token, "action": "submit"})
    value = YearlyValue.objects.get(indicator=gdp14, year=2025)
    assert (value.growth.text, value.stage, value.round) == ("8.5", "preliminary", round25)


def test_a_planner_gets_every_bureau_in_one_workbook(client, planning_admin, round25):
    client.force_login(planning_admin)
    response = client.get(reverse("round_template", args=[round25.pk]))
    sheet = load_workbook(io.BytesIO(response.content))["填报"]
    assert sheet.max_row - 1 == 18  # every indicator of the 14th plan with a bureau


def _submitted(indicator, user, growth, year=2021):
    return value_save(
        indicator=indicator,
        year=year,
        value="",
        growth=growth,
        source="统计快报",
        user=user,
        base=Base(),
        submit=True,
        confirmation="核对无误",
    )


def test_review_filters_flags_and_approves_several(
    client, staff_fgj, staff_ylj, planning_admin, gdp14, income14, forest14
):
    YearlyValue.objects.create(indicator=gdp14, year=2020, growth="2", state="approved")
    jump = _submitted(gdp14, staff_fgj, "12")  # 2 → 12: a jump of 10 points
    income = _submitted(income14, staff_fgj, "8")
    forest = value_save(
        indicator=forest14,
        year=2021,
        value="10.6",
        growth="",
        source="统计快报",
        user=staff_ylj,
        base=Base(),
        submit=True,
    )
    client.force_login(planning_admin)
    rows = client.get(reverse("review_list")).context["rows"]
    flagged = next(row for row in rows if row["entry"] == jump)
    assert any("变动超过5个百分点" in flag for flag in flagged["flags"])
    ylj = Bureau.objects.get(name="区园林局")
    only = client.get(reverse("review_list"), {"bureau": ylj.pk}).context["rows"]
    assert [row["entry"] for row in only] == [forest]
    response = client.post(
        reverse("review_approve_all"),
        {
            "entry": [jump.pk, income.pk],
            f"base-{jump.pk}": str(Base.of(jump)),
            f"base-{income.pk}": str(Base.of(income)),
        },
    )
    assert response.status_code == 302
    assert set(YearlyValue.objects.approved().filter(year=2021).values_list("pk", flat=True)) == {
        jump.pk,
        income.pk,
    }
    approved = client.get(reverse("review_list"), {"state": "approved"}).context["rows"]
    assert {row["entry"].pk for row in approved} >= {jump.pk, income.pk}


def test_the_board_counts_on_time_late_and_returned(
    client, staff_fgj, planning_admin, round25, gdp14
):
    _submitted(gdp14, staff_fgj, "8.5", year=2025)
    client.force_login(planning_admin)
    rows = {
        row["bureau"].name: row for row in client.get(reverse("entry_progress")).context["rows"]
    }
    fgj = rows["区发改局"]
    assert (fgj["expected"], fgj["on_time"], fgj["late"]) == (4, 1, 0)
    CollectionRound.objects.filter(pk=round25.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    rows = {
        row["bureau"].name: row for row in client.get(reverse("entry_progress")).context["rows"]
    }
    # The deadline was yesterday: the value submitted today was late, the others are.
    assert (rows["区发改局"]["on_time"], rows["区发改局"]["late"]) == (0, 4)
    html = client.get(reverse("entry_progress")).content.decode()
    assert reverse("entry_edit", args=[gdp14.pk, 2025]) in html


def test_the_inbox_shows_a_returned_value_and_marks_it_read(
    client, staff_fgj, planning_admin, gdp14
):
    from indicators.services import value_return

    entry = _submitted(gdp14, staff_fgj, "8.5")
    value_return(entry=entry, user=planning_admin, base=Base.of(entry), comment="请附统计快报")
    client.force_login(staff_fgj)
    response = client.get(reverse("notice_list"))
    assert response.context["unread"] == 1 and "请附统计快报" in response.content.decode()
    client.post(reverse("notice_list"))
    assert not Notice.objects.filter(user=staff_fgj, read_at__isnull=True).exists()


def test_send_reminders_is_idempotent(staff_fgj, round25, django_capture_on_commit_callbacks):
    staff_fgj.email = "fgj@example.cn"
    staff_fgj.save()
    CollectionRound.objects.filter(pk=round25.pk).update(
        deadline=timezone.localdate() + datetime.timedelta(days=2)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
        call_command("send_reminders", stdout=io.StringIO())
    assert len([m for m in mail.outbox if m.to == ["fgj@example.cn"]]) == 1


def test_evidence_is_type_checked_and_served_only_to_those_who_may_see_it(
    client, staff_fgj, staff_ylj, official, gdp14
):
    draft = value_save(
        indicator=gdp14,
        year=2021,
        value="",
        growth="8.5",
        source="统计快报",
        user=staff_fgj,
        base=Base(),
        submit=False,
    )
    url = reverse("value_attachment", args=[draft.pk])
    client.force_login(staff_fgj)
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "快报.pdf"
    client.post(url, {"attachment": fake, "base": str(Base.of(draft))})
    draft.refresh_from_db()
    assert not draft.attachment
    scan = io.BytesIO(PDF)
    scan.name = "2021年统计快报.pdf"
    client.post(url, {"attachment": scan, "base": str(Base.of(draft))})
    draft.refresh_from_db()
    assert draft.attachment_name == "2021年统计快报.pdf"
    response = client.get(url)
    assert response.content == PDF and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(staff_ylj)
    assert client.get(url).status_code == 403  # another bureau's draft
    client.force_login(official)
    assert client.get(url).status_code == 403  # a draft: not yet for officials


@pytest.mark.parametrize("size", [50, 333])
def test_the_grid_query_count_does_not_grow_with_indicators(
    client, plan14, planning_admin, size, django_assert_max_num_queries
):
    """The benchmark's bureau has 333 indicators; the grid reads them in a fixed number
    of queries (the same at 50 and at 333)."""
    add_generated_indicators(plan14, size)
    round = CollectionRound.objects.create(
        plan=plan14,
        year=2025,
        stage="preliminary",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    client.force_login(planning_admin)
    url = _grid(round, Bureau.objects.get(name="测试生成局甲"))
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert len(response.context["rows"]) == size
    assert count_queries(client, url) == count_queries(client, url)
