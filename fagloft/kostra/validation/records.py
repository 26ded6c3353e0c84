"""The 15F data model: one `Individ` (client) with its referrals, investigations, plans, measures and moves.

Built from one lxml element at a time (`read_individ`). The mapping mirrors SSB's program:
attributes the schema does not know are ignored, and a record that lacks a required attribute or
has an unreadable date cannot be mapped (`MappingError`, reported as Individ01/Avgiver01).
Constructors read attributes through the element's attribute proxy: this runs for every record of files
with tens of thousands of clients.
"""

from __future__ import annotations

import datetime
from typing import Any

Date = datetime.date
_iso = datetime.date.fromisoformat


class MappingError(ValueError):
    pass


def _opt(raw: str | None) -> Date | None:
    return _iso(raw) if raw else None


def _presisering(element: Any) -> str | None:
    if not len(element):
        return None
    for child in element:
        if child.tag == "Presisering":
            return child.text or ""
    return None


# Melder, Saksinnhold, Vedtaksgrunnlag and Tiltaksgrunnlag: (Kode, Presisering) pairs. Plain
# tuples, because a big file has several per referral; a missing Kode becomes "0" as in SSB's program.
Pair = tuple[str, "str | None"]


def _pair(element: Any) -> Pair:
    return (element.get("Kode") or "0", _presisering(element) if len(element) else None)


class Coded:
    """Melder, Saksinnhold, Vedtaksgrunnlag, Tiltaksgrunnlag, Kategori, Opphevelse."""

    __slots__ = ("kode", "presisering")

    def __init__(self, element: Any) -> None:
        # SSB's program turns a missing Kode into "0", which then fails the schema.
        self.kode = element.get("Kode") or "0"
        self.presisering = _presisering(element)


class Undersokelse:
    __slots__ = ("id", "start", "slutt", "konklusjon", "presisering", "vedtaksgrunnlag")

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.id = a["Id"]
        self.start = _iso(a["StartDato"])
        self.slutt = _opt(a.get("SluttDato"))
        self.konklusjon = a.get("Konklusjon")
        self.presisering = None
        self.vedtaksgrunnlag: list[Pair] = []
        for child in element:
            if child.tag == "Vedtaksgrunnlag":
                self.vedtaksgrunnlag.append(_pair(child))
            elif child.tag == "Presisering":
                self.presisering = child.text or ""


class Melding:
    __slots__ = ("id", "start", "slutt", "konklusjon", "melder", "saksinnhold", "undersokelse")

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.id = a["Id"]
        self.start = _iso(a["StartDato"])
        self.slutt = _opt(a.get("SluttDato"))
        self.konklusjon = a.get("Konklusjon")
        self.melder: list[Pair] = []
        self.saksinnhold: list[Pair] = []
        self.undersokelse: Undersokelse | None = None
        for child in element:
            tag = child.tag
            if tag == "Melder":
                self.melder.append((child.get("Kode") or "0", _presisering(child) if len(child) else None))
            elif tag == "Saksinnhold":
                self.saksinnhold.append((child.get("Kode") or "0", _presisering(child) if len(child) else None))
            elif tag == "Undersokelse":
                self.undersokelse = Undersokelse(child)


class Plan:
    __slots__ = ("id", "start", "slutt", "evaluert", "plantype")

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.id = a["Id"]
        self.start = _iso(a["StartDato"])
        self.slutt = _opt(a.get("SluttDato"))
        self.evaluert = _opt(a.get("EvaluertDato"))
        self.plantype = a["Plantype"]


class Lovhjemmel:
    __slots__ = ("lov", "kapittel", "paragraf", "ledd", "bokstav", "punktum")

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.lov = a["Lov"]
        self.kapittel = a["Kapittel"]
        self.paragraf = a["Paragraf"]
        self.ledd = a.get("Ledd")
        self.bokstav = a.get("Bokstav")
        self.punktum = a.get("Punktum")


class Tiltak:
    __slots__ = (
        "id",
        "start",
        "slutt",
        "lovhjemmel",
        "jmfr",
        "kategori",
        "tiltaksgrunnlag",
        "opphevelse",
        "is_placement",
        "is_care_order",
    )

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.id = a["Id"]
        self.start = _iso(a["StartDato"])
        self.slutt = _opt(a.get("SluttDato"))
        self.lovhjemmel: Lovhjemmel | None = None
        self.jmfr: list[Lovhjemmel] = []
        self.kategori: Coded | None = None
        self.tiltaksgrunnlag: list[Pair] = []
        self.opphevelse: Coded | None = None
        for child in element:
            tag = child.tag
            if tag == "Lovhjemmel":
                self.lovhjemmel = Lovhjemmel(child)
            elif tag == "JmfrLovhjemmel":
                self.jmfr.append(Lovhjemmel(child))
            elif tag == "Kategori":
                self.kategori = Coded(child)
            elif tag == "Tiltaksgrunnlag":
                self.tiltaksgrunnlag.append(_pair(child))
            elif tag == "Opphevelse":
                self.opphevelse = Coded(child)
        if self.lovhjemmel is None or self.kategori is None:
            raise MappingError("Lovhjemmel/Kategori")
        kode = self.kategori.kode
        # Plasseringstiltak: institution (1.x), foster care (2.x) or housing with follow-up (8.2).
        self.is_placement = kode[:2] in ("1.", "2.") or kode == "8.2"
        self.is_care_order = _is_care_order(self.lovhjemmel)


def _is_care_order(h: Lovhjemmel) -> bool:
    """Omsorgstiltak as the program defines it: BVL 4-12, BVL 4-8 ledd 2/3, BVL2021 5-1 bokstav a-g."""
    if h.lov == "BVL" and h.kapittel == "4":
        return h.paragraf == "12" or (h.paragraf == "8" and h.ledd in ("2", "3"))
    return (
        h.lov == "BVL2021"
        and h.kapittel == "5"
        and h.paragraf == "1"
        and h.bokstav in ("a", "b", "c", "d", "e", "f", "g")
    )


class Flytting:
    __slots__ = ("id", "slutt", "arsak_fra", "flytting_til")

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.id = a["Id"]
        self.slutt = _iso(a["SluttDato"])
        self.arsak_fra: str | None = None
        self.flytting_til: str | None = None
        for child in element:
            if child.tag == "ArsakFra":
                self.arsak_fra = child.get("Kode")
            elif child.tag == "FlyttingTil":
                self.flytting_til = child.get("Kode")


class Individ:
    __slots__ = (
        "id",
        "journalnummer",
        "start",
        "slutt",
        "fodselsnummer",
        "duf",
        "bydelsnummer",
        "bydelsnavn",
        "saksbehandler",
        "avslutta3112",
        "meldinger",
        "planer",
        "tiltak",
        "flyttinger",
        "age",
        "fnr_checksum_valid",
        "undersokelser",
    )

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.id = a["Id"]
        self.journalnummer = a["Journalnummer"]
        self.saksbehandler = a["Saksbehandler"]
        self.avslutta3112 = a["Avslutta3112"]
        self.start = _iso(a["StartDato"])
        self.slutt = _opt(a.get("SluttDato"))
        self.fodselsnummer = a.get("Fodselsnummer")
        self.duf = a.get("DUFnummer")
        self.bydelsnummer = a.get("Bydelsnummer")
        self.bydelsnavn = a.get("Bydelsnavn")
        self.meldinger: list[Melding] = []
        self.planer: list[Plan] = []
        self.tiltak: list[Tiltak] = []
        self.flyttinger: list[Flytting] = []
        # Age at 31 December of the reporting year, set by the engine (None when unreadable).
        self.age: int | None = None
        self.fnr_checksum_valid = False
        for child in element:
            tag = child.tag
            if tag == "Melding":
                self.meldinger.append(Melding(child))
            elif tag == "Plan":
                self.planer.append(Plan(child))
            elif tag == "Tiltak":
                self.tiltak.append(Tiltak(child))
            elif tag == "Flytting":
                self.flyttinger.append(Flytting(child))
        self.undersokelser: list[Undersokelse] = [m.undersokelse for m in self.meldinger if m.undersokelse]


class Avgiver:
    __slots__ = ("organisasjonsnummer", "versjon", "kommunenummer", "kommunenavn")

    def __init__(self, element: Any) -> None:
        a = element.attrib
        self.organisasjonsnummer = a["Organisasjonsnummer"]
        self.versjon = a["Versjon"]
        self.kommunenummer = a["Kommunenummer"]
        self.kommunenavn = a["Kommunenavn"]


def read_individ(element: Any) -> Individ:
    """Map an Individ element, or raise `MappingError` naming what is missing or unreadable."""
    try:
        return Individ(element)
    except KeyError as error:
        raise MappingError(f"attributt {error.args[0]}") from error
    except ValueError as error:
        raise MappingError(f"dato ({error})") from error


def read_avgiver(element: Any) -> Avgiver:
    try:
        return Avgiver(element)
    except KeyError as error:
        raise MappingError(f"attributt {error.args[0]}") from error
