"""Pages: the responsibility matrix, rates per year, scenario presets, a municipality's cost model,
simulation results and pooling. Thin: forms, use cases and queries do the work."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import can, fetch, permitted_actions, requires, visible
from fagloft.accounts.typing import AuthenticatedHttpRequest
from fagloft.audit.concurrency import ConcurrentEditError
from fagloft.economy import charts, queries, services
from fagloft.economy import simulation as sim
from fagloft.economy.forms import (
    KEY_LABELS,
    CostModelForm,
    CostModelLineForm,
    NewRateForm,
    PoolForm,
    RateForm,
    ScenarioForm,
    SimulationForm,
)
from fagloft.economy.models import (
    RATED_KINDS,
    CoPaymentRate,
    CostModelLine,
    MeasureKind,
    Regime,
    ResponsibilityTask,
    Scenario,
    SimulationRun,
)
from fagloft.economy.permissions import MANAGE_RATES, RUN_SIMULATION, VIEW_COSTS, VIEW_REFERENCE
from fagloft.lib.pages import breadcrumbs, form_page
from fagloft.lib.refusals import Refused
from fagloft.organizations.models import CooperationAgreement, Municipality
from fagloft.organizations.permissions import VIEW_AGREEMENTS


def _crumb() -> tuple[str, str]:
    return (_("Økonomi"), reverse("economy:index"))


def _default_year() -> int:
    return timezone.localdate().year


def _year(request: AuthenticatedHttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return _default_year()
    return year if 2000 <= year <= 2100 else _default_year()


@requires(VIEW_REFERENCE)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    municipalities = visible(request.user, VIEW_COSTS, Municipality.objects.order_by("number"))
    return render(
        request,
        "economy/index.html",
        {
            "municipalities": list(municipalities[:400]) if can(request.user, VIEW_COSTS) else [],
            "may_pool": can(request.user, VIEW_COSTS),
            "breadcrumbs": breadcrumbs((_("Økonomi"), None)),
        },
    )


# Reference data -------------------------------------------------------------------------------


@requires(VIEW_REFERENCE)
def responsibilities(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "economy/responsibilities.html",
        {
            "matrix": [
                (task, [cells.get(regime) for regime in Regime]) for task, cells in queries.responsibility_matrix()
            ],
            "regimes": list(Regime),
            "breadcrumbs": breadcrumbs(_crumb(), (_("Hvem har ansvaret"), None)),
        },
    )


@requires(VIEW_REFERENCE)
def responsibility_task(request: AuthenticatedHttpRequest, responsibility_task_id: int) -> HttpResponse:
    task = get_object_or_404(ResponsibilityTask.objects.prefetch_related("cells"), pk=responsibility_task_id)
    cells = {cell.regime: cell for cell in task.cells.all()}
    return render(
        request,
        "economy/responsibility_task.html",
        {
            "task": task,
            "rows": [(regime, cells.get(regime)) for regime in Regime],
            "breadcrumbs": breadcrumbs(
                _crumb(), (_("Hvem har ansvaret"), reverse("economy:responsibilities")), (task.name, None)
            ),
        },
    )


@requires(VIEW_REFERENCE)
def rates(request: AuthenticatedHttpRequest) -> HttpResponse:
    kinds = [MeasureKind(k) for k in RATED_KINDS]
    table = [(year, [row.get(kind) for kind in kinds]) for year, row in queries.rates_by_year()]
    return render(
        request,
        "economy/rates.html",
        {
            "kinds": kinds,
            "table": table,
            "may_edit": can(request.user, MANAGE_RATES),
            "breadcrumbs": breadcrumbs(_crumb(), (_("Egenandeler"), None)),
        },
    )


@requires(MANAGE_RATES, read=VIEW_REFERENCE)
def rate_edit(request: AuthenticatedHttpRequest, copayment_rate_id: int) -> HttpResponse:
    rate = get_object_or_404(CoPaymentRate, pk=copayment_rate_id)
    form = RateForm(request.POST or None, instance=rate)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in RateForm.Meta.fields}
        try:
            services.update_rate(request.user, rate, version=form.cleaned_data["version"], **values)
        except (Refused, ConcurrentEditError) as error:
            form.refuse(error)
        else:
            messages.success(request, _("Satsen er lagret."))
            return redirect("economy:rates")
    return form_page(
        request,
        title=_("Endre sats: %(rate)s") % {"rate": str(rate)},
        form=form,
        breadcrumbs=breadcrumbs(_crumb(), (_("Egenandeler"), reverse("economy:rates")), (str(rate), None)),
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@requires(MANAGE_RATES, read=VIEW_REFERENCE)
def rate_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_rate(request.user, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            messages.success(request, _("Satsen er lagret."))
            return redirect("economy:rates")
    return form_page(
        request,
        title=_("Ny sats"),
        form=form,
        breadcrumbs=breadcrumbs(_crumb(), (_("Egenandeler"), reverse("economy:rates")), (_("Ny sats"), None)),
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@requires(VIEW_REFERENCE)
def scenarios(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "economy/scenarios.html",
        {
            "scenarios": list(Scenario.objects.order_by("name")),
            "may_edit": can(request.user, MANAGE_RATES),
            "breadcrumbs": breadcrumbs(_crumb(), (_("Scenarioer"), None)),
        },
    )


@requires(MANAGE_RATES, read=VIEW_REFERENCE)
def scenario_edit(request: AuthenticatedHttpRequest, cost_scenario_id: int) -> HttpResponse:
    scenario = get_object_or_404(Scenario, pk=cost_scenario_id)
    form = ScenarioForm(request.POST or None, instance=scenario)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ScenarioForm.Meta.fields}
        try:
            services.update_scenario(request.user, scenario, version=form.cleaned_data["version"], **values)
        except (Refused, ConcurrentEditError) as error:
            form.refuse(error)
        else:
            messages.success(request, _("Scenarioet er lagret."))
            return redirect("economy:scenarios")
    return form_page(
        request,
        title=_("Endre scenario: %(name)s") % {"name": scenario.name},
        form=form,
        breadcrumbs=breadcrumbs(_crumb(), (_("Scenarioer"), reverse("economy:scenarios")), (scenario.name, None)),
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


# A municipality's model and runs ---------------------------------------------------------------


def _municipality_crumbs(municipality: Municipality, *more: tuple[Any, str | None]) -> list[dict[str, Any]]:
    return breadcrumbs(_crumb(), (municipality.name, reverse("economy:municipality", args=[municipality.pk])), *more)


@requires(VIEW_COSTS)
def municipality(request: AuthenticatedHttpRequest, economy_municipality_id: int) -> HttpResponse:
    unit = fetch(request, Municipality, pk=economy_municipality_id)
    year = _year(request)
    model = queries.cost_model(unit, year)
    may_run = can(request.user, RUN_SIMULATION, unit)
    form = SimulationForm(initial={"year": year, "years": model.years}) if may_run else None
    return render(
        request,
        "economy/municipality.html",
        {
            "municipality": unit,
            "year": year,
            "model": model,
            "expected": model.expected_cost,
            "runs": list(queries.runs_of(request.user, unit)[:20]),
            "may_run": may_run,
            "form": form,
            "breadcrumbs": breadcrumbs(_crumb(), (unit.name, None)),
        },
    )


@requires(RUN_SIMULATION, read=VIEW_COSTS)
def model_create(request: AuthenticatedHttpRequest, economy_municipality_id: int) -> HttpResponse:
    unit = fetch(request, Municipality, pk=economy_municipality_id)
    year = _year(request)
    if request.method != "POST":
        return redirect(f"{reverse('economy:municipality', args=[unit.pk])}?year={year}")
    try:
        services.create_cost_model(request.user, unit, year=year)
    except Refused as error:
        messages.error(request, error.text)
    return redirect(f"{reverse('economy:model-edit', args=[unit.pk])}?year={year}")


@requires(RUN_SIMULATION, read=VIEW_COSTS)
def model_edit(request: AuthenticatedHttpRequest, economy_municipality_id: int) -> HttpResponse:
    unit = fetch(request, Municipality, pk=economy_municipality_id)
    year = _year(request)
    stored = queries.stored_model(unit, year)
    if stored is None:
        messages.info(request, _("Opprett en kostnadsmodell for året før du endrer inndata."))
        return redirect(f"{reverse('economy:municipality', args=[unit.pk])}?year={year}")
    data = request.POST or None
    form = CostModelForm(data, instance=stored)
    lines = {line.kind: line for line in stored.lines.all()}
    line_forms = [
        (
            kind,
            CostModelLineForm(
                data,
                instance=lines.get(kind) or CostModelLine(cost_model=stored, kind=kind, mean_months=12),
                prefix=kind,
            ),
        )
        for kind in MeasureKind
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _k, f in line_forms):
        values = {name: form.cleaned_data[name] for name in CostModelForm.Meta.fields}
        changes = {
            str(kind): {name: f.cleaned_data[name] for name in CostModelLineForm.Meta.fields}
            for kind, f in line_forms
            if f.has_changed() or kind not in lines
        }
        try:
            services.update_cost_model(
                request.user, stored, version=form.cleaned_data["version"], lines=changes, **values
            )
        except (Refused, ConcurrentEditError) as error:
            form.refuse(error)
        else:
            messages.success(request, _("Kostnadsmodellen er lagret."))
            return redirect(f"{reverse('economy:municipality', args=[unit.pk])}?year={year}")
    return render(
        request,
        "economy/model_form.html",
        {
            "municipality": unit,
            "year": year,
            "form": form,
            "line_forms": [(MeasureKind(kind).label, lines.get(kind), f) for kind, f in line_forms],
            "breadcrumbs": _municipality_crumbs(unit, (_("Endre kostnadsmodell %(year)s") % {"year": year}, None)),
        },
        status=400 if request.method == "POST" else 200,
    )


@requires(RUN_SIMULATION, read=VIEW_COSTS)
def run_start(request: AuthenticatedHttpRequest, economy_municipality_id: int) -> HttpResponse:
    unit = fetch(request, Municipality, pk=economy_municipality_id)
    form = SimulationForm(request.POST or None, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        try:
            run = services.start_simulation(request.user, unit, **form.cleaned_data)
        except Refused as error:
            form.refuse(error)
        else:
            return redirect("economy:run", run.pk)
    return form_page(
        request,
        title=_("Ny simulering for %(name)s") % {"name": unit.name},
        form=form,
        submit=_("Start simuleringen"),
        breadcrumbs=_municipality_crumbs(unit, (_("Ny simulering"), None)),
        status=400 if form.is_bound else 200,
    )


def _run_context(run: SimulationRun, user: Any) -> dict[str, Any]:
    results = run.results or {}
    previous = queries.previous_year_run(run) if run.status == SimulationRun.Status.DONE else None
    model = (run.inputs or {}).get("model") or {}
    return {
        "run": run,
        "results": results,
        "kinds": (run.inputs.get("simulation") or {}).get("kinds", []),
        "model": model,
        "unconfirmed": [k for k in model.get("kinds", []) if not k.get("rate_confirmed", True)],
        "chart": charts.histogram(results.get("histogram") or {}, results) if results else None,
        "previous": previous,
        "previous_results": previous.results if previous else None,
        "p99_of_budget": services.p99_of_budget(run) if results else None,
        "permitted": permitted_actions(user, run),
    }


@requires(VIEW_COSTS)
def run_detail(request: AuthenticatedHttpRequest, simulation_id: int) -> HttpResponse:
    run = fetch(
        request, SimulationRun.objects.select_related("municipality", "scenario", "created_by"), pk=simulation_id
    )
    context = _run_context(run, request.user)
    context["breadcrumbs"] = _municipality_crumbs(
        run.municipality, (_("Simulering %(year)s") % {"year": run.year}, None)
    )
    return render(request, "economy/run_detail.html", context)


@requires(VIEW_COSTS)
def run_status(request: AuthenticatedHttpRequest, simulation_id: int) -> HttpResponse:
    """The progress fragment the run page polls while the task works."""
    run = fetch(request, SimulationRun, pk=simulation_id)
    return render(request, "economy/_run_status.html", {"run": run})


# Pooling --------------------------------------------------------------------------------------


@requires(VIEW_COSTS)
def pool(request: AuthenticatedHttpRequest) -> HttpResponse:
    municipalities = visible(request.user, VIEW_COSTS, Municipality.objects.order_by("number"))
    agreements = list(
        visible(request.user, VIEW_AGREEMENTS, CooperationAgreement.objects.all())
        .filter(parties__in=municipalities)
        .distinct()
        .prefetch_related("parties")
        .order_by("title")[:200]
    )
    form = PoolForm(
        request.GET if "year" in request.GET else None,
        initial={"year": _default_year(), "key": sim.CHILDREN},
        municipalities=municipalities,
        agreements=[(str(a.pk), a.title) for a in agreements],
    )
    result = None
    rows: list[dict[str, Any]] = []
    if form.is_bound and form.is_valid():
        chosen = list(form.cleaned_data["municipalities"])
        if form.cleaned_data["agreement"]:
            agreement = next(a for a in agreements if str(a.pk) == form.cleaned_data["agreement"])
            allowed = set(municipalities.values_list("pk", flat=True))
            chosen = [p for p in agreement.parties.all() if p.pk in allowed]
        if len(chosen) < 2:
            form.add_error(None, _("Samarbeidet må ha minst to kommuner du har tilgang til."))
        else:
            result = queries.pooled_risk(
                chosen,
                form.cleaned_data["year"],
                key=form.cleaned_data["key"],
                runs=form.cleaned_data["runs"],
                seed=form.cleaned_data["seed"],
            )
            names = {m.pk: m for m in chosen}
            rows = [
                {"municipality": names[pk], "risk": risk, "model": result.models[pk]}
                for pk, risk in result.members.items()
            ]
    return render(
        request,
        "economy/pool.html",
        {
            "form": form,
            "result": result,
            "rows": rows,
            "key_label": KEY_LABELS.get(result.key) if result else "",
            "breadcrumbs": breadcrumbs(_crumb(), (_("Samarbeid om risiko"), None)),
        },
    )
