"""Evidence levels keep their scale: 0–5 from November 2015, the older four-level scale before."""

from __future__ import annotations

import datetime

import pytest

from fagloft.knowledge import evidence
from fagloft.knowledge.services import create_intervention
from fagloft.lib.refusals import Refused
from fagloft.organizations.tests.factories import build_tree


def test_levels_exist_only_on_their_own_scale():
    evidence.check("ungsinn_2015", 0, datetime.date(2020, 1, 1))
    evidence.check("ungsinn_2015", 5, None)
    evidence.check("ungsinn_old", 3, datetime.date(2014, 5, 1))
    with pytest.raises(Refused) as error:
        evidence.check("ungsinn_old", 5, None)
    assert error.value.field == "evidence_level"
    with pytest.raises(Refused):
        evidence.check("ungsinn_old", 0, None)


def test_the_review_date_decides_the_scale():
    with pytest.raises(Refused) as error:
        evidence.check("ungsinn_2015", 3, datetime.date(2014, 6, 1))
    assert error.value.field == "evidence_scale"
    with pytest.raises(Refused):
        evidence.check("ungsinn_old", 3, datetime.date(2016, 1, 1))


def test_an_unknown_scale_takes_no_level():
    evidence.check("unknown", None, None)
    with pytest.raises(Refused):
        evidence.check("unknown", 3, None)


def test_labels_name_the_scale_and_never_convert():
    assert evidence.label("ungsinn_2015", 3) == "Nivå 3: Tiltak med noe dokumentasjon på effekt"
    assert evidence.label("ungsinn_old", 3) == "Funksjonelt virksomt (eldre skala, nivå 3 av 4)"
    assert evidence.label("unknown", None) == "Ikke vurdert"


@pytest.mark.django_db
def test_bufdir_stores_an_intervention_with_its_scale_and_others_may_not():
    tree = build_tree()
    mst = create_intervention(
        tree.users["national"],
        name="MST",
        indicated=True,
        evidence_scale="ungsinn_old",
        evidence_level=3,
        evidence_reviewed_on=datetime.date(2014, 1, 1),
        provider_type="state",
    )
    assert (mst.evidence_scale, mst.evidence_level) == ("ungsinn_old", 3)
    with pytest.raises(Refused):
        create_intervention(
            tree.users["national"], name="X", indicated=True, evidence_scale="ungsinn_2015", evidence_level=7
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create_intervention(tree.users["leader_ab"], name="Y", indicated=True)
