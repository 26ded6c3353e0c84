"""Signal rules: the county's own and Bufdir's national ones."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, can, has_role, matching_memberships, requires
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.forms import RuleForm
from fagloft.assessments.models import SignalRule
from fagloft.assessments.views.common import run
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.models import County
from fagloft.statistics.models import Indicator


def _own_county(user: Any) -> County | None:
    """Where a new rule goes: the advisor's county; None (national) for Bufdir and admins."""
    if has_role(user, *GLOBAL_ROLES):
        return None
    for membership in matching_memberships(user, perms.MANAGE_SIGNAL_RULES):
        if membership.county_id:
            return membership.county
    raise PermissionDenied


def _list_crumb() -> tuple[str, str]:
    return _("Signalregler"), reverse("assessments:rule-list")


@requires(perms.VIEW_SIGNAL_RULES)
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = list(queries.rules_visible_to(request.user))
    # The rule names an indicator by its code (data); the list shows the indicator's name.
    names = {i.code: i.name for i in Indicator.objects.filter(code__in={r.indicator_code for r in rules})}
    for rule in rules:
        rule.indicator_name = names.get(rule.indicator_code, "")  # type: ignore[attr-defined]  # for the template only
    return render(
        request,
        "assessments/rule_list.html",
        {
            "rules": rules,
            "can_edit_risk_rule": can(request.user, perms.MANAGE_RISK_RULE),
            "breadcrumbs": breadcrumbs((_("Signalregler"), None)),
        },
    )


def _rule_form_page(request: HttpRequest, rule: SignalRule, county: County | None) -> HttpResponse:
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST":

        def write(data: dict[str, Any]) -> SignalRule:
            values = {n: data[n] for n in form._meta.fields or ()}
            if rule.pk:
                return services.update_rule(request.user, rule, expected_version=data["version"], **values)
            if county is None:
                return services.create_national_rule(request.user, **values)
            return services.create_rule(request.user, county=county, **values)

        if run(form, write) is not None:
            messages.success(request, _("Signalregelen er lagret."))
            return redirect("assessments:rule-list")
    where = county.name if county else _("hele landet (Bufdir)")
    return render(
        request,
        "assessments/form_page.html",
        {
            "form": form,
            "title": rule.name or _("Ny signalregel"),
            "back_url": reverse("assessments:rule-list"),
            "intro": _("Regelen gjelder for {where}.").format(where=where),
            "breadcrumbs": breadcrumbs(_list_crumb(), (rule.name or _("Ny regel"), None)),
        },
        status=400 if form.errors else 200,
    )


@requires(perms.MANAGE_SIGNAL_RULES)
def rule_create(request: HttpRequest) -> HttpResponse:
    return _rule_form_page(request, SignalRule(), _own_county(request.user))


@requires(perms.MANAGE_SIGNAL_RULES, read=perms.VIEW_SIGNAL_RULES)
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    # Bufdir's national rules (no county) are read by every county, but only the global roles
    # change them, so a county advisor who opens one gets 403 rather than 404: `fetch` cannot say
    # this, since the national rules lie outside every county's scope.
    rule = get_object_or_404(queries.rules_visible_to(request.user), pk=rule_id)
    if not can(request.user, perms.MANAGE_SIGNAL_RULES, rule):
        raise PermissionDenied
    return _rule_form_page(request, rule, rule.county)
