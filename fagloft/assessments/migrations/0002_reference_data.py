"""Load the template's themes and the default risk bands (editable afterwards)."""

from django.db import migrations

from fagloft.assessments.reference import RISK_BANDS, THEMES


def load(apps, schema_editor):
    Theme = apps.get_model("assessments", "Theme")
    RiskBand = apps.get_model("assessments", "RiskBand")
    for order, (code, nb, nn, en, questions) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(code=code, defaults={
            "name_nb": nb, "name_nn": nn, "name_en": en, "questions": questions, "sort_order": order * 10,
        })
    for level, max_score in RISK_BANDS:
        RiskBand.objects.update_or_create(level=level, defaults={"max_score": max_score})


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
