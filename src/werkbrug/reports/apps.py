from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "werkbrug.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from werkbrug.jobs import kinds
        from werkbrug.reports import jobs

        kinds.register(jobs.KIND, jobs.report_job)
