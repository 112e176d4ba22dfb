from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("indicators.urls")),
]

# Chinese error pages in the site's layout (indicators/error_views.py).
handler403 = "indicators.error_views.permission_denied"
handler404 = "indicators.error_views.page_not_found"
handler500 = "indicators.error_views.server_error"
