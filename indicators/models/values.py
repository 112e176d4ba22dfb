"""What changes over a plan's life: yearly values (versioned, reviewed), recorded
assessments and target revisions. Each keeps who, when and why."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..fields import FigureField
from ..vocabulary import JUDGED_STATUSES, OPEN_STATES, Direction, EntryState, Kind, Stage, Status


def evidence_path(instance: YearlyValue, filename: str) -> str:
    """evidence/<indicator>/<year>/<random>.<ext>: never the uploader's own file name."""
    import secrets

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.indicator_id}/{instance.year}/{secrets.token_hex(8)}.{extension}"


class YearlyValueQuerySet(models.QuerySet):
    def approved(self) -> YearlyValueQuerySet:
        """The values in force: only approved values feed the dashboard and progress."""
        return self.filter(state=EntryState.APPROVED)

    def open(self) -> YearlyValueQuerySet:
        return self.filter(state__in=OPEN_STATES)


class Reviewed(models.Model):
    """What every reviewed record shares (yearly values, causes and measures): an
    indicator's year in versions, a state in the entry workflow (草稿 → 已提交 → 已通过
    or 已退回), who entered and who reviewed it. The rules are services/review.py."""

    year = models.PositiveSmallIntegerField("年份")
    version = models.PositiveSmallIntegerField("版本", default=1)
    state = models.CharField(
        "状态", max_length=12, choices=EntryState.choices(), default=EntryState.DRAFT
    )
    # Optimistic locking: every save increments it; a save based on an older one is refused.
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

    class Meta:
        abstract = True
        ordering = ["indicator", "year", "version"]


class YearlyValue(Reviewed):
    """One version of a year's value of an indicator, with the growth reported beside it.

    A value is entered as a draft, submitted, then approved or returned by a planning
    admin. Revising an approved value creates a new version; the approved one stays in
    force (and in the history) until the new one is approved. Growth rates are
    official comparable-price rates: store them as reported, never derive them.
    """

    indicator = models.ForeignKey(
        "Indicator", on_delete=models.PROTECT, related_name="values", verbose_name="指标"
    )
    value = FigureField("总量/数值")
    growth = FigureField("增速")
    companion = FigureField("伴随数值")
    source = models.CharField("来源", max_length=100, blank=True)
    note = models.TextField("备注", blank=True)
    # A figure printed in the plan document (loaded, never entered). A later version of
    # the same year is a revision of the print, shown beside it, never in its place.
    printed = models.BooleanField("规划原文", default=False)
    # 预计 / 快报 / 年报; empty for a figure the plan printed (规划原文). A later stage
    # of the same year is a new version (services/values.py).
    stage = models.CharField("统计阶段", max_length=12, choices=Stage.choices(), blank=True)
    round = models.ForeignKey(
        "CollectionRound",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name="填报轮次",
    )
    # A scan or PDF of the 统计快报 behind the figure; under MEDIA_ROOT, served only
    # through a permission-checked view (entry_views.value_attachment).
    attachment = models.FileField("佐证材料", upload_to=evidence_path, blank=True, max_length=200)
    attachment_name = models.CharField("佐证材料文件名", max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = YearlyValueQuerySet.as_manager()

    class Meta(Reviewed.Meta):
        verbose_name = "年度数值"
        verbose_name_plural = "年度数值"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "version"], name="unique_value_version"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_value_per_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(state=EntryState.APPROVED),
                name="one_approved_value_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value.text or self.growth.text}"


class Assessment(models.Model):
    """A planning admin's judgement of an indicator, kept beside the computed one.

    It never replaces the computed status silently: both are shown, with this reason.
    """

    indicator = models.ForeignKey(
        "Indicator", on_delete=models.PROTECT, related_name="assessments", verbose_name="指标"
    )
    year = models.PositiveSmallIntegerField("评估年份")
    status = models.CharField(
        "评估结论", max_length=12, choices=[(s.value, s.label) for s in JUDGED_STATUSES]
    )
    computed_status = models.CharField(
        "当时的计算状态", max_length=12, choices=Status.choices(), blank=True
    )
    reason = models.TextField("理由")
    assessed_on = models.DateField("评估日期")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="记录人",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人工评估"
        verbose_name_plural = "人工评估"
        ordering = ["indicator", "created_at"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.get_status_display()}"

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": "人工评估必须写明理由。"})


class TargetRevision(models.Model):
    """A change of an indicator's baseline or target (目标调整), with its reason and
    effective date. The indicator holds the target in force; each revision keeps
    what was replaced, so the original target stays visible."""

    indicator = models.ForeignKey(
        "Indicator", on_delete=models.PROTECT, related_name="target_revisions", verbose_name="指标"
    )
    old_baseline = FigureField("原基期值")
    old_target = FigureField("原目标值")
    old_target_growth = FigureField("原年均增长/累计")
    baseline = FigureField("新基期值")
    target = FigureField("新目标值")
    target_growth = FigureField("新年均增长/累计")
    # The definition the target is read with; old and new, empty where unknown (revisions
    # recorded before these were kept).
    old_baseline_year = models.PositiveSmallIntegerField("原基期年", null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField("新基期年", null=True, blank=True)
    old_target_year = models.PositiveSmallIntegerField("原目标年", null=True, blank=True)
    target_year = models.PositiveSmallIntegerField("新目标年", null=True, blank=True)
    old_kind = models.CharField("原类型", max_length=12, choices=Kind.choices(), blank=True)
    kind = models.CharField("新类型", max_length=12, choices=Kind.choices(), blank=True)
    old_direction = models.CharField(
        "原方向", max_length=10, choices=Direction.choices(), blank=True
    )
    direction = models.CharField("新方向", max_length=10, choices=Direction.choices(), blank=True)
    reason = models.TextField("调整原因")
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
        verbose_name = "目标调整"
        verbose_name_plural = "目标调整"
        ordering = ["indicator", "effective_date", "created_at"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.effective_date}"

    def changes(self) -> list[tuple[str, str, str]]:
        """(field label, old, new) for each part of the target that changed, in Chinese."""
        figures = [
            ("基期值", self.old_baseline.text, self.baseline.text),
            ("目标值", self.old_target.text, self.target.text),
            ("年均增长/累计", self.old_target_growth.text, self.target_growth.text),
        ]
        definition = [
            ("基期年", _year(self.old_baseline_year), _year(self.baseline_year)),
            ("目标年", _year(self.old_target_year), _year(self.target_year)),
            ("类型", _label(Kind, self.old_kind), _label(Kind, self.kind)),
            ("方向", _label(Direction, self.old_direction), _label(Direction, self.direction)),
        ]
        return [
            (label, old, new)
            for label, old, new in figures + definition
            if old != new and (old or new)
        ]


def _year(year: int | None) -> str:
    return f"{year}年" if year else ""


def _label(enum, value: str) -> str:
    return enum(value).label if value else ""
