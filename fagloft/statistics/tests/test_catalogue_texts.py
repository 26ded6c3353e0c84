"""What the catalogue says reaches users (the report's sources, the API): no remarks for developers."""

from __future__ import annotations

import pytest

from fagloft.statistics.models import Indicator

pytestmark = pytest.mark.django_db


def test_no_indicator_source_note_carries_a_remark_for_developers():
    notes = list(Indicator.objects.exclude(source_note="").values_list("code", "source_note"))
    assert notes, "the seeded catalogue has source notes"
    assert [code for code, note in notes if "kontrolleres" in note or "Statistikkbanken" in note] == []
