"""What grants has given against programmes' yearly ceiling per student (`GrantCeiling`): the
ceiling may not be set below it. Collected by `programmes.services.ceiling_refusal` through
`lib.discovery`, since programmes sits below grants and may not import it."""

from __future__ import annotations

from fagloft.grants.employer_grants import highest_per_student

USES = [highest_per_student]
