"""Definitions and aggregation rules for the indicators competence publishes to statistics."""

from django.db import migrations

DEFINITIONS = {
    "competence-fte": ("Sum av stillingsprosent for ansatte i tjenesten ved årets slutt, i årsverk.",
                       "Årsverk", "", "sum", 1),
    "competence-vacancies": ("Ledige, ubesatte stillinger ved årets slutt, i årsverk.",
                             "Ledige årsverk", "", "sum", 1),
    "competence-turnover": ("Andel av gjennomsnittlig antall ansatte i året som sluttet i løpet av året.",
                            "Ansatte som sluttet", "Gjennomsnittlig antall ansatte", "ratio", 100),
    "competence-requirement-share": (
        "Andel av ansatte med kjerneoppgaver og ledere som oppfyller kompetansekravene fra 2031.",
        "Ansatte som oppfyller kravene", "Ansatte kravene gjelder for", "ratio", 100),
    "competence-fte-per-1000-children": ("Årsverk i tjenesten per 1000 innbyggere 0–17 år i kommunene den dekker.",
                                         "Årsverk", "Innbyggere 0–17 år", "per_children", 1000),
}


def forwards(apps, schema_editor):
    Indicator = apps.get_model("statistics", "Indicator")
    for code, (definition, numerator, denominator, aggregation, scale) in DEFINITIONS.items():
        Indicator.objects.filter(code=code).update(
            definition=definition, numerator=numerator, denominator=denominator,
            aggregation=aggregation, scale=scale,
        )


class Migration(migrations.Migration):
    dependencies = [("competence", "0002_reference_data"), ("statistics", "0002_seed_indicators")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
