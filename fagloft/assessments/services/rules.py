"""Signal rules: a county advisor writes rules for their county, Bufdir writes national ones."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, can, has_role
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import SignalRule
from fagloft.assessments.services.common import WorkflowError
from fagloft.assessments.signals import OPERATORS
from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record_create, record_update, snapshot
from fagloft.organizations.models import County

RULE_FIELDS = ("name", "kind", "indicator_code", "parameters", "severity", "theme", "is_active")
Kind = SignalRule.Kind


def parameter_errors(kind: str, indicator_code: str, parameters: Any) -> list[str]:
    """What is wrong with a rule's parameters, in Norwegian; empty when the rule can be evaluated."""
    if not isinstance(parameters, dict):
        return [_("Parameterne må være et JSON-objekt, for eksempel {\"op\": \">\", \"value\": 10}.")]
    errors = []
    if kind != Kind.VULNERABILITY and not indicator_code:
        errors.append(_("Indikatorkode må fylles ut for denne regeltypen."))
    if kind == Kind.THRESHOLD:
        errors += _check_comparison(parameters, _("terskel"))
    elif kind == Kind.TREND and parameters.get("direction") not in ("up", "down"):
        errors.append(_("Trend: «direction» må være «up» eller «down»."))
    elif kind == Kind.PEER and parameters.get("peer") not in ("county", "nation", "kostra_group"):
        errors.append(_("Avvik: «peer» må være «county», «nation» eller «kostra_group»."))
    elif kind == Kind.VULNERABILITY:
        factors = parameters.get("factors")
        if not isinstance(factors, list) or not factors:
            errors.append(_("Sårbarhet: «factors» må være en liste med minst én faktor."))
        else:
            for number, factor in enumerate(factors, start=1):
                if not isinstance(factor, dict) or not factor.get("indicator"):
                    errors.append(_("Sårbarhet: faktor {n} mangler «indicator».").format(n=number))
                else:
                    errors += _check_comparison(factor, _("faktor {n}").format(n=number))
    return errors


def _check_comparison(parameters: dict[str, Any], where: str) -> list[str]:
    errors = []
    if parameters.get("op", ">") not in OPERATORS:
        errors.append(_("{where}: «op» må være ett av {ops}.").format(where=where, ops=", ".join(OPERATORS)))
    try:
        float(parameters.get("value"))
    except (TypeError, ValueError):
        errors.append(_("{where}: «value» må være et tall.").format(where=where))
    return errors


def _check(actor: Any, county: County | None) -> None:
    if county is None:
        if not has_role(actor, *GLOBAL_ROLES):
            raise PermissionDenied
    elif not can(actor, perms.MANAGE_SIGNAL_RULES, county):
        raise PermissionDenied


@transaction.atomic
def create_rule(actor: Any, *, county: County | None, **values: Any) -> SignalRule:
    _check(actor, county)
    errors = parameter_errors(values.get("kind", ""), values.get("indicator_code", ""), values.get("parameters"))
    if errors:
        raise WorkflowError(" ".join(errors))
    rule = SignalRule.objects.create(county=county, created_by=actor, **values)
    record_create(actor, rule)
    return rule


@transaction.atomic
def update_rule(actor: Any, rule: SignalRule, *, expected_version: int, **values: Any) -> SignalRule:
    _check(actor, rule.county)
    before = snapshot(rule, RULE_FIELDS)
    for name, value in values.items():
        if name not in RULE_FIELDS:
            raise ValueError(name)
        setattr(rule, name, value)
    errors = parameter_errors(rule.kind, rule.indicator_code, rule.parameters)
    if errors:
        raise WorkflowError(" ".join(errors))
    rule.updated_at = timezone.now()
    save_checked(rule, expected_version, [*values, "updated_at"])
    record_update(actor, rule, before)
    return rule
