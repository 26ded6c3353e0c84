"""Pages render for the roles that read them, runs are simulated and stored, query counts stay flat."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fagloft.audit.models import AuditEvent
from fagloft.economy.models import CoPaymentRate, CostModel, SimulationRun
from fagloft.economy.tests.factories import make_run
from fagloft.organizations.tests.factories import build_tree, login

pytestmark = pytest.mark.django_db


def test_reference_pages_show_the_seed_text_and_mark_unconfirmed_rates(client):
    tree = build_tree()
    login(client, tree.users["employee_ab"])
    page = client.get(reverse("economy:responsibilities")).content.decode()
    assert "Refusjonsordningen avvikles." in page and "rekonstruert" in page
    rates = client.get(reverse("economy:rates")).content.decode()
    assert "170\u00a0000\u00a0kr" in rates and "197\u00a0225\u00a0kr" in rates and "ikke bekreftet" in rates
    assert "Endre" not in rates  # only the administrator edits


def test_a_leader_stores_a_model_runs_a_simulation_and_reads_it(client):
    tree = build_tree()
    leader = tree.users["municipal_leader_a"]
    login(client, leader)
    unit = tree.municipality_a
    response = client.post(reverse("economy:model-create", args=[unit.pk]) + "?year=2026")
    assert response.status_code == 302
    model = CostModel.objects.get(municipality=unit, year=2026)
    edit = reverse("economy:model-edit", args=[unit.pk]) + "?year=2026"
    form = client.get(edit)
    assert form.status_code == 200
    data = {
        "version": model.version,
        "budget": "3000000",
        "ordinary_foster_monthly_cost": "30000",
        "years": "1",
        "timing": "spread",
        "note": "",
    }
    for line in model.lines.all():
        for name in (
            "carried_over",
            "new_per_year",
            "count_distribution",
            "dispersion",
            "duration_distribution",
            "mean_months",
            "sd_months",
        ):
            value = getattr(line, name)
            data[f"{line.kind}-{name}"] = "" if value is None else str(value)
    data["institution-new_per_year"] = "1.5"
    assert client.post(edit, data).status_code == 302
    model.refresh_from_db()
    assert model.version == 2 and model.budget == 3_000_000
    line = model.lines.get(kind="institution")
    assert float(line.new_per_year) == 1.5 and line.new_source == "entered"
    assert AuditEvent.objects.filter(object_type="economy.costmodel", object_id=str(model.pk)).count() == 2
    response = client.post(
        reverse("economy:run-start", args=[unit.pk]), {"year": 2026, "runs": 5000, "seed": 3, "years": 1}
    )
    run = SimulationRun.objects.get(municipality=unit)
    assert response.status_code == 302 and run.status == SimulationRun.Status.DONE
    assert run.results["mean"] == pytest.approx(run.results["expected_cost"], rel=0.1)
    page = client.get(reverse("economy:run", args=[run.pk])).content.decode()
    assert "<svg" in page and "Simulerte år per kostnadsintervall" in page
    assert "Satser som ikke er bekreftet for året" in page
    # Published for the assessment: P99 relative to the budget.
    from fagloft.statistics.models import IndicatorValue

    value = IndicatorValue.objects.get(indicator__code="economy-p99-of-budget", municipality=unit, year=2026)
    assert value.value is not None
    assert float(value.value) == pytest.approx(100 * run.results["p99"] / 3_000_000, rel=1e-3)


def test_the_run_page_compares_with_last_year(client):
    tree = build_tree()
    make_run(tree.municipality_a, 2025, results={"mean": 777_000.0, "p50": 1.0, "p90": 1.0, "p99": 1.0, "es99": 1.0})
    run = make_run(tree.municipality_a, 2026)
    login(client, tree.users["advisor_x"])
    page = client.get(reverse("economy:run", args=[run.pk])).content.decode()
    assert "2026 mot 2025" in page and "777\u00a0000\u00a0kr" in page


def test_only_the_administrator_changes_a_rate_and_it_is_audited(client):
    tree = build_tree()
    rate = CoPaymentRate.objects.get(kind="institution", year=2026)
    url = reverse("economy:rate-edit", args=[rate.pk])
    login(client, tree.users["national"])
    assert client.get(url).status_code == 403
    login(client, tree.users["admin"])
    data = {
        "version": rate.version,
        "monthly_rate": 197_225,
        "confirmed": "on",
        "source": "https://example.org/brev",
        "note": "",
    }
    assert client.post(url, data).status_code == 302
    rate.refresh_from_db()
    assert rate.confirmed and rate.version == 2
    assert AuditEvent.objects.filter(object_type="economy.copaymentrate", object_id=str(rate.pk)).exists()


def test_pooling_page_shows_each_member(client):
    tree = build_tree()
    login(client, tree.users["leader_ab"])
    query = {
        "year": 2026,
        "key": "children",
        "runs": 2000,
        "seed": 1,
        "municipalities": [tree.municipality_a.pk, tree.municipality_b.pk],
    }
    page = client.get(reverse("economy:pool"), query).content.decode()
    assert "Alvik" in page and "Bergvik" in page and "P99 i samarbeid" in page


def test_municipality_and_run_pages_run_a_flat_number_of_queries(client, django_assert_max_num_queries):
    tree = build_tree()
    for year in range(2015, 2027):
        make_run(tree.municipality_a, year)
    login(client, tree.users["municipal_leader_a"])
    with django_assert_max_num_queries(40):
        assert client.get(reverse("economy:municipality", args=[tree.municipality_a.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("economy:rates")).status_code == 200
