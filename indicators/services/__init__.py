"""Every write goes through here: keyword-only functions, one transaction each,
recording who and why.

- plans.py: loading the published plans, statuses, recorded assessments;
- values.py: the yearly value workflow (draft, submit, approve, return, revise);
- admin_tasks.py: target revisions, bureau renames and merges, starting a new plan.
"""

from .admin_tasks import (
    bureau_merge,
    bureau_rename,
    indicator_rows_check,
    indicators_import,
    plan_start_from,
    target_revise,
)
from .plans import (
    FixtureError,
    assessment_record,
    bureau_for_name,
    plans_load,
    plans_touch,
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
    "bureau_merge",
    "bureau_rename",
    "indicator_rows_check",
    "indicators_import",
    "plan_start_from",
    "plans_load",
    "plans_touch",
    "statuses_refresh",
    "target_revise",
    "value_approve",
    "value_return",
    "value_save",
    "values_save_all",
]
