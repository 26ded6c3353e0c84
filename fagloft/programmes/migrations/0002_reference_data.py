"""Reference data with sources: the strategy's six further-education programmes, the national
programmes (Tjenestestøtteprogrammet, TIBIR/PMTO, basic training, leadership development), study
places per year, the early years' application window and the 2018 employer-grant ceiling.

Sources:
- seed 002 ch. 3 («tre nye videreutdanninger på masternivå med oppstart høsten 2018 … 30 studiepoeng
  og gå over to semestre … om lag 280 studieplasser fra høsten 2018»; the three that continue);
- seed 002 ch. 3 «Tjenestestøtteprogrammet» (all staff, three to four months, county by county) and
  «TIBIR» (about 100 municipalities, NUBU);
- seed 003 (basic training for new staff, ten sessions a year, Bergen model; «felles lederutvikling»);
- Bufdir 2020: 358 study places; Bufdir 2024: 380 (DOMAIN-2.md § E);
- Bufdir «Søk Bufdirs videreutdanninger innen 15. april» (application window);
- employer grant «opp mot 100 000 kroner» per student (2018); later years not found (unconfirmed).
"""

import datetime
from zoneinfo import ZoneInfo
from decimal import Decimal

from django.db import migrations

BUFDIR_FE = "https://www.bufdir.no/barnevernskompetanse"
STRATEGY = "https://www.regjeringen.no/no/dokumenter/kompetansestrategi-for-det-kommunale-barnevernet/id2582484/"
PLACES_2020 = "https://www.bufdir.no/aktuelt/Arkiv/2020/358_gratis_studieplasser_for_ansatte_i_barnevernet/"
PLACES_2024 = "https://www.bufdir.no/aktuelt/na-kan-du-soke-barnevernsfaglig-videreutdanning/"
WINDOW = "https://www.bufdir.no/aktuelt/sok-bufdirs-videreutdanninger-innen-15.-april"
GRANT = "https://www.bufdir.no/Tilskudd/Soke_om_tilskudd/Barnevern/Videreutdanning_i_barnevernfaglig_veiledning/"
TIBIR = "https://www.nubu.no/TIBIR"

FE_TARGET = "Ansatte i det kommunale barnevernet"

# code, title, programme in the register, framework area, new from autumn 2018
FURTHER_EDUCATION = [
    ("vu-relasjonskompetanse", "Relasjonskompetanse og samarbeid med barn og familier", "relational", "relational", True),
    ("vu-barnets-beste", "Vurdering av barnets beste", "best_interests", "best-interests", True),
    ("vu-juss", "Juss i barnevernfaglig arbeid", "law", "law", True),
    ("vu-barnevernsledelse", "Barnevernsledelse", "leadership", "leadership", False),
    ("vu-veiledning", "Barnevernsfaglig veiledning", "supervision", "supervision", False),
    ("vu-minoritet", "Barnevern i et minoritetsperspektiv", "minority", "minority", False),
]


OSLO = ZoneInfo("Europe/Oslo")


def forwards(apps, schema_editor):
    Offer = apps.get_model("programmes", "Offer")
    Area = apps.get_model("competence", "FrameworkArea")
    areas = {a.code: a for a in Area.objects.all()}
    for code, title, programme, area, new in FURTHER_EDUCATION:
        Offer.objects.get_or_create(
            code=code,
            defaults={
                "kind": "further_education",
                "title": title,
                "description": (
                    "Ny videreutdanning på masternivå fra høsten 2018, praksisrettet og tilpasset "
                    "arbeidssituasjonen. Gratis: staten dekker kostnadene."
                    if new
                    else "Eksisterende videreutdanning som videreføres i strategiperioden."
                ),
                "topic": areas.get(area),
                "register_programme": programme,
                "provider_name": "Universiteter og høgskoler (på oppdrag fra Bufdir)",
                "level": "master",
                "ects": Decimal(30),
                "length": "To semestre",
                "delivery": "blended",
                "starts_on": datetime.date(2018, 8, 15) if new else None,
                "cost": Decimal(0),
                "target_group": FE_TARGET,
                "requirement_route": "bachelor",
                "source_url": BUFDIR_FE,
            },
        )
    national = [
        {
            "code": "tjenestestotteprogrammet",
            "kind": "practice_training",
            "title": "Tjenestestøtteprogrammet",
            "description": (
                "Barnevernsfaglig etterutdanning for alle ansatte i tjenesten, ledere og medarbeidere: "
                "fellessamlinger, egne ledersamlinger og veiledning mellom samlingene. Tre til fire måneder, "
                "gjennomføres fylkesvis. Tjenesten forplikter seg til at alle ansatte deltar."
            ),
            "topic": areas.get("investigation"),
            "provider_name": "Regionale kunnskaps- og kompetansesentre (RKBU, RBUP)",
            "length": "Tre til fire måneder",
            "target_group": "Alle ansatte i barneverntjenesten",
            "source_url": STRATEGY,
        },
        {
            "code": "tibir-pmto",
            "kind": "certification",
            "title": "TIBIR – Parent Management Training Oregon (PMTO)",
            "description": (
                "Tidlig innsats for barn i risiko: metoder for å arbeide med familier med barn i risiko for "
                "alvorlige atferdsvansker. NUBU har ansvar for opplæringen og kvalitetssikringen."
            ),
            "topic": areas.get("prevention"),
            "method": "pmto",
            "provider_name": "NUBU",
            "target_group": "Ansatte i kommunale tjenester",
            "source_url": TIBIR,
        },
        {
            "code": "basisopplaering-nyansatte",
            "kind": "basic_training",
            "title": "Basisopplæring for nyansatte",
            "description": (
                "Ti samlinger per år som går kontinuerlig, med aktuelle tema for saksbehandlere "
                "(etter modell fra Bergen kommune), med en ansvarlig kommune i læringsnettverket."
            ),
            "length": "Ti samlinger per år",
            "target_group": "Saksbehandlere ansatt de siste tolv månedene",
            "source_url": "",
        },
        {
            "code": "lederutvikling",
            "kind": "leadership",
            "title": "Felles lederutvikling for barnevernsledere",
            "description": "Lederutvikling på tvers av kommunene i læringsnettverket.",
            "topic": areas.get("leadership"),
            "target_group": "Barnevernledere og nestledere",
            "source_url": STRATEGY,
        },
    ]
    for row in national:
        code = row.pop("code")
        Offer.objects.get_or_create(code=code, defaults={"level": "none", "delivery": "blended", **row})

    Places = apps.get_model("programmes", "StudyPlaceYear")
    for year, places, approximate, source, note in [
        (2018, 280, True, STRATEGY, "«om lag 280 studieplasser fra høsten 2018» (kompetansestrategien)"),
        (2020, 358, False, PLACES_2020, "358 gratis studieplasser"),
        (2024, 380, False, PLACES_2024, "380 studieplasser"),
    ]:
        Places.objects.get_or_create(
            year=year, defaults={"places": places, "approximate": approximate, "source_url": source, "note": note}
        )

    Window = apps.get_model("programmes", "ApplicationWindow")
    # Since 0003 the window is two instants; the browser tests re-run this seeding against today's
    # models after a flush, so it writes whichever fields the model has.
    as_instants = any(f.name == "opens_at" for f in Window._meta.get_fields())
    for year in (2018, 2019, 2020):
        opens, closes = datetime.date(year, 2, 1), datetime.date(year, 4, 15)
        bounds = (
            {
                "opens_at": datetime.datetime.combine(opens, datetime.time(0, 0), tzinfo=OSLO),
                "closes_at": datetime.datetime.combine(closes, datetime.time(23, 59), tzinfo=OSLO),
            }
            if as_instants
            else {"opens_on": opens, "closes_on": closes}
        )
        Window.objects.get_or_create(
            year=year,
            defaults={
                **bounds,
                "confirmed": year == 2020,
                "source_url": WINDOW,
                "note": "1. februar–15. april i strategiens første år",
            },
        )

    Ceiling = apps.get_model("programmes", "GrantCeiling")
    Ceiling.objects.get_or_create(
        year=2018,
        defaults={
            "amount": Decimal(100_000),
            "confirmed": True,
            "source_url": GRANT,
            "note": "«opp mot 100 000 kroner» per student",
        },
    )
    for year in range(2019, 2025):
        Ceiling.objects.get_or_create(
            year=year,
            defaults={"amount": None, "confirmed": False, "note": "Ikke bekreftet: settes av administrator"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
        ("competence", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
