"""Where the audit trail files the organisation tree's rows: derived from SCOPE_PATHS for counties,
kept by hand where a path fans out (the comments in models.py say why)."""

from __future__ import annotations

import pytest

from fagloft.lib.models import Scoped, derive_audit_scope
from fagloft.organizations.models import CooperationAgreement, County, Municipality, Service
from fagloft.organizations.tests.factories import build_tree

pytestmark = pytest.mark.django_db


def test_every_unit_of_the_tree_is_scoped():
    assert all(issubclass(model, Scoped) for model in (County, Municipality, Service, CooperationAgreement))


def test_a_county_s_derived_scope_is_the_one_it_had_by_hand():
    tree = build_tree()
    assert tree.county_x.audit_scope() == {"county_id": tree.county_x.pk}  # the old hand-written method


def test_the_hand_written_scopes_file_rows_under_the_host_where_the_derived_one_cannot():
    tree = build_tree()
    service = tree.service_ab
    assert service.audit_scope() == {
        "county_id": tree.county_x.pk,
        "municipality_id": service.host_municipality_id,
        "service_id": service.pk,
    }
    assert derive_audit_scope(service) == {"service_id": service.pk}  # why Service keeps its own
    municipality = tree.municipality_a
    assert municipality.audit_scope() == {"county_id": tree.county_x.pk, "municipality_id": municipality.pk}
    assert "county_id" not in derive_audit_scope(municipality)
    agreement = CooperationAgreement.objects.create(title="Avtale", kind="other", host=tree.municipality_b)
    agreement.parties.set([tree.municipality_a, tree.municipality_b])
    assert agreement.audit_scope() == {"county_id": tree.county_x.pk, "municipality_id": tree.municipality_b.pk}
    assert derive_audit_scope(agreement) == {}
