"""The seeded catalogue carried a remark meant for developers in the source note that users read
(in the tilstandsrapport's sources and the API): take it out of the stored rows."""

from django.db import migrations

REMARK = " Tabellnummeret må kontrolleres mot Statistikkbanken."


def forwards(apps, schema_editor):
    Indicator = apps.get_model("statistics", "Indicator")
    for indicator in Indicator.objects.filter(source_note__contains=REMARK.strip()):
        indicator.source_note = indicator.source_note.replace(REMARK, "").replace(REMARK.strip(), "").strip()
        indicator.save(update_fields=["source_note"])


class Migration(migrations.Migration):
    dependencies = [("statistics", "0002_seed_indicators")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
