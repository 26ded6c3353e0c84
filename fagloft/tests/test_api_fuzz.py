"""Schemathesis over /api/v1/schema/: every operation, as every role of the test tree (and anonymous),
with generated parameters and bodies. No answer may be a server error, and every answer must be
documented: its status code, its content type and its body.

Bounded so it stays in the test suite: a few examples per operation and role, no shrinking (a
failure is reported with the request that caused it, as generated), no example database.
"""

from __future__ import annotations

import json

import hypothesis
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.result import Err

from fagloft.accounts.api_tokens import ApiTokenAuthentication, create_token
from fagloft.accounts.middleware import second_factor_required
from fagloft.organizations.tests.factories import build_tree
from fagloft.tests.walk import collect_samples

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Examples per operation and role: GETs are cheap and many, writes fewer and slower.
EXAMPLES = {"GET": 4, "POST": 8, "PUT": 8, "PATCH": 8, "DELETE": 4}


def _headers_per_role(tree) -> dict[str, dict[str, str]]:
    """A token for every user of the tree, made as the profile page makes it in a session verified
    with the second factor: the confirmed device is bound to the token (the privileged roles need
    it; for the others it changes nothing)."""
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for label, user in tree.users.items():
        device = TOTPDevice.objects.create(user=user, name="fuzz", confirmed=True)
        _token, key = create_token(user, device=device, name="fuzz")
        headers[label] = {"Authorization": f"Token {key}"}
    return headers


def _aim_at_samples(case, samples: dict[str, tuple[object, object]], which: int) -> None:
    """Point the case's object ids at real objects (inside county X, or in county Y): random ids
    almost never name one, and then every request would end as a 404 or a 400 for the field."""
    for name in list(case.path_parameters or {}):
        if name in samples:
            case.path_parameters[name] = samples[name][which]
    for name in list(case.query or {}):
        if f"{name}_id" in samples:
            case.query[name] = samples[f"{name}_id"][which]
    if isinstance(case.body, dict):
        if "service" in case.body:
            case.body["service"] = samples["service_id"][which]
        if "version" in case.body:
            case.body["version"] = 1


def _fuzz(
    operation,
    label: str,
    role_headers: dict[str, str],
    samples: dict[str, tuple[object, object]],
    failures: list[str],
    statuses: dict[int, int],
) -> None:
    @hypothesis.settings(
        max_examples=EXAMPLES[operation.method.upper()],
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @hypothesis.given(case=operation.as_strategy(), aim=st.sampled_from([None, 0, 1]))
    def run(case, aim):
        if aim is not None:
            _aim_at_samples(case, samples, aim)
        if not role_headers:
            # Schemathesis fills in the documented security schemes with made-up keys; anonymous
            # sends none (wrong keys are counted per address, and would end in 429 for every role).
            for name in list(case.headers or {}):
                if name.lower() in ("authorization", "cookie"):
                    del case.headers[name]
            case.cookies = {}
        response = case.call(headers=role_headers)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        try:
            case.validate_response(response, checks=CHECKS, headers=role_headers)
        except (AssertionError, schemathesis.errors.FailureGroup) as error:
            body = response.content[:300].decode("utf-8", "replace")
            sent = json.dumps(case.body, default=str)[:200] if case.body is not None else ""
            first = str(error).strip().splitlines()
            failures.append(
                f"{label} {operation.label} {case.path_parameters} {case.query} {sent}"
                f" -> {response.status_code} {body}\n" + "\n".join(first[:12])
            )

    run()


@pytest.fixture
def unthrottled(settings):
    # The fuzzer sends hundreds of requests a minute per role; a 429 would hide what it tests.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}


@pytest.fixture
def connection_kept():
    """The WSGI app closes "old" database connections at the start and end of every request. Inside
    the test's transaction that would close the connection the test runs in (PostgreSQL then answers
    every later request with "the connection is closed"), so, as Django's own test client does, the
    signal handlers are off while the fuzzer calls the app."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_as_every_role_answers_as_documented(unthrottled, connection_kept):
    tree = build_tree()
    samples = collect_samples(tree)  # objects of every app, inside county X and in county Y
    headers = _headers_per_role(tree)
    # Every token authenticates (one refused for its second factor would make the run all 403s).
    for label, role_headers in headers.items():
        if role_headers:
            user, _token = ApiTokenAuthentication().authenticate_key(role_headers["Authorization"].split()[1])
            assert user == tree.users[label] and not second_factor_required(user)

    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    failures: list[str] = []
    statuses: dict[int, int] = {}
    operations = 0
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # the schema itself is broken for this operation
            raise result.err()
        operation = result.ok()
        operations += 1
        for label, role_headers in headers.items():
            _fuzz(operation, label, role_headers, samples, failures, statuses)

    print(f"{operations} operations, statuses {sorted(statuses.items())}")
    assert operations >= 25
    # The run reached the data, not only refusals: some answers were successes.
    assert statuses.get(200, 0) > 0, statuses
    # Throttles are off here and every key is valid, so a 429 would mean the roles were not tested.
    assert 429 not in statuses, statuses
    # One report per operation and kind of failure (the same one tends to show for every role).
    distinct: dict[tuple[str, str, str], str] = {}
    for failure in failures:
        role, method, path, rest = failure.split(" ", 3)
        kind = next((line for line in rest.splitlines() if line.strip().startswith("- ")), rest.splitlines()[-1])
        distinct.setdefault((method, path, kind), f"{role} {method} {path} {rest}")
    assert not failures, f"{len(failures)} failures, {len(distinct)} distinct (statuses {statuses}):\n\n" + "\n\n".join(
        distinct.values()
    )
