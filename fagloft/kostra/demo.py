"""Demo data: one validated KOSTRA 15F file for the first demo service, uploaded by its leader.

The file is generated with synthetic children (test identity numbers), validated like an upload,
and only the report is kept, as for a real upload. It is named DEMO so nobody mistakes it.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from fagloft.kostra.generator import write_file
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.tasks import run_validation

DEMO_CHILDREN = 80


def build(ctx: Any) -> None:
    leader = ctx.users.get("leder.alta")
    if not ctx.services or leader is None:
        ctx.log("kostra: ingen demotjeneste eller leder, hopper over")
        return
    service = ctx.services[0]
    municipality = service.host_municipality
    handle, path = tempfile.mkstemp(prefix="kostra-demo-", suffix=".xml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        write_file(
            out,
            DEMO_CHILDREN,
            ctx.year,
            municipality=municipality.number,
            name=municipality.name,
            seed=ctx.rng.randint(1, 10_000),
        )
    run = ValidationRun.objects.create(
        service=service,
        uploaded_by=leader,
        year=ctx.year,
        file_name=f"DEMO-15F-{municipality.number}-{ctx.year}.xml",
        file_size=os.path.getsize(path),
    )
    run_validation(run.pk, path, ctx.year)  # deletes the temp file
    ctx.log(f"kostra: demokontroll av 15F-fil for {service} ({DEMO_CHILDREN} syntetiske barn)")
