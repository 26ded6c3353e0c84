"""The change log writes each row's changes in Python (`audit_log.Row.changes_html`): the same
markup as the template loop it replaced, in every language, with every kind of value the trail
holds escaped and localised."""

from __future__ import annotations

import decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from fagloft.audit.models import AuditEvent
from fagloft.site.audit_log import Row

LOOP = Template(
    '{% for label, before, after in row.changes %}<li><strong>{{ label }}</strong>: {{ before|default:"–" }} → '
    '{{ after|default:"–" }}</li>{% endfor %}'
)

CHANGES = [
    ("Navn", "Kari", "Kari <script>alert(1)</script> & co"),
    ("Beløp", 1234567, 2500000.5),
    ("Andel", decimal.Decimal("12.50"), None),
    ("Ferdig", False, True),
    ("Tom", "", 0),
    ("Liste", ["a", "<b>"], {"x": 1}),
]


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_written_out_changes_are_the_template_loop(language):
    row = Row(AuditEvent(object_type="competence.employee"), "Ansatt", "Kari", CHANGES, False)
    with translation.override(language):
        assert row.changes_html == LOOP.render(Context({"row": row}))
    assert "<script>" not in row.changes_html and "&lt;script&gt;" in row.changes_html
