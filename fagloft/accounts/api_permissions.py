"""DRF permission that applies the same action catalogue as the pages.

An API view declares `access = {"list": ACTION, "retrieve": ACTION, "create": ACTION, ...}` (keys
are viewset actions, or HTTP methods for plain API views). Anything undeclared is refused.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.permissions import BasePermission

from fagloft.accounts.access import Action, can


def declared_action(view: Any, request: Any) -> Action | None:
    access: dict[str, Action] = getattr(view, "access", {}) or {}
    key = getattr(view, "action", None) or request.method.lower()
    return access.get(key) or access.get(request.method.lower())


class DeclaredActionPermission(BasePermission):
    message = "Du har ikke tilgang til dette."

    def has_permission(self, request: Any, view: Any) -> bool:
        action = declared_action(view, request)
        if action is None:
            return False
        return can(request.user, action)

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        action = declared_action(view, request)
        return action is not None and can(request.user, action, obj)


class PermittedRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object the user must be allowed to act on, checked before any other validation.

    With a plain PrimaryKeyRelatedField over all objects, a write for another unit is validated
    first, and the unique-together check answers 400 «must make a unique set», which tells the
    caller what exists there. This field answers 403 as soon as it reads the object, before the
    serializer's validators run. `action` defaults to the action the view declared for the request.
    """

    def __init__(self, action: Action | None = None, **kwargs: Any) -> None:
        self.permitted_action = action
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        obj = super().to_internal_value(data)
        request = self.context.get("request")
        view = self.context.get("view")
        action = self.permitted_action or (declared_action(view, request) if view is not None else None)
        if request is None or action is None or not can(request.user, action, obj):
            raise exceptions.PermissionDenied(
                _("Du har ikke tilgang til å bruke dette valget i feltet «%(field)s».") % {"field": self.field_name}
            )
        return obj
