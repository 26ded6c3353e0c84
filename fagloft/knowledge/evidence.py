"""Evidence levels (Ungsinn), with the scale they were given on.

Ungsinn classifies on levels 0–5 since November 2015 (5 strong documentation of effect … 1 well
described, 0 ineffective); reviews before that used a four-level scale (4 dokumentert virksomt,
3 funksjonelt virksomt, 2 sannsynlig virksomt, 1 potensielt virksomt). The two are not the same
scale, so a level is always stored and shown with its scale and never converted
(https://ungsinn.no/post_artikkel/om-kunnskapsoppsummeringene/,
https://ungsinn.no/post_artikkel/prinsipper-for-klassifisering-i-ungsinn/).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.lib.refusals import Refused

NEW_SCALE_FROM = datetime.date(2015, 11, 1)

NEW_LEVELS = {
    5: gettext_lazy("Tiltak med sterk dokumentasjon på effekt"),
    4: gettext_lazy("Tiltak med tilfredsstillende dokumentasjon på effekt"),
    3: gettext_lazy("Tiltak med noe dokumentasjon på effekt"),
    2: gettext_lazy("Teoretisk begrunnede tiltak"),
    1: gettext_lazy("Godt beskrevne tiltak"),
    0: gettext_lazy("Uvirksomt tiltak"),
}
OLD_LEVELS = {
    4: gettext_lazy("Dokumentert virksomt"),
    3: gettext_lazy("Funksjonelt virksomt"),
    2: gettext_lazy("Sannsynlig virksomt"),
    1: gettext_lazy("Potensielt virksomt"),
}
SCALES = {"ungsinn_2015": NEW_LEVELS, "ungsinn_old": OLD_LEVELS}


def check(scale: str, level: int | None, reviewed_on: datetime.date | None) -> None:
    """Refuse a level that does not exist on its scale, or a scale the review date rules out."""
    if scale == "unknown":
        if level is not None:
            raise Refused(_("Velg skala når du oppgir evidensnivå."), field="evidence_scale")
        return
    levels = SCALES.get(scale)
    if levels is None:
        raise Refused(_("Ukjent evidensskala."), field="evidence_scale")
    if level is None:
        raise Refused(_("Oppgi evidensnivået på den valgte skalaen."), field="evidence_level")
    if level not in levels:
        raise Refused(
            _("Nivå %(level)s finnes ikke på denne skalaen (gyldige nivåer: %(valid)s).")
            % {"level": level, "valid": ", ".join(str(n) for n in sorted(levels))},
            field="evidence_level",
        )
    if reviewed_on is not None:
        if scale == "ungsinn_2015" and reviewed_on < NEW_SCALE_FROM:
            raise Refused(
                _("Vurderinger før november 2015 bruker den eldre skalaen med fire nivåer."), field="evidence_scale"
            )
        if scale == "ungsinn_old" and reviewed_on >= NEW_SCALE_FROM:
            raise Refused(_("Vurderinger fra november 2015 bruker skalaen med nivå 0–5."), field="evidence_scale")


def label(scale: str, level: int | None) -> str:
    """«Nivå 3: Tiltak med noe dokumentasjon på effekt» or «Funksjonelt virksomt (eldre skala)»."""
    if scale == "ungsinn_2015" and level in NEW_LEVELS:
        return _("Nivå %(level)s: %(text)s") % {"level": level, "text": NEW_LEVELS[level]}
    if scale == "ungsinn_old" and level in OLD_LEVELS:
        return _("%(text)s (eldre skala, nivå %(level)s av 4)") % {"text": OLD_LEVELS[level], "level": level}
    return _("Ikke vurdert")
