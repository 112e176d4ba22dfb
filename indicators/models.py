"""The plans and their indicators, holding every cell of the published tables.

Figures (baseline, target, growth target, yearly values) are FigureFields: the
printed text is stored, and its parsed meaning comes from `notation.parse`.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from simple_history.models import HistoricalRecords

from .charts import ChartInput, YearPoint
from .fields import FigureField
from .notation import Figure
from .progress import (
    STATUS_LABELS,
    STATUS_ORDER,
    Bound,
    Observation,
    PathInput,
    Progress,
    ProgressInput,
    Status,
    assess,
    target_path,
)

STATUS_CHOICES = [(status.value, label) for status, label in STATUS_LABELS.items()]
JUDGED_STATUS_CHOICES = [
    (status.value, STATUS_LABELS[status])
    for status in (Status.ACHIEVED, Status.ON_TRACK, Status.BEHIND, Status.OFF_TRACK)
]
NEEDS_ATTENTION = [Status.BEHIND, Status.OFF_TRACK]


class Plan(models.Model):
    code = models.SlugField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=50)
    title = models.CharField("规划全称", max_length=200)
    start_year = models.PositiveSmallIntegerField("起始年")
    end_year = models.PositiveSmallIntegerField("终止年")
    base_year = models.PositiveSmallIntegerField("基期年")
    table_title = models.CharField("指标表标题", max_length=200, blank=True)
    source = models.CharField("数据来源", max_length=200, blank=True)
    note = models.TextField("说明", blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_plans",
        verbose_name="上一个规划",
    )
    # Bumped by services.plans_touch() on every change that a dashboard shows: cached
    # pages are keyed by it, so a change is visible on the very next request.
    revision = models.PositiveIntegerField("数据版本", default=0, editable=False)
    synthetic = models.BooleanField(
        "合成数据",
        default=False,
        help_text="由 bench/generate.py 生成的合成测试数据,不是真实规划;每个显示它的页面都会标明。",
    )

    class Meta:
        verbose_name = "规划"
        verbose_name_plural = "规划"
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def status_summary(self) -> dict:
        """Counts by status, per category and for the whole plan, in one query."""
        statuses = [status.value for status in STATUS_ORDER]
        rows = (
            self.indicators.values("category__position", "category__name", "status")
            .annotate(count=Count("id"))
            .order_by("category__position")
        )
        categories: dict[str, dict[str, int]] = {}
        total = dict.fromkeys(statuses, 0)
        for row in rows:
            counts = categories.setdefault(row["category__name"], dict.fromkeys(statuses, 0))
            counts[row["status"]] += row["count"]
            total[row["status"]] += row["count"]
        return {
            "statuses": [(status, STATUS_LABELS[status]) for status in STATUS_ORDER],
            "categories": [
                (name, [counts[status] for status in statuses], sum(counts.values()))
                for name, counts in categories.items()
            ],
            "total": ([total[status] for status in statuses], sum(total.values())),
        }


class Category(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="categories")
    name = models.CharField("类别", max_length=50)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "指标类别"
        verbose_name_plural = "指标类别"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_category_per_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Bureau(models.Model):
    """A responsible unit (责任单位). Former names live on as aliases."""

    name = models.CharField("名称", max_length=50, unique=True)

    class Meta:
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BureauAlias(models.Model):
    bureau = models.ForeignKey(Bureau, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=50, unique=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "责任单位别名"
        verbose_name_plural = "责任单位别名"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Nature(models.TextChoices):
    BINDING = "binding", "约束性"
    EXPECTED = "expected", "预期性"
    UNMARKED = "", "未标注"  # table 1 of the plan has no 属性 column


class Kind(models.TextChoices):
    LEVEL = "level", "总量"
    RATE = "rate", "增速"
    SHARE = "share", "比重/比率"
    CUMULATIVE = "cumulative", "五年累计"
    QUALITATIVE = "qualitative", "定性"


class Direction(models.TextChoices):
    INCREASE = "increase", "越高越好"
    DECREASE = "decrease", "越低越好"


class OfficialAssessment(models.TextChoices):
    ACHIEVABLE = "可以完成", "可以完成"
    UNLIKELY = "难以完成", "难以完成"
    NONE = "", "—"


class IndicatorQuerySet(models.QuerySet):
    def for_dashboard(self) -> IndicatorQuerySet:
        """Everything a card, a table row or an indicator page shows, in a fixed
        number of queries whatever the number of indicators: plan, category and
        the indicator an in-step target is judged against joined; bureaus (in
        order), yearly values (by year) of both, footnotes, notes and recorded
        assessments prefetched."""
        return self.select_related("plan", "category", "reference").prefetch_related(
            Prefetch(
                "indicator_bureaus",
                queryset=IndicatorBureau.objects.select_related("bureau").order_by("position"),
            ),
            Prefetch("values", queryset=YearlyValue.objects.approved().order_by("year")),
            Prefetch("reference__values", queryset=YearlyValue.objects.approved().order_by("year")),
            Prefetch("footnotes", queryset=Footnote.objects.order_by("number")),
            Prefetch("notes", queryset=IndicatorNote.objects.order_by("position")),
            Prefetch("assessments", queryset=Assessment.objects.order_by("created_at", "pk")),
            Prefetch(
                "target_revisions",
                queryset=TargetRevision.objects.select_related("recorded_by").order_by(
                    "effective_date", "created_at", "pk"
                ),
            ),
        )

    def by_priority(self) -> IndicatorQuerySet:
        """Binding indicators that need effort or are off track first (the plan must
        meet them), then by number."""
        return self.annotate(
            attention_rank=Case(
                When(nature=Nature.BINDING, status__in=NEEDS_ATTENTION, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("attention_rank", "number")

    def for_table(self) -> IndicatorQuerySet:
        """Rows of the plan table: like the dashboard, without footnotes and notes."""
        return self.select_related("plan", "category").prefetch_related(
            Prefetch(
                "indicator_bureaus",
                queryset=IndicatorBureau.objects.select_related("bureau").order_by("position"),
            ),
            Prefetch("values", queryset=YearlyValue.objects.approved().order_by("year")),
        )


class Indicator(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="indicators")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="indicators")
    number = models.PositiveSmallIntegerField("序号")
    name = models.CharField("指标", max_length=100)
    unit = models.CharField("单位", max_length=20, blank=True)
    nature = models.CharField("属性", max_length=10, choices=Nature, blank=True)
    kind = models.CharField("类型", max_length=12, choices=Kind)
    direction = models.CharField(
        "方向", max_length=10, choices=Direction, default=Direction.INCREASE
    )
    baseline_year = models.PositiveSmallIntegerField("基期年")
    baseline = FigureField("基期值")
    target_year = models.PositiveSmallIntegerField("目标年")
    target = FigureField("目标值")
    target_growth = FigureField("年均增长/累计目标")
    official_assessment = models.CharField(
        "完成情况(规划原文)", max_length=10, choices=OfficialAssessment, blank=True
    )
    reference = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="同步比较的指标",
        help_text="目标为“与经济增长同步”时,用来比较增速的指标(地区生产总值)。",
    )
    # Derived from the values, targets and assessments by services.statuses_refresh(),
    # and stored so that the table can filter and sort by status in SQL.
    computed_status = models.CharField(
        "计算状态", max_length=12, choices=STATUS_CHOICES, default=Status.NO_DATA
    )
    status = models.CharField("状态", max_length=12, choices=STATUS_CHOICES, default=Status.NO_DATA)
    companion_label = models.CharField(
        "伴随数值名称",
        max_length=50,
        blank=True,
        help_text="同一年份还印有另一个数值时(如研发经费占比一行中的经费支出),它的名称和单位。",
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name="上一规划中的同一指标",
    )
    bureaus = models.ManyToManyField(
        Bureau, through="IndicatorBureau", related_name="indicators", verbose_name="责任单位"
    )

    history = HistoricalRecords(excluded_fields=["computed_status", "status"])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_number_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan.name} {self.number}. {self.name}"

    @property
    def bureau_links(self) -> list[IndicatorBureau]:
        """Lead bureau first, then the co-responsible ones (uses the prefetch)."""
        return sorted(self.indicator_bureaus.all(), key=lambda link: link.position)

    @property
    def bureau_names(self) -> list[str]:
        return [link.bureau.name for link in self.bureau_links]

    @property
    def yearly_values(self) -> list[YearlyValue]:
        return sorted(self.values.all(), key=lambda value: value.year)

    def value_in(self, year: int) -> YearlyValue | None:
        return next((value for value in self.values.all() if value.year == year), None)

    @property
    def latest_value(self) -> YearlyValue | None:
        """The most recent year that has a figure printed (number or phrase)."""
        for value in reversed(self.yearly_values):
            if not (value.value.is_blank and value.growth.is_blank):
                return value
        return None

    @property
    def is_rate(self) -> bool:
        return self.kind == Kind.RATE

    def path_input(self) -> PathInput:
        growth = self.target_growth
        return PathInput(
            kind=self.kind,
            baseline_year=self.baseline_year,
            target_year=self.target_year,
            baseline=self.baseline.number,
            target=self.target.number,
            growth=None if growth.cumulative else growth.number,
            cumulative=growth.number if growth.cumulative else None,
        )

    def progress_input(self) -> ProgressInput:
        """Plain data for progress.assess(), from the prefetched values."""
        growth = self.target_growth
        qualitative = self.target.qualitative or (
            growth.qualitative if self.target.is_dash or self.target.is_blank else None
        )
        return ProgressInput(
            kind=self.kind,
            direction=self.direction,
            baseline_year=self.baseline_year,
            target_year=self.target_year,
            baseline=self.baseline.number,
            target=_bound(self.target) if not self.is_rate else None,
            growth=_bound(growth) if not growth.cumulative else None,
            cumulative=growth.number if growth.cumulative else None,
            qualitative=qualitative.value if qualitative else None,
            observations=tuple(
                Observation(year=v.year, value=v.value.number, growth=v.growth.number)
                for v in self.yearly_values
                if not (v.value.is_blank and v.growth.is_blank)
            ),
            reference_growth=tuple(
                Observation(year=v.year, growth=v.growth.number)
                for v in (self.reference.yearly_values if self.reference else [])
            ),
            break_years=tuple(year for year, _ in self.break_years()),
        )

    @cached_property
    def progress(self) -> Progress:
        return assess(self.progress_input())

    @property
    def recorded_assessment(self) -> Assessment | None:
        """The latest assessment a planning admin recorded (uses the prefetch)."""
        assessments = list(self.assessments.all())
        return assessments[-1] if assessments else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[Status(self.status)]

    @property
    def needs_attention(self) -> bool:
        """A binding target that is behind or off track: the plan must meet it."""
        return self.nature == Nature.BINDING and self.status in NEEDS_ATTENTION

    @property
    def priority(self) -> tuple[int, int]:
        return (0 if self.needs_attention else 1, self.number)

    @property
    def revisions(self) -> list[TargetRevision]:
        """Target revisions, oldest first (uses the prefetch)."""
        return list(self.target_revisions.all())

    def original_path(self) -> tuple[tuple[int, float], ...]:
        """The target path as first published, when the target has since been revised."""
        revisions = self.revisions
        if not revisions:
            return ()
        first = revisions[0]
        original = PathInput(
            **{
                **self.path_input().__dict__,
                "baseline": first.old_baseline.number,
                "target": first.old_target.number,
                "growth": None
                if first.old_target_growth.cumulative
                else first.old_target_growth.number,
                "cumulative": first.old_target_growth.number
                if first.old_target_growth.cumulative
                else None,
            }
        )
        return tuple(target_path(original))

    def chart_input(self) -> ChartInput:
        """Plain data for charts.py, from the prefetched values and footnotes."""
        return ChartInput(
            title=f"{self.number}. {self.name}",
            unit=self.unit,
            kind=self.kind,
            baseline_year=self.baseline_year,
            target_year=self.target_year,
            baseline=self.baseline.number,
            baseline_text=self.baseline.text,
            target=self.target.number,
            target_text=self.target.text,
            growth_target=None if self.target_growth.cumulative else self.target_growth.number,
            growth_target_text=self.target_growth.text,
            path=tuple(target_path(self.path_input())),
            points=tuple(
                YearPoint(
                    year=value.year,
                    value=value.value.number,
                    value_text=value.value.text,
                    growth=value.growth.number,
                    growth_text=value.growth.text,
                )
                for value in self.yearly_values
            ),
            breaks=tuple(
                (year, f"备注{note.number}:口径调整") for year, note in self.break_years()
            ),
            latest_year=self.progress.latest_year,
            latest=self.progress.latest,
            expected=self.progress.expected,
            projection=self.progress.projection,
            original_path=self.original_path(),
        )

    def break_years(self) -> list[tuple[int, Footnote]]:
        """(year, footnote) for each definition change, from the prefetched footnotes."""
        return sorted(
            ((note.break_year, note) for note in self.footnotes.all() if note.break_year),
            key=lambda pair: pair[0],
        )


def _bound(figure: Figure) -> Bound | None:
    if figure.value is None:
        return None
    return Bound(
        value=float(figure.value),
        comparator=figure.comparator.value if figure.comparator else "exact",
        upper=float(figure.upper) if figure.upper is not None else None,
    )


class IndicatorBureau(models.Model):
    """One responsible bureau of an indicator, in the order the plan prints them."""

    class Role(models.TextChoices):
        LEAD = "lead", "牵头单位"
        CO = "co", "配合单位"

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="indicator_bureaus"
    )
    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="indicator_links")
    role = models.CharField("角色", max_length=4, choices=Role, default=Role.LEAD)
    position = models.PositiveSmallIntegerField("顺序", default=0)
    printed_name = models.CharField(
        "规划中印刷的名称", max_length=50, help_text="该规划印刷时使用的单位名称(可能是旧称)。"
    )

    class Meta:
        verbose_name = "指标责任单位"
        verbose_name_plural = "指标责任单位"
        ordering = ["indicator", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "bureau"], name="unique_bureau_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}:{self.printed_name}"


class EntryState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已通过"
    SUPERSEDED = "superseded", "已被新版本取代"


# At most one version of an indicator's year is open (being entered or reviewed).
OPEN_STATES = [EntryState.DRAFT, EntryState.SUBMITTED, EntryState.RETURNED]


class YearlyValueQuerySet(models.QuerySet):
    def approved(self) -> YearlyValueQuerySet:
        """The values in force: only approved values feed the dashboard and progress."""
        return self.filter(state=EntryState.APPROVED)

    def open(self) -> YearlyValueQuerySet:
        return self.filter(state__in=OPEN_STATES)


class YearlyValue(models.Model):
    """One version of a year's value of an indicator, with the growth reported beside it.

    A value is entered as a draft, submitted, then approved or returned by a planning
    admin. Revising an approved value creates a new version; the approved one stays in
    force (and in the history) until the new one is approved. Growth rates are
    official comparable-price rates: store them as reported, never derive them.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField("年份")
    version = models.PositiveSmallIntegerField("版本", default=1)
    state = models.CharField("状态", max_length=12, choices=EntryState, default=EntryState.DRAFT)
    value = FigureField("总量/数值")
    growth = FigureField("增速")
    companion = FigureField("伴随数值")
    source = models.CharField("来源", max_length=100, blank=True)
    note = models.TextField("备注", blank=True)
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
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = YearlyValueQuerySet.as_manager()

    class Meta:
        verbose_name = "年度数值"
        verbose_name_plural = "年度数值"
        ordering = ["indicator", "year", "version"]
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


class Footnote(models.Model):
    """A table footnote (备注). Some record a change of statistical definition."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="footnotes")
    number = models.PositiveSmallIntegerField("序号")
    text = models.TextField("内容")
    indicators = models.ManyToManyField(
        Indicator, related_name="footnotes", blank=True, verbose_name="相关指标"
    )
    break_year = models.PositiveSmallIntegerField(
        "口径调整起始年",
        null=True,
        blank=True,
        help_text="从这一年起统计口径改变,图表在此断开。",
    )

    class Meta:
        verbose_name = "表注"
        verbose_name_plural = "表注"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_footnote_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan.name} 备注{self.number}"


class IndicatorNote(models.Model):
    """Our own note on an indicator, e.g. how a cell lost in the scraped table was read."""

    class Kind(models.TextChoices):
        READING = "reading", "数据读取说明"
        DISCREPANCY = "discrepancy", "原文不一致"
        CONTINUITY = "continuity", "跨规划衔接"
        OTHER = "other", "其他"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="notes")
    position = models.PositiveSmallIntegerField("顺序", default=0)
    kind = models.CharField("类型", max_length=12, choices=Kind, default=Kind.READING)
    text = models.TextField("内容")

    class Meta:
        verbose_name = "指标说明"
        verbose_name_plural = "指标说明"
        ordering = ["indicator", "position"]

    def __str__(self) -> str:
        return self.text[:40]


class Assessment(models.Model):
    """A planning admin's judgement of an indicator, kept beside the computed one.

    It never replaces the computed status silently: both are shown, with this reason.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField("评估年份")
    status = models.CharField("评估结论", max_length=12, choices=JUDGED_STATUS_CHOICES)
    computed_status = models.CharField(
        "当时的计算状态", max_length=12, choices=STATUS_CHOICES, blank=True
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


class Role(models.TextChoices):
    STAFF = "staff", "填报员"
    PLANNER = "planner", "规划管理员"
    OFFICIAL = "official", "领导/查阅"


class Account(models.Model):
    """A user's role and, for bureau staff, the bureaus whose indicators they report."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account"
    )
    role = models.CharField("角色", max_length=10, choices=Role)
    bureaus = models.ManyToManyField(
        Bureau, blank=True, related_name="accounts", verbose_name="单位"
    )

    class Meta:
        verbose_name = "账号角色"
        verbose_name_plural = "账号角色"

    def __str__(self) -> str:
        return f"{self.user.get_username()}({self.get_role_display()})"


class TargetRevision(models.Model):
    """A change of an indicator's baseline or target (目标调整), with its reason and
    effective date. The indicator holds the target in force; each revision keeps
    what was replaced, so the original target stays visible."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="target_revisions"
    )
    old_baseline = FigureField("原基期值")
    old_target = FigureField("原目标值")
    old_target_growth = FigureField("原年均增长/累计")
    baseline = FigureField("新基期值")
    target = FigureField("新目标值")
    target_growth = FigureField("新年均增长/累计")
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
        """(field, old, new) for each figure that changed."""
        pairs = [
            ("基期值", self.old_baseline, self.baseline),
            ("目标值", self.old_target, self.target),
            ("年均增长/累计", self.old_target_growth, self.target_growth),
        ]
        return [(label, old.text, new.text) for label, old, new in pairs if old.text != new.text]
