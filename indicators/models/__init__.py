"""The data model, one module per part of the domain:

- plans.py: plans, categories, indicators, bureaus, footnotes and notes, as published;
- values.py: yearly values and their versions, recorded assessments, target revisions;
- narratives.py: causes and measures (原因 / 措施) of an indicator's year;
- commitments.py: the quantitative commitments of a plan's text, quoted;
- rounds.py: collection rounds, their reopenings, and users' notices;
- accounts.py: roles and bureaus of users;
- regions.py: the administrative tree and the targets a city passes down.

The words they share (kinds, statuses, entry states ...) are in `vocabulary.py`.
"""

from ..vocabulary import OPEN_STATES, BureauRole, EntryState, Kind, Nature, NoteKind, Role
from .accounts import Account
from .bureaus import Bureau, BureauAlias
from .commitments import Commitment
from .narratives import Narrative
from .plans import (
    Category,
    Footnote,
    Indicator,
    IndicatorBureau,
    IndicatorNote,
    IndicatorQuerySet,
    Plan,
)
from .regions import Region, TargetAssignment
from .rounds import CollectionRound, Notice, RoundReopening
from .values import Assessment, TargetRevision, YearlyValue, YearlyValueQuerySet

__all__ = [
    "OPEN_STATES",
    "Account",
    "Assessment",
    "Bureau",
    "BureauAlias",
    "BureauRole",
    "Category",
    "CollectionRound",
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
    "Notice",
    "Plan",
    "Region",
    "Role",
    "RoundReopening",
    "TargetAssignment",
    "TargetRevision",
    "YearlyValue",
    "YearlyValueQuerySet",
]
