"""Long tables of the app's pages, written in Python.

A class can have hundreds of applicants; through the template loop each row cost about half a
millisecond (two `{% url %}`, lazy status labels, date filters), more than the rest of the page.
The markup is the template's, byte for byte: `tests/test_tables.py` renders both and compares.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fagloft.lib import formatting
from fagloft.programmes.models import Enrolment, EnrolmentStatus

# A key no row has, to cut a reversed URL into the parts around the key.
_KEY = 987654321


def _url_parts(name: str) -> tuple[str, str]:
    head, _sep, tail = reverse(name, args=[_KEY]).partition(str(_KEY))
    return head, tail


def _e(value: Any) -> str:
    return str(conditional_escape(value))


def applicant_rows(rows: Iterable[tuple[Enrolment, bool]]) -> SafeString:
    """The rows of a class's applicants: each enrolment (with its employee and service loaded)
    and whether the user may make the admission decision on it."""
    enrolment_head, enrolment_tail = _url_parts("programmes:enrolment")
    decide_head, decide_tail = _url_parts("programmes:decide")
    # Asked once: each lazy label and the active language are context-local lookups.
    language = get_language()
    statuses = {value: _e(label) for value, label in EnrolmentStatus.choices}
    required = _e(_("Krav 2031"))
    others = _e(_("Øvrige"))
    not_confirmed = _e(_("Ikke bekreftet"))
    decide = _e(_("Opptak"))
    parts = []
    for e, may_admit in rows:
        name = _e(e.employee)
        priority = f'<span class="ds-tag" data-color="info">{required}</span>' if e.priority == 1 else others
        confirmed = (
            _e(formatting.date(e.employer_confirmed_on, "short", language))
            if e.employer_confirmed_on
            else not_confirmed
        )
        status = statuses[e.status] if e.status in statuses else _e(e.get_status_display())
        if e.waitlist_position:
            status += f" ({_e(e.waitlist_position)})"
        if may_admit and e.status in "confirmed waitlisted applied":
            status += (
                f' <a class="ds-link" href="{_e(f"{decide_head}{e.pk}{decide_tail}")}">{decide}'
                f'<span class="fl-sr-only"> {name}</span></a>'
            )
        parts.append(
            "<tr>\n"
            f'        <td><a class="ds-link" href="{_e(f"{enrolment_head}{e.pk}{enrolment_tail}")}">{name}</a></td>'
            f"<td>{_e(e.service.name)}</td>\n"
            f"        <td>{priority}</td>\n"
            f"        <td>{_e(formatting.datetime_(e.applied_at, 'short', language))}</td><td>{confirmed}</td>\n"
            f"        <td>{status}</td></tr>\n"
            "      "
        )
    # Every value above is escaped.
    return mark_safe("".join(parts))
