"""`{{ map|map_shapes }}`: the county map's shapes, written in Python (`organizations.tables`)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from fagloft.organizations import tables
from fagloft.organizations.maps import SvgMap

register = template.Library()


@register.filter
def map_shapes(svg_map: SvgMap) -> SafeString:
    return tables.map_shapes(svg_map)
