"""URL kwargs for the permission walk: (inside county X, outside in county Y) for each name.

Every app with URL parameters has a `tests/walk.py` like this; the walk test collects them.
"""

from __future__ import annotations

import datetime
from typing import Any

from fagloft.organizations.models import CooperationAgreement
from fagloft.organizations.tests.factories import OUTSIDE_MARKER, Tree


def _agreement(title: str, parties: list, host: Any) -> CooperationAgreement:
    agreement = CooperationAgreement.objects.create(
        title=title, kind=CooperationAgreement.Kind.HOST_SERVICE, host=host, valid_from=datetime.date(2020, 1, 1)
    )
    agreement.parties.set(parties)
    return agreement


def samples(tree: Tree) -> dict[str, tuple[Any, Any]]:
    inside = _agreement("Vertskommuneavtale Alvik og Bergvik", [tree.municipality_a, tree.municipality_b],
                        tree.municipality_a)
    outside = _agreement(f"{OUTSIDE_MARKER}vik-avtalen", [tree.municipality_c], tree.municipality_c)
    return {
        "county_number": (tree.county_x.number, tree.county_y.number),
        "municipality_number": (tree.municipality_a.number, tree.municipality_c.number),
        "number": (tree.municipality_a.number, tree.municipality_c.number),
        "service_id": (tree.service_ab.pk, tree.service_c.pk),
        "agreement_id": (inside.pk, outside.pk),
    }
