"""URL kwargs for the permission walk: objects in service_ab (inside) and in Utenfor's service (outside)."""

from __future__ import annotations

import datetime
from typing import Any

from fagloft.competence.tests.factories import (
    give_education,
    make_employee,
    make_plan,
    make_round,
    make_vacancy,
)
from fagloft.organizations.tests.factories import Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside = make_employee(tree.service_ab, "Kari", "Inne")
    outside = make_employee(tree.service_c, "Ola", "Utenforsen")
    plan_in, plan_out = make_plan(tree.service_ab), make_plan(tree.service_c)
    return {
        "employee_id": (inside.pk, outside.pk),
        "kind": ("utdanning", "utdanning"),
        "item_id": (give_education(inside).pk, give_education(outside).pk),
        "round_id": (make_round(tree.service_ab).pk, make_round(tree.service_c).pk),
        "plan_id": (plan_in.pk, plan_out.pk),
        "vacancy_id": (make_vacancy(tree.service_ab, datetime.date(2026, 1, 1)).pk,
                       make_vacancy(tree.service_c, datetime.date(2026, 1, 1)).pk),
        "measure_id": (plan_in.measures.get().pk, plan_out.measures.get().pk),
    }
