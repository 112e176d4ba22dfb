"""Accounts: a user's role and, for bureau staff, their bureaus."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..vocabulary import Role
from .regions import home_region_pk


class Account(models.Model):
    """A user's role and, for bureau staff, the bureaus whose indicators they report."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account",
        verbose_name="用户",
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices())
    # regions: staff and planners act within this region; a city's planners and
    # officials see its districts' pending counts (permissions.py).
    region = models.ForeignKey(
        "Region",
        on_delete=models.PROTECT,
        default=home_region_pk,
        related_name="accounts",
        verbose_name="行政区划",
    )
    bureaus = models.ManyToManyField(
        "Bureau", blank=True, related_name="accounts", verbose_name="单位"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "账号角色"
        verbose_name_plural = "账号角色"

    def __str__(self) -> str:
        return f"{self.user.get_username()}({self.get_role_display()})"
