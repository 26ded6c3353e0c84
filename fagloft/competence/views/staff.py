"""The staff register, profiles, and import/export of the HR sheet."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_bulk_read
from fagloft.competence import queries, requirements, services, staff_io
from fagloft.competence.forms import (
    ITEM_FORMS,
    EmployeeForm,
    FillVacancyForm,
    OwnProfileForm,
    UploadForm,
    VacancyForm,
)
from fagloft.competence.models import Employee, Vacancy
from fagloft.competence.permissions import CHANGE_STAFF, EDIT_PROFILE, VIEW_OVERVIEW, VIEW_PROFILE, VIEW_STAFF
from fagloft.competence.views.common import service_crumbs, service_for
from fagloft.lib.refusals import Refused

# Profiles of people who are anonymised are gone for everyone.
PROFILES = Employee.objects.select_related("service").filter(anonymised_at__isnull=True)


@requires(VIEW_STAFF, read=VIEW_OVERVIEW)
def staff_list(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    show = request.GET.get("vis", "")
    employees = queries.employees_with_courses(service.employees.filter(anonymised_at__isnull=True))
    if show != "alle":
        employees = queries.current_staff(service)
    rules, today = requirements.rules_in_force(), timezone.localdate()
    rows = [(e, requirements.status_for(requirements.person_from(e), rules, today)) for e in employees]
    record_bulk_read(request.user, AuditEvent.Verb.VIEW, service, len(rows), "ansattlisten")
    return render(
        request,
        "competence/staff_list.html",
        {
            "service": service,
            "rows": rows,
            "show_all": show == "alle",
            "vacancies": service.vacancies.filter(filled_on__isnull=True),
            "vacancy_form": VacancyForm(),
            "fill_form": FillVacancyForm(initial={"filled_on": today}),
            "permitted": permitted_actions(request.user, service),
            "breadcrumbs": service_crumbs(service, (_("Ansatte"), None)),
        },
    )


@requires(CHANGE_STAFF, read=VIEW_OVERVIEW)
@require_POST
def vacancy_add(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    form = VacancyForm(request.POST)
    if form.is_valid():
        services.create_vacancy(request.user, service, form.cleaned_data)
        messages.success(request, _("Den ledige stillingen er registrert."))
    else:
        messages.error(request, _("Ikke lagret: %(errors)s") % {"errors": _form_errors(form)})
    return redirect(reverse("competence:staff", args=[service.pk]) + "#ledige")


@requires(CHANGE_STAFF, read=VIEW_STAFF)
@require_POST
def vacancy_fill(request: AuthenticatedHttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = fetch(request, Vacancy, pk=vacancy_id)
    form = FillVacancyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Oppgi en dato for når stillingen ble besatt, tidligst den dagen den ble ledig."))
    else:
        try:
            services.fill_vacancy(request.user, vacancy, form.cleaned_data["filled_on"])
        except Refused as refused:
            messages.error(request, refused.text)
        else:
            messages.success(request, _("Stillingen er registrert som besatt."))
    return redirect(reverse("competence:staff", args=[vacancy.service_id]) + "#ledige")


def _form_errors(form: Any) -> str:
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errs)}".strip(": ")
        for name, errs in form.errors.items()
    )


@requires(CHANGE_STAFF, read=VIEW_OVERVIEW)
def employee_create(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    form = EmployeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.changed_values()
        employee = services.create_employee(request.user, service, data)
        messages.success(request, _("%(name)s er lagt til.") % {"name": employee.name})
        return redirect("competence:employee", employee_id=employee.pk)
    return render(
        request,
        "competence/employee_form.html",
        {
            "service": service,
            "form": form,
            "breadcrumbs": service_crumbs(
                service, (_("Ansatte"), reverse("competence:staff", args=[service.pk])), (_("Ny ansatt"), None)
            ),
        },
    )


@requires(VIEW_PROFILE)
def employee_detail(request: AuthenticatedHttpRequest, employee_id: int) -> HttpResponse:
    # 404 for anyone but the person and their leader, so a person's existence is never revealed to
    # those who see aggregates only (colleagues, the municipality's leadership, county, Bufdir).
    employee = fetch(request, PROFILES, pk=employee_id)
    permitted = permitted_actions(request.user, employee)
    mode = "staff" if permitted.change_staff else "own"
    form_class = EmployeeForm if mode == "staff" else OwnProfileForm
    form = form_class(request.POST or None, instance=employee)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employee(
                request.user, employee, form.changed_values(), form.cleaned_data.get("version") or 0
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Profilen er lagret."))
            return redirect("competence:employee", employee_id=employee.pk)
    if mode != "own" and request.method == "GET":
        record(request.user, AuditEvent.Verb.VIEW, employee, message="kompetanseprofil")
    status = requirements.status_for(
        requirements.person_from(employee), requirements.rules_in_force(), timezone.localdate()
    )
    return render(
        request,
        "competence/employee_detail.html",
        {
            "employee": employee,
            "form": form,
            "mode": mode,
            "status": status,
            "permitted": permitted,
            "item_forms": {kind: item_form(prefix=kind) for kind, item_form in ITEM_FORMS.items()},
            "breadcrumbs": _profile_crumbs(employee, mode),
        },
    )


def _profile_crumbs(employee: Employee, mode: str) -> list[dict]:
    if mode == "own":
        return service_crumbs(employee.service, (_("Min profil"), None))
    return service_crumbs(
        employee.service, (_("Ansatte"), reverse("competence:staff", args=[employee.service_id])), (employee.name, None)
    )


@requires(EDIT_PROFILE)
@require_POST
def item_add(request: AuthenticatedHttpRequest, employee_id: int, kind: str) -> HttpResponse:
    if kind not in ITEM_FORMS:
        raise Http404
    employee = fetch(request, PROFILES, pk=employee_id)
    form = ITEM_FORMS[kind](request.POST, prefix=kind)
    if form.is_valid():
        services.add_item(request.user, employee, kind, form.cleaned_data)
        messages.success(request, _("Lagt til."))
    else:
        messages.error(request, _("Ikke lagret: %(errors)s") % {"errors": _form_errors(form)})
    return redirect(reverse("competence:employee", args=[employee.pk]) + f"#{kind}")


@requires(EDIT_PROFILE)
@require_POST
def item_delete(request: AuthenticatedHttpRequest, employee_id: int, kind: str, item_id: int) -> HttpResponse:
    if kind not in services.ITEM_MODELS:
        raise Http404
    employee = fetch(request, PROFILES, pk=employee_id)
    item = get_object_or_404(services.ITEM_MODELS[kind], pk=item_id, employee=employee)
    services.delete_item(request.user, item)
    messages.success(request, _("Slettet."))
    return redirect(reverse("competence:employee", args=[employee.pk]) + f"#{kind}")


@requires(CHANGE_STAFF, read=VIEW_OVERVIEW)
def staff_import(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = staff_io.parse(upload.read(), upload.name)
            count = staff_io.import_rows(request.user, rows, service, upload.name)
        except staff_io.ImportRejected as rejected:
            errors = rejected.errors
        else:
            messages.success(
                request, _("%(count)s ansatte er importert fra %(file)s.") % {"count": count, "file": upload.name}
            )
            return redirect("competence:staff", service_id=service.pk)
    return render(
        request,
        "competence/staff_import.html",
        {
            "service": service,
            "form": form,
            "import_errors": errors[:200],
            "error_count": len(errors),
            "columns": staff_io.COLUMNS,
            "breadcrumbs": service_crumbs(
                service, (_("Ansatte"), reverse("competence:staff", args=[service.pk])), (_("Importer"), None)
            ),
        },
    )


@requires(CHANGE_STAFF, read=VIEW_OVERVIEW)
def staff_export(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request, service_id)
    employees = list(queries.employees_with_courses(service.employees.filter(anonymised_at__isnull=True)))
    fmt = "CSV" if request.GET.get("format") == "csv" else "Excel"
    record_bulk_read(request.user, AuditEvent.Verb.EXPORT, service, len(employees), f"ansatteregister ({fmt})")
    stem = f"ansatte-{service.pk}-{timezone.localdate():%Y-%m-%d}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(staff_io.export_csv(employees), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(
        staff_io.export_xlsx(employees),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
