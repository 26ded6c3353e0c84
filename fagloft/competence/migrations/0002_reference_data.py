"""Reference data: the competence framework's areas, the 1–4 scale, the 2031 requirements, the
settings row, and the indicators this app publishes to `statistics`. Admins may correct all of it.
"""

import datetime
from decimal import Decimal

from django.db import migrations

AREAS = [
    ("investigation", "Undersøkelsesmetodikk", "Undersøkingsmetodikk", "Investigation methods"),
    ("measures", "Tiltaksarbeid (hjelpetiltak)", "Tiltaksarbeid (hjelpetiltak)", "Measures work (support measures)"),
    ("child-participation", "Samtaler med barn og barns medvirkning", "Samtalar med barn og medverknad for barn",
     "Talking with children and children's participation"),
    ("trauma", "Traumebevisst praksis", "Traumebevisst praksis", "Trauma-informed practice"),
    ("best-interests", "Barnets beste", "Barnets beste", "The child's best interests"),
    ("law", "Juss i barnevernfaglig arbeid", "Juss i barnevernfagleg arbeid", "Law in child welfare work"),
    ("relational", "Relasjonskompetanse og samarbeid med familie og nettverk",
     "Relasjonskompetanse og samarbeid med familie og nettverk",
     "Relational competence and cooperation with families and networks"),
    ("foster-care", "Rekruttering og oppfølging av fosterhjem", "Rekruttering og oppfølging av fosterheimar",
     "Foster care recruitment and follow-up"),
    ("violence", "Vold og overgrep", "Vald og overgrep", "Violence and abuse"),
    ("minority", "Minoritetsperspektiv", "Minoritetsperspektiv", "Minority perspective"),
    ("sami", "Samisk barnevern", "Samisk barnevern", "Sami child welfare"),
    ("documentation", "Dokumentasjon", "Dokumentasjon", "Documentation"),
    ("leadership", "Ledelse", "Leiing", "Leadership"),
    ("supervision", "Faglig veiledning", "Fagleg rettleiing", "Professional supervision"),
    ("interdisciplinary", "Tverrfaglig samarbeid (skole, helse, NAV)", "Tverrfagleg samarbeid (skule, helse, NAV)",
     "Interdisciplinary cooperation (school, health, NAV)"),
    ("prevention", "Forebygging (universelle, selekterte og indikerte tiltak)",
     "Førebygging (universelle, selekterte og indikerte tiltak)",
     "Prevention (universal, selected and indicated measures)"),
]

SCALE = [
    (1, "Grunnleggende", "Grunnleggjande", "Basic",
     "Kjenner til området, men trenger tett veiledning for å bruke kunnskapen i saker."),
    (2, "Under utvikling", "Under utvikling", "Developing",
     "Bruker kunnskapen i enkle saker, med noe veiledning."),
    (3, "Selvstendig", "Sjølvstendig", "Independent",
     "Bruker kunnskapen selvstendig og trygt i de fleste saker."),
    (4, "Avansert", "Avansert", "Advanced",
     "Har dyp kompetanse, kan veilede andre og utvikle praksis i tjenesten."),
]

INDICATORS = [
    ("competence-fte", "Årsverk i barneverntjenesten", "Årsverk i barnevernstenesta", "FTE in the service",
     "årsverk", "neutral"),
    ("competence-turnover", "Turnover (andel som sluttet i året)", "Turnover (del som slutta i året)",
     "Turnover (share who left during the year)", "prosent", "lower"),
    ("competence-vacancies", "Ledige stillinger (årsverk)", "Ledige stillingar (årsverk)", "Vacant positions (FTE)",
     "årsverk", "lower"),
    ("competence-fte-per-1000-children", "Årsverk per 1000 barn 0–17 år", "Årsverk per 1000 barn 0–17 år",
     "FTE per 1,000 children aged 0–17", "per 1000 barn", "higher"),
    ("competence-requirement-share", "Andel som oppfyller kompetansekravene",
     "Del som oppfyller kompetansekrava", "Share meeting the competence requirements", "prosent", "higher"),
]


def forwards(apps, schema_editor):
    Area = apps.get_model("competence", "FrameworkArea")
    for order, (code, nb, nn, en) in enumerate(AREAS, start=1):
        Area.objects.get_or_create(code=code, defaults={"name_nb": nb, "name_nn": nn, "name_en": en,
                                                        "sort_order": order * 10})
    Scale = apps.get_model("competence", "ScaleLevel")
    for value, nb, nn, en, descriptor in SCALE:
        Scale.objects.get_or_create(value=value, defaults={"name_nb": nb, "name_nn": nn, "name_en": en,
                                                           "descriptor": descriptor})
    Rule = apps.get_model("competence", "RequirementRule")
    if not Rule.objects.exists():
        Rule.objects.create(
            name="Kompetansekrav i barnevernet (lovvedtak 174 (2020–2021))",
            decided_on=datetime.date(2021, 6, 18),
            applies_from=datetime.date(2031, 1, 1),
            documented_by=datetime.date(2031, 1, 1),
            min_experience_years=Decimal(4),
            min_further_ects=Decimal(30),
            source_url="https://www.stortinget.no/no/Saker-og-publikasjoner/Vedtak/Beslutninger/Lovvedtak/"
                       "2020-2021/vedtak-202021-174/",
        )
    Settings = apps.get_model("competence", "CompetenceSettings")
    if not Settings.objects.exists():
        Settings.objects.create()
    Indicator = apps.get_model("statistics", "Indicator")
    for order, (code, nb, nn, en, unit, better) in enumerate(INDICATORS, start=1):
        Indicator.objects.get_or_create(code=code, defaults={
            "name_nb": nb, "name_nn": nn, "name_en": en, "unit": unit, "better": better, "source": "computed",
            "levels": ["service", "county", "nation"], "sort_order": 500 + order, "decimals": 1,
        })


class Migration(migrations.Migration):
    dependencies = [
        ("competence", "0001_initial"),
        ("statistics", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
