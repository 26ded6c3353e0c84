"""Types for who is acting, for mypy (the shape of healthchecks' `hc.accounts.typing`).

- `AuthenticatedHttpRequest`: the request of a view that only logged-in users reach (every view
  with `@requires(ACTION)` where ACTION is not anonymous). Annotate such a view's `request` with it,
  so `request.user` is a `User`, not `User | AnonymousUser`.
- `Actor`: the first parameter of a use case: a user, or None for the system itself (a management
  command or scheduled job).
- `AnyUser`: `request.user` in general, what the permission checks in `access` accept.

The aliases are strings so that this module imports nothing from the models at run time: the lower
layers (`audit`, `lib`) import them under `TYPE_CHECKING` only, which the import contracts allow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from fagloft.accounts.models import User

Actor: TypeAlias = "User | None"
AnyUser: TypeAlias = "User | AnonymousUser"


class AuthenticatedHttpRequest(HttpRequest):
    user: User
