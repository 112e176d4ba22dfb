"""Plans as published: the plan, its categories and indicators, the responsible
bureaus, the table's footnotes and our own notes on indicators.

Figures (baseline, target, growth target) are FigureFields: the printed text is
stored, and its parsed meaning comes from `notation.parse`.
"""

from __future__ import annotations

from functools import cached_property

from django.db import models
from django.db.models import Case, IntegerField, Prefetch, Value, When
from simple_history.models import HistoricalRecords

from ..fields import FigureField
from ..progress import Progress, assess
from ..vocabulary import (
    NEEDS_ATTENTION,
    BureauRole,
    Direction,
    Kind,
    Nature,
    NoteKind,
    Source,
    Status,
    Verdict,
)
from .regions import home_region_pk
from .values import Assessment, TargetRevision, YearlyValue


class Plan(models.Model):
    # Plan codes stay unique across regions: URLs use them (/plans/<code>/).
    code = models.SlugField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=50)
    title = models.CharField("规划全称", max_length=200)
    # regions: the region whose plan it is (default: the deployment's own district).
    region = models.ForeignKey(
        "Region",
        on_delete=models.PROTECT,
        default=home_region_pk,
        related_name="plans",
        verbose_name="行政区划",
    )
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
    # The cache generation: bumped by cache.generation_bump() (from services.plan_changed)
    # on every change a page shows, so a change is visible on the very next request.
    revision = models.PositiveIntegerField("数据版本", default=0, editable=False)
    synthetic = models.BooleanField(
        "合成数据",
        default=False,
        help_text="由 bench/generate.py 生成的合成测试数据,不是真实规划;每个显示它的页面都会标明。",
    )

    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        verbose_name = "规划"
        verbose_name_plural = "规划"
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


class Category(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="categories", verbose_name="规划"
    )
    name = models.CharField("类别", max_length=50)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "指标类别"
        verbose_name_plural = "指标类别"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_category_per_plan")
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorQuerySet(models.QuerySet):
    def for_dashboard(self) -> IndicatorQuerySet:
        """Everything a card, a table row or an indicator page shows, in a fixed
        number of queries whatever the number of indicators: plan, category and
        the indicator an in-step target is judged against joined; bureaus (in
        order), yearly values (by year) of both, footnotes, notes and recorded
        assessments prefetched."""
        return self.select_related(
            "plan", "category", "reference", "contributes_to__plan"
        ).prefetch_related(
            Prefetch(
                "indicator_bureaus",
                queryset=IndicatorBureau.objects.select_related("bureau").order_by("position"),
            ),
            Prefetch("values", queryset=YearlyValue.objects.approved().order_by("year")),
            # The plan's own figures, kept beside any later revision of them.
            Prefetch(
                "values",
                queryset=YearlyValue.objects.filter(printed=True).order_by("year"),
                to_attr="printed_values",
            ),
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

    def main(self) -> IndicatorQuerySet:
        """The indicators of the plan's table (主要指标), not the commitments of its text."""
        return self.filter(source=Source.TABLE)

    def commitments(self) -> IndicatorQuerySet:
        """The quantitative commitments of the plan's text (chapters 3–8)."""
        return self.filter(source=Source.TEXT)

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
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="indicators", verbose_name="规划"
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="indicators", verbose_name="类别"
    )
    number = models.PositiveSmallIntegerField("序号")
    name = models.CharField("指标", max_length=100)
    # A commitment of the plan's text is tracked like a table indicator (values,
    # review, progress), and carries its quote in Commitment.
    source = models.CharField("出处", max_length=8, choices=Source.choices(), default=Source.TABLE)
    unit = models.CharField("单位", max_length=20, blank=True)
    nature = models.CharField("属性", max_length=10, choices=Nature.choices(), blank=True)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices())
    direction = models.CharField(
        "方向", max_length=10, choices=Direction.choices(), default=Direction.INCREASE
    )
    baseline_year = models.PositiveSmallIntegerField("基期年")
    baseline = FigureField("基期值")
    target_year = models.PositiveSmallIntegerField("目标年")
    target = FigureField("目标值")
    target_growth = FigureField("年均增长/累计目标")
    official_assessment = models.CharField(
        "完成情况(规划原文)", max_length=10, choices=Verdict.choices(), blank=True
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
        "计算状态", max_length=12, choices=Status.choices(), default=Status.NO_DATA
    )
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices(), default=Status.NO_DATA
    )
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
        "Bureau", through="IndicatorBureau", related_name="indicators", verbose_name="责任单位"
    )
    # regions: the city indicator this district indicator contributes to, and the target
    # the city assigned (services.city_target_assign; each assignment in TargetAssignment).
    contributes_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name="对应的市级指标",
    )
    assigned_target = FigureField("市下达目标")

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
    def display_number(self) -> str:
        """序号 as users know it: a table indicator's number, a commitment's code
        (c6-3-06). Select "commitment" with the indicators that show it."""
        return self.commitment.code if self.source == Source.TEXT else str(self.number)

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
    def value_rows(self) -> list[tuple[YearlyValue, YearlyValue | None]]:
        """(the approved value, the printed figure it revises or None), by year. A
        revision of a figure the plan printed is shown beside the print, never in
        its place (uses for_dashboard's prefetches)."""
        printed = {value.year: value for value in getattr(self, "printed_values", [])}
        return [
            (value, printed.get(value.year) if not value.printed else None)
            for value in self.yearly_values
        ]

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

    @cached_property
    def progress(self) -> Progress:
        """Progress toward the target, from the prefetched values (see for_dashboard)."""
        from ..selectors import progress_input  # selectors reads these models

        return assess(progress_input(self))

    @property
    def recorded_assessment(self) -> Assessment | None:
        """The latest assessment a planning admin recorded (uses the prefetch)."""
        assessments = list(self.assessments.all())
        return assessments[-1] if assessments else None

    @property
    def status_label(self) -> str:
        return Status(self.status).label

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

    def break_years(self) -> list[tuple[int, Footnote]]:
        """(year, footnote) for each definition change, from the prefetched footnotes."""
        return sorted(
            ((note.break_year, note) for note in self.footnotes.all() if note.break_year),
            key=lambda pair: pair[0],
        )


class IndicatorBureau(models.Model):
    """One responsible bureau of an indicator, in the order the plan prints them."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="indicator_bureaus", verbose_name="指标"
    )
    bureau = models.ForeignKey(
        "Bureau", on_delete=models.PROTECT, related_name="indicator_links", verbose_name="单位"
    )
    role = models.CharField(
        "角色", max_length=4, choices=BureauRole.choices(), default=BureauRole.LEAD
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)
    printed_name = models.CharField(
        "规划中印刷的名称", max_length=50, help_text="该规划印刷时使用的单位名称(可能是旧称)。"
    )

    history = HistoricalRecords()

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


class Footnote(models.Model):
    """A table footnote (备注). Some record a change of statistical definition."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="footnotes", verbose_name="规划"
    )
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

    history = HistoricalRecords()

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

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="notes", verbose_name="指标"
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)
    kind = models.CharField(
        "类型", max_length=12, choices=NoteKind.choices(), default=NoteKind.READING
    )
    text = models.TextField("内容")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "指标说明"
        verbose_name_plural = "指标说明"
        ordering = ["indicator", "position"]

    def __str__(self) -> str:
        return self.text[:40]
