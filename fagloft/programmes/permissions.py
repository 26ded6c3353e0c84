"""Actions on offers, applications, cohorts and attendance.

Applications and attendance are personal data. An employee sees their own; the service leader
the service's; a competence environment (the provider) only the participants in its own offers and
cohorts, through the people linked to it (`networks.CompetenceEnvironment.people`), never a
matching organisation name. The county, the network and Bufdir see aggregates only (five-person
rule, `queries.progress`); no person-level action below names their roles.

The catalogue, study places and windows are national data: any signed-in user reads them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField, Model, Q, QuerySet, Value

from fagloft.accounts.access import (
    ALL_ROLES,
    READ_ROLES,
    Action,
    block_memo,
    can,
    define,
    define_rule,
    has_role,
    in_checks_block,
    register_object_actions,
)
from fagloft.accounts.roles import Role
from fagloft.networks.models import CompetenceEnvironment

# Paths from each model of the app to the competence environment that provides it.
_PROVIDER_PATHS: dict[str, tuple[str, ...]] = {
    "offer": ("provider",),
    "studyplaceallocation": ("provider", "offer__provider"),
    "cohort": ("provider", "offer__provider"),
    "session": ("cohort__provider", "cohort__offer__provider"),
    "enrolment": ("allocation__provider", "cohort__provider", "offer__provider"),
    "attendance": ("session__cohort__provider", "session__cohort__offer__provider"),
}


def _provided_by(model: type[Model], path: str, environments: QuerySet) -> Q:
    """`path` (e.g. "cohort__offer__provider") leads to one of `environments`, written as nested
    `IN (SELECT ...)` on each foreign key rather than as joins. Joined through the people of three
    paths at once, SQLite read all 10 000 applications of the nation for every check (10 ms each,
    five checks on one application's page); on the keys it uses their indexes."""
    head, _, rest = path.partition("__")
    if not rest:
        return Q(**{f"{head}__in": environments})
    related = model._meta.get_field(head).related_model
    assert isinstance(related, type)
    return Q(**{f"{head}__in": related._default_manager.filter(_provided_by(related, rest, environments)).values("pk")})


def provider_q(user: Any, model: type[Model]) -> Q | None:
    """The rows of `model` the user's competence environments provide; None: none at all."""
    if not has_role(user, Role.COMPETENCE_ENVIRONMENT) or model._meta.app_label != "programmes":
        return None
    paths = _PROVIDER_PATHS.get(model._meta.model_name or "")
    if not paths:
        return None
    environments = CompetenceEnvironment.people.through.objects.filter(user=user).values("competenceenvironment_id")
    condition = Q()
    for path in paths:
        condition |= _provided_by(model, path, environments)
    return condition


def provider_rule(user: Any, queryset: QuerySet) -> QuerySet:
    """A competence environment reaches the rows of its own offers, classes and cohorts."""
    condition = provider_q(user, queryset.model)
    # Only foreign keys are followed (no join onto the people), so rows are not repeated and the
    # condition can stand on the queryset itself.
    return queryset.none() if condition is None else queryset.filter(condition)


# The service leader's reach over the service's people (not a registered action: used by the rules).
_LEADS_SERVICE = Action("programmes.leads_service", "Lead the person's service", frozenset({Role.SERVICE_LEADER}))


def _employee_of(obj: Any) -> Any:
    if obj._meta.label_lower == "competence.employee":
        return obj
    return getattr(obj, "employee", None)


def _self_or_leader(user: Any, obj: Any) -> bool:
    employee = _employee_of(obj)
    if employee is None:
        return True  # a service, an allocation: roles and scope decide
    if employee.user_id is not None and employee.user_id == user.pk:
        return True
    # `can` rather than `visible(...).exists()`: inside a `checks_for` block (a class page, an API
    # list) the scope part is answered once for all the rows, not once per row.
    return can(user, _LEADS_SERVICE, obj)


SELF_OR_LEADER = define_rule(
    "programmes.self_or_leader",
    "The person themself, or the leader of their service",
    _self_or_leader,
)


def _provided_keys(user: Any, model: type[Model]) -> dict[str, set[Any]]:
    """For each provider path of `model`, the keys its first foreign key may hold for the row to be
    the user's (the allocations, cohorts and offers the user's environments provide), in one
    query. These tables are small; the rows of `model` itself (10 000 applications) are not read."""
    environments = CompetenceEnvironment.people.through.objects.filter(user=user).values("competenceenvironment_id")
    parts: list[QuerySet] = []
    heads: list[str] = []
    for path in _PROVIDER_PATHS[model._meta.model_name or ""]:
        head, _, rest = path.partition("__")
        rows: QuerySet[Any]
        if rest:
            related = model._meta.get_field(head).related_model
            assert isinstance(related, type)
            rows, key = related._default_manager.filter(_provided_by(related, rest, environments)), "pk"
        else:
            rows, key = CompetenceEnvironment.people.through.objects.filter(user=user), "competenceenvironment_id"
        position = Value(len(heads), output_field=IntegerField())
        parts.append(rows.order_by().annotate(head=position).values_list("head", key))
        heads.append(head)
    keys: dict[str, set[Any]] = {head: set() for head in heads}
    for position_of_head, pk in parts[0].union(*parts[1:], all=True):
        keys[heads[position_of_head]].add(pk)
    return keys


def _provides(user: Any, obj: Any) -> bool:
    """Whether the user's competence environment provides `obj`. Inside a `checks_for` block the
    provided keys are read once for the whole list (`block_memo`) and each row is answered from
    its own foreign keys."""
    if not has_role(user, Role.COMPETENCE_ENVIRONMENT):
        return False
    model = type(obj)
    if in_checks_block() and model._meta.model_name in _PROVIDER_PATHS and model._meta.app_label == "programmes":
        keys = block_memo(
            ("programmes.provided_keys", user.pk, model._meta.label_lower), lambda: _provided_keys(user, model)
        )
        return any(getattr(obj, f"{head}_id") in provided for head, provided in keys.items())
    return provider_rule(user, model._default_manager.filter(pk=obj.pk)).exists()


def _reader_of_enrolment(user: Any, obj: Any) -> bool:
    if obj._meta.label_lower not in ("programmes.enrolment", "programmes.attendance"):
        return True
    if has_role(user, Role.ADMIN):
        return True
    if _provides(user, obj):
        return True
    return _self_or_leader(user, obj if obj._meta.label_lower == "programmes.enrolment" else obj.enrolment)


READER_OF_ENROLMENT = define_rule(
    "programmes.reader_of_enrolment",
    "The person, their service leader, or the provider of the offer",
    _reader_of_enrolment,
)

PROVIDERS = [Role.ADMIN, Role.COMPETENCE_ENVIRONMENT]
ROUND_CHOOSERS = [Role.ADMIN, Role.NATIONAL, Role.COUNTY_ADVISOR]
COHORT_RUNNERS = [Role.ADMIN, Role.COUNTY_ADVISOR, Role.NETWORK_COORDINATOR, Role.COMPETENCE_ENVIRONMENT]

VIEW_OFFERS = define(
    "programmes.view_offers",
    "See the catalogue of offers, study places and application windows",
    ALL_ROLES,
    any_authenticated=True,
)
MANAGE_OFFERS = define(
    "programmes.manage_offers",
    "Publish and change offers and study places (Bufdir, or the provider for its own)",
    [Role.ADMIN, Role.NATIONAL, Role.COMPETENCE_ENVIRONMENT],
    extra=provider_rule,
)
MANAGE_STUDY_PLACES = define(
    "programmes.manage_study_places",
    "Set the national study places, each institution's places, the application windows and the employer "
    "grant ceilings (Bufdir)",
    [Role.ADMIN, Role.NATIONAL],
)
APPLY = define(
    "programmes.apply",
    "Apply for further education or a place (oneself, or as leader for the service's staff)",
    [Role.EMPLOYEE, Role.SERVICE_LEADER],
    rule=SELF_OR_LEADER,
)
CONFIRM_EMPLOYER = define(
    "programmes.confirm_employer",
    "Confirm an application as the employer, and enrol the service's staff",
    [Role.SERVICE_LEADER],
)
VIEW_OWN = define(
    "programmes.view_own", "See one's own applications and attendance", [Role.EMPLOYEE, Role.SERVICE_LEADER]
)
VIEW_SERVICE_ENROLMENTS = define(
    "programmes.view_service_enrolments",
    "See the applications, places and attendance of the service's staff",
    [Role.ADMIN, Role.SERVICE_LEADER],
)
VIEW_ENROLMENT = define(
    "programmes.view_enrolment",
    "Open one application or place (own, the service's as leader, or the provider's participant)",
    [Role.ADMIN, Role.EMPLOYEE, Role.SERVICE_LEADER, Role.COMPETENCE_ENVIRONMENT],
    extra=provider_rule,
    rule=READER_OF_ENROLMENT,
)
WITHDRAW = define(
    "programmes.withdraw",
    "Withdraw an application (the person, or their leader)",
    [Role.EMPLOYEE, Role.SERVICE_LEADER],
    rule=SELF_OR_LEADER,
)
ADMIT = define(
    "programmes.admit",
    "Admit, waitlist or reject applicants and record completion, for one's own offers",
    PROVIDERS,
    extra=provider_rule,
)
VIEW_PROGRESS = define(
    "programmes.view_progress",
    "See aggregated progress toward the national target and the 2031 requirements",
    READ_ROLES,
)
VIEW_COHORTS = define(
    "programmes.view_cohorts",
    "See programme rounds and cohorts with their sessions and services",
    ALL_ROLES,
    extra=provider_rule,
)
MANAGE_ROUND = define(
    "programmes.manage_round",
    "Create Tjenestestøtteprogrammet rounds and choose the services (Bufdir and the county)",
    ROUND_CHOOSERS,
)
VIEW_CANDIDATES = define(
    "programmes.view_candidates",
    "See the candidate list for Tjenestestøtteprogrammet with risk levels and signals",
    ROUND_CHOOSERS,
)
MANAGE_COHORT = define(
    "programmes.manage_cohort",
    "Plan cohorts and sessions, record attendance and completion (the county, coordinator or provider)",
    COHORT_RUNNERS,
    extra=provider_rule,
)
SIGN_COMMITMENT = define(
    "programmes.sign_commitment",
    "Sign the whole service's commitment to take part",
    [Role.SERVICE_LEADER],
)

register_object_actions("programmes.offer", MANAGE_OFFERS)
register_object_actions("programmes.studyplaceallocation", ADMIT, MANAGE_OFFERS, MANAGE_STUDY_PLACES)
register_object_actions("programmes.studyplaceyear", MANAGE_STUDY_PLACES)
register_object_actions("programmes.applicationwindow", MANAGE_STUDY_PLACES)
register_object_actions("programmes.grantceiling", MANAGE_STUDY_PLACES)
register_object_actions("programmes.enrolment", VIEW_ENROLMENT, WITHDRAW, CONFIRM_EMPLOYER, ADMIT)
register_object_actions("programmes.cohort", MANAGE_COHORT, MANAGE_ROUND, VIEW_CANDIDATES)
register_object_actions("programmes.cohortservice", SIGN_COMMITMENT, MANAGE_ROUND, CONFIRM_EMPLOYER)
register_object_actions("programmes.session", MANAGE_COHORT)
register_object_actions("organizations.service", VIEW_SERVICE_ENROLMENTS, CONFIRM_EMPLOYER)
