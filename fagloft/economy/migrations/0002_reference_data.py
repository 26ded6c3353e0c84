"""Load the responsibility matrix, the co-payment rates, the national fallbacks and the scenario
presets (`fagloft/economy/reference.py` says where each figure comes from)."""

from decimal import Decimal

from django.db import migrations


def load(apps, schema_editor):
    from fagloft.economy import reference as ref

    Task = apps.get_model("economy", "ResponsibilityTask")
    Responsibility = apps.get_model("economy", "Responsibility")
    Rate = apps.get_model("economy", "CoPaymentRate")
    National = apps.get_model("economy", "NationalRate")
    Scenario = apps.get_model("economy", "Scenario")
    for code, order, name, cells in ref.TASKS:
        task, _ = Task.objects.update_or_create(code=code, defaults={"order": order, "name": name})
        for regime, responsible, payer, text, note in cells:
            source = ref.SEED_004 + (f". {note}" if note else "")
            Responsibility.objects.update_or_create(
                task=task,
                regime=regime,
                defaults={"responsible": responsible, "payer": payer, "source_text": text, "source": source[:300]},
            )
    for kind, years in ref.RATES.items():
        for year, amount in years.items():
            Rate.objects.update_or_create(
                kind=kind,
                year=year,
                defaults={
                    "monthly_rate": amount,
                    "existing_placement_rate": ref.EXISTING_PLACEMENT_RATES.get((kind, year)),
                    "confirmed": True,
                    "source": ref.RATE_SOURCES[year],
                },
            )
    for kind, year, amount, source in ref.UNCONFIRMED_RATES:
        Rate.objects.update_or_create(
            kind=kind,
            year=year,
            defaults={"monthly_rate": amount, "confirmed": False, "source": source[:300], "note": source},
        )
    for kind, (stock, new, mean, sd, dispersion, assumed, source) in ref.NATIONAL.items():
        National.objects.update_or_create(
            kind=kind,
            defaults={
                "stock_per_1000": Decimal(stock),
                "new_per_1000": Decimal(new),
                "mean_months": Decimal(mean),
                "sd_months": Decimal(sd),
                "dispersion": Decimal(dispersion) if dispersion else None,
                "is_assumption": assumed,
                "source": source,
            },
        )
    for code, name, description, text, institution, placement, share, price in ref.SCENARIOS:
        Scenario.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "source_text": f"{ref.SEED_001}: «{text}»",
                "institution_factor": Decimal(institution),
                "placement_factor": Decimal(placement),
                "bought_share": Decimal(share),
                "bought_monthly_rate": price,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("economy", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
