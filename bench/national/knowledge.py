"""The knowledge bank, offers, the library and technology, and coverage for the whole country.

The demo builder makes the catalogue and its offers around the benchmark county's services; its
coverage publishing then computes coverage for every municipality. The benchmark service also tries
out the first technology listed, so the technology pages the crawl opens show a trial to evaluate,
and a new version of one of the first library templates waits for the coordinator's approval.
"""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.knowledge.models import Offer

    run_demo("knowledge", world.bench)
    _ongoing_trial(world)
    _pending_version(world)
    return Offer.objects.count()


def _ongoing_trial(world: Any) -> None:
    """An ongoing trial of the technology listed first: the demo's trial is of the last one listed,
    beyond the two detail pages per URL pattern the crawl opens."""
    import datetime

    from fagloft.knowledge import queries, services
    from fagloft.knowledge.models import TechnologyTrial

    technology = queries.technologies("", "").first()
    service = world.bench.services[0]
    if technology is None or TechnologyTrial.objects.filter(service=service, technology=technology).exists():
        return
    services.record_trial(
        world.bench_users["service_leader"],
        service,
        technology,
        goal="Prøve ut verktøyet i samtaler med barn i undersøkelser (syntetisk)",
        started_on=datetime.date(world.year, 9, 1),
        status=TechnologyTrial.Status.ONGOING,
    )


def _pending_version(world: Any) -> None:
    """A new version, uploaded by the template's owner, of the first of the network coordinator's
    first two library items (the two the crawl opens, in the library's order) that the coordinator
    approves: an item's page links to approving and rejecting a version only while it is pending,
    and the demo's versions are all approved."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fagloft.accounts.access import can
    from fagloft.knowledge import queries, services
    from fagloft.knowledge.models import LibraryVersion
    from fagloft.knowledge.permissions import APPROVE, CONTRIBUTE

    coordinator = world.bench_users["network_coordinator"]
    item = next((i for i in queries.library_for(coordinator)[:2] if can(coordinator, APPROVE, i)), None)
    # The owner uploads (the demo's network templates are the benchmark service leader's): a
    # coordinator may not approve their own upload.
    owner = item.owner if item is not None else None
    if item is None or owner is None or owner.pk == coordinator.pk or not can(owner, CONTRIBUTE, item):
        return
    if item.versions.filter(state=LibraryVersion.State.PENDING).exists():
        return
    body = f"%PDF-1.4\n% Fagløft bench (syntetisk): {item.title}, ny versjon\n".encode()
    services.add_version(
        owner,
        item,
        upload=SimpleUploadedFile(f"mal-{item.pk}-ny.pdf", body, content_type="application/pdf"),
        note="Oppdatert etter ny veileder (syntetisk)",
    )
