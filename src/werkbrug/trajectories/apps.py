from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "werkbrug.trajectories"
    verbose_name = _("Trajectories")
