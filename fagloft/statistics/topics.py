"""Topics of the indicator catalogue, for the catalogue page's search and grouping.

A topic is a label in code (translated with gettext), chosen from the indicator's code: the codes
are stable identifiers of the catalogue (see catalogue.py), so no database column is needed.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

CASE_FLOW = _("Saksflyt og frister")
ACTIVITY = _("Aktivitet og tiltak")
KOSTRA_COUNTS = _("Tall fra KOSTRA 15F")
STAFF_AND_SPENDING = _("Bemanning og økonomi")
CONTEXT = _("Befolkning og levekår")
COMPETENCE = _("Kompetanse")
OWN = _("Tjenestens egne registreringer")
OTHER = _("Annet")

_BY_CODE = {
    **dict.fromkeys(
        [
            "kostra-undersokelser-innen-frist",
            "kostra-meldinger-innen-frist",
            "kostra-tiltaksplan-andel",
            "kostra-tiltaksplan-evaluert",
            "kostra-undersokelser-innen-6-mnd",
        ],
        CASE_FLOW,
    ),
    **dict.fromkeys(
        [
            "kostra-barn-med-tiltak-per-1000",
            "kostra-barn-med-undersokelse-andel",
            "kostra-barn-med-melding",
            "kostra-hjelpetiltak-i-hjemmet",
            "kostra-plassert-utenfor-hjemmet",
            "kostra-plasseringer-fosterhjem-familie",
            "kostra-akuttvedtak-per-1000",
        ],
        ACTIVITY,
    ),
    "kostra-barn-per-arsverk": STAFF_AND_SPENDING,
    "ssb-barn-0-17": CONTEXT,
    "ssb-barn-lavinntekt": CONTEXT,
}
_BY_PREFIX = [("ssb-", STAFF_AND_SPENDING), ("kostra-", KOSTRA_COUNTS), ("competence-", COMPETENCE), ("egen-", OWN)]


def topic_of(indicator: Any) -> Any:
    code = indicator.code
    if code in _BY_CODE:
        return _BY_CODE[code]
    return next((topic for prefix, topic in _BY_PREFIX if code.startswith(prefix)), OTHER)
