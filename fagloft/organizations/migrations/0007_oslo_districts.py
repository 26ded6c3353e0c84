"""Oslo's city districts, when Oslo (0301) is already in the tree. Otherwise the tree import
creates them together with Oslo (`fagloft.organizations.districts`); either way only once."""

from django.db import migrations

from fagloft.organizations.districts import ensure_reference_districts


def create_districts(apps, schema_editor):
    ensure_reference_districts(apps.get_model("organizations", "District"), apps.get_model("organizations", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("organizations", "0006_district")]

    operations = [migrations.RunPython(create_districts, migrations.RunPython.noop)]
