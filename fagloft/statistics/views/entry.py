"""Entering values by hand: a county's (and its municipalities') values, and a service's own indicators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import get_object_for, requires
from fagloft.organizations.models import County, Municipality, Service
from fagloft.organizations.queries import municipalities_in_county
from fagloft.statistics import queries, services
from fagloft.statistics.forms import ValueForm
from fagloft.statistics.models import Indicator
from fagloft.statistics.permissions import ENTER_AREA_VALUES, ENTER_OWN_VALUES, VIEW_COUNTY_TABLE, VIEW_STATISTICS
from fagloft.statistics.views.pages import crumbs

Unit = Service | Municipality | County | None


def _handle(request: HttpRequest, units: dict[str, Unit], indicators: list[Indicator], done_url: str,
            context: dict[str, Any]) -> HttpResponse:
    choices = [(key, str(unit) if unit is not None else _("Hele landet")) for key, unit in units.items()]
    form = ValueForm(request.POST or None, indicators=indicators, units=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enter_value(
                request.user, indicator=data["indicator"], unit=units[data["unit"]], year=data["year"],
                half=data["half"], value=data["value"], numerator=data["numerator"],
                denominator=data["denominator"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("Verdien for %(indicator)s er lagret.") % {"indicator": data["indicator"].name})
            return redirect(done_url)
    return render(request, "statistics/enter.html", {**context, "form": form, "indicators": indicators})


@requires(ENTER_AREA_VALUES)
def enter_county(request: HttpRequest, county_number: str) -> HttpResponse:
    area = get_object_for(request.user, ENTER_AREA_VALUES, County, read_action=VIEW_COUNTY_TABLE,
                          number=county_number)
    units: dict[str, Unit] = {f"c:{area.pk}": area}
    units.update({f"m:{m.pk}": m for m in municipalities_in_county(area)})
    if services.may_enter(request.user, Indicator(levels=["nation"], source=Indicator.Source.SSB), None):
        units["n"] = None
    indicators = [i for i in queries.active_indicators() if i.source != Indicator.Source.OWN
                  and {"municipality", "county", "nation"} & set(i.levels or [])]
    url = reverse("statistics:county", args=[area.number])
    return _handle(request, units, indicators, url, {
        "title": _("Registrer verdi for %(name)s") % {"name": area.name},
        "breadcrumbs": crumbs((area.name, url), (_("Registrer verdi"), None)),
    })


@requires(ENTER_OWN_VALUES)
def enter_service(request: HttpRequest, service_id: int) -> HttpResponse:
    unit = get_object_for(request.user, ENTER_OWN_VALUES, Service, read_action=VIEW_STATISTICS, pk=service_id)
    indicators = [i for i in queries.active_indicators("service") if i.source == Indicator.Source.OWN]
    url = reverse("statistics:service", args=[unit.pk])
    return _handle(request, {f"s:{unit.pk}": unit}, indicators, url, {
        "title": _("Registrer egne tall for %(name)s") % {"name": unit.name},
        "breadcrumbs": crumbs((unit.name, url), (_("Registrer egne tall"), None)),
    })
