"""The use-case contract: every public write of every app is a function decorated with `@use_case`.

    @use_case(PRIORITISE_IDEAS, on="idea")
    def prioritise_idea(actor, idea, *, status, priority): ...

Before the body runs, the decorator checks that `actor` may do the action on the object named by
`on` (or, without `on`, that the actor's role allows the action at all), then runs the body in one
transaction, so the change and its audit rows land together or not at all. Views, the API, tasks
and commands call the same function; no caller passes a permission decision in.

`actor=None` is the system itself (a management command or scheduled job started by the
operator). Functions only the system runs are marked `@system_job` and refuse a user actor, so a
view cannot call them by mistake. The guard test `fagloft/tests/test_use_cases.py` fails when a
public function in a `services` module is neither.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from fagloft.accounts.access import Action, can
from fagloft.accounts.typing import Actor

P = ParamSpec("P")
R = TypeVar("R")


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("Du har ikke tilgang til å gjøre dette."))


def use_case(action: Action, on: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare the action a write needs; `on` names the parameter with the object (or unit) it acts on."""

    def decorator(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)
        parameters = list(signature.parameters)
        if not parameters or parameters[0] != "actor":
            raise TypeError(f"{function.__qualname__}: a use case takes the actor as its first parameter")
        if on is not None and on not in signature.parameters:
            raise TypeError(f"{function.__qualname__}: no parameter {on!r} to check {action.code} on")

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            actor: Actor = bound.arguments["actor"]
            if actor is not None:
                target = bound.arguments.get(on) if on is not None else None
                if not can(actor, action, target):
                    raise _refuse()
            with transaction.atomic():
                return function(*args, **kwargs)

        wrapper.use_case_action = action  # type: ignore[attr-defined]
        wrapper.use_case_on = on  # type: ignore[attr-defined]
        return wrapper

    return decorator


def system_job(function: Callable[P, R]) -> Callable[P, R]:
    """A write only the system runs (reminders, purges, publishing); refuses a user as actor."""
    signature = inspect.signature(function)
    takes_actor = "actor" in signature.parameters

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if takes_actor:
            actor: Actor = signature.bind(*args, **kwargs).arguments.get("actor")
            if actor is not None:
                raise _refuse()
        with transaction.atomic():
            return function(*args, **kwargs)

    wrapper.system_job = True  # type: ignore[attr-defined]
    return wrapper


def not_a_use_case(function: Callable[P, R]) -> Callable[P, R]:
    """A public helper in a services module that writes nothing (validation, defaults, previews)."""
    function.not_a_use_case = True  # type: ignore[attr-defined]
    return function


def declared(function: Any) -> bool:
    return any(getattr(function, flag, None) for flag in ("use_case_action", "system_job", "not_a_use_case"))
