"""Causes and measures (原因 / 措施): a bureau's account of where an indicator stands
in a year and what it will do, reviewed like a value and kept with its history."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..vocabulary import OPEN_STATES, EntryState
from .values import Reviewed


class Narrative(Reviewed):
    """One version of an indicator's 原因 and 措施 for a year.

    The same workflow as YearlyValue: a draft, submitted, then approved or returned
    by a planning admin other than its author. Editing an approved narrative starts a
    new version; the approved one stays in force until the new one is approved, then
    it is kept as superseded. The rules are in services/narratives.py.
    """

    indicator = models.ForeignKey("Indicator", on_delete=models.PROTECT, related_name="narratives")
    cause = models.TextField("原因", blank=True)
    measure = models.TextField("措施", blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta(Reviewed.Meta):
        verbose_name = "原因与措施"
        verbose_name_plural = "原因与措施"
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
