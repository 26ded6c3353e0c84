"""The caches of derived figures key on a data version that includes the newest audited change:
a read of personal data is audited too, and must not throw the caches away (under load every staff
list read did, and the cached national pages were computed anew on every request)."""

from __future__ import annotations

import pytest

from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_bulk_read
from fagloft.competence import figures_cache
from fagloft.knowledge import coverage_cache
from fagloft.organising import cost_cache

pytestmark = pytest.mark.django_db

VERSIONS = {
    "competence": figures_cache.data_version,
    "organising": cost_cache.data_version,
    "knowledge": coverage_cache.data_version,
}


@pytest.mark.parametrize("app", sorted(VERSIONS))
def test_a_read_leaves_the_data_version_and_a_change_moves_it(app, tree):
    version = VERSIONS[app]
    before = version()
    record_bulk_read(tree.users["leader_ab"], AuditEvent.Verb.VIEW, tree.service_ab, 12, "ansattlisten")
    record_bulk_read(tree.users["leader_ab"], AuditEvent.Verb.EXPORT, tree.service_ab, 12, "Excel-eksport")
    assert version() == before
    record(tree.users["leader_ab"], AuditEvent.Verb.UPDATE, tree.service_ab, {"phone": ["1", "2"]})
    assert version() != before
