"""The input corpus through the doors users use: the entry form, the Excel upload, the
plan table's query string and the admin's target field. Each input is read (the page
shows its reading) or refused (the page shows the corpus' message), never a 500, and
nothing is written unless the input was readable and saved on purpose.

The pure corpus (tests/test_input_corpus.py) says what each input means; this file
proves the pages say the same."""

import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from indicators.models import TargetRevision, YearlyValue
from tests.admin_forms import admin_post_data
from tests.test_input_corpus import PARSE_CASES, WORKBOOK_CASES


def _written():
    return (YearlyValue.objects.count(), YearlyValue.history.count())


@pytest.mark.parametrize(
    ("text", "expected"), PARSE_CASES, ids=[repr(t)[:24] for t, _ in PARSE_CASES]
)
def test_each_figure_through_the_entry_form(client, planning_admin, patents14, text, expected):
    """The preview of the entry form (a level in 件): a readable figure is shown with its
    meaning or refused for what an actual value cannot be; an unreadable one is refused
    with the parser's message. The preview writes nothing."""
    client.force_login(planning_admin)
    before = _written()
    url = reverse("entry_edit", args=[patents14.pk, 2021])
    response = client.post(
        url, {"value": text, "growth": "", "source": "统计快报", "action": "preview"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    if len(text) > 64:  # the form's own limit comes first
        assert "不超过 64" in html
    elif expected.startswith("!"):
        assert escape(expected[1:]) in html
    else:
        check = response.context["preview"]
        assert check is not None  # read: its meaning shown, or why it is no yearly value
        assert escape(expected) in html or check.errors
    assert _written() == before


@pytest.mark.parametrize(
    ("text", "expected"), PARSE_CASES, ids=[repr(t)[:24] for t, _ in PARSE_CASES]
)
def test_each_figure_as_a_table_search(client, plans, text, expected):
    response = client.get(reverse("plan_table", args=["14th"]), {"q": text})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("case", "build", "expected"), WORKBOOK_CASES, ids=[case for case, _, _ in WORKBOOK_CASES]
)
def test_each_workbook_through_the_upload(client, planning_admin, case, build, expected):
    """Every workbook of the corpus uploaded: previewed or refused with the reader's
    message, and nothing saved before the user confirms."""
    client.force_login(planning_admin)
    before = _written()
    upload = io.BytesIO(build())
    upload.name = "填报表.xlsx"
    response = client.post(reverse("entry_upload"), {"file": upload})
    assert response.status_code == 200
    if not expected.startswith(("value=", "growth=")):
        assert escape(expected) in response.content.decode()
    assert _written() == before


ADMIN_CASES = [text for text, _ in PARSE_CASES[::5]]


@pytest.mark.parametrize("text", ADMIN_CASES, ids=[repr(t)[:24] for t in ADMIN_CASES])
def test_each_figure_as_a_target_in_the_admin(client, planning_admin, forest14, text):
    """A target typed in the admin: refused on the form (no revision), or a revision
    with its reason; never a 500."""
    client.force_login(planning_admin)
    url = reverse("admin:indicators_indicator_change", args=[forest14.pk])
    data = admin_post_data(client.get(url))
    data |= {"target": text, "revision_reason": "测试", "effective_date": "2022-03-01"}
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert not TargetRevision.objects.filter(indicator=forest14).exists()


def test_the_http_corpus_has_at_least_150_inputs():
    assert len(PARSE_CASES) * 2 + len(WORKBOOK_CASES) + len(ADMIN_CASES) >= 150
