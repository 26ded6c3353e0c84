"""One catalogue of actions and the rules that allow them (the shape of eVaka's Action catalogue).

Each app declares its actions in `<app>/permissions.py` with `define()`. An action names the roles
that may perform it. Global roles (Bufdir, admin) may perform it everywhere; scoped roles only on
objects inside the unit of their membership. Every view declares its action with `@requires`, every
API view with an `access` mapping; the permission walk test fails on any view that does not.

Objects are placed in the tree by their model's `SCOPE_PATHS`: for each membership level
("service", "municipality", "county") the ORM lookup from the model to that unit's primary key.
Lists are filtered in the database with `visible()`; single objects checked with `can()`.

Periods along a path count only while they last. Some hops of a scope path enter a period row
rather than a unit: a reverse foreign key to a model with a validity period (`Validity`), such as
`coverages`/`service_coverages` (ServiceCoverage: a service serves a municipality from/to a date)
and `county_periods`/`municipality_periods` (CountyMembershipPeriod: a municipality belongs to a
county from/to a date). `scope_q` adds, for every such hop, the condition that the row is valid on
the current date, in the same `Q` as the unit match, so it holds for the SAME row that leads to
the unit (a service that covered Hasvik until last year no longer places its staff in Hasvik's
scope; one current and one ended coverage cannot be combined). The SCOPE_PATHS strings stay plain
ORM lookups; apps add nothing. Forward foreign keys and many-to-many hops onto units (a
municipality that has ended) are not filtered: they are the object's place, not a period.
Memberships themselves count only while valid (`Membership.objects.valid_on()`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from fagloft.accounts.roles import ALL_ROLES, LEVEL_OF_ROLE, Level, Role
from fagloft.accounts.typing import AnyUser
from fagloft.lib.models import Validity, today

if TYPE_CHECKING:
    from fagloft.accounts.models import Membership

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")
# A view function; `@requires` returns it with its own signature (e.g. an AuthenticatedHttpRequest).
V = TypeVar("V", bound=Callable[..., HttpResponseBase])


@dataclass(frozen=True)
class Rule:
    """A named relationship rule that narrows an action on one object (steering-group member of the
    network, owner of the draft, partner in the project). Roles and scope come first; the rule
    must also hold. `check(user, obj) -> bool`; without an object only roles are checked."""

    name: str
    description: str
    check: Callable[[Any, Any], bool] = field(compare=False)

    def __call__(self, user: Any, obj: Any) -> bool:
        return bool(self.check(user, obj))


@dataclass(frozen=True)
class Action:
    code: str
    description: str
    roles: frozenset[str]
    anonymous: bool = False
    # Any logged-in user, also one who holds no role yet (their own account page, the front page).
    any_authenticated: bool = False
    # A rule for users outside the tree (e.g. a competence environment that takes part in a
    # project): given the user and a queryset, return the part of it the user may see.
    extra: Callable[[Any, models.QuerySet], models.QuerySet] | None = field(default=None, compare=False)
    rule: Rule | None = field(default=None, compare=False)

    @property
    def short_name(self) -> str:
        return self.code.rsplit(".", 1)[-1]


ACTIONS: dict[str, Action] = {}
RULES: dict[str, Rule] = {}


def define(
    code: str,
    description: str,
    roles: Iterable[str],
    anonymous: bool = False,
    extra: Callable[[Any, models.QuerySet], models.QuerySet] | None = None,
    any_authenticated: bool = False,
    rule: Rule | None = None,
) -> Action:
    if code in ACTIONS:
        raise ValueError(f"action {code} is defined twice")
    action = Action(code, description, frozenset(roles), anonymous, any_authenticated, extra, rule)
    ACTIONS[code] = action
    return action


def define_rule(name: str, description: str, check: Callable[[Any, Any], bool]) -> Rule:
    if name in RULES:
        raise ValueError(f"rule {name} is defined twice")
    RULES[name] = Rule(name, description, check)
    return RULES[name]


PUBLIC = define("public", "Open to everyone, also without logging in", ALL_ROLES, anonymous=True)
LOGGED_IN = define("logged_in", "Any logged-in user", ALL_ROLES, any_authenticated=True)

READ_ROLES = frozenset(ALL_ROLES - {Role.COMPETENCE_ENVIRONMENT})
GLOBAL_ROLES = frozenset({Role.NATIONAL, Role.ADMIN})


def memberships(user: AnyUser) -> list[Membership]:
    """The user's current memberships, loaded once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_fagloft_memberships", None)
    if cached is None:
        from fagloft.accounts.models import Membership

        current = Membership.objects.valid_on().filter(user=user)
        cached = list(current.select_related("county", "municipality", "service"))
        if user.is_superuser and not any(m.role == Role.ADMIN for m in cached):
            cached.append(Membership(user=user, role=Role.ADMIN))
        user._fagloft_memberships = cached  # type: ignore[union-attr]  # a per-request cache on the object
    return cached


def roles_of(user: AnyUser) -> set[str]:
    return {m.role for m in memberships(user)}


def has_role(user: AnyUser, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def matching_memberships(user: AnyUser, action: Action) -> list[Membership]:
    """The memberships whose role `action` is open to. Remembered per set of roles beside the
    memberships (a page of a hundred API rows asks this some 1 600 times)."""
    current = memberships(user)
    remembered: tuple[list[Membership], dict[frozenset[str], list[Membership]]] | None
    remembered = getattr(user, "_fagloft_matching", None)
    if remembered is None or remembered[0] is not current:
        remembered = (current, {})
        if current:
            user._fagloft_matching = remembered  # type: ignore[union-attr]  # beside `memberships`' cache
    found = remembered[1].get(action.roles)
    if found is None:
        found = remembered[1][action.roles] = [m for m in current if m.role in action.roles]
    return list(found)


def scope_q(user: AnyUser, action: Action, model: type[models.Model]) -> Q | None:
    """A filter for `model` covering what `user` may do `action` on. None means: everything."""
    parts: list[Q] = []
    for membership in matching_memberships(user, action):
        level = LEVEL_OF_ROLE[membership.role]
        if level == Level.GLOBAL:
            return None
        if level == Level.NONE:
            continue
        paths = getattr(model, "SCOPE_PATHS", None)
        if paths is None:
            raise TypeError(f"{model.__name__} has no SCOPE_PATHS, so it cannot be scoped to the tree")
        parts.append(path_q(model, paths[level], membership.unit_id))
    if not parts:
        return Q(pk__in=[])
    # Not `Q(pk__in=[]) | ...`: an OR makes Django join every hop LEFT OUTER, and SQLite may not
    # reorder outer joins, so it scanned every application of the country to find a service's.
    # One membership (the common case) gives inner joins the planner can start from the unit.
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def period_hops(model: type[models.Model], path: str) -> list[str]:
    """The prefixes of `path` that end in a period row (a reverse foreign key to a `Validity`
    model), e.g. ["service__coverages", "service__coverages__municipality__county_periods"]."""
    hops: list[str] = []
    current = model
    parts = path.split("__")
    for index, part in enumerate(parts):
        try:
            relation = current._meta.get_field(part)
        except FieldDoesNotExist:
            break  # "pk" or a lookup: the end of the path
        if not relation.is_relation or relation.related_model is None:
            break
        current = relation.related_model
        if relation.one_to_many and issubclass(current, Validity):
            hops.append("__".join(parts[: index + 1]))
    return hops


def path_q(model: type[models.Model], path: str, unit_id: Any, day: Any = None) -> Q:
    """`path` leads to `unit_id` through period rows that are all valid on `day` (today).

    One Q, used in one `filter()` call, so Django joins each multi-valued hop once and the validity
    conditions bind to the same row as the unit match."""
    day = day or today()
    q = Q(**{path: unit_id})
    for hop in period_hops(model, path):
        q &= Q(**{f"{hop}__valid_from__lte": day}) | Q(**{f"{hop}__valid_from__isnull": True})
        q &= Q(**{f"{hop}__valid_to__gte": day}) | Q(**{f"{hop}__valid_to__isnull": True})
    return q


def visible(user: AnyUser, action: Action, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """The part of `queryset` that `user` may do `action` on, filtered in the database."""
    if action.anonymous:
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    q = scope_q(user, action, queryset.model)
    if q is None:
        return queryset
    # Subquery on primary keys: lookups across many-to-many paths would otherwise repeat rows.
    inside = queryset.model._default_manager.filter(q).values("pk")
    result = queryset.filter(pk__in=inside)
    if action.extra is not None:
        result = result | action.extra(user, queryset)
    return result


def can(user: AnyUser, action: Action, obj: models.Model | None = None) -> bool:
    if action.anonymous:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if action.any_authenticated and obj is None:
        return True
    matching = matching_memberships(user, action)
    if obj is None:
        return bool(matching) or action.extra is not None and _extra_allows_any(user, action)
    preloaded = _preloaded_scope(user, action, obj)
    if preloaded is None:
        preloaded = _visible_one(user, action, obj)
    if not preloaded:
        return False
    return action.rule is None or action.rule(user, obj)


def _visible_one(user: AnyUser, action: Action, obj: models.Model) -> bool:
    return obj.pk in _inside(user, action, type(obj), [obj.pk])


def _inside(user: AnyUser, action: Action, model: type[models.Model], pks: Collection[Any]) -> set[Any]:
    """Which of `pks` `visible()` lets through, with the keys inside the scope query: `pk IN
    (every row the user may see)` made SQLite list all 2,000 applications of a service leader's
    scope for every check (2 ms each, six checks a page)."""
    q = scope_q(user, action, model)
    if q is None:
        return set(pks)
    # No ordering: the model's default one would add its columns to the DISTINCT and sort for nothing.
    found = set(model._default_manager.filter(q, pk__in=pks).order_by().values_list("pk", flat=True).distinct())
    if action.extra is not None and len(found) < len(pks):
        others = action.extra(user, model._default_manager.filter(pk__in=pks))
        found |= set(others.values_list("pk", flat=True))
    return found


class _Preloaded:
    """The objects of one list being answered, and the scope answers found for them so far."""

    def __init__(self, user: AnyUser, objects: Iterable[models.Model]) -> None:
        self.user_pk = getattr(user, "pk", None)
        self.candidates: dict[type[models.Model], set[Any]] = {}
        for obj in objects:
            if obj is not None and obj.pk is not None:
                self.candidates.setdefault(type(obj), set()).add(obj.pk)
        self.inside: dict[tuple[Any, ...], set[Any]] = {}
        self.scopes: dict[Any, tuple[Any, ...]] = {}
        self.memo: dict[Any, Any] = {}


_PRELOADED: ContextVar[_Preloaded | None] = ContextVar("fagloft_preloaded_checks", default=None)


@contextmanager
def checks_for(user: AnyUser, objects: Iterable[models.Model]) -> Iterator[None]:
    """Within the block, `can(user, action, obj)` for any of `objects` answers its scope part
    (the `visible()` filter) from one query per action and model for all of them together, instead
    of one query per object. A list of a hundred rows with five registered actions then costs five
    queries, not five hundred. Rules still run per object, and their own `can()` calls on these
    objects are answered the same way (pass the related objects rules check too, e.g. the networks
    of a page of projects). Answers for other users, or other objects, query as usual."""
    outer = _PRELOADED.get()
    preloaded = _Preloaded(user, objects)
    if outer is not None and outer.user_pk == preloaded.user_pk:
        # A nested list (the needs of a page of assessments) adds its objects to the outer block's.
        for model, pks in outer.candidates.items():
            preloaded.candidates.setdefault(model, set()).update(pks)
    token = _PRELOADED.set(preloaded)
    try:
        yield
    finally:
        _PRELOADED.reset(token)


def in_checks_block() -> bool:
    """True inside a `checks_for` block (a helper may then read a whole set once via `block_memo`)."""
    return _PRELOADED.get() is not None


def block_memo(key: Any, compute: Callable[[], T]) -> T:
    """`compute()`, remembered under `key` for the rest of the surrounding `checks_for` block, so a
    rule that looks up the same fact for every object of a list (the networks a coordinator is
    named on) does it once. Outside a block, computed every time (as without this helper)."""
    preloaded = _PRELOADED.get()
    if preloaded is None:
        return compute()
    if key not in preloaded.memo:
        preloaded.memo[key] = compute()
    return cast(T, preloaded.memo[key])


def _preloaded_scope(user: AnyUser, action: Action, obj: models.Model) -> bool | None:
    """The scope answer for `obj` from the surrounding `checks_for` block; None outside one."""
    preloaded = _PRELOADED.get()
    if preloaded is None or preloaded.user_pk is None or getattr(user, "pk", None) != preloaded.user_pk:
        return None
    model = type(obj)
    pks = preloaded.candidates.get(model)
    if not pks or obj.pk not in pks:
        return None
    # Actions open to the same memberships (view, comment, edit ... by the same roles) have the
    # same scope: one query answers them all. The scope of a set of roles is worked out once per
    # block (a page of a hundred rows asks some thousand times).
    scope = preloaded.scopes.get(action.roles)
    if scope is None:
        scope = preloaded.scopes[action.roles] = tuple((m.role, m.unit_id) for m in matching_memberships(user, action))
    key = (model, scope, action.extra)
    inside = preloaded.inside.get(key)
    if inside is None:
        inside = preloaded.inside[key] = _inside(user, action, model, pks)
    return obj.pk in inside


def _extra_allows_any(user: AnyUser, action: Action) -> bool:
    # Without an object, an extra rule can only say yes if the user has no tree role at all
    # but takes part somewhere; the views that use it narrow down further.
    return has_role(user, Role.COMPETENCE_ENVIRONMENT)


def get_object_for(
    user: AnyUser,
    action: Action,
    queryset: models.QuerySet[M] | type[M],
    read_action: Action | None = None,
    **lookup: Any,
) -> M:
    """The object, if `user` may do `action` on it.

    404 when the user may not see it at all (so its existence is not revealed), 403 when the user
    may see it (`read_action`) but not do `action`.
    """
    qs = queryset if isinstance(queryset, models.QuerySet) else queryset._default_manager.all()
    obj = get_object_or_404(qs, **lookup)
    if can(user, action, obj):
        return obj
    if read_action is not None and can(user, read_action, obj):
        raise PermissionDenied
    raise Http404


def requires(action: Action, read: Action | None = None) -> Callable[[V], V]:
    """Declare and enforce the action a view needs, once. The view fetches its object with
    `fetch(request, Model, **lookup)`, which checks that same action (and answers 403 instead of
    404 when the user may `read` the object but not act on it)."""

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not action.anonymous and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, action):
                raise PermissionDenied
            request.access_action = action  # type: ignore[attr-defined]
            request.access_read_action = read  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.access_action = action  # type: ignore[attr-defined]
        return cast(V, wrapper)

    return decorator


def fetch(request: HttpRequest, queryset: models.QuerySet[M] | type[M], **lookup: Any) -> M:
    """The object of a view, checked against the action the view declared with `@requires`."""
    action = getattr(request, "access_action", None)
    if action is None:
        raise TypeError("fetch() is for views declared with @requires(ACTION)")
    return get_object_for(
        request.user, action, queryset, read_action=getattr(request, "access_read_action", None), **lookup
    )


# Which actions apply to which model, for `permitted_actions` (templates and the API's
# `permitted_actions` field read the same answer instead of computing `can_*` flags inline).
_OBJECT_ACTIONS: dict[str, list[Action]] = {}


def register_object_actions(model_label: str, *actions: Action) -> None:
    """Declare the actions a page or API client may want to know about for objects of a model
    (label like "networks.idea")."""
    known = _OBJECT_ACTIONS.setdefault(model_label.lower(), [])
    known.extend(a for a in actions if a not in known)


class Permitted(dict):
    """{short action name: bool}, readable as attributes in templates: `permitted.prioritise_ideas`."""

    def __getattr__(self, name: str) -> bool:
        return bool(self.get(name, False))


def permitted_actions(user: AnyUser, obj: models.Model) -> Permitted:
    """What `user` may do with `obj`, for every action registered for its model."""
    actions = _OBJECT_ACTIONS.get(obj._meta.label_lower, [])
    if in_checks_block():
        return Permitted({action.short_name: can(user, action, obj) for action in actions})
    # One object alone is a block of one: actions with the same scope then share a query.
    with checks_for(user, [obj]):
        return Permitted({action.short_name: can(user, action, obj) for action in actions})
