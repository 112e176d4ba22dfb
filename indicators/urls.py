from django.urls import path

from . import api, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("plans/<slug:code>/", views.plan_dashboard, name="plan_dashboard"),
    path("plans/<slug:code>/table/", views.PlanTableView.as_view(), name="plan_table"),
    path("plans/<slug:code>/scorecard/", views.plan_scorecard, name="plan_scorecard"),
    path(
        "plans/<slug:code>/indicators/<int:number>/",
        views.indicator_detail,
        name="indicator",
    ),
    path("bureaus/", views.bureau_list, name="bureau_list"),
    path("bureaus/<int:pk>/", views.bureau_detail, name="bureau"),
    path("api/plans/", api.plan_list, name="api_plans"),
    path("api/plans/<slug:code>/indicators/", api.plan_indicators, name="api_plan_indicators"),
]
