"""Table rows of the networks pages written in Python: through the template each member
municipality's row of the adoption table (six cells, three filters, two translations) cost more
than the rest of the adoption status on the network and plan pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from fagloft.lib import formatting
from fagloft.networks.queries import AdoptionStatus

register = template.Library()

_DASH = "–"


@register.simple_tag
def adoption_rows(adoption: AdoptionStatus) -> SafeString:
    """`<tr>` per member municipality, the markup `_adoption_status.html` wrote in its loop."""
    rows = adoption.rows
    if not rows:
        return format_html('<tr><td colspan="6">{}</td></tr>', _("Nettverket har ingen medlemskommuner."))
    adopted = format_html('<span class="ds-tag" data-color="success">{}</span>', _("Vedtatt"))
    not_adopted = format_html('<span class="ds-tag" data-color="warning">{}</span>', _("Ikke vedtatt"))
    download = _("Last ned")
    cells = []
    for municipality, row in rows:
        document: SafeString | str = _DASH
        if row is not None and row.document:
            document = format_html(
                '<a class="ds-link" href="{}">{}<span class="fl-sr-only"> {}</span></a>',
                row.document.url,
                download,
                _("vedtak for %(name)s") % {"name": municipality.name},
            )
        cells.append(
            (
                municipality.name,
                adopted if row is not None else not_adopted,
                (row.body if row is not None else "") or _DASH,
                (formatting.date(row.adopted_on) if row is not None else "") or _DASH,
                (row.case_reference if row is not None else "") or _DASH,
                document,
            )
        )
    return format_html_join(
        "\n",
        "<tr><td>{}</td>\n<td>{}</td>\n<td>{}</td><td>{}</td><td>{}</td>\n<td>{}</td></tr>",
        cells,
    )
