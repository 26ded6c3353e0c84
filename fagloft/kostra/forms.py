"""Forms of the kostra app."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import KitForm
from fagloft.lib.safexml import default_max_bytes
from fagloft.organizations.models import Service


class UploadForm(KitForm):
    service = forms.ModelChoiceField(
        label=_("Barneverntjeneste"),
        queryset=Service.objects.none(),
        error_messages={
            "required": _("Velg hvilken tjeneste filen gjelder."),
            "invalid_choice": _("Velg en tjeneste du leder."),
        },
    )
    file = forms.FileField(
        label=_("KOSTRA 15F-fil (XML)"),
        help_text=_("Filen kontrolleres og slettes straks etterpå. Den lagres aldri."),
        error_messages={"required": _("Velg en KOSTRA 15F-fil å laste opp."), "empty": _("Filen er tom.")},
    )
    year = forms.IntegerField(
        label=_("Rapporteringsår"),
        required=False,
        min_value=1998,
        max_value=2049,
        help_text=_("La stå tomt for å bruke året som står i filen."),
        error_messages={
            "invalid": _("Rapporteringsår må være et årstall, for eksempel 2024."),
            "min_value": _("Rapporteringsår kan ikke være før 1998."),
            "max_value": _("Rapporteringsår kan ikke være etter 2049."),
        },
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        if services.count() == 1:
            self.fields["service"].initial = services.first()
        self.fields["year"].widget.attrs["placeholder"] = str(datetime.date.today().year - 1)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = default_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("Filen er for stor (%(size)s MB). Største tillatte størrelse er %(limit)s MB."),
                params={"size": f"{upload.size / 1_000_000:.1f}", "limit": f"{limit / 1_000_000:.0f}"},
            )
        return upload
