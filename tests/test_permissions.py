"""The permission matrix: every URL × every role → the expected answer.

Generated from the URL configuration: a new URL without a row here fails
`test_every_url_has_a_rule`, so its rules are decided before it ships.
"""

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from indicators.models import Bureau, Indicator, YearlyValue
from tests.regions import link_districts

ROLES = ["anonymous", "official", "staff_a", "staff_b", "planner", "superuser"]
LOGIN = "login"  # a redirect to the login page


def _sample(name):
    """How to build the URL of each route for the matrix."""
    gdp = lambda: Indicator.objects.get(plan__code="14th", number=1)  # noqa: E731 (区发改局)
    return {
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
        "indicator": lambda: reverse("indicator", args=["14th", 1]),
        "indicator_history": lambda: reverse("indicator_history", args=["14th", 1]),
        "bureau_list": lambda: reverse("bureau_list"),
        "bureau": lambda: reverse("bureau", args=[Bureau.objects.get(name="区发改局").pk]),
        "api_plans": lambda: reverse("api_plans"),
        "api_plan_indicators": lambda: reverse("api_plan_indicators", args=["14th"]),
        "login": lambda: reverse("login"),
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
        "review_decide": lambda: reverse(
            "review_decide",
            args=[
                YearlyValue.objects.create(
                    indicator=gdp(), year=2021, growth="8%", state="submitted"
                ).pk
            ],
        ),
    }[name]()


PUBLIC = dict.fromkeys(ROLES, 200)
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
    "indicator": PUBLIC,
    "bureau_list": PUBLIC,
    "bureau": PUBLIC,
    "api_plans": PUBLIC,
    "api_plan_indicators": PUBLIC,
    "login": PUBLIC,
    "logout": NOT_ALLOWED,  # signing out is a POST
    "indicator_history": SIGNED_IN,
    "entry_list": ENTRY,
    "entry_edit": OWN_BUREAU_ONLY,
    "entry_progress": SIGNED_IN,
    "entry_template": OWN_BUREAU_ONLY,
    "entry_upload": ENTRY,
    "entry_upload_confirm": NOT_ALLOWED,
    "review_list": PLANNER_ONLY,
    "review_decide": NOT_ALLOWED,
}

READ_ONLY = dict.fromkeys(ROLES, 405)
POST_RULES = {
    **{name: READ_ONLY for name, rule in GET_RULES.items() if rule is PUBLIC and name != "login"},
    "indicator_history": READ_ONLY,
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
