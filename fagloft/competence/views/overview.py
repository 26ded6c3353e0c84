"""Aggregated pages: services, county, nation; requirements; settings and publishing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
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
from fagloft.lib import formatting
from fagloft.lib.urls import url_maker
from fagloft.organizations.models import County, Municipality

LIST_LIMIT = 500
# A service's row on the overview: small, FTE, open vacancies, requirement share (escaped text).
OverviewCells = tuple[bool, str, str, str]


@requires(VIEW_OVERVIEW)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    services_qs = queries.visible_services(request.user, VIEW_OVERVIEW).order_by("name")
    # One row past the limit tells whether the list is cut, without a separate count.
    services_list = list(services_qs.values_list("pk", "name")[: LIST_LIMIT + 1])
    truncated = len(services_list) > LIST_LIMIT
    services_list = services_list[:LIST_LIMIT]
    service_ids = [pk for pk, _name in services_list]
    language = get_language()
    # The formatted cells, not the services' full figures: unpickling 500 `ServiceFigures` would
    # cost more than the rest of the page. The language is in the kind, as the cells are text.
    cells = figures_cache.cached(
        f"overview-cells|{language}", service_ids, lambda: overview_cells(queries.figures_for(service_ids), language)
    )
    counties = list(visible(request.user, VIEW_OVERVIEW, County.objects.valid_on()).only("number", "name"))
    return render(
        request,
        "competence/overview.html",
        {
            "rows_html": overview_rows(services_list, cells),
            "truncated": truncated,
            "counties": counties,
            "own": can(request.user, OWN_PROFILE),
            "can_settings": can(request.user, CHANGE_SETTINGS),
            "can_publish": can(request.user, PUBLISH_FIGURES),
            "breadcrumbs": crumbs(),
        },
    )


def overview_cells(figures: dict[int, queries.ServiceFigures], language: str) -> dict[int, OverviewCells]:
    """Each service's figures as the overview writes them, escaped: (small, FTE, vacancies, share)."""
    cells: dict[int, OverviewCells] = {}
    for pk, f in figures.items():
        share = f.requirement_share
        cells[pk] = (
            f.small,
            str(escape(formatting.number(f.fte, 1, language))),
            # As the template wrote `{{ f.vacancies.open_count }}`: nothing without a summary.
            "" if f.vacancies is None else str(escape(localize(f.vacancies.open_count))),
            "–" if share is None else str(escape(formatting.percent(share, 0, language))),
        )
    return cells


def overview_rows(services_list: list[tuple[int, str]], cells: dict[int, OverviewCells]) -> SafeString:
    """The overview's table rows, written in Python: through the template loop, 500 rows with a
    link each cost most of the page. The same markup as the loop they replace."""
    url = url_maker("competence:service")
    tag = f' <span class="ds-tag" data-color="info">{escape(_("Liten tjeneste"))}</span>'
    rows = []
    for pk, name in services_list:
        small, fte, vacancies, share = cells[pk]
        rows.append(
            f'\n            <tr><td><a class="ds-link" href="{url(pk)}">{escape(name)}</a>{tag if small else ""}</td>'
            f'\n              <td class="fl-number">{fte}</td><td class="fl-number">{vacancies}</td>'
            f'\n              <td class="fl-number">{share}</td></tr>\n          '
        )
    return mark_safe("".join(rows))


@requires(VIEW_OVERVIEW)
def service_overview(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    today = timezone.localdate()
    # Cached like the area pages: the figures walk the service's staff, rounds and answers. The
    # children (population figures) and the municipalities are read fresh, they are not in the
    # figures' data version.
    context = figures_cache.cached(
        "service-page", [service.pk], lambda: _compute_service_context(service.pk, today), today=today
    )
    children = queries.children_served(service, today.year)
    return render(
        request,
        "competence/service_overview.html",
        context
        | {
            "service": service,
            "children": children,
            "municipalities": [
                c.municipality for c in service.coverages.valid_on(today).select_related("municipality")
            ],
            "per_thousand": capacity.per_thousand_children(context["figures"].fte, children),
            "permitted": permitted_actions(request.user, service),
            "breadcrumbs": crumbs((service.name, None)),
        },
    )


def _compute_service_context(service_id: int, today: datetime.date) -> dict:
    """One service's figures: the same for everyone who may see its page."""
    settings = CompetenceSettings.current()
    mapping = queries.mapping_summary([service_id], settings.min_group_size)
    return {
        "figures": queries.figures_for([service_id], today)[service_id],
        "progress": queries.further_education_progress([service_id]),
        "results": mapping.results,
        "mapping_rounds": _rounds_note(mapping),
        "min_group": settings.min_group_size,
    }


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
