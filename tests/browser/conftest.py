"""Browser tests: playwright drives Debian's chromium against the live test server."""

import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        # This machine's network is closed: keep chromium from calling home.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def live_plans(transactional_db, live_server):
    """Both plans in the live server's database (an earlier transactional test may
    have flushed them)."""
    from indicators.services import commitments_load, plans_load

    plans_load()
    commitments_load()
    return live_server


@pytest.fixture
def requests_seen(page):
    """Every URL the page asks for, to prove that nothing leaves the host."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def chinese_font():
    """A CJK font must be installed, or screenshots show boxes instead of text."""
    fc_list = shutil.which("fc-list")
    assert fc_list, "fontconfig is missing"
    import subprocess

    fonts = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Chinese font: apt-get install fonts-wqy-zenhei"
    return fonts
