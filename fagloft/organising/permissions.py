"""Actions on organising proposals and distance corrections.

The county governor's advisor proposes for their county, Bufdir everywhere, a municipality's
leadership for its own region (its county), and reads that county's proposals. Turning a proposed
service into a draft agreement is also a write in organizations (`CHANGE_AGREEMENTS`), so Bufdir,
which records no agreements, cannot. Distances are corrected by the administrator.
"""

from __future__ import annotations

from fagloft.accounts.access import define, register_object_actions
from fagloft.accounts.roles import Role

READERS = [Role.ADMIN, Role.NATIONAL, Role.COUNTY_ADVISOR, Role.MUNICIPAL_LEADER]

VIEW = define("organising.view", "See today's organisation of a county and its proposals", READERS)
PROPOSE = define("organising.propose", "Make an optimised proposal for a county", READERS)
DRAFT_AGREEMENT = define(
    "organising.draft_agreement",
    "Turn a proposed service into a draft host-municipality agreement",
    [Role.ADMIN, Role.COUNTY_ADVISOR, Role.MUNICIPAL_LEADER],
)
EDIT_DISTANCES = define("organising.edit_distances", "Correct the distance between two municipalities", [Role.ADMIN])

register_object_actions("organising.proposal", DRAFT_AGREEMENT, PROPOSE)
register_object_actions("organizations.county", PROPOSE)
