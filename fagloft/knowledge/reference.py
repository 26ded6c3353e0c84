"""Reference data of the app, seeded by migration 0002 and kept by the administrator afterwards.

- `CATEGORIES`: SSB's measure categories, the code list of `Tiltak/Kategori/@Kode` in the KOSTRA 15F
  schema (Individ.xsd, `KategoriType`) that `fagloft/kostra` validates against; a test checks the
  codes against the schema in ../shared/data, so the bank and the 15F figures speak one language.
- `DEADLINES`: the casework deadlines of barnevernsloven 2021 with their sources (DOMAIN-2 D5).
- `RECOMMENDED`: a starting list of the support measures municipalities should have access to.
  Bufdir's national plan for support measures names the kinds of help, not a fixed list (its full
  list is not in the sources we hold), so the list is marked as a starting point to check.
- `INDICATORS`: the coverage figures this app publishes to statistics.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# (code, name, group, needs precision) from Individ.xsd, KategoriType.
CATEGORIES: list[tuple[str, str, str, bool]] = [
    ("1.1", "Barnevernsinstitusjoner", "Institusjon", False),
    ("1.2", "Plassering i institusjon etter annen lov", "Institusjon", False),
    ("1.99", "Andre tiltak (institusjon)", "Institusjon", True),
    ("2.1", "Fosterhjem i familie og nære nettverk", "Fosterhjem", False),
    ("2.2", "Fosterhjem utenfor familie og nære nettverk", "Fosterhjem", False),
    ("2.3", "Spesialiserte fosterhjem", "Fosterhjem", False),
    ("2.4", "Fosterhjem etter § 4-27", "Fosterhjem", False),
    ("2.5", "Beredskapshjem utenom familie og nære nettverk", "Fosterhjem", False),
    ("2.6", "Midlertidig hjem i familie og nære nettverk", "Fosterhjem", False),
    ("2.99", "Andre tiltak (fosterhjem)", "Fosterhjem", True),
    ("3.1", "MST", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.2", "PMTO", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.3", "FFT", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.4", "Webster-Stratton (De utrolige årene)", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.5", "ICDP", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.6", "Marte Meo", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.7", "Andre hjemmebaserte tiltak med egen metodikk", "Hjemmebaserte tiltak og foreldreveiledning", True),
    ("3.8", "Sentre for foreldre og barn", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.9", "Vedtak om råd og veiledning", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.10", "Hjemmekonsulent/miljøarbeider", "Hjemmebaserte tiltak og foreldreveiledning", False),
    ("3.99", "Andre tiltak (hjemmebaserte)", "Hjemmebaserte tiltak og foreldreveiledning", True),
    ("4.1", "Barnehage", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.2", "SFO/aktivitetsskole", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.3", "Fritidsaktiviteter", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.4", "Økonomisk hjelp for øvrig", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.5", "Besøkshjem/avlastningstiltak", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.6", "Støttekontakt", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.7", "Samtalegrupper/barnegrupper", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.8", "Utdanning og arbeid", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.9", "ART", "Økonomisk hjelp, fritid og avlastning", False),
    ("4.99", "Andre tiltak (økonomi, fritid, avlastning)", "Økonomisk hjelp, fritid og avlastning", True),
    ("5.1", "Frivillig tilsyn i hjemmet", "Tilsyn og kontroll", False),
    ("5.2", "Pålagt tilsyn i hjemmet", "Tilsyn og kontroll", False),
    ("5.3", "Tilsyn under samvær", "Tilsyn og kontroll", False),
    ("5.4", "Ruskontroll", "Tilsyn og kontroll", False),
    ("5.99", "Andre tiltak (tilsyn og kontroll)", "Tilsyn og kontroll", True),
    ("6.1", "Familieråd", "Nettverk og samordning", False),
    ("6.2", "Nettverksmøter", "Nettverk og samordning", False),
    ("6.3", "Individuell plan", "Nettverk og samordning", False),
    ("6.4", "Deltakelse i ansvarsgruppe", "Nettverk og samordning", False),
    ("6.99", "Andre tiltak (nettverk og samordning)", "Nettverk og samordning", True),
    ("7.1", "Medisinsk undersøkelse og behandling", "Helse og behandling", False),
    ("7.2", "Behandling av barn med særlige opplæringsbehov", "Helse og behandling", False),
    ("7.3", "Psykisk helsehjelp for barn og unge", "Helse og behandling", False),
    ("7.99", "Andre tiltak (helse og behandling)", "Helse og behandling", True),
    ("8.1", "Økonomisk hjelp ved etablering i egen bolig/hybel", "Bolig", False),
    ("8.2", "Bolig med oppfølging", "Bolig", False),
    ("8.3", "Botreningskurs", "Bolig", False),
    ("8.99", "Andre tiltak (bolig)", "Bolig", True),
]

LOVDATA = "https://lovdata.no/dokument/NL/lov/2021-06-18-97"
BFK = "https://bfk.bufdir.no/"

DEADLINES: list[dict] = [
    {
        "code": "melding",
        "phase": "Melding",
        "section": "§ 2-1",
        "title": "Meldingen gjennomgås innen en uke",
        "rule": "Barneverntjenesten skal snarest, og senest innen en uke, gjennomgå meldinger den mottar og "
        "vurdere om meldingen skal følges opp med undersøkelse.",
        "limit_days": 7,
        "ssb_rule": "SSB regner 8 dager eller mer fra mottak til konklusjon som fristbrudd.",
        "source_title": "Barnevernsloven (2021) § 2-1; Prop. 133 L (2020–2021) kap. 8",
        "source_url": f"{LOVDATA}/KAPITTEL_2#%C2%A72-1",
        "indicator_codes": ["kostra-meldinger-innen-frist"],
    },
    {
        "code": "undersokelse",
        "phase": "Undersøkelse",
        "section": "§ 2-2",
        "title": "Undersøkelsen avsluttes innen tre måneder",
        "rule": "Undersøkelsen skal gjennomføres snarest og senest innen tre måneder etter at fristen på én uke i "
        "§ 2-1 er utløpt; i særlige tilfeller inntil seks måneder totalt. Det skal lages en plan for "
        "undersøkelsen.",
        "limit_months": 3,
        "special_limit_months": 6,
        "ssb_rule": "SSB kontrollerer at undersøkelsen er avsluttet innen 7 + 90 dager fra meldingen (7 + 180 ved "
        "utvidet frist).",
        "source_title": "Barnevernsloven (2021) § 2-2; Prop. 73 L (2016–2017) kap. 14",
        "source_url": f"{LOVDATA}/KAPITTEL_2#%C2%A72-2",
        "indicator_codes": ["kostra-undersokelser-innen-frist", "kostra-undersokelser-innen-6-mnd"],
    },
    {
        "code": "tiltaksplan",
        "phase": "Hjelpetiltak",
        "section": "§ 8-1",
        "title": "Tiltaksplan, evaluert jevnlig",
        "rule": "Når det er truffet vedtak om hjelpetiltak, skal barneverntjenesten utarbeide en tidsavgrenset "
        "tiltaksplan som evalueres jevnlig. Hovedregelen i retningslinjene er evaluering hvert kvartal.",
        "limit_months": 3,
        "ssb_rule": "KOSTRA: andel barn i hjelpetiltak med tiltaksplan, og andel der planen er evaluert.",
        "source_title": "Barnevernsloven (2021) § 8-1; Bufdirs retningslinjer om hjelpetiltak (Q-0982)",
        "source_url": f"{LOVDATA}/KAPITTEL_8#%C2%A78-1",
        "indicator_codes": ["kostra-tiltaksplan-andel", "kostra-tiltaksplan-evaluert"],
    },
    {
        "code": "omsorgsplan",
        "phase": "Omsorg",
        "section": "§ 8-3",
        "title": "Omsorgsplan",
        "rule": "Når barneverntjenesten har overtatt omsorgen, skal den lage en plan for barnets omsorgssituasjon "
        "(omsorgsplan) og følge opp barnet og foreldrene.",
        "ssb_rule": "Plantype 4 (omsorgsplan) i KOSTRA/BVR; SSB publiserer ikke et eget nøkkeltall for fristen.",
        "source_title": "Barnevernsloven (2021) § 8-3",
        "source_url": f"{LOVDATA}/KAPITTEL_8#%C2%A78-3",
        "indicator_codes": [],
    },
    {
        "code": "ettervern",
        "phase": "Ettervern",
        "section": "§ 8-5",
        "title": "Plan for ettervern",
        "rule": "Barneverntjenesten skal i god tid før barnet fyller 18 år drøfte med barnet om det skal få tiltak "
        "etter fylte 18 år, og lage en plan for tiltakene.",
        "ssb_rule": "Plantype 5 (plan for ettervern) i KOSTRA/BVR; SSB publiserer ikke et eget nøkkeltall for fristen.",
        "source_title": "Barnevernsloven (2021) § 8-5",
        "source_url": f"{LOVDATA}/KAPITTEL_8#%C2%A78-5",
        "indicator_codes": [],
    },
]

NOTE = "Startliste etter Bufdirs nasjonale plan for hjelpetiltak; kontroller mot planen."
# (level, name, category codes, description)
RECOMMENDED: list[tuple[str, str, list[str], str]] = [
    ("universal", "Foreldreveiledning for alle foreldre", ["3.5"], "For eksempel ICDP i helsestasjon og barnehage."),
    ("universal", "Råd og veiledning", ["3.9"], "Råd og veiledning til familier tidlig."),
    (
        "selected",
        "Foreldrestøtte for familier i risiko",
        ["3.5", "3.6", "3.4"],
        "ICDP, Marte Meo eller De utrolige årene.",
    ),
    ("selected", "Avlastning og støttekontakt", ["4.5", "4.6"], "Besøkshjem, avlastning og støttekontakt."),
    ("selected", "Familieråd og nettverksmøter", ["6.1", "6.2"], "Tiltak som mobiliserer familiens nettverk."),
    ("indicated", "Behandling av atferdsvansker", ["3.2", "3.4"], "PMTO eller De utrolige årene."),
    ("indicated", "Intensive hjemmebaserte tiltak for ungdom", ["3.1", "3.3"], "MST eller FFT (Bufetat)."),
    ("indicated", "Hjemmekonsulent eller miljøarbeider", ["3.10"], "Tett oppfølging i hjemmet."),
]

INDICATORS: list[tuple[str, str, str, str, str]] = [
    (
        "knowledge-coverage-share",
        "Anbefalte hjelpetiltak kommunen har tilgang til",
        "Tilrådde hjelpetiltak kommunen har tilgang til",
        "Recommended support measures the municipality has access to",
        "Andel av Bufdirs anbefalte hjelpetiltak som kommunen har et gyldig tilbud om (egne, nabokommunes etter "
        "avtale, Bufetat eller privat).",
    ),
    (
        "knowledge-coverage-universal",
        "Dekning av universelle tiltak",
        "Dekning av universelle tiltak",
        "Coverage of universal measures",
        "Andel av de anbefalte universelle tiltakene kommunen har tilgang til.",
    ),
    (
        "knowledge-coverage-selected",
        "Dekning av selekterte tiltak",
        "Dekning av selekterte tiltak",
        "Coverage of selected measures",
        "Andel av de anbefalte selekterte tiltakene kommunen har tilgang til.",
    ),
    (
        "knowledge-coverage-indicated",
        "Dekning av indikerte tiltak",
        "Dekning av indikerte tiltak",
        "Coverage of indicated measures",
        "Andel av de anbefalte indikerte tiltakene kommunen har tilgang til.",
    ),
]
GAP_INDICATOR = (
    "knowledge-coverage-gaps",
    "Nivåer i tiltakspyramiden uten tilbud",
    "Nivå i tiltakspyramiden utan tilbod",
    "Levels of the measures pyramid without an offer",
    "Antall nivåer (universelt, selektert, indikert) der kommunen ikke har tilgang til noe tiltak.",
)

MESSAGES = [gettext_noop("Startliste etter Bufdirs nasjonale plan for hjelpetiltak; kontroller mot planen.")]
