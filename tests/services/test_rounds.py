"""Collection rounds in the services: opening, the lock after the deadline and grace,
reopening one bureau with a reason, the ended plan, stages and their versions, and
the notices each step sends."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from indicators.collection import RoundWindow, entry_window, jump_flags, plan_ended, year_label
from indicators.models import Bureau, CollectionRound, Notice, RoundReopening, YearlyValue
from indicators.services import (
    EntryError,
    RuleError,
    reminders_send,
    round_close,
    round_open,
    round_reopen,
    value_approve,
    value_return,
    value_save,
    values_approve_all,
)
from indicators.services.values import Base
from indicators.vocabulary import RoundState, Stage

TODAY = datetime.date(2026, 3, 10)


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _save(indicator, user, year=2025, *, growth="8.5", submit=False, base=None):
    return value_save(
        indicator=indicator,
        year=year,
        value="",
        growth=growth,
        source="统计快报",
        user=user,
        base=base or Base(),
        submit=submit,
    )


def _age(round, days: int):
    """Move a round's deadline into the past (as if `days` had passed): set-up only."""
    CollectionRound.objects.filter(pk=round.pk).update(
        deadline=round.deadline - datetime.timedelta(days=days)
    )
    round.refresh_from_db()


# ------------------------------------------------------------ pure rules


def _window(**kwargs):
    base = dict(pk=1, stage=Stage.PRELIMINARY, state=RoundState.OPEN, grace_days=0)
    return RoundWindow(**(base | kwargs))


@pytest.mark.parametrize(
    ("deadline", "grace", "state", "reopened", "open"),
    [
        (TODAY, 0, RoundState.OPEN, None, True),  # the deadline day itself
        (TODAY - datetime.timedelta(days=1), 0, RoundState.OPEN, None, False),
        (TODAY - datetime.timedelta(days=1), 3, RoundState.OPEN, None, True),  # grace
        (TODAY + datetime.timedelta(days=9), 0, RoundState.CLOSED, None, False),
        (TODAY - datetime.timedelta(days=9), 0, RoundState.CLOSED, TODAY, True),  # reopened
        (
            TODAY - datetime.timedelta(days=9),
            0,
            RoundState.OPEN,
            TODAY - datetime.timedelta(1),
            False,
        ),
    ],
)
def test_a_round_accepts_until_its_deadline_and_grace_or_a_reopening(
    deadline, grace, state, reopened, open
):
    window = _window(deadline=deadline, grace_days=grace, state=state, reopened_until=reopened)
    result = entry_window(plan_name="p", end_year=2025, year=2025, rounds=[window], today=TODAY)
    assert result.open is open
    assert (result.stage == Stage.PRELIMINARY) is open


def test_a_year_without_rounds_is_open_while_the_plan_runs_and_a_year_after():
    assert not plan_ended(2025, datetime.date(2026, 11, 30))  # the 2025 年报 comes in 2026
    assert plan_ended(2020, datetime.date(2026, 1, 1))
    result = entry_window(plan_name="十三五", end_year=2020, year=2020, rounds=[], today=TODAY)
    assert not result.open and "已结束" in result.message


def test_the_latest_accepting_stage_wins():
    rounds = [
        _window(pk=1, stage=Stage.ESTIMATE, deadline=TODAY),
        _window(pk=2, stage=Stage.FINAL, deadline=TODAY),
    ]
    result = entry_window(plan_name="p", end_year=2025, year=2025, rounds=rounds, today=TODAY)
    assert (result.stage, result.round_pk) == (Stage.FINAL, 2)


def test_year_labels_say_the_stage():
    assert year_label(2025, "estimate") == "2025年(预计)"
    assert year_label(2020, "", printed=True) == "2020年"


@pytest.mark.parametrize(
    ("kind", "unit", "value", "growth", "last_value", "last_growth", "flagged"),
    [
        ("rate", "%", None, 14.0, None, 8.0, True),  # growth 8 → 14: 6 points
        ("rate", "%", None, 12.0, None, 8.0, False),
        ("share", "%", 104.0, None, 50.0, None, True),
        ("rate", "%", 1234.5, 8.0, None, 8.0, False),  # a rate's total is no share
        ("level", "亿元", 1700.0, None, 1100.0, None, True),  # more than half
        ("level", "亿元", 1300.0, None, 1100.0, None, False),
    ],
)
def test_implausible_jumps_are_flagged(kind, unit, value, growth, last_value, last_growth, flagged):
    flags = jump_flags(
        kind=kind,
        unit=unit,
        value=value,
        growth=growth,
        last_value=last_value,
        last_growth=last_growth,
        jump_points=5,
    )
    assert bool(flags) is flagged


# ------------------------------------------------------------ services


def test_only_a_planner_opens_a_round_and_staff_are_told(plan14, planning_admin, staff_fgj):
    staff_fgj.email = "fgj@example.cn"
    staff_fgj.save()
    with pytest.raises(RuleError):
        round_open(plan=plan14, year=2025, stage="preliminary", deadline=_days(10), user=staff_fgj)
    round = round_open(
        plan=plan14, year=2025, stage=Stage.PRELIMINARY, deadline=_days(10), user=planning_admin
    )
    assert round.source == "统计快报"
    assert round.history.get().history_user == planning_admin
    notice = Notice.objects.get(user=staff_fgj)
    assert "填报已开始" in notice.text and notice.link.endswith(
        f"/bureaus/{Bureau.objects.get(name='区发改局').pk}/"
    )


@pytest.mark.parametrize(
    ("year", "stage", "deadline", "field"),
    [
        (2019, "preliminary", 5, "year"),
        (2025, "guess", 5, "stage"),
        (2025, "final", -1, "deadline"),
    ],
)
def test_a_round_with_a_wrong_year_stage_or_deadline_is_refused(
    plan14, planning_admin, year, stage, deadline, field
):
    with pytest.raises(RuleError) as error:
        round_open(
            plan=plan14, year=year, stage=stage, deadline=_days(deadline), user=planning_admin
        )
    assert field in error.value.errors


def test_one_open_round_per_year_and_one_round_per_stage(plan14, planning_admin):
    first = round_open(
        plan=plan14, year=2025, stage="estimate", deadline=_days(5), user=planning_admin
    )
    with pytest.raises(RuleError, match="进行中"):
        round_open(
            plan=plan14, year=2025, stage="preliminary", deadline=_days(5), user=planning_admin
        )
    round_close(round=first, user=planning_admin)
    with pytest.raises(RuleError, match="开启过"):
        round_open(plan=plan14, year=2025, stage="estimate", deadline=_days(5), user=planning_admin)


def test_a_value_entered_in_a_round_carries_its_stage(plan14, gdp14, planning_admin, staff_fgj):
    round = round_open(
        plan=plan14, year=2025, stage="estimate", deadline=_days(5), user=planning_admin
    )
    entry = _save(gdp14, staff_fgj)
    assert (entry.stage, entry.round) == (Stage.ESTIMATE, round)


def test_without_a_round_a_value_is_a_preliminary_figure(gdp14, staff_fgj):
    entry = _save(gdp14, staff_fgj, year=2021)
    assert (entry.stage, entry.round) == (Stage.PRELIMINARY, None)


def test_after_the_deadline_and_grace_values_are_locked(plan14, gdp14, planning_admin, staff_fgj):
    round = round_open(
        plan=plan14,
        year=2025,
        stage="preliminary",
        deadline=_days(0),
        grace_days=2,
        user=planning_admin,
    )
    _age(round, 2)  # deadline two days ago, grace 2 days: today is the last day
    _save(gdp14, staff_fgj)
    _age(round, 1)
    entry = YearlyValue.objects.get(indicator=gdp14, year=2025)
    with pytest.raises(EntryError, match="截止"):
        _save(gdp14, staff_fgj, growth="9", base=Base.of(entry))
    with pytest.raises(EntryError, match="截止"):  # planners too: they reopen first
        _save(gdp14, planning_admin, growth="9", base=Base.of(entry))


def test_a_closed_round_locks_its_values(plan14, gdp14, planning_admin, staff_fgj):
    round = round_open(
        plan=plan14, year=2025, stage="final", deadline=_days(9), user=planning_admin
    )
    round_close(round=round, user=planning_admin)
    with pytest.raises(EntryError, match="锁定"):
        _save(gdp14, staff_fgj)
    with pytest.raises(RuleError):
        round_close(round=round, user=planning_admin)


def test_reopening_needs_a_reason_and_opens_only_that_bureau(
    plan14, gdp14, forest14, planning_admin, staff_fgj, staff_ylj
):
    round = round_open(
        plan=plan14, year=2025, stage="preliminary", deadline=_days(0), user=planning_admin
    )
    _age(round, 3)
    fgj = Bureau.objects.get(name="区发改局")
    with pytest.raises(RuleError) as error:
        round_reopen(round=round, bureau=fgj, user=planning_admin, reason=" ", until=_days(2))
    assert "reason" in error.value.errors
    with pytest.raises(RuleError):
        round_reopen(round=round, bureau=fgj, user=staff_fgj, reason="补报", until=_days(2))
    reopening = round_reopen(
        round=round, bureau=fgj, user=planning_admin, reason="统计局数据延迟发布", until=_days(2)
    )
    assert reopening.history.get().history_change_reason == "重新开放:统计局数据延迟发布"
    assert RoundReopening.objects.get().opened_by == planning_admin
    entry = _save(gdp14, staff_fgj)  # 区发改局: open again
    assert entry.round == round
    with pytest.raises(EntryError, match="截止"):  # 区园林局: still locked
        _save(forest14, staff_ylj, growth="", year=2025)


def test_the_13th_plan_is_locked_unless_a_round_is_open_for_it(plan13, gdp13, planning_admin):
    with pytest.raises(EntryError, match="已结束"):
        value_save(
            indicator=gdp13,
            year=2020,
            value="1100",
            growth="",
            source="统计年报",
            user=planning_admin,
            base=Base.of(gdp13.values.get(year=2020)),
            submit=False,
        )
    CollectionRound.objects.create(  # set-up: a round opened long ago, still open
        plan=plan13, year=2020, stage="final", deadline=_days(3)
    )
    entry = value_save(
        indicator=gdp13,
        year=2020,
        value="1100",
        growth="",
        source="统计年报",
        user=planning_admin,
        base=Base.of(gdp13.values.get(year=2020)),
        submit=False,
    )
    assert entry.stage == Stage.FINAL and entry.version == 2


def test_a_later_stage_is_a_new_version_and_a_stage_never_goes_back(
    plan14, gdp14, planning_admin, planning_admin_2, staff_fgj
):
    final = round_open(
        plan=plan14, year=2025, stage="final", deadline=_days(5), user=planning_admin
    )
    entry = _save(gdp14, staff_fgj, submit=True)
    value_approve(entry=entry, user=planning_admin, base=Base.of(entry))
    round_close(round=final, user=planning_admin)
    round_open(plan=plan14, year=2025, stage="estimate", deadline=_days(5), user=planning_admin)
    with pytest.raises(EntryError, match="年报"):
        _save(gdp14, staff_fgj, growth="9", base=Base.of(entry))


def test_estimate_then_preliminary_two_versions(plan14, gdp14, planning_admin, staff_fgj):
    estimate = round_open(
        plan=plan14, year=2025, stage="estimate", deadline=_days(5), user=planning_admin
    )
    first = _save(gdp14, staff_fgj, submit=True)
    value_approve(entry=first, user=planning_admin, base=Base.of(first))
    round_close(round=estimate, user=planning_admin)
    round_open(plan=plan14, year=2025, stage="preliminary", deadline=_days(5), user=planning_admin)
    second = _save(gdp14, staff_fgj, growth="8.7", base=Base.of(first))
    assert (second.version, second.stage) == (2, Stage.PRELIMINARY)
    first.refresh_from_db()
    assert (first.state, first.stage) == ("approved", Stage.ESTIMATE)  # in force until approved


def test_returning_and_approving_notify_the_enterer_once(
    gdp14, forest14, staff_fgj, planning_admin
):
    staff_fgj.email = "fgj@example.cn"
    staff_fgj.save()
    entry = _save(gdp14, staff_fgj, year=2021, submit=True)
    with pytest.raises(EntryError):
        value_return(entry=entry, user=planning_admin, base=Base.of(entry), comment="")
    value_return(entry=entry, user=planning_admin, base=Base.of(entry), comment="请核对增速口径")
    notice = Notice.objects.get(user=staff_fgj, kind="returned")
    assert "请核对增速口径" in notice.text
    entry = _save(gdp14, staff_fgj, year=2021, submit=True, base=Base.of(entry))
    values_approve_all(decisions=[(entry, Base.of(entry))], user=planning_admin)
    assert Notice.objects.filter(user=staff_fgj, kind="approved").count() == 1


def test_approving_several_is_all_or_nothing_and_four_eyes_each(
    gdp14, forest14, staff_fgj, staff_ylj, planning_admin, planning_admin_2
):
    mine = value_save(
        indicator=forest14,
        year=2021,
        value="10.6",
        growth="",
        source="统计快报",
        user=planning_admin,
        base=Base(),
        submit=True,
    )
    theirs = _save(gdp14, staff_fgj, year=2021, submit=True)
    with pytest.raises(EntryError, match="不能审核自己"):
        values_approve_all(
            decisions=[(theirs, Base.of(theirs)), (mine, Base.of(mine))], user=planning_admin
        )
    theirs.refresh_from_db()
    assert theirs.state == "submitted"  # nothing approved
    values_approve_all(
        decisions=[(theirs, Base.of(theirs)), (mine, Base.of(mine))], user=planning_admin_2
    )
    assert set(YearlyValue.objects.approved().filter(year=2021).values_list("pk", flat=True)) >= {
        theirs.pk,
        mine.pk,
    }


def test_reminders_go_to_late_and_near_deadline_bureaus_once(
    plan14, gdp14, planning_admin, staff_fgj, staff_ylj, django_capture_on_commit_callbacks
):
    staff_fgj.email, staff_ylj.email = "fgj@example.cn", "ylj@example.cn"
    staff_fgj.save()
    staff_ylj.save()
    round = round_open(
        plan=plan14,
        year=2025,
        stage="preliminary",
        deadline=_days(2),
        grace_days=5,
        user=planning_admin,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send()
    assert sent >= 2
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "即将截止" in subjects["fgj@example.cn"]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 0  # nothing twice
    _age(round, 4)  # now two days late, within the grace
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send()
    late = [m for m in mail.outbox if "已逾期" in m.subject]
    assert {m.to[0] for m in late} >= {"fgj@example.cn", "ylj@example.cn"}
    assert "区发改局还有4项未报" in next(m.body for m in late if m.to == ["fgj@example.cn"])
