"""Collection rounds (DHIS2's data set periods): a planning admin opens one for a
plan, a year and a stage, with a deadline; after the deadline plus grace days its
values are locked, unless a bureau's entry is reopened with a reason. Notices tell
users what happened and what is due.

The rules are in services/rounds.py and collection.py; these are the records."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..vocabulary import NoticeKind, RoundState, Stage


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of `day` in the office's time zone: a deadline is a whole day."""
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(start) - datetime.timedelta(microseconds=1)


class CollectionRound(models.Model):
    plan = models.ForeignKey("Plan", on_delete=models.PROTECT, related_name="rounds")
    year = models.PositiveSmallIntegerField("年份")
    stage = models.CharField("阶段", max_length=12, choices=Stage.choices())
    deadline = models.DateField("截止日期")
    grace_days = models.PositiveSmallIntegerField(
        "宽限天数", default=0, help_text="截止日期后还可补报的天数;之后数值锁定。"
    )
    source = models.CharField("预填来源", max_length=100, blank=True)
    # A growth rate that moves by more than this from last year is flagged in review.
    jump_points = models.DecimalField(
        "增速异常变动阈值(个百分点)", max_digits=5, decimal_places=1, default=5
    )
    state = models.CharField(
        "状态", max_length=8, choices=RoundState.choices(), default=RoundState.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="开启人",
    )
    opened_at = models.DateTimeField("开启时间", default=timezone.now)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "填报轮次"
        verbose_name_plural = "填报轮次"
        ordering = ["-year", "-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "stage"], name="one_round_per_plan_year_stage"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """洪山区“十四五”2025年快报"""
        return f"{self.plan.name.removesuffix('规划')}{self.year}年{self.get_stage_display()}"

    @property
    def deadline_end(self) -> datetime.datetime:
        """Values submitted after this are late (DHIS2 timelyDays)."""
        return end_of_day(self.deadline)

    @property
    def locks_on(self) -> datetime.date:
        """The last day values may be saved (DHIS2 expiryDays)."""
        return self.deadline + datetime.timedelta(days=self.grace_days)


class RoundReopening(models.Model):
    """One bureau's entry reopened after its round locked, until a date, with why."""

    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="reopenings")
    bureau = models.ForeignKey("Bureau", on_delete=models.PROTECT, related_name="+")
    until = models.DateField("开放至")
    reason = models.TextField("原因")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="开放人",
    )
    created_at = models.DateTimeField("开放时间", default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "重新开放填报"
        verbose_name_plural = "重新开放填报"
        ordering = ["round", "created_at"]

    def __str__(self) -> str:
        return f"{self.round} {self.bureau}"


class Notice(models.Model):
    """An in-app notice to one user (emailed too when email is configured). `key` is
    unique, so the same thing is never sent twice (send_reminders may run hourly)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField("类型", max_length=16, choices=NoticeKind.choices())
    text = models.TextField("内容")
    link = models.CharField("链接", max_length=300, blank=True)
    key = models.CharField("去重键", max_length=200, unique=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]

    def __str__(self) -> str:
        return self.text[:40]
