"""Every write goes through here: keyword-only functions, one transaction each,
recording who and why.

- plans.py: loading the published plans, statuses, recorded assessments;
- values.py: the yearly value workflow (draft, submit, approve, return, revise).
"""

from .plans import (
    FixtureError,
    assessment_record,
    bureau_for_name,
    plans_load,
    statuses_refresh,
)
from .values import (
    EntryError,
    StaleEntry,
    value_approve,
    value_return,
    value_save,
    values_save_all,
)

__all__ = [
    "EntryError",
    "FixtureError",
    "StaleEntry",
    "assessment_record",
    "bureau_for_name",
    "plans_load",
    "statuses_refresh",
    "value_approve",
    "value_return",
    "value_save",
    "values_save_all",
]
