from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "werkbrug.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # session_expiry connects the receiver that stamps the log-in time for the session
        # maximum; checks registers the deployment check for demo accounts' public passwords.
        from werkbrug.accounts import checks, session_expiry  # noqa: F401
