"""The use-case contract: every public write declares its action, and audit verbs are the enum."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from fagloft.accounts.use_cases import system_job, use_case
from fagloft.organizations.permissions import CHANGE_SERVICE
from fagloft.tests import guards
from fagloft.tests.fixtures import broken_services


# The audit trail's own writers are the primitives use cases call inside their transaction.
@pytest.mark.parametrize("app", [a for a in guards.fagloft_apps() if a != "fagloft.audit"])
def test_every_public_service_function_declares_its_action(app):
    undeclared = [name for module in guards.service_modules(app) for name in guards.undeclared_functions(module)]
    assert undeclared == [], f"Public service functions without @use_case/@system_job/@not_a_use_case: {undeclared}"


@pytest.mark.parametrize("app", guards.fagloft_apps())
def test_audit_verbs_are_the_enum(app):
    found = [hit for path in guards.runtime_files(app) for hit in guards.string_verbs(path)]
    assert found == [], f"record(...) with a string verb instead of AuditEvent.Verb: {found}"


def test_the_guards_catch_a_broken_services_module():
    assert guards.undeclared_functions(broken_services) == [f"{broken_services.__name__}.rename_service"]
    assert len(guards.string_verbs(guards.PACKAGE_ROOT / "tests" / "fixtures" / "broken_services.py")) == 1


def test_a_use_case_names_its_actor_and_object():
    with pytest.raises(TypeError, match="actor"):
        use_case(CHANGE_SERVICE)(lambda user, service: None)
    with pytest.raises(TypeError, match="no parameter 'unit'"):
        use_case(CHANGE_SERVICE, on="unit")(lambda actor, service: None)


@pytest.mark.django_db
def test_a_use_case_refuses_an_outsider_before_its_body_runs():
    from fagloft.organizations.tests.factories import build_tree

    tree = build_tree()
    ran = []

    @use_case(CHANGE_SERVICE, on="service")
    def touch(actor, service):
        ran.append(service)

    with pytest.raises(PermissionDenied):
        touch(tree.users["leader_c"], tree.service_ab)
    assert ran == []
    touch(tree.users["leader_ab"], tree.service_ab)
    touch(None, tree.service_ab)  # the system
    assert ran == [tree.service_ab, tree.service_ab]


@pytest.mark.django_db
def test_a_system_job_refuses_a_user():
    @system_job
    def purge(actor=None):
        return "done"

    assert purge() == "done"
    with pytest.raises(PermissionDenied):
        purge(actor=object())
