from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Feil brukernavn eller passord. Husk at passordet skiller mellom store og små bokstaver."),
        "inactive": _("Denne kontoen er deaktivert."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Brukernavn")
        self.fields["username"].error_messages["required"] = _("Brukernavn: skriv inn brukernavnet ditt.")
        self.fields["password"].label = _("Passord")
        self.fields["password"].error_messages["required"] = _("Passord: skriv inn passordet ditt.")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Engangskode"),
        help_text=_("Sekssifret kode fra autentiseringsappen, eller en av reservekodene dine."),
        min_length=6,
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Engangskode: skriv inn den sekssifrede koden fra appen."),
            "min_length": _("Engangskode: koden har minst seks tegn."),
            "max_length": _("Engangskode: koden er for lang. Skriv bare sifrene appen viser."),
        },
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=_("Engangskode fra administratoren"),
        help_text=_("Tolv tegn, for eksempel ABCD-EFGH-JKLM. Du får den av administratoren i virksomheten din."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Engangskode fra administratoren: skriv inn koden du har fått.")},
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på nøkkelen"),
        required=False,
        max_length=100,
        help_text=_("Valgfritt. Hva nøkkelen brukes til, så du kjenner den igjen i lista."),
    )
