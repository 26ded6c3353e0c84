"""Coverage: a municipality's page, the county map, the national map, level owners, publishing,
and turning a gap into an assessment need."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.assessments.models import Need
from fagloft.knowledge import coverage as rules
from fagloft.knowledge import coverage_cache, publishing, queries, services
from fagloft.knowledge.forms import LevelOwnerForm, LinkForm
from fagloft.knowledge.maps import coverage_map
from fagloft.knowledge.models import GapNeed, Level, RecommendedMeasure
from fagloft.knowledge.permissions import LINK, MANAGE_OWNERS, PUBLISH_COVERAGE, VIEW_OFFERS
from fagloft.knowledge.views.common import confirm_page, crumbs, is_confirmed
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import County, Municipality
from fagloft.organizations.queries import municipalities_in_county

STATUSES = ("covered", "partial", "missing")


def _status_label(status: str) -> str:
    return {
        "covered": _("tilbud på alle nivåer"),
        "partial": _("tilbud på alle nivåer, men mangler eller kapasitet"),
        "missing": _("mangler tilbud på minst ett nivå"),
    }[status]


@requires(VIEW_OFFERS)
def municipality_coverage(request: AuthenticatedHttpRequest, municipality_number: str) -> HttpResponse:
    municipality = fetch(request, Municipality, number=municipality_number)
    item = coverage_cache.one(municipality.pk)
    offers = list(queries.offers_in_municipality(request.user, municipality))
    gap_needs = list(
        visible(request.user, VIEW_OFFERS, GapNeed.objects.filter(municipality=municipality)).select_related(
            "need__assessment", "recommended"
        )
    )
    return render(
        request,
        "knowledge/municipality_coverage.html",
        {
            "municipality": municipality,
            "coverage": item,
            "levels": [(Level(level).label, item.levels[level]) for level in rules.LEVELS],
            "offers": offers,
            "gap_needs": gap_needs,
            "waiting_limit": rules.WAITING_WEEKS_LIMIT,
            "can_manage_owners": can(request.user, MANAGE_OWNERS, municipality),
            "can_link": can(request.user, LINK),
            "breadcrumbs": crumbs(
                (municipality.county.name, reverse("knowledge:county-coverage", args=[municipality.county.number])),
                (_("Dekning i %(name)s") % {"name": municipality.name}, None),
            ),
        },
    )


def _map_page(
    request: AuthenticatedHttpRequest, municipalities: QuerySet[Municipality], title: str, crumbs_: list
) -> HttpResponse:
    # The map and table depend only on the data (its version, day and language are in the key),
    # the municipalities shown and the title; permissions decide the municipalities, not the fragment.
    # The key needs only their ids; the municipalities with their borders are read on a miss.
    version = coverage_cache.version_key()
    shown = ",".join(str(pk) for pk in municipalities.values_list("pk", flat=True))
    key = "knowledge:coverage-page:" + hashlib.sha256(f"{version}|{title}|{shown}".encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = _map_body(list(municipalities.select_related("border").defer("border__geometry")), title, version)
        cache.set(key, body, coverage_cache.TIMEOUT_SECONDS)
    return render(
        request,
        "knowledge/coverage_map.html",
        {
            "title": title,
            "body": mark_safe(body),  # our own template rendered it (_map_body)
            "can_publish": can(request.user, PUBLISH_COVERAGE),
            "breadcrumbs": crumbs_,
        },
    )


def _map_body(municipalities: list[Municipality], title: str, version: str) -> str:
    figures = coverage_cache.summaries([m.pk for m in municipalities], version=version)
    statuses = {m.pk: figures[m.pk].status for m in municipalities}
    labels = {status: _status_label(status) for status in STATUSES}
    counts = {status: list(statuses.values()).count(status) for status in STATUSES}
    # One reverse() for the whole page: reversing 357 times costs more than the rules.
    link = reverse("knowledge:municipality-coverage", args=["0000"]).replace("0000", "{}")
    return render_to_string(
        "knowledge/_coverage_body.html",
        {
            "map": coverage_map(municipalities, statuses, labels, link, title),
            "legend": [(s, labels[s], counts[s]) for s in STATUSES],
            "rows": [(m, figures[m.pk], link.format(m.number), labels[statuses[m.pk]]) for m in municipalities],
        },
    )


@requires(VIEW_OFFERS)
def county_coverage(request: AuthenticatedHttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    municipalities = visible(request.user, VIEW_OFFERS, municipalities_in_county(county)).order_by("number")
    title = _("Dekning av tiltakspyramiden i %(county)s") % {"county": county.name}
    return _map_page(request, municipalities, title, crumbs((title, None)))


@requires(VIEW_OFFERS)
def national_coverage(request: AuthenticatedHttpRequest) -> HttpResponse:
    municipalities = visible(request.user, VIEW_OFFERS, Municipality.objects.valid_on()).order_by("number")
    title = _("Dekning av tiltakspyramiden")
    return _map_page(request, municipalities, title, crumbs((title, None)))


@requires(MANAGE_OWNERS, read=VIEW_OFFERS)
def level_owner(request: AuthenticatedHttpRequest, municipality_number: str) -> HttpResponse:
    municipality = fetch(request, Municipality, number=municipality_number)
    form = LevelOwnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_level_owner(request.user, municipality, **form.cleaned_data)
        messages.success(request, _("Eieren av nivået er lagret."))
        return redirect("knowledge:municipality-coverage", municipality.number)
    return form_page(
        request,
        title=_("Eier av nivå i tiltakspyramiden"),
        intro=_("Seed 004: gi universelle, selekterte og indikerte tiltak hver sin eier i kommunen."),
        form=form,
        breadcrumbs=crumbs(
            (municipality.name, reverse("knowledge:municipality-coverage", args=[municipality.number])),
            (_("Eier av nivå"), None),
        ),
    )


@requires(LINK, read=VIEW_OFFERS)
def gap_need(request: AuthenticatedHttpRequest, municipality_number: str) -> HttpResponse:
    """Record that a gap on a level became a need in an assessment of a service that serves here."""
    municipality = fetch(request, Municipality, number=municipality_number)
    needs = visible(request.user, LINK, Need.objects.filter(assessment__service__coverages__municipality=municipality))
    needs = needs.select_related("assessment").distinct().order_by("-pk")[:100]
    choices = [
        (f"{n.pk}:{level}", f"{Level(level).label}: {n.description[:80]} ({n.assessment})")
        for n in needs
        for level in rules.LEVELS
    ]
    form = LinkForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        need_id, level = form.cleaned_data["target"].split(":")
        need = visible(request.user, LINK, Need.objects.all()).get(pk=int(need_id))
        try:
            services.link_gap_need(
                request.user,
                need,
                municipality=municipality,
                level=level,
                recommended=RecommendedMeasure.objects.filter(level=level).first(),
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Gapet er koblet til behovet i vurderingen."))
            return redirect("knowledge:municipality-coverage", municipality.number)
    return form_page(
        request,
        title=_("Koble et dekningsgap til et behov i vurderingen"),
        form=form,
        submit=_("Koble"),
        breadcrumbs=crumbs(
            (municipality.name, reverse("knowledge:municipality-coverage", args=[municipality.number])),
            (_("Koble til behov"), None),
        ),
    )


@requires(PUBLISH_COVERAGE)
def publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    confirm = ConfirmForm(request.POST if is_confirmed(request) else None)
    if is_confirmed(request) and confirm.is_valid():
        written = publishing.publish_coverage(request.user, timezone.localdate())
        messages.success(request, _("%(n)s dekningstall er publisert til statistikk.") % {"n": written})
        return redirect("knowledge:national-coverage")
    return confirm_page(
        request,
        title=_("Publiser dekningstall"),
        consequences=[
            _("Dekningen for alle kommuner, tjenester, fylker og landet regnes ut for i år."),
            _("Tallene erstatter årets tidligere beregnede dekningstall i statistikk og brukes i risikovurderingene."),
        ],
        submit=_("Publiser"),
        cancel_url=reverse("knowledge:national-coverage"),
        breadcrumbs=crumbs((_("Publiser dekningstall"), None)),
        confirm_form=confirm,
    )
