"""Generated indicators for tests that must hold at a size beyond the real plans.

These are test data only, never shown to users.
"""

from django.db.models import Max

from indicators.models import (
    Bureau,
    Category,
    Footnote,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    Plan,
    YearlyValue,
)


def add_generated_indicators(plan: Plan, count: int) -> list[Indicator]:
    """Append `count` indicators to `plan`: two bureaus, a value for every year,
    a note and a definition-change footnote each, so that every prefetch is used."""
    category = Category.objects.create(plan=plan, name="测试生成", position=99)
    lead, _ = Bureau.objects.get_or_create(name="测试生成局甲")
    co, _ = Bureau.objects.get_or_create(name="测试生成局乙")
    start = (plan.indicators.aggregate(last=Max("number"))["last"] or 0) + 1
    indicators = Indicator.objects.bulk_create(
        Indicator(
            plan=plan,
            category=category,
            number=start + offset,
            name=f"生成指标{offset}",
            unit="亿元",
            nature="expected",
            kind="level",
            baseline_year=plan.base_year,
            baseline="100",
            target_year=plan.end_year,
            target=">150",
            target_growth="8%",
        )
        for offset in range(count)
    )
    IndicatorBureau.objects.bulk_create(
        link
        for indicator in indicators
        for link in (
            IndicatorBureau(indicator=indicator, bureau=lead, position=0, printed_name=lead.name),
            IndicatorBureau(
                indicator=indicator, bureau=co, role="co", position=1, printed_name=co.name
            ),
        )
    )
    YearlyValue.objects.bulk_create(
        YearlyValue(
            indicator=indicator,
            year=year,
            value=str(100 + 10 * (year - plan.base_year)),
            growth="10%",
            state="approved",
        )
        for indicator in indicators
        for year in plan.years
    )
    IndicatorNote.objects.bulk_create(
        IndicatorNote(indicator=indicator, text="生成的说明") for indicator in indicators
    )
    footnote = Footnote.objects.create(
        plan=plan, number=90, text="生成的口径调整", break_year=plan.start_year + 2
    )
    footnote.indicators.set(indicators)
    return indicators


def enter_value(indicator, user, value, *, base=None, submit=False, source="统计快报"):
    """A 2021 value saved through the entry workflow (services.value_save), as staff do."""
    from indicators.services import value_save
    from indicators.services.values import Base

    return value_save(
        indicator=indicator,
        year=2021,
        value=value,
        growth="",
        source=source,
        note="",
        user=user,
        base=base or Base(),
        submit=submit,
    )
