"""The API's orjson renderer writes the JSON DRF's own renderer writes: the same values in the same
text where DRF has opinions (times in "Z", decimals as numbers, lazy translations as text, U+2028
escaped), falling back to DRF where orjson cannot (indentation, integers beyond 64 bits). Floats
read back the same; orjson writes a two-digit exponent without its leading zero."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from fagloft.lib.api_render import FastJSONRenderer
from fagloft.organizations.tests.factories import build_tree, login

VALUES = {
    "text": "Barneverntjeneste æøå – «sitat»",
    "separator": "line\u2028paragraph\u2029end",
    "int": 2**40,
    "float": 10.78,
    "tiny": 1e-300,
    "decimal": decimal.Decimal("1234.50"),
    "when": datetime.datetime(2026, 12, 3, 10, 5, 6, 789000, tzinfo=datetime.UTC),
    "naive": datetime.datetime(2026, 12, 3, 10, 5),
    "day": datetime.date(2026, 12, 3),
    "time": datetime.time(8, 30),
    "lazy": gettext_lazy("Tilskudd"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "ids": {3, 1, 2},
    "tuple": (1, "a"),
    "nested": [{"a": None, "b": True, 4: "int key"}],
}


def _same(data: object) -> tuple[bytes, bytes]:
    return JSONRenderer().render(data), FastJSONRenderer().render(data)


def test_every_kind_of_value_is_written_as_drf_writes_it():
    standard, fast = _same(VALUES)
    assert json.loads(fast) == json.loads(standard)
    assert b'"when":"2026-12-03T10:05:06.789000Z"' in fast
    assert b'"decimal":1234.5' in fast and b'"lazy":"Tilskudd"' in fast
    assert b"\\u2028" in fast and b"\\u2029" in fast and "\u2028".encode() not in fast
    assert fast == standard


def test_a_small_exponent_is_written_shorter_and_reads_the_same():
    # The one difference found on the national data (a solver's bound): Python writes "e-09".
    standard, fast = _same({"bound": -1.6298145055770874e-09})
    assert standard == b'{"bound":-1.6298145055770874e-09}' and fast == b'{"bound":-1.6298145055770874e-9}'
    assert json.loads(fast) == json.loads(standard)


def test_indentation_and_huge_integers_go_the_standard_way():
    renderer = FastJSONRenderer()
    data = {"a": [1, 2]}
    indented = renderer.render(data, "application/json; indent=4", {})
    assert indented == JSONRenderer().render(data, "application/json; indent=4", {})
    assert b"\n    " in indented
    huge = {"n": 2**70}
    assert renderer.render(huge) == JSONRenderer().render(huge)
    assert renderer.render(None) == b""


@pytest.mark.django_db
def test_the_api_answers_through_it_with_the_same_json(client):
    tree = build_tree()
    login(client, tree.users["admin"])
    for url in ("/api/v1/municipalities/", "/api/v1/services/", "/api/v1/counties/"):
        response = client.get(url)
        assert response.status_code == 200
        assert isinstance(response.accepted_renderer, FastJSONRenderer)
        assert response.content == JSONRenderer().render(response.data)
