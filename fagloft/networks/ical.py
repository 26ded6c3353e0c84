"""iCalendar feeds of gatherings (RFC 5545), built with the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from fagloft.networks.models import Gathering


def feed(name: str, gatherings: Iterable[Gathering]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Fagløft//Læringsnettverk//NO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for gathering in gatherings:
        calendar.add_component(_event(gathering))
    return calendar.to_ical()


def _event(gathering: Gathering) -> Event:
    event = Event()
    event.add("uid", f"gathering-{gathering.pk}@fagloft")
    event.add("summary", f"{gathering.title} ({gathering.network.name})")
    event.add("dtstart", gathering.starts_at)
    event.add("dtend", gathering.ends_at)
    event.add("dtstamp", gathering.updated_at)
    event.add("location", gathering.place or gathering.video_link)
    if gathering.video_link:
        event.add("url", gathering.video_link)
    agenda = "\n".join(f"{item.order}. {item.title}" for item in gathering.agenda_items.all())
    event.add("description", "\n\n".join(part for part in (gathering.description, agenda) if part))
    event.add("sequence", gathering.version)
    return event
