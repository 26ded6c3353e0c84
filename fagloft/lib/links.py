"""Links between apps, shown in both directions without importing upward.

A link between apps is a foreign key, and it always lives in the higher app (a competence plan
measure points at an assessment need; a grant application points at a network project). The higher
app's page follows the key as usual. The lower app's page shows the reverse side through this
registry: every app may have a module `<app>/links.py` with

    PROVIDERS = [("assessments.need", answered_by_plan_measures), ...]

where the first item is the model label (`app_label.modelname`, lower case) of the object on the
page and the function `provider(obj, user) -> list[Link]` returns the rows of the higher app that
point at it, filtered to what `user` may see (with `visible()`). Pages render them with
`{% related_links obj %}` (library `fagloft_links`) and the API with `links_payload(obj, user)`.

A list of many objects (an API page of assessments with their needs) uses `links_payload_many(objs,
user)`, which asks each provider once for all of them when the provider has a bulk variant,
registered with `@many_variant(provider)` on a function `bulk(objs, user) -> {pk: [Link, ...]}`
that answers exactly what `provider` answers for each object. Providers without one are asked
per object, as before.

The same registry makes a unit's page a hub: providers for `organizations.municipality` and
`organizations.service` return one link per app to that unit's pages (group `hub`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from fagloft.lib.discovery import app_modules


@dataclass(frozen=True)
class Link:
    """One row of another app that points at the object on the page (or, group `hub`, a page about it)."""

    # What kind of thing is linked, as the reader names it ("Tiltak i kompetanseplanen"); the heading.
    kind: Any
    title: Any
    url: str
    # State or a short fact ("Vedtatt", "Innvilget 450 000 kr"); optional.
    detail: Any = ""
    # A stable machine name for the API ("competence.planmeasure") and the object's key.
    model: str = ""
    pk: Any = None
    # "related" (rows that point here) or "hub" (a page of another app about this unit).
    group: str = "related"
    order: int = 50


Provider = Callable[[Any, Any], Iterable[Link]]
BulkProvider = Callable[[Sequence[Any], Any], Mapping[Any, Iterable[Link]]]


def many_variant(provider: Provider) -> Callable[[BulkProvider], BulkProvider]:
    """Register the decorated function as `provider`'s bulk variant: given many objects (of the
    provider's model) and the user, it answers {object pk: the links `provider` gives for it}
    (a missing pk means no links), with a fixed number of queries."""

    def register(bulk: BulkProvider) -> BulkProvider:
        provider.many = bulk  # type: ignore[attr-defined]  # looked up by `related_links_many`
        return bulk

    return register


def model_label(obj_or_model: Any) -> str:
    meta = obj_or_model._meta
    return f"{meta.app_label}.{meta.model_name}"


@cache
def _providers() -> dict[str, tuple[Provider, ...]]:
    found: dict[str, list[Provider]] = {}
    for module in app_modules("links").values():
        for label, provider in getattr(module, "PROVIDERS", []):
            found.setdefault(label.lower(), []).append(provider)
    return {label: tuple(items) for label, items in found.items()}


def related_links(obj: Any, user: Any, group: str | None = None) -> list[Link]:
    """Every app's links to `obj` that `user` may see, in a stable order (order, kind, title)."""
    if obj is None:
        return []
    links = [link for provider in _providers().get(model_label(obj), ()) for link in provider(obj, user)]
    if group is not None:
        links = [link for link in links if link.group == group]
    return sorted(links, key=lambda link: (link.order, str(link.kind), str(link.title)))


def _sorted(links: Iterable[Link], group: str | None) -> list[Link]:
    if group is not None:
        links = [link for link in links if link.group == group]
    return sorted(links, key=lambda link: (link.order, str(link.kind), str(link.title)))


def related_links_many(objs: Iterable[Any], user: Any, group: str | None = None) -> dict[Any, list[Link]]:
    """{pk: related_links(obj, user, group)} for objects of one model, asking each provider once
    for all of them when it has a bulk variant (`many_variant`), per object otherwise."""
    items = [obj for obj in objs if obj is not None]
    found: dict[Any, list[Link]] = {obj.pk: [] for obj in items}
    if not items:
        return found
    labels = {model_label(obj) for obj in items}
    if len(labels) > 1:
        raise ValueError(f"related_links_many takes objects of one model, not {sorted(labels)}")
    for provider in _providers().get(labels.pop(), ()):
        bulk = getattr(provider, "many", None)
        if bulk is None:
            for obj in items:
                found[obj.pk].extend(provider(obj, user))
            continue
        answered = bulk(items, user)
        for obj in items:
            found[obj.pk].extend(answered.get(obj.pk, ()))
    return {pk: _sorted(links, group) for pk, links in found.items()}


# Where `prefetch_related_links` leaves an object's links for `{% related_links %}`: (user, links).
PREFETCHED = "_prefetched_related_links"


def prefetch_related_links(objs: Iterable[Any], user: Any) -> None:
    """Read the related links of many objects of one model at once (each provider's bulk variant),
    for the `{% related_links %}` tags of a page that lists them: one tag per object would ask
    every provider once per object. The tag uses them only for the same user."""
    items = [obj for obj in objs if obj is not None]
    if not items:
        return
    found = related_links_many(items, user, "related")
    for obj in items:
        setattr(obj, PREFETCHED, (user, found.get(obj.pk, [])))


def prefetched_or_related_links(obj: Any, user: Any) -> list[Link]:
    """The object's related links, from `prefetch_related_links` when it read them for this user."""
    cached = getattr(obj, PREFETCHED, None) if obj is not None else None
    if cached is not None and cached[0] is user:
        return list(cached[1])
    return related_links(obj, user, "related")


def grouped(links: Iterable[Link]) -> list[tuple[Any, list[Link]]]:
    """[(kind, links)] in the order the kinds first appear."""
    groups: dict[str, tuple[Any, list[Link]]] = {}
    for link in links:
        groups.setdefault(str(link.kind), (link.kind, []))[1].append(link)
    return list(groups.values())


def links_payload(obj: Any, user: Any, group: str | None = "related") -> list[dict[str, Any]]:
    """The links as plain data for a serializer field."""
    return [_payload(link) for link in related_links(obj, user, group)]


def links_payload_many(
    objs: Iterable[Any], user: Any, group: str | None = "related"
) -> dict[Any, list[dict[str, Any]]]:
    """{pk: links_payload(obj, user, group)} for objects of one model (see `related_links_many`)."""
    return {pk: [_payload(link) for link in links] for pk, links in related_links_many(objs, user, group).items()}


def _payload(link: Link) -> dict[str, Any]:
    return {
        "kind": str(link.kind),
        "model": link.model,
        "id": link.pk,
        "title": str(link.title),
        "url": link.url,
        "detail": str(link.detail),
    }
