"""Signal rules: a county advisor writes rules for their county, Bufdir writes national ones."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fagloft.accounts.use_cases import not_a_use_case, use_case
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import SignalRule
from fagloft.assessments.risk_signals import OPERATORS
from fagloft.assessments.services.common import WorkflowRefused
from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record_create, record_update, snapshot
from fagloft.organizations.models import County

RULE_FIELDS = ("name", "kind", "indicator_code", "parameters", "severity", "theme", "is_active")
Kind = SignalRule.Kind


@not_a_use_case
def parameter_errors(kind: str, indicator_code: str, parameters: Any) -> list[str]:
    """What is wrong with a rule's parameters, in Norwegian; empty when the rule can be evaluated."""
    if not isinstance(parameters, dict):
        return [_('Parameterne må være et JSON-objekt, for eksempel {"op": ">", "value": 10}.')]
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
        float(parameters["value"])
    except (KeyError, TypeError, ValueError):
        errors.append(_("{where}: «value» må være et tall.").format(where=where))
    return errors


def _create(actor: Any, county: County | None, values: dict[str, Any]) -> SignalRule:
    errors = parameter_errors(values.get("kind", ""), values.get("indicator_code", ""), values.get("parameters"))
    if errors:
        raise WorkflowRefused(" ".join(errors), field="parameters")
    rule = SignalRule.objects.create(county=county, created_by=actor, **values)
    record_create(actor, rule)
    return rule


@use_case(perms.MANAGE_SIGNAL_RULES, on="county")
def create_rule(actor: Any, *, county: County, **values: Any) -> SignalRule:
    """A county's own rule (the county advisor's, or Bufdir's for a county)."""
    if county is None:
        raise ValueError("create_rule is for a county's rule; national rules use create_national_rule")
    return _create(actor, county, values)


@use_case(perms.MANAGE_NATIONAL_RULES)
def create_national_rule(actor: Any, **values: Any) -> SignalRule:
    """Bufdir's national rule, which applies in every county."""
    return _create(actor, None, values)


# On the rule itself: a county advisor's scope covers only their county's rules, never the national
# ones (their county is empty), which only the global roles reach.
@use_case(perms.MANAGE_SIGNAL_RULES, on="rule")
def update_rule(actor: Any, rule: SignalRule, *, expected_version: int, **values: Any) -> SignalRule:
    before = snapshot(rule, RULE_FIELDS)
    for name, value in values.items():
        if name not in RULE_FIELDS:
            raise ValueError(name)
        setattr(rule, name, value)
    errors = parameter_errors(rule.kind, rule.indicator_code, rule.parameters)
    if errors:
        raise WorkflowRefused(" ".join(errors), field="parameters")
    save_checked(rule, expected_version, list(values))
    record_update(actor, rule, before)
    return rule
