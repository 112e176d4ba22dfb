from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import add_generated_indicators
from tests.helpers import count_queries


def test_anonymous_sees_both_plans_latest_first(client, plans):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("“十四五”规划") < html.index("“十三五”规划")
    assert "25项主要指标" in html and "18项主要指标" in html
    assert 'lang="zh-Hans"' in html


def test_a_signed_in_user_sees_the_same_page(client, plans):
    client.force_login(User.objects.create_user("reader"))
    assert client.get(reverse("home")).status_code == 200


def test_home_refuses_writes(client, plans):
    assert client.post(reverse("home")).status_code == 405


def test_empty_database_says_how_to_load_the_plans(client, empty_db):
    assert "make run" in client.get(reverse("home")).content.decode()


def test_home_query_count_does_not_grow_with_indicators(client, plan14):
    real = count_queries(client, reverse("home"))
    add_generated_indicators(plan14, 1000)
    assert count_queries(client, reverse("home")) == real <= 3  # and the regions (switcher)
