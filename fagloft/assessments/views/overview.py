"""The county overview (all services, latest risk level and signals, on the map and in a table)
and Bufdir's national picture."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, requires
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries
from fagloft.assessments.models import Assessment, GuidanceEngagement, RiskLevel
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.maps import county_map
from fagloft.organizations.models import (
    Border,
    County,
    CountyMembershipPeriod,
    Municipality,
    Service,
    ServiceCoverage,
)
from fagloft.organizations.queries import municipalities_in_county
from fagloft.statistics import page_cache


def _colour(levels: dict[int, str]) -> Any:
    labels = dict(RiskLevel.choices)

    def colour(municipality: Municipality) -> tuple[str | None, str]:
        level = levels.get(municipality.pk, "")
        if not level:
            return queries.NO_ASSESSMENT_COLOUR, _("ingen vurdering")
        return queries.RISK_COLOURS[level], _("risiko {level}").format(level=str(labels[level]).lower())

    return colour


OVERVIEW_TABLES = (
    (Assessment, "updated_at"),
    (GuidanceEngagement, "updated_at"),
    (Service, "updated_at"),
    (Municipality, "updated_at"),
    (ServiceCoverage, "id"),
    (CountyMembershipPeriod, "id"),
    (Border, "id"),
)


def _county_body(county: County) -> dict[str, Any]:
    """The services' table, the map and the guidance candidates, rendered: they show the county's
    services, not what one user may see, so every reader of the page gets the same."""
    rows, levels = queries.county_overview(county)
    municipalities = list(
        municipalities_in_county(county, queries.structure_day(county))
        .select_related("border")
        .defer("border__geometry")
    )
    html = render_to_string(
        "assessments/_county_overview_body.html",
        {
            "county": county,
            "rows": rows,
            "map": county_map(municipalities, colour=_colour(levels)),
            "legend": [
                (queries.RISK_COLOURS[RiskLevel.LOW], _("Lav risiko")),
                (queries.RISK_COLOURS[RiskLevel.MODERATE], _("Moderat risiko")),
                (queries.RISK_COLOURS[RiskLevel.HIGH], _("Høy risiko")),
                (queries.NO_ASSESSMENT_COLOUR, _("Ingen vurdering")),
            ],
            "candidates": queries.guidance_candidates(rows),
        },
    )
    return {"html": html, "service_ids": [row.service.pk for row in rows]}


@requires(perms.VIEW_COUNTY_OVERVIEW)
def county_overview(request: HttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    # Under the data version of the statistics pages (every audited change, the indicator values)
    # and of the tables the body reads.
    body = page_cache.cached(
        "assessments-county-overview", str(county.pk), lambda: _county_body(county), tables=OVERVIEW_TABLES
    )
    return render(
        request,
        "assessments/county_overview.html",
        {
            "county": county,
            # Rendered from our own escaped template (and cached as a plain string).
            "body_html": mark_safe(body["html"]),
            "engagements": queries.visible_engagements(request.user)
            .filter(service__in=body["service_ids"])
            .select_related("service")
            .order_by("-created_at")[:20],
            "can_nominate": can(request.user, perms.NOMINATE_GUIDANCE, county),
            "breadcrumbs": breadcrumbs(
                (_("Risiko- og tilstandsvurderinger"), reverse("assessments:list")), (county.name, None)
            ),
        },
    )


@requires(perms.VIEW_NATIONAL_PICTURE)
def national_picture(request: HttpRequest) -> HttpResponse:
    levels = [*RiskLevel.choices, ("none", _("Ingen vurdering"))]
    rows = [
        {**row, "cells": [row["counts"].get(code, 0) for code, _label in levels]} for row in queries.national_picture()
    ]
    return render(
        request,
        "assessments/national_picture.html",
        {
            "rows": rows,
            "levels": levels,
            "breadcrumbs": breadcrumbs(
                (_("Risiko- og tilstandsvurderinger"), reverse("assessments:list")), (_("Hele landet"), None)
            ),
        },
    )
