"""The knowledge bank, offers, the library and technology, and coverage for the whole country.

The demo builder makes the catalogue and its offers around the benchmark county's services; its
coverage publishing then computes coverage for every municipality. The benchmark service also tries
out the first technology listed, so the technology pages the crawl opens show a trial to evaluate.
"""

from __future__ import annotations

from typing import Any

from bench.national.context import run_demo


def build(world: Any) -> int:
    from fagloft.knowledge.models import Offer

    run_demo("knowledge", world.bench)
    _ongoing_trial(world)
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
