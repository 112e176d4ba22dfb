"""The quantitative commitments of a plan's text, quoted exactly (docs/commitments.md)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from ..vocabulary import CommitmentKind


class Commitment(models.Model):
    """A quantitative commitment of the plan's text, quoted exactly, tracked through its
    indicator (source 规划正文): bureaus, yearly values, review and progress."""

    indicator = models.OneToOneField(
        "Indicator", on_delete=models.PROTECT, related_name="commitment", verbose_name="跟踪指标"
    )
    code = models.SlugField("编号", max_length=20)
    quote = models.TextField("原文")
    chapter = models.CharField("章", max_length=100)
    section = models.CharField("节", max_length=100)
    subsection = models.CharField("小节", max_length=100, blank=True)
    target_text = models.CharField("原文中的目标表述", max_length=200)
    kind = models.CharField("承诺类型", max_length=12, choices=CommitmentKind.choices())
    soft = models.BooleanField("力争", default=False)
    works = models.JSONField("列名的项目", default=list, blank=True)
    related = models.ForeignKey(
        "Indicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="对应的主要指标",
    )
    note = models.TextField("说明", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "正文目标"
        verbose_name_plural = "正文目标"
        ordering = ["indicator__plan", "indicator__number"]

    def __str__(self) -> str:
        return f"{self.code} {self.target_text}"
