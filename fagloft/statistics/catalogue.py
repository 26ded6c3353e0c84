"""The national indicator catalogue: Bufdir's municipality monitor and the KOSTRA key figures.

Definitions are numerator/denominator pairs as in SSB's KOMPIS (DOMAIN.md, "Indicators"). Codes say
where a figure comes from:
- `kostra-*`: KOSTRA key figures for child welfare. SSB publishes them, and a service can derive the
  same figure early from its own KOSTRA 15F file (values with source `kostra_15f`);
- `ssb-*`: figures only SSB has (spending, staffing, population, low income);
- `competence-*` (seeded by the competence app's own migration): computed from its staff register;
- `egen-*`: registered by the service itself.

SSB table numbers are reference data an administrator can correct in the catalogue (the admin
site); the note says so where the number has not been checked against the statistics bank.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

ALL_LEVELS = ["service", "municipality", "county", "nation"]
AREA_LEVELS = ["municipality", "county", "nation"]
VERIFY = "Tabellnummeret må kontrolleres mot Statistikkbanken."


def _ind(code: str, nb: str, nn: str, en: str, definition: str, numerator: str, denominator: str, unit: str,
         better: str, source: str, aggregation: str, scale: int | str = 1, ssb_table: str = "",
         levels: list[str] | None = None, decimals: int = 1, note: str = "") -> dict[str, Any]:
    return {
        "code": code, "name_nb": nb, "name_nn": nn, "name_en": en, "definition": definition,
        "numerator": numerator, "denominator": denominator, "unit": unit, "better": better,
        "source": source, "aggregation": aggregation, "scale": Decimal(str(scale)), "ssb_table": ssb_table,
        "levels": levels or ALL_LEVELS, "decimals": decimals, "source_note": note,
    }


# Denominators of the ratio figures among the 15F counts below.
DENOMINATORS = {
    "kostra-undersokelser-innen-6-mnd": "Undersøkelser avsluttet i året",
    "kostra-flyttinger-per-plassert-barn": "Barn med plasseringstiltak i året",
}

CATALOGUE: list[dict[str, Any]] = [
    # Case flow and deadlines (saksflyt og frister)
    _ind("kostra-undersokelser-innen-frist", "Undersøkelser avsluttet innen fristen",
         "Undersøkingar avslutta innan fristen", "Investigations concluded within the deadline",
         "Andel av undersøkelsene avsluttet i perioden som ble avsluttet innen tre måneder (bvl. § 2-2).",
         "Undersøkelser avsluttet innen 3 måneder", "Undersøkelser avsluttet i perioden", "prosent",
         "higher", "ssb", "ratio", 100, "12870", note=f"KOSTRA nøkkeltall; også utledet fra egen 15F-fil. {VERIFY}"),
    _ind("kostra-meldinger-innen-frist", "Meldinger gjennomgått innen en uke",
         "Meldingar gjennomgått innan ei veke", "Notifications reviewed within a week",
         "Andel av meldingene i perioden som ble gjennomgått innen sju dager (SSB regner 8 dager eller mer "
         "som fristbrudd).",
         "Meldinger gjennomgått innen 7 dager", "Meldinger mottatt i perioden", "prosent",
         "higher", "ssb", "ratio", 100, "12870", note=f"KOSTRA nøkkeltall; også utledet fra egen 15F-fil. {VERIFY}"),
    _ind("kostra-tiltaksplan-andel", "Barn i hjelpetiltak med tiltaksplan",
         "Barn i hjelpetiltak med tiltaksplan", "Children in support measures with a measures plan",
         "Andel barn med hjelpetiltak som har tiltaksplan ved utgangen av perioden (per halvår i "
         "kommunemonitoren).",
         "Barn i hjelpetiltak med tiltaksplan", "Barn i hjelpetiltak", "prosent",
         "higher", "ssb", "ratio", 100, "12870", note=f"KOSTRA nøkkeltall; også utledet fra egen 15F-fil. {VERIFY}"),
    _ind("kostra-tiltaksplan-evaluert", "Barn i hjelpetiltak med evaluert tiltaksplan",
         "Barn i hjelpetiltak med evaluert tiltaksplan", "Children in support measures with an evaluated plan",
         "Andel barn med hjelpetiltak der tiltaksplanen er evaluert i perioden.",
         "Barn med evaluert tiltaksplan", "Barn i hjelpetiltak med tiltaksplan", "prosent",
         "higher", "ssb", "ratio", 100, "12870", note=f"KOSTRA nøkkeltall; også utledet fra egen 15F-fil. {VERIFY}"),
    # Activity relative to the population (aktivitet)
    _ind("kostra-barn-med-tiltak-per-1000", "Barn med barnevernstiltak per 1 000 barn 0–17 år",
         "Barn med barnevernstiltak per 1 000 barn 0–17 år", "Children with measures per 1,000 children 0–17",
         "Barn 0–17 år med barnevernstiltak i løpet av året per 1 000 innbyggere 0–17 år.",
         "Barn 0–17 år med tiltak i løpet av året", "Innbyggere 0–17 år (SSB tabell 07459)", "per 1 000 barn",
         "neutral", "ssb", "per_children", 1000, "09050", levels=AREA_LEVELS,
         note="SSB tabell 09050 (til 2019) og KOSTRA nøkkeltall; også utledet fra egen 15F-fil."),
    _ind("kostra-barn-med-undersokelse-andel", "Barn med undersøkelse i forhold til innbyggere 0–17 år",
         "Barn med undersøking i høve til innbyggjarar 0–17 år", "Children with investigation per population 0–17",
         "Prosentdelen barn med undersøkelse i løpet av året i forhold til innbyggere 0–17 år.",
         "Barn 0–17 år med undersøkelse i løpet av året", "Innbyggere 0–17 år", "prosent",
         "neutral", "ssb", "per_children", 100, "12870", levels=AREA_LEVELS, note=f"KOSTRA nøkkeltall. {VERIFY}"),
    _ind("kostra-barn-med-melding", "Barn med melding i forhold til innbyggere 0–17 år",
         "Barn med melding i høve til innbyggjarar 0–17 år", "Children with a notification per population 0–17",
         "Prosentdelen barn med melding i løpet av året i forhold til innbyggere 0–17 år.",
         "Barn 0–17 år med melding", "Innbyggere 0–17 år", "prosent",
         "neutral", "ssb", "per_children", 100, "12870", levels=AREA_LEVELS, note=f"KOSTRA nøkkeltall. {VERIFY}"),
    _ind("kostra-hjelpetiltak-i-hjemmet", "Barn med tiltak som har hjelpetiltak i hjemmet",
         "Barn med tiltak som har hjelpetiltak i heimen", "Children with measures who have support measures at home",
         "Andel av barna med tiltak som har hjelpetiltak mens de bor hjemme.",
         "Barn med hjelpetiltak i hjemmet", "Barn med barnevernstiltak", "prosent",
         "neutral", "ssb", "ratio", 100, "12870", note=f"KOSTRA nøkkeltall. {VERIFY}"),
    _ind("kostra-plassert-utenfor-hjemmet", "Barn plassert utenfor hjemmet per 1 000 barn 0–17 år",
         "Barn plasserte utanfor heimen per 1 000 barn 0–17 år", "Children placed outside the home per 1,000 children 0–17",
         "Barn 0–17 år som bor utenfor hjemmet etter vedtak fra barnevernet per 1 000 innbyggere 0–17 år.",
         "Barn plassert utenfor hjemmet", "Innbyggere 0–17 år", "per 1 000 barn",
         "neutral", "ssb", "per_children", 1000, "12870", levels=AREA_LEVELS, note=f"KOSTRA nøkkeltall. {VERIFY}"),
    _ind("kostra-plasseringer-fosterhjem-familie", "Plasseringer i familie og nære nettverk",
         "Plasseringar i familie og nært nettverk", "Placements in the family's own network",
         "Andel av barna plassert i fosterhjem som bor i fosterhjem i familie eller nære nettverk.",
         "Barn i fosterhjem i familie og nettverk", "Barn i fosterhjem", "prosent",
         "higher", "ssb", "ratio", 100, "12870", note=f"KOSTRA nøkkeltall; også utledet fra egen 15F-fil. {VERIFY}"),
    _ind("kostra-akuttvedtak-per-1000", "Akuttvedtak per 1 000 barn 0–17 år",
         "Akuttvedtak per 1 000 barn 0–17 år", "Emergency decisions per 1,000 children 0–17",
         "Akuttvedtak i løpet av året per 1 000 innbyggere 0–17 år.",
         "Akuttvedtak i løpet av året", "Innbyggere 0–17 år", "per 1 000 barn",
         "neutral", "ssb", "per_children", 1000, "12870", levels=AREA_LEVELS, note=f"Kommunemonitoren. {VERIFY}"),
    _ind("kostra-barn-per-arsverk", "Barn med undersøkelse eller tiltak per årsverk",
         "Barn med undersøking eller tiltak per årsverk", "Children with investigation or measures per FTE",
         "Barn med undersøkelse eller tiltak i løpet av året delt på årsverk i barneverntjenesten.",
         "Barn med undersøkelse eller tiltak", "Årsverk i barneverntjenesten", "barn per årsverk",
         "lower", "ssb", "ratio", 1, "12870", note=f"KOSTRA nøkkeltall. {VERIFY}"),
    # Counts a service derives from its own KOSTRA 15F file (kostra app); summed to larger areas.
    *[_ind(code, nb, nn, en, definition, nb, DENOMINATORS.get(code, ""), unit, "neutral", "kostra_15f",
           aggregation, scale,
           levels=["service", "municipality", "county", "nation"], decimals=decimals,
           note="Utledet fra egen KOSTRA 15F-fil.")
      for code, nb, nn, en, definition, unit, aggregation, scale, decimals in [
          ("kostra-undersokelser-innen-6-mnd", "Undersøkelser avsluttet innen 6 måneder",
           "Undersøkingar avslutta innan 6 månader", "Investigations concluded within 6 months",
           "Andel undersøkelser avsluttet i året innen seks måneder (særlige tilfeller).", "prosent", "ratio",
           100, 1),
          ("kostra-meldinger-mottatt", "Meldinger mottatt i året", "Meldingar mottekne i året",
           "Notifications received in the year", "Meldinger med startdato i året.", "antall", "sum", 1, 0),
          ("kostra-barn-med-undersokelse", "Barn med undersøkelse i året", "Barn med undersøking i året",
           "Children with an investigation in the year", "Barn med minst én undersøkelse som pågikk i året.",
           "antall", "sum", 1, 0),
          ("kostra-barn-med-tiltak", "Barn med tiltak i løpet av året", "Barn med tiltak i løpet av året",
           "Children with measures during the year", "Barn med minst ett tiltak som pågikk i året.",
           "antall", "sum", 1, 0),
          ("kostra-barn-med-tiltak-3112", "Barn med tiltak per 31.12.", "Barn med tiltak per 31.12.",
           "Children with measures at year end", "Barn med minst ett tiltak som pågikk 31. desember.",
           "antall", "sum", 1, 0),
          ("kostra-plasseringer-fosterhjem-ellers", "Barn i andre fosterhjem per 31.12.",
           "Barn i andre fosterheimar per 31.12.", "Children in other foster homes at year end",
           "Barn i fosterhjem utenfor familie og nettverk per 31. desember.", "antall", "sum", 1, 0),
          ("kostra-plasseringer-institusjon", "Barn i institusjon per 31.12.", "Barn i institusjon per 31.12.",
           "Children in institutions at year end", "Barn i institusjon per 31. desember.", "antall", "sum", 1, 0),
          ("kostra-flyttinger-per-plassert-barn", "Flyttinger per barn plassert utenfor hjemmet",
           "Flyttingar per barn plassert utanfor heimen", "Moves per child placed outside the home",
           "Flyttinger i året delt på barn med plasseringstiltak i året.", "per barn", "ratio", 1, 2),
      ]],
    # Staffing and spending (bemanning og økonomi)
    _ind("ssb-fagstillinger-per-1000", "Årsverk med fagutdanning per 1 000 barn 0–17 år",
         "Årsverk med fagutdanning per 1 000 barn 0–17 år", "FTE with relevant education per 1,000 children 0–17",
         "Stillinger (årsverk) med fagutdanning i barneverntjenesten per 1 000 innbyggere 0–17 år.",
         "Årsverk med fagutdanning", "Innbyggere 0–17 år", "per 1 000 barn",
         "higher", "ssb", "per_children", 1000, "12870", levels=AREA_LEVELS, decimals=2,
         note=f"KOSTRA nøkkeltall. {VERIFY}"),
    _ind("ssb-utgifter-per-barn-0-17", "Netto driftsutgifter til barnevern per innbygger 0–17 år",
         "Netto driftsutgifter til barnevern per innbyggjar 0–17 år", "Spending on child welfare per child 0–17",
         "Netto driftsutgifter til barnevern (funksjon 244, 251 og 252) per innbygger 0–17 år.",
         "Netto driftsutgifter, funksjon 244, 251 og 252", "Innbyggere 0–17 år", "kroner",
         "neutral", "ssb", "per_children", 1, "12870", levels=AREA_LEVELS, decimals=0, note=f"KOSTRA. {VERIFY}"),
    _ind("ssb-utgifter-per-barn-i-barnevernet", "Netto driftsutgifter per barn i barnevernet",
         "Netto driftsutgifter per barn i barnevernet", "Spending per child in child welfare",
         "Netto driftsutgifter til barnevern (funksjon 244, 251 og 252) per barn med undersøkelse eller tiltak.",
         "Netto driftsutgifter, funksjon 244, 251 og 252", "Barn med undersøkelse eller tiltak", "kroner",
         "neutral", "ssb", "ratio", 1, "12870", levels=AREA_LEVELS, decimals=0, note=f"KOSTRA. {VERIFY}"),
    _ind("ssb-utgifter-per-barn-plassert", "Netto driftsutgifter per barn plassert av barnevernet",
         "Netto driftsutgifter per barn plassert av barnevernet", "Spending per child placed outside the home",
         "Netto driftsutgifter til barn plassert av barnevernet (funksjon 252) per barn plassert utenfor hjemmet.",
         "Netto driftsutgifter, funksjon 252", "Barn plassert utenfor hjemmet", "kroner",
         "neutral", "ssb", "ratio", 1, "12870", levels=AREA_LEVELS, decimals=0, note=f"KOSTRA. {VERIFY}"),
    _ind("ssb-utgifter-per-barn-tiltak-i-hjemmet", "Netto driftsutgifter per barn med tiltak i hjemmet",
         "Netto driftsutgifter per barn med tiltak i heimen", "Spending per child with measures at home",
         "Netto driftsutgifter til tiltak for barn som bor hjemme (funksjon 251) per barn med tiltak i hjemmet.",
         "Netto driftsutgifter, funksjon 251", "Barn med tiltak i hjemmet", "kroner",
         "neutral", "ssb", "ratio", 1, "12870", levels=AREA_LEVELS, decimals=0, note=f"KOSTRA. {VERIFY}"),
    _ind("ssb-andel-utgifter-saksbehandling", "Andel av utgiftene brukt på saksbehandling",
         "Del av utgiftene brukt på saksbehandling", "Share of spending on case work",
         "Brutto driftsutgifter til saksbehandling (funksjon 244) i prosent av brutto driftsutgifter til barnevern.",
         "Brutto driftsutgifter, funksjon 244", "Brutto driftsutgifter, funksjon 244, 251 og 252", "prosent",
         "neutral", "ssb", "ratio", 100, "12870", levels=AREA_LEVELS, note=f"KOSTRA. {VERIFY}"),
    _ind("ssb-andel-kommunens-utgifter", "Barnevernets andel av kommunens netto driftsutgifter",
         "Barnevernet sin del av kommunen sine netto driftsutgifter", "Child welfare's share of the municipality's spending",
         "Netto driftsutgifter til barnevern i prosent av kommunens samlede netto driftsutgifter.",
         "Netto driftsutgifter til barnevern", "Kommunens netto driftsutgifter i alt", "prosent",
         "neutral", "ssb", "ratio", 100, "12870", levels=AREA_LEVELS, note=f"KOSTRA. {VERIFY}"),
    _ind("ssb-forebygging-per-barn", "Utgifter til forebygging, helsestasjon og skolehelsetjeneste per barn 0–17 år",
         "Utgifter til førebygging, helsestasjon og skulehelseteneste per barn 0–17 år",
         "Spending on prevention, health stations and school health per child 0–17",
         "Netto driftsutgifter til forebygging, helsestasjons- og skolehelsetjeneste (funksjon 232) per "
         "innbygger 0–17 år.",
         "Netto driftsutgifter, funksjon 232", "Innbyggere 0–17 år", "kroner",
         "neutral", "ssb", "per_children", 1, "", levels=AREA_LEVELS, decimals=0, note="KOSTRA helse."),
    # Context (befolkning og levekår)
    _ind("ssb-barn-0-17", "Innbyggere 0–17 år", "Innbyggjarar 0–17 år", "Children 0–17 in the population",
         "Innbyggere 0–17 år per 1. januar.", "Innbyggere 0–17 år", "", "antall",
         "neutral", "computed", "sum", 1, "07459", levels=AREA_LEVELS, decimals=0,
         note="SSB tabell 07459; hentes fra befolkningstallene i Fagløft."),
    _ind("ssb-barn-lavinntekt", "Barn i lavinntektsfamilier", "Barn i låginntektsfamiliar",
         "Children in low-income families",
         "Andel barn under 18 år som bor i husholdninger med vedvarende lavinntekt (EU-60).",
         "Barn i husholdninger med vedvarende lavinntekt", "Barn under 18 år", "prosent",
         "neutral", "ssb", "ratio", 100, "", levels=AREA_LEVELS, note="SSB inntekts- og formuesstatistikk."),
    # Registered by the service itself
    _ind("egen-klager", "Klager på barneverntjenesten", "Klager på barnevernstenesta",
         "Complaints about the service",
         "Antall klager på barneverntjenesten registrert i året.", "Klager", "", "antall",
         "neutral", "own", "sum", 1, levels=["service"], decimals=0, note="Registreres av tjenesten."),
    _ind("egen-avvik", "Avvik i internkontrollen", "Avvik i internkontrollen", "Deviations in internal control",
         "Antall avvik registrert i tjenestens internkontroll i året.", "Avvik", "", "antall",
         "neutral", "own", "sum", 1, levels=["service"], decimals=0, note="Registreres av tjenesten."),
]


def seed(indicator_model: Any, *, update: bool = False) -> tuple[int, int]:
    """Create the catalogue's indicators (and with `update`, reset existing ones). Returns (created, updated).

    Takes the model as an argument so the data migration can pass its historical model.
    """
    created = updated = 0
    for order, entry in enumerate(CATALOGUE, start=1):
        fields = {k: v for k, v in entry.items() if k != "code"}
        fields["sort_order"] = order * 10
        existing = indicator_model.objects.filter(code=entry["code"]).first()
        if existing is None:
            indicator_model.objects.create(code=entry["code"], **fields)
            created += 1
        elif update:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            updated += 1
    return created, updated
