"""The reports: list, new, editor (sections beside their figures), freeze, versions, comments, the
«ready for the council» step, the council's handling, year on year, downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import breadcrumbs, form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations import queries as org_queries
from fagloft.organizations.models import Municipality, Service
from fagloft.reports import documents, figures_cache, queries, services
from fagloft.reports import sections as prefill
from fagloft.reports.forms import (
    AboutForm,
    CommentForm,
    FreezeForm,
    NewReportForm,
    SectionForm,
    VersionedHandlingForm,
)
from fagloft.reports.labels import text
from fagloft.reports.models import AboutText, Report, Section, SectionKey, section_label
from fagloft.reports.permissions import COMMENT, EDIT, EDIT_ABOUT, MARK_READY, RECORD_HANDLING, VIEW


def list_crumb() -> tuple[str, str]:
    return (_("Tilstandsrapporter"), reverse("reports:list"))


def report_url(report: Report) -> str:
    return reverse("reports:detail", args=[report.pk])


def report_crumbs(report: Report, *more: tuple[Any, str | None]) -> list[dict[str, Any]]:
    if not more:
        return breadcrumbs(list_crumb(), (report.title, None))
    return breadcrumbs(list_crumb(), (report.title, report_url(report)), *more)


def _editable_services(user: Any) -> Any:
    return visible(user, EDIT, Service.objects.select_related("host_municipality"))


@requires(VIEW)
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    reports = list(queries.visible_reports(request.user).order_by("-year", "title")[:200])
    return render(
        request,
        "reports/report_list.html",
        {
            "reports": reports,
            "can_create": can(request.user, EDIT) and _editable_services(request.user).exists(),
            "breadcrumbs": breadcrumbs((_("Tilstandsrapporter"), None)),
        },
    )


@requires(EDIT, read=VIEW)
def report_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    editable = _editable_services(request.user)
    municipalities = (
        visible(request.user, EDIT, Municipality.objects.all())
        .filter(service_coverages__service__in=editable)
        .distinct()
    )
    form = NewReportForm(request.POST or None, services=editable, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.create_report(
                request.user, data["service"], year=data["year"], form=data["form"], municipality=data["municipality"]
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Rapporten er laget og fylt ut med tallene Fagløft har."))
            return redirect(report_url(report))
    return form_page(
        request,
        title=_("Ny tilstandsrapport"),
        form=form,
        breadcrumbs=breadcrumbs(list_crumb(), (_("Ny tilstandsrapport"), None)),
        submit=_("Lag rapporten"),
        intro=_(
            "Rapporten fylles ut med tallene og vurderingene Fagløft har om tjenesten. Du redigerer teksten etterpå."
        ),
        status=400 if form.errors else 200,
    )


def _figures(report: Report, only: str | None = None) -> dict[str, Any]:
    return documents.figures_of(report, only=only)


def _figures_html(report: Report, figures: dict[str, Any]) -> dict[str, str]:
    """Each section's (and theme's) figures as HTML, by section key: the same for every reader of
    the same figures, so cached under their key (rendering the tables costs more than the rest of
    the page)."""

    def render(key: str, **extra: Any) -> str:
        context = {"key": key, "year": report.year, "date": figures.get("date", ""), **extra}
        return render_to_string("reports/_figures.html", context)

    html = {
        key: render(key, figures=figures["sections"].get(key, {}))
        for key in SectionKey.values
        if key != SectionKey.THEMES
    }
    for theme in figures["sections"][SectionKey.THEMES]["themes"]:
        html[prefill.analysis_key(theme["key"])] = render(SectionKey.THEMES, figures=figures, theme=theme)
    return html


def section_rows(report: Report, figures: dict[str, Any], figures_key: str | None = None) -> list[dict[str, Any]]:
    """The editor's rows: each section with its text and the figures prefilled for it."""
    by_key = {s.key: s for s in report.sections.all()}
    if figures_key is None:
        html = _figures_html(report, figures)
    else:
        html = figures_cache.fragment("figures-html", figures_key, lambda: _figures_html(report, figures))
    rows = []
    themes = {t["key"]: t for t in figures["sections"][SectionKey.THEMES]["themes"]}
    for number, key in enumerate(SectionKey.values, start=1):
        rows.append(
            {
                "number": number,
                "key": key,
                "label": section_label(key),
                "section": by_key.get(key),
                "figures": figures["sections"].get(key, {}),
                "figures_html": mark_safe(html.get(key, "")),  # rendered by _figures.html, escaped there
                "themes": [
                    {
                        "theme": t,
                        "section": by_key.get(prefill.analysis_key(k)),
                        "figures_html": mark_safe(html.get(prefill.analysis_key(k), "")),
                    }
                    for k, t in themes.items()
                ]
                if key == SectionKey.THEMES
                else [],
            }
        )
    return rows


def _handlings(report: Report) -> list[Any]:
    """The council's newest handling per municipality of the report (None where none), one query."""
    municipalities = list(report.municipalities.all())
    found = org_queries.council_handlings([m.pk for m in municipalities], report.year)
    handlings = []
    for municipality in municipalities:
        handling = found.get(municipality.pk)
        if handling is not None:
            handling.municipality = municipality  # the page names it: no query per handling
        handlings.append(handling)
    return handlings


def _detail(request: AuthenticatedHttpRequest, report: Report, **forms: Any) -> HttpResponse:
    figures, figures_key = figures_cache.figures_and_key(report)
    permitted = permitted_actions(request.user, report)
    editable = permitted.edit and not report.is_locked
    section_choices = [(k, str(section_label(k))) for k in SectionKey.values]
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "figures": figures,
            "rows": section_rows(report, figures, figures_key),
            "permitted": permitted,
            "editable": editable,
            "freeze_form": forms.get("freeze_form")
            or FreezeForm(initial={"version": report.version, "day": report.figures_date or timezone.localdate()}),
            "comment_form": forms.get("comment_form") or CommentForm(sections=section_choices),
            "comments": report.comments.all(),
            "parts": report.parts.select_related("municipality").order_by("municipality__number"),
            "previous": queries.previous_report(report),
            "handlings": _handlings(report),
            "formats": [("docx", "nb"), ("docx", "nn"), ("pdf", "nb"), ("pdf", "nn")],
            "breadcrumbs": report_crumbs(report),
        },
        status=400 if any(f.errors for f in forms.values()) else 200,
    )


@requires(VIEW)
def report_detail(request: AuthenticatedHttpRequest, status_report_id: int) -> HttpResponse:
    return _detail(request, fetch(request, queries.report_detail(), pk=status_report_id))


@requires(EDIT, read=VIEW)
def section_edit(request: AuthenticatedHttpRequest, status_report_id: int, report_section_id: int) -> HttpResponse:
    report = fetch(request, Report, pk=status_report_id)
    section = Section.objects.filter(report=report, pk=report_section_id).first()
    if section is None:
        raise Http404
    form = SectionForm(request.POST or None, initial={"text": section.text, "version": section.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_section(
                request.user, section, expected_version=form.loaded_version, text=form.cleaned_data["text"]
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Teksten er lagret."))
            return redirect(f"{report_url(report)}#del-{section.key}")
    key = section.key.split(".")[0]
    figures = _figures(report, only=key)  # the page shows this section's figures only
    theme = None
    if section.key.startswith("themes."):
        theme = next(
            (t for t in figures["sections"]["themes"]["themes"] if prefill.analysis_key(t["key"]) == section.key), None
        )
    return render(
        request,
        "reports/section_edit.html",
        {
            "report": report,
            "section": section,
            "form": form,
            "label": _section_title(section.key, theme),
            "figures": figures["sections"].get(key, {}),
            "key": key,
            "theme": theme,
            "breadcrumbs": report_crumbs(report, (_section_title(section.key, theme), None)),
        },
        status=400 if form.errors else 200,
    )


def _section_title(key: str, theme: dict[str, Any] | None) -> str:
    if theme is not None:
        return _("Vurdering: %(theme)s") % {"theme": text(theme["label"])}
    return str(section_label(key))


@requires(VIEW)
def section_history(request: AuthenticatedHttpRequest, status_report_id: int, report_section_id: int) -> HttpResponse:
    report = fetch(request, Report, pk=status_report_id)
    section = Section.objects.filter(report=report, pk=report_section_id).first()
    if section is None:
        raise Http404
    versions = list(section.versions.order_by("number"))
    chosen = {v.number: v for v in versions}
    try:
        new_n = int(request.GET.get("ny") or (versions[-1].number if versions else 0))
        old_n = int(request.GET.get("gammel") or (new_n - 1))
    except ValueError:
        new_n, old_n = 0, 0
    new, old = chosen.get(new_n), chosen.get(old_n)
    diff = queries.text_diff(old.text if old else "", new.text if new else section.text)
    return render(
        request,
        "reports/section_history.html",
        {
            "report": report,
            "section": section,
            "label": section_label(section.key) if "." not in section.key else section.key,
            "versions": list(reversed(versions)),
            "new": new,
            "old": old,
            "diff": diff,
            "breadcrumbs": report_crumbs(report, (_("Versjoner"), None)),
        },
    )


@requires(EDIT, read=VIEW)
def freeze(request: AuthenticatedHttpRequest, status_report_id: int) -> HttpResponse:
    report = fetch(request, queries.report_detail(), pk=status_report_id)
    if request.method != "POST":
        return redirect(report_url(report))
    if request.POST.get("unfreeze"):
        try:
            services.unfreeze_figures(request.user, report, expected_version=request.POST.get("version"))
        except Refused as error:
            messages.error(request, error.message)
        return redirect(report_url(report))
    form = FreezeForm(request.POST)
    if form.is_valid():
        try:
            services.freeze_figures(
                request.user, report, expected_version=form.loaded_version, day=form.cleaned_data["day"]
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Tallene er låst. Dokumentet endrer seg ikke lenger når tallene endres."))
            return redirect(report_url(report))
    return _detail(request, report, freeze_form=form)


@requires(COMMENT, read=VIEW)
def comment_add(request: AuthenticatedHttpRequest, status_report_id: int) -> HttpResponse:
    report = fetch(request, queries.report_detail(), pk=status_report_id)
    if request.method != "POST":
        return redirect(report_url(report))
    form = CommentForm(request.POST, sections=[(k, str(section_label(k))) for k in SectionKey.values])
    if form.is_valid():
        try:
            services.add_comment(request.user, report, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Kommentaren er lagret."))
            return redirect(f"{report_url(report)}#kommentarer")
    return _detail(request, report, comment_form=form)


@requires(MARK_READY, read=VIEW)
def mark_ready(request: AuthenticatedHttpRequest, status_report_id: int) -> HttpResponse:
    report = fetch(request, Report, pk=status_report_id)
    if request.method == "POST" and request.POST.get("reopen"):
        try:
            services.reopen(request.user, report, expected_version=request.POST.get("version"))
        except Refused as error:
            messages.error(request, error.message)
        return redirect(report_url(report))
    form = ConfirmForm(request.POST or None) if request.POST.get("confirmed") == "1" else ConfirmForm()
    if request.method == "POST" and request.POST.get("confirmed") == "1" and form.is_valid():
        try:
            services.mark_ready(request.user, report, expected_version=request.POST.get("version"))
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Rapporten er klar for kommunestyret."))
        return redirect(report_url(report))
    return render(
        request,
        "reports/confirm.html",
        {
            "title": _("Klar for kommunestyret"),
            "consequences": [
                _("Rapporten låses: tekstene og tallene kan ikke lenger endres."),
                _("Tallene er låst per %(date)s.") % {"date": report.figures_date.strftime("%d.%m.%Y")}
                if report.figures_date
                else _("Tallene er ikke låst ennå – lås dem først."),
                _("Etter behandlingen registrerer du dato, organ, saksnummer og vedtak."),
            ],
            "confirm_form": form,
            "hidden": {"version": report.version},
            "submit": _("Send til kommunestyret"),
            "cancel_url": report_url(report),
            "breadcrumbs": report_crumbs(report, (_("Klar for kommunestyret"), None)),
        },
        status=400 if form.errors else 200,
    )


@requires(RECORD_HANDLING, read=VIEW)
def handling(request: AuthenticatedHttpRequest, status_report_id: int) -> HttpResponse:
    report = fetch(request, Report, pk=status_report_id)
    form = VersionedHandlingForm(request.POST or None, request.FILES or None, initial={"version": report.version})
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "document")}
        try:
            services.record_handling(
                request.user,
                report,
                expected_version=form.loaded_version,
                document=form.cleaned_data.get("document"),
                **values,
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Behandlingen er registrert."))
            return redirect(report_url(report))
    return form_page(
        request,
        title=_("Politisk behandling av tilstandsrapporten"),
        form=form,
        breadcrumbs=report_crumbs(report, (_("Politisk behandling"), None)),
        submit=_("Registrer behandlingen"),
        multipart=True,
        status=400 if form.errors else 200,
    )


@requires(VIEW)
def year_on_year(request: AuthenticatedHttpRequest, status_report_id: int) -> HttpResponse:
    report = fetch(request, queries.report_detail(), pk=status_report_id)
    previous = queries.previous_report(report)
    this = queries.flat_figures(_figures(report))
    last = (
        queries.flat_figures(_figures(previous)) if previous is not None and can(request.user, VIEW, previous) else {}
    )
    rows = []
    for fid, entry in this.items():
        old = last.get(fid)
        rows.append({"id": fid, "label": entry["label"], "now": entry, "before": old})
    return render(
        request,
        "reports/year_on_year.html",
        {
            "report": report,
            "previous": previous,
            "rows": rows,
            "breadcrumbs": report_crumbs(report, (_("År for år"), None)),
        },
    )


@requires(VIEW)
def download(
    request: AuthenticatedHttpRequest, status_report_id: int, report_format: str, report_language: str
) -> HttpResponse:
    report = fetch(request, queries.report_detail(), pk=status_report_id)
    fmt, language = report_format, report_language
    if fmt not in documents.FORMATS or language not in documents.LANGUAGES:
        raise Http404
    data = documents.render(report, fmt, language)
    record(request.user, AuditEvent.Verb.EXPORT, report, {}, message=f"{fmt} {language}")
    response = HttpResponse(data, content_type=documents.FORMATS[fmt])
    name = documents.filename(report, fmt, language)
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response


@requires(EDIT_ABOUT, read=VIEW)
def about_edit(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    service = fetch(request, Service, pk=service_id)
    about = AboutText.objects.filter(service=service).first()
    initial = {"text": about.text if about else str(prefill.ABOUT_DEFAULT), "version": about.version if about else 0}
    form = AboutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_about_text(
                request.user, service, expected_version=form.loaded_version, text=form.cleaned_data["text"]
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Standardteksten er lagret og brukes i rapportene til tjenesten."))
            return redirect("reports:list")
    return form_page(
        request,
        title=_("Om barnevernet: standardtekst for %(service)s") % {"service": service.name},
        form=form,
        breadcrumbs=breadcrumbs(list_crumb(), (_("Om barnevernet"), None)),
        intro=_("Teksten skrives én gang for tjenesten og brukes i rapporten hvert år."),
        status=400 if form.errors else 200,
    )
