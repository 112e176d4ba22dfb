"""Fails a test when one of the app's models is written outside `indicators/services/`.

Every save, delete and many-to-many change of a model of the `indicators` app is
traced back through the call stack: the write must come from a service. Test code
and the benchmark's generator may write directly (they set up data); the code under
test may not - a view, a form, the admin or a command that writes directly makes the
test fail, even when the request itself answered 200.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.apps import apps
from django.db.models.signals import m2m_changed, pre_delete, pre_save

ROOT = Path(__file__).resolve().parent.parent
SERVICES = str(ROOT / "indicators" / "services") + "/"
SET_UP = (str(ROOT / "tests") + "/", str(ROOT / "bench") + "/")
PROJECT = (str(ROOT / "indicators") + "/", str(ROOT / "hongshan") + "/")
REQUEST = "/django/core/handlers/"
MIGRATIONS = str(ROOT / "indicators" / "migrations") + "/"


class WriteOutsideServices(AssertionError):
    pass


def writer(frame) -> str:
    """'services', 'set-up' or the file that wrote, walking outward from the write."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(SERVICES):
            return "services"
        if filename.startswith(MIGRATIONS):
            return "set-up"
        if REQUEST in filename:  # a request reached the write without a service
            return "a request handler"
        if filename.startswith(SET_UP):
            return "set-up"
        if filename.startswith(PROJECT) and not filename.startswith(
            (str(ROOT / "indicators" / "models") + "/", str(ROOT / "indicators" / "fields.py"))
        ):
            return filename.removeprefix(str(ROOT) + "/")
        frame = frame.f_back
    return "set-up"


def _check(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata (restore): a backup written as it was
        return
    if sender._meta.app_label != "indicators" and not sender._meta.auto_created:
        return
    where = writer(sys._getframe(1))
    if where not in {"services", "set-up"}:
        raise WriteOutsideServices(
            f"{sender.__name__} written by {where}, not through indicators/services/"
        )


def _check_m2m(sender, **kwargs) -> None:
    if kwargs["action"].startswith("pre_"):
        _check(kwargs["instance"].__class__, **kwargs)


def install() -> None:
    for model in apps.get_app_config("indicators").get_models():
        pre_save.connect(_check, sender=model, dispatch_uid=f"guard-save-{model.__name__}")
        pre_delete.connect(_check, sender=model, dispatch_uid=f"guard-delete-{model.__name__}")
    m2m_changed.connect(_check_m2m, dispatch_uid="guard-m2m")


def uninstall() -> None:
    for model in apps.get_app_config("indicators").get_models():
        pre_save.disconnect(sender=model, dispatch_uid=f"guard-save-{model.__name__}")
        pre_delete.disconnect(sender=model, dispatch_uid=f"guard-delete-{model.__name__}")
    m2m_changed.disconnect(dispatch_uid="guard-m2m")
