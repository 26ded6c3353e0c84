"""The bokmål definitions, numerators, denominators and units of the indicators competence publishes
(migration 0003 and 0002 store them), marked for this app's message catalogue so that
`Indicator.definition_text`, `numerator_text`, `denominator_text` and `unit_text` show them in
nynorsk and English. Kept in step with the migrations by `tests/test_indicator_translations.py`."""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Sum av stillingsprosent for ansatte i tjenesten ved årets slutt, i årsverk."),
    gettext_noop("Årsverk"),
    gettext_noop("Ledige, ubesatte stillinger ved årets slutt, i årsverk."),
    gettext_noop("Ledige årsverk"),
    gettext_noop("Andel av gjennomsnittlig antall ansatte i året som sluttet i løpet av året."),
    gettext_noop("Ansatte som sluttet"),
    gettext_noop("Gjennomsnittlig antall ansatte"),
    gettext_noop("Andel av ansatte med kjerneoppgaver og ledere som oppfyller kompetansekravene fra 2031."),
    gettext_noop("Ansatte som oppfyller kravene"),
    gettext_noop("Ansatte kravene gjelder for"),
    gettext_noop("Årsverk i tjenesten per 1000 innbyggere 0–17 år i kommunene den dekker."),
    gettext_noop("Innbyggere 0–17 år"),
    gettext_noop("årsverk"),
    gettext_noop("prosent"),
    gettext_noop("per 1000 barn"),
]
