"""The indicator economy publishes to statistics: the simulated P99 of the cost of measures relative to
the budgeted amount, read by the assessment's «economy» theme."""

from django.db import migrations

CODE = "economy-p99-of-budget"


def forwards(apps, schema_editor):
    Indicator = apps.get_model("statistics", "Indicator")
    Indicator.objects.get_or_create(
        code=CODE,
        defaults={
            "name_nb": "Simulert kostnad i et dårlig år (P99) i prosent av budsjettet",
            "name_nn": "Simulert kostnad i eit dårleg år (P99) i prosent av budsjettet",
            "name_en": "Simulated cost in a bad year (P99) as a percentage of the budget",
            "definition": "99-persentilen av kommunens simulerte årskostnad for barneverntiltak (egenandeler og "
            "egne fosterhjem) delt på det budsjetterte beløpet, fra siste lagrede simulering.",
            "numerator": "Simulert P99 (kr)",
            "denominator": "Budsjettert beløp (kr)",
            "unit": "prosent",
            "better": "lower",
            "source": "computed",
            "levels": ["municipality"],
            "aggregation": "none",
            "scale": 100,
            "decimals": 0,
            "source_note": "Beregnet av Fagløft (økonomi) fra kommunens kostnadsmodell.",
            "sort_order": 600,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("economy", "0002_reference_data"), ("statistics", "0002_seed_indicators")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
