"""`fagloft economy simulate` and `fagloft economy pool` print the issue's JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from fagloft.economy import simulation as sim
from fagloft.organizations.tests.factories import build_tree

pytestmark = pytest.mark.django_db


def _run(*args: str) -> dict:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return json.loads(out.getvalue())


def test_simulate_prints_inputs_expected_cost_and_the_simulated_figures():
    build_tree()
    data = _run(
        "economy_simulate",
        "--municipality",
        "9101",
        "--year",
        "2026",
        "--runs",
        "20000",
        "--seed",
        "1",
        "--format",
        "json",
        "--no-progress",
    )
    kinds = {k["kind"]: k for k in data["inputs"]["kinds"]}
    institution = kinds["institution"]
    assert institution["monthly_rate"] == 197_225
    assert (
        institution["new_placements"]["distribution"] == "negbin" and institution["new_placements"]["dispersion"] == 2
    )
    assert institution["mean_duration_months"] == 36
    for name in ("expected_cost", "mean", "p50", "p90", "p99", "es99"):
        assert isinstance(data[name], float)
    assert abs(data["mean"] - data["expected_cost"]) < 4 * data["sd"] / 20000**0.5
    again = _run(
        "economy_simulate",
        "--municipality",
        "9101",
        "--year",
        "2026",
        "--runs",
        "20000",
        "--seed",
        "1",
        "--format",
        "json",
        "--no-progress",
    )
    assert again["p99"] == data["p99"]


def test_pool_prints_members_standalone_and_pooled_and_the_total():
    build_tree()
    data = _run(
        "economy_pool",
        "--municipalities",
        "9101,9102",
        "--key",
        "children",
        "--year",
        "2026",
        "--runs",
        "10000",
        "--seed",
        "1",
        "--format",
        "json",
        "--no-progress",
    )
    assert set(data["members"]) == {"9101", "9102"}
    member = data["members"]["9101"]
    assert {"standalone", "pooled", "share", "inputs", "p99_reduction", "es99_reduction"} <= set(member)
    assert data["total"]["es99"] <= sum(m["standalone"]["es99"] for m in data["members"].values()) + 1e-6
    assert data["key"] == sim.CHILDREN


def test_unknown_municipality_is_an_error():
    from django.core.management.base import CommandError

    build_tree()
    with pytest.raises(CommandError):
        call_command("economy_simulate", "--municipality", "0000", "--year", "2026", stdout=io.StringIO())
