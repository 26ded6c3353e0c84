"""The form kit every app builds on: Designsystemet widgets, the version field, dates, confirmation.

- `KitForm` / `KitModelForm`: Designsystemet classes on every widget, and `refuse(error)` to put a
  service's `Refused` on the right field (or the error summary) while keeping the user's input.
- `VersionedFormMixin`: the hidden `version` field that optimistic locking checks
  (`fagloft.audit.concurrency.save_checked`). One name everywhere: `version`.
- `DATE` / `DateField`: the browser's date picker with ISO values, bounded to years 1900–2100.
- `ConfirmForm`: the second step of an irreversible action (a decision, a submission, storing
  KOSTRA figures): the page says what will happen, the user ticks and confirms.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from fagloft.lib.refusals import Refused

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)

_CHOICE_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


class DesignsystemetMixin:
    """Gives every widget Designsystemet's class, so templates only include components/field.html."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if not isinstance(field.widget, (forms.HiddenInput, *_CHOICE_WIDGETS)):
                field.widget.attrs.setdefault("class", "ds-input")
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                _bound_dates(field)

    def refuse(self, error: Refused) -> None:
        """Show a service's refusal on this form: at its field when it has one, else in the summary."""
        error.attach(self)


def _bound_dates(field: forms.DateField) -> None:
    # A date outside 1900–2100 is a typo (year 0, 99999) and some databases cannot store it.
    if not any(isinstance(v, MinValueValidator) for v in field.validators):
        field.validators.append(MinValueValidator(EARLIEST, _("Datoen kan ikke være før 1900.")))
        field.validators.append(MaxValueValidator(LATEST, _("Datoen kan ikke være etter 2100.")))
    if isinstance(field.widget, forms.DateInput) and field.widget.input_type != "date":
        field.widget = forms.DateInput(attrs={**field.widget.attrs, "type": "date"}, format="%Y-%m-%d")
    field.widget.attrs.setdefault("min", EARLIEST.isoformat())
    field.widget.attrs.setdefault("max", LATEST.isoformat())


class _KitTyping:
    """Type declarations shared by the kit forms (no behaviour).

    Forms set `queryset`, `choices` or `max_value` on their fields after `__init__`; the stubs type
    every entry of `fields` as the base `Field`, which has none of them. The fields of one form are
    of many kinds, so they are typed as Any rather than cast at each use.
    """

    fields: dict[str, Any]


def _cleaned(form: forms.BaseForm, cleaned: dict[str, Any] | None) -> dict[str, Any]:
    # Django keeps `cleaned_data` when clean() returns None, so the stubs type clean() as optional.
    # The kit forms always return the dict, so app forms can write `data = super().clean()`.
    return form.cleaned_data if cleaned is None else cleaned


class KitForm(_KitTyping, DesignsystemetMixin, forms.Form):
    def clean(self) -> dict[str, Any]:
        return _cleaned(self, super().clean())


class KitModelForm(_KitTyping, DesignsystemetMixin, forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        return _cleaned(self, super().clean())


class VersionedFormMixin:
    """Carries the version the user loaded, so the use case can refuse a concurrent edit."""

    # Django's form metaclass collects fields only from Form classes' `declared_fields`, not from a
    # plain mixin's attributes, so the field is declared that way.
    declared_fields: ClassVar[dict[str, forms.Field]] = {
        "version": forms.IntegerField(widget=forms.HiddenInput, required=False)
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:  # type: ignore[attr-defined]
            self.fields["version"].initial = instance.version  # type: ignore[attr-defined]

    @property
    def loaded_version(self) -> Any:
        """The version the user loaded (from the bound data, so a failed clean still has it)."""
        return self.data.get("version") if self.is_bound else self.fields["version"].initial  # type: ignore[attr-defined]

    def changed_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}  # type: ignore[attr-defined]


class VersionedModelForm(VersionedFormMixin, KitModelForm):
    pass


class ConfirmForm(KitForm):
    """The confirmation step of an irreversible action."""

    confirm = forms.BooleanField(
        label=_("Jeg har lest hva som vil skje, og vil fortsette"),
        required=True,
        error_messages={"required": _("Kryss av for å bekrefte.")},
    )
