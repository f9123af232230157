"""Live personal data leaves the admin: the role groups of earlier installations lose their
permissions on participants, trajectories, projects and vacancies (the pages decide per record
now), and mediators and employers lose staff status."""

from django.db import migrations

WITHDRAWN = {
    "funder": ["projects.view_project"],
    "coordinator": [
        "projects.view_project",
        "projects.change_project",
        "projects.view_organisation",
    ],
    "mediator": [
        "people.view_participant",
        "trajectories.view_trajectory",
        "trajectories.view_outcome",
        "vacancies.view_vacancy",
        "vacancies.view_employer",
    ],
    "employer": ["vacancies.view_vacancy", "vacancies.add_vacancy", "vacancies.change_vacancy"],
}


def withdraw(apps, schema_editor):  # type: ignore[no-untyped-def]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("accounts", "User")
    for role, dotted in WITHDRAWN.items():
        group = Group.objects.filter(name=f"werkbrug: {role}").first()
        if group is None:
            continue
        for name in dotted:
            app_label, codename = name.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
    User.objects.filter(role__in=["mediator", "employer"], is_superuser=False).update(
        is_staff=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_login_failure"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
