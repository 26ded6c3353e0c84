"""What every write in this app shares: the refusal error and the permission check."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models

from fagloft.accounts.access import Action, can


class WorkflowError(Exception):
    """A write the rules refuse; the message is Norwegian and shown to the user as it is."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = str(message)


def require(actor: Any, action: Action, obj: models.Model) -> None:
    """Refuse unless `actor` may do `action` on `obj` (the views check first; this keeps the API,
    commands and tasks under the same rules)."""
    if not can(actor, action, obj):
        raise PermissionDenied
