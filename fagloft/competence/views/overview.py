"""Aggregated pages: services, county, nation; requirements; settings and publishing."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.competence import capacity, figures_cache, publishing, queries, services
from fagloft.competence.forms import SettingsForm
from fagloft.competence.models import CompetenceSettings
from fagloft.competence.permissions import (
    CHANGE_SETTINGS,
    OWN_PROFILE,
    PUBLISH_FIGURES,
    VIEW_OVERVIEW,
    VIEW_STAFF,
)
from fagloft.competence.views.common import crumbs, service_crumbs, service_for
from fagloft.organizations.models import County, Municipality

LIST_LIMIT = 500


@requires(VIEW_OVERVIEW)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    services_qs = queries.visible_services(request.user, VIEW_OVERVIEW).order_by("name")
    services_list = list(services_qs[:LIST_LIMIT])
    service_ids = [s.pk for s in services_list]
    figures = figures_cache.cached("services", service_ids, lambda: queries.figures_for(service_ids))
    counties = list(visible(request.user, VIEW_OVERVIEW, County.objects.valid_on()))
    return render(
        request,
        "competence/overview.html",
        {
            "rows": [(s, figures[s.pk]) for s in services_list],
            "truncated": services_qs.count() > LIST_LIMIT,
            "counties": counties,
            "own": can(request.user, OWN_PROFILE),
            "can_settings": can(request.user, CHANGE_SETTINGS),
            "can_publish": can(request.user, PUBLISH_FIGURES),
            "breadcrumbs": crumbs(),
        },
    )


@requires(VIEW_OVERVIEW)
def service_overview(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    today = timezone.localdate()
    figures = queries.figures_for([service.pk], today)[service.pk]
    children = queries.children_served(service, today.year)
    settings = CompetenceSettings.current()
    mapping = queries.mapping_summary([service.pk], settings.min_group_size)
    return render(
        request,
        "competence/service_overview.html",
        {
            "service": service,
            "figures": figures,
            "children": children,
            "municipalities": [
                c.municipality for c in service.coverages.valid_on(today).select_related("municipality")
            ],
            "per_thousand": capacity.per_thousand_children(figures.fte, children),
            "progress": queries.further_education_progress([service.pk]),
            "results": mapping.results,
            "mapping_rounds": _rounds_note(mapping),
            "min_group": settings.min_group_size,
            "permitted": permitted_actions(request.user, service),
            "breadcrumbs": crumbs((service.name, None)),
        },
    )


@requires(VIEW_STAFF, read=VIEW_OVERVIEW)
def requirement_page(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    today = timezone.localdate()
    rows = queries.requirement_list(service, today)
    figures = queries.figures_for([service.pk], today)[service.pk]
    return render(
        request,
        "competence/requirements.html",
        {
            "service": service,
            "rows": rows,
            "share_rows": figures.requirement_rows,
            "rule": queries.requirements.rules_in_force(),
            "breadcrumbs": service_crumbs(service, (_("Kompetansekrav"), None)),
        },
    )


@requires(VIEW_OVERVIEW)
def county_overview(request: AuthenticatedHttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    service_ids = list(queries.services_in_county(county).values_list("pk", flat=True))
    return render(
        request,
        "competence/area_overview.html",
        _area_context(service_ids)
        | {
            "title": county.name,
            "breadcrumbs": crumbs((county.name, None)),
        },
    )


@requires(VIEW_OVERVIEW)
def municipality_overview(request: AuthenticatedHttpRequest, municipality_number: str) -> HttpResponse:
    municipality = fetch(request, Municipality, number=municipality_number)
    service_ids = list(queries.services_serving(municipality).values_list("pk", flat=True))
    return render(
        request,
        "competence/area_overview.html",
        _area_context(service_ids)
        | {
            "title": municipality.name,
            "breadcrumbs": crumbs((municipality.name, None)),
        },
    )


@requires(VIEW_OVERVIEW)
def network_overview(request: AuthenticatedHttpRequest, network_id: int) -> HttpResponse:
    """A learning network's members together (what the coordinator and the steering group read
    when they write the overall plan): aggregates only, with the same anonymity rule."""
    from fagloft.networks.models import Network

    network = fetch(request, Network, pk=network_id)
    municipality_ids = list(network.members.values_list("municipality_id", flat=True))
    service_ids = queries.services_for_municipalities(municipality_ids)
    return render(
        request,
        "competence/area_overview.html",
        _area_context(service_ids)
        | {
            "title": network.name,
            "back": (reverse("networks:plan-detail", args=[network.pk]), _("Til nettverkets overordnede plan")),
            "breadcrumbs": crumbs((network.name, None)),
        },
    )


@requires(VIEW_OVERVIEW)
def national_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    from fagloft.organizations.models import Service

    service_ids = list(Service.objects.values_list("pk", flat=True))
    return render(
        request,
        "competence/area_overview.html",
        _area_context(service_ids)
        | {
            "title": _("Hele landet"),
            "breadcrumbs": crumbs((_("Hele landet"), None)),
        },
    )


def _area_context(service_ids: list[int]) -> dict:
    # Cached: computing it walks every employment period in the area (see figures_cache).
    return figures_cache.cached("area", service_ids, lambda: _compute_area_context(service_ids))


def _compute_area_context(service_ids: list[int]) -> dict:
    """Sums over many services; nothing about any one person or any one service."""
    settings = CompetenceSettings.current()
    figures = queries.figures_for(service_ids).values()
    headcount = sum(f.headcount for f in figures)
    applicable = sum(f.applicable for f in figures)
    meets = sum(f.meets_now for f in figures)
    mapping = queries.mapping_summary(service_ids, settings.min_group_size)
    return {
        "services": len(service_ids),
        "headcount": headcount,
        "fte": sum((f.fte for f in figures), start=Decimal(0)),
        "small_services": sum(1 for f in figures if f.small),
        "open_vacancies": sum(f.vacancies.open_count for f in figures if f.vacancies),
        "requirement_share": (Decimal(meets * 100) / applicable).quantize(Decimal("0.1"))
        if applicable >= settings.min_group_size
        else None,
        "progress": queries.further_education_progress(service_ids),
        "results": mapping.results,
        "mapping_rounds": _rounds_note(mapping),
        "min_group": settings.min_group_size,
    }


def _rounds_note(mapping: queries.MappingSummary) -> dict | None:
    """Which rounds the results come from, as plain values (the area context is cached)."""
    if not mapping.rounds:
        return None
    only = mapping.rounds[0] if len(mapping.rounds) == 1 else None
    return {
        "count": len(mapping.rounds),
        "title": only.title if only else "",
        "first": mapping.first_opened,
        "last": mapping.last_opened,
    }


@requires(CHANGE_SETTINGS)
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    row = CompetenceSettings.current()
    form = SettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.update_settings(request.user, row, {k: form.cleaned_data[k] for k in form.Meta.fields})
        messages.success(request, _("Innstillingene er lagret."))
        return redirect("competence:settings")
    return render(
        request,
        "competence/settings.html",
        {
            "form": form,
            "breadcrumbs": crumbs((_("Innstillinger"), None)),
        },
    )


@requires(PUBLISH_FIGURES)
def publish_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        written = publishing.publish_all_years(request.user, timezone.localdate())
        messages.success(
            request,
            _("%(count)s indikatorverdier for %(years)s år er publisert til statistikken.")
            % {"count": sum(written.values()), "years": len(written)},
        )
        return redirect(reverse("competence:publish"))
    return render(
        request,
        "competence/publish.html",
        {
            "codes": publishing.INDICATOR_CODES,
            "years": publishing.years_with_data(),
            "breadcrumbs": crumbs((_("Publiser tall"), None)),
        },
    )
