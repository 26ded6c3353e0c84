"""Seed the national indicator catalogue (reference data, see catalogue.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from fagloft.statistics.catalogue import seed as seed_catalogue

    seed_catalogue(apps.get_model("statistics", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
