"""The resource library: search, propose, versions, approval, download (only with access)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, can, fetch, has_role, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.knowledge import files, queries, services
from fagloft.knowledge.forms import LibraryItemForm, LibrarySearchForm, LibraryTargetForm, LinkForm, VersionForm
from fagloft.knowledge.models import LibraryItem, LibraryVersion
from fagloft.knowledge.permissions import APPROVE, CONTRIBUTE, LINK, MANAGE_COORDINATORS, VIEW_LIBRARY
from fagloft.knowledge.views.common import confirm_page, crumbs, is_confirmed
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import form_page
from fagloft.lib.refusals import Refused
from fagloft.networks.models import DevelopmentProject, Network
from fagloft.networks.permissions import VIEW_NETWORK


def _library_crumbs(*pairs: tuple[str, str | None]) -> list:
    return crumbs((_("Ressursbibliotek"), reverse("knowledge:library")), *pairs)


@requires(VIEW_LIBRARY)
def library(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET or None)
    text = form.cleaned_data.get("q", "") if form.is_valid() else ""
    items = list(queries.library_for(request.user, text))
    # Readers see what is published; owners and coordinators see their drafts and what waits.
    shown = [i for i in items if i.status == LibraryItem.Status.PUBLISHED or can(request.user, CONTRIBUTE, i)]
    return render(
        request,
        "knowledge/library.html",
        {
            "form": form,
            "items": shown,
            "can_contribute": can(request.user, CONTRIBUTE),
            "can_manage_coordinators": can(request.user, MANAGE_COORDINATORS),
            "breadcrumbs": crumbs((_("Ressursbibliotek"), None)),
        },
    )


def _targets(request: AuthenticatedHttpRequest) -> list[tuple[str, str]]:
    choices = [("", _("Velg bibliotek"))]
    if has_role(request.user, *GLOBAL_ROLES):
        choices.append(("national", _("Nasjonalt bibliotek (Bufdir)")))
    for network in visible(request.user, CONTRIBUTE, Network.objects.all()).order_by("name"):
        choices.append((str(network.pk), str(network)))
    return choices


@requires(CONTRIBUTE, read=VIEW_LIBRARY)
def item_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LibraryItemForm(request.POST or None, prefix="item")
    target = LibraryTargetForm(request.POST or None, choices=_targets(request), prefix="target")
    if request.method == "POST" and form.is_valid() and target.is_valid():
        chosen = target.cleaned_data["library"]
        network = None
        if chosen != "national":
            network = visible(request.user, CONTRIBUTE, Network.objects.all()).filter(pk=chosen).first()
            if network is None:
                raise Http404
        item = services.create_library_item(request.user, network, **form.cleaned_data)
        messages.success(request, _("Malen er opprettet som utkast. Last opp filen for å sende den til godkjenning."))
        return redirect("knowledge:library-item", item.pk)
    return render(
        request,
        "knowledge/library_item_form.html",
        {"form": form, "target": target, "breadcrumbs": _library_crumbs((_("Ny mal eller veileder"), None))},
    )


@requires(VIEW_LIBRARY)
def item_detail(request: AuthenticatedHttpRequest, library_item_id: int) -> HttpResponse:
    item = fetch(request, LibraryItem.objects.select_related("network", "published_version"), pk=library_item_id)
    permitted = permitted_actions(request.user, item)
    if item.status != LibraryItem.Status.PUBLISHED and not permitted.contribute:
        raise Http404
    versions = list(item.versions.select_related("uploaded_by", "decided_by"))
    if not (permitted.contribute or permitted.approve):
        versions = [v for v in versions if v.state == LibraryVersion.State.APPROVED]
    projects = visible(request.user, VIEW_NETWORK, DevelopmentProject.objects.all()).values("pk")
    return render(
        request,
        "knowledge/library_item.html",
        {
            "item": item,
            "versions": versions,
            "permitted": permitted,
            "project_uses": list(item.project_uses.filter(project__in=projects).select_related("project")),
            "can_link": can(request.user, LINK),
            "breadcrumbs": _library_crumbs((item.title, None)),
        },
    )


@requires(CONTRIBUTE, read=VIEW_LIBRARY)
def version_add(request: AuthenticatedHttpRequest, library_item_id: int) -> HttpResponse:
    item = fetch(request, LibraryItem, pk=library_item_id)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_version(request.user, item, upload=form.cleaned_data["file"], note=form.cleaned_data["note"])
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Versjonen er lastet opp og venter på godkjenning av koordinatoren."))
            return redirect("knowledge:library-item", item.pk)
    return form_page(
        request,
        title=_("Last opp ny versjon"),
        form=form,
        multipart=True,
        submit=_("Last opp"),
        breadcrumbs=_library_crumbs(
            (item.title, reverse("knowledge:library-item", args=[item.pk])), (_("Ny versjon"), None)
        ),
    )


def _decide(request: AuthenticatedHttpRequest, library_version_id: int, approve: bool) -> HttpResponse:
    version = fetch(request, LibraryVersion.objects.select_related("item"), pk=library_version_id)
    confirm = ConfirmForm(request.POST if is_confirmed(request) else None)
    item_url = reverse("knowledge:library-item", args=[version.item_id])
    if is_confirmed(request) and confirm.is_valid():
        try:
            if approve:
                services.approve_version(request.user, version)
            else:
                services.reject_version(request.user, version)
        except Refused as error:
            confirm.refuse(error)
        else:
            messages.success(
                request, _("Versjonen er godkjent og publisert.") if approve else _("Versjonen er avvist.")
            )
            return redirect(item_url)
    if approve:
        consequences = [
            _("Versjon %(n)s av «%(title)s» publiseres, og alle som har tilgang til biblioteket, kan laste den ned.")
            % {"n": version.number, "title": version.item.title},
            _("En tidligere publisert versjon blir liggende i historikken."),
        ]
    else:
        consequences = [_("Versjon %(n)s avvises og publiseres ikke.") % {"n": version.number}]
    return confirm_page(
        request,
        title=_("Godkjenn versjon") if approve else _("Avvis versjon"),
        consequences=consequences,
        submit=_("Godkjenn og publiser") if approve else _("Avvis"),
        cancel_url=item_url,
        breadcrumbs=_library_crumbs((version.item.title, item_url), (_("Godkjenning"), None)),
        confirm_form=confirm,
    )


@requires(APPROVE, read=VIEW_LIBRARY)
def version_approve(request: AuthenticatedHttpRequest, library_version_id: int) -> HttpResponse:
    return _decide(request, library_version_id, True)


@requires(APPROVE, read=VIEW_LIBRARY)
def version_reject(request: AuthenticatedHttpRequest, library_version_id: int) -> HttpResponse:
    return _decide(request, library_version_id, False)


@requires(VIEW_LIBRARY)
def version_file(request: AuthenticatedHttpRequest, library_version_id: int) -> HttpResponse:
    """The file, only to those who may read the item: an approved version to every reader, the
    others to the owner and the coordinators."""
    version = fetch(request, LibraryVersion.objects.select_related("item"), pk=library_version_id)
    item = version.item
    if version.state != LibraryVersion.State.APPROVED and not can(request.user, CONTRIBUTE, item):
        raise Http404
    if not version.file or not version.file.name:
        raise Http404
    if version.state == LibraryVersion.State.APPROVED:
        services.count_download(request.user, item)
    content_type = files.TYPES.get(files.suffix_of(version.file_name), ("", "application/octet-stream"))[1]
    with version.file.open("rb") as handle:
        body = handle.read(files.MAX_BYTES + 1)
    # A plain response (files are at most 20 MB): the name goes through Django's RFC 5987 quoting.
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, version.file_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(LINK, read=VIEW_LIBRARY)
def item_link(request: AuthenticatedHttpRequest, library_item_id: int) -> HttpResponse:
    item = fetch(request, LibraryItem, pk=library_item_id)
    projects = visible(request.user, LINK, DevelopmentProject.objects.select_related("network")).order_by("title")[:200]
    form = LinkForm(request.POST or None, choices=[(str(p.pk), f"{p.title} ({p.network})") for p in projects])
    if request.method == "POST" and form.is_valid():
        project = visible(request.user, LINK, DevelopmentProject.objects.all()).get(pk=int(form.cleaned_data["target"]))
        try:
            services.link_project(request.user, project, library_item=item)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Malen er koblet til prosjektet."))
            return redirect("knowledge:library-item", item.pk)
    return form_page(
        request,
        title=_("Koble malen til et prosjekt"),
        form=form,
        submit=_("Koble"),
        breadcrumbs=_library_crumbs(
            (item.title, reverse("knowledge:library-item", args=[item.pk])), (_("Koble"), None)
        ),
    )
