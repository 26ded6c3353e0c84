"""The list page's rows are written in Python (`assessments.tables`): the same markup as the template
loop with its two includes that they replaced, in every language, with names escaped."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from fagloft.assessments.models import Assessment
from fagloft.assessments.tables import list_rows

TEMPLATE = Template(
    "{% for a in assessments %}"
    '<tr><td><a class="ds-link" href="{% url \'assessments:detail\' a.pk %}">{{ a.service.name }}</a></td>'
    "<td>{{ a.year }}</td><td>{{ a.revision }}</td>"
    '<td>{% include "assessments/_status.html" with assessment=a %}</td>'
    '<td>{% include "assessments/_risk.html" with level=a.risk_level %}</td></tr>'
    "{% endfor %}"
)


def _assessment(pk: int, name: str, status: str, level: str) -> Assessment:
    assessment = Assessment(pk=pk, year=2025, revision=pk % 3 + 1, status=status, risk_level=level)
    # Only the name is read from the service.
    assessment._state.fields_cache["service"] = SimpleNamespace(name=name)
    return assessment


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_rows_are_the_template_loops_markup(language):
    rows = [
        _assessment(pk, name, status, level)
        for pk, (name, status, level) in enumerate(
            [
                ("Barnevernet <Øst> & co", Assessment.Status.DRAFT, ""),
                ("Vest", Assessment.Status.SUBMITTED, "high"),
                ("Nord", Assessment.Status.FORWARDED, "moderate"),
                ("Sør", Assessment.Status.FINAL, "low"),
                *((f"Tjeneste {s}", s, "low") for s in Assessment.Status.values),
            ],
            start=1,
        )
    ]
    with translation.override(language):
        # The includes' files end with a newline, which the cell kept; nothing else differs.
        expected = TEMPLATE.render(Context({"assessments": rows})).replace("\n", "")
        assert str(list_rows(rows)) == expected
    assert "&lt;Øst&gt; &amp; co" in expected
