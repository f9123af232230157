from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "werkbrug.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # session_expiry connects the receiver that stamps the log-in time for the session
        # maximum; checks registers the deployment check for demo accounts' public passwords.
        from werkbrug.accounts import checks, session_expiry  # noqa: F401
        from werkbrug.accounts.oidc_claims import role_map

        # A role map that names no werkbrug role stops every start, not the first log-in.
        if settings.WERKBRUG_OIDC is not None:
            role_map(settings.WERKBRUG_OIDC)
