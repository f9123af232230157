"""URL configuration: the werkbrug pages, the reports, and the Django admin (deliveries,
projects and users are managed there at this stage)."""

from django.contrib import admin
from django.urls import include, path, re_path

from werkbrug.accounts.forms import AdminLoginForm
from werkbrug.accounts.oidc import Logout, OidcCallback, OidcStart
from werkbrug.accounts.views import Login, PasswordChange
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
    path("deliveries/", include("werkbrug.deliveries.urls")),
    path("audit/", include("werkbrug.audit.urls")),
    path("jobs/", include("werkbrug.jobs.urls")),
    path("grants/", include("werkbrug.schemes.urls")),
    path("login/", Login.as_view(), name="login"),
    # Log-in through an OpenID Connect provider; both answer 404 unless one is configured.
    path("oidc/login/", OidcStart.as_view(), name="oidc_login"),
    path("oidc/callback/", OidcCallback.as_view(), name="oidc_callback"),
    path("logout/", Logout.as_view(), name="logout"),
    path("account/password/", PasswordChange.as_view(), name="password_change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("account/tokens/", include("werkbrug.api.urls")),
]
