"""Entering a value by hand. The form validates input; services decide who may enter what."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import KitForm
from fagloft.statistics.models import Indicator


class ValueForm(KitForm):
    indicator = forms.ModelChoiceField(
        label=_("Indikator"),
        queryset=Indicator.objects.none(),
        error_messages={"required": _("Velg en indikator."), "invalid_choice": _("Velg en indikator fra listen.")},
    )
    unit = forms.ChoiceField(label=_("Enhet"), error_messages={"required": _("Velg hvilken enhet verdien gjelder.")})
    year = forms.IntegerField(
        label=_("År"),
        min_value=2000,
        error_messages={
            "required": _("Skriv inn året verdien gjelder."),
            "invalid": _("Året må være et helt tall."),
            "min_value": _("Året kan ikke være før 2000."),
        },
    )
    half = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        initial=0,
        choices=[(0, _("Hele året")), (1, _("1. halvår")), (2, _("2. halvår"))],
    )
    value = forms.DecimalField(
        label=_("Verdi"),
        required=False,
        max_digits=16,
        decimal_places=4,
        help_text=_("La feltet stå tomt hvis du oppgir teller og nevner; da beregnes verdien."),
        error_messages={"invalid": _("Verdien må være et tall, for eksempel 12,5.")},
    )
    numerator = forms.DecimalField(
        label=_("Teller"),
        required=False,
        max_digits=16,
        decimal_places=4,
        error_messages={"invalid": _("Telleren må være et tall.")},
    )
    denominator = forms.DecimalField(
        label=_("Nevner"),
        required=False,
        max_digits=16,
        decimal_places=4,
        error_messages={"invalid": _("Nevneren må være et tall.")},
    )

    def __init__(self, *args: Any, indicators: list[Indicator], units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(pk__in=[i.pk for i in indicators])
        self.fields["unit"].choices = units
        self.fields["year"].validators.append(_max_year)
        for name in ("value", "numerator", "denominator"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def clean_denominator(self) -> Decimal | None:
        denominator = self.cleaned_data.get("denominator")
        if denominator is not None and denominator <= 0:
            raise forms.ValidationError(_("Nevneren må være større enn null."))
        return denominator

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("value") is None and (data.get("numerator") is None or data.get("denominator") is None):
            if not self.errors:
                self.add_error("value", _("Oppgi en verdi, eller både teller og nevner."))
        return data


def _max_year(value: int) -> None:
    if value > timezone.localdate().year:
        raise forms.ValidationError(_("Året kan ikke være i fremtiden."))


class SsbImportForm(forms.Form):
    """The SSB upload page: which indicator the file holds, and the file itself."""

    indicator = forms.ModelChoiceField(
        label=_("Indikator"),
        queryset=Indicator.objects.none(),
        to_field_name="code",
        error_messages={"required": _("Velg en indikator."), "invalid_choice": _("Velg en indikator fra listen.")},
    )
    file = forms.FileField(
        label=_("Fil fra SSBs statistikkbank"),
        help_text=_(
            "CSV med semikolon eller JSON-stat2. Importen er alt-eller-ingenting: finnes det én feil, "
            "blir ingenting lagret."
        ),
        error_messages={"required": _("Velg en fil å laste opp."), "empty": _("Filen er tom.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Declared above as a ModelChoiceField; `fields` holds its copy under the same name.
        indicator = cast("forms.ModelChoiceField[Indicator]", self.fields["indicator"])
        indicator.queryset = Indicator.objects.filter(is_active=True).order_by("sort_order", "code")

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
