"""Read-only pages: home, plan dashboard, plan table, indicator and bureau pages.

The plans are public documents, so these pages need no login (DESIGN.md: a
read-only public view of approved figures). They accept GET and HEAD only.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from . import cache as page_cache
from . import charts
from .filters import IndicatorFilter
from .models import Bureau, EntryState, Indicator, IndicatorBureau, Plan, YearlyValue
from .params import chosen_as_of, parse_int, search_words
from .permissions import can_see_pending
from .region_views import indicator_districts, region_switcher, shown_region
from .selectors import (
    chart_input,
    evaluation_years,
    pace_for_page,
    status_summary,
    with_pace_references,
)
from .tables import EXPORT_FORMATS, IndicatorTable, SafeTableExport, year_columns
from .vocabulary import MID_TERM_ORDER, STATUS_ORDER, Source

STATUS_COLUMNS = [(status.value, status.label) for status in STATUS_ORDER]


def _as_of_context(request: HttpRequest, plan: Plan) -> dict:
    """The year the page's 序时进度 is evaluated as of, and the years to switch to."""
    return {"as_of": chosen_as_of(request, plan), "as_of_years": evaluation_years(plan)}


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: the yardstick for page timings in docs/performance.md."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    region, regions = shown_region(request)  # regions: one at a time, with a switcher
    plans = (
        Plan.objects.filter(region=region)
        .select_related("region")
        .annotate(
            indicator_count=Count("indicators", filter=Q(indicators__source=Source.TABLE)),
            commitment_count=Count("indicators", filter=Q(indicators__source=Source.TEXT)),
        )
        .order_by("-start_year")
    )
    return render(
        request, "indicators/home.html", {"plans": plans, **region_switcher(region, regions)}
    )


@require_safe
def plan_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    plan = get_object_or_404(Plan, code=code)
    as_of = _as_of_context(request, plan)
    # The body is the same for everyone; it is rebuilt only when the plan's data changed.
    body = page_cache.dashboard(
        plan, as_of["as_of"], lambda: _dashboard_body(request, plan, as_of["as_of"])
    )
    pending = _pending(request, YearlyValue.objects.filter(indicator__plan=plan), plan)
    return render(
        request,
        "indicators/dashboard.html",
        {"plan": plan, "body": body, "shows_synthetic": plan.synthetic, **as_of, **pending},
    )


def _dashboard_body(request: HttpRequest, plan: Plan, as_of: int) -> str:
    indicators = list(
        plan.indicators.main().for_dashboard().order_by("category__position", "number")
    )
    # In memory: the stored status stays the one of the latest data.
    for indicator in indicators:
        indicator.pace = pace_for_page(indicator, as_of)
    classes = Counter(indicator.pace["class"] for indicator in indicators)
    groups = [
        (category, sorted(members, key=lambda i: i.priority))
        for category, members in groupby(indicators, key=lambda i: i.category)
    ]
    return render_to_string(
        "indicators/partials/dashboard_body.html",
        {
            "plan": plan,
            "groups": groups,
            "sparklines": {str(i.pk): charts.sparkline(chart_input(i)) for i in indicators},
            "attention": [i for i in indicators if i.needs_attention],
            "summary": status_summary(plan),
            "commitment_count": plan.indicators.commitments().count(),
            "as_of": as_of,
            "pace_counts": [
                (kind.value, kind.label, classes[kind.value])
                for kind in MID_TERM_ORDER
                if classes[kind.value]
            ],
        },
        request=request,
    )


@require_safe
def plan_scorecard(request: HttpRequest, code: str) -> HttpResponse:
    """分单位评估: each responsible bureau's indicators in the plan, with their statuses."""
    plan = get_object_or_404(Plan, code=code)
    as_of = _as_of_context(request, plan)
    indicators = {
        indicator.pk: indicator
        for indicator in with_pace_references(plan.indicators.main()).prefetch_related(
            Prefetch("values", queryset=YearlyValue.objects.approved().order_by("year"))
        )
    }
    for indicator in indicators.values():
        indicator.pace = pace_for_page(indicator, as_of["as_of"])
    links = (
        IndicatorBureau.objects.filter(indicator__plan=plan, indicator__source=Source.TABLE)
        .select_related("bureau")
        .order_by("bureau__name", "indicator__number")
    )
    for link in links:
        link.indicator = indicators[link.indicator_id]
    scorecard = []
    for bureau, members in groupby(links, key=lambda link: link.bureau):
        members = sorted(members, key=lambda link: link.indicator.priority)
        counts = Counter(link.indicator.status for link in members)
        scorecard.append((bureau, members, [counts.get(status, 0) for status, _ in STATUS_COLUMNS]))
    return render(
        request,
        "indicators/scorecard.html",
        {"plan": plan, "scorecard": scorecard, "statuses": STATUS_COLUMNS, **as_of},
    )


@method_decorator(require_safe, name="dispatch")
class PlanTableView(ExportMixin, SingleTableMixin, FilterView):
    """Sortable, filterable table of a plan's indicators, exportable as CSV and XLSX."""

    table_class = IndicatorTable
    filterset_class = IndicatorFilter
    template_name = "indicators/plan_table.html"
    export_formats = EXPORT_FORMATS
    export_class = SafeTableExport

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(Plan, code=kwargs["code"])
        request.GET = _bounded_table_query(request.GET)
        self.as_of = _as_of_context(request, self.plan)
        return super().dispatch(request, *args, **kwargs)

    def render_to_response(self, context, **kwargs):
        # Only the offered formats are served; any other `_export` shows the page.
        if self.request.GET.get(self.export_trigger_param) in self.export_formats:
            return self.create_export(self.request.GET[self.export_trigger_param])
        return super(ExportMixin, self).render_to_response(context, **kwargs)

    def get_queryset(self):
        return with_pace_references(self.plan.indicators.main().for_table().by_priority())

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["plan"] = self.plan
        return kwargs

    def get_table_kwargs(self):
        # An export carries every yearly figure too; the page shows them on each indicator.
        kwargs = {"plan": self.plan, "as_of": self.as_of["as_of"]}
        if self.request.GET.get(self.export_trigger_param) in self.export_formats:
            with_companion = self.plan.indicators.exclude(companion_label="").exists()
            kwargs["extra_columns"] = year_columns(self.plan, with_companion=with_companion)
        return kwargs

    def get_export_filename(self, export_format):
        return f"{self.plan.code}-indicators.{export_format}"

    def get_context_data(self, **kwargs):
        # The filters and the table are the same for every reader: cached per plan
        # revision and query string, rebuilt on the next request after any change.
        def build() -> str:
            context = super(PlanTableView, self).get_context_data(
                plan=self.plan, **self.as_of, **kwargs
            )
            return render_to_string(
                "indicators/partials/plan_table_body.html", context, request=self.request
            )

        query = self.request.GET.urlencode()
        body = page_cache.plan_table(self.plan, query, self.as_of["as_of"], build)
        return {
            "plan": self.plan,
            "body": body,
            "shows_synthetic": self.plan.synthetic,
            **self.as_of,
        }


MAX_PER_PAGE = 200


def _bounded_table_query(query: QueryDict) -> QueryDict:
    """The plan table's query string with every argument bounded: a page size of 1 to
    MAX_PER_PAGE, a page number of at least 1, at most 3 sort keys, a search of a few
    short words. Unreadable numbers are dropped (the defaults apply)."""
    bounded = query.copy()
    for name, low, high in (("per_page", 1, MAX_PER_PAGE), ("page", 1, 10**6)):
        number = parse_int(query.get(name))
        if number is None:
            bounded.pop(name, None)
        else:
            bounded[name] = str(min(max(number, low), high))
    bounded.setlist("sort", [key[:40] for key in query.getlist("sort")[:3]])
    if "q" in query:
        bounded["q"] = " ".join(search_words(query.get("q")))
    return bounded


@require_safe
def indicator_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """An indicator's page. What every reader sees is cached per the plans' generations
    and the as_of year (cache.indicator_page); the pending values and the history link,
    which depend on the reader, are added around it."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan"), plan__code=code, number=number
    )
    as_of = _as_of_context(request, indicator.plan)
    body = page_cache.indicator_page(
        indicator, as_of["as_of"], lambda: _indicator_body(request, indicator.pk, as_of)
    )
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": indicator,
            "plan": indicator.plan,
            "body": body,
            "shows_synthetic": indicator.plan.synthetic,
            **_pending(request, YearlyValue.objects.filter(indicator=indicator), indicator.plan),
        },
    )


def _indicator_body(request: HttpRequest, pk: int, as_of: dict) -> str:
    indicator = (
        Indicator.objects.for_dashboard()
        .select_related("predecessor__plan", "plan__region")
        .get(pk=pk)
    )
    successors = list(indicator.successors.select_related("plan"))
    linked = _linked_across_plans(indicator)
    # The downloaded chart's file name: 13th-1-地区生产总值.png
    filename = f"{indicator.plan.code}-{indicator.number}-{indicator.name}"
    return render_to_string(
        "indicators/partials/indicator_body.html",
        {
            "indicator": indicator,
            "plan": indicator.plan,
            "successors": successors,
            "chart": charts.indicator_chart(chart_input(indicator), filename=filename),
            "pace": pace_for_page(indicator, as_of["as_of"]),
            **as_of,
            "continuity": charts.continuity_chart(
                [(i.plan.name, chart_input(i)) for i in linked], filename=f"{filename}-跨规划走势"
            )
            if len(linked) > 1
            else None,
            **indicator_districts(indicator),  # regions
        },
        request=request,
    )


def _linked_across_plans(indicator: Indicator) -> list[Indicator]:
    """The indicator and the same indicator in earlier and later plans, oldest first."""
    ids = [indicator.pk]
    earlier = indicator.predecessor_id
    while earlier and earlier not in ids and len(ids) < 10:
        ids.insert(0, earlier)
        earlier = Indicator.objects.filter(pk=earlier).values_list("predecessor", flat=True).get()
    later = [indicator.pk]
    while later and len(ids) < 10:
        later = [
            pk
            for pk in Indicator.objects.filter(predecessor__in=later).values_list("pk", flat=True)
            if pk not in ids
        ]
        ids += later
    if len(ids) == 1:
        return [indicator]
    linked = Indicator.objects.for_dashboard().filter(pk__in=ids)
    return sorted(linked, key=lambda i: i.plan.start_year)


def _pending(request: HttpRequest, values, plan: Plan) -> dict:
    """Values awaiting review, for officials and planning admins (of the plan's region
    or its city) who ask for them (?pending=1). Marked as such; never feed progress."""
    allowed = can_see_pending(request.user, plan)
    if not (allowed and request.GET.get("pending") == "1"):
        return {"can_see_pending": allowed, "pending": None}
    pending = values.filter(state=EntryState.SUBMITTED).select_related("entered_by", "indicator")
    return {"can_see_pending": True, "pending": list(pending.order_by("indicator_id", "year"))}


@require_safe
def bureau_list(request: HttpRequest) -> HttpResponse:
    region, regions = shown_region(request)  # regions: every district has its 区发改局
    bureaus = (
        Bureau.objects.filter(region=region)
        .annotate(indicator_count=Count("indicator_links"))
        .prefetch_related("aliases")
    )
    return render(
        request,
        "indicators/bureau_list.html",
        {"bureaus": bureaus, **region_switcher(region, regions)},
    )


@require_safe
def bureau_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bureau = get_object_or_404(Bureau.objects.prefetch_related("aliases"), pk=pk)
    # The page spans plans: cached until any of them changes.
    body = page_cache.bureau_page(bureau, lambda: _bureau_body(bureau))
    return render(request, "indicators/bureau.html", {"bureau": bureau, "body": body})


def _bureau_body(bureau: Bureau) -> str:
    indicators = (
        Indicator.objects.filter(indicator_bureaus__bureau=bureau)
        .for_dashboard()
        .order_by("-plan__start_year", "number")
    )
    plans = [
        (plan, [(i, _link_for(i, bureau)) for i in members])
        for plan, members in groupby(indicators, key=lambda i: i.plan)
    ]
    return render_to_string(
        "indicators/partials/bureau_plans.html", {"bureau": bureau, "plans": plans}
    )


def _link_for(indicator: Indicator, bureau: Bureau):
    """This bureau's role on the indicator, with the name the plan printed for it."""
    return next(link for link in indicator.bureau_links if link.bureau_id == bureau.pk)
