"""What the plan printed stays printed: a revision is shown beside the print."""

import datetime
import re

from django.urls import reverse

from indicators.models import CollectionRound, YearlyValue
from indicators.selectors import current_entry
from indicators.services import Base, value_approve, value_save


def _revise_2018(gdp13, staff, reviewer):
    # The 13th plan has ended: a revision needs a round open for the year (issue 13).
    CollectionRound.objects.get_or_create(
        plan=gdp13.plan,
        year=2018,
        stage="final",
        defaults={"deadline": datetime.date.today() + datetime.timedelta(days=7)},
    )
    printed = current_entry(gdp13, 2018)
    entry = value_save(
        indicator=gdp13,
        year=2018,
        value="1190",
        growth="8.9",
        source="统计年报(修订)",
        note="",
        user=staff,
        base=Base.of(printed),
        submit=True,
    )
    return printed, value_approve(entry=entry, user=reviewer, base=Base.of(entry))


def test_a_revised_printed_figure_is_shown_beside_the_print(
    client, gdp13, planning_admin, planning_admin_2
):
    printed, _ = _revise_2018(gdp13, planning_admin, planning_admin_2)
    assert printed.printed and printed.source == "规划纲要原文"
    html = client.get(reverse("indicator", args=["13th", 1])).content.decode()
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    printed_row = next(row for row in rows if ">2018<" in row)
    assert printed.value.text in printed_row and "规划纲要原文" in printed_row
    revision_row = rows[rows.index(printed_row) + 1]
    assert "修订" in revision_row and "1190" in revision_row and "统计年报(修订)" in revision_row
    assert "1190" not in printed_row
    printed.refresh_from_db()
    assert printed.state == "superseded"  # kept, never overwritten


def test_the_entry_form_never_offers_the_plan_as_the_source_of_a_new_version(
    client, gdp13, planning_admin
):
    client.force_login(planning_admin)
    form = client.get(reverse("entry_edit", args=[gdp13.pk, 2018])).context["form"]
    assert form.initial["source"] != "规划纲要原文"
    assert YearlyValue.objects.get(indicator=gdp13, year=2018).printed
