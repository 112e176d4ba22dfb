"""Every admin entry point × every role. Only planning admins and superusers get in;
nobody deletes. Generated from the admin registry: a new ModelAdmin must be listed."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from indicators.models import (
    Assessment,
    Bureau,
    Category,
    Commitment,
    Footnote,
    Indicator,
    Plan,
    TargetRevision,
)
from tests.accounts import account

ROLES = ["anonymous", "staff", "official", "planner", "superuser"]
OUTSIDERS = {"anonymous", "staff", "official"}


def _sample(model):
    if model is TargetRevision:
        return TargetRevision.objects.create(
            indicator=Indicator.objects.get(plan__code="14th", number=18),
            old_target=">10.50",
            target=">10.8",
            reason="测试",
            effective_date="2022-03-01",
        )
    if model is User:
        return account("sample", "official")
    return {
        Plan: lambda: Plan.objects.get(code="14th"),
        Category: lambda: Category.objects.first(),
        Bureau: lambda: Bureau.objects.get(name="区发改局"),
        Indicator: lambda: Indicator.objects.get(plan__code="14th", number=1),
        Footnote: lambda: Footnote.objects.first(),
        Assessment: lambda: Assessment.objects.first(),
        Commitment: lambda: Commitment.objects.first(),
    }[model]()


# What planning admins (and superusers) get on each page of each model.
ADDABLE = {Plan, Category, Bureau, Indicator, Footnote, Assessment, User}
REGISTERED = {Plan, Category, Bureau, Indicator, Footnote, TargetRevision, Assessment, User}
REGISTERED |= {Commitment}
# django-axes' login records: superusers only (planning admins unlock with `manage.py axes_reset`).
SUPERUSER_ONLY = {AccessAttempt, AccessFailureLog, AccessLog}


def test_every_registered_model_has_rules():
    assert set(admin.site._registry) == REGISTERED | SUPERUSER_ONLY


def _entry_points():
    for model in sorted(REGISTERED, key=lambda m: m.__name__):
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        yield model, f"{prefix}_changelist", False, 200
        yield model, f"{prefix}_add", False, 200 if model in ADDABLE else 403
        yield model, f"{prefix}_change", True, 200
        yield model, f"{prefix}_history", True, 200
        yield model, f"{prefix}_delete", True, 403
    for model in sorted(SUPERUSER_ONLY, key=lambda m: m.__name__):
        yield model, f"admin:axes_{model._meta.model_name}_changelist", False, "superuser only"
    yield Plan, "admin:indicators_plan_start_next", True, 200
    yield Plan, "admin:indicators_plan_import", True, 200
    yield None, "admin:index", False, 200
    yield None, "admin:app_list", False, 200


ENTRY_POINTS = list(_entry_points())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("model", "name", "with_object", "insider_status"),
    ENTRY_POINTS,
    ids=[name for _, name, _, _ in ENTRY_POINTS],
)
def test_admin_entry_point(client, plans, role, model, name, with_object, insider_status):
    if role != "anonymous":
        client.force_login(account(f"u-{role}", role, *(["区发改局"] if role == "staff" else [])))
    if name == "admin:app_list":
        url = reverse(name, args=["indicators"])
    elif with_object:
        url = reverse(name, args=[_sample(model).pk])
    else:
        url = reverse(name)
    response = client.get(url)
    if role in OUTSIDERS:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        # and nothing can be posted either
        assert client.post(url, {}).status_code in (302, 403)
    elif insider_status == "superuser only":
        assert response.status_code == (200 if role == "superuser" else 403)
    else:
        assert response.status_code == insider_status


def test_planners_cannot_make_superusers(client, planning_admin):
    client.force_login(planning_admin)
    target = account("someone", "official")
    url = reverse("admin:auth_user_change", args=[target.pk])
    page = client.get(url).content.decode()
    assert "is_superuser" not in page
    from tests.admin_forms import admin_post_data

    data = admin_post_data(client.get(url))
    data["is_superuser"] = "on"
    client.post(url, data)
    target.refresh_from_db()
    assert not target.is_superuser
