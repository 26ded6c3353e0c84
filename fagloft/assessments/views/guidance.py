"""Guidance teams: nominations and requests, and the engagement that follows."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, get_object_for, requires, visible
from fagloft.assessments import permissions as perms
from fagloft.assessments import queries, services
from fagloft.assessments.forms import EngagementForm, GuidanceProposalForm, SessionForm
from fagloft.assessments.models import GuidanceEngagement
from fagloft.assessments.views.common import crumbs
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.organizations.models import Service

ENGAGEMENTS = GuidanceEngagement.objects.select_related("service__host_municipality")


def _list_crumb() -> tuple[str, str]:
    return _("Veiledningsteam"), reverse("assessments:guidance-list")


def _proposable(user) -> object:
    services_qs = Service.objects.order_by("name")
    nominate = visible(user, perms.NOMINATE_GUIDANCE, services_qs)
    request = visible(user, perms.REQUEST_GUIDANCE, services_qs)
    return services_qs.filter(Q(pk__in=nominate.values("pk")) | Q(pk__in=request.values("pk")))


@requires(perms.VIEW_GUIDANCE)
def guidance_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(request, "assessments/guidance_list.html", {
        "engagements": queries.visible_engagements(user).order_by("-created_at")[:200],
        "can_propose": can(user, perms.NOMINATE_GUIDANCE) or can(user, perms.REQUEST_GUIDANCE),
        "breadcrumbs": crumbs((_("Veiledningsteam"), None)),
    })


@requires(perms.VIEW_GUIDANCE)
def guidance_create(request: HttpRequest) -> HttpResponse:
    form = GuidanceProposalForm(request.POST or None, services=_proposable(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.propose_guidance(request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Forslaget om veiledningsteam er registrert."))
            return redirect("assessments:guidance-detail", engagement_id=engagement.pk)
    return render(request, "assessments/form_page.html", {
        "form": form, "title": _("Foreslå eller be om veiledningsteam"),
        "intro": _("Veiledningsteam er frivillig. Kommunen må sette av tid og folk til arbeidet."),
        "back_url": reverse("assessments:guidance-list"),
        "breadcrumbs": crumbs(_list_crumb(), (_("Nytt forslag"), None)),
    })


@requires(perms.VIEW_GUIDANCE)
def guidance_detail(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = get_object_for(request.user, perms.VIEW_GUIDANCE, ENGAGEMENTS, pk=engagement_id)
    can_manage = can(request.user, perms.MANAGE_GUIDANCE, engagement)
    form = EngagementForm(request.POST or None, instance=engagement) if can_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.update_engagement(request.user, engagement, expected_version=form.cleaned_data["expected_version"],
                                       **{n: form.cleaned_data[n] for n in form._meta.fields})
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except services.WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("assessments:guidance-detail", engagement_id=engagement.pk)
    return render(request, "assessments/guidance_detail.html", {
        "engagement": engagement, "form": form, "session_form": SessionForm() if can_manage else None,
        "sessions": engagement.sessions.all(),
        "breadcrumbs": crumbs(_list_crumb(), (str(engagement.service), None)),
    })


@requires(perms.MANAGE_GUIDANCE)
@require_POST
def session_add(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = get_object_for(request.user, perms.MANAGE_GUIDANCE, ENGAGEMENTS, read_action=perms.VIEW_GUIDANCE,
                                pk=engagement_id)
    form = SessionForm(request.POST)
    if form.is_valid():
        services.add_session(request.user, engagement, **form.cleaned_data)
        messages.success(request, _("Veiledningsmøtet er registrert."))
    else:
        messages.error(request, "; ".join(f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items()))
    return redirect(reverse("assessments:guidance-detail", args=[engagement.pk]) + "#moter")
