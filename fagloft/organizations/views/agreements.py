"""Cooperation agreements between municipalities: lists per municipality and county, one agreement,
its document, and the create/edit form."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fagloft.accounts.access import fetch, get_object_for, permitted_actions, requires
from fagloft.lib.pages import breadcrumbs
from fagloft.lib.refusals import Refused
from fagloft.organizations import queries, services
from fagloft.organizations.forms import AgreementForm
from fagloft.organizations.models import CooperationAgreement, County, Municipality
from fagloft.organizations.permissions import CHANGE_AGREEMENTS, VIEW_AGREEMENTS, VIEW_COUNTY, VIEW_MUNICIPALITY


@requires(VIEW_AGREEMENTS)
def municipality_agreements(request: HttpRequest, municipality_number: str) -> HttpResponse:
    municipality = get_object_for(
        request.user, VIEW_MUNICIPALITY, Municipality.objects.select_related("county"), number=municipality_number
    )
    return render(
        request,
        "organizations/agreement_list.html",
        {
            "unit_name": municipality.name,
            "agreements": list(queries.agreements_for_municipality(request.user, municipality)),
            "permitted": permitted_actions(request.user, municipality),
            # An ended municipality makes no new agreements (a state of the unit, not a permission).
            "makes_agreements": queries.makes_agreements(municipality),
            "add_url": f"{reverse('organizations:agreement-create')}?kommune={municipality.number}",
            "breadcrumbs": breadcrumbs(
                (municipality.county.name, reverse("organizations:county-detail", args=[municipality.county.number])),
                (municipality.name, reverse("organizations:municipality-detail", args=[municipality.number])),
                (_("Samarbeidsavtaler"), None),
            ),
        },
    )


@requires(VIEW_AGREEMENTS)
def county_agreements(request: HttpRequest, county_number: str) -> HttpResponse:
    county = get_object_for(request.user, VIEW_COUNTY, County, number=county_number)
    day = county.valid_to if county.valid_to and not county.is_valid_on() else None
    return render(
        request,
        "organizations/agreement_list.html",
        {
            "unit_name": county.name,
            "agreements": list(queries.agreements_for_county(request.user, county, day)),
            "permitted": permitted_actions(request.user, county),
            "makes_agreements": True,
            "add_url": reverse("organizations:agreement-create"),
            "breadcrumbs": breadcrumbs(
                (_("Fylker"), reverse("organizations:county-list")),
                (county.name, reverse("organizations:county-detail", args=[county.number])),
                (_("Samarbeidsavtaler"), None),
            ),
        },
    )


def _agreement(request: HttpRequest, agreement_id: int) -> CooperationAgreement:
    return fetch(request, CooperationAgreement.objects.select_related("host"), pk=agreement_id)


@requires(VIEW_AGREEMENTS)
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    parties = list(agreement.parties.order_by("number"))
    # Every party once, adopted or not: the missing councils are what a draft waits for.
    adoptions = {a.municipality_id: a for a in agreement.adoptions.all()}
    rows = [{"municipality": p, "adoption": adoptions.get(p.pk)} for p in parties]
    return render(
        request,
        "organizations/agreement_detail.html",
        {
            "agreement": agreement,
            "parties": parties,
            "adoption_rows": rows,
            "adopted_count": sum(1 for row in rows if row["adoption"]),
            "permitted": permitted_actions(request.user, agreement),
            "breadcrumbs": breadcrumbs((agreement.title, None)),
        },
    )


@requires(VIEW_AGREEMENTS)
def agreement_document(request: HttpRequest, agreement_id: int) -> FileResponse:
    agreement = _agreement(request, agreement_id)
    if not agreement.document or not agreement.document.name:  # a file field is false exactly without a name
        raise Http404
    name = agreement.document.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(agreement.document.open("rb"), as_attachment=True, filename=name, content_type=content_type)


def _form_values(form: AgreementForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    document = data.pop("document", None)
    # ClearableFileInput gives False for "remove" and the stored file when unchanged: only pass new uploads.
    data["document"] = document if document and hasattr(document, "content_type") else None
    return data


def _render_form(
    request: HttpRequest, form: AgreementForm, agreement: CooperationAgreement | None, status: int = 200
) -> HttpResponse:
    title = agreement.title if agreement else _("Ny samarbeidsavtale")
    trail = (
        [(agreement.title, reverse("organizations:agreement-detail", args=[agreement.pk])), (_("Endre"), None)]
        if agreement
        else [(title, None)]
    )
    return render(
        request,
        "organizations/agreement_form.html",
        {
            "form": form,
            "agreement": agreement,
            "breadcrumbs": breadcrumbs(*trail),
        },
        status=status,
    )


@requires(CHANGE_AGREEMENTS)
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    choices = queries.party_choices(request.user)
    initial: dict[str, Any] = {"valid_from": timezone.localdate()}
    start = choices.filter(number=request.GET.get("kommune", "")).first()
    if start is not None:
        initial["parties"] = [start]
    form = AgreementForm(request.POST or None, request.FILES or None, municipalities=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.create_agreement(request.user, **_form_values(form))
        except Refused as error:
            form.refuse(error)
        except PermissionDenied:
            form.add_error("parties", _("Parter: minst én av partene må være en kommune du har ansvar for."))
        else:
            messages.success(request, _("Avtalen «%(title)s» er lagret.") % {"title": agreement.title})
            return redirect("organizations:agreement-detail", agreement_id=agreement.pk)
    return _render_form(request, form, None, status=400 if request.method == "POST" else 200)


@requires(CHANGE_AGREEMENTS, read=VIEW_AGREEMENTS)
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    choices = queries.party_choices(request.user) | agreement.parties.all()
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=agreement,
        municipalities=choices.distinct().order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        stored = CooperationAgreement.objects.get(pk=agreement.pk)  # the form has changed `agreement` in memory
        try:
            services.update_agreement(
                request.user, stored, expected_version=form.cleaned_data.get("version"), **_form_values(form)
            )
        except Refused as error:
            form.refuse(error)
        except PermissionDenied:
            form.add_error("parties", _("Parter: minst én av partene må være en kommune du har ansvar for."))
        else:
            messages.success(request, _("Endringene i avtalen er lagret."))
            return redirect("organizations:agreement-detail", agreement_id=agreement.pk)
    return _render_form(request, form, agreement, status=400 if request.method == "POST" else 200)
