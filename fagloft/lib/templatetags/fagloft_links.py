"""`{% related_links obj %}`: the rows of higher apps that point at `obj` (see fagloft.lib.links);
`{% hub_links unit %}`: one link per app to a municipality's or service's pages."""

from __future__ import annotations

from typing import Any

from django import template

from fagloft.lib.links import grouped, model_label, prefetched_or_related_links, related_links

register = template.Library()


@register.inclusion_tag("components/related_links.html", takes_context=True, name="related_links")
def related_links_tag(context: Any, obj: Any, heading: Any = None, empty: Any = None, level: int = 2) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    anchor = f"related-{model_label(obj).replace('.', '-')}-{obj.pk}" if obj is not None else "related"
    groups = grouped(prefetched_or_related_links(obj, user))
    return {"groups": groups, "heading": heading, "empty": empty, "level": level, "anchor": anchor}


@register.inclusion_tag("components/hub_links.html", takes_context=True)
def hub_links(context: Any, unit: Any, heading: Any = None) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"links": related_links(unit, user, "hub"), "heading": heading}
