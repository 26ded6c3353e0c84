"""Statistics pages: the catalogue, a municipality against its comparisons, the county table and map."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, get_object_for, requires, visible
from fagloft.organizations import maps
from fagloft.organizations.models import County, Municipality, Service
from fagloft.statistics import queries
from fagloft.statistics.classes import quintile_breaks
from fagloft.statistics.models import Indicator
from fagloft.statistics.permissions import (
    ENTER_AREA_VALUES,
    ENTER_OWN_VALUES,
    EXPORT_STATISTICS,
    IMPORT_SSB,
    VIEW_COUNTY_TABLE,
    VIEW_STATISTICS,
)


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")},
            {"label": _("Statistikk"), "url": reverse("statistics:index")},
            *({"label": label, "url": url} for label, url in pairs)]


@requires(VIEW_STATISTICS)
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    municipalities = visible(user, VIEW_STATISTICS, Municipality.objects.select_related("county")).valid_on()
    counties = visible(user, VIEW_COUNTY_TABLE, County.objects.all()).valid_on()
    return render(request, "statistics/index.html", {
        "indicators": queries.active_indicators(),
        "counties": counties,
        # A county advisor sees 40 municipalities, Bufdir 357: the choice goes through the county.
        "municipalities": municipalities[:60] if len(counties) <= 1 else [],
        "services": visible(user, VIEW_STATISTICS, Service.objects.all())[:20],
        "can_import": can(user, IMPORT_SSB),
        "breadcrumbs": crumbs(),
    })


def _chart_data(municipality: Municipality, comparison: queries.Comparison) -> dict[str, Any]:
    periods = comparison.periods
    lookup = [{p.period: p.value for p in s} for s in
              (comparison.municipality, comparison.county, comparison.nation, comparison.peers)]
    names = [municipality.name, municipality.county.name, _("Hele landet"),
             _("KOSTRA-gruppe %(group)s") % {"group": municipality.kostra_group}]
    return {
        "labels": [_period(p) for p in periods],
        "unit": comparison.indicator.unit,
        "datasets": [
            {"label": name, "data": [float(v[p]) if v.get(p) is not None else None for p in periods]}
            for name, v in zip(names, lookup, strict=True)
            if any(value is not None for value in v.values())
        ],
    }


def _period(period: tuple[int, int]) -> str:
    year, half = period
    return str(year) if not half else f"{year} H{half}"


@requires(VIEW_STATISTICS)
def municipality(request: HttpRequest, municipality_number: str) -> HttpResponse:
    place = get_object_for(request.user, VIEW_STATISTICS, Municipality.objects.select_related("county"),
                           number=municipality_number)
    comparisons = queries.comparison(place)
    with_data = [c for c in comparisons if c.periods]
    charts = [{"comparison": c, "chart": _chart_data(place, c), "chart_id": f"chart-{c.indicator.code}",
               "rows": c.rows()} for c in with_data]
    return render(request, "statistics/municipality.html", {
        "municipality": place,
        "charts": charts,
        "without_data": [c.indicator for c in comparisons if not c.periods],
        "can_export": can(request.user, EXPORT_STATISTICS, place),
        "breadcrumbs": crumbs((place.county.name, reverse("statistics:county", args=[place.county.number])),
                              (place.name, None)),
    })


def _chosen_indicator(request: HttpRequest) -> Indicator:
    indicators = queries.active_indicators("municipality")
    if not indicators:
        raise Http404(_("Indikatorkatalogen er tom."))
    code = request.GET.get("indicator")
    return next((i for i in indicators if i.code == code), indicators[0])


def county_context(request: HttpRequest, county: County) -> dict[str, Any]:
    indicator = _chosen_indicator(request)
    sort = request.GET.get("sort", "number")
    descending = request.GET.get("dir") == "desc"
    table = queries.county_table(request.user, county, indicator, sort, descending)
    values = {row.municipality.pk: (float(row.latest.value) if row.latest and row.latest.value is not None else None)
              for row in table.rows}
    colour, legend = maps.value_classes(values, quintile_breaks(list(values.values()), indicator.decimals),
                                        unit=indicator.unit)
    return {"county": county, "table": table, "indicator": indicator,
            "indicators": queries.active_indicators("municipality"),
            "map": maps.county_map([row.municipality for row in table.rows], colour), "legend": legend,
            "columns": _columns(table)}


def _columns(table: queries.CountyTable) -> list[dict[str, Any]]:
    labels = [("number", _("Nr."), False), ("name", _("Kommune"), False), ("group", _("KOSTRA-gruppe"), False),
              ("children", _("Barn 0–17"), True), ("year", _("Periode"), True), ("value", _("Verdi"), True),
              ("change", _("Endring fra året før"), True)]
    columns = []
    for key, label, numeric in labels:
        active = table.sort == key
        next_dir = "asc" if active and table.descending else ("desc" if active else "asc")
        sort_state = ("descending" if table.descending else "ascending") if active else None
        columns.append({"key": key, "label": label, "numeric": numeric, "next_dir": next_dir, "aria_sort": sort_state})
    return columns


@requires(VIEW_COUNTY_TABLE)
def county(request: HttpRequest, county_number: str) -> HttpResponse:
    area = get_object_for(request.user, VIEW_COUNTY_TABLE, County, number=county_number)
    context = county_context(request, area)
    context.update({
        "can_export": can(request.user, EXPORT_STATISTICS, area),
        "can_enter": can(request.user, ENTER_AREA_VALUES, area),
        "breadcrumbs": crumbs((area.name, None)),
    })
    template = "statistics/_county_results.html" if request.headers.get("HX-Request") else "statistics/county.html"
    return render(request, template, context)


@requires(VIEW_STATISTICS)
def service(request: HttpRequest, service_id: int) -> HttpResponse:
    unit = get_object_for(request.user, VIEW_STATISTICS, Service.objects.select_related("host_municipality"),
                          pk=service_id)
    indicators = queries.active_indicators("service")
    series = queries.service_values(unit, indicators)
    return render(request, "statistics/service.html", {
        "service": unit,
        "rows": [{"indicator": i, "points": series.get(i.pk, [])} for i in indicators],
        "can_enter": can(request.user, ENTER_OWN_VALUES, unit),
        "breadcrumbs": crumbs((unit.name, None)),
    })

