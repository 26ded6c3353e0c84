"""Dialogue meetings: the county schedules, writes minutes and agreed actions; others read."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, get_object_for, requires, visible
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.forms import ActionForm, MeetingForm, MinutesForm
from fagloft.assessments.models import AgreedAction, Assessment, DialogueMeeting
from fagloft.assessments.views.common import crumbs
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.organizations.models import Municipality, Service

MEETINGS = DialogueMeeting.objects.select_related("municipality", "service", "county", "assessment")


def _list_crumb() -> tuple[str, str]:
    return _("Dialogmøter"), reverse("assessments:meeting-list")


@requires(perms.VIEW_MEETINGS)
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/meeting_list.html", {
        "meetings": queries.visible_meetings(request.user).order_by("-starts_at")[:200],
        "can_schedule": can(request.user, perms.MANAGE_MEETINGS),
        "breadcrumbs": crumbs((_("Dialogmøter"), None)),
    })


@requires(perms.MANAGE_MEETINGS)
def meeting_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = MeetingForm(
        request.POST or None, initial={"agenda": services.default_agenda()},
        services=visible(user, perms.MANAGE_MEETINGS, Service.objects.order_by("name")),
        municipalities=visible(user, perms.MANAGE_MEETINGS, Municipality.objects.order_by("name")),
        assessments=visible(user, perms.MANAGE_MEETINGS, Assessment.objects.select_related("service")),
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(user, **form.cleaned_data)
        except services.WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Dialogmøtet er planlagt."))
            return redirect("assessments:meeting-detail", meeting_id=meeting.pk)
    return render(request, "assessments/form_page.html", {
        "form": form, "title": _("Planlegg dialogmøte"), "back_url": reverse("assessments:meeting-list"),
        "breadcrumbs": crumbs(_list_crumb(), (_("Nytt dialogmøte"), None)),
    })


@requires(perms.VIEW_MEETINGS)
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_for(request.user, perms.VIEW_MEETINGS, MEETINGS, pk=meeting_id)
    can_manage = can(request.user, perms.MANAGE_MEETINGS, meeting)
    form = MinutesForm(request.POST or None, instance=meeting) if can_manage else None
    if request.method == "POST":
        if form is None:
            return redirect("assessments:meeting-detail", meeting_id=meeting.pk)
        if form.is_valid():
            try:
                services.update_meeting(request.user, meeting, expected_version=form.cleaned_data["expected_version"],
                                        **{n: form.cleaned_data[n] for n in form._meta.fields})
            except ConcurrentEditError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Referatet er lagret."))
                return redirect("assessments:meeting-detail", meeting_id=meeting.pk)
    return render(request, "assessments/meeting_detail.html", {
        "meeting": meeting, "form": form, "action_form": ActionForm() if can_manage else None,
        "actions": meeting.actions.all(), "can_manage": can_manage,
        "breadcrumbs": crumbs(_list_crumb(), (str(meeting), None)),
    })


@requires(perms.MANAGE_MEETINGS)
@require_POST
def action_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_for(request.user, perms.MANAGE_MEETINGS, MEETINGS, read_action=perms.VIEW_MEETINGS,
                             pk=meeting_id)
    form = ActionForm(request.POST)
    if form.is_valid():
        services.add_action(request.user, meeting, **form.cleaned_data)
        messages.success(request, _("Oppfølgingspunktet er lagt til."))
    else:
        messages.error(request, "; ".join(f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items()))
    return redirect(reverse("assessments:meeting-detail", args=[meeting.pk]) + "#oppfolging")


@requires(perms.MANAGE_MEETINGS)
@require_POST
def action_done(request: HttpRequest, meeting_id: int, action_id: int) -> HttpResponse:
    action = get_object_for(request.user, perms.MANAGE_MEETINGS, AgreedAction.objects.select_related("meeting"),
                            read_action=perms.VIEW_MEETINGS, pk=action_id, meeting_id=meeting_id)
    services.set_action_done(request.user, action, done=request.POST.get("done") == "1")
    return redirect(reverse("assessments:meeting-detail", args=[meeting_id]) + "#oppfolging")
