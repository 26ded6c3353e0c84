"""Guidance teams: nominations and requests, and the engagement that follows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.forms import EngagementForm, GuidanceProposalForm, GuidanceStepForm, SessionForm
from fagloft.assessments.models import GuidanceEngagement
from fagloft.assessments.views.common import run
from fagloft.lib.pages import breadcrumbs
from fagloft.organizations.models import Service

ENGAGEMENTS = GuidanceEngagement.objects.select_related("service__host_municipality", "need__assessment")


def _list_crumb() -> tuple[str, str]:
    return _("Veiledningsteam"), reverse("assessments:guidance-list")


def _detail_url(engagement: GuidanceEngagement) -> str:
    return reverse("assessments:guidance-detail", args=[engagement.pk])


def _proposable(user: Any) -> Any:
    services_qs = Service.objects.order_by("name")
    nominate = visible(user, perms.NOMINATE_GUIDANCE, services_qs)
    request = visible(user, perms.REQUEST_GUIDANCE, services_qs)
    return services_qs.filter(Q(pk__in=nominate.values("pk")) | Q(pk__in=request.values("pk")))


@requires(perms.VIEW_GUIDANCE)
def guidance_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "assessments/guidance_list.html",
        {
            "engagements": queries.visible_engagements(user).order_by("-created_at")[:200],
            "can_propose": can(user, perms.PROPOSE_GUIDANCE),
            "breadcrumbs": breadcrumbs((_("Veiledningsteam"), None)),
        },
    )


@requires(perms.PROPOSE_GUIDANCE)
def guidance_create(request: HttpRequest) -> HttpResponse:
    form = GuidanceProposalForm(request.POST or None, services=_proposable(request.user))
    if request.method == "POST":
        engagement = run(form, lambda data: services.propose_guidance(request.user, **data))
        if engagement is not None:
            messages.success(request, _("Forslaget om veiledningsteam er registrert."))
            return redirect(_detail_url(engagement))
    return render(
        request,
        "assessments/form_page.html",
        {
            "form": form,
            "title": _("Foreslå eller be om veiledningsteam"),
            "intro": _("Veiledningsteam er frivillig. Kommunen må sette av tid og folk til arbeidet."),
            "back_url": reverse("assessments:guidance-list"),
            "breadcrumbs": breadcrumbs(_list_crumb(), (_("Nytt forslag"), None)),
        },
        status=400 if form.errors else 200,
    )


def _steps(permitted: Any, engagement: GuidanceEngagement) -> dict[str, Any]:
    """The steps this user may take now: allowed by their actions and by the state."""
    return {
        name: step
        for name, step in services.GUIDANCE_STEPS.items()
        if permitted.get(step.action.short_name) and engagement.status == step.source
    }


def _detail(
    request: HttpRequest,
    engagement: GuidanceEngagement,
    *,
    form: Any = None,
    session_form: Any = None,
    step_form: Any = None,
) -> HttpResponse:
    permitted = permitted_actions(request.user, engagement)
    if permitted.manage_guidance:
        form = form or EngagementForm(instance=engagement)
        session_form = session_form or SessionForm()
    steps = _steps(permitted, engagement)
    if steps and step_form is None:
        step_form = GuidanceStepForm(initial={"version": engagement.version})
    bound = [f for f in (form, session_form, step_form) if f is not None and f.is_bound]
    return render(
        request,
        "assessments/guidance_detail.html",
        {
            "engagement": engagement,
            "form": form,
            "session_form": session_form,
            "permitted": permitted,
            "sessions": engagement.sessions.all(),
            "steps": steps,
            "step_form": step_form,
            "need": engagement.need,
            "breadcrumbs": breadcrumbs(_list_crumb(), (str(engagement.service), None)),
        },
        status=400 if any(f.errors for f in bound) else 200,
    )


@requires(perms.VIEW_GUIDANCE)
def guidance_detail(request: HttpRequest, engagement_id: int) -> HttpResponse:
    return _detail(request, fetch(request, ENGAGEMENTS, pk=engagement_id))


@requires(perms.MANAGE_GUIDANCE, read=perms.VIEW_GUIDANCE)
@require_POST
def guidance_edit(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = fetch(request, ENGAGEMENTS, pk=engagement_id)
    form = EngagementForm(request.POST, instance=engagement)
    saved = run(
        form,
        lambda data: services.update_engagement(
            request.user, engagement, expected_version=data["version"], **{n: data[n] for n in form._meta.fields or ()}
        ),
    )
    if saved is None:
        return _detail(request, engagement, form=form)
    messages.success(request, _("Endringene er lagret."))
    return redirect(_detail_url(engagement))


@requires(perms.MANAGE_GUIDANCE, read=perms.VIEW_GUIDANCE)
@require_POST
def session_add(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = fetch(request, ENGAGEMENTS, pk=engagement_id)
    form = SessionForm(request.POST)
    if run(form, lambda data: services.add_session(request.user, engagement, **data)) is None:
        return _detail(request, engagement, session_form=form)
    messages.success(request, _("Veiledningsmøtet er registrert."))
    return redirect(_detail_url(engagement) + "#moter")


def _step_view(name: str) -> Any:
    step = services.GUIDANCE_STEPS[name]
    use_case = services.GUIDANCE_USE_CASES[name]

    @requires(step.action, read=perms.VIEW_GUIDANCE)
    @require_POST
    def view(request: HttpRequest, engagement_id: int) -> HttpResponse:
        engagement = fetch(request, ENGAGEMENTS, pk=engagement_id)
        form = GuidanceStepForm(request.POST)
        done = run(
            form,
            lambda data: use_case(request.user, engagement, expected_version=data.get("version"), note=data["note"]),
        )
        if done is None:
            engagement.refresh_from_db()
            return _detail(request, engagement, step_form=form)
        messages.success(request, _("Oppdraget er {step}.").format(step=step.label))
        return redirect(_detail_url(engagement))

    view.__name__ = f"guidance_{name}"
    return view


guidance_offer = _step_view("offer")
guidance_turn_down = _step_view("turn_down")
guidance_accept = _step_view("accept")
guidance_decline = _step_view("decline")
guidance_start = _step_view("start")
guidance_end = _step_view("end")
