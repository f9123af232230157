"""URL configuration. At this stage the Django admin is the web interface; import and
export of deliveries live there too."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "werkbrug"
admin.site.site_title = "werkbrug"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
]
