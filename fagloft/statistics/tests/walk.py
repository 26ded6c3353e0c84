"""URL kwargs for the permission walk introduced by the statistics app.

The pages reuse `municipality_number`, `county_number` and `service_id` (organizations' walk). The
indicator catalogue is national, so it has no object in county Y: the outside sample is a code
that does not exist, which must answer 404 like any object out of reach.
"""

from __future__ import annotations

from typing import Any

from fagloft.organizations.tests.factories import Tree


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    return {"indicator_code": ("kostra-barn-per-arsverk", "utenfor-finnes-ikke")}
