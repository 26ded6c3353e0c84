"""Calendar feeds. Calendar apps cannot log in, so each person gets a secret token in the URL;
the feed shows what that person may see, as if they were logged in."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.networks import ical, queries
from fagloft.networks.models import CalendarToken, Network
from fagloft.networks.permissions import CALENDAR_FEED, MY_CALENDAR, VIEW_NETWORK
from fagloft.networks.views.common import network_crumbs


def _user_of(token: str) -> Any:
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404
    return found.user


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@requires(CALENDAR_FEED)
def person_feed(request: HttpRequest, calendar_token: str) -> HttpResponse:
    user = _user_of(calendar_token)
    return _ics(ical.feed(_("Fagløft – mine samlinger"), queries.gatherings_for_feed(user)), "samlinger.ics")


@requires(CALENDAR_FEED)
def network_feed(request: HttpRequest, network_id: int, calendar_token: str) -> HttpResponse:
    user = _user_of(calendar_token)
    # The request is anonymous (CALENDAR_FEED); the network is checked for the token's owner, as
    # if they were logged in, with the same narrowing as their network list.
    network = queries.networks_for(user, VIEW_NETWORK).filter(pk=network_id).first()
    if network is None:
        raise Http404
    return _ics(ical.feed(network.name, queries.gatherings_for_feed(user, network)), f"nettverk-{network.pk}.ics")


@requires(MY_CALENDAR)
def my_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    token, _created = CalendarToken.objects.get_or_create(user=request.user)
    networks: list[Network] = list(queries.networks_for(request.user, VIEW_NETWORK))
    base = request.build_absolute_uri("/")[:-1]
    return render(
        request,
        "networks/calendar.html",
        {
            "person_url": base + reverse("networks:person-feed", args=[token.token]),
            "network_urls": [(n, base + reverse("networks:network-feed", args=[n.pk, token.token])) for n in networks],
            "breadcrumbs": network_crumbs(None, (_("Kalender"), None)),
        },
    )
