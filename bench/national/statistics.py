"""Ten years of every indicator for every municipality, county and the nation; services' own figures.

The statistics demo's value model (a level per municipality, a trend, noise that grows as
municipalities shrink) run over all municipalities at once, then each county's figures summed
from its municipalities, as SSB publishes them, and five years of two own
registrations (complaints, deviations) for every service.
"""

from __future__ import annotations

from typing import Any


def build(world: Any) -> int:
    import dataclasses

    from fagloft.statistics import demo
    from fagloft.statistics.models import Indicator, IndicatorValue
    from fagloft.statistics.services import NewValue, record_values

    nation = dataclasses.replace(world.bench, municipalities=world.municipalities)
    demo.build(nation)  # every municipality, the bench county, the nation, the bench service
    indicators = list(Indicator.objects.filter(code__in=[*demo.PROFILE, "ssb-barn-0-17"]))
    for ctx in world.contexts[1:]:
        demo._county_values(ctx, indicators)
    own = [s for s in world.services if s.pk != world.bench.services[0].pk]
    values = []
    for service in own:
        for year in range(world.year - 4, world.year + 1):
            complaints, deviations = world.rng.randint(0, 6), world.rng.randint(2, 15)
            values.append(NewValue("egen-klager", year, complaints, service_id=service.pk, numerator=complaints))
            values.append(NewValue("egen-avvik", year, deviations, service_id=service.pk, numerator=deviations))
    if Indicator.objects.filter(code__in=["egen-klager", "egen-avvik"]).count() == 2:
        record_values(None, values, IndicatorValue.Source.MANUAL, "syntetisk")
    return IndicatorValue.objects.count()
