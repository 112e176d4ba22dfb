"""Real parallel transactions on PostgreSQL (`make test-postgres`): of two saves on
the same version, exactly one wins and the other is told; nothing is lost.

SQLite serialises every write, so there these tests are skipped; CI runs them on
PostgreSQL."""

import threading

import pytest
from django.db import connection

from indicators.models import Indicator, YearlyValue
from indicators.services import StaleEntry, plans_load, value_approve
from indicators.services.values import Base
from tests.accounts import account
from tests.factories import enter_value


@pytest.fixture
def parallel_db(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("真实并发事务需要PostgreSQL:由 make test-postgres 运行")
    plans_load()


def _in_parallel(*jobs):
    """Run the jobs in threads released at the same instant; collect outcomes."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = ("ok", job())
        except StaleEntry as error:
            outcomes[index] = ("stale", str(error))
        except Exception as error:  # any other failure is reported by the assertion
            outcomes[index] = ("error", repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, job), daemon=True) for i, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a save is still waiting"
    return outcomes


def _save(user, value, base):
    forest = Indicator.objects.get(plan__code="14th", number=18)
    return lambda: enter_value(forest, user, value, base=base).value.text


def test_two_parallel_edits_of_one_draft(parallel_db):
    first, second = account("ylj", "staff", "区园林局"), account("ylj2", "staff", "区园林局")
    draft = enter_value(Indicator.objects.get(plan__code="14th", number=18), first, "10.3")
    for attempt in range(5):  # the race is real: repeat it
        base = Base.of(YearlyValue.objects.get(pk=draft.pk))
        outcomes = _in_parallel(
            _save(first, f"10.4{attempt}", base), _save(second, f"10.5{attempt}", base)
        )
        kinds = sorted(kind for kind, _ in outcomes)
        assert kinds == ["ok", "stale"], outcomes
        winner = next(value for kind, value in outcomes if kind == "ok")
        saved = YearlyValue.objects.get(pk=draft.pk)
        assert saved.value.text == winner
        assert saved.revision == base.revision + 1


def test_two_parallel_first_entries(parallel_db):
    first, second = account("ylj", "staff", "区园林局"), account("ylj2", "staff", "区园林局")
    outcomes = _in_parallel(_save(first, "10.3", Base()), _save(second, "10.4", Base()))
    assert sorted(kind for kind, _ in outcomes) == ["ok", "stale"], outcomes
    assert (
        YearlyValue.objects.filter(indicator__number=18, indicator__plan__code="14th").count() == 1
    )


def test_two_parallel_approvals(parallel_db):
    staff, planner = account("ylj", "staff", "区园林局"), account("guihua", "planner")
    entry = enter_value(
        Indicator.objects.get(plan__code="14th", number=18), staff, "10.3", submit=True
    )
    base = Base.of(entry)

    def approve():
        return value_approve(
            entry=YearlyValue.objects.get(pk=entry.pk), user=planner, base=base
        ).state

    outcomes = _in_parallel(approve, approve)
    assert sorted(kind for kind, _ in outcomes) in (["ok", "stale"], ["error", "ok"]), outcomes
    assert YearlyValue.objects.filter(pk=entry.pk, state="approved").count() == 1
    assert YearlyValue.history.filter(id=entry.pk, state="approved").count() == 1
