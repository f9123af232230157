"""Suggestions remember whether a mediator asked for them (the fairness monitor's *suggested*).

Before this migration every pair shown on any page counted as suggested. What was only
browsed cannot be told apart afterwards; a suggestion a mediator decided on was certainly
asked for by that mediator, so those are marked as asked for at the time of the decision.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def mark_decided_by_mediators(apps: Any, schema_editor: Any) -> None:
    Suggestion = apps.get_model("matches", "Suggestion")
    Suggestion.objects.filter(decided_by__role="mediator", requested_at__isnull=True).update(
        requested_at=models.F("decided_at"), requested_by=models.F("decided_by")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matches", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="suggestion",
            name="requested_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="asked for by a mediator"
            ),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(mark_decided_by_mediators, migrations.RunPython.noop),
    ]
