"""Mapping rounds (kartlegging): the leader opens, employees rate themselves, the leader assesses."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.competence import queries, services
from fagloft.competence.forms import OpenRoundForm, RatingForm
from fagloft.competence.models import (
    CompetenceSettings,
    Employee,
    FrameworkArea,
    MappingAnswer,
    MappingRound,
    ScaleLevel,
)
from fagloft.competence.permissions import ANSWER_MAPPING, MANAGE_MAPPING, VIEW_OVERVIEW
from fagloft.competence.views.common import service_crumbs, service_for
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.refusals import Refused

if TYPE_CHECKING:
    from django.db.models import QuerySet

ROUNDS = MappingRound.objects.select_related("service")


@requires(VIEW_OVERVIEW)
def round_list(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    may_manage = permitted_actions(request.user, service).manage_mapping
    # OpenRoundForm declares `areas` as a ModelMultipleChoiceField with a queryset; the stubs type
    # `base_fields` as plain `Field`s and a choice field's queryset as optional.
    areas_field = cast(forms.ModelMultipleChoiceField, OpenRoundForm.base_fields["areas"])
    areas = cast("QuerySet[FrameworkArea]", areas_field.queryset)
    form = OpenRoundForm(request.POST or None, initial={"areas": list(areas)})
    if request.method == "POST":
        if not may_manage:
            raise Http404
        if form.is_valid():
            mapping_round = services.open_round(
                request.user,
                service,
                form.cleaned_data["title"],
                form.cleaned_data["closes_on"],
                form.cleaned_data["areas"],
            )
            messages.success(request, _("Kartleggingen er åpnet. De ansatte kan nå svare."))
            return redirect("competence:round", round_id=mapping_round.pk)
    return render(
        request,
        "competence/round_list.html",
        {
            "service": service,
            "rounds": service.mapping_rounds.all(),
            "form": form if may_manage else None,
            "breadcrumbs": service_crumbs(service, (_("Kartlegging"), None)),
        },
    )


def _own_employee(request: AuthenticatedHttpRequest, mapping_round: MappingRound) -> Employee | None:
    return Employee.objects.filter(
        user=request.user, service=mapping_round.service, anonymised_at__isnull=True, ended_on__isnull=True
    ).first()


@requires(VIEW_OVERVIEW)
def round_detail(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    mapping_round = fetch(request, ROUNDS, pk=round_id)
    permitted = permitted_actions(request.user, mapping_round)
    settings = CompetenceSettings.current()
    staff = list(queries.current_staff(mapping_round.service)) if permitted.manage_mapping else []
    progress = queries.round_progress(mapping_round) if permitted.manage_mapping else {}
    return render(
        request,
        "competence/round_detail.html",
        {
            "round": mapping_round,
            "permitted": permitted,
            "own": _own_employee(request, mapping_round) if permitted.answer_mapping else None,
            "staff": [(e, progress.get(e.pk, {"self": 0, "leader": 0})) for e in staff],
            "area_count": mapping_round.areas.count(),
            "results": queries.mapping_results([mapping_round.service_id], settings.min_group_size, [mapping_round.pk]),
            "min_group": settings.min_group_size,
            "breadcrumbs": service_crumbs(
                mapping_round.service,
                (_("Kartlegging"), reverse("competence:rounds", args=[mapping_round.service_id])),
                (mapping_round.title, None),
            ),
        },
    )


def _rating_page(
    request: HttpRequest, mapping_round: MappingRound, employee: Employee, as_leader: bool
) -> HttpResponse:
    areas = list(mapping_round.areas.all())
    answers = {a.area_id: a for a in MappingAnswer.objects.filter(round=mapping_round, employee=employee)}
    field = "leader_rating" if as_leader else "self_rating"
    initial = {area_id: (getattr(a, field), a.comment) for area_id, a in answers.items()}
    form = RatingForm(request.POST or None, areas=areas, initial_ratings=initial, with_comment=not as_leader)
    closed = mapping_round.state == MappingRound.State.CLOSED
    confirm = None
    if request.method == "POST" and not closed and form.is_valid():
        unanswered = form.unanswered()
        # Sending with areas left blank is allowed, but only once the person has seen which.
        confirm = ConfirmForm(request.POST if request.POST.get("confirmed") else None)
        if not unanswered or confirm.is_valid():
            save = services.assess_ratings if as_leader else services.save_own_ratings
            try:
                save(request.user, mapping_round, employee, form.ratings())
            except Refused as error:
                form.refuse(error)
            else:
                messages.success(request, _("Svarene er lagret."))
                return redirect("competence:round", round_id=mapping_round.pk)
        else:
            return render(
                request,
                "competence/round_confirm.html",
                {
                    "round": mapping_round,
                    "employee": employee,
                    "as_leader": as_leader,
                    "confirm_form": confirm,
                    "unanswered": unanswered,
                    "consequences": [
                        _unanswered_text(employee, len(unanswered), len(areas), as_leader),
                        *[area.name for area in unanswered],
                        _("Områder uten svar telles ikke med i resultatene."),
                    ],
                    "hidden": {
                        k: v
                        for k, v in request.POST.items()
                        if k not in ("csrfmiddlewaretoken", "confirmed", "confirm")
                    },
                    "submit": _("Send svarene likevel"),
                    "breadcrumbs": service_crumbs(
                        mapping_round.service,
                        (mapping_round.title, reverse("competence:round", args=[mapping_round.pk])),
                        (_("Bekreft"), None),
                    ),
                },
            )
    return render(
        request,
        "competence/round_rate.html",
        {
            "round": mapping_round,
            "employee": employee,
            "form": form,
            "as_leader": as_leader,
            "closed": closed,
            "self_ratings": {a.area_id: a for a in answers.values()} if as_leader else {},
            "scale": list(ScaleLevel.objects.all()),
            "breadcrumbs": service_crumbs(
                mapping_round.service,
                (mapping_round.title, reverse("competence:round", args=[mapping_round.pk])),
                (_("Vurdering") if as_leader else _("Mine svar"), None),
            ),
        },
    )


def _unanswered_text(employee: Employee, count: int, total: int, as_leader: bool) -> str:
    if as_leader:
        return ngettext(
            "Du har ikke vurdert %(name)s på %(count)s av %(total)s kompetanseområder:",
            "Du har ikke vurdert %(name)s på %(count)s av %(total)s kompetanseområder:",
            count,
        ) % {"name": employee.name, "count": count, "total": total}
    return ngettext(
        "Du har ikke svart på %(count)s av %(total)s kompetanseområder:",
        "Du har ikke svart på %(count)s av %(total)s kompetanseområder:",
        count,
    ) % {"count": count, "total": total}


@requires(ANSWER_MAPPING, read=VIEW_OVERVIEW)
def round_answer(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    mapping_round = fetch(request, ROUNDS, pk=round_id)
    employee = _own_employee(request, mapping_round)
    if employee is None:
        raise Http404
    return _rating_page(request, mapping_round, employee, as_leader=False)


@requires(MANAGE_MAPPING, read=VIEW_OVERVIEW)
def round_assess(request: AuthenticatedHttpRequest, round_id: int, employee_id: int) -> HttpResponse:
    mapping_round = fetch(request, ROUNDS, pk=round_id)
    employee = get_object_or_404(Employee, pk=employee_id, service=mapping_round.service, anonymised_at__isnull=True)
    return _rating_page(request, mapping_round, employee, as_leader=True)


@requires(MANAGE_MAPPING, read=VIEW_OVERVIEW)
@require_POST
def round_close(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    mapping_round = fetch(request, ROUNDS, pk=round_id)
    try:
        services.close_round(request.user, mapping_round, int(request.POST.get("version") or 0))
    except Refused as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("Kartleggingen er avsluttet."))
    return redirect("competence:round", round_id=mapping_round.pk)
