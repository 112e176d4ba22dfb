"""Regions (行政区划) and the targets a city passes down to its districts.

Plans, bureaus and accounts belong to a region. A region is identified by its
national administrative division code (行政区划代码: 420100 武汉市, 420111 洪山区);
a district's indicator may contribute to an indicator of its city's plan, with the
target the city assigned it (a TargetAssignment keeps each assignment, who and why).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..fields import FigureField
from ..vocabulary import RegionLevel


class Region(models.Model):
    code = models.CharField("行政区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=50)
    level = models.CharField("层级", max_length=8, choices=RegionLevel.choices())
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def path(self) -> str:
        """武汉市 › 洪山区 (uses parent; select_related it on lists)."""
        return f"{self.parent.path} › {self.name}" if self.parent_id else self.name


def home_region_pk() -> int | None:
    """The region a plan, bureau or account belongs to when none is given: the
    deployment's own district (settings.HOME_REGION, 420111 洪山区). A model default,
    so that code written before regions (and other branches' code) keeps working."""
    return Region.objects.filter(code=settings.HOME_REGION).values_list("pk", flat=True).first()


class TargetAssignment(models.Model):
    """A target the city assigned to a district's indicator (市下达目标), linked to the
    city indicator it contributes to. The district's printed phrase stays printed; the
    indicator holds the assignment in force (Indicator.assigned_target)."""

    indicator = models.ForeignKey(
        "Indicator", on_delete=models.PROTECT, related_name="target_assignments"
    )
    city_indicator = models.ForeignKey(
        "Indicator", on_delete=models.PROTECT, related_name="+", verbose_name="市级指标"
    )
    old_target = FigureField("原市下达目标")
    target = FigureField("市下达目标")
    reason = models.TextField("依据")
    effective_date = models.DateField("生效日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="记录人",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "市下达目标"
        verbose_name_plural = "市下达目标"
        ordering = ["indicator", "effective_date", "created_at"]

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.target.text}"
