"""Every write goes through here: keyword-only functions, each checking its own rules,
recording who and why, and ending in `plan_changed()` (statuses and cached pages).

- changes.py: recording a write, plan_changed, RuleError;
- values.py: the yearly value workflow (check, draft, submit, approve, return);
- targets.py: editing indicators and revising their targets;
- bureaus.py: bureaus, their names, merges, and the bureaus of an indicator;
- plans.py: loading the published plans, starting the next plan, plan fields,
  categories, footnotes and notes, recorded assessments;
- rounds.py: collection rounds, their closing and per-bureau reopenings;
- notices.py: the in-app inbox (and email), reminders of deadlines;
- evidence.py: files attached to values;
- accounts.py: roles and bureaus of users;
- commitments.py: the quantitative commitments of the plan's text;
- planfiles.py: plan files in (check, all-or-nothing import) and published values.
- regions.py: regions (行政区划) and the targets a city passes down.

Views, forms, the admin and commands parse input and call these; they never write.
"""

from .accounts import account_save, account_set, can_manage
from .bureaus import (
    UnknownBureau,
    bureau_alias_save,
    bureau_create,
    bureau_for_name,
    bureau_merge,
    bureau_rename,
    indicator_bureau_save,
    indicator_bureaus_add,
)
from .changes import RuleError, plan_changed, plans_changed, recorded, statuses_refresh
from .commitments import commitment_bureaus_add, commitments_load
from .evidence import evidence_check, value_attach
from .notices import notice_send, notices_read, reminders_send
from .planfiles import PlanFileReport, plan_file_check, plan_file_import
from .plans import (
    FixtureError,
    assessment_record,
    definition_save,
    footnote_indicators_set,
    plan_create,
    plan_start_from,
    plan_update,
    plans_load,
)
from .regions import city_target_assign, region_for_code, regions_load
from .rounds import round_close, round_open, round_reopen
from .targets import (
    REVISED_FIELDS,
    indicator_create,
    indicator_update,
    indicator_update_check,
    target_revise,
    target_revision_check,
)
from .values import (
    Base,
    EntryError,
    StaleEntry,
    value_approve,
    value_check,
    value_publish,
    value_return,
    value_save,
    values_approve_all,
    values_save_all,
)

__all__ = [
    "REVISED_FIELDS",
    "Base",
    "EntryError",
    "FixtureError",
    "PlanFileReport",
    "RuleError",
    "StaleEntry",
    "UnknownBureau",
    "account_save",
    "account_set",
    "assessment_record",
    "bureau_alias_save",
    "bureau_create",
    "bureau_for_name",
    "bureau_merge",
    "bureau_rename",
    "can_manage",
    "city_target_assign",
    "commitment_bureaus_add",
    "commitments_load",
    "definition_save",
    "evidence_check",
    "footnote_indicators_set",
    "indicator_bureau_save",
    "indicator_bureaus_add",
    "indicator_create",
    "indicator_update",
    "indicator_update_check",
    "notice_send",
    "notices_read",
    "plan_changed",
    "plan_create",
    "plan_file_check",
    "plan_file_import",
    "plan_start_from",
    "plan_update",
    "plans_changed",
    "plans_load",
    "recorded",
    "region_for_code",
    "regions_load",
    "reminders_send",
    "round_close",
    "round_open",
    "round_reopen",
    "statuses_refresh",
    "target_revise",
    "target_revision_check",
    "value_approve",
    "value_attach",
    "value_check",
    "value_publish",
    "value_return",
    "value_save",
    "values_approve_all",
    "values_save_all",
]
