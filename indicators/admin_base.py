"""What every model admin of the app shares: planners only, nothing deleted, and
saves that go through services (the admin parses forms; services write)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction

from . import services
from .models import BureauAlias, IndicatorBureau, IndicatorNote
from .permissions import is_planner
from .services import RuleError


def add_errors(form: forms.BaseForm, errors: dict[str, str]) -> None:
    """A service's errors on the form: on their field where the form has it."""
    for field, message in errors.items():
        form.add_error(field if field in form.fields else None, message)


class PlannerAccess:
    """Planning admins may view, add and change; nobody deletes through the admin.
    Saves go through `save_object` and `save_inline`, which call services."""

    def has_module_permission(self, request):
        return is_planner(request.user)

    def has_view_permission(self, request, obj=None):
        return is_planner(request.user)

    def has_add_permission(self, request, obj=None):
        return is_planner(request.user)

    def has_change_permission(self, request, obj=None):
        return is_planner(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceAdmin(PlannerAccess, admin.ModelAdmin):
    """A model admin whose saves are services: `save_object(request, obj, form, change)`
    for the object and `INLINE_SERVICES` for the inlines' objects."""

    def save_model(self, request, obj, form, change):
        self.save_object(request, obj, form, change)

    def save_object(self, request, obj, form, change):
        services.definition_save(obj=obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        try:
            for obj in formset.save(commit=False):
                INLINE_SERVICES[type(obj)](obj, request.user)
        except RuleError as error:
            # Nothing of this change is kept: the admin's change view is one transaction.
            transaction.set_rollback(True)
            self.message_user(request, f"没有保存:{error}", messages.ERROR)


INLINE_SERVICES = {
    IndicatorBureau: lambda link, user: services.indicator_bureau_save(link=link, user=user),
    IndicatorNote: lambda note, user: services.definition_save(obj=note, user=user),
    BureauAlias: lambda alias, user: services.bureau_alias_save(alias=alias, user=user),
}
