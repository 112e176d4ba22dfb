"""An indicator's history: every change to its values, targets and assessments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Assessment, Indicator, YearlyValue


@require_safe
@login_required
def indicator_history(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """Every change to the indicator's values, targets and assessments: who, when,
    old → new, and why."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan"), plan__code=code, number=number
    )
    changes = []
    histories = [
        ("指标", Indicator.history.filter(id=indicator.pk), lambda record: "目标与定义"),
        (
            "数值",
            YearlyValue.history.filter(indicator_id=indicator.pk),
            lambda record: f"{record.year}年第{record.version}版",
        ),
        (
            "评估",
            Assessment.history.filter(indicator_id=indicator.pk),
            lambda record: f"{record.year}年人工评估",
        ),
    ]
    for kind, records, label in histories:
        records = list(
            records.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        previous_by_object: dict[int, object] = {}
        for record in records:
            previous = previous_by_object.get(record.id)
            fields = []
            if previous is None:
                fields = [("", "", "新建")]
            else:
                delta = record.diff_against(previous)
                fields = [
                    (change.field, _shown(change.old), _shown(change.new))
                    for change in delta.changes
                    if change.field not in {"revision", "submitted_at", "reviewed_at"}
                ]
            previous_by_object[record.id] = record
            if fields:
                changes.append(
                    {
                        "when": record.history_date,
                        "who": record.history_user,
                        "kind": kind,
                        "what": label(record),
                        "fields": [(_field_label(record, f), old, new) for f, old, new in fields],
                        "why": record.history_change_reason or "",
                    }
                )
    changes.sort(key=lambda change: change["when"], reverse=True)
    return render(
        request,
        "indicators/history.html",
        {"indicator": indicator, "plan": indicator.plan, "changes": changes},
    )


def _shown(value) -> str:
    text = getattr(value, "text", value)
    return "" if text is None else str(text)


def _field_label(record, name: str) -> str:
    if not name:
        return ""
    try:
        return str(record.instance_type._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field removed since: show its name
        return name
