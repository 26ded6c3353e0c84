"""One exception for a refused write, with a Norwegian message and the field it concerns.

Services raise `Refused` when a rule of the domain says no (a grant above the amount applied for,
a transition that is not allowed, a file for another municipality). Views show it the same way
everywhere: at the field when it names one of the form's fields, otherwise in the error summary.
It is a `ValidationError`, so Django forms and DRF serializers already know how to show it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class Refused(ValidationError):
    def __init__(
        self, message: Any, *, field: str | None = None, code: str | None = None, params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.field = field

    @property
    def text(self) -> str:
        return " ".join(str(m) for m in self.messages)

    def __str__(self) -> str:
        return self.text

    def attach(self, form: Any) -> None:
        """Put the refusal on `form`: at its field when the form has it, otherwise as a form error."""
        field = self.field if self.field and self.field in getattr(form, "fields", {}) else None
        form.add_error(field, self.text)

    def as_api(self) -> dict[str, Any]:
        return {self.field or "non_field_errors": [self.text]}
