"""URL configuration: the werkbrug pages, the reports, and the Django admin (deliveries,
projects and users are managed there at this stage)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from werkbrug.accounts.forms import AdminLoginForm, LoginForm
from werkbrug.accounts.views import PasswordChange
from werkbrug.api.main import api
from werkbrug.api.views import api_not_found

admin.site.site_header = "werkbrug"
admin.site.site_title = "werkbrug"
# The admin's log-in has the same lockout as the site's, or it would be the way around it.
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", include("werkbrug.web.urls")),
    path("", include("werkbrug.people.urls")),
    path("", include("werkbrug.trajectories.urls")),
    path("", include("werkbrug.matches.urls")),
    path("reports/", include("werkbrug.reports.urls")),
    path("projects/", include("werkbrug.projects.urls")),
    path("vacancies/", include("werkbrug.vacancies.urls")),
    path("audit/", include("werkbrug.audit.urls")),
    path("grants/", include("werkbrug.schemes.urls")),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", PasswordChange.as_view(), name="password_change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("account/tokens/", include("werkbrug.api.urls")),
]
