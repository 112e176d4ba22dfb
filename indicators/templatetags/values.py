"""Showing values in templates the way every page says them."""

from django import template

from ..selectors import value_year_label

register = template.Library()


@register.filter
def year_stage(value) -> str:
    """'2025年(预计)': a value's year and its stage (selectors.value_year_label)."""
    return value_year_label(value) if value is not None else ""
