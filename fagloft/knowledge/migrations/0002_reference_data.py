"""Reference data: SSB's measure categories, the casework deadlines, a starting list of recommended
support measures and the coverage indicators this app publishes to statistics. Admins correct it
afterwards (see fagloft/knowledge/reference.py for the sources)."""

from django.db import migrations

from fagloft.knowledge import reference


def forwards(apps, schema_editor):
    MeasureCategory = apps.get_model("knowledge", "MeasureCategory")
    CaseDeadline = apps.get_model("knowledge", "CaseDeadline")
    RecommendedMeasure = apps.get_model("knowledge", "RecommendedMeasure")
    Indicator = apps.get_model("statistics", "Indicator")
    for position, (code, name, group, precision) in enumerate(reference.CATEGORIES, start=1):
        MeasureCategory.objects.get_or_create(
            code=code, defaults={"name": name, "group": group, "needs_precision": precision, "position": position}
        )
    for position, spec in enumerate(reference.DEADLINES, start=1):
        values = {**spec, "guidance_url": reference.BFK, "position": position}
        CaseDeadline.objects.get_or_create(code=values.pop("code"), defaults=values)
    categories = {c.code: c for c in MeasureCategory.objects.all()}
    for position, (level, name, codes, description) in enumerate(reference.RECOMMENDED, start=1):
        measure, created = RecommendedMeasure.objects.get_or_create(
            name=name,
            defaults={"level": level, "description": description, "source": reference.NOTE, "position": position},
        )
        if created:
            measure.categories.set([categories[c] for c in codes])
    for order, (code, nb, nn, en, definition) in enumerate(reference.INDICATORS, start=1):
        Indicator.objects.get_or_create(code=code, defaults={
            "name_nb": nb, "name_nn": nn, "name_en": en, "definition": definition,
            "numerator": "Anbefalte hjelpetiltak med tilbud", "denominator": "Anbefalte hjelpetiltak",
            "unit": "prosent", "better": "higher", "source": "computed", "aggregation": "ratio", "scale": 100,
            "levels": ["service", "municipality", "county", "nation"], "sort_order": 600 + order, "decimals": 0,
            "source_note": "Beregnet fra tiltaksbanken (kunnskap).",
        })
    code, nb, nn, en, definition = reference.GAP_INDICATOR
    Indicator.objects.get_or_create(code=code, defaults={
        "name_nb": nb, "name_nn": nn, "name_en": en, "definition": definition, "numerator": nb,
        "unit": "antall", "better": "lower", "source": "computed", "aggregation": "none", "scale": 1,
        "levels": ["service", "municipality"], "sort_order": 610, "decimals": 0,
        "source_note": "Beregnet fra tiltaksbanken (kunnskap).",
    })


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial"), ("statistics", "0002_seed_indicators")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
