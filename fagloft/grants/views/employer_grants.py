"""The employer grant per admitted student on a further-education application (`employer_grants`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, requires
from fagloft.grants import employer_grants, queries
from fagloft.grants.forms import EmployerGrantLineForm
from fagloft.grants.models import Call
from fagloft.grants.permissions import APPLY, VIEW_APPLICATION
from fagloft.grants.views.common import application_crumbs
from fagloft.lib.formatting import money
from fagloft.lib.refusals import Refused


@requires(APPLY, read=VIEW_APPLICATION)
def employer_grant_lines(request: HttpRequest, application_id: int) -> HttpResponse:
    application = fetch(request, queries.application_detail(), pk=application_id)
    if application.call.kind != Call.Kind.FURTHER_EDUCATION or not application.is_editable:
        messages.info(request, _("Søknaden kan ikke få flere studenter."))
        return redirect("grants:application-detail", application.pk)
    # The options name the student and the offer: not the service, allocation and cohort rows.
    enrolments = (
        employer_grants.eligible_enrolments(request.user, application)
        .select_related(None)
        .select_related("employee", "offer")
    )
    form = EmployerGrantLineForm(
        request.POST if request.method == "POST" and "remove" not in request.POST else None, enrolments=enrolments
    )
    if request.method == "POST" and "remove" in request.POST:
        raw = str(request.POST["remove"])
        line = get_object_or_404(
            application.employer_grant_lines, pk=int(raw) if raw.isdigit() and len(raw) < 12 else 0
        )
        try:
            employer_grants.remove_line(request.user, application, line=line)
        except Refused as error:
            messages.error(request, error.text)
        else:
            messages.success(request, _("Studenten er fjernet fra søknaden."))
        return redirect("grants:employer-grants", application.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            employer_grants.save_line(
                request.user,
                application,
                enrolment=data["enrolment"],
                **{name: data[name] for name in employer_grants.AMOUNTS},
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Studenten er lagret på søknaden."))
            return redirect("grants:employer-grants", application.pk)
    ceiling = employer_grants.ceiling_for(application, application.call.opens_on.year)
    intro = _(
        "Arbeidsgiveren kan søke om tilskudd til vikar, reise og opphold og litteratur for ansatte som er tatt "
        "opp i Bufdirs videreutdanning. Taket gjelder per student per år."
    )
    if ceiling is not None:
        intro += " " + _("Taket for %(year)s er %(amount)s.") % {
            "year": application.call.opens_on.year,
            "amount": money(ceiling),
        }
    title = _("Tilskudd per student: %(title)s") % {"title": application.title}
    return render(
        request,
        "grants/employer_grants.html",
        {
            "application": application,
            "form": form,
            "title": title,
            "intro": intro,
            "breadcrumbs": application_crumbs(application, (_("Tilskudd per student"), None)),
        },
    )
