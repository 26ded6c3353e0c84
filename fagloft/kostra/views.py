"""Pages of the kostra app: upload a 15F file, follow the validation, read the report, store figures."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fagloft.accounts.access import fetch, permitted_actions, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.kostra import exports, queries, services
from fagloft.kostra.forms import UploadForm
from fagloft.kostra.models import ValidationRun, retention_days
from fagloft.kostra.permissions import STORE_FIGURES, UPLOAD
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import breadcrumbs
from fagloft.lib.refusals import Refused
from fagloft.lib.safexml import UnsafeXmlError


@requires(UPLOAD)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    upload_services = queries.upload_services(request.user)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None, services=upload_services)
    if posted and form.is_valid():
        try:
            run = services.start_run(
                request.user, form.cleaned_data["service"], form.cleaned_data["file"], form.cleaned_data.get("year")
            )
        except Refused as error:
            form.refuse(error)
        except UnsafeXmlError as error:
            form.add_error("file", str(error))
        else:
            return redirect("kostra:run", run_id=run.pk)
    return render(
        request,
        "kostra/index.html",
        {
            "form": form,
            "runs": queries.own_runs(request.user)[:50],
            "retention_days": retention_days(),
            "breadcrumbs": breadcrumbs((_("KOSTRA 15F-kontroll"), None)),
        },
    )


def _report_context(request: HttpRequest, run: ValidationRun) -> dict[str, object]:
    severity = request.GET.get("alvorlighet", "")
    severity = severity if severity in ("ERROR", "WARNING") else ""
    rule = request.GET.get("kontroll", "")
    journal = request.GET.get("journal", "")[:50]
    grouping = "barn" if request.GET.get("gruppering") == "barn" else "kontroll"
    # Translated after filtering: only the findings shown, each template once (not per finding).
    findings = queries.localized(queries.filter_findings(run.findings, severity, rule, journal))
    groups = queries.by_record(findings) if grouping == "barn" else queries.by_rule(findings)
    other = services.not_covered(run) if run.is_finished and run.readable else ""
    permitted = permitted_actions(request.user, run)
    return {
        "run": run,
        "groups": groups,
        "grouping": grouping,
        "shown": len(findings),
        "filters": {"alvorlighet": severity, "kontroll": rule, "journal": journal},
        "rule_choices": queries.rule_choices(run.findings),
        "not_covered": other,
        "districts": queries.district_labels(run),
        "permitted": permitted,
        "can_store": permitted.store_figures and run.readable and run.status == run.Status.DONE and not other,
        "retention_days": retention_days(),
        "breadcrumbs": breadcrumbs((_("KOSTRA 15F-kontroll"), reverse("kostra:index")), (run.file_name, None)),
    }


@requires(UPLOAD)
def run_detail(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = fetch(request, queries.own_runs(request.user), pk=run_id)
    return render(request, "kostra/run_detail.html", _report_context(request, run))


def _download(
    request: HttpRequest, run: ValidationRun, content: bytes, extension: str, content_type: str, what: str
) -> HttpResponse:
    """A file of the report: never cached (it lists journal numbers), its name kept with «ø»
    (RFC 5987 `filename*`), and the download audited."""
    record(request.user, AuditEvent.Verb.EXPORT, run, message=f"KOSTRA 15F-kontrollresultater lastet ned ({what})")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, exports.filename(run, extension))
    response["Cache-Control"] = "no-store"
    return response


def _finished_run(request: HttpRequest, run_id: int) -> ValidationRun | HttpResponse:
    # The same rule as the report page: only the uploader's own runs (404 for anyone else's).
    run = fetch(request, queries.own_runs(request.user), pk=run_id)
    if not run.is_finished:
        return redirect("kostra:run", run_id=run.pk)
    return run


@requires(UPLOAD)
def run_pdf(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = _finished_run(request, run_id)
    if isinstance(run, HttpResponse):
        return run
    return _download(request, run, exports.as_pdf(run), "pdf", "application/pdf", "PDF")


@requires(UPLOAD)
def run_xlsx(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    run = _finished_run(request, run_id)
    if isinstance(run, HttpResponse):
        return run
    return _download(
        request,
        run,
        exports.as_xlsx(run),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    )


@requires(UPLOAD)
def run_status(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    """The status block alone, polled by htmx while the file is being validated."""
    run = fetch(request, queries.own_runs(request.user), pk=run_id)
    response = render(request, "kostra/_status.html", {"run": run})
    if run.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # show the whole report once it is ready
    return response


@requires(STORE_FIGURES)
def store(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
    """Storing is a step of its own: the page says what will be stored for whom, and how many errors
    the file has, and the user confirms. A file for another municipality is refused outright."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    run = fetch(request, queries.own_runs(request.user), pk=run_id)
    confirm = ConfirmForm(request.POST if request.POST.get("confirmed") else None)
    if confirm.is_valid():
        try:
            written = services.store_figures(request.user, run, acknowledged_errors=_int(request.POST.get("errors")))
        except Refused as error:
            messages.error(request, error.text)
        else:
            messages.success(
                request,
                _("%(count)s nøkkeltall er lagret som tjenestens tall for %(year)s.")
                % {"count": written, "year": run.year},
            )
        return redirect("kostra:run", run_id=run.pk)
    refusal = _cannot_store(run)
    if refusal:
        messages.error(request, refusal)
        return redirect("kostra:run", run_id=run.pk)
    return render(
        request,
        "kostra/store_confirm.html",
        {
            "run": run,
            "confirm_form": confirm,
            "hidden": {"errors": run.error_count},
            "consequences": _consequences(run),
            "warnings": _warnings(run),
            "submit": _("Lagre tallene"),
            "cancel_url": reverse("kostra:run", args=[run.pk]),
            "breadcrumbs": breadcrumbs(
                (_("KOSTRA 15F-kontroll"), reverse("kostra:index")),
                (run.file_name, reverse("kostra:run", args=[run.pk])),
                (_("Lagre tallene"), None),
            ),
        },
    )


def _cannot_store(run: ValidationRun) -> str:
    if not run.readable or run.status != ValidationRun.Status.DONE or not run.indicators or not run.year:
        return _("Denne kontrollen har ingen nøkkeltall som kan lagres.")
    return services.not_covered(run)


def _consequences(run: ValidationRun) -> list[str]:
    count = sum(1 for figure in run.indicators.values() if figure.get("value") is not None)
    lines = [
        ngettext(
            "%(count)s nøkkeltall lagres som foreløpige tall for %(service)s for %(year)s.",
            "%(count)s nøkkeltall lagres som foreløpige tall for %(service)s for %(year)s.",
            count,
        )
        % {"count": count, "service": run.service.name, "year": run.year},
        _("Fylket og Bufdir ser tallene, men aldri rapporten."),
        _("Tall som er lagret fra før for samme år, erstattes."),
    ]
    return lines


def _warnings(run: ValidationRun) -> list[str]:
    if not run.error_count:
        return []
    return [
        ngettext(
            "Filen har %(count)s feil. Tallene kan derfor være feil.",
            "Filen har %(count)s feil. Tallene kan derfor være feil.",
            run.error_count,
        )
        % {"count": run.error_count}
    ]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
