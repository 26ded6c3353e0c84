"""Rules of the co-payment scheme that are code, not data."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from fagloft.lib.refusals import Refused


def parent_child_centre_units(parents: int, children: int) -> Decimal:
    """How many rates a stay at a centre for parents and children costs (DOMAIN.md, «Economics of the
    reform»): one parent with one child pays one rate, two parents with one child one and a half,
    and each further child half a rate."""
    if parents not in (1, 2):
        raise Refused(_("Et opphold har én eller to foreldre."), field="parents")
    if children < 1:
        raise Refused(_("Et opphold har minst ett barn."), field="children")
    return Decimal(1) + Decimal("0.5") * (parents - 1) + Decimal("0.5") * (children - 1)


def parent_child_centre_cost(monthly_rate: int, parents: int, children: int) -> Decimal:
    return monthly_rate * parent_child_centre_units(parents, children)
