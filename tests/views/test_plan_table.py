import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from indicators.models import Bureau, Category
from tests.factories import add_generated_indicators
from tests.helpers import count_queries

HEADERS = [
    "序号",
    "类别",
    "指标",
    "单位",
    "属性",
    "基期值",
    "目标值",
    "年均增长/累计",
    "最新值",
    "状态",
    "序时进度(截至2020年)",
    "完成情况(原文)",
    "责任单位",
]


def _table(client, code="13th", **params):
    return client.get(reverse("plan_table", args=[code]), params)


def _names(response) -> list[str]:
    return [row.record.name for row in response.context["table"].paginated_rows]


def test_anonymous_sees_every_indicator_with_figures_as_printed(client, plans):
    response = _table(client)
    assert response.status_code == 200
    assert len(_names(response)) == 25
    html = response.content.decode()
    for printed in ("&gt;1145", "【5】", "3.50%", "&lt;3.8%", "与经济增长保持同步", "全覆盖"):
        assert printed in html


def test_a_signed_in_user_sees_the_table(client, plans):
    client.force_login(User.objects.create_user("reader"))
    assert _table(client, "14th").status_code == 200


@pytest.mark.parametrize(
    ("sort", "first"),
    [("-number", "城镇常驻居民人均可支配收入"), ("number", "地区生产总值")],
)
def test_sortable_by_number(client, plans, sort, first):
    assert _names(_table(client, sort=sort))[0] == first


def test_sortable_by_name(client, plans):
    from indicators.models import Indicator

    ascending = _names(_table(client, sort="name"))
    by_database = Indicator.objects.filter(plan__code="13th").order_by("name")
    assert ascending == [i.name for i in by_database]  # the database's collation
    assert ascending != _names(_table(client, sort="number"))
    assert _names(_table(client, sort="-name")) == ascending[::-1]


def test_sortable_by_category_keeps_the_plan_order(client, plans):
    names = _names(_table(client, "14th", sort="category"))
    assert names[0] == "地区生产总值增长" and names[-1] == "森林覆盖率"


def test_filter_by_category(client, plans):
    category = Category.objects.get(plan__code="13th", name="资源环境")
    assert _names(_table(client, category=category.pk)) == [
        "绿化覆盖率",
        "绿地率",
        "人均公园绿地面积",
        "主要污染物排放量",
    ]


def test_filter_by_bureau_includes_co_responsible(client, plans):
    bureau = Bureau.objects.get(name="区经济开发区")
    assert _names(_table(client, bureau=bureau.pk)) == ["文化创意产业产值"]


@pytest.mark.parametrize(("nature", "count"), [("binding", 6), ("expected", 12), ("unmarked", 0)])
def test_filter_by_nature(client, plans, nature, count):
    assert len(_names(_table(client, "14th", nature=nature))) == count


def test_13th_plan_indicators_have_no_nature_printed(client, plans):
    assert len(_names(_table(client, nature="unmarked"))) == 25


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("失业", ["城镇登记失业率"]),
        ("洪山社保处", ["城镇参加基本养老保险人数"]),  # a former name finds the indicator
        ("园林 绿地", ["绿地率", "人均公园绿地面积"]),
    ],
)
def test_filter_by_text(client, plans, q, names):
    assert _names(_table(client, q=q)) == names


def test_filters_offer_only_this_plans_categories(client, plans):
    form = _table(client, "14th").context["filter"].form
    assert [c.name for c in form.fields["category"].queryset] == [
        "经济发展",
        "创新驱动",
        "民生福祉",
        "绿色生态",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"category": "abc"},
        {"category": "999999"},
        {"bureau": "-1"},
        {"nature": "<script>"},
        {"sort": "nonexistent"},
        {"q": "'; DROP TABLE indicators_indicator; --"},
        {"q": "x" * 5000},
    ],
)
def test_bad_filter_input_never_fails(client, plans, params):
    response = _table(client, **params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main>")[1]


@pytest.mark.parametrize("page", ["99", "0", "abc", "-1"])
def test_a_page_out_of_range_shows_the_nearest_page_not_an_error(client, plans, page):
    response = _table(client, page=page)
    assert response.status_code == 200
    assert len(_names(response)) == 25


def test_csv_export_has_chinese_headers_and_printed_figures(client, plans):
    response = _table(client, _export="csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('13th-indicators.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    years = [
        f"{y}年{slot}" for y in range(2016, 2021) for slot in ("总量/数值", "增速", "伴随数值")
    ]
    assert rows[0] == HEADERS + years
    gdp = rows[1]
    assert gdp[:8] == ["1", "经济发展", "地区生产总值", "亿元", "未标注", "744", ">1145", ">9%"]
    assert gdp[8] == "2020年:1036(增速-2.2)"
    assert gdp[9] == "难以完成"
    assert gdp[10] == "滞后于预期(差距-9.5197%)"
    assert gdp[13:16] == ["835", "8.7%", ""] and gdp[-3:] == ["1036", "-2.2", ""]
    rnd = rows[15]
    assert rnd[13:16] == ["3%", "", "25"] and rnd[-3:] == ["4%", "", ""]
    assert rows[14][9] == "已完成(计算:难以完成)"  # a recorded assessment, shown beside
    assert rows[22][6:8] == ["", "【5】"]
    assert len(rows) == 26


def test_xlsx_export_follows_the_filter(client, plans):
    bureau = Bureau.objects.get(name="区园林局")
    response = _table(client, "14th", bureau=bureau.pk, _export="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers, data = rows[2], rows[3:]  # below the title rows
    assert headers[:5] == ("序号", "类别", "指标", "单位", "属性")
    assert headers[-2:] == ("2025年增速·原文", "2025年增速·数值(%)")
    assert [row[2] for row in data] == ["森林覆盖率"]
    forest = dict(zip(headers, data[0], strict=True))
    assert forest["基期值·原文"] == "10.25" and forest["目标值·原文"] == ">10.50"


def test_table_refuses_writes(client, plans):
    assert client.post(reverse("plan_table", args=["13th"])).status_code == 405


def test_unknown_plan_is_404(client, plans):
    assert _table(client, "99th").status_code == 404


def test_table_query_count_does_not_grow_with_indicators(client, plan14):
    url = reverse("plan_table", args=["14th"]) + "?sort=name"
    real = count_queries(client, url)
    add_generated_indicators(plan14, 1000)
    assert count_queries(client, url) == real <= 11  # + target revisions (as_of)


@pytest.mark.parametrize(("status", "numbers"), [("qualitative", [19, 23, 24, 25]), ("behind", [])])
def test_filter_by_status(client, plans, status, numbers):
    rows = _table(client, status=status).context["table"].paginated_rows
    assert [row.record.number for row in rows] == numbers


def test_binding_targets_behind_come_first_in_the_table(client, plan14):
    from indicators.models import Indicator, YearlyValue
    from indicators.services import statuses_refresh

    YearlyValue.objects.create(
        indicator=Indicator.objects.get(plan=plan14, number=16),
        year=2021,
        value="80",
        state="approved",
    )
    YearlyValue.objects.create(
        indicator=Indicator.objects.get(plan=plan14, number=18),
        year=2021,
        value="9.9",
        state="approved",
    )
    statuses_refresh(plan=plan14)
    assert _names(_table(client, "14th"))[0] == "森林覆盖率"


@pytest.mark.parametrize(
    "q",
    [
        "执业（助理）",  # full-width brackets, as a Chinese input method types them
        "执业\u200b(助理)",  # a zero-width space pasted from a web page
        "  执业(助理)\u00a0",
        "执业（助理）\x0b",
    ],
)
def test_search_is_normalised_like_figures(client, plans, q):
    assert _names(_table(client, "14th", q=q)) == ["每千人口拥有执业(助理)医师数"]


def test_a_search_of_many_words_is_bounded_not_an_error(client, plans):
    response = _table(client, "14th", q=" ".join(["经济"] * 25))
    assert response.status_code == 200
    assert response.context["filter"].form.data["q"] == " ".join(["经济"] * 5)


@pytest.mark.parametrize(
    ("per_page", "shown"),
    [("-5", 1), ("0", 1), ("abc", 18), ("3", 3), ("99999999999999", 18), ("100000", 18)],
)
def test_page_size_is_bounded(client, plans, per_page, shown):
    response = _table(client, "14th", per_page=per_page)
    assert response.status_code == 200
    assert len(_names(response)) == shown
    assert response.context["table"].paginator.per_page <= 200


@pytest.mark.parametrize("page", ["0", "abc", "99999", "-1", "1" * 40])
def test_bad_page_numbers_show_a_page(client, plans, page):
    assert _table(client, "14th", page=page, per_page="5").status_code == 200


@pytest.mark.parametrize("sort", ["nonexistent", "-bogus__x", "name,number", "x" * 500])
def test_unknown_sort_columns_are_ignored(client, plans, sort):
    assert _table(client, "14th", sort=sort).status_code == 200


@pytest.mark.parametrize("fmt", ["pdf", "xls", "ods", "yaml", "json", "tsv", "latex", "", "x" * 99])
def test_only_the_offered_export_formats_are_served(client, plans, fmt):
    response = _table(client, "14th", _export=fmt)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
