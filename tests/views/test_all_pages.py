"""Rules every page obeys, checked on every URL of the URL configuration.

A new URL without an entry in SAMPLE_ARGUMENTS fails here: decide its rules first.
"""

import pytest
from django.urls import reverse

from indicators.models import Bureau
from tests.conftest import SPAM_AND_BOILERPLATE
from tests.helpers import OFF_HOST

# The public pages; the permission matrix (tests/test_permissions.py) covers every URL.
SAMPLE_ARGUMENTS = {
    "home": lambda: [],
    "healthz": lambda: [],
    "plan_dashboard": lambda: ["13th"],
    "plan_table": lambda: ["14th"],
    "plan_scorecard": lambda: ["14th"],
    "indicator": lambda: ["13th", 14],
    "bureau_list": lambda: [],
    "bureau": lambda: [Bureau.objects.get(name="区社保处").pk],
    "api_plans": lambda: [],
    "api_plan_indicators": lambda: ["13th"],
    "login": lambda: [],
}
URL_NAMES = sorted(SAMPLE_ARGUMENTS)


@pytest.fixture(params=URL_NAMES)
def url(request, plans):
    return reverse(request.param, args=SAMPLE_ARGUMENTS[request.param]())


def test_anonymous_can_read(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("name", [name for name in URL_NAMES if name != "login"])
def test_writes_are_refused(client, plans, name, method):
    url = reverse(name, args=SAMPLE_ARGUMENTS[name]())
    assert getattr(client, method)(url).status_code == 405


def test_nothing_is_loaded_from_another_host(client, url):
    body = client.get(url).content.decode()
    assert not OFF_HOST.search(body)


def test_no_spam_or_boilerplate(client, url):
    body = client.get(url).content.decode()
    for phrase in SPAM_AND_BOILERPLATE:
        assert phrase not in body


@pytest.mark.parametrize(
    ("html", "leaves"),
    [
        ('<script src="https://cdn.example.com/plotly.js"></script>', True),
        ("<link href='//fonts.googleapis.com/css' rel=stylesheet>", True),
        ("<style>@import 'x.css';</style>", True),
        ('<div style="background: url(http://x/y.png)">', True),
        ('<a href="/plans/13th/">', False),
        ('<script src="/static/vendor/plotly.min.js"></script>', False),
    ],
)
def test_the_off_host_check_itself(html, leaves):
    assert bool(OFF_HOST.search(html)) is leaves
