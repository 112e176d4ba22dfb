"""No English in front of a planning admin: every changelist, change form and add
form of the admin, fetched as a superuser, has no stray English words."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.accounts import account

# Field names without a verbose_name, Django's English texts, filter titles ("以 plan").
DENYLIST = re.compile(
    r"\b(plan|category|indicator|bureau|user|Username|Password|Required|Active|"
    r"Staff status|By |After you|Designates|Letters, digits)\b",
    re.IGNORECASE,
)
# django-axes' login records (superusers only) have no Chinese names of their own.
PAGES = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label != "axes"
)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(("app", "model"), PAGES)
def test_admin_pages_have_no_stray_english(client, plans, app, model):
    client.force_login(account("root", "superuser"))
    registered = next(m for m in admin.site._registry if m._meta.model_name == model)
    urls = [reverse(f"admin:{app}_{model}_changelist"), reverse(f"admin:{app}_{model}_add")]
    sample = registered.objects.order_by("pk").first()
    if sample is not None:
        urls.append(reverse(f"admin:{app}_{model}_change", args=[sample.pk]))
    for url in urls:
        text = _visible_text(client.get(url).content.decode())
        assert not DENYLIST.findall(text), (url, DENYLIST.findall(text))
