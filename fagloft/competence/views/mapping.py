"""Mapping rounds (kartlegging): the leader opens, employees rate themselves, the leader assesses."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, get_object_for, requires
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.competence import queries, services
from fagloft.competence.forms import OpenRoundForm, RatingForm
from fagloft.competence.models import (
    CompetenceSettings,
    Employee,
    MappingAnswer,
    MappingRound,
    ScaleLevel,
)
from fagloft.competence.permissions import ANSWER_MAPPING, MANAGE_MAPPING, VIEW_OVERVIEW
from fagloft.competence.views.common import service_crumbs, service_for


@requires(VIEW_OVERVIEW)
def round_list(request: HttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request.user, VIEW_OVERVIEW, service_id)
    can_manage = can(request.user, MANAGE_MAPPING, service)
    form = OpenRoundForm(request.POST or None, initial={"areas": list(OpenRoundForm.base_fields["areas"].queryset)})
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            mapping_round = services.open_round(request.user, service, form.cleaned_data["title"],
                                                form.cleaned_data["closes_on"], form.cleaned_data["areas"])
            messages.success(request, _("Kartleggingen er åpnet. De ansatte kan nå svare."))
            return redirect("competence:round", round_id=mapping_round.pk)
    return render(request, "competence/round_list.html", {
        "service": service, "rounds": service.mapping_rounds.all(), "form": form if can_manage else None,
        "breadcrumbs": service_crumbs(service, (_("Kartlegging"), None)),
    })


def _round(request: HttpRequest, action, round_id: int) -> MappingRound:
    return get_object_for(request.user, action, MappingRound.objects.select_related("service"),
                          read_action=VIEW_OVERVIEW, pk=round_id)


def _own_employee(request: HttpRequest, mapping_round: MappingRound) -> Employee | None:
    return Employee.objects.filter(user=request.user, service=mapping_round.service, anonymised_at__isnull=True,
                                   ended_on__isnull=True).first()


@requires(VIEW_OVERVIEW)
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    mapping_round = _round(request, VIEW_OVERVIEW, round_id)
    can_manage = can(request.user, MANAGE_MAPPING, mapping_round)
    settings = CompetenceSettings.current()
    staff = list(queries.current_staff(mapping_round.service)) if can_manage else []
    progress = queries.round_progress(mapping_round) if can_manage else {}
    return render(request, "competence/round_detail.html", {
        "round": mapping_round, "can_manage": can_manage,
        "own": _own_employee(request, mapping_round) if can(request.user, ANSWER_MAPPING, mapping_round) else None,
        "staff": [(e, progress.get(e.pk, {"self": 0, "leader": 0})) for e in staff],
        "area_count": mapping_round.areas.count(),
        "results": queries.mapping_results([mapping_round.service_id], settings.min_group_size, [mapping_round.pk]),
        "min_group": settings.min_group_size,
        "breadcrumbs": service_crumbs(mapping_round.service, (_("Kartlegging"), reverse(
            "competence:rounds", args=[mapping_round.service_id])), (mapping_round.title, None)),
    })


def _rating_page(request: HttpRequest, mapping_round: MappingRound, employee: Employee,
                 as_leader: bool) -> HttpResponse:
    areas = list(mapping_round.areas.all())
    answers = {a.area_id: a for a in MappingAnswer.objects.filter(round=mapping_round, employee=employee)}
    field = "leader_rating" if as_leader else "self_rating"
    initial = {area_id: (getattr(a, field), a.comment) for area_id, a in answers.items()}
    form = RatingForm(request.POST or None, areas=areas, initial_ratings=initial, with_comment=not as_leader)
    closed = mapping_round.state == MappingRound.State.CLOSED
    if request.method == "POST" and not closed and form.is_valid():
        services.save_ratings(request.user, mapping_round, employee, form.ratings(), as_leader)
        messages.success(request, _("Svarene er lagret."))
        return redirect("competence:round", round_id=mapping_round.pk)
    return render(request, "competence/round_rate.html", {
        "round": mapping_round, "employee": employee, "form": form, "as_leader": as_leader, "closed": closed,
        "self_ratings": {a.area_id: a for a in answers.values()} if as_leader else {},
        "scale": list(ScaleLevel.objects.all()),
        "breadcrumbs": service_crumbs(mapping_round.service, (mapping_round.title, reverse(
            "competence:round", args=[mapping_round.pk])), (_("Vurdering") if as_leader else _("Mine svar"), None)),
    })


@requires(ANSWER_MAPPING)
def round_answer(request: HttpRequest, round_id: int) -> HttpResponse:
    mapping_round = _round(request, ANSWER_MAPPING, round_id)
    employee = _own_employee(request, mapping_round)
    if employee is None:
        raise Http404
    return _rating_page(request, mapping_round, employee, as_leader=False)


@requires(MANAGE_MAPPING)
def round_assess(request: HttpRequest, round_id: int, employee_id: int) -> HttpResponse:
    mapping_round = _round(request, MANAGE_MAPPING, round_id)
    employee = get_object_or_404(Employee, pk=employee_id, service=mapping_round.service, anonymised_at__isnull=True)
    return _rating_page(request, mapping_round, employee, as_leader=True)


@requires(MANAGE_MAPPING)
@require_POST
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    mapping_round = _round(request, MANAGE_MAPPING, round_id)
    try:
        services.close_round(request.user, mapping_round, int(request.POST.get("version") or 0))
    except ConcurrentEditError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Kartleggingen er avsluttet."))
    return redirect("competence:round", round_id=mapping_round.pk)
