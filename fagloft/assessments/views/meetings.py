"""Dialogue meetings: the county schedules, writes minutes and agreed actions; others read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.forms import ActionForm, MeetingForm, MinutesForm
from fagloft.assessments.models import AgreedAction, Assessment, DialogueMeeting
from fagloft.assessments.views.common import run
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.models import Municipality, Service

MEETINGS = DialogueMeeting.objects.select_related("municipality", "service", "county", "assessment")


def _list_crumb() -> tuple[str, str]:
    return _("Dialogmøter"), reverse("assessments:meeting-list")


def _detail_url(meeting: DialogueMeeting) -> str:
    return reverse("assessments:meeting-detail", args=[meeting.pk])


@requires(perms.VIEW_MEETINGS)
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessments/meeting_list.html",
        {
            "meetings": queries.visible_meetings(request.user).order_by("-starts_at")[:200],
            "can_schedule": can(request.user, perms.MANAGE_MEETINGS),
            "breadcrumbs": breadcrumbs((_("Dialogmøter"), None)),
        },
    )


@requires(perms.MANAGE_MEETINGS)
def meeting_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = MeetingForm(
        request.POST or None,
        initial={"agenda": services.default_agenda()},
        services=visible(user, perms.MANAGE_MEETINGS, Service.objects.order_by("name")),
        municipalities=visible(user, perms.MANAGE_MEETINGS, Municipality.objects.order_by("name")),
        # Only assessments the county may read: forwarded by the municipal leadership or later.
        # Only the columns the options' labels read: the admin's picker lists every forwarded
        # assessment in the country, and each full row decodes its JSON columns.
        assessments=queries.visible_assessments(user)
        .filter(pk__in=visible(user, perms.MANAGE_MEETINGS, Assessment.objects.all()).values("pk"))
        .select_related(None)
        .select_related("service")
        .only("id", "service__id", "service__name", "year", "revision"),
    )
    if request.method == "POST":
        meeting = run(form, lambda data: services.schedule_meeting(user, **data))
        if meeting is not None:
            messages.success(request, _("Dialogmøtet er planlagt."))
            return redirect(_detail_url(meeting))
    return render(
        request,
        "assessments/form_page.html",
        {
            "form": form,
            "title": _("Planlegg dialogmøte"),
            "back_url": reverse("assessments:meeting-list"),
            "breadcrumbs": breadcrumbs(_list_crumb(), (_("Nytt dialogmøte"), None)),
        },
        status=400 if form.errors else 200,
    )


def _detail(
    request: HttpRequest, meeting: DialogueMeeting, *, form: Any = None, action_form: Any = None
) -> HttpResponse:
    permitted = permitted_actions(request.user, meeting)
    if permitted.manage_meetings:
        form = form or MinutesForm(instance=meeting)
        action_form = action_form or ActionForm()
    bound = [f for f in (form, action_form) if f is not None and f.is_bound]
    return render(
        request,
        "assessments/meeting_detail.html",
        {
            "meeting": meeting,
            "form": form,
            "action_form": action_form,
            "permitted": permitted,
            "actions": meeting.actions.all(),
            "breadcrumbs": breadcrumbs(_list_crumb(), (str(meeting), None)),
        },
        status=400 if any(f.errors for f in bound) else 200,
    )


@requires(perms.VIEW_MEETINGS)
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = fetch(request, MEETINGS, pk=meeting_id)
    return _detail(request, meeting)


@requires(perms.MANAGE_MEETINGS, read=perms.VIEW_MEETINGS)
@require_POST
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = fetch(request, MEETINGS, pk=meeting_id)
    form = MinutesForm(request.POST, instance=meeting)
    saved = run(
        form,
        lambda data: services.update_meeting(
            request.user, meeting, expected_version=data["version"], **{n: data[n] for n in form._meta.fields or ()}
        ),
    )
    if saved is None:
        return _detail(request, meeting, form=form)
    messages.success(request, _("Referatet er lagret."))
    return redirect(_detail_url(meeting))


@requires(perms.MANAGE_MEETINGS, read=perms.VIEW_MEETINGS)
@require_POST
def action_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = fetch(request, MEETINGS, pk=meeting_id)
    form = ActionForm(request.POST)
    if run(form, lambda data: services.add_action(request.user, meeting, **data)) is None:
        return _detail(request, meeting, action_form=form)
    messages.success(request, _("Oppfølgingspunktet er lagt til."))
    return redirect(_detail_url(meeting) + "#oppfolging")


@requires(perms.MANAGE_MEETINGS, read=perms.VIEW_MEETINGS)
@require_POST
def action_done(request: HttpRequest, meeting_id: int, action_id: int) -> HttpResponse:
    action = fetch(request, AgreedAction.objects.select_related("meeting"), pk=action_id, meeting_id=meeting_id)
    services.set_action_done(request.user, action, done=request.POST.get("done") == "1")
    return redirect(reverse("assessments:meeting-detail", args=[meeting_id]) + "#oppfolging")
