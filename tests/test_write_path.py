"""One write path: every write of the app's models goes through indicators/services/.

Two checks: the code itself (no save/create/update/delete of a model outside the
services, the migrations and the model definitions), and every test's writes at run
time (tests/write_guard.py, installed for the whole session in conftest.py).
"""

import re
from pathlib import Path

import pytest

from indicators.models import Bureau, Category, Plan
from tests.write_guard import WriteOutsideServices, writer

ROOT = Path(__file__).resolve().parent.parent
WRITES = re.compile(
    r"\.(save|delete)\(|objects\.(create|update|get_or_create|update_or_create|bulk_create"
    r"|bulk_update)\(|\.(update|delete)\(\s*\w+=F\(|\)\.update\("
)
ALLOWED = ("indicators/services/", "indicators/migrations/")
NOT_MODELS = re.compile(r"\w*(book|document)\.save\(|\.save\(commit=False\)")


def _python_files():
    for path in sorted((ROOT / "indicators").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith(ALLOWED):
            yield relative, path


def test_no_model_write_outside_services_in_the_code():
    offenders = []
    for relative, path in _python_files():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            code = line.split("#", 1)[0]
            # Not model writes: a workbook or a Word document saved to a buffer, a formset
            # read without saving.
            if WRITES.search(code) and not NOT_MODELS.search(code):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def _as_if_written_in(relative: str, source: str) -> dict:
    """Compile `source` as if it were the file `relative` of the project."""
    namespace: dict = {}
    exec(compile(source, str(ROOT / relative), "exec"), namespace)
    return namespace


def test_the_guard_refuses_a_write_from_a_view(plan14):
    """A view that saved a model directly would fail every test that calls it."""
    careless = _as_if_written_in(
        "indicators/views.py",
        "def view(plan):\n"
        "    from indicators.models import Category\n"
        "    Category.objects.create(plan=plan, name='直接写入', position=99)\n",
    )
    with pytest.raises(WriteOutsideServices, match=r"Category written by indicators/views\.py"):
        careless["view"](plan14)
    assert not Category.objects.filter(name="直接写入").exists()


def test_the_guard_refuses_a_write_reached_from_a_request(plan14):
    """Django's own code (a generic admin save) reached from a request, with no service."""
    careless = _as_if_written_in(
        "venv/django/core/handlers/base.py",
        "def handle(plan):\n    plan.name = '改名'\n    plan.save()\n",
    )
    with pytest.raises(WriteOutsideServices, match="a request handler"):
        careless["handle"](plan14)


def test_the_guard_lets_services_write(plan14):
    from indicators.services import bureau_create

    assert bureau_create(name="新单位", user=None).pk
    assert Bureau.objects.filter(name="新单位").exists()


def test_writer_names_the_file_that_wrote():
    import sys

    assert writer(sys._getframe()) == "set-up"  # a test writes its own data
    assert Plan.objects.model is Plan
