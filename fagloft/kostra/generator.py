"""Generates schema-valid, plausible KOSTRA 15F files with synthetic children (bench, demo, tests).

Identity numbers are synthetic test numbers (month + 80, as Skatteetaten's test numbers), so a
generated file can never identify a real person.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import IO
from xml.sax.saxutils import quoteattr

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def synthetic_fnr(born: datetime.date, rng: random.Random) -> str:
    """A checksum-valid synthetic national identity number (third digit 8 or 9)."""
    while True:
        base = f"{born.day:02d}{born.month + 80:02d}{born.year % 100:02d}"
        individual = rng.randint(500, 999) if born.year >= 2000 else rng.randint(0, 499)
        digits = base + f"{individual:03d}"
        k1 = 11 - sum(int(d) * w for d, w in zip(digits, _W1, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        k2 = 11 - sum(int(d) * w for d, w in zip(digits + str(k1), _W2, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return f"{digits}{k1}{k2}"


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _attrs(**values: object) -> str:
    return "".join(f" {k}={quoteattr(str(v))}" for k, v in values.items() if v is not None)


def _melding(rng: random.Random, n: int, case_start: datetime.date, year: int) -> str:
    start = _day(rng, max(case_start, datetime.date(year, 1, 1)), datetime.date(year, 11, 30))
    slutt = start + datetime.timedelta(days=rng.choice((2, 4, 6, 7, 7, 9)))
    konklusjon = rng.choice(("1", "2", "2", "3"))
    inner = f'<Melder Kode="{rng.choice((2, 9, 10, 11, 8))}"/><Saksinnhold Kode="{rng.choice((3, 7, 20, 21))}"/>'
    if konklusjon == "2":
        u_start = slutt
        u_end = u_start + datetime.timedelta(days=rng.choice((40, 70, 85, 100, 150)))
        u_slutt = u_end if u_end.year == year else None
        u_attrs = _attrs(
            Id=f"U{n}", StartDato=u_start, SluttDato=u_slutt, Konklusjon=rng.choice(("1", "3")) if u_slutt else None
        )
        grunnlag = '<Vedtaksgrunnlag Kode="21"/>' if u_slutt else ""
        inner += f"<Undersokelse{u_attrs}>{grunnlag}</Undersokelse>"
    return f"<Melding{_attrs(Id=f'M{n}', StartDato=start, SluttDato=slutt, Konklusjon=konklusjon)}>{inner}</Melding>"


def _tiltak(rng: random.Random, n: int, case_start: datetime.date, year: int) -> tuple[str, str]:
    start = _day(rng, max(case_start, datetime.date(year - 2, 1, 1)), datetime.date(year, 10, 1))
    kategori = rng.choice(("3.9", "3.10", "4.3", "4.3", "2.1", "2.2", "1.1", "6.2"))
    slutt = (
        None if rng.random() < 0.6 else _day(rng, max(start, datetime.date(year, 1, 1)), datetime.date(year, 12, 30))
    )
    lov = "BVL" if start.year < 2023 else "BVL2021"
    kapittel, paragraf = ("4", "4") if lov == "BVL" else ("3", "1")
    if kategori.startswith(("1.", "2.")):
        kapittel, paragraf = ("4", "4") if lov == "BVL" else ("3", "1")
    opphevelse = '<Opphevelse Kode="1"/>' if slutt else ""
    body = (
        f'<Lovhjemmel Lov="{lov}" Kapittel="{kapittel}" Paragraf="{paragraf}"/>'
        f'<JmfrLovhjemmel Lov="{lov}" Kapittel="{kapittel}" Paragraf="{paragraf}"/>'
        f'<Kategori Kode="{kategori}"/><Tiltaksgrunnlag Kode="21"/>{opphevelse}'
    )
    return kategori, f"<Tiltak{_attrs(Id=f'T{n}', StartDato=start, SluttDato=slutt)}>{body}</Tiltak>"


def individ_xml(rng: random.Random, number: int, year: int) -> str:
    born = _day(rng, datetime.date(year - 17, 1, 1), datetime.date(year - 1, 12, 31))
    case_start = _day(rng, max(born, datetime.date(year - 3, 1, 1)), datetime.date(year, 9, 30))
    parts = [_melding(rng, k, case_start, year) for k in range(rng.choice((1, 1, 2, 3)))]
    kinds = []
    if rng.random() < 0.6:
        for k in range(rng.choice((1, 1, 2))):
            kind, xml = _tiltak(rng, k, case_start, year)
            kinds.append(kind)
            parts.append(xml)
        plan_start = max(case_start, datetime.date(year - 1, 6, 1))
        parts.insert(len(parts) - len(kinds), f"<Plan{_attrs(Id='P1', StartDato=plan_start, Plantype='1')}/>")
    if any(k.startswith(("1.", "2.")) for k in kinds) and rng.random() < 0.3:
        moved = _day(rng, max(case_start, datetime.date(year, 1, 1)), datetime.date(year, 12, 1))
        parts.append(
            f'<Flytting{_attrs(Id="F1", SluttDato=moved)}><ArsakFra Kode="1.1.4"/><FlyttingTil Kode="2"/></Flytting>'
        )
    attrs = _attrs(
        Id=f"ID{number}",
        Journalnummer=f"J{number:06d}",
        StartDato=case_start,
        Fodselsnummer=synthetic_fnr(born, rng),
        Saksbehandler="Demo Saksbehandler",
        Avslutta3112="2",
    )
    return f"<Individ{attrs}>{''.join(parts)}</Individ>\n"


def individer(rng: random.Random, count: int, year: int) -> Iterator[str]:
    for number in range(1, count + 1):
        yield individ_xml(rng, number, year)


def write_file(
    handle: IO[str],
    children: int,
    year: int,
    municipality: str = "3401",
    name: str = "Demokommune",
    org_number: str = "944117784",
    seed: int = 15,
) -> None:
    """Write a whole 15F document (UTF-8) with `children` synthetic clients."""
    rng = random.Random(seed)
    handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<Barnevern>\n')
    avgiver = _attrs(Organisasjonsnummer=org_number, Versjon=year, Kommunenummer=municipality, Kommunenavn=name)
    handle.write(f"<Avgiver{avgiver}/>\n")
    for xml in individer(rng, children, year):
        handle.write(xml)
    handle.write("</Barnevern>\n")
