"""Pages of the kostra app: upload a 15F file, follow the validation, read the report, store figures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, requires
from fagloft.kostra import queries, services
from fagloft.kostra.forms import UploadForm
from fagloft.kostra.models import ValidationRun, retention_days
from fagloft.kostra.permissions import STORE_FIGURES, UPLOAD
from fagloft.lib.safexml import UnsafeXmlError


def _crumbs(*pairs: tuple[str, str | None]) -> list[dict[str, str | None]]:
    return [{"label": _("Forside"), "url": reverse("front")}, *({"label": label, "url": url} for label, url in pairs)]


@requires(UPLOAD)
def index(request: HttpRequest) -> HttpResponse:
    upload_services = queries.upload_services(request.user)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None, services=upload_services)
    if posted and form.is_valid():
        try:
            run = services.start_run(request.user, form.cleaned_data["service"], form.cleaned_data["file"],
                                     form.cleaned_data.get("year"))
        except (services.UploadRefused, UnsafeXmlError) as error:
            form.add_error("file", str(error))
        else:
            return redirect("kostra:run", run_id=run.pk)
    return render(request, "kostra/index.html", {
        "form": form,
        "runs": queries.own_runs(request.user)[:50],
        "retention_days": retention_days(),
        "breadcrumbs": _crumbs((_("KOSTRA 15F-kontroll"), None)),
    })


def _report_context(request: HttpRequest, run: ValidationRun) -> dict[str, object]:
    severity = request.GET.get("alvorlighet", "")
    severity = severity if severity in ("ERROR", "WARNING") else ""
    rule = request.GET.get("kontroll", "")
    record = request.GET.get("journal", "")[:50]
    grouping = "barn" if request.GET.get("gruppering") == "barn" else "kontroll"
    findings = queries.filter_findings(run.findings, severity, rule, record)
    groups = queries.by_record(findings) if grouping == "barn" else queries.by_rule(findings)
    covered = ({c.municipality.number for c in run.service.coverages.select_related("municipality")}
               if run.municipality_number else set())
    return {
        "run": run, "groups": groups, "grouping": grouping, "shown": len(findings),
        "filters": {"alvorlighet": severity, "kontroll": rule, "journal": record},
        "rule_choices": queries.rule_choices(run.findings),
        "other_municipality": bool(covered) and run.municipality_number not in covered,
        "can_store": can(request.user, STORE_FIGURES, run) and run.readable and run.status == run.Status.DONE,
        "retention_days": retention_days(),
        "breadcrumbs": _crumbs((_("KOSTRA 15F-kontroll"), reverse("kostra:index")), (run.file_name, None)),
    }


@requires(UPLOAD)
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = queries.own_run(request.user, run_id)
    return render(request, "kostra/run_detail.html", _report_context(request, run))


@requires(UPLOAD)
def run_status(request: HttpRequest, run_id: int) -> HttpResponse:
    """The status block alone, polled by htmx while the file is being validated."""
    run = queries.own_run(request.user, run_id)
    response = render(request, "kostra/_status.html", {"run": run})
    if run.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # show the whole report once it is ready
    return response


@requires(STORE_FIGURES)
def store(request: HttpRequest, run_id: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    run = queries.own_run(request.user, run_id)
    if not can(request.user, STORE_FIGURES, run):
        raise PermissionDenied
    try:
        written = services.store_figures(request.user, run)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)s nøkkeltall er lagret som tjenestens tall for %(year)s.")
                         % {"count": written, "year": run.year})
    return redirect("kostra:run", run_id=run.pk)
