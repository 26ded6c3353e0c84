"""The imports' writes are use cases of IMPORT_REFERENCE_DATA: the system (commands, the demo) and
an admin (the import page) may run them, nobody else, and a refused import writes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.audit.models import AuditEvent
from fagloft.organizations.importers.run import carry_population, import_history
from fagloft.organizations.models import County
from fagloft.organizations.tests.factories import build_tree

pytestmark = pytest.mark.django_db


def test_a_county_advisor_may_not_run_an_import_and_nothing_is_written():
    tree = build_tree()
    counties = County.objects.count()
    with pytest.raises(PermissionDenied):
        import_history(actor=tree.users["advisor_x"])
    assert County.objects.count() == counties
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPORT).exists()


def test_the_system_and_an_admin_may():
    tree = build_tree()
    carry_population()
    carry_population(actor=tree.users["admin"])
    with pytest.raises(PermissionDenied):
        carry_population(actor=tree.users["leader_ab"])
    names = sorted(AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPORT).values_list("actor_name", flat=True))
    assert len(names) == 2 and "system" in names
