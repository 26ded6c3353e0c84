"""Indicator rows for the figures derived from a service's own KOSTRA 15F file (codes `kostra-*`).

Created with get_or_create so the statistics app's own catalogue seeding can coexist: a row that
already exists is left as it is. The list mirrors `fagloft.kostra.validation.indicators.DEFINITIONS`
(frozen here, as migrations must not import app code that changes).
"""

from django.db import migrations

INDICATORS = [
    # code, nb, nn, en, unit, better, numerator, denominator, fields
    ("kostra-meldinger-innen-frist", "Meldinger gjennomgått innen en uke (egen 15F-fil)",
     "Meldingar gjennomgått innan ei veke (eiga 15F-fil)", "Referrals reviewed within a week (own 15F file)",
     "prosent", "higher", "meldinger avsluttet i året med høyst 7 dager fra mottatt til avsluttet",
     "meldinger avsluttet i året", "Melding/@StartDato, Melding/@SluttDato"),
    ("kostra-undersokelser-innen-frist", "Undersøkelser avsluttet innen 3 måneder (egen 15F-fil)",
     "Undersøkingar avslutta innan 3 månader (eiga 15F-fil)", "Investigations concluded within 3 months (own 15F file)",
     "prosent", "higher", "undersøkelser avsluttet i året innen 3 måneder etter start",
     "undersøkelser avsluttet i året", "Undersokelse/@StartDato, Undersokelse/@SluttDato"),
    ("kostra-undersokelser-innen-6-mnd", "Undersøkelser avsluttet innen 6 måneder (egen 15F-fil)",
     "Undersøkingar avslutta innan 6 månader (eiga 15F-fil)", "Investigations concluded within 6 months (own 15F file)",
     "prosent", "higher", "undersøkelser avsluttet i året innen 6 måneder etter start",
     "undersøkelser avsluttet i året", "Undersokelse/@StartDato, Undersokelse/@SluttDato"),
    ("kostra-meldinger-mottatt", "Meldinger mottatt i året (egen 15F-fil)", "Meldingar mottekne i året (eiga 15F-fil)",
     "Referrals received in the year (own 15F file)", "antall", "neutral", "meldinger med startdato i året", "",
     "Melding/@StartDato"),
    ("kostra-barn-med-undersokelse", "Barn med undersøkelse i året (egen 15F-fil)",
     "Barn med undersøking i året (eiga 15F-fil)", "Children with an investigation in the year (own 15F file)",
     "antall", "neutral", "barn med minst én undersøkelse som pågikk i året", "", "Undersokelse/@StartDato, @SluttDato"),
    ("kostra-barn-med-tiltak", "Barn med tiltak i løpet av året (egen 15F-fil)",
     "Barn med tiltak i løpet av året (eiga 15F-fil)", "Children with measures during the year (own 15F file)",
     "antall", "neutral", "barn med minst ett tiltak som pågikk i året", "", "Tiltak/@StartDato, Tiltak/@SluttDato"),
    ("kostra-barn-med-tiltak-3112", "Barn med tiltak per 31.12. (egen 15F-fil)",
     "Barn med tiltak per 31.12. (eiga 15F-fil)", "Children with measures on 31 December (own 15F file)",
     "antall", "neutral", "barn med minst ett tiltak som pågikk 31.12.", "", "Tiltak/@StartDato, Tiltak/@SluttDato"),
    ("kostra-tiltaksplan-andel", "Barn i hjelpetiltak med tiltaksplan (egen 15F-fil)",
     "Barn i hjelpetiltak med tiltaksplan (eiga 15F-fil)", "Children in support measures with a measures plan (own 15F file)",
     "prosent", "higher", "barn i hjelpetiltak per 31.12. som har en gjeldende tiltaksplan (plantype 1)",
     "barn i hjelpetiltak per 31.12.", "Tiltak/Kategori/@Kode, Tiltak/Lovhjemmel, Plan/@Plantype, Plan/@StartDato"),
    ("kostra-tiltaksplan-evaluert", "Barn i hjelpetiltak med evaluert tiltaksplan (egen 15F-fil)",
     "Barn i hjelpetiltak med evaluert tiltaksplan (eiga 15F-fil)",
     "Children in support measures with an evaluated plan (own 15F file)", "prosent", "higher",
     "barn i hjelpetiltak med tiltaksplan som er evaluert i året (Plan/@EvaluertDato)",
     "barn i hjelpetiltak per 31.12. med tiltaksplan", "Plan/@Plantype, Plan/@EvaluertDato"),
    ("kostra-plasseringer-fosterhjem-familie", "Barn i fosterhjem i familie og nettverk (egen 15F-fil)",
     "Barn i fosterheim i familie og nettverk (eiga 15F-fil)", "Children in foster homes within family and network (own 15F file)",
     "prosent", "higher", "barn i fosterhjem per 31.12. i familie/nettverk (kategori 2.1 eller 2.6)",
     "barn i fosterhjem per 31.12. (kategori 2.x)", "Tiltak/Kategori/@Kode, Tiltak/@StartDato, @SluttDato"),
    ("kostra-plasseringer-fosterhjem-ellers", "Barn i andre fosterhjem per 31.12. (egen 15F-fil)",
     "Barn i andre fosterheimar per 31.12. (eiga 15F-fil)", "Children in other foster homes on 31 December (own 15F file)",
     "antall", "neutral", "barn i fosterhjem utenfor familie/nettverk per 31.12.", "", "Tiltak/Kategori/@Kode"),
    ("kostra-plasseringer-institusjon", "Barn i institusjon per 31.12. (egen 15F-fil)",
     "Barn i institusjon per 31.12. (eiga 15F-fil)", "Children in institutions on 31 December (own 15F file)",
     "antall", "neutral", "barn i institusjon per 31.12. (kategori 1.x)", "", "Tiltak/Kategori/@Kode"),
    ("kostra-flyttinger-per-plassert-barn", "Flyttinger per barn plassert utenfor hjemmet (egen 15F-fil)",
     "Flyttingar per barn plassert utanfor heimen (eiga 15F-fil)", "Moves per child placed out of home (own 15F file)",
     "per barn", "lower", "flyttinger i året", "barn med plasseringstiltak i året",
     "Flytting/@SluttDato, Tiltak/Kategori/@Kode"),
]


AGGREGATION = {"prosent": ("ratio", 100), "antall": ("sum", 1), "per barn": ("ratio", 1)}


def create(apps, schema_editor):
    Indicator = apps.get_model("statistics", "Indicator")
    names = {f.name for f in Indicator._meta.get_fields()}
    for order, (code, nb, nn, en, unit, better, numerator, denominator, fields) in enumerate(INDICATORS):
        defaults = {
            "name_nb": nb, "name_nn": nn, "name_en": en, "unit": unit, "better": better,
            "numerator": numerator, "denominator": denominator,
            "definition": f"Utledet fra tjenestens egen KOSTRA 15F-fil. Felter: {fields}.",
            "decimals": 0 if unit == "antall" else (2 if unit == "per barn" else 1),
            "source": "kostra_15f", "levels": ["service", "municipality", "county", "nation"],
            "sort_order": 500 + order,
        }
        aggregation, scale = AGGREGATION[unit]
        if "aggregation" in names:
            defaults.update(aggregation=aggregation, scale=scale)
        Indicator.objects.get_or_create(code=code, defaults=defaults)


class Migration(migrations.Migration):
    # After the statistics app's catalogue, so its definitions win where both define a code.
    dependencies = [("kostra", "0001_initial"), ("statistics", "0002_seed_indicators")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
