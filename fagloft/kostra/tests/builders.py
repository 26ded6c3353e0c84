"""Builds small, schema-valid KOSTRA 15F documents for tests, with defaults for everything.

Each builder takes the XML attribute names as keyword arguments (`StartDato="2024-01-01"`); a value
of None leaves the attribute out. Children may be given in any order; they are written in the
order the schema demands. Defaults are for reporting year 2024 and make a record that breaks no
control rule, so a test changes only what it is about.
"""

from __future__ import annotations

import datetime
import itertools
import random
from pathlib import Path
from typing import Any

from lxml import etree

from fagloft.kostra.generator import synthetic_fnr

YEAR = 2024
_journal = itertools.count(1)
_ORDER = {
    "Melding": 0,
    "Plan": 1,
    "Tiltak": 2,
    "Flytting": 3,
    "Melder": 0,
    "Saksinnhold": 1,
    "Undersokelse": 2,
    "Presisering": 0,
    "Vedtaksgrunnlag": 1,
    "Lovhjemmel": 0,
    "JmfrLovhjemmel": 1,
    "Kategori": 2,
    "Tiltaksgrunnlag": 3,
    "Opphevelse": 4,
    "ArsakFra": 0,
    "FlyttingTil": 1,
}


def fnr(born: datetime.date = datetime.date(2015, 5, 17), seed: int = 1) -> str:
    """A checksum-valid synthetic identity number for someone born on `born`."""
    return synthetic_fnr(born, random.Random(seed))


def duf(first_ten: str = "2019123456", valid: bool = True) -> str:
    total = sum(int(d) * w for d, w in zip(first_ten, (4, 6, 3, 2, 4, 6, 3, 2, 7, 5), strict=True)) % 11
    check = f"{total:02d}" if valid else f"{(total + 1) % 11:02d}"
    return first_ten + check


def _element(tag: str, children: tuple[Any, ...], attrs: dict[str, Any]) -> etree._Element:
    element = etree.Element(tag)
    for name, value in attrs.items():
        if value is not None:
            element.set(name, str(value))
    for child in sorted((c for c in children if c is not None), key=lambda c: _ORDER.get(c.tag, 9)):
        element.append(child)
    return element


def presisering(text: str = "Presiseringstekst") -> etree._Element:
    element = etree.Element("Presisering")
    element.text = text
    return element


def _coded(tag: str, kode: str | None, text: str | None) -> etree._Element:
    return _element(tag, (presisering(text) if text is not None else None,), {"Kode": kode})


def melder(kode: str | None = "2", text: str | None = None) -> etree._Element:
    return _coded("Melder", kode, text)


def saksinnhold(kode: str = "3", text: str | None = None) -> etree._Element:
    return _coded("Saksinnhold", kode, text)


def vedtaksgrunnlag(kode: str = "21", text: str | None = None) -> etree._Element:
    return _coded("Vedtaksgrunnlag", kode, text)


def tiltaksgrunnlag(kode: str = "21", text: str | None = None) -> etree._Element:
    return _coded("Tiltaksgrunnlag", kode, text)


def kategori(kode: str = "3.9", text: str | None = None) -> etree._Element:
    return _coded("Kategori", kode, text)


def opphevelse(kode: str = "1", text: str | None = None) -> etree._Element:
    return _coded("Opphevelse", kode, text)


def lovhjemmel(tag: str = "Lovhjemmel", **attrs: Any) -> etree._Element:
    values = {"Lov": "BVL2021", "Kapittel": "3", "Paragraf": "1"} | attrs
    return _element(tag, (), values)


def undersokelse(*children: Any, text: str | None = None, **attrs: Any) -> etree._Element:
    values = {"Id": "U1", "StartDato": f"{YEAR}-02-05", "SluttDato": f"{YEAR}-03-20", "Konklusjon": "1"} | attrs
    if not children and values.get("Konklusjon") in ("1", "2"):
        children = (vedtaksgrunnlag(),)
    return _element("Undersokelse", (*children, presisering(text) if text is not None else None), values)


def melding(*children: Any, default_children: bool = True, **attrs: Any) -> etree._Element:
    values = {"Id": "M1", "StartDato": f"{YEAR}-02-01", "SluttDato": f"{YEAR}-02-05", "Konklusjon": "1"} | attrs
    if default_children:
        tags = {c.tag for c in children}
        children = (
            *children,
            *(() if "Melder" in tags else (melder(),)),
            *(() if "Saksinnhold" in tags else (saksinnhold(),)),
        )
    return _element("Melding", children, values)


def plan(**attrs: Any) -> etree._Element:
    return _element("Plan", (), {"Id": "P1", "StartDato": f"{YEAR}-03-01", "Plantype": "1"} | attrs)


def tiltak(
    *children: Any,
    kode: str = "3.9",
    text: str | None = None,
    lov: dict[str, Any] | None = None,
    jmfr: list[dict[str, Any]] | None = None,
    **attrs: Any,
) -> etree._Element:
    """A measure. By default BVL2021 § 3-1 with a matching JmfrLovhjemmel (the program's Tiltak24
    flags a measure from 2023 without one) and category 3.9 (advice and guidance)."""
    values = {"Id": "T1", "StartDato": f"{YEAR}-03-01"} | attrs
    jmfr = [{}] if jmfr is None else jmfr
    parts = [lovhjemmel(**(lov or {})), *(lovhjemmel("JmfrLovhjemmel", **j) for j in jmfr), kategori(kode, text)]
    return _element("Tiltak", (*parts, *children), values)


def flytting(arsak: str = "1.1.4", til: str = "2", **attrs: Any) -> etree._Element:
    values = {"Id": "F1", "SluttDato": f"{YEAR}-06-01"} | attrs
    return _element(
        "Flytting", (_element("ArsakFra", (), {"Kode": arsak}), _element("FlyttingTil", (), {"Kode": til})), values
    )


def individ(*children: Any, born: datetime.date | None = None, **attrs: Any) -> etree._Element:
    number = next(_journal)
    values = {
        "Id": f"I{number}",
        "Journalnummer": f"J{number}",
        "StartDato": f"{YEAR}-01-10",
        "Fodselsnummer": fnr(born) if born else fnr(seed=number),
        "Saksbehandler": "Sara Saksbehandler",
        "Avslutta3112": "2",
    } | attrs
    if not children:
        children = (melding(),)
    return _element("Individ", children, values)


def document(
    *individer: etree._Element, year: int = YEAR, avgivere: list[dict[str, Any]] | None = None, **avgiver_attrs: Any
) -> bytes:
    root = etree.Element("Barnevern")
    for attrs in avgivere if avgivere is not None else [avgiver_attrs]:
        values = {
            "Organisasjonsnummer": "944117784",
            "Versjon": str(year),
            "Kommunenummer": "3401",
            "Kommunenavn": "Kongsvinger",
        } | attrs
        root.append(_element("Avgiver", (), values))
    for element in individer:
        root.append(element)
    return etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1")


def write(directory: Path, *individer: etree._Element, name: str = "15F.xml", **kwargs: Any) -> Path:
    path = Path(directory) / name
    path.write_bytes(document(*individer, **kwargs))
    return path
