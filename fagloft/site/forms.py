"""The change log's filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fagloft.lib.forms import KitForm


class AuditFilterForm(KitForm):
    object_type = forms.ChoiceField(label=_("Objekttype"), required=False)
    date_from = forms.DateField(
        label=_("Fra dato"), required=False, error_messages={"invalid": _("Fra dato: skriv datoen som dd.mm.åååå.")}
    )
    date_to = forms.DateField(
        label=_("Til dato"), required=False, error_messages={"invalid": _("Til dato: skriv datoen som dd.mm.åååå.")}
    )

    def __init__(self, *args: Any, object_types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("Alle")), *object_types]
