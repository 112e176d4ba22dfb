"""Causes and measures (原因 / 措施): a bureau's account of where an indicator stands
in a year and what it will do, reviewed like a value and kept with its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..vocabulary import OPEN_STATES, EntryState


class Narrative(models.Model):
    """One version of an indicator's 原因 and 措施 for a year.

    The same workflow as YearlyValue: a draft, submitted, then approved or returned
    by a planning admin other than its author. Editing an approved narrative starts a
    new version; the approved one stays in force until the new one is approved, then
    it is kept as superseded. The rules are in services/narratives.py.
    """

    indicator = models.ForeignKey("Indicator", on_delete=models.PROTECT, related_name="narratives")
    year = models.PositiveSmallIntegerField("年份")
    version = models.PositiveSmallIntegerField("版本", default=1)
    state = models.CharField(
        "状态", max_length=12, choices=EntryState.choices(), default=EntryState.DRAFT
    )
    cause = models.TextField("原因", blank=True)
    measure = models.TextField("措施", blank=True)
    # Optimistic locking, as YearlyValue.revision.
    revision = models.PositiveIntegerField("修订号", default=1)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="填报人",
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "原因与措施"
        verbose_name_plural = "原因与措施"
        ordering = ["indicator", "year", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "version"], name="unique_narrative_version"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_narrative_per_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(state=EntryState.APPROVED),
                name="one_approved_narrative_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}年原因与措施(第{self.version}版)"
