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
        self.fields["password"].label = _("Passord")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Engangskode fra autentiseringsappen"),
        min_length=6, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Skriv inn den sekssifrede koden fra appen.")},
    )
