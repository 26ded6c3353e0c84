"""The idea bank: list and propose, read, support, comment, prioritise, turn into a project."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks import queries, services
from fagloft.networks.forms import (
    CommentForm,
    IdeaForm,
    IdeaToProjectForm,
    PrioritiseForm,
)
from fagloft.networks.models import Idea, IdeaSupport, Network
from fagloft.networks.permissions import (
    PRIORITISE_IDEAS,
    TAKE_PART,
    VIEW_NETWORK,
)
from fagloft.networks.views.common import network_crumbs

IDEAS = Idea.objects.select_related("network", "proposed_by", "project")


@requires(VIEW_NETWORK)
def idea_list(request: HttpRequest, network_id: int) -> HttpResponse:
    """The idea bank; members propose here too (the use case `propose_idea` checks TAKE_PART)."""
    network = fetch(request, Network.objects.select_related("county"), pk=network_id)
    permitted = permitted_actions(request.user, network)
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        idea = services.propose_idea(request.user, network, **form.cleaned_data)
        messages.success(request, _("Idéen er lagt i idébanken."))
        return redirect("networks:idea-detail", idea.pk)
    return render(
        request,
        "networks/ideas.html",
        {
            "network": network,
            "ideas": list(queries.ideas_of(network)),
            "form": form if permitted.take_part else None,
            "breadcrumbs": network_crumbs(network, (_("Idébank"), None)),
        },
    )


@requires(VIEW_NETWORK)
def idea_detail(request: AuthenticatedHttpRequest, idea_id: int) -> HttpResponse:
    idea = fetch(request, IDEAS, pk=idea_id)
    permitted = permitted_actions(request.user, idea)
    return render(
        request,
        "networks/idea_detail.html",
        {
            "idea": idea,
            "network": idea.network,
            "permitted": permitted,
            "comments": list(idea.comments.select_related("author")),
            "support_count": idea.supports.count(),
            "supported": IdeaSupport.objects.filter(idea=idea, user=request.user).exists(),
            "comment_form": CommentForm(),
            "prioritise_form": PrioritiseForm(initial={"status": idea.status, "priority": idea.priority})
            if permitted.prioritise_ideas
            else None,
            "breadcrumbs": network_crumbs(idea.network, (_("Idébank"), None), (idea.title, None)),
        },
    )


@require_POST
@requires(TAKE_PART, read=VIEW_NETWORK)
def idea_support(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = fetch(request, IDEAS, pk=idea_id)
    supported = services.support_idea(request.user, idea)
    messages.success(request, _("Du støtter idéen.") if supported else _("Du støtter ikke lenger idéen."))
    return redirect("networks:idea-detail", idea.pk)


@require_POST
@requires(TAKE_PART, read=VIEW_NETWORK)
def idea_comment(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = fetch(request, IDEAS, pk=idea_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_on_idea(request.user, idea, text=form.cleaned_data["text"])
        messages.success(request, _("Kommentaren er lagt til."))
    else:
        messages.error(request, _("Kommentar: skriv en kommentar før du sender."))
    return redirect("networks:idea-detail", idea.pk)


@require_POST
@requires(PRIORITISE_IDEAS, read=VIEW_NETWORK)
def idea_prioritise(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = fetch(request, IDEAS, pk=idea_id)
    form = PrioritiseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Prioritet må være et tall fra 1 til 99."))
        return redirect("networks:idea-detail", idea.pk)
    services.prioritise_idea(
        request.user, idea, status=form.cleaned_data["status"], priority=form.cleaned_data["priority"]
    )
    messages.success(request, _("Prioriteringen er lagret."))
    return redirect("networks:idea-detail", idea.pk)


@requires(PRIORITISE_IDEAS, read=VIEW_NETWORK)
def idea_to_project(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = fetch(request, IDEAS, pk=idea_id)
    form = IdeaToProjectForm(request.POST or None, municipalities=queries.member_municipalities(idea.network))
    if request.method == "POST" and form.is_valid():
        try:
            project = services.idea_to_project(request.user, idea, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Idéen er blitt et utviklingsprosjekt."))
            return redirect("networks:project-detail", project.pk)
    return form_page(
        request,
        title=_("Gjør «%(idea)s» til et utviklingsprosjekt") % {"idea": idea.title},
        form=form,
        breadcrumbs=network_crumbs(idea.network, (idea.title, None)),
    )
