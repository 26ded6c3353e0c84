"""CSV and Excel downloads of the county table and a municipality's series (`?format=csv|xlsx`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

from fagloft.accounts.access import fetch, requires
from fagloft.organizations.models import County, Municipality
from fagloft.statistics import export, queries
from fagloft.statistics.permissions import EXPORT_STATISTICS
from fagloft.statistics.views.pages import county_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(table: export.Table, title: str, filename: str, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(export.to_xlsx(title, table), content_type=XLSX)
        filename += ".xlsx"
    else:
        response = HttpResponse(export.to_csv(table), content_type="text/csv; charset=utf-8")
        filename += ".csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(EXPORT_STATISTICS)
def municipality_export(request: HttpRequest, municipality_number: str) -> HttpResponse:
    place = fetch(request, Municipality.objects.select_related("county"), number=municipality_number)
    comparisons = [c for c in queries.comparison(place) if c.periods]
    table = export.municipality_rows(place.name, comparisons)
    return _download(
        table, place.name, f"statistikk-{place.number}-{slugify(place.name)}", request.GET.get("format", "csv")
    )


@requires(EXPORT_STATISTICS)
def county_export(request: HttpRequest, county_number: str) -> HttpResponse:
    area = fetch(request, County, number=county_number)
    context = county_context(request, area)
    table = export.county_table_rows(context["table"])
    indicator = context["indicator"]
    return _download(table, area.name, f"statistikk-{area.number}-{indicator.code}", request.GET.get("format", "csv"))
