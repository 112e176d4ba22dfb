"""Responsible bureaus (责任单位) of a region, and their former names."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from .regions import home_region_pk


class Bureau(models.Model):
    """A responsible unit (责任单位). Former names live on as aliases."""

    name = models.CharField("名称", max_length=50)
    # regions: every district has its 区发改局; a name is unique within a region.
    region = models.ForeignKey(
        "Region",
        on_delete=models.PROTECT,
        default=home_region_pk,
        related_name="bureaus",
        verbose_name="行政区划",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_bureau_per_region")
        ]

    def __str__(self) -> str:
        return self.name


class BureauAlias(models.Model):
    bureau = models.ForeignKey(
        Bureau, on_delete=models.CASCADE, related_name="aliases", verbose_name="单位"
    )
    name = models.CharField("别名", max_length=50)
    note = models.CharField("说明", max_length=200, blank=True)
    # regions: the bureau's region, kept here so that a former name is unique per region.
    region = models.ForeignKey(
        "Region",
        on_delete=models.PROTECT,
        default=home_region_pk,
        related_name="+",
        verbose_name="行政区划",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "责任单位别名"
        verbose_name_plural = "责任单位别名"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_alias_per_region")
        ]

    def __str__(self) -> str:
        return self.name
