from django.contrib.auth.models import User
from django.urls import reverse

from indicators.models import Bureau
from tests.factories import add_generated_indicators
from tests.helpers import count_queries


def test_bureau_list_shows_aliases_and_counts(client, plans):
    response = client.get(reverse("bureau_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "区社保处" in html and "洪山社保处" in html
    counts = {b.name: b.indicator_count for b in response.context["bureaus"]}
    assert counts["区发改局"] == 8  # 13th: 1, 2, 6, 25; 14th: 1, 2, 7, 14
    assert sum(counts.values()) == 25 + 1 + 18  # one indicator has two bureaus


def test_bureau_page_lists_indicators_of_both_plans_latest_plan_first(client, plans):
    bureau = Bureau.objects.get(name="区社保处")
    response = client.get(reverse("bureau", args=[bureau.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("基本养老保险参保率") < html.index("城镇参加基本养老保险人数")
    assert "印作“洪山社保处”" in html


def test_co_responsible_role_is_shown(client, plans):
    bureau = Bureau.objects.get(name="区经济开发区")
    html = client.get(reverse("bureau", args=[bureau.pk])).content.decode()
    assert "文化创意产业产值" in html and "配合单位" in html


def test_a_signed_in_user_sees_bureau_pages(client, plans):
    client.force_login(User.objects.create_user("reader"))
    assert client.get(reverse("bureau_list")).status_code == 200


def test_unknown_bureau_is_404(client, plans):
    assert client.get(reverse("bureau", args=[999999])).status_code == 404


def test_bureau_pages_refuse_writes(client, plans):
    bureau = Bureau.objects.first()
    assert client.post(reverse("bureau_list")).status_code == 405
    assert client.post(reverse("bureau", args=[bureau.pk])).status_code == 405


def test_bureau_page_query_count_does_not_grow_with_indicators(client, plan14):
    real = count_queries(client, reverse("bureau", args=[Bureau.objects.get(name="区园林局").pk]))
    add_generated_indicators(plan14, 1000)
    generated = Bureau.objects.get(name="测试生成局甲")  # responsible for all 1,000
    assert count_queries(client, reverse("bureau", args=[generated.pk])) == real <= 12
    assert count_queries(client, reverse("bureau_list")) <= 4  # and the regions (switcher)
