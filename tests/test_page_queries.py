"""Query counts of the signed-in pages, at the real size and with 1,000 more indicators
(the public pages are counted in tests/views)."""

import pytest
from django.urls import reverse

from indicators.models import Bureau, Indicator, YearlyValue
from tests.accounts import account
from tests.factories import add_generated_indicators
from tests.helpers import count_queries


def _urls(bureau_name="区发改局"):
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    bureau = Bureau.objects.get(name=bureau_name)
    return {
        "entry_edit": reverse("entry_edit", args=[gdp.pk, 2021]),
        "indicator_history": reverse("indicator_history", args=["14th", 1]),
        "entry_template": reverse("entry_template") + f"?bureau={bureau.pk}&year=2021",
        "entry_upload": reverse("entry_upload"),
        "login": reverse("login"),
        "indicator_pending": reverse("indicator", args=["14th", 1]) + "?pending=1",
        "dashboard_pending": reverse("plan_dashboard", args=["14th"]) + "?pending=1",
    }


@pytest.mark.parametrize(
    "page",
    [
        "entry_edit",
        "indicator_history",
        "entry_template",
        "entry_upload",
        "login",
        "indicator_pending",
        "dashboard_pending",
    ],
)
def test_signed_in_pages_query_count_does_not_grow(client, plan14, page):
    client.force_login(account("guihua", "planner"))
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    YearlyValue.objects.create(indicator=gdp, year=2021, growth="8.5", state="submitted")
    real = count_queries(client, _urls()[page])
    generated = add_generated_indicators(plan14, 1000)
    YearlyValue.objects.bulk_create(
        YearlyValue(indicator=i, year=2021, version=2, growth="9", state="submitted")
        for i in generated
    )
    # The template of the generated bureau holds all 1,000 indicators.
    larger = _urls("测试生成局甲")[page]
    # The chart across plans (and its printed figures), the default as_of year, regions.
    assert count_queries(client, larger) == real <= 27  # + every plan's generation (cache key)


def test_officials_can_choose_to_see_pending_values_marked_as_such(client, official, plans):
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    YearlyValue.objects.create(indicator=gdp, year=2021, growth="8.5", state="submitted")
    url = reverse("indicator", args=["14th", 1])
    assert "8.5" not in client.get(url + "?pending=1").content.decode().split("<main>")[1]
    client.force_login(official)
    assert "显示待审核的数值" in client.get(url).content.decode()
    html = client.get(url + "?pending=1").content.decode()
    assert "待审核(未计入进度)" in html and "8.5" in html
    dashboard = client.get(reverse("plan_dashboard", args=["14th"]) + "?pending=1")
    assert "2021年:" in dashboard.content.decode() and "(待审核)" in dashboard.content.decode()
    gdp.refresh_from_db()
    assert gdp.status == "no_data"  # pending values never feed progress
