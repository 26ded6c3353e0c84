"""Demo data: Alta's tilstandsrapport — last year's draft, prefilled from every app's demo data, and
the year before's report, frozen, handled by the municipal council. Marked `is_demo`."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from fagloft.reports import services
from fagloft.reports.models import Report, SectionKey

DEPENDS_ON = [
    "organizations",
    "statistics",
    "kostra",
    "assessments",
    "competence",
    "networks",
    "grants",
    "programmes",
    "knowledge",
]


def build(ctx: Any) -> None:
    leader, mayor = ctx.users.get("leder.alta"), ctx.users.get("kommunedirektor.alta")
    if not ctx.services or leader is None or mayor is None:
        ctx.log("reports: demo users or services missing, skipped")
        return
    alta = ctx.services[0]
    municipality = alta.host_municipality
    if Report.objects.filter(service=alta, is_demo=True).exists():
        ctx.log("reports: demo reports exist already")
        return
    last = services.create_report(leader, alta, year=ctx.year - 1, municipality=municipality, is_demo=True)
    priorities = last.sections.get(key=SectionKey.PRIORITIES)
    services.save_section(
        leader,
        priorities,
        expected_version=priorities.version,
        text="Styrke bemanningen med to saksbehandlere.\nFå alle tiltaksplaner evaluert innen fristen.",
    )
    last.refresh_from_db()
    services.freeze_figures(leader, last, expected_version=last.version, day=datetime.date(ctx.year, 1, 31))
    last.refresh_from_db()
    services.mark_ready(leader, last, expected_version=last.version)
    last.refresh_from_db()
    services.record_handling(
        mayor,
        last,
        expected_version=last.version,
        date=min(datetime.date(ctx.year, 3, 20), timezone.localdate()),
        body="Kommunestyret",
        case_number=f"{ctx.year % 100}/0142",
        decision="Kommunestyret tar tilstandsrapporten for barnevernet til orientering.",
    )
    draft = services.create_report(leader, alta, year=ctx.year, municipality=municipality, is_demo=True)
    services.add_comment(
        mayor,
        draft,
        text="Få med hvordan samarbeidet med skolene har utviklet seg.",
        section_key=SectionKey.COOPERATION,
    )
    ctx.log(f"reports: Alta's {ctx.year} draft and the {ctx.year - 1} report handled by the council")
