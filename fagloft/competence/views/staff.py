"""The staff register, profiles, and import/export of the HR sheet."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fagloft.accounts.access import can, get_object_for, requires
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
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
from fagloft.competence.permissions import CHANGE_STAFF, VIEW_PROFILE, VIEW_STAFF
from fagloft.competence.views.common import employee_for, service_crumbs, service_for


@requires(VIEW_STAFF)
def staff_list(request: HttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request.user, VIEW_STAFF, service_id)
    show = request.GET.get("vis", "")
    employees = queries.employees_with_courses(service.employees.filter(anonymised_at__isnull=True))
    if show != "alle":
        employees = queries.current_staff(service)
    rules, today = requirements.rules_in_force(), timezone.localdate()
    rows = [(e, requirements.status_for(requirements.person_from(e), rules, today)) for e in employees]
    return render(request, "competence/staff_list.html", {
        "service": service, "rows": rows, "show_all": show == "alle",
        "vacancies": service.vacancies.filter(filled_on__isnull=True), "vacancy_form": VacancyForm(),
        "fill_form": FillVacancyForm(initial={"filled_on": today}),
        "can_edit": can(request.user, CHANGE_STAFF, service),
        "breadcrumbs": service_crumbs(service, (_("Ansatte"), None)),
    })


@requires(CHANGE_STAFF)
@require_POST
def vacancy_add(request: HttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request.user, CHANGE_STAFF, service_id)
    form = VacancyForm(request.POST)
    if form.is_valid():
        services.create_vacancy(request.user, service, form.cleaned_data)
        messages.success(request, _("Den ledige stillingen er registrert."))
    else:
        messages.error(request, _("Ikke lagret: %(errors)s") % {"errors": _form_errors(form)})
    return redirect(reverse("competence:staff", args=[service.pk]) + "#ledige")


@requires(CHANGE_STAFF)
@require_POST
def vacancy_fill(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = get_object_for(request.user, CHANGE_STAFF, Vacancy, read_action=VIEW_STAFF, pk=vacancy_id)
    form = FillVacancyForm(request.POST)
    if form.is_valid() and form.cleaned_data["filled_on"] >= vacancy.vacant_from:
        services.fill_vacancy(request.user, vacancy, form.cleaned_data["filled_on"])
        messages.success(request, _("Stillingen er registrert som besatt."))
    else:
        messages.error(request, _("Oppgi en dato for når stillingen ble besatt, tidligst den dagen den ble ledig."))
    return redirect(reverse("competence:staff", args=[vacancy.service_id]) + "#ledige")


def _form_errors(form: Any) -> str:
    return "; ".join(f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errs)}".strip(": ")
                     for name, errs in form.errors.items())


@requires(CHANGE_STAFF)
def employee_create(request: HttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request.user, CHANGE_STAFF, service_id)
    form = EmployeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.changed_values()
        employee = services.create_employee(request.user, service, data)
        messages.success(request, _("%(name)s er lagt til.") % {"name": employee.name})
        return redirect("competence:employee", employee_id=employee.pk)
    return render(request, "competence/employee_form.html", {
        "service": service, "form": form,
        "breadcrumbs": service_crumbs(service, (_("Ansatte"), reverse("competence:staff", args=[service.pk])),
                                      (_("Ny ansatt"), None)),
    })


@requires(VIEW_PROFILE)
def employee_detail(request: HttpRequest, employee_id: int) -> HttpResponse:
    employee, mode = employee_for(request.user, employee_id)
    form_class = EmployeeForm if mode == "staff" else OwnProfileForm
    form = form_class(request.POST or None, instance=employee) if mode != "read" else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.update_employee(request.user, employee, form.changed_values(),
                                     form.cleaned_data.get("version") or 0)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Profilen er lagret."))
            return redirect("competence:employee", employee_id=employee.pk)
    if mode != "own" and request.method == "GET":
        record(request.user, AuditEvent.Verb.VIEW, employee, message="kompetanseprofil")
    status = requirements.status_for(requirements.person_from(employee), requirements.rules_in_force(),
                                     timezone.localdate())
    return render(request, "competence/employee_detail.html", {
        "employee": employee, "form": form, "mode": mode, "status": status,
        "item_forms": {kind: form_class(prefix=kind) for kind, form_class in ITEM_FORMS.items()} if mode != "read" else {},
        "breadcrumbs": _profile_crumbs(employee, mode),
    })


def _profile_crumbs(employee: Employee, mode: str) -> list[dict]:
    if mode == "own":
        return service_crumbs(employee.service, (_("Min profil"), None))
    return service_crumbs(employee.service, (_("Ansatte"), reverse("competence:staff", args=[employee.service_id])),
                          (employee.name, None))


@requires(VIEW_PROFILE)
@require_POST
def item_add(request: HttpRequest, employee_id: int, kind: str) -> HttpResponse:
    if kind not in ITEM_FORMS:
        raise Http404
    employee, _mode = employee_for(request.user, employee_id, write=True)
    form = ITEM_FORMS[kind](request.POST, prefix=kind)
    if form.is_valid():
        services.add_item(request.user, employee, kind, form.cleaned_data)
        messages.success(request, _("Lagt til."))
    else:
        messages.error(request, _("Ikke lagret: %(errors)s") % {"errors": _form_errors(form)})
    return redirect(reverse("competence:employee", args=[employee.pk]) + f"#{kind}")


@requires(VIEW_PROFILE)
@require_POST
def item_delete(request: HttpRequest, employee_id: int, kind: str, item_id: int) -> HttpResponse:
    if kind not in services.ITEM_MODELS:
        raise Http404
    employee, _mode = employee_for(request.user, employee_id, write=True)
    item = get_object_or_404(services.ITEM_MODELS[kind], pk=item_id, employee=employee)
    services.delete_item(request.user, item)
    messages.success(request, _("Slettet."))
    return redirect(reverse("competence:employee", args=[employee.pk]) + f"#{kind}")


@requires(CHANGE_STAFF)
def staff_import(request: HttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request.user, CHANGE_STAFF, service_id)
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
            messages.success(request, _("%(count)s ansatte er importert fra %(file)s.") % {
                "count": count, "file": upload.name})
            return redirect("competence:staff", service_id=service.pk)
    return render(request, "competence/staff_import.html", {
        "service": service, "form": form, "import_errors": errors[:200], "error_count": len(errors),
        "columns": staff_io.COLUMNS,
        "breadcrumbs": service_crumbs(service, (_("Ansatte"), reverse("competence:staff", args=[service.pk])),
                                      (_("Importer"), None)),
    })


@requires(CHANGE_STAFF)
def staff_export(request: HttpRequest, service_id: int) -> HttpResponse:
    service = service_for(request.user, CHANGE_STAFF, service_id)
    employees = list(queries.employees_with_courses(service.employees.filter(anonymised_at__isnull=True)))
    record(request.user, AuditEvent.Verb.EXPORT, service, message=f"ansatteregister ({len(employees)} ansatte)")
    stem = f"ansatte-{service.pk}-{timezone.localdate():%Y-%m-%d}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(staff_io.export_csv(employees), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    response = HttpResponse(
        staff_io.export_xlsx(employees),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response
