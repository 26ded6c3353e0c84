"""The county overview (all services, latest risk level and signals, on the map and in a table)
and Bufdir's national picture."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, requires
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries
from fagloft.assessments.models import RiskLevel
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.maps import county_map
from fagloft.organizations.models import County, Municipality
from fagloft.organizations.queries import municipalities_in_county


def _colour(levels: dict[int, str]) -> Any:
    labels = dict(RiskLevel.choices)

    def colour(municipality: Municipality) -> tuple[str | None, str]:
        level = levels.get(municipality.pk, "")
        if not level:
            return queries.NO_ASSESSMENT_COLOUR, _("ingen vurdering")
        return queries.RISK_COLOURS[level], _("risiko {level}").format(level=str(labels[level]).lower())

    return colour


@requires(perms.VIEW_COUNTY_OVERVIEW)
def county_overview(request: HttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    rows, levels = queries.county_overview(county)
    municipalities = list(
        municipalities_in_county(county, queries.structure_day(county))
        .select_related("border")
        .defer("border__geometry")
    )
    return render(
        request,
        "assessments/county_overview.html",
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
            "engagements": queries.visible_engagements(request.user)
            .filter(service__in=[row.service for row in rows])
            .order_by("-created_at")[:20],
            "can_nominate": can(request.user, perms.NOMINATE_GUIDANCE, county),
            "candidates": queries.guidance_candidates(rows),
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
