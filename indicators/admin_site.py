"""The admin site, in Chinese, for planning admins and superusers only.

Bureau staff and officials who reach /admin/ are sent to its login page, which
tells them their account has no access."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PlanningAdminSite(admin.AdminSite):
    site_header = "洪山区规划指标跟踪 · 管理"
    site_title = "规划指标管理"
    index_title = "规划管理"

    def has_permission(self, request) -> bool:
        from .permissions import is_planner  # this module loads before the models

        return request.user.is_active and is_planner(request.user)


class PlanningAdminConfig(AdminConfig):
    default_site = "indicators.admin_site.PlanningAdminSite"
