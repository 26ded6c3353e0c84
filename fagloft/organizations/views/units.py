"""County, municipality and service pages."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, checks_for, fetch, permitted_actions, requires
from fagloft.accounts.permissions import VIEW_MEMBERSHIPS
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations import maps, queries, tables
from fagloft.organizations.models import County, Municipality, Service, ValidityQuerySet
from fagloft.organizations.permissions import (
    VIEW_COUNTY,
    VIEW_MUNICIPALITY,
    VIEW_SERVICE,
)


@requires(VIEW_COUNTY)
def county_list(request: HttpRequest) -> HttpResponse:
    counties = queries.visible_counties(request.user)
    return render(
        request,
        "organizations/county_list.html",
        {
            "counties": cast(ValidityQuerySet, counties).valid_on(),  # County.objects is a ValidityQuerySet manager
            "former_counties": counties.filter(valid_to__lt=timezone.localdate()),
            "breadcrumbs": breadcrumbs((_("Fylker"), None)),
        },
    )


def _children_map(municipalities: list[Municipality]) -> tuple[maps.SvgMap | None, list[maps.LegendClass]]:
    values: dict[int, float | None] = {}
    for m in municipalities:
        population = getattr(m, "population_for_year", None)  # prefetched by queries.with_population
        values[m.pk] = population[0].children if population else None
    colour, legend = maps.value_classes(values, maps.nice_breaks(list(values.values())), unit=_("barn"))
    return maps.county_map(municipalities, colour), legend


@requires(VIEW_COUNTY)
def county_detail(request: HttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    ended = not county.is_valid_on() and county.valid_to is not None
    day = county.valid_to if ended and county.valid_to is not None else timezone.localdate()
    year = queries.latest_population_year(until=day.year if ended else None)
    municipalities = list(
        queries.with_current_services(
            queries.with_population(
                queries.visible_municipalities(request.user).filter(
                    pk__in=queries.municipalities_in_county(county, day)
                ),
                year,
            ),
            day,
        )
        .select_related("border")
        .defer("border__geometry")
        .order_by("number")
    )
    svg_map, legend = _children_map(municipalities)
    services = queries.attach_leaders(queries.services_of(municipalities))
    return render(
        request,
        "organizations/county_detail.html",
        {
            "county": county,
            "ended": ended,
            "municipalities": municipalities,
            "municipality_rows": tables.county_municipality_rows(municipalities),
            "services": services,
            "service_rows": tables.county_service_rows(services),
            "population_year": year,
            "map": svg_map,
            "legend": legend,
            "structure_date": day,
            "permitted": permitted_actions(request.user, county),
            "breadcrumbs": breadcrumbs((_("Fylker"), reverse("organizations:county-list")), (county.name, None)),
        },
    )


@requires(VIEW_MUNICIPALITY)
def municipality_detail(request: HttpRequest, municipality_number: str) -> HttpResponse:
    municipality = fetch(request, Municipality.objects.select_related("county"), number=municipality_number)
    # The page's own checks and the other apps' hub links ask `can()` about this municipality a
    # dozen times; in the block, checks with the same scope share one query.
    with checks_for(request.user, [municipality]):
        return _municipality_page(request, municipality)


def _municipality_page(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    populations = queries.population_series(municipality)
    return render(
        request,
        "organizations/municipality_detail.html",
        {
            "municipality": municipality,
            "populations": populations,
            "latest_population": populations[-1] if populations else None,
            "coverages": list(queries.services_for(municipality)),
            "districts": list(queries.districts_of(municipality)),
            "county_periods": municipality.county_periods.select_related("county").order_by("valid_from"),
            "predecessors": municipality.predecessors.order_by("number"),
            "successors": municipality.successors.order_by("number"),
            "agreements": list(queries.agreements_for_municipality(request.user, municipality)),
            "permitted": permitted_actions(request.user, municipality),
            # An ended municipality makes no new agreements (the service refuses it too).
            "makes_agreements": queries.makes_agreements(municipality),
            "breadcrumbs": breadcrumbs(
                (municipality.county.name, reverse("organizations:county-detail", args=[municipality.county.number])),
                (municipality.name, None),
            ),
        },
    )


@requires(VIEW_SERVICE)
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service.objects.select_related("host_municipality__county"), pk=service_id)
    # As on the municipality page: the hub links ask about this service many times.
    with checks_for(request.user, [service, service.host_municipality]):
        return _service_page(request, service)


def _service_page(request: HttpRequest, service: Service) -> HttpResponse:
    queries.attach_leaders([service])
    host = service.host_municipality
    show_members = can(request.user, VIEW_MEMBERSHIPS, service)
    coverages = list(queries.coverages_of(service))
    today = timezone.localdate()
    return render(
        request,
        "organizations/service_detail.html",
        {
            "service": service,
            "current_coverages": [c for c in coverages if c.is_valid_on(today)],
            "past_coverages": [c for c in coverages if not c.is_valid_on(today)],
            "permitted": permitted_actions(request.user, service),
            "memberships": list(queries.memberships_of(service)) if show_members else None,
            "breadcrumbs": breadcrumbs(
                (host.county.name, reverse("organizations:county-detail", args=[host.county.number])),
                (host.name, reverse("organizations:municipality-detail", args=[host.number])),
                (service.name, None),
            ),
        },
    )
