"""Entering values by hand: a county's (and its municipalities') values, and a service's own indicators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import fetch, requires
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import County, Municipality, Service
from fagloft.organizations.queries import municipalities_in_county
from fagloft.statistics import queries, services
from fagloft.statistics.forms import ValueForm
from fagloft.statistics.models import Indicator
from fagloft.statistics.permissions import ENTER_AREA_VALUES, ENTER_OWN_VALUES, VIEW_COUNTY_TABLE, VIEW_STATISTICS
from fagloft.statistics.views.pages import crumbs

Unit = Service | Municipality | County | None


def _write(actor: Any, unit: Unit, data: dict[str, Any]) -> Any:
    """The use case for the chosen unit's level: own figures, a county's or municipality's, the nation's."""
    values = {k: data[k] for k in ("indicator", "year", "half", "value", "numerator", "denominator")}
    if isinstance(unit, Service):
        return services.enter_own_value(actor, service=unit, **values)
    if unit is None:
        return services.enter_national_value(actor, **values)
    return services.enter_area_value(actor, area=unit, **values)


def unit_label(unit: Unit) -> str:
    """The unit as a user names it: «Alta kommune»-style plain words, never «Finnmark (20)» or «?–2019»."""
    if unit is None:
        return _("Hele landet")
    if isinstance(unit, Service):
        return unit.name
    kind = _("fylke") if isinstance(unit, County) else _("kommune")
    valid_to = getattr(unit, "valid_to", None)
    if valid_to:
        return _("{name} ({kind}, til {year})").format(name=unit.name, kind=kind, year=valid_to.year)
    return _("{name} ({kind})").format(name=unit.name, kind=kind)


def _handle(
    request: HttpRequest, units: dict[str, Unit], indicators: list[Indicator], done_url: str, context: dict[str, Any]
) -> HttpResponse:
    choices = [(key, unit_label(unit)) for key, unit in units.items()]
    form = ValueForm(request.POST or None, indicators=indicators, units=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _write(request.user, units[data["unit"]], data)
        except Refused as error:
            form.refuse(error)
        except PermissionDenied as error:
            # The unit is in the list only when the user may enter for it; a role removed in the
            # meantime ends here. Shown at the unit, with the input kept.
            form.add_error("unit", str(error))
        else:
            messages.success(request, _("Verdien for %(indicator)s er lagret.") % {"indicator": data["indicator"].name})
            return redirect(done_url)
    return render(
        request,
        "statistics/enter.html",
        {**context, "form": form, "indicators": indicators},
        status=400 if form.errors else 200,
    )


@requires(ENTER_AREA_VALUES, read=VIEW_COUNTY_TABLE)
def enter_county(request: HttpRequest, county_number: str) -> HttpResponse:
    area = fetch(request, County, number=county_number)
    units: dict[str, Unit] = {f"c:{area.pk}": area}
    units.update({f"m:{m.pk}": m for m in municipalities_in_county(area)})
    if services.may_enter(request.user, Indicator(levels=["nation"], source=Indicator.Source.SSB), None):
        units["n"] = None
    indicators = [
        i
        for i in queries.active_indicators()
        if i.source != Indicator.Source.OWN and {"municipality", "county", "nation"} & set(i.levels or [])
    ]
    url = reverse("statistics:county", args=[area.number])
    return _handle(
        request,
        units,
        indicators,
        url,
        {
            "title": _("Registrer verdi for %(name)s") % {"name": area.name},
            "breadcrumbs": crumbs((area.name, url), (_("Registrer verdi"), None)),
        },
    )


@requires(ENTER_OWN_VALUES, read=VIEW_STATISTICS)
def enter_service(request: HttpRequest, service_id: int) -> HttpResponse:
    unit = fetch(request, Service, pk=service_id)
    indicators = [i for i in queries.active_indicators("service") if i.source == Indicator.Source.OWN]
    url = reverse("statistics:service", args=[unit.pk])
    return _handle(
        request,
        {f"s:{unit.pk}": unit},
        indicators,
        url,
        {
            "title": _("Registrer egne tall for %(name)s") % {"name": unit.name},
            "breadcrumbs": crumbs((unit.name, url), (_("Registrer egne tall"), None)),
        },
    )
