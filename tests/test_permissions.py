"""The permission matrix: every URL × every role → the expected answer.

Generated from the URL configuration: a new URL without a row here fails
`test_every_url_has_a_rule`, so its rules are decided before it ships.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from indicators.models import Bureau, CollectionRound, Indicator, Narrative, Plan, YearlyValue
from tests.accounts import account
from tests.regions import link_districts

ROLES = ["anonymous", "official", "staff_a", "staff_b", "planner", "superuser"]
LOGIN = "login"  # a redirect to the login page


def _round():
    """An open round of the 14th plan's 2025 快报 (set-up, as a planner would open it)."""
    round, _ = CollectionRound.objects.get_or_create(
        plan=Plan.objects.get(code="14th"),
        year=2025,
        stage="preliminary",
        defaults={"deadline": timezone.localdate() + datetime.timedelta(days=7)},
    )
    return round


def _evidence():
    """A submitted 2021 value of 地区生产总值增长 (区发改局) with a PDF attached."""
    gdp = Indicator.objects.get(plan__code="14th", number=1)
    value = YearlyValue(indicator=gdp, year=2021, growth="8%", state="submitted")
    value.attachment.save("evidence.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    value.save()
    return value


def _sample(name):
    """How to build the URL of each route for the matrix."""
    gdp = lambda: Indicator.objects.get(plan__code="14th", number=1)  # noqa: E731 (区发改局)
    fgj = lambda: Bureau.objects.get(name="区发改局").pk  # noqa: E731
    return {
        "round_list": lambda: reverse("round_list"),
        "round_close": lambda: reverse("round_close", args=[_round().pk]),
        "round_reopen": lambda: reverse("round_reopen", args=[_round().pk]),
        "round_template": lambda: reverse("round_template", args=[_round().pk]),
        "round_grid": lambda: reverse("round_grid", args=[_round().pk, fgj()]),
        "entry_reading": lambda: reverse("entry_reading") + "?text=%EF%BC%91%EF%BC%8C%EF%BC%92",
        "review_approve_all": lambda: reverse("review_approve_all"),
        "value_attachment": lambda: reverse("value_attachment", args=[_evidence().pk]),
        "notice_list": lambda: reverse("notice_list"),
        "home": lambda: reverse("home"),
        "healthz": lambda: reverse("healthz"),
        "plan_dashboard": lambda: reverse("plan_dashboard", args=["14th"]),
        "plan_table": lambda: reverse("plan_table", args=["14th"]),
        "plan_scorecard": lambda: reverse("plan_scorecard", args=["14th"]),
        "city_scorecard": lambda: (
            link_districts() and reverse("city_scorecard", args=["wuhan-sample"])
        ),
        "plan_commitments": lambda: reverse("plan_commitments", args=["14th"]),
        "api_plan_commitments": lambda: reverse("api_plan_commitments", args=["14th"]),
        "plan_file": lambda: reverse("plan_file", args=["14th"]),
        "indicator": lambda: reverse("indicator", args=["14th", 1]),
        "indicator_history": lambda: reverse("indicator_history", args=["14th", 1]),
        "bureau_list": lambda: reverse("bureau_list"),
        "bureau": lambda: reverse("bureau", args=[Bureau.objects.get(name="区发改局").pk]),
        "api_plans": lambda: reverse("api_plans"),
        "api_plan_indicators": lambda: reverse("api_plan_indicators", args=["14th"]),
        "login": lambda: reverse("login"),
        "start": lambda: reverse("start"),
        "password_change": lambda: reverse("password_change"),
        "password_change_done": lambda: reverse("password_change_done"),
        "password_reset_issue": lambda: reverse(
            "password_reset_issue", args=[account("sample", "staff", "区发改局").pk]
        ),
        "password_reset_confirm": lambda: _reset_link(account("sample", "official")),
        "password_reset_complete": lambda: reverse("password_reset_complete"),
        "logout": lambda: reverse("logout"),
        "entry_list": lambda: reverse("entry_list"),
        "entry_edit": lambda: reverse("entry_edit", args=[gdp().pk, 2021]),
        "entry_progress": lambda: reverse("entry_progress"),
        "entry_template": lambda: (
            reverse("entry_template")
            + f"?bureau={Bureau.objects.get(name='区发改局').pk}&year=2021"
        ),
        "entry_upload": lambda: reverse("entry_upload"),
        "entry_upload_confirm": lambda: reverse("entry_upload_confirm"),
        "review_list": lambda: reverse("review_list"),
        "plan_warnings": lambda: reverse("plan_warnings", args=["14th"]) + "?as_of=2021",
        "api_plan_warnings": lambda: reverse("api_plan_warnings", args=["14th"]),
        "plan_summary": lambda: reverse("plan_summary", args=["14th"]),
        "report_completion_xlsx": lambda: reverse("report_completion_xlsx", args=["13th"]),
        "report_completion_docx": lambda: reverse("report_completion_docx", args=["13th"]),
        "report_evaluation_docx": lambda: reverse("report_evaluation_docx", args=["13th"]),
        "report_evaluation_pdf": lambda: reverse("report_evaluation_pdf", args=["13th"]),
        "narrative_edit": lambda: reverse("narrative_edit", args=[gdp().pk, 2021]),
        "narrative_review_list": lambda: reverse("narrative_review_list"),
        "narrative_review_decide": lambda: reverse(
            "narrative_review_decide",
            args=[
                Narrative.objects.create(
                    indicator=gdp(), year=2021, cause="原因", state="submitted"
                ).pk
            ],
        ),
        "review_decide": lambda: reverse(
            "review_decide",
            args=[
                YearlyValue.objects.create(
                    indicator=gdp(), year=2021, growth="8%", state="submitted"
                ).pk
            ],
        ),
    }[name]()


def _reset_link(user):
    from indicators.services.accounts import password_reset_issue

    root = account("sample-root", "superuser")
    return password_reset_issue(acting_user=root, user=user, site_url="http://testserver/").url


PUBLIC = dict.fromkeys(ROLES, 200)
REDIRECT = dict.fromkeys(ROLES, 302)
ENTRY = {"anonymous": LOGIN, "official": 403, "staff_a": 200, "staff_b": 200}
ENTRY |= {"planner": 200, "superuser": 200}
OWN_BUREAU_ONLY = {**ENTRY, "staff_b": 403}
PLANNER_ONLY = {"anonymous": LOGIN, "official": 403, "staff_a": 403, "staff_b": 403}
PLANNER_ONLY |= {"planner": 200, "superuser": 200}
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN}
NOT_ALLOWED = dict.fromkeys(ROLES, 405)

GET_RULES = {
    "home": PUBLIC,
    "healthz": PUBLIC,
    "plan_dashboard": PUBLIC,
    "plan_table": PUBLIC,
    "plan_scorecard": PUBLIC,
    "city_scorecard": PUBLIC,
    "plan_commitments": PUBLIC,
    "api_plan_commitments": PUBLIC,
    "plan_file": PUBLIC,
    "indicator": PUBLIC,
    "bureau_list": PUBLIC,
    "bureau": PUBLIC,
    "api_plans": PUBLIC,
    "api_plan_indicators": PUBLIC,
    "login": PUBLIC,
    "logout": NOT_ALLOWED,  # signing out is a POST
    "indicator_history": SIGNED_IN,
    "start": REDIRECT,  # each role to its own start page
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "password_reset_issue": PLANNER_ONLY,
    "password_reset_confirm": REDIRECT,  # the token moves into the session
    "password_reset_complete": PUBLIC,
    "entry_list": ENTRY,
    "entry_edit": OWN_BUREAU_ONLY,
    "entry_progress": SIGNED_IN,
    "entry_template": OWN_BUREAU_ONLY,
    "entry_upload": ENTRY,
    "entry_upload_confirm": NOT_ALLOWED,
    "review_list": PLANNER_ONLY,
    "review_decide": NOT_ALLOWED,
    # The evaluation: public like the plan table and its export (approved data only).
    "plan_warnings": PUBLIC,
    "api_plan_warnings": PUBLIC,
    "plan_summary": PUBLIC,
    "report_completion_xlsx": PUBLIC,
    "report_completion_docx": PUBLIC,
    "report_evaluation_docx": PUBLIC,
    "report_evaluation_pdf": PUBLIC,
    "narrative_edit": OWN_BUREAU_ONLY,
    "narrative_review_list": PLANNER_ONLY,
    "narrative_review_decide": NOT_ALLOWED,
    "round_list": ENTRY,
    "round_close": NOT_ALLOWED,
    "round_reopen": NOT_ALLOWED,
    "round_template": ENTRY,  # each staff member gets their own bureaus' workbook
    "round_grid": OWN_BUREAU_ONLY,
    "entry_reading": ENTRY,
    "review_approve_all": NOT_ALLOWED,
    # a submitted value: its bureau, planning admins and officials
    "value_attachment": {**OWN_BUREAU_ONLY, "official": 200},
    "notice_list": SIGNED_IN,
}

READ_ONLY = dict.fromkeys(ROLES, 405)
POST_RULES = {
    **{name: READ_ONLY for name, rule in GET_RULES.items() if rule is PUBLIC and name != "login"},
    "indicator_history": READ_ONLY,
    "start": READ_ONLY,
    "password_change": SIGNED_IN,  # an empty form: shown again with its errors
    "password_change_done": {**READ_ONLY, "anonymous": LOGIN},
    "password_reset_issue": PLANNER_ONLY,  # the link, shown once
    "password_reset_confirm": REDIRECT,
    "entry_progress": READ_ONLY,
    "entry_template": READ_ONLY,
    "entry_list": READ_ONLY,
    "login": dict.fromkeys(ROLES, 200),  # the form again, with its error
    "logout": dict.fromkeys(ROLES, 302),
    "entry_edit": OWN_BUREAU_ONLY,  # an empty form: shown again with its errors
    "entry_upload": ENTRY,
    "entry_upload_confirm": {
        **ENTRY,
        "staff_a": 302,
        "staff_b": 302,
        "planner": 302,
        "superuser": 302,
    },
    "review_list": READ_ONLY,
    "review_decide": {**PLANNER_ONLY, "planner": 302, "superuser": 302},
    # An empty form: refused by the service (nothing written), shown again with why.
    "narrative_edit": {**OWN_BUREAU_ONLY, "staff_a": 400, "planner": 400, "superuser": 400},
    "narrative_review_list": READ_ONLY,
    "narrative_review_decide": {**PLANNER_ONLY, "planner": 302, "superuser": 302},
    # an empty form: refused with its errors for planners; staff may not open rounds
    "round_list": {**ENTRY, "staff_a": 403, "staff_b": 403, "planner": 400, "superuser": 400},
    "round_close": {**PLANNER_ONLY, "planner": 302, "superuser": 302},
    "round_reopen": {**PLANNER_ONLY, "planner": 302, "superuser": 302},
    "round_template": READ_ONLY,
    # nothing typed: "no changes", back to the grid
    "round_grid": {**OWN_BUREAU_ONLY, "staff_a": 302, "planner": 302, "superuser": 302},
    "entry_reading": READ_ONLY,
    "review_approve_all": {**PLANNER_ONLY, "planner": 302, "superuser": 302},
    # no file chosen: back to the form with a message; others' values refused
    "value_attachment": {**OWN_BUREAU_ONLY, "staff_a": 302, "planner": 302, "superuser": 302},
    "notice_list": {**dict.fromkeys(ROLES, 302), "anonymous": LOGIN},
}


def _names(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name != "admin":  # the admin has its own tests
                yield from _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.name


URL_NAMES = sorted(_names(get_resolver().url_patterns))


def test_every_url_has_a_rule():
    assert set(URL_NAMES) == set(GET_RULES) == set(POST_RULES)


@pytest.fixture
def as_role(client, plans):
    def sign_in(role):
        accounts = {
            "official": ("leader", "official", []),
            "staff_a": ("fgj", "staff", ["区发改局"]),
            "staff_b": ("ylj", "staff", ["区园林局"]),
            "planner": ("guihua", "planner", []),
            "superuser": ("root", "superuser", []),
        }
        if role != "anonymous":
            username, kind, bureaus = accounts[role]
            call_command("create_account", username, role=kind, bureau=bureaus, stdout=None)
            from django.contrib.auth.models import User

            client.force_login(User.objects.get(username=username))
        return client

    return sign_in


def _expect(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URL_NAMES)
def test_get(as_role, name, role):
    client = as_role(role)
    _expect(client.get(_sample(name)), GET_RULES[name][role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URL_NAMES)
def test_post(as_role, name, role):
    client = as_role(role)
    _expect(client.post(_sample(name)), POST_RULES[name][role])
