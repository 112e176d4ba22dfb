"""Users in the admin, with their role and bureaus (Account inline).

Planning admins manage bureau staff and officials; superusers manage everyone
(services.accounts.can_manage). Nobody is deleted: deactivate instead.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html

from . import services
from .admin_base import PlannerAccess
from .models import Account
from .permissions import SUPERUSER, is_planner, role_of
from .services import RuleError
from .services.accounts import MANAGED_BY_PLANNERS
from .vocabulary import Role


class AccountInline(PlannerAccess, admin.StackedInline):
    model = Account
    can_delete = False
    filter_horizontal = ["bureaus"]
    verbose_name_plural = "角色与单位"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not request.user.is_superuser:
            # Planning admins give only the roles they manage (services.can_manage).
            kwargs["choices"] = [
                (role.value, role.label) for role in Role if role in MANAGED_BY_PLANNERS
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users with their role and bureaus."""

    inlines = [AccountInline]
    list_display = ["username", "first_name", "role", "is_active", "last_login"]
    list_filter = ["account__role", "is_active", "account__bureaus"]
    search_fields = ["username", "first_name", "account__bureaus__name"]

    def has_module_permission(self, request):
        return is_planner(request.user)

    def has_view_permission(self, request, obj=None):
        return is_planner(request.user)

    def has_add_permission(self, request):
        return is_planner(request.user)

    def has_change_permission(self, request, obj=None):
        return is_planner(request.user) and (obj is None or services.can_manage(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="角色")
    def role(self, user):
        role = role_of(user)
        return "超级管理员" if role == SUPERUSER else (Role(role).label if role else "—")

    def get_list_display(self, request):
        viewer = request.user

        @admin.display(description="密码重置")
        def reset_link(user):
            # On the accounts the viewer manages; the service checks again when issued.
            if user.pk == viewer.pk or not services.can_manage(viewer, user):
                return "—"
            url = reverse("password_reset_issue", args=[user.pk])
            return format_html('<a href="{}">签发重置链接</a>', url)

        return [*super().get_list_display(request), reset_link]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("account")

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser and obj is not None:
            # Roles live in the Account inline: Django's groups and per-model permissions
            # (English names, unused here) are left out.
            return [
                (None, {"fields": ["username", "password"]}),
                ("个人信息", {"fields": ["first_name", "last_name", "email"]}),
                ("权限", {"fields": ["is_active", "is_staff", "is_superuser"]}),
                ("重要日期", {"fields": ["last_login", "date_joined"]}),
            ]
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return self.add_fieldsets
        if not services.can_manage(request.user, obj):
            # Read-only: no password summary and no link to the password form.
            return [(None, {"fields": ["username", "first_name", "is_active", "last_login"]})]
        return [(None, {"fields": ["username", "password", "first_name", "is_active"]})]

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, id)
        if user is not None and not services.can_manage(request.user, user):
            raise PermissionDenied("规划管理员只能管理填报员和领导/查阅账号。")
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            # Only superusers grant rights; the role comes from the Account inline.
            obj.is_superuser = obj.is_superuser if change else False
            obj.is_staff = obj.is_staff if change else False
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # The admin's change message reads these; the service does the writing.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for account_form in formset.forms:
            data = account_form.cleaned_data
            if not data or not data.get("role"):
                continue
            try:
                services.account_set(
                    user=form.instance,
                    role=data["role"],
                    bureaus=list(data.get("bureaus") or []),
                    acting_user=request.user,
                )
            except RuleError as error:
                # Nothing of this change is kept: the admin's change view is one transaction.
                transaction.set_rollback(True)
                self.message_user(request, f"没有保存:{error}", messages.ERROR)
