"""Reference data, loaded by the data migration `0002_reference_data`, each figure with its source.

Sources: seed 004 (Bufdir, «Erfaringer fra tre forsøkskommuner»: the task table, from Deloitte and
Telemarksforsking's final report, edited by Bufdir), seed 001 (Alta's risks), and the ministry's
yearly letters on municipal co-payments as collected in `../shared/DOMAIN.md` («Economics of the
reform») and `DOMAIN-2.md` (B1, B2). The seed lost the first column of the task table, so the
task names are reconstructed (marked on every page). Who pays, where the row itself does not say,
is taken from the financing rows of the same table; the note says so.
"""

from __future__ import annotations

SEED_004 = "Seed 004: Bufdir, «Erfaringer fra tre forsøkskommuner», oppgavefordeling på barnevernsområdet"
RATES_2016 = (
    "https://www.regjeringen.no/no/dokumenter/satsar-for-kommunal-eigenbetaling-i-barneverntiltak-2016/id2929947/"
)
RATES_2017 = (
    "https://www.regjeringen.no/no/dokumenter/satser-for-kommunal-egenbetaling-for-barnevernstiltak-i-2017/id2929949/"
)
RATES_2022 = (
    "https://www.regjeringen.no/no/dokumenter/satser-for-kommunal-egenbetaling-for-barnevernstiltak-2022/id2902438/"
)
RATES_2026_SECONDARY = (
    "Sekundærkilde: moazdah/barnevernskalkulator viser til «Satser for kommunal egenbetaling for statlige "
    "barnevernstiltak – 2026», https://www.regjeringen.no/no/dokumenter/satser-for-kommunal-egenbetaling-for-"
    "statlige-barnevernstiltak-2026/id3144528/ (ikke kontrollert mot brevet)"
)

# (code, order, name, [(regime, responsible, payer, seed text, note)])
TASKS: list[tuple[str, int, str, list[tuple[str, str, str, str, str]]]] = [
    (
        "recruitment",
        1,
        "Rekruttering av fosterhjem",
        [
            ("before", "state", "state", "Statlig ansvar. Bufetat har bistandsplikt.", ""),
            ("trial", "municipality", "municipality", "Kommunalt ansvar, uten bistand fra Bufetat.", ""),
            ("reform", "state", "state", "Statlig ansvar, Bufetat har bistandsplikt.", ""),
        ],
    ),
    (
        "training",
        2,
        "Opplæring av fosterhjem",
        [
            ("before", "state", "state", "Statlig ansvar. PRIDE-opplæring i regi av Bufetat.", ""),
            ("trial", "municipality", "municipality", "Kommunalt ansvar for fosterhjemsopplæring", ""),
            ("reform", "state", "state", "Statlig ansvar. PRIDE-opplæring i regi av Bufetat.", ""),
        ],
    ),
    (
        "guidance",
        3,
        "Veiledning av fosterhjem",
        [
            ("before", "state", "state", "Statlig ansvar for generell veiledning av fosterhjem.", ""),
            (
                "trial",
                "municipality",
                "municipality",
                "Kommunalt ansvar for individuell og generell veiledning av fosterhjem",
                "",
            ),
            (
                "reform",
                "municipality",
                "municipality",
                "Kommunalt ansvar for individuell og generell veiledning av fosterhjem",
                "",
            ),
        ],
    ),
    (
        "foster-financing",
        4,
        "Finansiering av ordinære fosterhjem",
        [
            (
                "before",
                "shared",
                "shared",
                "Delt finansieringsansvar mellom kommune og stat for ordinære fosterhjem, gjennom refusjonsordningen",
                "",
            ),
            ("trial", "municipality", "municipality", "Kommunalt ansvar", ""),
            ("reform", "municipality", "municipality", "Kommunalt ansvar. Refusjonsordningen avvikles.", ""),
        ],
    ),
    (
        "family-network",
        5,
        "Fosterhjem i familie og nære nettverk",
        [
            (
                regime,
                "not_stated",
                "not_stated",
                "Lovpålagt plikt til å alltid vurdere om noen i barnets familie eller nære nettverk kan velges "
                "som fosterhjem.",
                "Kilden sier at plikten gjelder, ikke hvem som betaler.",
            )
            for regime in ("before", "trial", "reform")
        ],
    ),
    (
        "family-homes",
        6,
        "Statlige familiehjem og spesialiserte fosterhjem",
        [
            (
                "before",
                "state",
                "state_copayment",
                "Statlig oppgave, men uten bistandsplikt.",
                "Egenandel for statlige beredskaps- og familiehjem: DOMAIN-2.md B1 (31 500 kr i 2016).",
            ),
            (
                "trial",
                "municipality",
                "municipality",
                "En del av et utvidet kommunalt ansvar på fosterhjemsområdet. Valgfritt å ha denne typen hjem i egen "
                "regi.",
                "",
            ),
            (
                "reform",
                "state",
                "state_copayment",
                "Statlige familiehjem er erstattet med spesialiserte fosterhjem.",
                "Egenandel 85 000 kr i 2022 (DOMAIN-2.md B1).",
            ),
        ],
    ),
    (
        "specialised-emergency",
        7,
        "Beredskapshjem og spesialiserte fosterhjem (bare reformen i kilden)",
        [
            (
                "reform",
                "state",
                "state_copayment",
                "Statlig oppgave, men uten bistandsplikt. Økte kommunale egenandeler.",
                "Kilden gir bare kolonnen for reformen for denne raden.",
            ),
        ],
    ),
    (
        "institution-choice",
        8,
        "Valg av institusjonsplass",
        [
            (
                "before",
                "state",
                "state_copayment",
                "Statlig ansvar og bistandsplikt. Bufetat har plikt til å tilby egnet institusjonsplass. Bufetat har "
                "siste ord ved valg av institusjonsplass.",
                "Betaler: raden om finansiering av institusjoner.",
            ),
            (
                "trial",
                "municipality",
                "municipality",
                "Kommunene har ansvar for å skaffe og velge egnet institusjonsplass selv. Uten bistandsavtale velger "
                "kommunene blant alle aktører. Ved bistandsavtale har Bufetat plikt til å tilby egnet "
                "institusjonsplass.",
                "",
            ),
            (
                "reform",
                "state",
                "state_copayment",
                "Statlig ansvar og bistandsplikt. Bufetat har plikt til å tilby egnet institusjonsplass.",
                "Betaler: raden om finansiering av institusjoner.",
            ),
        ],
    ),
    (
        "institution-places",
        9,
        "Institusjonsplasser (atferd)",
        [
            (
                "before",
                "state",
                "state_copayment",
                "Statlig ansvar og bistandsplikt. Bufetat har plikt til å tilby egnet institusjonsplass.",
                "Betaler: raden om finansiering av institusjoner.",
            ),
            (
                "trial",
                "state",
                "state_copayment",
                "Bufetat har bistandsplikt. Kommunene får tre ulike tilbud om plasser fra Bufetat som de kan velge "
                "mellom.",
                "Egenandel om lag 50 prosent av kostpris for atferdsinstitusjon (raden om finansiering).",
            ),
            (
                "reform",
                "state",
                "state_copayment",
                "Statlig ansvar og bistandsplikt. Bufetat har plikt til å tilby egnet institusjonsplass.",
                "Betaler: raden om finansiering av institusjoner.",
            ),
        ],
    ),
    (
        "institution-financing",
        10,
        "Finansiering av institusjoner",
        [
            ("before", "state", "state_copayment", "Kommunene betaler en egenandel ved bruk av institusjon.", ""),
            (
                "trial",
                "municipality",
                "municipality",
                "Kommunalt ansvar. For atferdsinstitusjon betaler kommunene egenandel på om lag 50 prosent av "
                "kostpris.",
                "",
            ),
            ("reform", "state", "state_copayment", "Økte kommunale egenandeler.", ""),
        ],
    ),
    (
        "specialised-support",
        11,
        "Spesialiserte hjelpetiltak (MST, FFT, PMTO)",
        [
            (
                "before",
                "state",
                "state_copayment",
                "Statlig tilbud om noen hjelpetiltak. Kommunen betaler egenandel for MST og FFT, mens PMTO er gratis.",
                "",
            ),
            (
                "trial",
                "municipality",
                "municipality",
                "Kommunenes ansvar å ha tilgjengelige og spesialiserte hjelpetiltak.",
                "",
            ),
            (
                "reform",
                "state",
                "state_copayment",
                "Statlig ansvar å tilby spesialiserte hjelpetiltak der dette kan forhindre plassering utenfor "
                "hjemmet. Bufetats tilbud av PMTO avvikles i takt med at kommunene bygger opp nødvendig "
                "kompetanse til å tilby PMTO og tilsvarende hjelpetiltak.",
                "",
            ),
        ],
    ),
]

# kind -> {year: monthly rate}; all confirmed against the ministry's letters (DOMAIN.md).
RATES: dict[str, dict[int, int]] = {
    "institution": {2016: 66_900, 2017: 68_740, 2022: 170_000},
    "institution_em": {2016: 33_450, 2017: 34_370, 2022: 85_000},
    "sffb_residential": {2016: 66_900, 2017: 68_740, 2022: 71_000},
    "sffb_home": {2016: 24_200, 2017: 24_870, 2022: 11_000},
    "specialised_foster": {2016: 31_500, 2017: 32_370, 2022: 85_000},
    "mst_fft": {2016: 15_750, 2017: 16_185, 2022: 15_000},
    "pmto": {2016: 0, 2017: 0, 2022: 0},
}
RATE_SOURCES = {2016: RATES_2016, 2017: RATES_2017, 2022: RATES_2022}
# 2022: placements in emergency and specialised foster homes made before the reform keep 37 100.
EXISTING_PLACEMENT_RATES = {("specialised_foster", 2022): 37_100}
# Figures from a secondary source, stored unconfirmed (an administrator confirms or corrects them).
UNCONFIRMED_RATES = [("institution", 2026, 197_225, RATES_2026_SECONDARY)]

_CHILDREN_NOTE = "Barn 0–17 år i Norge om lag 1 120 000 (SSB, avrundet)."
# kind -> (stock per 1 000 at start of year, new per 1 000 per year, mean months, sd months,
#          dispersion, is_assumption, source)
NATIONAL: dict[str, tuple[str, str, str, str, str | None, bool, str]] = {
    "institution": (
        "0.920",
        "0.310",
        "36",
        "30",
        "2",
        False,
        "Utledet: 1 035 barn i institusjon ved utgangen av 2022 (SSB, DOMAIN-2.md B2) og 1 378 barn med "
        "institusjonsopphold i 2022 (Bufdirs årsrapport, DOMAIN-2.md B2), så om lag 343 nye; varighet fra "
        f"bestand/tilgang (Littles lov). {_CHILDREN_NOTE} Spredning og standardavvik er antakelser.",
    ),
    "institution_em": ("0.020", "0.020", "12", "8", "2", True, "Antakelse i Fagløft; erstatt med egne tall."),
    "sffb_residential": ("0.050", "0.150", "4", "2", "2", True, "Antakelse i Fagløft; erstatt med egne tall."),
    "sffb_home": ("0.050", "0.150", "6", "3", "2", True, "Antakelse i Fagløft; erstatt med egne tall."),
    "specialised_foster": ("0.800", "0.800", "12", "12", "2", True, "Antakelse i Fagløft; erstatt med egne tall."),
    "mst_fft": ("0.300", "0.600", "5", "1.5", None, True, "Antakelse i Fagløft; erstatt med egne tall."),
    "pmto": ("0.500", "1.000", "6", "2", None, True, "Antakelse i Fagløft; erstatt med egne tall."),
    "ordinary_foster": ("7.000", "1.000", "48", "36", "3", True, "Antakelse i Fagløft; erstatt med egne tall."),
}

SEED_001 = "Seed 001: Alta kommune, «Hva er risikoen for Alta kommune?»"
# code, name, description, seed text, institution factor, placement factor, bought share, bought rate
SCENARIOS = [
    (
        "institution-increase",
        "Sterk økning av institusjonsplasseringer",
        "Dobbelt så mange nye institusjonsplasseringer som i grunnmodellen (faktoren er en antakelse).",
        "En sterk økning av institusjonsplasseringer vil skape store økonomiske utfordringer i forsøksperioden.",
        "2",
        "1",
        "0",
        0,
    ),
    (
        "bought-foster-homes",
        "Fosterhjem kjøpt fra Bufetat til fullpris",
        "Halvparten av de nye ordinære fosterhjemmene må kjøpes fra Bufetat; prisen per måned er satt til "
        "2022-satsen for spesialiserte fosterhjem (85 000 kr) som et anslag.",
        "Kommunen makter ikke å rekruttere fosterhjem selv – må be om bistand fra Bufetat til fullpris.",
        "1",
        "1",
        "0.5",
        85_000,
    ),
    (
        "staffing-shortfall",
        "Mangel på personell i nøkkelstillinger",
        "25 prosent flere nye plasseringer av alle slag når tjenesten mangler folk (faktoren er en antakelse).",
        "Kommunen klarer ikke å rekrutter/beholde personell i nøkkelstillinger.",
        "1",
        "1.25",
        "0",
        0,
    ),
]
