"""The import page's form: which kind of file, the file, and the options that kind takes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import KitForm

KIND_CHOICES = [
    ("geo", _("Kart (GeoJSON fra Kartverket): fylker eller kommuner med grenser")),
    ("population", _("Befolkning etter alder (SSB tabell 07459: CSV eller JSON-stat2)")),
    ("crosswalk", _("Kommunenummer før og etter omnummerering (CSV)")),
    ("history", _("Tidligere fylker og kommuner (historikkfil, CSV)")),
]
FORMAT_CHOICES = [
    ("", _("Finn ut selv")),
    ("tidy", _("Ryddig CSV (aar, kommunenummer, alder, antall)")),
    ("ssb-csv", _("CSV fra SSBs statistikkbank")),
    ("jsonstat", _("JSON-stat2 fra SSB")),
]


class ImportForm(KitForm):
    kind = forms.ChoiceField(label=_("Hva vil du importere?"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("Fil"), help_text=_("Importen er alt-eller-ingenting: finnes det én feil, blir ingenting lagret.")
    )
    year = forms.IntegerField(
        label=_("Kartår"),
        required=False,
        min_value=1838,
        max_value=2200,
        help_text=_("Bare for kart. Tomt: året i filnavnet, for eksempel kommuner-2024.geojson."),
    )
    format = forms.ChoiceField(label=_("Filformat for befolkning"), choices=FORMAT_CHOICES, required=False)
    partial = forms.BooleanField(
        label=_("Filen dekker bare deler av landet (ikke avslutt enheter som mangler)"), required=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = getattr(settings, "FAGLOFT_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(
                _("Filen er for stor (%(size)s MB). Største tillatte størrelse er %(limit)s MB."),
                params={"size": round(upload.size / 1_048_576, 1), "limit": round(limit / 1_048_576)},
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Filen er tom."))
        return upload

    def options(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind = data["kind"]
        if kind == "geo":
            return {"year": data.get("year"), "partial": bool(data.get("partial"))}
        if kind == "population":
            return {"format": data.get("format") or None}
        return {}
