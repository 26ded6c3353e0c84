"""County, municipality and service pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, get_object_for, requires
from fagloft.organizations import maps, queries
from fagloft.organizations.models import County, Municipality, Service
from fagloft.organizations.permissions import CHANGE_SERVICE, VIEW_COUNTY, VIEW_MUNICIPALITY, VIEW_SERVICE


def _crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")}, *({"label": label, "url": url} for label, url in pairs)]


@requires(VIEW_COUNTY)
def county_list(request: HttpRequest) -> HttpResponse:
    counties = queries.visible_counties(request.user).valid_on()
    return render(request, "organizations/county_list.html", {
        "counties": counties,
        "former_counties": queries.visible_counties(request.user).filter(valid_to__lt=timezone.localdate()),
        "breadcrumbs": _crumbs((_("Fylker"), None)),
    })


@requires(VIEW_COUNTY)
def county_detail(request: HttpRequest, county_number: str) -> HttpResponse:
    county = get_object_for(request.user, VIEW_COUNTY, County, number=county_number)
    day = timezone.localdate() if county.is_valid_on() else county.valid_to
    year = queries.latest_population_year()
    municipalities = queries.with_population(
        queries.visible_municipalities(request.user).filter(pk__in=queries.municipalities_in_county(county, day)),
        year,
    ).select_related("border")
    municipalities = list(municipalities)
    return render(request, "organizations/county_detail.html", {
        "county": county,
        "municipalities": municipalities,
        "population_year": year,
        "map": maps.county_map(municipalities),
        "structure_date": day,
        "breadcrumbs": _crumbs((_("Fylker"), reverse("organizations:county-list")), (county.name, None)),
    })


@requires(VIEW_MUNICIPALITY)
def municipality_detail(request: HttpRequest, municipality_number: str) -> HttpResponse:
    municipality = get_object_for(
        request.user, VIEW_MUNICIPALITY, Municipality.objects.select_related("county"), number=municipality_number
    )
    populations = list(municipality.populations.order_by("year"))
    coverages = list(queries.services_for(municipality))
    return render(request, "organizations/municipality_detail.html", {
        "municipality": municipality,
        "populations": populations,
        "latest_population": populations[-1] if populations else None,
        "coverages": coverages,
        "county_periods": municipality.county_periods.select_related("county").order_by("valid_from"),
        "predecessors": municipality.predecessors.all(),
        "successors": municipality.successors.all(),
        "agreements": municipality.agreements.order_by("-valid_from"),
        "breadcrumbs": _crumbs(
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
    return render(request, "organizations/service_detail.html", {
        "service": service,
        "coverages": list(queries.coverages_of(service)),
        "can_edit": can(request.user, CHANGE_SERVICE, service),
        "breadcrumbs": _crumbs(
            (host.name, reverse("organizations:municipality-detail", args=[host.number])),
            (service.name, None),
        ),
    })
