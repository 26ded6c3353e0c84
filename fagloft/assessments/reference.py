"""Reference data loaded by the data migration: the template's themes and the default risk bands.

Both are rows in the database afterwards, so an administrator can correct them (`docs/domain.md`:
"bands configurable"). This module is plain data so the migration does not depend on models.
"""

from __future__ import annotations

import datetime

# Marked for the message catalogue only (the rows keep bokmål; pages translate them on display).
from django.utils.translation import gettext_noop

# (code, bokmål, nynorsk, English, questions in bokmål)
THEMES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "capacity",
        "Kapasitet og bemanning",
        "Kapasitet og bemanning",
        "Capacity and staffing",
        [
            "Har tjenesten nok årsverk til oppgavene, og hvor mange stillinger står ledige?",
            "Finnes det funksjoner som bare én person kan utføre, og hva skjer når hun eller han er borte?",
            "Hvordan er turnover og sykefravær, og hvordan er barnevernvakt og beredskap utenfor kontortid ordnet?",
        ],
    ),
    (
        "competence",
        "Kompetanse",
        "Kompetanse",
        "Competence",
        [
            "Hvor mange oppfyller kompetansekravene som gjelder fra 2031?",
            "Hvilken videreutdanning og hvilke metoder har de ansatte?",
        ],
    ),
    (
        "case_flow",
        "Saksflyt og frister",
        "Saksflyt og fristar",
        "Case flow and deadlines",
        [
            "Blir meldinger gjennomgått innen en uke og undersøkelser avsluttet innen tre måneder?",
            "Har barn med tiltak tiltaksplan, og blir planene evaluert?",
        ],
    ),
    (
        "internal_control",
        "Dokumentasjon og internkontroll",
        "Dokumentasjon og internkontroll",
        "Documentation and internal control",
        [
            "Har tjenesten oppdaterte rutiner og et styringssystem som brukes?",
            "Hvordan meldes og følges avvik opp?",
        ],
    ),
    (
        "participation",
        "Barns medvirkning",
        "Barns medverknad",
        "Children's participation",
        [
            "Hvordan sikrer tjenesten at barn blir hørt og at det dokumenteres?",
        ],
    ),
    (
        "measures",
        "Tiltak på alle nivåer",
        "Tiltak på alle nivå",
        "Measures on every level",
        [
            "Har tjenesten universelle, selekterte og indikerte tiltak, og får barna tilgang til dem?",
        ],
    ),
    (
        "foster_care",
        "Fosterhjem",
        "Fosterheim",
        "Foster care",
        [
            "Rekrutterer tjenesten fosterhjem i familie og nettverk?",
            "Blir lovpålagte oppfølgingsbesøk gjennomført?",
        ],
    ),
    (
        "cooperation",
        "Samarbeid",
        "Samarbeid",
        "Cooperation",
        [
            "Hvordan fungerer samarbeidet med skole, helse, NAV og Bufetat?",
        ],
    ),
    (
        "leadership",
        "Ledelse og kommunens styring",
        "Leiing og kommunen si styring",
        "Leadership and oversight",
        [
            "Hvordan følger kommuneledelsen opp tjenesten, og er tilstandsrapporten lagt fram for kommunestyret?",
        ],
    ),
    (
        "economy",
        "Økonomi",
        "Økonomi",
        "Economy",
        [
            "Hvordan er utgiftene utviklet, og hvilken risiko for store enkeltutgifter og egenbetaling har kommunen?",
        ],
    ),
    (
        "supervision",
        "Tilsynsfunn og klager",
        "Tilsynsfunn og klager",
        "Supervision findings and complaints",
        [
            "Hvilke tilsyn og klager har tjenesten hatt, og hvordan er funnene fulgt opp?",
        ],
    ),
]

# (level, highest likelihood × consequence product in the band)
RISK_BANDS: list[tuple[str, int]] = [("low", 4), ("moderate", 12), ("high", 25)]

# Bufdir's starting set of national signal rules for the demo (and a template for a real
# installation). Codes are those of the statistics catalogue and the competence app's published
# figures; a rule whose code has no values simply shows "no data". Bufdir edits them as data.
DEFAULT_NATIONAL_RULES: list[dict] = [
    {
        "name": gettext_noop("Undersøkelser avsluttet innen fristen"),
        "kind": "threshold",
        "theme": "case_flow",
        "indicator_code": "kostra-undersokelser-innen-frist",
        "parameters": {"op": "<", "value": 85},
        "severity": "danger",
    },
    {
        "name": gettext_noop("Meldinger gjennomgått innen en uke"),
        "kind": "threshold",
        "theme": "case_flow",
        "indicator_code": "kostra-meldinger-innen-frist",
        "parameters": {"op": "<", "value": 95},
        "severity": "warning",
    },
    {
        "name": gettext_noop("Tiltaksplaner under fylkets nivå"),
        "kind": "peer",
        "theme": "case_flow",
        "indicator_code": "kostra-tiltaksplan-andel",
        "parameters": {"peer": "county", "direction": "below", "pct": 10},
        "severity": "warning",
    },
    {
        "name": gettext_noop("Flere barn per årsverk"),
        "kind": "trend",
        "theme": "capacity",
        "indicator_code": "kostra-barn-per-arsverk",
        "parameters": {"years": 3, "direction": "up", "min_slope": 0.5},
        "severity": "warning",
    },
    {
        "name": gettext_noop("Sårbar liten tjeneste"),
        "kind": "vulnerability",
        "theme": "capacity",
        "indicator_code": "",
        "parameters": {
            "min_factors": 2,
            "factors": [
                {"indicator": "competence-fte", "op": "<", "value": 6, "label": gettext_noop("Få årsverk")},
                {"indicator": "competence-turnover", "op": ">", "value": 20, "label": gettext_noop("Høy turnover")},
                {
                    "indicator": "competence-vacancies",
                    "op": ">",
                    "value": 0,
                    "label": gettext_noop("Ledige stillinger"),
                },
                {
                    "indicator": "competence-requirement-share",
                    "op": "<",
                    "value": 50,
                    "label": gettext_noop("Under halvparten oppfyller kompetansekravene"),
                },
            ],
        },
        "severity": "danger",
    },
]

# Nynorsk and English text of the questions, keyed by the bokmål text in THEMES. The bokmål list
# stays the key and the order: answers are stored by position, so translations never move them.
QUESTION_TRANSLATIONS: dict[str, tuple[str, str]] = {
    "Har tjenesten nok årsverk til oppgavene, og hvor mange stillinger står ledige?": (
        "Har tenesta nok årsverk til oppgåvene, og kor mange stillingar står ledige?",
        "Does the service have enough full-time equivalents for its tasks, and how many positions are vacant?",
    ),
    "Finnes det funksjoner som bare én person kan utføre, og hva skjer når hun eller han er borte?": (
        "Finst det funksjonar som berre éin person kan utføre, og kva skjer når ho eller han er borte?",
        "Are there functions that only one person can perform, and what happens when that person is away?",
    ),
    "Hvordan er turnover og sykefravær, og hvordan er barnevernvakt og beredskap utenfor kontortid ordnet?": (
        "Korleis er turnover og sjukefråvær, og korleis er barnevernvakt og beredskap utanfor kontortid ordna?",
        (
            "What are staff turnover and sickness absence like, and how are the child welfare on-call service and "
            "out-of-hours preparedness organised?"
        ),
    ),
    "Hvor mange oppfyller kompetansekravene som gjelder fra 2031?": (
        "Kor mange oppfyller kompetansekrava som gjeld frå 2031?",
        "How many meet the competence requirements that apply from 2031?",
    ),
    "Hvilken videreutdanning og hvilke metoder har de ansatte?": (
        "Kva vidareutdanning og kva metodar har dei tilsette?",
        "What further education and which methods do the employees have?",
    ),
    "Blir meldinger gjennomgått innen en uke og undersøkelser avsluttet innen tre måneder?": (
        "Blir meldingar gjennomgått innan ei veke og undersøkingar avslutta innan tre månader?",
        "Are reports of concern reviewed within a week and investigations concluded within three months?",
    ),
    "Har barn med tiltak tiltaksplan, og blir planene evaluert?": (
        "Har barn med tiltak tiltaksplan, og blir planane evaluerte?",
        "Do children receiving measures have a measures plan, and are the plans evaluated?",
    ),
    "Har tjenesten oppdaterte rutiner og et styringssystem som brukes?": (
        "Har tenesta oppdaterte rutinar og eit styringssystem som blir brukt?",
        "Does the service have up-to-date procedures and a management system that is in use?",
    ),
    "Hvordan meldes og følges avvik opp?": (
        "Korleis blir avvik melde og følgde opp?",
        "How are deviations reported and followed up?",
    ),
    "Hvordan sikrer tjenesten at barn blir hørt og at det dokumenteres?": (
        "Korleis sikrar tenesta at barn blir høyrde, og at det blir dokumentert?",
        "How does the service ensure that children are heard and that this is documented?",
    ),
    "Har tjenesten universelle, selekterte og indikerte tiltak, og får barna tilgang til dem?": (
        "Har tenesta universelle, selekterte og indikerte tiltak, og får barna tilgang til dei?",
        "Does the service have universal, selective and indicated measures, and do the children get access to them?",
    ),
    "Rekrutterer tjenesten fosterhjem i familie og nettverk?": (
        "Rekrutterer tenesta fosterheimar i familie og nettverk?",
        "Does the service recruit foster homes within the child's family and network?",
    ),
    "Blir lovpålagte oppfølgingsbesøk gjennomført?": (
        "Blir lovpålagde oppfølgingsbesøk gjennomførte?",
        "Are the statutory follow-up visits carried out?",
    ),
    "Hvordan fungerer samarbeidet med skole, helse, NAV og Bufetat?": (
        "Korleis fungerer samarbeidet med skule, helse, NAV og Bufetat?",
        "How does cooperation with schools, health services, NAV and Bufetat work?",
    ),
    "Hvordan følger kommuneledelsen opp tjenesten, og er tilstandsrapporten lagt fram for kommunestyret?": (
        "Korleis følgjer kommuneleiinga opp tenesta, og er tilstandsrapporten lagd fram for kommunestyret?",
        (
            "How does the municipal management follow up the service, and has the status report been presented to "
            "the municipal council?"
        ),
    ),
    "Hvordan er utgiftene utviklet, og hvilken risiko for store enkeltutgifter og egenbetaling har kommunen?": (
        "Korleis har utgiftene utvikla seg, og kva risiko for store enkeltutgifter og eigenbetaling har kommunen?",
        (
            "How have the expenses developed, and what risk of large single expenses and co-payments does the "
            "municipality carry?"
        ),
    ),
    "Hvilke tilsyn og klager har tjenesten hatt, og hvordan er funnene fulgt opp?": (
        "Kva tilsyn og klager har tenesta hatt, og korleis er funna følgde opp?",
        (
            "Which supervisory inspections and complaints has the service had, and how have the findings been "
            "followed up?"
        ),
    ),
}

# The assessment for year Y describes that calendar year and is written early the next year
# (the staffing figures of Y+1's start count, see the vulnerability rule): it is due on
# SUBMISSION_DEADLINE (month, day) of Y+1 unless the assessment states its own due date.
SUBMISSION_DEADLINE: tuple[int, int] = (3, 1)


def submission_deadline(year: int) -> datetime.date:
    month, day = SUBMISSION_DEADLINE
    return datetime.date(year + 1, month, day)


def current_assessment_year(today: datetime.date) -> int:
    """The year whose assessment is being written on `today`: the one whose deadline comes next
    (on the deadline day itself it is still that year's)."""
    return today.year - 1 if today <= submission_deadline(today.year - 1) else today.year
