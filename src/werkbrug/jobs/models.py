"""A background job as werkbrug sees it: who asked for what, how far it is, and its result.
The django-tasks row (``task_id``) only says which worker should run it; this row is the
truth about the job, so a task delivered twice, or a worker killed mid-way, cannot make it
run twice or finish twice (werkbrug.jobs.services)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job state", "queued")
    RUNNING = "running", pgettext_lazy("job state", "running")
    DONE = "done", pgettext_lazy("job state", "done")
    FAILED = "failed", pgettext_lazy("job state", "failed")


FINISHED = (JobState.DONE, JobState.FAILED)


class Job(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict)
    # The owner's language when they asked: the error message and the result are in it.
    language = models.CharField(_("language"), max_length=8, default="nl")
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The run that holds the job: a token per attempt and its last sign of life. A running job
    # whose heartbeat is older than the lease is given to another worker.
    lease = models.CharField(_("lease"), max_length=32, blank=True)
    heartbeat_at = models.DateTimeField(_("heartbeat"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    # A file under DATA_DIR/jobs/<id>/, its download name and type; or a JSON result.
    result_file = models.CharField(_("result file"), max_length=100, blank=True)
    result_name = models.CharField(_("result name"), max_length=200, blank=True)
    result_type = models.CharField(_("result type"), max_length=100, blank=True)
    result_json = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="job_one_per_key",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total")), name="job_done_le_total"
            ),
        ]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="job_state_beat")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return round(100 * self.done / self.total) if self.total else 0
