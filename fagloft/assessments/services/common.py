"""What every write in this app shares: the refusal of a step the workflow does not allow."""

from __future__ import annotations

from fagloft.lib.refusals import Refused


class WorkflowRefused(Refused):
    """A write the assessment workflow refuses (wrong status, missing conclusion, duplicate year);
    the message is Norwegian and shown to the user as it is."""
