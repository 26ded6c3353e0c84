"""Actions on the economy app.

The responsibility matrix and the co-payment rates are reference data everyone in the tree reads;
only the administrator changes rates and scenario presets. A municipality's cost model and its
simulations are read and run by its municipal leadership and the leader of the service that covers
it; the county governor's advisors read their county, Bufdir reads everything.
"""

from __future__ import annotations

from fagloft.accounts.access import READ_ROLES, define, register_object_actions
from fagloft.accounts.roles import Role

MODEL_READERS = [Role.ADMIN, Role.NATIONAL, Role.COUNTY_ADVISOR, Role.MUNICIPAL_LEADER, Role.SERVICE_LEADER]
MODEL_WRITERS = [Role.ADMIN, Role.MUNICIPAL_LEADER, Role.SERVICE_LEADER]

VIEW_REFERENCE = define("economy.view_reference", "See the responsibility matrix and the co-payment rates", READ_ROLES)
MANAGE_RATES = define("economy.manage_rates", "Change co-payment rates and scenario presets", [Role.ADMIN])
VIEW_COSTS = define("economy.view_costs", "See a municipality's cost model and simulations", MODEL_READERS)
RUN_SIMULATION = define(
    "economy.run_simulation", "Edit a municipality's cost model and run simulations of its cost risk", MODEL_WRITERS
)
PUBLISH_RISK = define("economy.publish_risk", "Publish the simulated cost risk as an indicator", [Role.ADMIN])

register_object_actions("economy.copaymentrate", MANAGE_RATES)
register_object_actions("economy.scenario", MANAGE_RATES)
register_object_actions("economy.costmodel", VIEW_COSTS, RUN_SIMULATION)
register_object_actions("economy.simulationrun", VIEW_COSTS, RUN_SIMULATION)
