"""Pages: today's picture for a county, the proposal form, a proposal (with its progress while it is
being solved), comparing proposals side by side, draft agreements and their adoption, distances."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, permitted_actions, requires
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.lib import formatting
from fagloft.lib.forms import ConfirmForm
from fagloft.lib.pages import breadcrumbs, form_page
from fagloft.lib.refusals import Refused
from fagloft.organising import picture_cache, queries, services
from fagloft.organising.forms import AdoptionForm, AgreementForm, DistanceForm, ProposalForm
from fagloft.organising.html import municipality_urls
from fagloft.organising.models import DistanceOverride, Proposal, ProposedService
from fagloft.organising.permissions import DRAFT_AGREEMENT, EDIT_DISTANCES, PROPOSE, VIEW
from fagloft.organizations.maps import LegendClass, county_map
from fagloft.organizations.models import County, Municipality
from fagloft.organizations.queries import municipalities_in_county

# Fills for today's arrangement, named in text in the legend and in each municipality's name.
ARRANGEMENT_FILLS = {"own": "#9ecae1", "host": "#08519c", "member": "#4292c6", "": "#d9d9d9"}
# Categorical fills for the services of a proposal (ColorBrewer "Paired", 12 classes).
SERVICE_FILLS = (
    "#a6cee3",
    "#1f78b4",
    "#b2df8a",
    "#33a02c",
    "#fb9a99",
    "#e31a1c",
    "#fdbf6f",
    "#ff7f00",
    "#cab2d6",
    "#6a3d9a",
    "#ffff99",
    "#b15928",
)
MAX_COMPARED = 4


def arrangement_labels() -> dict[str, str]:
    """The label of each arrangement code in the active language (translated once per page, not per
    municipality)."""
    return {
        "own": _("egen tjeneste"),
        "host": _("vertskommune"),
        "member": _("deltar i vertskommunesamarbeid"),
        "": _("ingen tjeneste registrert"),
    }


def arrangement_label(code: str) -> str:
    return arrangement_labels()[code]


def _crumbs(county: County | None = None, *rest: tuple[Any, str | None]) -> list[dict[str, Any]]:
    pairs: list[tuple[Any, str | None]] = [(_("Organisering"), reverse("organising:index"))]
    if county is not None:
        pairs.append((county.name, reverse("organising:county", args=[county.number])))
    return breadcrumbs(*pairs, *rest)


def _today_map(
    arrangements: Sequence[queries.TodayRow] | Sequence[queries.Arrangement],
) -> tuple[Any, list[LegendClass]]:
    rows = {r.municipality.pk: r for r in arrangements}
    labels = arrangement_labels()

    def colour(municipality: Municipality) -> tuple[str | None, str]:
        row = rows.get(municipality.pk)
        code = row.arrangement if row else ""
        label = labels[code]
        if row and row.service is not None:
            label = f"{label} ({row.service.name})"
        return ARRANGEMENT_FILLS[code], label

    counts: dict[str, int] = {}
    for row in arrangements:
        counts[row.arrangement] = counts.get(row.arrangement, 0) + 1
    legend = [
        LegendClass(ARRANGEMENT_FILLS[code], labels[code].capitalize(), counts[code])
        for code in ("own", "host", "member", "")
        if counts.get(code)
    ]
    return county_map([r.municipality for r in arrangements], colour), legend


@dataclass(frozen=True)
class TodayMap:
    """The map of today and its legend, rendered as the templates' includes wrote them."""

    map: SafeString
    legend: SafeString


def _today_map_html(
    arrangements: Sequence[queries.TodayRow] | Sequence[queries.Arrangement],
) -> TodayMap:
    county_svg, legend = _today_map(arrangements)
    return TodayMap(
        mark_safe(
            render_to_string(
                "organising/_svg_map.html",
                {"map": county_svg, "map_title": _("Dagens organisering"), "prefix": "today"},
            )
        ),
        mark_safe(
            render_to_string("organising/_legend.html", {"legend": legend, "legend_title": _("Organisering i dag")})
        ),
    )


@dataclass(frozen=True)
class TodayPage:
    """What the county page shows of today's picture: the same for every user who may see the
    county, so it is rendered once per data version (`picture_cache`) and kept as plain values."""

    municipalities: int
    sufficient_count: int
    small_limit: float
    fte_per_1000: float
    economy_available: bool
    table_rows: SafeString
    today_map: TodayMap


def _today_page(county: County) -> TodayPage:
    picture = queries.today_picture(county)
    return TodayPage(
        len(picture.rows),
        picture.sufficient_count,
        picture.small_limit,
        picture.inputs.fte_per_1000,
        picture.economy_available,
        _county_table_rows(picture.rows),
        _today_map_html(picture.rows),
    )


def _proposal_map(proposal: Proposal, proposed: list[ProposedService]) -> tuple[Any, list[LegendClass]]:
    fill_of: dict[int, tuple[str, str]] = {}
    legend = []
    host_role, member_role, in_service = _("vertskommune"), _("medlem"), _("%(role)s i tjenesten med %(host)s")
    for position, service in enumerate(proposed):
        fill = SERVICE_FILLS[position % len(SERVICE_FILLS)]
        members = list(service.members.all())
        for member in members:
            role = host_role if member.pk == service.host_id else member_role
            fill_of[member.pk] = (fill, in_service % {"role": role, "host": service.host.name})
        legend.append(LegendClass(fill, _("Vertskommune %(host)s") % {"host": service.host.name}, len(members)))

    left_out = ("#d9d9d9", _("ikke med"))

    def colour(municipality: Municipality) -> tuple[str | None, str]:
        return fill_of.get(municipality.pk, left_out)

    municipalities = list(municipalities_in_county(proposal.county).select_related("border").defer("border__geometry"))
    return county_map(municipalities, colour), legend


@requires(VIEW)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "organising/index.html",
        {
            "counties": queries.visible_counties(request.user),
            "recent": queries.visible_proposals(request.user)[:20],
            "can_edit_distances": can(request.user, EDIT_DISTANCES),
            "breadcrumbs": breadcrumbs((_("Organisering"), None)),
        },
    )


def _county_table_rows(rows: Sequence[queries.TodayRow]) -> SafeString:
    """The table of the county page, row by row in Python: through the template its ~50 rows of
    eight cells cost more than the rest of the page (the same markup as the template wrote)."""
    estimate = format_html(' <span class="ds-tag" data-size="sm">{}</span>', _("anslag"))
    small = format_html('<span class="ds-tag" data-color="warning" data-size="sm">{}</span> ', _("liten tjeneste"))
    vulnerable = format_html('<span class="ds-tag" data-color="danger" data-size="sm">{}</span>', _("sårbar"))
    yes, no, no_figures = _("Ja"), _("Nei:"), _("ingen tall")
    labels, url = arrangement_labels(), municipality_urls()
    html = []
    for row in rows:
        service = (
            format_html('<br><span class="ds-paragraph" data-size="sm">{}</span>', row.service.name)
            if row.service
            else ""
        )
        fte: str
        if row.service_fte is not None:
            fte = format_html("{}{}", formatting.number(row.service_fte, 1), estimate if row.unit.fte_estimated else "")
        else:
            fte = "–"
        signals = format_html(
            "{}{}{}",
            small if row.small else "",
            vulnerable if row.vulnerable else "",
            "–" if not row.small and not row.vulnerable else "",
        )
        share = formatting.percent(row.requirement_share, 1) if row.requirement_share is not None else "–"
        sufficient = (
            yes
            if row.sufficient
            else format_html("{} {}", no, format_html_join(", ", "{}", ((f,) for f in row.failing)))
        )
        html.append(
            format_html(
                '<tr>\n<td><a class="ds-link" href="{}">{}</a></td>\n<td>{}{}</td>\n'
                '<td class="fl-number">{}</td>\n<td class="fl-number">{}</td>\n<td>{}</td>\n'
                '<td class="fl-number">{}</td>\n<td>{}</td>\n<td class="fl-number">{}</td>\n</tr>',
                url(row.municipality.number),
                row.municipality.name,
                capfirst(labels[row.arrangement]),
                service,
                formatting.number(row.unit.children, 0),
                fte,
                signals,
                share,
                sufficient,
                formatting.money(row.cost.p99) if row.cost else no_figures,
            )
        )
    return mark_safe("\n".join(html))


def _proposal_table_rows(proposal: Proposal, proposed: Sequence[ProposedService], draft_agreement: bool) -> SafeString:
    """The proposal's table of services, row by row in Python: through the template its rows (some
    forty services of a large county, each with its members) cost about a third of the page. The
    same markup as the template wrote."""
    estimate = format_html(' <span class="ds-tag" data-size="sm">{}</span>', _("anslag"))
    no_figures, register, draft = _("ingen tall"), _("Registrer vedtak"), _("Lag avtaleutkast")
    html = []
    for service in proposed:
        members = list(service.members.all())
        effect = service.effect or {}
        risk = effect.get("risk")
        p99: str
        es99: str
        link: str
        if risk:
            money = formatting.money
            p99 = format_html("{} / {}", money(risk.get("pooled_p99", "")), money(risk.get("standalone_p99", "")))
            es99 = format_html("{} / {}", money(risk.get("pooled_es99", "")), money(risk.get("standalone_es99", "")))
        else:
            p99 = es99 = no_figures
        agreement = service.agreement
        if agreement:
            link = format_html(
                '<a class="ds-link" href="{}">{}</a>',
                reverse("organizations:agreement-detail", args=[agreement.pk]),
                agreement.get_status_display(),
            )
            if draft_agreement and agreement.status == "draft":
                link = format_html(
                    '{}<br><a class="ds-link" href="{}">{}</a>',
                    link,
                    reverse("organising:service-adoption", args=[proposal.pk, service.pk]),
                    register,
                )
        elif draft_agreement and len(members) > 1:
            link = format_html(
                '<a class="ds-link" href="{}">{}<span class="fl-sr-only"> {}</span></a>',
                reverse("organising:service-agreement", args=[proposal.pk, service.pk]),
                draft,
                service.host.name,
            )
        else:
            link = "–"
        html.append(
            format_html(
                "<tr>\n<td>{}</td>\n<td>{}</td>\n"
                '<td class="fl-number">{}{}</td>\n<td class="fl-number">{}</td>\n'
                '<td class="fl-number">{} km</td>\n<td>{} → {}</td>\n<td>{} → {}</td>\n'
                '<td class="fl-number">{}</td>\n<td class="fl-number">{}</td>\n<td>{}</td>\n</tr>',
                service.host.name,
                format_html_join(", ", "{}", ((m.name,) for m in members)),
                formatting.number(service.fte, 1),
                estimate if service.fte_estimated else "",
                formatting.number(service.children, 0),
                formatting.number(service.longest_km, 0),
                effect.get("small_before") or 0,
                effect.get("small_after") or 0,
                effect.get("vulnerable_before") or 0,
                effect.get("vulnerable_after") or 0,
                p99,
                es99,
                link,
            )
        )
    return mark_safe("\n".join(html))


@requires(VIEW)
def county(request: AuthenticatedHttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    today: TodayPage = picture_cache.cached("picture", county.pk, lambda: _today_page(county))
    return render(
        request,
        "organising/county.html",
        {
            "county": county,
            "today": today,
            "proposals": queries.proposals_for(request.user, county),
            "can_propose": can(request.user, PROPOSE, county),
            "breadcrumbs": _crumbs(None, (county.name, None)),
        },
    )


@requires(PROPOSE, read=VIEW)
def proposal_create(request: AuthenticatedHttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    municipalities = municipalities_in_county(county).order_by("name")
    form = ProposalForm(
        request.POST or None,
        municipalities=municipalities,
        initial={"title": _("Forslag for %(county)s") % {"county": county.name}},
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.start_proposal(
                request.user, county, title=form.cleaned_data["title"], rules=form.rules()
            )
        except Refused as error:
            form.refuse(error)
        else:
            return redirect("organising:proposal-detail", proposal.pk)
    return form_page(
        request,
        title=_("Nytt organiseringsforslag for %(county)s") % {"county": county.name},
        form=form,
        intro=_(
            "Sett reglene forslaget skal oppfylle. Hver kommune får én tjeneste med én vertskommune blant "
            "medlemmene, og forslaget gir minst mulig reisevei vektet med antall barn."
        ),
        submit=_("Lag forslag"),
        breadcrumbs=_crumbs(county, (_("Nytt forslag"), None)),
    )


def _detail_context(request: AuthenticatedHttpRequest, proposal: Proposal) -> dict[str, Any]:
    proposed = queries.proposal_services(proposal)
    names = {m["number"]: m["name"] for m in proposal.inputs.get("municipalities", [])}
    context: dict[str, Any] = {
        "proposal": proposal,
        "job": services.load_job(proposal.job_id),
        "proposed": proposed,
        "rules": proposal.rules,
        "fixed_names": [names.get(n, n) for n in proposal.rules.get("fixed_hosts", [])],
        "alone_names": [names.get(n, n) for n in proposal.rules.get("alone", [])],
        "estimated": [m for m in proposal.inputs.get("municipalities", []) if m.get("fte_estimated")],
        "permitted": permitted_actions(request.user, proposal),
    }
    return context


@requires(VIEW)
def proposal_detail(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    proposal = fetch(request, Proposal.objects.select_related("county"), pk=proposal_id)
    context = _detail_context(request, proposal)
    if proposal.status == Proposal.Status.DONE:
        context["map"], context["legend"] = _proposal_map(proposal, context["proposed"])
        # Only how the municipalities are organised today: the figures of today's picture are not shown.
        # The same for everyone who may see the proposal: rendered once per data version.
        county = proposal.county
        context["today"] = picture_cache.cached(
            "map", county.pk, lambda: _today_map_html(queries.today_arrangements(county))
        )
        context["table_rows"] = _proposal_table_rows(
            proposal, context["proposed"], bool(context["permitted"].draft_agreement)
        )
    context["breadcrumbs"] = _crumbs(proposal.county, (proposal.title, None))
    return render(request, "organising/proposal_detail.html", context)


@requires(VIEW)
def proposal_status(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """The progress box, polled by htmx while the task runs; it reloads the page when done."""
    proposal = fetch(request, Proposal, pk=proposal_id)
    response = render(request, "organising/_progress.html", _detail_context(request, proposal))
    if proposal.finished:
        response["HX-Refresh"] = "true"
    return response


@requires(VIEW)
def compare(request: AuthenticatedHttpRequest, county_number: str) -> HttpResponse:
    county = fetch(request, County, number=county_number)
    available = queries.proposals_for(request.user, county).filter(status=Proposal.Status.DONE)
    wanted = [int(v) for v in request.GET.getlist("forslag") if v.isdigit()][:MAX_COMPARED]
    chosen = [p for p in available.filter(pk__in=wanted)]
    comparison = queries.compare(chosen) if chosen else None
    maps = []
    for proposal in chosen:
        svg, legend = _proposal_map(proposal, queries.proposal_services(proposal))
        maps.append({"proposal": proposal, "map": svg, "legend": legend})
    return render(
        request,
        "organising/compare.html",
        {
            "county": county,
            "available": available,
            "wanted": set(wanted),
            "comparison": comparison,
            "maps": maps,
            "breadcrumbs": _crumbs(county, (_("Sammenlign forslag"), None)),
        },
    )


def _proposed_service(proposal: Proposal, service_id: int) -> ProposedService:
    service = proposal.services.select_related("host", "agreement").filter(pk=service_id).first()
    if service is None:
        raise Http404
    return service


@requires(DRAFT_AGREEMENT, read=VIEW)
def service_agreement(request: AuthenticatedHttpRequest, proposal_id: int, proposed_service_id: int) -> HttpResponse:
    proposal = fetch(request, Proposal.objects.select_related("county"), pk=proposal_id)
    service = _proposed_service(proposal, proposed_service_id)
    if service.agreement_id:
        return redirect("organizations:agreement-detail", service.agreement_id)
    form = AgreementForm(
        request.POST or None,
        initial={
            "title": _("Vertskommunesamarbeid om barneverntjeneste med %(host)s som vertskommune")
            % {"host": service.host.name},
            "tasks_delegated": str(services.DEFAULT_TASKS),
            "cost_sharing_key": "children",
            "governance": _("Samarbeidsutvalg med én representant fra hver kommune; vertskommunen rapporterer årlig."),
            "notice_months": 12,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.draft_agreement(request.user, proposal, service=service, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Avtaleutkastet er laget. Hvert kommunestyre må vedta det."))
            return redirect("organizations:agreement-detail", agreement.pk)
    members = ", ".join(m.name for m in service.members.order_by("name"))
    return form_page(
        request,
        title=_("Avtaleutkast for tjenesten med %(host)s som vertskommune") % {"host": service.host.name},
        form=form,
        intro=_("Partene blir %(members)s. Avtalen er et utkast til hvert kommunestyre har vedtatt den.")
        % {"members": members},
        submit=_("Lag avtaleutkast"),
        breadcrumbs=_crumbs(
            proposal.county,
            (proposal.title, reverse("organising:proposal-detail", args=[proposal.pk])),
            (_("Avtaleutkast"), None),
        ),
    )


@requires(DRAFT_AGREEMENT, read=VIEW)
def service_adoption(request: AuthenticatedHttpRequest, proposal_id: int, proposed_service_id: int) -> HttpResponse:
    from fagloft.organizations.services import record_agreement_adoption

    proposal = fetch(request, Proposal.objects.select_related("county"), pk=proposal_id)
    service = _proposed_service(proposal, proposed_service_id)
    if service.agreement is None:
        raise Http404
    agreement = service.agreement
    pending = agreement.parties.exclude(pk__in=agreement.adoptions.values("municipality")).order_by("name")
    form = AdoptionForm(request.POST or None, parties=pending)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_agreement_adoption(
                request.user,
                data["municipality"],
                agreement=agreement,
                adopted_on=data["adopted_on"],
                body=data["body"],
                case_number=data["case_number"],
            )
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Vedtaket er registrert."))
            return redirect("organising:proposal-detail", proposal.pk)
    return form_page(
        request,
        title=_("Registrer kommunestyrets vedtak av avtalen"),
        form=form,
        intro=agreement.title,
        submit=_("Registrer vedtak"),
        breadcrumbs=_crumbs(
            proposal.county,
            (proposal.title, reverse("organising:proposal-detail", args=[proposal.pk])),
            (_("Vedtak"), None),
        ),
    )


@requires(EDIT_DISTANCES)
def distances(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DistanceForm(request.POST or None, municipalities=Municipality.objects.valid_on().order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_distance(request.user, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Avstanden er lagret."))
            return redirect("organising:distances")
    return render(
        request,
        "organising/distances.html",
        {
            "form": form,
            "overrides": queries.distance_overrides(request.user),
            "breadcrumbs": _crumbs(None, (_("Avstander satt for hånd"), None)),
        },
    )


@requires(EDIT_DISTANCES)
def distance_delete(request: AuthenticatedHttpRequest, override_id: int) -> HttpResponse:
    override = fetch(request, DistanceOverride.objects.select_related("first", "second"), pk=override_id)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.delete_distance(request.user, override)
        messages.success(request, _("Avstanden er slettet; anslaget brukes igjen."))
        return redirect("organising:distances")
    return render(
        request,
        "organising/confirm_delete.html",
        {
            "confirm_form": form,
            "title": _("Slette avstanden %(pair)s?") % {"pair": str(override)},
            "consequences": [_("Forslag som lages etter dette bruker luftlinje ganger omveisfaktor for paret.")],
            "submit": _("Slett"),
            "cancel_url": reverse("organising:distances"),
            "breadcrumbs": _crumbs(
                None, (_("Avstander satt for hånd"), reverse("organising:distances")), (_("Slett"), None)
            ),
        },
    )
