from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "werkbrug.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Connects the receiver that stamps the log-in time for the session maximum.
        from werkbrug.accounts import session_expiry  # noqa: F401
