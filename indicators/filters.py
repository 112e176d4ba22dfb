from __future__ import annotations

import django_filters
from django.db.models import Q

from .models import Bureau, Category, CollectionRound, Indicator, YearlyValue
from .params import search_words
from .vocabulary import OPEN_STATES, EntryState, Nature, Source, Status


class IndicatorFilter(django_filters.FilterSet):
    """Filters of the plan table; the choices are those of the plan shown."""

    q = django_filters.CharFilter(label="搜索", method="search")
    category = django_filters.ModelChoiceFilter(
        label="类别", queryset=Category.objects.none(), empty_label="全部类别"
    )
    bureau = django_filters.ModelChoiceFilter(
        label="责任单位",
        queryset=Bureau.objects.none(),
        field_name="indicator_bureaus__bureau",
        empty_label="全部单位",
    )
    nature = django_filters.ChoiceFilter(
        label="属性",
        # Table 1 has no 属性 column: its indicators are "unmarked" (stored as "").
        choices=[(nature.value or "unmarked", nature.label) for nature in Nature],
        empty_label="全部属性",
        method="filter_nature",
    )

    status = django_filters.ChoiceFilter(
        label="状态", choices=Status.choices(), empty_label="全部状态"
    )

    class Meta:
        model = Indicator
        fields = ["q", "category", "bureau", "nature", "status"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].queryset = plan.categories.filter(
            indicators__source=Source.TABLE
        ).distinct()
        self.filters["bureau"].queryset = Bureau.objects.filter(
            indicator_links__indicator__plan=plan
        ).distinct()

    def filter_nature(self, queryset, name, value):
        return queryset.filter(nature=Nature.UNMARKED if value == "unmarked" else value)

    def search(self, queryset, name, value):
        """Text in the indicator's name, its category, or a bureau's name or former name.
        Every word must match; each word is one subquery, so words add no joins."""
        for word in search_words(value):
            matching = Indicator.objects.filter(
                Q(name__icontains=word)
                | Q(category__name__icontains=word)
                | Q(indicator_bureaus__bureau__name__icontains=word)
                | Q(indicator_bureaus__printed_name__icontains=word)
                | Q(indicator_bureaus__bureau__aliases__name__icontains=word)
            )
            queryset = queryset.filter(pk__in=matching.values("pk"))
        return queryset


class ReviewFilter(django_filters.FilterSet):
    """Filters of the review page: bureau, round and state (submitted by default)."""

    bureau = django_filters.ModelChoiceFilter(
        label="责任单位",
        queryset=Bureau.objects.all(),
        field_name="indicator__indicator_bureaus__bureau",
        distinct=True,
        empty_label="全部单位",
    )
    round = django_filters.ModelChoiceFilter(
        label="填报轮次",
        queryset=CollectionRound.objects.select_related("plan"),
        empty_label="全部轮次",
    )
    state = django_filters.ChoiceFilter(
        label="状态",
        choices=[(s.value, s.label) for s in (*OPEN_STATES, EntryState.APPROVED)],
        empty_label="全部状态",
    )

    class Meta:
        model = YearlyValue
        fields = ["bureau", "round", "state"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if "state" not in data:
            data["state"] = EntryState.SUBMITTED.value  # what waits for a reviewer
        super().__init__(data, *args, **kwargs)
