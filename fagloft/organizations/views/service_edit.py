"""Editing a service's leader, contact details and which municipalities it serves.

One page with three small forms; each posts here with `form=<name>` and redirects back (POST/redirect/GET).
Every form carries the service's `version`, so a save based on a stale page is refused.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fagloft.accounts.access import fetch, requires
from fagloft.lib import formatting
from fagloft.lib.pages import breadcrumbs
from fagloft.lib.refusals import Refused
from fagloft.organizations import queries, services
from fagloft.organizations.forms import AddCoverageForm, EndCoverageForm, ServiceContactForm
from fagloft.organizations.models import Service
from fagloft.organizations.permissions import CHANGE_SERVICE, VIEW_SERVICE


def _candidates(request: HttpRequest, service: Service) -> Any:
    # A municipality the service covers only some districts of stays a choice (another district).
    covered = service.coverages.valid_on().filter(district__isnull=True).values("municipality")
    return queries.party_choices(request.user).exclude(pk__in=covered)


def _forms(request: HttpRequest, service: Service, posted: str | None) -> dict[str, Any]:
    token = service.version
    data = request.POST if request.method == "POST" else None
    current = service.coverages.valid_on().select_related("municipality", "district")
    return {
        "contact_form": ServiceContactForm(
            data if posted == "contact" else None,
            initial={**{f: getattr(service, f) for f in services.CONTACT_FIELDS}, "version": token},
        ),
        "add_form": AddCoverageForm(
            data if posted == "add" else None,
            municipalities=_candidates(request, service),
            initial={"version": token, "valid_from": timezone.localdate()},
            prefix="add",
        ),
        "end_form": EndCoverageForm(data if posted == "end" else None, coverages=current, prefix="end"),
        "current_coverages": list(current.order_by("municipality__name", "district__number")),
        "version": token,
    }


def _coverage_name(municipality: Any, district: Any) -> str:
    return f"{municipality.name}, {district.name}" if district is not None else municipality.name


def _save(request: HttpRequest, service: Service, posted: str, forms: dict[str, Any]) -> str | None:
    """Run the posted form's service call; the success message, or None when the form has errors."""
    form = forms[{"contact": "contact_form", "add": "add_form", "end": "end_form"}[posted]]
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        if posted == "contact":
            services.update_service_contact(request.user, service, expected_version=version, **data)
            return _("Kontaktopplysningene er lagret.")
        if posted == "add":
            services.add_coverage(request.user, service, expected_version=version, **data)
            return _("%(name)s er lagt til fra %(date)s.") % {
                "name": _coverage_name(data["municipality"], data.get("district")),
                "date": formatting.date(data["valid_from"]),
            }
        services.end_coverage(request.user, service, expected_version=version, **data)
        coverage = data["coverage"]
        return _("Dekningen av %(name)s er avsluttet.") % {
            "name": _coverage_name(coverage.municipality, coverage.district)
        }
    except Refused as error:
        form.refuse(error)
        return None


@requires(CHANGE_SERVICE, read=VIEW_SERVICE)
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service.objects.select_related("host_municipality"), pk=service_id)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted not in (None, "contact", "add", "end"):
        posted = None
    forms = _forms(request, service, posted)
    if posted:
        done = _save(request, service, posted, forms)
        if done:
            messages.success(request, done)
            return redirect("organizations:service-edit", service_id=service.pk)
    detail_url = reverse("organizations:service-detail", args=[service.pk])
    return render(
        request,
        "organizations/service_edit.html",
        {
            "service": service,
            **forms,
            "breadcrumbs": breadcrumbs((service.name, detail_url), (_("Endre"), None)),
        },
        status=400 if posted else 200,
    )
