"""Signal rules: the county's own and Bufdir's national ones."""

from __future__ import annotations

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
from fagloft.assessments.views.common import crumbs
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.organizations.models import County


def _own_county(user) -> County | None:
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
    return render(request, "assessments/rule_list.html", {
        "rules": queries.rules_visible_to(request.user),
        "breadcrumbs": crumbs((_("Signalregler"), None)),
    })


def _rule_form_page(request: HttpRequest, rule: SignalRule, county: County | None) -> HttpResponse:
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in form._meta.fields}
        try:
            if rule.pk:
                services.update_rule(request.user, rule, expected_version=form.cleaned_data["expected_version"],
                                     **values)
            else:
                services.create_rule(request.user, county=county, **values)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except services.WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Signalregelen er lagret."))
            return redirect("assessments:rule-list")
    where = county.name if county else _("hele landet (Bufdir)")
    return render(request, "assessments/form_page.html", {
        "form": form, "title": rule.name or _("Ny signalregel"), "back_url": reverse("assessments:rule-list"),
        "intro": _("Regelen gjelder for {where}.").format(where=where),
        "breadcrumbs": crumbs(_list_crumb(), (rule.name or _("Ny regel"), None)),
    })


@requires(perms.MANAGE_SIGNAL_RULES)
def rule_create(request: HttpRequest) -> HttpResponse:
    return _rule_form_page(request, SignalRule(), _own_county(request.user))


@requires(perms.MANAGE_SIGNAL_RULES)
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = get_object_or_404(queries.rules_visible_to(request.user), pk=rule_id)
    if rule.county is None and not has_role(request.user, *GLOBAL_ROLES):
        raise PermissionDenied
    if rule.county is not None and not can(request.user, perms.MANAGE_SIGNAL_RULES, rule):
        raise PermissionDenied
    return _rule_form_page(request, rule, rule.county)
