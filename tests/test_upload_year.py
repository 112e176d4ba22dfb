"""After an Excel import, 我的填报 shows the year that was imported."""

from django.urls import reverse

from tests.test_bad_input import _row, _upload, _workbook


def test_after_an_import_the_entry_page_shows_the_imported_year(client, staff_fgj):
    client.force_login(staff_fgj)
    preview = _upload(client, _workbook([_row(year=2022)]))
    response = client.post(
        reverse("entry_upload_confirm"), {"token": preview.context["token"], "action": "save"}
    )
    assert response["Location"] == reverse("entry_list") + "?year=2022"
    assert client.get(response["Location"]).context["year"] == 2022


def test_an_entry_form_for_a_year_outside_the_plan_is_404(client, staff_fgj):
    from indicators.models import Indicator

    gdp = Indicator.objects.get(plan__code="14th", number=1)
    client.force_login(staff_fgj)
    for year in (2020, 2026, 1900, 9999):
        assert client.get(reverse("entry_edit", args=[gdp.pk, year])).status_code == 404
