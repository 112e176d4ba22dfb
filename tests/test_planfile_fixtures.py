"""fixtures/plan13.xlsx and plan14.xlsx are the TOML transcriptions exported as plan
files. The TOML stays the source of truth (test_fixtures.py aligns it with the plan
document cell by cell, and its comments say how each lost cell was read); this test
fails when the .xlsx files drift from it. To regenerate them:

    python manage.py load_plans   # on an empty database
    python manage.py export_plan 13th fixtures/plan13.xlsx
    python manage.py export_plan 14th fixtures/plan14.xlsx
"""

import zipfile

import pytest

from indicators.models import Plan
from indicators.planfile import read_plan_file
from indicators.planfile_export import plan_file_for
from tests.conftest import FIXTURES, SPAM_AND_BOILERPLATE


@pytest.mark.parametrize(("code", "name"), [("13th", "plan13.xlsx"), ("14th", "plan14.xlsx")])
def test_the_plan_files_in_fixtures_are_the_toml_exported(plans, code, name):
    stored = read_plan_file((FIXTURES / name).read_bytes())
    assert not isinstance(stored, list), [str(error) for error in stored]
    assert stored == plan_file_for(Plan.objects.get(code=code)), (
        f"fixtures/{name} differs from fixtures/{name[:-5]}.toml; regenerate it (see above)"
    )


@pytest.mark.parametrize("name", ["plan13.xlsx", "plan14.xlsx"])
def test_no_spam_or_boilerplate_in_the_plan_files(name):
    with zipfile.ZipFile(FIXTURES / name) as archive:
        text = "".join(archive.read(member).decode("utf-8") for member in archive.namelist())
    for phrase in SPAM_AND_BOILERPLATE:
        assert phrase not in text
