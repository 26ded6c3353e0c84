"""Overviews: who has reported and when the council handled it, the most common challenges — for a
county, a learning network and the nation; the batch that drafts every municipality's report;
a municipality's page with its reports and the plan for preventive work."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from fagloft.accounts.access import GLOBAL_ROLES, can, fetch, has_role, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.lib import formatting
from fagloft.lib.pages import breadcrumbs, form_page
from fagloft.lib.refusals import Refused
from fagloft.networks import queries as network_queries
from fagloft.networks.permissions import VIEW_NETWORK
from fagloft.organizations import queries as org_queries
from fagloft.organizations import services as org_services
from fagloft.organizations.models import CouncilHandling, County, Municipality
from fagloft.reports import queries, services
from fagloft.reports.forms import BatchForm, PreventivePlanForm, YearForm
from fagloft.reports.models import Batch, Report
from fagloft.reports.permissions import GENERATE, OVERVIEW, RECORD_HANDLING, VIEW
from fagloft.reports.views.reports import list_crumb


def _year(request: AuthenticatedHttpRequest) -> tuple[int, YearForm]:
    form = YearForm(request.GET or None)
    year = timezone.localdate().year - 1
    if form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    return year, form


_STATUS_COLOURS: dict[str, str] = {Report.Status.HANDLED: "success", Report.Status.READY: "info"}


def _table_rows(overview: queries.Overview) -> str:
    """The table's rows, one per municipality (all 357 on the national page), built here rather
    than in the template: the template loop cost more than the rest of the page. The same markup
    as `reports/_status.html` for the status."""
    no_report = _("Ingen rapport")
    rows = []
    for row in overview.rows:
        report, handling = row.report, row.handling
        if report is None:
            link, status = "–", no_report
        else:
            link = format_html(
                '<a class="ds-link" href="{}">{}</a>', reverse("reports:detail", args=[report.pk]), report.title
            )
            status = format_html(
                '<span class="ds-tag" data-color="{}">{}</span>',
                _STATUS_COLOURS.get(report.status, "neutral"),
                report.get_status_display(),
            )
        handled = format_html("{} ({})", formatting.date(handling.date), handling.body) if handling else "–"
        rows.append(
            format_html(
                "<tr>\n        <td>{}</td>\n        <td>{}</td>\n        <td>{}</td>\n        <td>{}</td>\n      </tr>",
                row.municipality.name,
                link,
                status,
                handled,
            )
        )
    return mark_safe("".join(rows))  # every part escaped by format_html


def _overview_page(request: AuthenticatedHttpRequest, title: str, municipalities: list[Municipality]) -> HttpResponse:
    year, form = _year(request)
    overview = queries.overview(municipalities, year)
    return render(
        request,
        "reports/overview.html",
        {
            "title": title,
            "year": year,
            "year_form": form,
            "overview": overview,
            "table_rows": _table_rows(overview),
            "breadcrumbs": breadcrumbs(list_crumb(), (title, None)),
        },
    )


@requires(OVERVIEW)
def overview_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    counties = list(visible(request.user, OVERVIEW, County.objects.valid_on()).order_by("number"))
    networks = list(network_queries.networks_for(request.user, VIEW_NETWORK)) if can(request.user, VIEW_NETWORK) else []
    return render(
        request,
        "reports/overview_index.html",
        {
            "counties": counties,
            "networks": networks,
            "national": has_role(request.user, *GLOBAL_ROLES),
            "can_generate": can(request.user, GENERATE),
            "batches": visible(request.user, GENERATE, Batch.objects.select_related("county"))[:10],
            "breadcrumbs": breadcrumbs(list_crumb(), (_("Oversikter"), None)),
        },
    )


@requires(OVERVIEW)
def county_overview(request: AuthenticatedHttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    municipalities = list(org_queries.municipalities_in_county(county))
    return _overview_page(request, _("Tilstandsrapporter i %(county)s") % {"county": county.name}, municipalities)


@requires(OVERVIEW)
def network_overview(request: AuthenticatedHttpRequest, overview_network_id: int) -> HttpResponse:
    networks = network_queries.networks_for(request.user, VIEW_NETWORK)
    network = networks.filter(pk=overview_network_id).first()
    if network is None or not can(request.user, OVERVIEW, network.county):
        from django.http import Http404

        raise Http404
    municipalities = list(network_queries.member_municipalities(network).order_by("number"))
    return _overview_page(request, _("Tilstandsrapporter i %(network)s") % {"network": network.name}, municipalities)


@requires(OVERVIEW)
def national_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not has_role(request.user, *GLOBAL_ROLES):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    municipalities = list(Municipality.objects.valid_on().order_by("number"))
    return _overview_page(request, _("Tilstandsrapporter i hele landet"), municipalities)


@requires(GENERATE)
def batch_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    national = has_role(request.user, *GLOBAL_ROLES)
    counties = visible(request.user, GENERATE, County.objects.valid_on()).order_by("number")
    form = BatchForm(request.POST or None, counties=counties, national=national)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.start_batch(
                request.user, county=form.cleaned_data["county"], year=form.cleaned_data["year"]
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Utkastene lages nå, én kommune om gangen."))
            return redirect("reports:batch", batch.pk)
    return form_page(
        request,
        title=_("Lag utkast for alle kommunene"),
        form=form,
        breadcrumbs=breadcrumbs(list_crumb(), (_("Lag utkast"), None)),
        intro=_(
            "Fagløft lager et utkast til tilstandsrapport for hver kommune som ikke har en for året. "
            "Kommunene redigerer utkastene selv."
        ),
        submit=_("Lag utkastene"),
        status=400 if form.errors else 200,
    )


@requires(GENERATE)
def batch_detail(request: AuthenticatedHttpRequest, report_batch_id: int) -> HttpResponse:
    batch = fetch(request, Batch.objects.select_related("county"), pk=report_batch_id)
    template = "reports/_batch_progress.html" if request.headers.get("HX-Request") else "reports/batch.html"
    return render(
        request,
        template,
        {"batch": batch, "breadcrumbs": breadcrumbs(list_crumb(), (_("Lag utkast"), None))},
    )


@requires(VIEW)
def municipality_page(request: AuthenticatedHttpRequest, municipality_number: str) -> HttpResponse:
    municipality = fetch(request, Municipality, number=municipality_number)
    reports = queries.visible_reports(request.user).filter(municipalities=municipality).order_by("-year")
    handlings = list(municipality.council_handlings.all()) if hasattr(municipality, "council_handlings") else []
    return render(
        request,
        "reports/municipality.html",
        {
            "municipality": municipality,
            "reports": reports,
            "handlings": handlings,
            "can_record": can(request.user, RECORD_HANDLING, municipality),
            "breadcrumbs": breadcrumbs(list_crumb(), (municipality.name, None)),
        },
    )


@requires(RECORD_HANDLING, read=VIEW)
def preventive_plan(request: AuthenticatedHttpRequest, municipality_number: str) -> HttpResponse:
    municipality = fetch(request, Municipality, number=municipality_number)
    form = PreventivePlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("document", "year")}
        try:
            org_services.record_council_handling(
                request.user,
                municipality,
                kind=CouncilHandling.Kind.PREVENTIVE_PLAN,
                year=form.cleaned_data["year"],
                document=form.cleaned_data.get("document"),
                **values,
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Behandlingen av planen er registrert."))
            return redirect("reports:municipality", municipality.number)
    return form_page(
        request,
        title=_("Plan for det forebyggende arbeidet: politisk behandling"),
        form=form,
        breadcrumbs=breadcrumbs(
            list_crumb(),
            (municipality.name, reverse("reports:municipality", args=[municipality.number])),
            (_("Plan for det forebyggende arbeidet"), None),
        ),
        intro=_(
            "Kommunestyret skal vedta en plan for kommunens arbeid med å forebygge omsorgssvikt og "
            "atferdsproblemer (barnevernsloven § 15-1)."
        ),
        submit=_("Registrer behandlingen"),
        multipart=True,
        status=400 if form.errors else 200,
    )
