"""Tie the people of a competence environment to it by a link instead of a matching name.

Until now a user with the role competence environment saw the networks of the environment whose
name equalled their `organisation_name`. The data step links exactly those users (same name,
case-insensitive), so nobody loses or gains access when the rule switches to the link.
"""

from django.conf import settings
from django.db import migrations, models


def link_people_by_organisation_name(apps, schema_editor):
    Environment = apps.get_model("networks", "CompetenceEnvironment")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    # Compared in Python: the database's case-insensitive match (SQLite's LIKE) only folds ASCII,
    # and names such as "Høgskolen i Innlandet" are not ASCII.
    environments = {environment.name.casefold(): environment for environment in Environment.objects.all()}
    for user in User.objects.exclude(organisation_name="").only("pk", "organisation_name"):
        environment = environments.get(user.organisation_name.casefold())
        if environment is not None:
            environment.people.add(user)


class Migration(migrations.Migration):

    dependencies = [
        ("networks", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="competenceenvironment",
            name="people",
            field=models.ManyToManyField(blank=True, related_name="competence_environments",
                                         to=settings.AUTH_USER_MODEL, verbose_name="personer"),
        ),
        migrations.RunPython(link_people_by_organisation_name, migrations.RunPython.noop),
    ]
