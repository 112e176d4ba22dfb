"""Regions (issue 14): two districts whose bureaus share names, and their city.

Staff, planners and the API of one district see nothing unapproved of the other; a
city's planner sees both districts' pending counts and approves neither; a city
indicator shows its districts; a 完成市下达目标 gets a status once the city sets it.
The 武昌区 and 武汉市 plans are sample data (tests/data/regions/).
"""

import datetime

import pytest
from django.urls import reverse

from indicators.models import Bureau, Indicator, Region
from indicators.permissions import can_enter, can_review, can_see_pending
from indicators.services import (
    EntryError,
    RuleError,
    UnknownBureau,
    bureau_for_name,
    city_target_assign,
    regions_load,
    value_approve,
)
from indicators.services.values import Base
from tests.helpers import count_queries
from tests.regions import HONGSHAN, WUCHANG, WUHAN, link_districts, load_wuchang


def _account(username, role, region, *bureaus):
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command(
        "create_account",
        username,
        role=role,
        bureau=list(bureaus),
        region=region,
        password="Hongshan-2026!",
        stdout=None,
    )
    return User.objects.get(username=username)


def _submit(indicator, user, value, growth=""):
    from indicators.services import value_save

    return value_save(
        indicator=indicator,
        year=2021,
        value=value,
        growth=growth,
        source="统计快报",
        user=user,
        base=Base(),
        submit=True,
    )


@pytest.fixture
def wuchang(plans):
    return load_wuchang()


@pytest.fixture
def city_air(plans):
    """The sample city's 空气质量优良天数比率, with 洪山区's and 武昌区's linked."""
    return link_districts()


@pytest.fixture
def staff_wc(wuchang):
    """Staff of 武昌区's 区发改局 (the same name as 洪山区's)."""
    return _account("wc-fgj", "staff", WUCHANG, "区发改局")


@pytest.fixture
def planner_wc(wuchang):
    return _account("wc-guihua", "planner", WUCHANG)


@pytest.fixture
def city_planner(city_air):
    return _account("city-guihua", "planner", WUHAN)


@pytest.fixture
def city_official(city_air):
    return _account("city-leader", "official", WUHAN)


@pytest.fixture
def hongshan_submitted(gdp14, staff_fgj):
    """A 2021 value of 洪山区's GDP awaiting review (8.8)."""
    return _submit(gdp14, staff_fgj, "1188.8", growth="8.8")


@pytest.fixture
def wuchang_submitted(wuchang, staff_wc):
    gdp = Indicator.objects.get(plan=wuchang, number=1)
    return _submit(gdp, staff_wc, "1377.7", growth="6.6")


# ------------------------------------------------------------------ the data


def test_regions_load_is_idempotent_and_hongshan_is_under_wuhan(plans):
    assert regions_load() == 0  # loaded by load_plans already
    hongshan = Region.objects.get(code=HONGSHAN)
    assert hongshan.path == "武汉市 › 洪山区"
    assert Region.objects.get(code=WUHAN).children.count() == 13
    assert Region.objects.get(code="420106").name == "武昌区"


def test_existing_data_is_hongshans(plan14, plan13):
    assert {plan14.region.code, plan13.region.code} == {HONGSHAN}
    assert set(Bureau.objects.values_list("region__code", flat=True)) == {HONGSHAN}


def test_two_districts_have_bureaus_of_the_same_name(wuchang):
    both = Bureau.objects.filter(name="区发改局")
    assert {bureau.region.code for bureau in both} == {HONGSHAN, WUCHANG}
    wuchang_gdp = Indicator.objects.get(plan=wuchang, number=1)
    assert wuchang_gdp.bureaus.get().region.code == WUCHANG
    hongshan = Region.objects.get(code=HONGSHAN)
    assert bureau_for_name("区发改局", region=hongshan).region == hongshan
    with pytest.raises(UnknownBureau, match="请指明行政区划"):
        bureau_for_name("区发改局")


def test_plan_codes_stay_unique_across_regions(wuchang):
    from indicators.services import plan_create

    with pytest.raises(RuleError, match="已有代码"):
        plan_create(
            user=None,
            region=HONGSHAN,
            code="wuchang-sample",
            name="x",
            title="x",
            start_year=2021,
            end_year=2025,
            base_year=2020,
        )


# ------------------------------------------------------- one district, the other


def test_staff_see_and_enter_only_their_own_districts_indicators(
    client, staff_wc, gdp14, hongshan_submitted
):
    client.force_login(staff_wc)
    rows = client.get(reverse("entry_list") + "?year=2021").context["rows"]
    assert {row[0].plan.code for row in rows} == {"wuchang-sample"}
    assert client.get(reverse("entry_edit", args=[gdp14.pk, 2021])).status_code == 403
    history = client.get(reverse("indicator_history", args=["14th", 1])).content.decode()
    assert "1188.8" not in history


def test_a_district_planner_sees_nothing_unapproved_of_the_other_and_approves_nothing(
    client, planner_wc, gdp14, hongshan_submitted, wuchang_submitted
):
    client.force_login(planner_wc)
    review = client.get(reverse("review_list"))
    pending = [row["entry"] for row in review.context["rows"]]
    assert pending == [wuchang_submitted]
    assert review.context["elsewhere"] == []
    page = client.get(reverse("indicator", args=["14th", 1]) + "?pending=1")
    assert page.context["pending"] is None and "1188.8" not in page.content.decode()
    assert "1188.8" not in client.get(reverse("plan_dashboard", args=["14th"]) + "?pending=1")
    with pytest.raises(EntryError, match="其他行政区划"):
        value_approve(entry=hongshan_submitted, user=planner_wc, base=Base.of(hongshan_submitted))
    response = client.post(
        reverse("review_decide", args=[hongshan_submitted.pk]),
        {"action": "approve", "base": str(Base.of(hongshan_submitted))},
    )
    assert response.status_code == 302
    hongshan_submitted.refresh_from_db()
    assert hongshan_submitted.state == "submitted"


def test_the_api_of_one_district_shows_nothing_unapproved_of_either(
    client, staff_wc, hongshan_submitted, wuchang_submitted
):
    client.force_login(staff_wc)
    for code in ("wuchang-sample", "14th"):
        body = client.get(reverse("api_plan_indicators", args=[code])).content.decode()
        assert "1188.8" not in body and "1377.7" not in body


def test_progress_counts_only_the_users_region(client, planner_wc, hongshan_submitted):
    client.force_login(planner_wc)
    rows = client.get(reverse("entry_progress") + "?year=2021").context["rows"]
    assert {bureau.region.code for bureau, _ in rows} == {WUCHANG}


# ----------------------------------------------------------------- the city


def test_a_city_planner_sees_both_districts_pending_and_approves_neither(
    client, city_planner, gdp14, hongshan_submitted, wuchang_submitted
):
    client.force_login(city_planner)
    review = client.get(reverse("review_list"))
    assert review.context["rows"] == []  # the city's own values only
    counts = {region.code: count for region, count in review.context["elsewhere"]}
    assert counts[HONGSHAN] == 1 and counts[WUCHANG] == 1
    assert "各区待审核数" in review.content.decode()
    for code, number, shown in (("14th", 1, "1188.8"), ("wuchang-sample", 1, "1377.7")):
        page = client.get(reverse("indicator", args=[code, number]) + "?pending=1")
        assert shown in page.content.decode()
    for entry in (hongshan_submitted, wuchang_submitted):
        with pytest.raises(EntryError):
            value_approve(entry=entry, user=city_planner, base=Base.of(entry))
    assert not can_enter(city_planner, gdp14)


def test_a_city_official_sees_district_pending_values(client, city_official, hongshan_submitted):
    client.force_login(city_official)
    page = client.get(reverse("indicator", args=["14th", 1]) + "?pending=1")
    assert "1188.8" in page.content.decode()


# -------------------------------------------------------- the matrix: region × role

# Who may enter, review and see the pending values of a 洪山区 indicator (14th, 1).
MATRIX = {
    # (role, region): (enter, review, see pending)
    ("staff", HONGSHAN): (True, False, False),
    ("staff", WUCHANG): (False, False, False),
    ("planner", HONGSHAN): (True, True, True),
    ("planner", WUCHANG): (False, False, False),
    ("planner", WUHAN): (False, False, True),
    ("official", HONGSHAN): (False, False, True),
    ("official", WUCHANG): (False, False, False),
    ("official", WUHAN): (False, False, True),
}


@pytest.mark.parametrize(("role", "region"), list(MATRIX))
def test_permission_matrix_region_by_role(city_air, gdp14, role, region):
    bureaus = ["区发改局"] if role == "staff" else []
    user = _account(f"{role}-{region}", role, region, *bureaus)
    gdp14 = Indicator.objects.select_related("plan").get(pk=gdp14.pk)
    got = (can_enter(user, gdp14), can_review(user, gdp14), can_see_pending(user, gdp14.plan))
    assert got == MATRIX[(role, region)]


def test_a_district_planner_manages_only_their_regions_accounts(planner_wc, staff_fgj):
    from indicators.services import account_set, can_manage

    assert not can_manage(planner_wc, staff_fgj)
    with pytest.raises(RuleError):
        account_set(
            user=staff_fgj,
            role="staff",
            bureaus=[bureau_for_name("区发改局", region=Region.objects.get(code=HONGSHAN))],
            acting_user=planner_wc,
            region=HONGSHAN,
        )


# ------------------------------------------------------ targets passed down


def test_a_city_indicator_shows_both_districts_on_its_page_and_scorecard(client, city_air):
    page = client.get(reverse("indicator", args=["wuhan-sample", 2]))
    rows = page.context["districts"]
    assert {row.region.code for row in rows} == {HONGSHAN, WUCHANG}
    html = page.content.decode()
    assert "洪山区" in html and "武昌区" in html and "市下达" in html
    scorecard = client.get(reverse("city_scorecard", args=["wuhan-sample"]))
    assert scorecard.status_code == 200
    html = scorecard.content.decode()
    assert html.count("洪山区") >= 2 and html.count("武昌区") >= 2  # GDP and air quality
    district_page = client.get(reverse("indicator", args=["14th", 16])).content.decode()
    assert "对应的市级指标" in district_page and "90" in district_page


def test_the_scorecard_ranks_districts_by_their_gap_to_pace(
    client, city_air, staff_fgj, planning_admin, staff_wc, planner_wc
):
    """洪山区 at 91 (target 90, ahead), 武昌区 at 84 (target 88, behind its own base)."""
    from indicators.services import value_save

    for staff, reviewer, code, value in (
        (_account("hs-sthj", "staff", HONGSHAN, "区生态环境局"), planning_admin, "14th", "91"),
        (_account("wc-sthj", "staff", WUCHANG, "区生态环境局"), planner_wc, "wuchang-sample", "84"),
    ):
        indicator = Indicator.objects.get(plan__code=code, number=16 if code == "14th" else 2)
        entry = value_save(
            indicator=indicator,
            year=2021,
            value=value,
            growth="",
            source="统计快报",
            user=staff,
            base=Base(),
            submit=True,
        )
        value_approve(entry=entry, user=reviewer, base=Base.of(entry))
    rows = client.get(reverse("indicator", args=["wuhan-sample", 2])).context["districts"]
    assert [(row.rank, row.region.code) for row in rows] == [(1, HONGSHAN), (2, WUCHANG)]
    assert rows[0].pace.gap > 0 > rows[1].pace.gap
    scorecard = client.get(reverse("city_scorecard", args=["wuhan-sample"])).content.decode()
    assert scorecard.index("洪山区") < scorecard.index("武昌区")


def test_a_city_target_gives_a_districts_phrase_a_status(plans, staff_fgj, planning_admin):
    from indicators.services import value_save

    air = Indicator.objects.get(plan__code="14th", number=16)
    assert air.target.text == "完成市下达目标"
    entry = value_save(
        indicator=air,
        year=2021,
        value="91",
        growth="",
        source="统计快报",
        user=_account("hs-sthj", "staff", HONGSHAN, "区生态环境局"),
        base=Base(),
        submit=True,
    )
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    air.refresh_from_db()
    before = air.computed_status
    link_districts(hongshan_target="90")
    air.refresh_from_db()
    assert air.target.text == "完成市下达目标"  # what was printed stays printed
    assert air.assigned_target.text == "90"
    assert air.computed_status != before
    assert air.computed_status in {"on_track", "achieved"}
    assert air.target_assignments.get().reason.startswith("样例")


def test_city_target_rules(city_air, planner_wc, city_planner, gdp14):
    air = Indicator.objects.get(plan__code="14th", number=16)
    arguments = {
        "indicator": air,
        "city_indicator": city_air,
        "reason": "市文件",
        "effective_date": datetime.date(2022, 1, 1),
    }
    with pytest.raises(RuleError, match="市级规划管理员"):
        city_target_assign(**arguments, target="91", user=planner_wc)
    with pytest.raises(RuleError, match="不是数字"):
        city_target_assign(**arguments, target="好转", user=city_planner)
    with pytest.raises(RuleError, match="依据"):
        city_target_assign(**{**arguments, "reason": " "}, target="91", user=city_planner)
    with pytest.raises(RuleError, match="上级"):
        city_target_assign(**{**arguments, "city_indicator": gdp14}, target="9", user=None)
    city_target_assign(**arguments, target="91", user=city_planner)
    air.refresh_from_db()
    history = [(a.old_target.text, a.target.text) for a in air.target_assignments.order_by("pk")]
    assert history == [("", "90"), ("90", "91")]
    assert air.assigned_target.text == "91"


# ---------------------------------------------------------- the public pages


def test_public_pages_show_one_region_at_a_time(client, wuchang):
    home = client.get(reverse("home"))
    assert {plan.code for plan in home.context["plans"]} == {"13th", "14th"}
    assert "?region=420106" in home.content.decode()  # the switcher
    other = client.get(reverse("home") + "?region=420106")
    assert [plan.code for plan in other.context["plans"]] == ["wuchang-sample"]
    bureaus = client.get(reverse("bureau_list") + "?region=420106").context["bureaus"]
    assert {bureau.region.code for bureau in bureaus} == {WUCHANG}
    assert client.get(reverse("home") + "?region=999999").status_code == 404


def test_one_district_shows_no_switcher(client, plans):
    assert "region-switcher" not in client.get(reverse("home")).content.decode()


# ------------------------------------------------------------- query counts


def test_city_pages_query_counts_do_not_grow_with_districts(client, city_air):
    from tests.factories import add_generated_indicators

    urls = [
        reverse("city_scorecard", args=["wuhan-sample"]),
        reverse("indicator", args=["wuhan-sample", 2]),
        reverse("home"),
    ]
    small = [count_queries(client, url) for url in urls]
    # Two more districts with plans linked to the city, and 200 more indicators each.
    from indicators.services import plan_create

    for code in ("420102", "420103"):
        plan = plan_create(
            user=None,
            region=code,
            code=f"more-{code}",
            name="【样例数据】",
            title="样例",
            start_year=2021,
            end_year=2025,
            base_year=2020,
            synthetic=True,
        )
        for indicator in add_generated_indicators(plan, 200)[:2]:
            city_target_assign(
                indicator=indicator,
                city_indicator=city_air,
                target="",
                user=None,
                reason="样例",
                effective_date=datetime.date(2022, 1, 1),
            )
    assert [count_queries(client, url) for url in urls] == small
