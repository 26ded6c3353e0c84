"""What the organisation tree asks of each role on the front page.

- admin: municipalities without population for the latest year, or without a border for the map;
- county advisor: services in the county without a leader registered, municipalities without a service;
- service leader: incomplete contact details of the own service;
- municipal leadership: no service registered for the municipality.

Each check is one or two aggregate queries, whatever the size of the country.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagloft.accounts.access import matching_memberships
from fagloft.accounts.roles import LEVEL_OF_ROLE, Level, Role
from fagloft.lib import formatting
from fagloft.navigation import AttentionItem
from fagloft.organizations import queries
from fagloft.organizations.models import Municipality, Population, Service, ServiceCoverage
from fagloft.organizations.permissions import CHANGE_SERVICE, IMPORT_REFERENCE_DATA, VIEW_COUNTY, VIEW_MUNICIPALITY


def _import_url() -> str:
    for name in ("imports:index", "imports:list", "imports:start"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("organizations:county-list")


def _reference_data_items(user: Any) -> list[AttentionItem]:
    if not matching_memberships(user, IMPORT_REFERENCE_DATA):
        return []
    current = Municipality.objects.valid_on()
    latest = Population.objects.order_by("-year").values_list("year", flat=True).first()
    counts = current.aggregate(
        total=_count(),
        without_border=_count(Q(border__isnull=True)),
        without_population=_count(~Q(pk__in=Population.objects.filter(year=latest or 0).values("municipality"))),
    )
    items = []
    if counts["total"] == 0:
        return [
            AttentionItem(
                _("Ingen kommuner er importert"),
                _import_url(),
                _("Importer kommuner og fylker med grenser før andre kan bruke Fagløft."),
                "danger",
            )
        ]
    if counts["without_population"]:
        n = counts["without_population"]
        detail = (
            ngettext(
                "%(n)s kommune mangler befolkningstall for %(year)s.",
                "%(n)s kommuner mangler befolkningstall for %(year)s.",
                n,
            )
            % {"n": formatting.number(n), "year": latest}
            if latest
            else _("Ingen befolkningstall er importert.")
        )
        items.append(AttentionItem(_("Befolkningstall mangler"), _import_url(), detail, "warning"))
    if counts["without_border"]:
        n = counts["without_border"]
        items.append(
            AttentionItem(
                _("Kartgrenser mangler"),
                _import_url(),
                ngettext(
                    "%(n)s kommune har ingen kartgrense, så den vises ikke på fylkeskartet.",
                    "%(n)s kommuner har ingen kartgrense, så de vises ikke på fylkeskartet.",
                    n,
                )
                % {"n": formatting.number(n)},
                "warning",
            )
        )
    return items


def _count(condition: Q | None = None) -> Any:
    from django.db.models import Count

    return Count("pk", filter=condition, distinct=True)


def _incomplete_services(user: Any) -> list[AttentionItem]:
    ids = [
        m.service_id
        for m in matching_memberships(user, CHANGE_SERVICE)
        if m.role == Role.SERVICE_LEADER and m.service_id is not None
    ]
    if not ids:
        return []
    items = []
    own = Service.objects.filter(pk__in=ids)
    # A leader is known when the name is registered or somebody holds the leader role today (the
    # leader reading this card, usually), as the service and county pages count it.
    own = own.annotate(leaderless=Exists(queries.without_leader(Service.objects.filter(pk=OuterRef("pk")))))
    for service in own.filter(Q(leaderless=True) | Q(email="") | Q(phone="") | Q(address="")):
        missing = [_("leder")] if service.leaderless else []
        missing += [
            label
            for name, label in (("email", _("e-post")), ("phone", _("telefon")), ("address", _("adresse")))
            if not getattr(service, name)
        ]
        items.append(
            AttentionItem(
                _("Kontaktopplysningene for %(name)s er ufullstendige") % {"name": service.name},
                reverse("organizations:service-edit", args=[service.pk]),
                _("Mangler: %(fields)s. Andre kommuner og Statsforvalteren finner dere lettere når dette er fylt ut.")
                % {"fields": ", ".join(missing)},
                "warning",
            )
        )
    return items


def _county_items(user: Any) -> list[AttentionItem]:
    counties = [
        m.county
        for m in matching_memberships(user, VIEW_COUNTY)
        if m.role == Role.COUNTY_ADVISOR and LEVEL_OF_ROLE[m.role] == Level.COUNTY and m.county is not None
    ]
    items = []
    for county in counties:
        municipalities = county.municipalities_on()
        serving = ServiceCoverage.objects.valid_on().filter(municipality__in=municipalities)
        leaderless = queries.without_leader(Service.objects.filter(pk__in=serving.values("service"))).count()
        uncovered = municipalities.exclude(pk__in=serving.values("municipality")).count()
        url = reverse("organizations:county-detail", args=[county.number]) + "#tjenester"
        if leaderless:
            items.append(
                AttentionItem(
                    _("Tjenester uten registrert leder i %(county)s") % {"county": county.name},
                    url,
                    ngettext(
                        "%(n)s barneverntjeneste har ingen leder registrert.",
                        "%(n)s barneverntjenester har ingen leder registrert.",
                        leaderless,
                    )
                    % {"n": formatting.number(leaderless)},
                    "warning",
                )
            )
        if uncovered:
            items.append(
                AttentionItem(
                    _("Kommuner uten barneverntjeneste i %(county)s") % {"county": county.name},
                    url,
                    ngettext(
                        "%(n)s kommune har ingen barneverntjeneste registrert.",
                        "%(n)s kommuner har ingen barneverntjeneste registrert.",
                        uncovered,
                    )
                    % {"n": formatting.number(uncovered)},
                    "info",
                )
            )
    return items


def _municipality_items(user: Any) -> list[AttentionItem]:
    ids = [
        m.municipality_id
        for m in matching_memberships(user, VIEW_MUNICIPALITY)
        if m.role == Role.MUNICIPAL_LEADER and m.municipality_id is not None
    ]
    if not ids:
        return []
    uncovered = Municipality.objects.filter(pk__in=ids).exclude(
        pk__in=ServiceCoverage.objects.valid_on().values("municipality")
    )
    return [
        AttentionItem(
            _("%(name)s har ingen barneverntjeneste registrert") % {"name": m.name},
            reverse("organizations:municipality-detail", args=[m.number]),
            _("Be Statsforvalteren eller administratoren registrere hvilken tjeneste som dekker kommunen."),
            "warning",
        )
        for m in uncovered
    ]


def items_for(user: Any) -> list[AttentionItem]:
    return [*_reference_data_items(user), *_incomplete_services(user), *_county_items(user), *_municipality_items(user)]
