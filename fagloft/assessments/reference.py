"""Reference data loaded by the data migration: the template's themes and the default risk bands.

Both are rows in the database afterwards, so an administrator can correct them (DOMAIN.md:
"bands configurable"). This module is plain data so the migration does not depend on models.
"""

from __future__ import annotations

# (code, bokmål, nynorsk, English, questions in bokmål)
THEMES: list[tuple[str, str, str, str, list[str]]] = [
    ("capacity", "Kapasitet og bemanning", "Kapasitet og bemanning", "Capacity and staffing", [
        "Har tjenesten nok årsverk til oppgavene, og hvor mange stillinger står ledige?",
        "Finnes det funksjoner som bare én person kan utføre, og hva skjer når hun eller han er borte?",
        "Hvordan er turnover og sykefravær, og hvordan er barnevernvakt og beredskap utenfor kontortid ordnet?",
    ]),
    ("competence", "Kompetanse", "Kompetanse", "Competence", [
        "Hvor mange oppfyller kompetansekravene som gjelder fra 2031?",
        "Hvilken videreutdanning og hvilke metoder har de ansatte?",
    ]),
    ("case_flow", "Saksflyt og frister", "Saksflyt og fristar", "Case flow and deadlines", [
        "Blir meldinger gjennomgått innen en uke og undersøkelser avsluttet innen tre måneder?",
        "Har barn med tiltak tiltaksplan, og blir planene evaluert?",
    ]),
    ("internal_control", "Dokumentasjon og internkontroll", "Dokumentasjon og internkontroll",
     "Documentation and internal control", [
        "Har tjenesten oppdaterte rutiner og et styringssystem som brukes?",
        "Hvordan meldes og følges avvik opp?",
    ]),
    ("participation", "Barns medvirkning", "Barns medverknad", "Children's participation", [
        "Hvordan sikrer tjenesten at barn blir hørt og at det dokumenteres?",
    ]),
    ("measures", "Tiltak på alle nivåer", "Tiltak på alle nivå", "Measures on every level", [
        "Har tjenesten universelle, selekterte og indikerte tiltak, og får barna tilgang til dem?",
    ]),
    ("foster_care", "Fosterhjem", "Fosterheim", "Foster care", [
        "Rekrutterer tjenesten fosterhjem i familie og nettverk?",
        "Blir lovpålagte oppfølgingsbesøk gjennomført?",
    ]),
    ("cooperation", "Samarbeid", "Samarbeid", "Cooperation", [
        "Hvordan fungerer samarbeidet med skole, helse, NAV og Bufetat?",
    ]),
    ("leadership", "Ledelse og kommunens styring", "Leiing og kommunen si styring", "Leadership and oversight", [
        "Hvordan følger kommuneledelsen opp tjenesten, og er tilstandsrapporten lagt fram for kommunestyret?",
    ]),
    ("economy", "Økonomi", "Økonomi", "Economy", [
        "Hvordan er utgiftene utviklet, og hvilken risiko for store enkeltutgifter og egenbetaling har kommunen?",
    ]),
    ("supervision", "Tilsynsfunn og klager", "Tilsynsfunn og klager", "Supervision findings and complaints", [
        "Hvilke tilsyn og klager har tjenesten hatt, og hvordan er funnene fulgt opp?",
    ]),
]

# (level, highest likelihood × consequence product in the band)
RISK_BANDS: list[tuple[str, int]] = [("low", 4), ("moderate", 12), ("high", 25)]

# Bufdir's starting set of national signal rules for the demo (and a template for a real
# installation). Codes are those of the statistics catalogue and the competence app's published
# figures; a rule whose code has no values simply shows "no data". Bufdir edits them as data.
DEFAULT_NATIONAL_RULES: list[dict] = [
    {"name": "Undersøkelser avsluttet innen fristen", "kind": "threshold", "theme": "case_flow",
     "indicator_code": "kostra-undersokelser-innen-frist", "parameters": {"op": "<", "value": 85},
     "severity": "danger"},
    {"name": "Meldinger gjennomgått innen en uke", "kind": "threshold", "theme": "case_flow",
     "indicator_code": "kostra-meldinger-innen-frist", "parameters": {"op": "<", "value": 95}, "severity": "warning"},
    {"name": "Tiltaksplaner under fylkets nivå", "kind": "peer", "theme": "case_flow",
     "indicator_code": "kostra-tiltaksplan-andel",
     "parameters": {"peer": "county", "direction": "below", "pct": 10}, "severity": "warning"},
    {"name": "Flere barn per årsverk", "kind": "trend", "theme": "capacity",
     "indicator_code": "kostra-barn-per-arsverk", "parameters": {"years": 3, "direction": "up", "min_slope": 0.5},
     "severity": "warning"},
    {"name": "Sårbar liten tjeneste", "kind": "vulnerability", "theme": "capacity", "indicator_code": "",
     "parameters": {"min_factors": 2, "factors": [
         {"indicator": "competence-fte", "op": "<", "value": 6, "label": "Få årsverk"},
         {"indicator": "competence-turnover", "op": ">", "value": 20, "label": "Høy turnover"},
         {"indicator": "competence-vacancies", "op": ">", "value": 0, "label": "Ledige stillinger"},
         {"indicator": "competence-requirement-share", "op": "<", "value": 50,
          "label": "Under halvparten oppfyller kompetansekravene"},
     ]}, "severity": "danger"},
]
