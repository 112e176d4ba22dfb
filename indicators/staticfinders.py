"""Serve plotly.min.js from the installed plotly package, as static/vendor/plotly.min.js.

The intranet offices have no internet, so the chart library must come from our own
host; taking it from the locked plotly package keeps it in step with the Python side.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STATIC_PATH = "vendor/plotly.min.js"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PLOTLY_JS.parent)
        self.storage.prefix = "vendor"  # collectstatic copies it to vendor/plotly.min.js

    def check(self, **kwargs):
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        if path == STATIC_PATH:
            return [str(PLOTLY_JS)] if find_all else str(PLOTLY_JS)
        return [] if find_all else None

    def list(self, ignore_patterns):
        yield PLOTLY_JS.name, self.storage
