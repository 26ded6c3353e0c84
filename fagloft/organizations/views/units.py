"""County, municipality and service pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, get_object_for, requires
from fagloft.accounts.permissions import VIEW_MEMBERSHIPS
from fagloft.organizations import maps, queries
from fagloft.organizations.models import County, Municipality, Service
from fagloft.organizations.permissions import (
    CHANGE_AGREEMENTS,
    CHANGE_SERVICE,
    VIEW_AGREEMENTS,
    VIEW_COUNTY,
    VIEW_MUNICIPALITY,
    VIEW_SERVICE,
)


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")}, *({"label": label, "url": url} for label, url in pairs)]


@requires(VIEW_COUNTY)
def county_list(request: HttpRequest) -> HttpResponse:
    counties = queries.visible_counties(request.user)
    return render(request, "organizations/county_list.html", {
        "counties": counties.valid_on(),
        "former_counties": counties.filter(valid_to__lt=timezone.localdate()),
        "breadcrumbs": crumbs((_("Fylker"), None)),
    })


def _children_map(municipalities: list[Municipality]) -> tuple[maps.SvgMap | None, list[maps.LegendClass]]:
    values = {m.pk: (m.population_for_year[0].children if getattr(m, "population_for_year", None) else None)
              for m in municipalities}
    colour, legend = maps.value_classes(values, maps.nice_breaks(list(values.values())),
                                        unit=_("barn"))
    return maps.county_map(municipalities, colour), legend


@requires(VIEW_COUNTY)
def county_detail(request: HttpRequest, county_number: str) -> HttpResponse:
    county = get_object_for(request.user, VIEW_COUNTY, County, number=county_number)
    ended = not county.is_valid_on() and county.valid_to is not None
    day = county.valid_to if ended else timezone.localdate()
    year = queries.latest_population_year(until=day.year if ended else None)
    municipalities = list(queries.with_current_services(queries.with_population(
        queries.visible_municipalities(request.user).filter(pk__in=queries.municipalities_in_county(county, day)),
        year,
    ), day).select_related("border").defer("border__geometry").order_by("number"))
    svg_map, legend = _children_map(municipalities)
    return render(request, "organizations/county_detail.html", {
        "county": county,
        "ended": ended,
        "municipalities": municipalities,
        "services": queries.services_of(municipalities),
        "population_year": year,
        "map": svg_map,
        "legend": legend,
        "structure_date": day,
        "can_view_agreements": can(request.user, VIEW_AGREEMENTS),
        "breadcrumbs": crumbs((_("Fylker"), reverse("organizations:county-list")), (county.name, None)),
    })


@requires(VIEW_MUNICIPALITY)
def municipality_detail(request: HttpRequest, municipality_number: str) -> HttpResponse:
    municipality = get_object_for(
        request.user, VIEW_MUNICIPALITY, Municipality.objects.select_related("county"), number=municipality_number
    )
    populations = queries.population_series(municipality)
    return render(request, "organizations/municipality_detail.html", {
        "municipality": municipality,
        "populations": populations,
        "latest_population": populations[-1] if populations else None,
        "coverages": list(queries.services_for(municipality)),
        "county_periods": municipality.county_periods.select_related("county").order_by("valid_from"),
        "predecessors": municipality.predecessors.order_by("number"),
        "successors": municipality.successors.order_by("number"),
        "agreements": list(queries.agreements_for_municipality(request.user, municipality)),
        "can_add_agreement": can(request.user, CHANGE_AGREEMENTS, municipality),
        "breadcrumbs": crumbs(
            (municipality.county.name, reverse("organizations:county-detail", args=[municipality.county.number])),
            (municipality.name, None),
        ),
    })


@requires(VIEW_SERVICE)
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = get_object_for(
        request.user, VIEW_SERVICE, Service.objects.select_related("host_municipality__county"), pk=service_id
    )
    host = service.host_municipality
    show_members = can(request.user, VIEW_MEMBERSHIPS, service)
    coverages = list(queries.coverages_of(service))
    today = timezone.localdate()
    return render(request, "organizations/service_detail.html", {
        "service": service,
        "current_coverages": [c for c in coverages if c.is_valid_on(today)],
        "past_coverages": [c for c in coverages if not c.is_valid_on(today)],
        "can_edit": can(request.user, CHANGE_SERVICE, service),
        "memberships": list(queries.memberships_of(service)) if show_members else None,
        "breadcrumbs": crumbs(
            (host.county.name, reverse("organizations:county-detail", args=[host.county.number])),
            (host.name, reverse("organizations:municipality-detail", args=[host.number])),
            (service.name, None),
        ),
    })
