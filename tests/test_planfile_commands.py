"""Plan files through the commands, the admin upload (preview, then all or nothing)
and the public download."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.models import Indicator, Plan, YearlyValue
from indicators.planfile import read_plan_file
from tests.planfile_samples import HANDWRITTEN_CODE, INDICATORS, handwritten_plan_file


@pytest.fixture
def planner_client(client, planning_admin):
    client.force_login(planning_admin)
    return client


def _upload(data: bytes, name: str = "plan.xlsx"):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def test_export_plan_then_import_plan_changes_nothing(plans, tmp_path):
    path = tmp_path / "plan14.xlsx"
    call_command("export_plan", "14th", str(path))
    before = YearlyValue.objects.count(), Indicator.objects.count()
    out = io.StringIO()
    call_command("import_plan", str(path), stdout=out)
    assert "与库中一致" in out.getvalue()
    assert before == (YearlyValue.objects.count(), Indicator.objects.count())


def test_import_plan_creates_a_plan_from_a_file(plans, tmp_path):
    path = tmp_path / "demo.xlsx"
    path.write_bytes(handwritten_plan_file())
    call_command("import_plan", str(path), stdout=io.StringIO())
    assert Plan.objects.get(code=HANDWRITTEN_CODE).indicators.count() == 7


def test_import_plan_loads_another_districts_plan_with_its_own_bureaus(plans, tmp_path):
    """武昌区 has bureaus of the same names as 洪山区's: the file's names are its own."""
    from indicators.models import Bureau
    from indicators.services import bureau_create

    for name in ("区公安分局", "区发改局", "区科经局", "区人力资源局"):
        bureau_create(name=name, user=None, region="420106")
    path = tmp_path / "wuchang.xlsx"
    path.write_bytes(handwritten_plan_file())
    call_command("import_plan", str(path), region="420106", stdout=io.StringIO())
    plan = Plan.objects.get(code=HANDWRITTEN_CODE)
    assert plan.region.code == "420106"
    bureaus = Bureau.objects.filter(indicator_links__indicator__plan=plan).distinct()
    assert {bureau.region.code for bureau in bureaus} == {"420106"}
    hongshan = Bureau.objects.get(name="区发改局", region__code="420111")
    assert not hongshan.indicator_links.filter(indicator__plan=plan).exists()


def test_import_plan_refuses_a_bad_file_with_its_row(plans, tmp_path):
    rows = [list(row) for row in INDICATORS]
    rows[1][4] = "总数"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(handwritten_plan_file(indicators=rows))
    with pytest.raises(CommandError, match="工作表“指标”第3行:类型“总数”无法识别"):
        call_command("import_plan", str(path))
    assert not Plan.objects.filter(code=HANDWRITTEN_CODE).exists()


def test_export_plan_of_an_unknown_plan(plans, tmp_path):
    with pytest.raises(CommandError, match="没有代码为“9th”的规划"):
        call_command("export_plan", "9th", str(tmp_path / "x.xlsx"))


def test_anyone_may_download_a_plan_file(client, plans):
    response = client.get(reverse("plan_file", args=["13th"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    plan_file = read_plan_file(response.content)
    assert len(plan_file.indicators) == 25 and len(plan_file.values) == 125
    assert client.post(reverse("plan_file", args=["13th"])).status_code == 405
    assert client.get(reverse("plan_file", args=["9th"])).status_code == 404


def test_the_dashboard_links_the_plan_file(client, plans):
    html = client.get(reverse("plan_dashboard", args=["14th"])).content.decode()
    assert reverse("plan_file", args=["14th"]) in html and "下载规划文件" in html


def test_admin_upload_previews_every_row_then_imports_all(planner_client):
    url = reverse("admin:indicators_plan_file_import")
    preview = planner_client.post(url, {"file": _upload(handwritten_plan_file())})
    assert preview.status_code == 200 and preview.context["token"]
    html = preview.content.decode()
    assert "＞7、力争投入强度高于“十三五”时期实际" in html and "高于7" in html
    assert "文字表述" in html  # the phrase target's reading
    assert not Plan.objects.filter(code=HANDWRITTEN_CODE).exists()
    done = planner_client.post(url, {"token": preview.context["token"]})
    assert done.status_code == 302
    assert Plan.objects.get(code=HANDWRITTEN_CODE).indicators.count() == 7


def test_admin_upload_of_a_bad_file_imports_nothing(planner_client):
    rows = [list(row) for row in INDICATORS]
    rows[5][10] = "区不存在局"
    url = reverse("admin:indicators_plan_file_import")
    response = planner_client.post(url, {"file": _upload(handwritten_plan_file(indicators=rows))})
    assert "工作表“指标”第7行:责任单位“区不存在局”不在库中" in response.content.decode()
    assert not response.context.get("token")
    assert not Plan.objects.filter(code=HANDWRITTEN_CODE).exists()


def test_admin_upload_on_a_plan_page_takes_only_that_plans_file(planner_client, plan14):
    url = reverse("admin:indicators_plan_import", args=[plan14.pk])
    response = planner_client.post(url, {"file": _upload(handwritten_plan_file())})
    assert "不是“十四五”规划(14th)的" in response.content.decode()
    assert not response.context.get("token")


def test_admin_download_and_tools_link(planner_client, plan14):
    change = planner_client.get(reverse("admin:indicators_plan_change", args=[plan14.pk]))
    assert "导入规划文件" in change.content.decode() and "下载规划文件" in change.content.decode()
    response = planner_client.get(reverse("admin:indicators_plan_export", args=[plan14.pk]))
    assert len(read_plan_file(response.content).indicators) == 18


def test_staff_cannot_upload_plan_files(client, staff_fgj):
    client.force_login(staff_fgj)
    response = client.post(
        reverse("admin:indicators_plan_file_import"), {"file": _upload(handwritten_plan_file())}
    )
    assert response.status_code in (302, 403)
    assert not Plan.objects.filter(code=HANDWRITTEN_CODE).exists()
