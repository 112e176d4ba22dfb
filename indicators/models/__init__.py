"""The data model, one module per part of the domain:

- plans.py: plans, categories, indicators, bureaus, footnotes and notes, as published;
- values.py: yearly values and their versions, recorded assessments, target revisions;
- narratives.py: causes and measures (原因 / 措施) of an indicator's year;
- accounts.py: roles and bureaus of users.

The words they share (kinds, statuses, entry states ...) are in `vocabulary.py`.
"""

from ..vocabulary import OPEN_STATES, BureauRole, EntryState, Kind, Nature, NoteKind, Role
from .accounts import Account
from .narratives import Narrative
from .plans import (
    Bureau,
    BureauAlias,
    Category,
    Commitment,
    Footnote,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    IndicatorQuerySet,
    Plan,
)
from .values import Assessment, TargetRevision, YearlyValue, YearlyValueQuerySet

__all__ = [
    "OPEN_STATES",
    "Account",
    "Assessment",
    "Bureau",
    "BureauAlias",
    "BureauRole",
    "Category",
    "Commitment",
    "EntryState",
    "Footnote",
    "Indicator",
    "IndicatorBureau",
    "IndicatorNote",
    "IndicatorQuerySet",
    "Kind",
    "Narrative",
    "Nature",
    "NoteKind",
    "Plan",
    "Role",
    "TargetRevision",
    "YearlyValue",
    "YearlyValueQuerySet",
]
