from django.contrib.auth import views as auth_views
from django.urls import path

from . import (
    api,
    commitment_views,
    entry_views,
    history_views,
    region_views,
    upload_views,
    views,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("plans/<slug:code>/", views.plan_dashboard, name="plan_dashboard"),
    path("plans/<slug:code>/table/", views.PlanTableView.as_view(), name="plan_table"),
    path("plans/<slug:code>/scorecard/", views.plan_scorecard, name="plan_scorecard"),
    path("plans/<slug:code>/districts/", region_views.city_scorecard, name="city_scorecard"),
    path(
        "plans/<slug:code>/commitments/",
        commitment_views.plan_commitments,
        name="plan_commitments",
    ),
    path(
        "plans/<slug:code>/indicators/<int:number>/",
        views.indicator_detail,
        name="indicator",
    ),
    path("bureaus/", views.bureau_list, name="bureau_list"),
    path("bureaus/<int:pk>/", views.bureau_detail, name="bureau"),
    path(
        "plans/<slug:code>/indicators/<int:number>/history/",
        history_views.indicator_history_view,
        name="indicator_history",
    ),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("entry/", entry_views.entry_list, name="entry_list"),
    path("entry/<int:pk>/<int:year>/", entry_views.entry_edit, name="entry_edit"),
    path("entry/progress/", entry_views.entry_progress, name="entry_progress"),
    path("entry/template/", upload_views.entry_template, name="entry_template"),
    path("entry/upload/", upload_views.entry_upload, name="entry_upload"),
    path("entry/upload/confirm/", upload_views.entry_upload_confirm, name="entry_upload_confirm"),
    path("review/", entry_views.review_list, name="review_list"),
    path("review/<int:pk>/", entry_views.review_decide, name="review_decide"),
    path("api/plans/", api.plan_list, name="api_plans"),
    path("api/plans/<slug:code>/indicators/", api.plan_indicators, name="api_plan_indicators"),
    path(
        "api/plans/<slug:code>/commitments/",
        commitment_views.api_plan_commitments,
        name="api_plan_commitments",
    ),
]
