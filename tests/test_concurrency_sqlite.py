"""SQLite, the default database, with concurrent writers: eight people saving the same
value at the same instant. One wins; the others get the stale-value message. Nobody
gets "database is locked" (a 500)."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from indicators.models import Indicator, YearlyValue
from indicators.services import plans_load
from indicators.services.values import Base
from tests.accounts import account
from tests.factories import enter_value
from tests.test_concurrency_parallel import _in_parallel

SAVERS = 8


@pytest.fixture
def sqlite_db(transactional_db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own settings; PostgreSQL runs test_concurrency_parallel.py")
    plans_load()


def _forest():
    return Indicator.objects.get(plan__code="14th", number=18)


def test_sqlite_is_set_up_for_concurrent_writers(sqlite_db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.transaction_mode == "IMMEDIATE"


def test_eight_simultaneous_saves_of_one_draft_on_sqlite(sqlite_db):
    users = [account(f"ylj{i}", "staff", "区园林局") for i in range(SAVERS)]
    draft = enter_value(_forest(), users[0], "10.3")
    base = Base.of(YearlyValue.objects.get(pk=draft.pk))

    def save(user, text):
        return lambda: enter_value(_forest(), user, text, base=base).value.text

    outcomes = _in_parallel(*(save(user, f"10.4{i}") for i, user in enumerate(users)))
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok"] + ["stale"] * (SAVERS - 1), outcomes
    winner = next(value for kind, value in outcomes if kind == "ok")
    saved = YearlyValue.objects.get(pk=draft.pk)
    assert (saved.value.text, saved.revision) == (winner, base.revision + 1)


def test_eight_simultaneous_form_saves_on_sqlite_never_500(sqlite_db):
    """The same through the entry form: each browser previewed on the same empty form."""
    url = reverse("entry_edit", args=[_forest().pk, 2021])
    clients = []
    for i in range(SAVERS):
        client = Client(raise_request_exception=False)
        client.force_login(account(f"ylj{i}", "staff", "区园林局"))
        data = {"value": f"10.4{i}", "source": "统计快报", "base": ""}
        preview = client.post(url, {**data, "action": "preview"})
        clients.append((client, {**data, "previewed": preview.context["form"].data["previewed"]}))

    def save(client, data):
        return lambda: client.post(url, {**data, "action": "save"}).status_code

    outcomes = _in_parallel(*(save(client, data) for client, data in clients))
    statuses = sorted(status for _, status in outcomes)
    assert statuses == [302] + [409] * (SAVERS - 1), outcomes
    assert YearlyValue.objects.filter(indicator=_forest(), year=2021).count() == 1
