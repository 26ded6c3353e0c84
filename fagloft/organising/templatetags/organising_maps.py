"""The shapes of a county map, rendered in Python: through the template each of the ~50 shapes (a
link, a path with its long `d` and a title) cost about a tenth of a millisecond per node, and the
proposal page draws two maps."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from fagloft.organising.html import municipality_urls
from fagloft.organizations.maps import SvgMap

register = template.Library()


@register.simple_tag
def map_shapes(svg_map: SvgMap) -> SafeString:
    """`<a href=…><path d=… fill=…><title>…</title></path></a>` per shape, as the template wrote it."""
    rows = []
    url = municipality_urls()
    for shape in svg_map.shapes:
        name = shape.municipality.name
        text = format_html("{}: {}", name, shape.label) if shape.label else format_html("{}", name)
        rows.append(
            (
                url(shape.municipality.number),
                text,
                shape.path,
                shape.fill or "#d9d9d9",
                text,
            )
        )
    return format_html_join(
        "\n", '<a href="{}" aria-label="{}">\n  <path d="{}" fill="{}"><title>{}</title></path>\n</a>', rows
    )
