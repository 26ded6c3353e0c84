"""The municipality page's data tables are written in Python (`views.pages._table_body`): the same
markup as the template loop they replaced, in every language's number format."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from fagloft.statistics.views.pages import _table_body

TEMPLATE = Template(
    "{% load fagloft_format %}"
    '{% for row in rows %}<tr><th scope="row">{{ row.label }}</th>{% for p in row.values %}'
    '<td class="fl-number">{% if p and p.value is not None %}{{ p.value|number:decimals }}{% else %}–{% endif %}'
    "</td>{% endfor %}</tr>{% endfor %}"
)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_table_body_is_the_template_loops_markup(language):
    rows = [
        {
            "label": "2024",
            "values": [
                SimpleNamespace(value=Decimal("12345.678")),
                None,
                SimpleNamespace(value=None),
                SimpleNamespace(value=Decimal("-0.05")),
            ],
        },
        {"label": "2025-1 <b>", "values": [SimpleNamespace(value=Decimal(7)), None, None, None]},
    ]
    with translation.override(language):
        for decimals in (0, 1, 2):
            expected = TEMPLATE.render(Context({"rows": rows, "decimals": decimals}))
            assert str(_table_body(rows, decimals)) == expected
    assert "&lt;b&gt;" in expected
