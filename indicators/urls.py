from django.contrib.auth import views as auth_views
from django.urls import path

from . import (
    account_views,
    api,
    commitment_views,
    entry_views,
    history_views,
    narrative_views,
    planfile_views,
    report_views,
    upload_views,
    views,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("plans/<slug:code>/", views.plan_dashboard, name="plan_dashboard"),
    path("plans/<slug:code>/table/", views.PlanTableView.as_view(), name="plan_table"),
    path("plans/<slug:code>/scorecard/", views.plan_scorecard, name="plan_scorecard"),
    path(
        "plans/<slug:code>/commitments/",
        commitment_views.plan_commitments,
        name="plan_commitments",
    ),
    path(
        "plans/<slug:code>/plan-file.xlsx",
        planfile_views.plan_file_download,
        name="plan_file",
    ),
    path(
        "plans/<slug:code>/indicators/<int:number>/",
        views.indicator_detail,
        name="indicator",
    ),
    path("plans/<slug:code>/warnings/", report_views.plan_warnings, name="plan_warnings"),
    path("plans/<slug:code>/summary/", report_views.plan_summary, name="plan_summary"),
    path(
        "plans/<slug:code>/report/completion.xlsx",
        report_views.report_completion,
        {"extension": "xlsx"},
        name="report_completion_xlsx",
    ),
    path(
        "plans/<slug:code>/report/completion.docx",
        report_views.report_completion,
        {"extension": "docx"},
        name="report_completion_docx",
    ),
    path(
        "plans/<slug:code>/report/evaluation.docx",
        report_views.report_evaluation,
        {"extension": "docx"},
        name="report_evaluation_docx",
    ),
    path(
        "plans/<slug:code>/report/evaluation.pdf",
        report_views.report_evaluation,
        {"extension": "pdf"},
        name="report_evaluation_pdf",
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
    path("start/", account_views.start, name="start"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/users/<int:pk>/reset/", account_views.reset_issue, name="password_reset_issue"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("entry/", entry_views.entry_list, name="entry_list"),
    path("entry/<int:pk>/<int:year>/", entry_views.entry_edit, name="entry_edit"),
    path(
        "entry/<int:pk>/<int:year>/narrative/",
        narrative_views.narrative_edit,
        name="narrative_edit",
    ),
    path("entry/progress/", entry_views.entry_progress, name="entry_progress"),
    path("entry/template/", upload_views.entry_template, name="entry_template"),
    path("entry/upload/", upload_views.entry_upload, name="entry_upload"),
    path("entry/upload/confirm/", upload_views.entry_upload_confirm, name="entry_upload_confirm"),
    path("review/", entry_views.review_list, name="review_list"),
    path("review/<int:pk>/", entry_views.review_decide, name="review_decide"),
    path(
        "review/narratives/",
        narrative_views.narrative_review_list,
        name="narrative_review_list",
    ),
    path(
        "review/narratives/<int:pk>/",
        narrative_views.narrative_review_decide,
        name="narrative_review_decide",
    ),
    path("api/plans/", api.plan_list, name="api_plans"),
    path("api/plans/<slug:code>/indicators/", api.plan_indicators, name="api_plan_indicators"),
    path(
        "api/plans/<slug:code>/commitments/",
        commitment_views.api_plan_commitments,
        name="api_plan_commitments",
    ),
    path(
        "api/plans/<slug:code>/warnings/", report_views.api_plan_warnings, name="api_plan_warnings"
    ),
]
