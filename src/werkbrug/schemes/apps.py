from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "werkbrug.schemes"
    verbose_name = _("Subsidy schemes")
