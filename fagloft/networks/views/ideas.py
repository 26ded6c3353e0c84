"""The idea bank: list and propose, read, support, comment, prioritise, turn into a project."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import Action, can, requires
from fagloft.networks import queries, services
from fagloft.networks.forms import (
    CommentForm,
    IdeaForm,
    IdeaToProjectForm,
    PrioritiseForm,
)
from fagloft.networks.models import Idea, IdeaSupport, Network
from fagloft.networks.permissions import (
    MANAGE_NETWORK,
    PRIORITISE_IDEAS,
    TAKE_PART,
    VIEW_NETWORK,
)
from fagloft.networks.views.common import form_page, network_crumbs


def may_prioritise(user: Any, network: Network) -> bool:
    """The steering group prioritises; those who run the network may too."""
    if not can(user, PRIORITISE_IDEAS, network):
        return False
    own = queries.own_coordinated_network_ids(user)
    manages = can(user, MANAGE_NETWORK, network) and (own is None or network.pk in own)
    return manages or queries.is_steering_member(user, network)


@requires(VIEW_NETWORK)
def idea_list(request: HttpRequest, network_id: int) -> HttpResponse:
    network = queries.get_network(request.user, VIEW_NETWORK, network_id)
    can_propose = can(request.user, TAKE_PART, network)
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and can_propose and form.is_valid():
        idea = services.propose_idea(request.user, network, **form.cleaned_data)
        messages.success(request, _("Idéen er lagt i idébanken."))
        return redirect("networks:idea-detail", idea.pk)
    return render(request, "networks/ideas.html", {
        "network": network, "ideas": list(queries.ideas_of(network)), "form": form if can_propose else None,
        "breadcrumbs": network_crumbs(network, (_("Idébank"), None)),
    })


def _idea(request: HttpRequest, action: Action, idea_id: int) -> Idea:
    return queries.get_in_network(request.user, action, Idea.objects.select_related("network", "proposed_by",
                                                                                   "project"), pk=idea_id)


@requires(VIEW_NETWORK)
def idea_detail(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, VIEW_NETWORK, idea_id)
    network = idea.network
    prioritise = may_prioritise(request.user, network)
    return render(request, "networks/idea_detail.html", {
        "idea": idea, "network": network,
        "comments": list(idea.comments.select_related("author")),
        "support_count": idea.supports.count(),
        "supported": IdeaSupport.objects.filter(idea=idea, user=request.user).exists(),
        "can_take_part": can(request.user, TAKE_PART, idea),
        "comment_form": CommentForm(),
        "prioritise_form": PrioritiseForm(initial={"status": idea.status, "priority": idea.priority})
        if prioritise else None,
        "can_make_project": prioritise and idea.project_id is None,
        "breadcrumbs": network_crumbs(network, (_("Idébank"), None), (idea.title, None)),
    })


@require_POST
@requires(TAKE_PART)
def idea_support(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, TAKE_PART, idea_id)
    supported = services.support_idea(request.user, idea)
    messages.success(request, _("Du støtter idéen.") if supported else _("Du støtter ikke lenger idéen."))
    return redirect("networks:idea-detail", idea.pk)


@require_POST
@requires(TAKE_PART)
def idea_comment(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, TAKE_PART, idea_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_on_idea(request.user, idea, text=form.cleaned_data["text"])
        messages.success(request, _("Kommentaren er lagt til."))
    else:
        messages.error(request, _("Kommentar: skriv en kommentar før du sender."))
    return redirect("networks:idea-detail", idea.pk)


@require_POST
@requires(PRIORITISE_IDEAS)
def idea_prioritise(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, VIEW_NETWORK, idea_id)
    form = PrioritiseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Prioritet må være et tall fra 1 til 99."))
        return redirect("networks:idea-detail", idea.pk)
    services.prioritise_idea(request.user, idea, status=form.cleaned_data["status"],
                             priority=form.cleaned_data["priority"], may_prioritise=may_prioritise(request.user,
                                                                                                     idea.network))
    messages.success(request, _("Prioriteringen er lagret."))
    return redirect("networks:idea-detail", idea.pk)


@requires(PRIORITISE_IDEAS)
def idea_to_project(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _idea(request, VIEW_NETWORK, idea_id)
    if not may_prioritise(request.user, idea.network):
        raise PermissionDenied
    form = IdeaToProjectForm(request.POST or None, municipalities=queries.member_municipalities(idea.network))
    if request.method == "POST" and form.is_valid():
        try:
            project = services.idea_to_project(request.user, idea, may_prioritise=True, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("Idéen er blitt et utviklingsprosjekt."))
            return redirect("networks:project-detail", project.pk)
    return form_page(request, title=_("Gjør «%(idea)s» til et utviklingsprosjekt") % {"idea": idea.title}, form=form,
                     breadcrumbs=network_crumbs(idea.network, (idea.title, None)))
