# ruff: noqa: E501  (one bokmål text per line, as in catalogue.py)
"""The catalogue's bokmål texts (definitions, numerators, denominators, units) marked for the
message catalogue, so that `Indicator.definition_text` and friends show them in nynorsk and English.

Kept in step with catalogue.py by `tests/test_catalogue_page.py` (every seeded text must be here).
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("Andel av undersøkelsene avsluttet i perioden som ble avsluttet innen tre måneder (bvl. § 2-2)."),
    gettext_noop("Undersøkelser avsluttet innen 3 måneder"),
    gettext_noop("Undersøkelser avsluttet i perioden"),
    gettext_noop("prosent"),
    gettext_noop(
        "Andel av meldingene i perioden som ble gjennomgått innen sju dager (SSB regner 8 dager eller mer som fristbrudd)."
    ),
    gettext_noop("Meldinger gjennomgått innen 7 dager"),
    gettext_noop("Meldinger mottatt i perioden"),
    gettext_noop(
        "Andel barn med hjelpetiltak som har tiltaksplan ved utgangen av perioden (per halvår i kommunemonitoren)."
    ),
    gettext_noop("Barn i hjelpetiltak med tiltaksplan"),
    gettext_noop("Barn i hjelpetiltak"),
    gettext_noop("Andel barn med hjelpetiltak der tiltaksplanen er evaluert i perioden."),
    gettext_noop("Barn med evaluert tiltaksplan"),
    gettext_noop("Barn 0–17 år med barnevernstiltak i løpet av året per 1 000 innbyggere 0–17 år."),
    gettext_noop("Barn 0–17 år med tiltak i løpet av året"),
    gettext_noop("Innbyggere 0–17 år (SSB tabell 07459)"),
    gettext_noop("per 1 000 barn"),
    gettext_noop("Prosentdelen barn med undersøkelse i løpet av året i forhold til innbyggere 0–17 år."),
    gettext_noop("Barn 0–17 år med undersøkelse i løpet av året"),
    gettext_noop("Innbyggere 0–17 år"),
    gettext_noop("Prosentdelen barn med melding i løpet av året i forhold til innbyggere 0–17 år."),
    gettext_noop("Barn 0–17 år med melding"),
    gettext_noop("Andel av barna med tiltak som har hjelpetiltak mens de bor hjemme."),
    gettext_noop("Barn med hjelpetiltak i hjemmet"),
    gettext_noop("Barn med barnevernstiltak"),
    gettext_noop("Barn 0–17 år som bor utenfor hjemmet etter vedtak fra barnevernet per 1 000 innbyggere 0–17 år."),
    gettext_noop("Barn plassert utenfor hjemmet"),
    gettext_noop("Andel av barna plassert i fosterhjem som bor i fosterhjem i familie eller nære nettverk."),
    gettext_noop("Barn i fosterhjem i familie og nettverk"),
    gettext_noop("Barn i fosterhjem"),
    gettext_noop("Akuttvedtak i løpet av året per 1 000 innbyggere 0–17 år."),
    gettext_noop("Akuttvedtak i løpet av året"),
    gettext_noop("Barn med undersøkelse eller tiltak i løpet av året delt på årsverk i barneverntjenesten."),
    gettext_noop("Barn med undersøkelse eller tiltak"),
    gettext_noop("Årsverk i barneverntjenesten"),
    gettext_noop("barn per årsverk"),
    gettext_noop("Andel undersøkelser avsluttet i året innen seks måneder (særlige tilfeller)."),
    gettext_noop("Undersøkelser avsluttet innen 6 måneder"),
    gettext_noop("Undersøkelser avsluttet i året"),
    gettext_noop("Meldinger med startdato i året."),
    gettext_noop("Meldinger mottatt i året"),
    gettext_noop("antall"),
    gettext_noop("Barn med minst én undersøkelse som pågikk i året."),
    gettext_noop("Barn med undersøkelse i året"),
    gettext_noop("Barn med minst ett tiltak som pågikk i året."),
    gettext_noop("Barn med tiltak i løpet av året"),
    gettext_noop("Barn med minst ett tiltak som pågikk 31. desember."),
    gettext_noop("Barn med tiltak per 31.12."),
    gettext_noop("Barn i fosterhjem utenfor familie og nettverk per 31. desember."),
    gettext_noop("Barn i andre fosterhjem per 31.12."),
    gettext_noop("Barn i institusjon per 31. desember."),
    gettext_noop("Barn i institusjon per 31.12."),
    gettext_noop("Flyttinger i året delt på barn med plasseringstiltak i året."),
    gettext_noop("Flyttinger per barn plassert utenfor hjemmet"),
    gettext_noop("Barn med plasseringstiltak i året"),
    gettext_noop("per barn"),
    gettext_noop("Stillinger (årsverk) med fagutdanning i barneverntjenesten per 1 000 innbyggere 0–17 år."),
    gettext_noop("Årsverk med fagutdanning"),
    gettext_noop("Netto driftsutgifter til barnevern (funksjon 244, 251 og 252) per innbygger 0–17 år."),
    gettext_noop("Netto driftsutgifter, funksjon 244, 251 og 252"),
    gettext_noop("kroner"),
    gettext_noop(
        "Netto driftsutgifter til barnevern (funksjon 244, 251 og 252) per barn med undersøkelse eller tiltak."
    ),
    gettext_noop(
        "Netto driftsutgifter til barn plassert av barnevernet (funksjon 252) per barn plassert utenfor hjemmet."
    ),
    gettext_noop("Netto driftsutgifter, funksjon 252"),
    gettext_noop(
        "Netto driftsutgifter til tiltak for barn som bor hjemme (funksjon 251) per barn med tiltak i hjemmet."
    ),
    gettext_noop("Netto driftsutgifter, funksjon 251"),
    gettext_noop("Barn med tiltak i hjemmet"),
    gettext_noop(
        "Brutto driftsutgifter til saksbehandling (funksjon 244) i prosent av brutto driftsutgifter til barnevern."
    ),
    gettext_noop("Brutto driftsutgifter, funksjon 244"),
    gettext_noop("Brutto driftsutgifter, funksjon 244, 251 og 252"),
    gettext_noop("Netto driftsutgifter til barnevern i prosent av kommunens samlede netto driftsutgifter."),
    gettext_noop("Netto driftsutgifter til barnevern"),
    gettext_noop("Kommunens netto driftsutgifter i alt"),
    gettext_noop(
        "Netto driftsutgifter til forebygging, helsestasjons- og skolehelsetjeneste (funksjon 232) per innbygger 0–17 år."
    ),
    gettext_noop("Netto driftsutgifter, funksjon 232"),
    gettext_noop("Innbyggere 0–17 år per 1. januar."),
    gettext_noop("Andel barn under 18 år som bor i husholdninger med vedvarende lavinntekt (EU-60)."),
    gettext_noop("Barn i husholdninger med vedvarende lavinntekt"),
    gettext_noop("Barn under 18 år"),
    gettext_noop("Antall klager på barneverntjenesten registrert i året."),
    gettext_noop("Klager"),
    gettext_noop("Antall avvik registrert i tjenestens internkontroll i året."),
    gettext_noop("Avvik"),
]
