"""Front-page items: drafts due soon (or late), assessments to start for the current year,
assessments waiting for the municipal leadership or for the county governor, dialogue meetings
coming up, agreed actions overdue.

Each check is one query and runs only for users whose roles take part in it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagloft.accounts.access import matching_memberships, scope_q, visible
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, reference
from fagloft.assessments.models import Assessment, DialogueMeeting
from fagloft.lib import formatting
from fagloft.navigation import AttentionItem
from fagloft.organizations.models import Service

DRAFT_HORIZON_DAYS = 30
MEETING_HORIZON_DAYS = 14
LIMIT = 5


def _effective_due(assessment: Assessment) -> datetime.date:
    """The assessment's own due date, else the deadline rule for its year."""
    return assessment.due_date or reference.submission_deadline(assessment.year)


def _drafts_due(user: Any, today: datetime.date) -> list[AttentionItem]:
    """Drafts whose deadline is near or has passed (shown as late on the card)."""
    if not matching_memberships(user, perms.EDIT_ASSESSMENT):
        return []
    horizon = today + datetime.timedelta(days=DRAFT_HORIZON_DAYS)
    # Drafts without their own due date fall under the rule: year Y is due in March of Y+1, so a
    # draft of a year up to the one whose deadline is within the horizon is due.
    last_due_year = reference.current_assessment_year(horizon + datetime.timedelta(days=1)) - 1
    drafts = visible(
        user,
        perms.EDIT_ASSESSMENT,
        Assessment.objects.filter(
            Q(due_date__lte=horizon) | Q(due_date__isnull=True, year__lte=last_due_year),
            status=Assessment.Status.DRAFT,
        ).select_related("service"),
    )
    soonest = sorted(drafts, key=_effective_due)[:LIMIT]
    return [
        AttentionItem(
            _("Vurderingen for {year} skal sendes inn").format(year=a.year),
            reverse("assessments:detail", args=[a.pk]),
            # The deadline is the card's own line (`due`); the detail says whose it is and what to do.
            _("{service}: fullfør utkastet og send det til kommuneledelsen.").format(service=a.service.name),
            "danger" if _effective_due(a) < today else "warning",
            due=_effective_due(a),
            kind="task",
        )
        for a in soonest
    ]


def _assessments_to_start(user: Any, today: datetime.date) -> list[AttentionItem]:
    """Services in the user's own scope without an assessment for the current assessment year
    (also those that have never had one)."""
    memberships = matching_memberships(user, perms.CREATE_ASSESSMENT)
    # An administrator may start one for every service in the country; a list of them all is no
    # task of theirs, so the prompt goes to those who lead a service (or a municipality).
    if not memberships or scope_q(user, perms.CREATE_ASSESSMENT, Service) is None:
        return []
    year = reference.current_assessment_year(today)
    deadline = reference.submission_deadline(year)
    services = (
        visible(user, perms.CREATE_ASSESSMENT, Service.objects.all())
        .exclude(assessments__year=year)
        .annotate(assessment_count=Count("assessments"))
        .order_by("name")
    )[:LIMIT]
    items = []
    for service in services:
        if service.assessment_count:
            detail = _("{service} har ikke startet vurderingen for {year} ennå.").format(
                service=service.name, year=year
            )
        else:
            detail = _("{service} har ingen risiko- og tilstandsvurdering ennå.").format(service=service.name)
        items.append(
            AttentionItem(
                _("Start vurderingen for {year}").format(year=year),
                reverse("assessments:create") + "?" + urlencode({"service": service.pk, "year": year}),
                detail,
                "danger"
                if deadline < today
                else "warning"
                if deadline <= today + datetime.timedelta(days=DRAFT_HORIZON_DAYS)
                else "info",
                due=deadline,
                kind="task",
            )
        )
    return items


def _sent_back(user: Any) -> list[AttentionItem]:
    """Drafts the municipal leadership sent back to the service, for the service leader to revise."""
    if not matching_memberships(user, perms.SUBMIT_ASSESSMENT):
        return []
    returned = visible(
        user,
        perms.SUBMIT_ASSESSMENT,
        Assessment.objects.filter(status=Assessment.Status.DRAFT, returned_at__isnull=False).select_related("service"),
    ).order_by("-returned_at")[:LIMIT]
    return [
        AttentionItem(
            _("Kommuneledelsen har sendt vurderingen for {year} tilbake").format(year=a.year),
            reverse("assessments:detail", args=[a.pk]) + "#kommentarer",
            _("{service}: les kommentaren, rett opp og send den inn igjen.").format(service=a.service.name),
            "warning",
        )
        for a in returned
    ]


def _awaiting_leadership(user: Any) -> list[AttentionItem]:
    """Submitted assessments the municipal leadership should read and forward (or send back)."""
    if not matching_memberships(user, perms.REVIEW_ASSESSMENT):
        return []
    waiting = queries.awaiting_leadership(user).order_by("submitted_at")[:LIMIT]
    return [
        AttentionItem(
            _("Vurderingen for {year} venter på kommuneledelsen").format(year=a.year),
            reverse("assessments:detail", args=[a.pk]) + "#kommuneledelsen",
            _("{service}: les, kommenter og send til Statsforvalteren, eller send den tilbake.").format(
                service=a.service.name
            ),
            "warning",
        )
        for a in waiting
    ]


def _forwarded_to_county(user: Any) -> list[AttentionItem]:
    """Forwarded assessments the county advisor has not yet discussed in a dialogue meeting."""
    if not matching_memberships(user, perms.DISCUSS_ASSESSMENT):
        return []
    forwarded = visible(
        user,
        perms.DISCUSS_ASSESSMENT,
        Assessment.objects.filter(status=Assessment.Status.FORWARDED).select_related("service"),
    ).order_by("forwarded_at")[:LIMIT]
    return [
        AttentionItem(
            _("Vurderingen for {year} er sendt til Statsforvalteren").format(year=a.year),
            reverse("assessments:detail", args=[a.pk]),
            _("{service}: drøft den i dialogmøtet.").format(service=a.service.name),
            "info",
        )
        for a in forwarded
    ]


def _meetings_soon(user: Any, today: datetime.date) -> list[AttentionItem]:
    if not matching_memberships(user, perms.VIEW_MEETINGS):
        return []
    start = timezone.now()
    meetings = visible(
        user,
        perms.VIEW_MEETINGS,
        DialogueMeeting.objects.filter(
            starts_at__gte=start,
            starts_at__lte=start + datetime.timedelta(days=MEETING_HORIZON_DAYS),
        ).select_related("municipality"),
    ).order_by("starts_at")[:LIMIT]
    return [
        AttentionItem(
            _("Dialogmøte med {name}").format(name=m.municipality.name),
            reverse("assessments:meeting-detail", args=[m.pk]),
            # The date is the card's own line (`due`); the detail adds only the time and the place.
            _("{time}, {place}.").format(time=formatting.time(m.starts_at), place=m.place),
            "info",
            due=timezone.localtime(m.starts_at).date(),
            kind="event",
        )
        for m in meetings
    ]


def _overdue_actions(user: Any) -> list[AttentionItem]:
    if not matching_memberships(user, perms.MANAGE_MEETINGS) and not matching_memberships(user, perms.VIEW_MEETINGS):
        return []
    count = queries.overdue_actions(user).count()
    if not count:
        return []
    return [
        AttentionItem(
            _("Avtalt oppfølging etter dialogmøter er forsinket"),
            reverse("assessments:meeting-list"),
            ngettext(
                "%(n)s oppfølgingspunkt har passert fristen.", "%(n)s oppfølgingspunkter har passert fristen.", count
            )
            % {"n": count},
            "danger",
        )
    ]


def _guidance(user: Any) -> list[AttentionItem]:
    """Guidance-team steps: who must act now (the county or Bufdir on a request and on an accepted
    offer; the municipality on an offer), and who waits for whom."""
    items: list[AttentionItem] = []
    url = lambda e: reverse("assessments:guidance-detail", args=[e.pk]) + "#neste-steg"  # noqa: E731
    if matching_memberships(user, perms.MANAGE_GUIDANCE):
        for e in queries.open_engagements_waiting(user, ("requested",), perms.MANAGE_GUIDANCE)[:LIMIT]:
            items.append(
                AttentionItem(
                    _("{service} ber om veiledningsteam").format(service=e.service.name),
                    url(e),
                    _("Tilby veiledningsteam, eller avslå med en begrunnelse. Kommunen venter på svar."),
                    "warning",
                )
            )
        for e in queries.open_engagements_waiting(user, ("accepted",), perms.MANAGE_GUIDANCE)[:LIMIT]:
            items.append(
                AttentionItem(
                    _("{service} har takket ja til veiledningsteam").format(service=e.service.name),
                    url(e),
                    _("Avtal periode og start oppdraget."),
                    "info",
                )
            )
        offered = queries.open_engagements_waiting(user, ("offered",), perms.MANAGE_GUIDANCE).count()
        if offered:
            items.append(
                AttentionItem(
                    ngettext(
                        "%(n)s tilbud om veiledningsteam venter på svar fra kommunen",
                        "%(n)s tilbud om veiledningsteam venter på svar fra kommunene",
                        offered,
                    )
                    % {"n": offered},
                    reverse("assessments:guidance-list"),
                    _("Kommunen takker ja eller nei."),
                    "info",
                    kind="info",
                )
            )
    if matching_memberships(user, perms.RESPOND_GUIDANCE):
        for e in queries.open_engagements_waiting(user, ("offered",), perms.RESPOND_GUIDANCE)[:LIMIT]:
            items.append(
                AttentionItem(
                    _("Tilbud om veiledningsteam til {service}").format(service=e.service.name),
                    url(e),
                    _("Takk ja eller nei. Veiledningsteam er frivillig; kommunen setter av tid og folk."),
                    "warning",
                )
            )
        for e in queries.open_engagements_waiting(user, ("requested",), perms.RESPOND_GUIDANCE)[:LIMIT]:
            items.append(
                AttentionItem(
                    _("Ønsket om veiledningsteam for {service} venter på Statsforvalteren").format(
                        service=e.service.name
                    ),
                    url(e),
                    _("Dere får et tilbud eller et svar her."),
                    "info",
                    kind="info",
                )
            )
    return items


def items_for(user: Any) -> list[AttentionItem]:
    today = timezone.localdate()
    return [
        *_drafts_due(user, today),
        *_assessments_to_start(user, today),
        *_sent_back(user),
        *_awaiting_leadership(user),
        *_forwarded_to_county(user),
        *_meetings_soon(user, today),
        *_overdue_actions(user),
        *_guidance(user),
    ]
