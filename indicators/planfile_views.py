"""The plan file of a plan, for anyone: plans are public, and only approved values go out."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Plan
from .planfile_export import plan_file_response


@require_safe
def plan_file_download(request: HttpRequest, code: str) -> HttpResponse:
    return plan_file_response(get_object_or_404(Plan, code=code))
