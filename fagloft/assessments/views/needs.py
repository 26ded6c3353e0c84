"""The needs of an assessment (a list of rows, no JavaScript needed), a guidance-team request from
a need, a service's risk history, and Bufdir's rule for the suggested risk level."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, requires
from fagloft.assessments import charts, queries, services, suggestions
from fagloft.assessments import permissions as perms
from fagloft.assessments.forms import GuidanceRequestForm, ListVersionForm, NeedFormSet, RiskRuleForm
from fagloft.assessments.models import Assessment, Need
from fagloft.assessments.views.common import refuse, run
from fagloft.lib.pages import breadcrumbs
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import Service

ASSESSMENTS = Assessment.objects.select_related("service__host_municipality")


def _detail_url(assessment: Assessment) -> str:
    return reverse("assessments:detail", args=[assessment.pk])


def _crumbs(assessment: Assessment, last: Any) -> Any:
    return breadcrumbs(
        (_("Risiko- og tilstandsvurderinger"), reverse("assessments:list")),
        (str(assessment), _detail_url(assessment)),
        (last, None),
    )


def _initial(assessment: Assessment) -> list[dict[str, Any]]:
    return [
        {"need_id": n.pk, "theme": n.theme_id, "kind": n.kind, "description": n.description}
        for n in assessment.need_items.all()
    ]


def _rows(formset: Any, existing: dict[int, Need]) -> list[services.NeedRow]:
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data:
            continue  # an untouched empty row
        need = existing.get(data.get("need_id") or 0)
        rows.append(
            services.NeedRow(
                theme=data.get("theme"),
                kind=data.get("kind") or Need.Kind.OTHER,
                description=data.get("description") or "",
                need=need,
                delete=bool(data.get("DELETE")),
            )
        )
    return rows


@requires(perms.EDIT_ASSESSMENT, read=perms.VIEW_ASSESSMENT)
def needs_edit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The list of needs: every row with theme, kind and text, and one empty row. «Legg til behov»
    saves and comes back with another empty row; «Lagre» saves and returns to the assessment."""
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    if assessment.status != Assessment.Status.DRAFT and request.method != "POST":
        return refuse(request, _("Vurderingen kan bare endres mens den er et utkast."), _detail_url(assessment))
    existing = {n.pk: n for n in assessment.need_items.all()}
    if request.method == "POST":
        formset = NeedFormSet(request.POST, prefix="behov")
        version_form = ListVersionForm(request.POST)
        if formset.is_valid() and version_form.is_valid():
            try:
                services.save_needs(
                    request.user,
                    assessment,
                    expected_version=version_form.cleaned_data.get("version"),
                    rows=_rows(formset, existing),
                )
            except Refused as error:
                version_form.refuse(error)
            else:
                messages.success(request, _("Behovene er lagret."))
                if "add" in request.POST:
                    return redirect(reverse("assessments:needs", args=[assessment.pk]) + "#behov-siste")
                return redirect(_detail_url(assessment) + "#behov")
    else:
        formset = NeedFormSet(initial=_initial(assessment), prefix="behov")
        version_form = ListVersionForm(initial={"version": assessment.version})
    failed = request.method == "POST"
    return render(
        request,
        "assessments/needs_form.html",
        {
            "assessment": assessment,
            "formset": formset,
            "version_form": version_form,
            "version": version_form.data.get("version") if failed else assessment.version,
            "title": _("Hva tjenesten trenger"),
            "breadcrumbs": _crumbs(assessment, _("Behov")),
        },
        status=400 if failed else 200,
    )


@requires(perms.REQUEST_GUIDANCE, read=perms.VIEW_ASSESSMENT)
def need_request_guidance(request: HttpRequest, assessment_id: int, need_id: int) -> HttpResponse:
    """Ask for a guidance team from a need of kind «veiledningsteam» (a confirmation page)."""
    assessment = fetch(request, ASSESSMENTS, pk=assessment_id)
    need = fetch(request, Need.objects.select_related("assessment__service"), pk=need_id, assessment=assessment)
    form = GuidanceRequestForm(request.POST or None)
    if request.method == "POST":
        engagement = run(form, lambda data: services.request_guidance(request.user, need, reason=data["reason"]))
        if engagement is not None:
            messages.success(request, _("Ønsket om veiledningsteam er sendt til Statsforvalteren."))
            return redirect(reverse("assessments:guidance-detail", args=[engagement.pk]))
    return render(
        request,
        "assessments/form_page.html",
        {
            "form": form,
            "title": _("Be om veiledningsteam"),
            "intro": _(
                "Behovet fra vurderingen: «{need}». Statsforvalteren svarer med et tilbud, og dere takker ja "
                "eller nei. Veiledningsteam er frivillig; kommunen setter av tid og folk."
            ).format(need=need.description),
            "submit_label": _("Send ønsket"),
            "back_url": _detail_url(assessment) + "#behov",
            "breadcrumbs": _crumbs(assessment, _("Be om veiledningsteam")),
        },
        status=400 if form.errors else 200,
    )


@requires(perms.VIEW_ASSESSMENT)
def risk_history(request: HttpRequest, service_id: int) -> HttpResponse:
    """A service's overall risk level year by year: a table, and a chart that says the same."""
    service = fetch(request, Service.objects.select_related("host_municipality"), pk=service_id)
    own = can(request.user, perms.READ_OWN_ASSESSMENT, service)
    history = queries.risk_history(service, include_own=own)
    return render(
        request,
        "assessments/risk_history.html",
        {
            "service": service,
            "history": history,
            "chart": charts.risk_history_chart(history),
            "include_own": own,
            "list_url": reverse("assessments:list") + f"?tjeneste={service.pk}",
            "breadcrumbs": breadcrumbs(
                (_("Risiko- og tilstandsvurderinger"), reverse("assessments:list")),
                (_("Risikohistorikk: {service}").format(service=service.name), None),
            ),
        },
    )


@requires(perms.MANAGE_RISK_RULE)
def risk_rule_edit(request: HttpRequest) -> HttpResponse:
    """Bufdir's rule for the suggested overall risk level (highest band, or counting themes)."""
    rule = suggestions.current_rule()
    form = RiskRuleForm(request.POST or None, instance=rule if rule.pk else None)
    if request.method == "POST":
        saved = run(
            form,
            lambda data: services.update_risk_rule(
                request.user,
                expected_version=data.get("version") if rule.pk else None,
                **{n: data[n] for n in ("method", "min_high_themes", "min_moderate_themes")},
            ),
        )
        if saved is not None:
            messages.success(request, _("Regelen er lagret."))
            return redirect(reverse("assessments:risk-rule"))
    return render(
        request,
        "assessments/form_page.html",
        {
            "form": form,
            "title": _("Regel for foreslått samlet risikonivå"),
            "intro": _(
                "Tjenestens samlede risikonivå foreslås fra temaenes sannsynlighet × konsekvens. «Høyeste "
                "risikobånd» foreslår det høyeste båndet blant temaene. «Antall temaer» foreslår høy når minst "
                "så mange temaer har høy risiko, ellers moderat når minst så mange har moderat eller høy. "
                "Velger tjenesten et annet nivå, må den begrunne det."
            ),
            "back_url": reverse("assessments:list"),
            "breadcrumbs": breadcrumbs(
                (_("Risiko- og tilstandsvurderinger"), reverse("assessments:list")), (_("Regel for risikonivå"), None)
            ),
        },
        status=400 if form.errors else 200,
    )
