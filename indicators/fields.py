"""A model field that stores a figure's printed text and hands back its meaning.

The database keeps only the text, exactly as printed; the parsed meaning
(number, comparator, percentage, cumulative, qualitative) is derived from it by
the one parser in `notation.py` (through `printed.read_printed`, which adds the
printed forms of plan tables such as "60.6*" or a phrase target), so the two can
never disagree. What staff type is checked by `validation.check_entry` with the
parser alone.
"""

from __future__ import annotations

import contextlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from .notation import Figure, NotationError
from .printed import read_printed


def _to_figure(value: object) -> Figure:
    if isinstance(value, Figure):
        return value
    if value is None:
        return read_printed("")
    try:
        return read_printed(str(value))
    except NotationError as error:
        raise ValidationError(str(error), code="notation") from error


class FigureFormField(forms.CharField):
    """A text input that accepts any printed figure (`printed.read_printed`)."""

    def prepare_value(self, value: object) -> object:
        return value.text if isinstance(value, Figure) else value

    def clean(self, value: object) -> Figure:
        text = super().clean(value)
        return _to_figure(text)

    def has_changed(self, initial: object, data: object) -> bool:
        before = initial.text if isinstance(initial, Figure) else str(initial or "")
        return before.strip() != str(data or "").strip()


class FigureDescriptor(DeferredAttribute):
    """Turns assigned text into a Figure, so `indicator.baseline.value` always works.

    Unreadable text is kept as a plain string so that `full_clean()` can report it.
    """

    def __set__(self, instance: models.Model, value: object) -> None:
        if not isinstance(value, Figure):
            with contextlib.suppress(NotationError):
                value = read_printed("" if value is None else str(value))
        instance.__dict__[self.field.attname] = value


class FigureField(models.CharField):
    description = "A figure as printed, with its parsed meaning"
    descriptor_class = FigureDescriptor

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def run_validators(self, value: object) -> None:
        super().run_validators(value.text if isinstance(value, Figure) else value)

    def to_python(self, value: object) -> Figure:
        return _to_figure(value)

    def get_prep_value(self, value: object) -> str:
        if isinstance(value, Figure):
            return value.text
        if isinstance(value, str):  # CharField's would turn it into a Figure (to_python)
            return value
        return super().get_prep_value(value) or ""

    def value_to_string(self, obj: models.Model) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", FigureFormField)
        return super().formfield(**kwargs)
