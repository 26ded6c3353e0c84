"""URL kwargs of the kostra app for the permission walk."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fagloft.kostra.tests.factories import make_run
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside = make_run(tree.service_ab, tree.users["leader_ab"], file_name="Alvik-15F.xml")
    outside = make_run(
        tree.service_c,
        tree.users["leader_c"],
        file_name=f"{OUTSIDE_MARKER}vik-15F.xml",
        findings=[
            {"rule": "Individ06", "severity": "ERROR", "record": f"{OUTSIDE_MARKER}-1", "message": OUTSIDE_MARKER}
        ],
    )
    return {"run_id": (inside.pk, outside.pk)}


def insiders(tree: Tree, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200)."""
    return [
        ("admin", reverse("kostra:index")),
        ("leader_ab", reverse("kostra:index")),
        ("leader_ab", reverse("kostra:run", args=[samples["run_id"][0]])),
        ("leader_c", reverse("kostra:run", args=[samples["run_id"][1]])),
        ("leader_ab", reverse("kostra:run-pdf", args=[samples["run_id"][0]])),
        ("leader_ab", reverse("kostra:run-xlsx", args=[samples["run_id"][0]])),
        ("leader_c", reverse("kostra:run-xlsx", args=[samples["run_id"][1]])),
    ]
