"""Statistics pages: the catalogue, a municipality against its comparisons, the county table and map."""

from __future__ import annotations

from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.lib import formatting
from fagloft.lib.models import ValidityQuerySet
from fagloft.lib.pages import breadcrumbs
from fagloft.lib.urls import url_maker
from fagloft.organizations import maps
from fagloft.organizations.models import County, Municipality, Service
from fagloft.organizations.queries import municipalities_in_county
from fagloft.statistics import page_cache, queries, topics
from fagloft.statistics.classes import quintile_breaks
from fagloft.statistics.models import Indicator
from fagloft.statistics.permissions import IMPORT_SSB, VIEW_COUNTY_TABLE, VIEW_STATISTICS


def crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, Any]]:
    """The kit's breadcrumbs with the statistics front page first."""
    return breadcrumbs((_("Statistikk"), reverse("statistics:index")), *pairs)


FEW = 12


@requires(VIEW_STATISTICS)
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    # `visible` only filters the queryset it is given, so the ValidityQuerySet stays one.
    municipalities = cast(
        ValidityQuerySet, visible(user, VIEW_STATISTICS, Municipality.objects.select_related("county"))
    ).valid_on()
    counties = cast(ValidityQuerySet, visible(user, VIEW_COUNTY_TABLE, County.objects.all())).valid_on()
    query = request.GET.get("q", "").strip()
    if query:
        # One step to a place: a single match opens it, several are listed.
        matches = _places(query, counties, municipalities)
        if len(matches) == 1:
            return redirect(matches[0][2])
    else:
        matches = []
    return render(
        request,
        "statistics/index.html",
        {
            "query": query,
            "matches": matches,
            "counties": counties,
            # Every place the user may open, for the choose box (a datalist: 357 municipalities at most).
            "places": _places("", counties, municipalities),
            # A municipal leader or a service sees a handful: those are links at once, no search needed.
            "few_municipalities": list(municipalities.order_by("name")[: FEW + 1]) if not query else [],
            "services": visible(user, VIEW_STATISTICS, Service.objects.all())[:20],
            "indicator_count": len(queries.active_indicators()),
            # A unit-level flag: importing is not about one object, so there is nothing to ask permitted_actions.
            "can_import": can(user, IMPORT_SSB),
            "breadcrumbs": crumbs(),
        },
    )


def _places(query: str, counties: Any, municipalities: Any) -> list[tuple[str, str, str]]:
    """(name, kind, url) of the counties and municipalities whose name or number matches `query`."""
    needle = query.casefold()
    # One `reverse` per kind, not per place: the choose box lists up to 372 places.
    county_url = url_maker("statistics:county")
    municipality_url = url_maker("statistics:municipality")
    places = [(c.name, _("fylke"), county_url(c.number), c.number) for c in counties.only("name", "number")]
    places += [
        (m.name, _("kommune"), municipality_url(m.number), m.number)
        for m in municipalities.order_by("name").select_related(None).only("name", "number")
    ]
    return [
        (name, kind, url)
        for name, kind, url, number in places
        if not needle or needle in name.casefold() or needle == number
    ]


@requires(VIEW_STATISTICS)
def catalogue(request: HttpRequest) -> HttpResponse:
    """The indicator catalogue, searched on the server by name (any language) and topic."""
    query = request.GET.get("q", "").strip()
    needle = query.casefold()
    rows = [{"indicator": i, "topic": topics.topic_of(i)} for i in queries.active_indicators()]
    if needle:
        rows = [
            r
            for r in rows
            if any(
                needle in str(text).casefold()
                for text in (
                    r["indicator"].name_nb,
                    r["indicator"].name_nn,
                    r["indicator"].name_en,
                    r["indicator"].name,
                    r["topic"],
                )
            )
        ]
    return render(
        request,
        "statistics/catalogue.html",
        {
            "query": query,
            "rows": rows,
            "total": len(queries.active_indicators()),
            "breadcrumbs": crumbs((_("Indikatorkatalogen"), None)),
        },
    )


def _chart_data(municipality: Municipality, comparison: queries.Comparison) -> dict[str, Any]:
    periods = comparison.periods
    lookup = [
        {p.period: p.value for p in s}
        for s in (comparison.municipality, comparison.county, comparison.nation, comparison.peers)
    ]
    names = [
        municipality.name,
        municipality.county.name,
        _("Hele landet"),
        ngettext(
            "KOSTRA-gruppe %(group)s (%(count)s annen kommune)",
            "KOSTRA-gruppe %(group)s (%(count)s andre kommuner)",
            comparison.peer_count,
        )
        % {"group": municipality.kostra_group, "count": comparison.peer_count},
    ]
    return {
        "labels": [_period(p) for p in periods],
        "unit": comparison.indicator.unit_text,
        "datasets": [
            {"label": name, "data": [float(value) if (value := v.get(p)) is not None else None for p in periods]}
            for name, v in zip(names, lookup, strict=True)
            if any(value is not None for value in v.values())
        ],
    }


def _period(period: tuple[int, int]) -> str:
    year, half = period
    return str(year) if not half else f"{year} H{half}"


def _table_body(rows: list[dict[str, Any]], decimals: int) -> SafeString:
    """The rows of an indicator's data table, written in Python: the page has some 30 tables of
    ten periods by four units, and through the template (or `format_html` per cell) those 1 200
    cells cost more than the rest of the page (the same markup as the template wrote)."""
    # Asked once: the active language is a context-local lookup, and each cell would ask again.
    language = get_language()

    def cell(point: Any) -> str:
        if not point or point.value is None:
            return "–"
        return str(escape(formatting.number(point.value, decimals, language)))

    return mark_safe(
        "".join(
            f'<tr><th scope="row">{conditional_escape(row["label"])}</th>'
            + "".join(f'<td class="fl-number">{cell(p)}</td>' for p in row["values"])
            + "</tr>"
            for row in rows
        )
    )


def _municipality_figures(place: Municipality) -> dict[str, Any]:
    """The page's indicator sections, rendered: the same for everyone who may see the page."""
    comparisons = queries.comparison(place)
    charts = [
        {
            "comparison": c,
            "chart": _chart_data(place, c),
            "chart_id": f"chart-{c.indicator.code}",
            "table_body": _table_body(c.rows(), c.indicator.decimals),
        }
        for c in comparisons
        if c.periods
    ]
    html = render_to_string(
        "statistics/_municipality_charts.html",
        {
            "municipality": place,
            "charts": charts,
            "without_data": [c.indicator for c in comparisons if not c.periods],
        },
    )
    return {"html": html, "peer_count": comparisons[0].peer_count if comparisons else 0}


@requires(VIEW_STATISTICS)
def municipality(request: HttpRequest, municipality_number: str) -> HttpResponse:
    place = fetch(request, Municipality.objects.select_related("county"), number=municipality_number)
    figures = page_cache.cached("municipality", str(place.pk), lambda: _municipality_figures(place))
    return render(
        request,
        "statistics/municipality.html",
        {
            "municipality": place,
            # Rendered from our own escaped template (and cached as a plain string).
            "charts_html": mark_safe(figures["html"]),
            "peer_count": figures["peer_count"],
            "permitted": permitted_actions(request.user, place),
            "breadcrumbs": crumbs(
                (place.county.name, reverse("statistics:county", args=[place.county.number])), (place.name, None)
            ),
        },
    )


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
    values = {
        row.municipality.pk: (float(row.latest.value) if row.latest and row.latest.value is not None else None)
        for row in table.rows
    }
    colour, legend = maps.value_classes(
        values, quintile_breaks(list(values.values()), indicator.decimals), unit=indicator.unit_text
    )
    return {
        "county": county,
        "table": table,
        "indicator": indicator,
        "indicators": queries.active_indicators("municipality"),
        "map": maps.county_map([row.municipality for row in table.rows], colour),
        "legend": legend,
        "columns": _columns(table),
    }


def _columns(table: queries.CountyTable) -> list[dict[str, Any]]:
    # Few, short headers so that «Verdi» shows at desktop width without scrolling: the number and
    # KOSTRA group go under the municipality's name (the table still sorts by number by default).
    labels = [
        ("name", _("Kommune"), False),
        ("children", _("Barn 0–17"), True),
        ("year", _("Periode"), True),
        ("value", _("Verdi"), True),
        ("change", _("Endring"), True),
    ]
    columns = []
    for key, label, numeric in labels:
        active = table.sort == key
        next_dir = "asc" if active and table.descending else ("desc" if active else "asc")
        sort_state = ("descending" if table.descending else "ascending") if active else None
        columns.append({"key": key, "label": label, "numeric": numeric, "next_dir": next_dir, "aria_sort": sort_state})
    return columns


@requires(VIEW_COUNTY_TABLE)
def county(request: HttpRequest, county_number: str) -> HttpResponse:
    area = fetch(request, County, number=county_number)
    permitted = permitted_actions(request.user, area)
    indicator = _chosen_indicator(request)
    sort = request.GET.get("sort", "number")
    descending = request.GET.get("dir") == "desc"
    # The table and map show what the user may see: the key holds exactly that set of municipalities.
    seen = visible(request.user, VIEW_STATISTICS, municipalities_in_county(area)).values_list("pk", flat=True)
    subject = "|".join(
        [str(area.pk), indicator.code, sort, str(descending), str(bool(permitted.get("export")))]
        + [str(pk) for pk in sorted(seen)]
    )

    def results() -> str:
        context = county_context(request, area)
        context["permitted"] = permitted
        return render_to_string("statistics/_county_results.html", context)

    # Rendered from our own escaped template (and cached as a plain string).
    results_html = mark_safe(page_cache.cached("county", subject, results))
    if request.headers.get("HX-Request"):
        return HttpResponse(results_html)
    return render(
        request,
        "statistics/county.html",
        {
            "county": area,
            "indicator": indicator,
            "indicators": queries.active_indicators("municipality"),
            "sort": sort if sort in queries.SORT_KEYS else "number",
            "results_html": results_html,
            "permitted": permitted,
            "breadcrumbs": crumbs((area.name, None)),
        },
    )


@requires(VIEW_STATISTICS)
def service(request: HttpRequest, service_id: int) -> HttpResponse:
    unit = fetch(request, Service.objects.select_related("host_municipality"), pk=service_id)
    indicators = queries.active_indicators("service")
    series = queries.service_values(unit, indicators)
    return render(
        request,
        "statistics/service.html",
        {
            "service": unit,
            "rows": [{"indicator": i, "points": series.get(i.pk, [])} for i in indicators],
            "permitted": permitted_actions(request.user, unit),
            "breadcrumbs": crumbs((unit.name, None)),
        },
    )
