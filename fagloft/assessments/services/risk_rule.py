"""The national rule for the suggested overall risk level: Bufdir's data, changed through this use case."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fagloft.accounts.use_cases import use_case
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import RiskSuggestionRule
from fagloft.assessments.services.common import WorkflowRefused
from fagloft.audit.concurrency import save_checked
from fagloft.audit.services import record_create, record_update, snapshot

RULE_FIELDS = ("method", "min_high_themes", "min_moderate_themes")


@use_case(perms.MANAGE_RISK_RULE)
def update_risk_rule(actor: Any, *, expected_version: Any = None, **values: Any) -> RiskSuggestionRule:
    rule = RiskSuggestionRule.objects.select_for_update().order_by("pk").first()
    if rule is None:
        rule = RiskSuggestionRule.objects.create()
        record_create(actor, rule)
        expected_version = rule.version
    before = snapshot(rule, RULE_FIELDS)
    for name, value in values.items():
        if name not in RULE_FIELDS:
            raise ValueError(name)
        setattr(rule, name, value)
    if rule.method not in RiskSuggestionRule.Method.values:
        raise WorkflowRefused(_("Ukjent regel."), field="method")
    if not (1 <= rule.min_high_themes <= 20 and 1 <= rule.min_moderate_themes <= 20):
        raise WorkflowRefused(_("Antall temaer må være mellom 1 og 20."), field="min_high_themes")
    save_checked(rule, rule.version if expected_version is None else expected_version, list(values))
    record_update(actor, rule, before)
    return rule
