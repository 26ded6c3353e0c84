"""DRF permission that applies the same action catalogue as the pages.

An API view declares `access = {"list": ACTION, "retrieve": ACTION, "create": ACTION, ...}` (keys
are viewset actions, or HTTP methods for plain API views). Anything undeclared is refused.
"""

from __future__ import annotations

from typing import Any

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
