"""评估报告 as a PDF: an HTML template rendered by WeasyPrint.

WeasyPrint lays out HTML and CSS with Pango and the system's fonts (Debian's
fonts-wqy-zenhei), so the Chinese is shaped and embedded correctly; it needs no
browser. It fetches nothing: the charts are inlined as data: URLs and the fetcher
refuses every other URL, so a report never makes a request off the host.
"""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .evaluation_report import EvaluationReport, charts, commitment_line, paragraph


class LocalOnlyFetcher(URLFetcher):
    """Inline data: URLs only; any other URL (http, file, ...) is refused."""

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            raise ValueError(f"报告不访问外部地址:{url[:80]}")
        return super().fetch(url, headers)


def evaluation_html(report: EvaluationReport) -> str:
    images = {
        number: "data:image/png;base64," + base64.b64encode(png).decode()
        for number, png in charts(report).items()
    }
    sections = [
        {"evaluation": e, "paragraph": paragraph(e), "chart": images.get(e.number)}
        for e in report.evaluations
    ]
    return render_to_string(
        "indicators/reports/evaluation_pdf.html",
        {
            "report": report,
            "rows": report.table_rows(),
            "sections": sections,
            "commitments": [commitment_line(e) for e in report.commitments],
        },
    )


def evaluation_pdf(report: EvaluationReport) -> bytes:
    return HTML(string=evaluation_html(report), url_fetcher=LocalOnlyFetcher()).write_pdf()
