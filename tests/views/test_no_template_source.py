"""No template syntax leaks onto a page: Django's {# #} comments are one line only, and
a multi-line one is printed as text."""

import pytest
from django.urls import reverse

PAGES = [
    ("home", []),
    ("plan_dashboard", ["14th"]),
    ("plan_table", ["14th"]),
    ("indicator", ["14th", 18]),
    ("indicator", ["13th", 1]),
    ("plan_commitments", ["14th"]),
    ("plan_warnings", ["14th"]),
    ("plan_summary", ["14th"]),
    ("plan_scorecard", ["14th"]),
    ("bureau_list", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_no_template_syntax_on_the_page(client, plans, name, args):
    html = client.get(reverse(name, args=args)).content.decode()
    for token in ("{#", "#}", "{%", "%}"):  # ("}}" closes nested JSON of the charts)
        assert token not in html, f"{token} on {name}"
