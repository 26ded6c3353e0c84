"""SSB's control rules for KOSTRA 15F (barnevern), one small function each, registered in `RULES`.

Rule ids and severities are those of SSB's current control program (see the shared `rules.csv`);
where its written specification and the program disagree, these follow the program. A rule gets
one client (`Individ`) and the run's `Context` and returns Norwegian messages, one per finding.
Messages name the referral/measure Ids, never the national identity number.

Whole-file rules (Avgiver00, Individ00, Individ01, Avgiver01, Individ04, Individ05) live in the
engine, because they need the stream rather than one client.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import Any

from fagloft.kostra.validation import ssn
from fagloft.kostra.validation.records import Avgiver, Individ, Tiltak

ERROR = "ERROR"
WARNING = "WARNING"

MIN_DATE = datetime.date(1998, 1, 1)
MAX_DATE = datetime.date(2049, 12, 31)
BVL, BVL2021 = "BVL", "BVL2021"
LAST_DAY_OF_OLD_ACT = datetime.date(2022, 12, 31)
PRESISERING_CATEGORIES = frozenset({"1.99", "2.99", "3.7", "3.99", "4.99", "5.99", "6.99", "7.99", "8.99"})
CLOSED = "1"
# Melding03: the one-week deadline plus one day of slack that Bufdir asked for.
EIGHT_DAYS = datetime.timedelta(days=8)


@dataclass(frozen=True)
class Context:
    year: int
    region: str  # six digits: municipality number + district ("340100", "030102")

    # Dates the rules compare with, computed once per run rather than once per client.
    @cached_property
    def count_date(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    @cached_property
    def previous_count_date(self) -> datetime.date:
        return datetime.date(self.year - 1, 12, 31)

    @cached_property
    def mid_year(self) -> datetime.date:
        return datetime.date(self.year, 6, 30)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    check: Callable[..., list[str]]
    description: str
    # The list on Individ the rule looks at; a client without any such records cannot break it,
    # so the engine skips the call (big files have many clients without, e.g., moves).
    needs: str = ""


def _blank(text: str | None) -> bool:
    return text is None or text.strip() == ""


def _empty(text: str | None) -> bool:
    return text is None or text == ""


# --- Avgiver ---------------------------------------------------------------------------------

def avgiver02(a: Avgiver, ctx: Context) -> list[str]:
    if a.versjon != str(ctx.year):
        return [f"Filen er for feil år ({a.versjon}), forventet {ctx.year}."]
    return []


def avgiver03(a: Avgiver, ctx: Context) -> list[str]:
    return ["Filen mangler organisasjonsnummer."] if _blank(a.organisasjonsnummer) else []


def avgiver04(a: Avgiver, ctx: Context) -> list[str]:
    if a.kommunenummer != ctx.region[:4]:
        return [f"Filen gjelder feil kommune ({a.kommunenummer}), forventet {ctx.region[:4]}."]
    return []


def avgiver06(a: Avgiver, ctx: Context) -> list[str]:
    return ["Filen mangler kommunenavn."] if _blank(a.kommunenavn) else []


AVGIVER_RULES: list[Rule] = [
    Rule("Avgiver02", ERROR, avgiver02, "Rapporteringsåret i filen er feil"),
    Rule("Avgiver03", ERROR, avgiver03, "Organisasjonsnummer mangler"),
    Rule("Avgiver04", ERROR, avgiver04, "Kommunenummer stemmer ikke med regionen"),
    Rule("Avgiver06", ERROR, avgiver06, "Kommunenavn mangler"),
]


# --- Individ ---------------------------------------------------------------------------------

def _all_dates(i: Individ) -> list[tuple[datetime.date | None, str]]:
    dates: list[tuple[datetime.date | None, str]] = []
    for m in i.meldinger:
        dates += [(m.start, f"Melding ({m.id}) startdato"), (m.slutt, f"Melding ({m.id}) sluttdato")]
    for u in i.undersokelser:
        dates += [(u.start, f"Undersøkelse ({u.id}) startdato"), (u.slutt, f"Undersøkelse ({u.id}) sluttdato")]
    for p in i.planer:
        dates += [(p.start, f"Plan ({p.id}) startdato"), (p.slutt, f"Plan ({p.id}) sluttdato"),
                  (p.evaluert, f"Plan ({p.id}) evaluert dato")]
    for t in i.tiltak:
        dates += [(t.start, f"Tiltak ({t.id}) startdato"), (t.slutt, f"Tiltak ({t.id}) sluttdato")]
    dates += [(f.slutt, f"Flytting ({f.id}) sluttdato") for f in i.flyttinger]
    return dates + [(i.start, "Individets startdato"), (i.slutt, "Individets sluttdato")]


def _dates_in_range(i: Individ) -> bool:
    # The common case, checked without building labels: every date within the fixed bounds.
    # Written out as plain comparisons: it runs for every client of big files.
    lo, hi = MIN_DATE, MAX_DATE
    if not lo <= i.start <= hi or (i.slutt is not None and not lo <= i.slutt <= hi):
        return False
    for record in (*i.meldinger, *i.undersokelser, *i.planer, *i.tiltak):
        if not lo <= record.start <= hi or (record.slutt is not None and not lo <= record.slutt <= hi):
            return False
    return (all(p.evaluert is None or lo <= p.evaluert <= hi for p in i.planer)
            and all(lo <= f.slutt <= hi for f in i.flyttinger))


def individ01a(i: Individ, ctx: Context) -> list[str]:
    if _dates_in_range(i):
        return []
    return [f"{label}: dato ({date}) må være mellom {MIN_DATE} og {MAX_DATE}."
            for date, label in _all_dates(i) if date is not None and not (MIN_DATE <= date <= MAX_DATE)]


def individ02a(i: Individ, ctx: Context) -> list[str]:
    if i.slutt is not None and i.start > i.slutt:
        return [f"Individets startdato ({i.start}) er etter sluttdato ({i.slutt})."]
    return []


def individ02b(i: Individ, ctx: Context) -> list[str]:
    if i.slutt is not None and i.slutt < ctx.previous_count_date:
        return [f"Individets sluttdato ({i.slutt}) er før forrige telletidspunkt ({ctx.previous_count_date})."]
    return []


def individ02d(i: Individ, ctx: Context) -> list[str]:
    if i.avslutta3112 == CLOSED and i.slutt is None:
        return ["Individet er avsluttet hos barnevernet (Avslutta3112 = 1), men mangler sluttdato."]
    return []


def individ03(i: Individ, ctx: Context) -> list[str]:
    if i.fodselsnummer is not None:
        return [] if i.fnr_checksum_valid or ssn.is_acceptable(i.fodselsnummer, ctx.year) else [
            "Feil i fødselsnummer. Kan ikke identifisere individet."]
    if i.duf is not None:
        return [] if ssn.is_valid_duf(i.duf) else ["Feil i DUF-nummer. Kan ikke identifisere individet."]
    return ["Fødselsnummer og DUF-nummer mangler. Kan ikke identifisere individet."]


def individ06(i: Individ, ctx: Context) -> list[str]:
    if not i.meldinger and not i.planer and not i.tiltak:
        return ["Individet har ingen meldinger, planer eller tiltak i løpet av året."]
    return []


def individ07(i: Individ, ctx: Context) -> list[str]:
    if i.age is not None and i.age > 25:
        return [f"Individet er {i.age} år, altså over 25 år, og skal avsluttes som klient."]
    return []


def individ08(i: Individ, ctx: Context) -> list[str]:
    if i.age is not None and i.age > 18 and not i.tiltak:
        return [f"Individet er {i.age} år, altså over 18 år, og skal dermed ha tiltak."]
    return []


def _oslo(ctx: Context) -> bool:
    return ctx.region.startswith("0301")


def individ09(i: Individ, ctx: Context) -> list[str]:
    return ["Individet mangler bydelsnummer (påkrevd for Oslo)."] if _oslo(ctx) and _blank(i.bydelsnummer) else []


def individ10(i: Individ, ctx: Context) -> list[str]:
    return ["Individet mangler bydelsnavn (påkrevd for Oslo)."] if _oslo(ctx) and _blank(i.bydelsnavn) else []


def individ11(i: Individ, ctx: Context) -> list[str]:
    f = i.fodselsnummer
    if f is None or not i.fnr_checksum_valid or f.endswith("55555"):
        return ["Individet har ufullstendig fødselsnummer. Korriger fødselsnummer."]
    return []


def individ12(i: Individ, ctx: Context) -> list[str]:
    if i.fodselsnummer is None or not (i.fnr_checksum_valid or ssn.is_acceptable(i.fodselsnummer, ctx.year)):
        return ["Fødselsnummer mangler eller er ugyldig."]
    return []


def individ19(i: Individ, ctx: Context) -> list[str]:
    if i.duf is not None and not ssn.is_valid_duf(i.duf):
        return ["DUF-nummeret har feil kontrollsiffer."]
    return []


# --- Date checks shared by Melding, Undersøkelse, Plan and Tiltak (rules NN02a–NN02e) -------
# SSB's program applies the same five date checks to each kind of record; only the label, the
# records and (for Melding02c) one extra condition differ, so each rule is built from one shape.

Records = Callable[[Individ], Sequence[Any]]
RecordRule = Callable[[Individ, Context], list[str]]


def _closed_but_open(i: Individ, end: datetime.date | None, ctx: Context) -> bool:
    return i.avslutta3112 == CLOSED and (end is None or i.slutt is None or end > ctx.count_date)


def _starts_after_end(label: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[str]:
        return [f"{label} ({r.id}). Startdato ({r.start}) er etter sluttdato ({r.slutt})."
                for r in records(i) if r.slutt is not None and r.start > r.slutt]
    return rule


def _ends_outside_year(label: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[str]:
        return [f"{label} ({r.id}). Sluttdato ({r.slutt}) er ikke i rapporteringsåret ({ctx.year})."
                for r in records(i) if r.slutt is not None and r.slutt.year != ctx.year]
    return rule


def _ends_after_individual(label: str, records: Records,
                           also: Callable[[Any], bool] = lambda r: True) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[str]:
        if i.slutt is None:
            return []
        return [f"{label} ({r.id}). Sluttdato ({r.slutt}) er etter individets sluttdato ({i.slutt})."
                for r in records(i) if r.slutt is not None and r.slutt > i.slutt and also(r)]
    return rule


def _open_in_closed_individual(label: str, plural: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[str]:
        if i.avslutta3112 != CLOSED:
            return []
        return [f"{label} ({r.id}). Individet er avsluttet hos barnevernet, og dets {plural} skal dermed være "
                f"avsluttet. Sluttdato er {r.slutt or 'uoppgitt'}."
                for r in records(i) if _closed_but_open(i, r.slutt, ctx)]
    return rule


def _starts_before_individual(label: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[str]:
        return [f"{label} ({r.id}). Startdato ({r.start}) er før individets startdato ({i.start})."
                for r in records(i) if r.start < i.start]
    return rule


_meldinger, _undersokelser = attrgetter("meldinger"), attrgetter("undersokelser")
_planer, _tiltak = attrgetter("planer"), attrgetter("tiltak")


melding02a = _starts_after_end("Melding", _meldinger)
# SSB's program exempts notifications with conclusion code 1 from this check.
melding02c = _ends_after_individual("Melding", _meldinger, also=lambda m: m.konklusjon != "1")
melding02d = _open_in_closed_individual("Melding", "meldinger", _meldinger)
melding02e = _starts_before_individual("Melding", _meldinger)

undersokelse02a = _starts_after_end("Undersøkelse", _undersokelser)
undersokelse02b = _ends_outside_year("Undersøkelse", _undersokelser)
undersokelse02c = _ends_after_individual("Undersøkelse", _undersokelser)
undersokelse02d = _open_in_closed_individual("Undersøkelse", "undersøkelser", _undersokelser)
undersokelse02e = _starts_before_individual("Undersøkelse", _undersokelser)

plan02a = _starts_after_end("Plan", _planer)
plan02c = _ends_after_individual("Plan", _planer)
plan02d = _open_in_closed_individual("Plan", "planer", _planer)
plan02e = _starts_before_individual("Plan", _planer)

tiltak02a = _starts_after_end("Tiltak", _tiltak)
tiltak02b = _ends_outside_year("Tiltak", _tiltak)
tiltak02c = _ends_after_individual("Tiltak", _tiltak)
tiltak02d = _open_in_closed_individual("Tiltak", "tiltak", _tiltak)
tiltak02e = _starts_before_individual("Tiltak", _tiltak)


# --- Melding, Melder, Saksinnhold ------------------------------------------------------------










def melding03(i: Individ, ctx: Context) -> list[str]:
    return [f"Melding ({m.id}). Fristoverskridelse på behandlingstid for melding: mer enn 7 dager "
            f"(pluss én dags margin) fra {m.start} til {m.slutt}."
            for m in i.meldinger if m.slutt is not None and m.slutt - m.start > EIGHT_DAYS]


# Melding04/05 apply to referrals concluded (1 or 2) with an end date in the reporting year or
# later: the program's condition, the reverse of the spec's wording.
def melding04(i: Individ, ctx: Context) -> list[str]:
    return [f"Melding ({m.id}). Konkludert melding mangler melder(e)."
            for m in i.meldinger if not m.melder and m.konklusjon in ("1", "2")
            and m.slutt is not None and m.slutt.year >= ctx.year]


def melding05(i: Individ, ctx: Context) -> list[str]:
    return [f"Melding ({m.id}). Konkludert melding mangler saksinnhold."
            for m in i.meldinger if not m.saksinnhold and m.konklusjon in ("1", "2")
            and m.slutt is not None and m.slutt.year >= ctx.year]


def melder02(i: Individ, ctx: Context) -> list[str]:
    return [f"Melding ({m.id}). Melder med kode 22 (andre offentlige instanser) mangler presisering."
            for m in i.meldinger for kode, presisering in m.melder if kode == "22" and _empty(presisering)]


def saksinnhold02(i: Individ, ctx: Context) -> list[str]:
    return [f"Melding ({m.id}). Saksinnhold med kode {kode} (andre forhold) mangler presisering."
            for m in i.meldinger for kode, presisering in m.saksinnhold if kode in ("18", "19") and _empty(presisering)]


# --- Undersøkelse, Vedtaksgrunnlag -----------------------------------------------------------











def undersokelse03(i: Individ, ctx: Context) -> list[str]:
    return [f"Undersøkelse ({u.id}). Konklusjon 5 (barnet har flyttet) mangler presisering."
            for u in i.undersokelser if u.konklusjon == "5" and _empty(u.presisering)]


def undersokelse04(i: Individ, ctx: Context) -> list[str]:
    return [f"Undersøkelse ({u.id}). Avsluttet undersøkelse mangler konklusjon."
            for u in i.undersokelser if u.slutt is not None and u.konklusjon is None]


def undersokelse07(i: Individ, ctx: Context) -> list[str]:
    return [f"Undersøkelse ({u.id}). Undersøkelse konkludert med vedtak om tiltak eller begjæring til "
            f"fylkesnemnda mangler vedtaksgrunnlag."
            for u in i.undersokelser if u.konklusjon in ("1", "2") and not u.vedtaksgrunnlag]


def undersokelse08(i: Individ, ctx: Context) -> list[str]:
    limit = ctx.mid_year
    return [f"Undersøkelse ({u.id}). Undersøkelsen startet {u.start} og skal konkluderes, da den har pågått "
            f"i mer enn 6 måneder."
            for u in i.undersokelser if u.start < limit and u.slutt is None]


def vedtak02(i: Individ, ctx: Context) -> list[str]:
    return [f"Undersøkelse ({u.id}). Vedtaksgrunnlag med kode {kode} (andre forhold) mangler presisering."
            for u in i.undersokelser for kode, presisering in u.vedtaksgrunnlag
            if kode in ("18", "19") and _empty(presisering)]


# --- Plan ------------------------------------------------------------------------------------









# --- Tiltak, Lovhjemmel ----------------------------------------------------------------------

def is_placement(t: Tiltak) -> bool:
    """Plasseringstiltak: institution (1.x), foster care (2.x) or housing with follow-up (8.2)."""
    return t.is_placement


def is_care_order(t: Tiltak) -> bool:
    """Omsorgstiltak as the program defines it (see `records._is_care_order`)."""
    return t.is_care_order












def tiltak04(i: Individ, ctx: Context) -> list[str]:
    return [f"Tiltak ({t.id}). Omsorgstiltak med sluttdato ({t.slutt}) mangler årsak til opphevelse."
            for t in i.tiltak if t.slutt is not None and t.opphevelse is None and t.is_care_order]


def tiltak05(i: Individ, ctx: Context) -> list[str]:
    if i.age is None or i.age <= 6:
        return []
    return [f"Tiltak ({t.id}). Barnet er over 7 år og i barnehage. Barnets alder er {i.age} år."
            for t in i.tiltak if t.kategori and t.kategori.kode == "4.1"]


def tiltak06(i: Individ, ctx: Context) -> list[str]:
    if i.age is None or i.age <= 10:
        return []
    return [f"Tiltak ({t.id}). Barnet er over 11 år og i SFO/aktivitetsskole. Barnets alder er {i.age} år."
            for t in i.tiltak if t.kategori and t.kategori.kode == "4.2"]


def tiltak07(i: Individ, ctx: Context) -> list[str]:
    return [f"Tiltak ({t.id}). Tiltakskategori {t.kategori.kode} mangler presisering."
            for t in i.tiltak
            if t.kategori and t.kategori.kode in PRESISERING_CATEGORIES and _empty(t.kategori.presisering)]


def tiltak08(i: Individ, ctx: Context) -> list[str]:
    return [f"Tiltak ({t.id}). Opphevelse med kode 4 (annet) mangler presisering."
            for t in i.tiltak if t.opphevelse and t.opphevelse.kode == "4" and _empty(t.opphevelse.presisering)]


def _overlaps_90_days(a: Tiltak, b: Tiltak, fallback: datetime.date) -> bool:
    a_end, b_end = a.slutt or fallback, b.slutt or fallback
    if not (a.start < b_end and b.start < a_end):
        return False
    return max(a.start, b.start) + datetime.timedelta(days=90) < min(a_end, b_end)


def tiltak09(i: Individ, ctx: Context) -> list[str]:
    placements = [t for t in i.tiltak if t.is_placement]
    if len(placements) < 2:
        return []
    placements.sort(key=lambda t: t.start)
    flagged: dict[str, None] = {}  # at most one finding per measure, in order
    for index, outer in enumerate(placements[:-1]):
        for inner in placements[index + 1:]:
            if _overlaps_90_days(outer, inner, ctx.count_date):
                flagged[inner.id] = None
    return [f"Tiltak ({tiltak_id}). Plasseringstiltak kan ikke overlappe med mer enn 3 måneder."
            for tiltak_id in flagged]


def tiltak24(i: Individ, ctx: Context) -> list[str]:
    out: list[str] = []
    for t in i.tiltak:
        lov = t.lovhjemmel.lov if t.lovhjemmel else None
        if t.start <= LAST_DAY_OF_OLD_ACT:
            if lov != BVL or any(j.lov != BVL for j in t.jmfr):
                out.append(f"Tiltak ({t.id}). Tiltak opprettet før 01.01.2023 krever lov = '{BVL}'.")
        elif lov not in (BVL, BVL2021) or all(j.lov not in (BVL, BVL2021) for j in t.jmfr):
            out.append(f"Tiltak ({t.id}). Tiltak opprettet 01.01.2023 eller senere krever lov = '{BVL}' "
                       f"eller '{BVL2021}'.")
    return out


def lovhjemmel03(i: Individ, ctx: Context) -> list[str]:
    if i.age is None or i.age <= 18:
        return []
    return [f"Tiltak ({t.id}). Individet er {i.age} år og har omsorgstiltak. Omsorgstiltak gjelder bare til 18 år."
            for t in i.tiltak if t.is_care_order]


def lovhjemmel04(i: Individ, ctx: Context) -> list[str]:
    return [f"Tiltak ({t.id}). Lovhjemmel har ugyldig kapittel eller paragraf (0)."
            for t in i.tiltak if t.lovhjemmel and (t.lovhjemmel.kapittel == "0" or t.lovhjemmel.paragraf == "0")]


# --- Flytting --------------------------------------------------------------------------------

def flytting02c(i: Individ, ctx: Context) -> list[str]:
    if i.slutt is None:
        return []
    return [f"Flytting ({f.id}). Flyttedato ({f.slutt}) er etter individets sluttdato ({i.slutt})."
            for f in i.flyttinger if f.slutt > i.slutt]


def flytting02f(i: Individ, ctx: Context) -> list[str]:
    return [f"Flytting ({f.id}). Flyttedato ({f.slutt}) er før individets startdato ({i.start})."
            for f in i.flyttinger if f.slutt < i.start]


INDIVID_RULES: list[Rule] = [
    Rule("Individ01a", ERROR, individ01a, "Dato utenfor gyldig periode"),
    Rule("Individ02a", ERROR, individ02a, "Individets startdato er etter sluttdato"),
    Rule("Individ02b", ERROR, individ02b, "Individets sluttdato er før rapporteringsperioden"),
    Rule("Individ02d", ERROR, individ02d, "Avsluttet individ mangler sluttdato"),
    Rule("Individ03", ERROR, individ03, "Individet kan ikke identifiseres"),
    Rule("Individ06", ERROR, individ06, "Individet har ingen meldinger, planer eller tiltak"),
    Rule("Individ07", ERROR, individ07, "Individet er over 25 år"),
    Rule("Individ08", ERROR, individ08, "Individet er over 18 år uten tiltak"),
    Rule("Individ09", ERROR, individ09, "Bydelsnummer mangler (Oslo)"),
    Rule("Individ10", ERROR, individ10, "Bydelsnavn mangler (Oslo)"),
    Rule("Individ11", WARNING, individ11, "Ufullstendig fødselsnummer"),
    Rule("Individ12", WARNING, individ12, "Fødselsnummer mangler eller er ugyldig"),
    Rule("Individ19", WARNING, individ19, "Feil i DUF-nummer"),
    Rule("Melding02a", ERROR, melding02a, "Meldingens startdato er etter sluttdato", needs="meldinger"),
    Rule("Melding02c", ERROR, melding02c, "Meldingen slutter etter individets sluttdato", needs="meldinger"),
    Rule("Melding02d", ERROR, melding02d, "Avsluttet individ har åpen melding", needs="meldinger"),
    Rule("Melding02e", ERROR, melding02e, "Meldingen starter før individets startdato", needs="meldinger"),
    Rule("Melding03", WARNING, melding03, "Behandlingstid for melding over fristen", needs="meldinger"),
    Rule("Melding04", ERROR, melding04, "Konkludert melding mangler melder", needs="meldinger"),
    Rule("Melding05", ERROR, melding05, "Konkludert melding mangler saksinnhold", needs="meldinger"),
    Rule("Melder02", ERROR, melder02, "Melder kode 22 mangler presisering", needs="meldinger"),
    Rule("Saksinnhold02", ERROR, saksinnhold02, "Saksinnhold 18/19 mangler presisering", needs="meldinger"),
    Rule("Undersokelse02a", ERROR, undersokelse02a, "Undersøkelsens startdato er etter sluttdato", needs="undersokelser"),
    Rule("Undersokelse02b", ERROR, undersokelse02b, "Undersøkelsens sluttdato er ikke i rapporteringsåret", needs="undersokelser"),
    Rule("Undersokelse02c", ERROR, undersokelse02c, "Undersøkelsen slutter etter individets sluttdato", needs="undersokelser"),
    Rule("Undersokelse02d", ERROR, undersokelse02d, "Avsluttet individ har åpen undersøkelse", needs="undersokelser"),
    Rule("Undersokelse02e", ERROR, undersokelse02e, "Undersøkelsen starter før individets startdato", needs="undersokelser"),
    Rule("Undersokelse03", ERROR, undersokelse03, "Konklusjon 5 mangler presisering", needs="undersokelser"),
    Rule("Undersokelse04", ERROR, undersokelse04, "Avsluttet undersøkelse mangler konklusjon", needs="undersokelser"),
    Rule("Undersokelse07", ERROR, undersokelse07, "Undersøkelse med vedtak mangler vedtaksgrunnlag", needs="undersokelser"),
    Rule("Undersokelse08", WARNING, undersokelse08, "Undersøkelsen har pågått mer enn 6 måneder", needs="undersokelser"),
    Rule("Vedtak02", ERROR, vedtak02, "Vedtaksgrunnlag 18/19 mangler presisering", needs="undersokelser"),
    Rule("Plan02a", ERROR, plan02a, "Planens startdato er etter sluttdato", needs="planer"),
    Rule("Plan02c", ERROR, plan02c, "Planen slutter etter individets sluttdato", needs="planer"),
    Rule("Plan02d", ERROR, plan02d, "Avsluttet individ har åpen plan", needs="planer"),
    Rule("Plan02e", ERROR, plan02e, "Planen starter før individets startdato", needs="planer"),
    Rule("Tiltak02a", ERROR, tiltak02a, "Tiltakets startdato er etter sluttdato", needs="tiltak"),
    Rule("Tiltak02b", ERROR, tiltak02b, "Tiltakets sluttdato er ikke i rapporteringsåret", needs="tiltak"),
    Rule("Tiltak02c", ERROR, tiltak02c, "Tiltaket slutter etter individets sluttdato", needs="tiltak"),
    Rule("Tiltak02d", ERROR, tiltak02d, "Avsluttet individ har åpent tiltak", needs="tiltak"),
    Rule("Tiltak02e", ERROR, tiltak02e, "Tiltaket starter før individets startdato", needs="tiltak"),
    Rule("Tiltak04", WARNING, tiltak04, "Avsluttet omsorgstiltak mangler opphevelse", needs="tiltak"),
    Rule("Tiltak05", WARNING, tiltak05, "Barn over 7 år i barnehage", needs="tiltak"),
    Rule("Tiltak06", WARNING, tiltak06, "Barn over 11 år i SFO", needs="tiltak"),
    Rule("Tiltak07", ERROR, tiltak07, "Tiltakskategori mangler presisering", needs="tiltak"),
    Rule("Tiltak08", ERROR, tiltak08, "Opphevelse kode 4 mangler presisering", needs="tiltak"),
    Rule("Tiltak09", WARNING, tiltak09, "Plasseringstiltak overlapper mer enn 3 måneder", needs="tiltak"),
    Rule("Tiltak24", ERROR, tiltak24, "Feil barnevernlov i lovhjemmel", needs="tiltak"),
    Rule("Lovhjemmel03", ERROR, lovhjemmel03, "Omsorgstiltak for individ over 18 år", needs="tiltak"),
    Rule("Lovhjemmel04", ERROR, lovhjemmel04, "Ugyldig kapittel eller paragraf i lovhjemmel", needs="tiltak"),
    Rule("Flytting02c", ERROR, flytting02c, "Flytting etter individets sluttdato", needs="flyttinger"),
    Rule("Flytting02f", ERROR, flytting02f, "Flytting før individets startdato", needs="flyttinger"),
]

# Rules the engine raises itself (they need the whole stream), with their descriptions.
FILE_RULES: list[tuple[str, str, str]] = [
    ("Avgiver00", ERROR, "Filen skal ha nøyaktig én gyldig avgiver"),
    ("Avgiver01", ERROR, "Avgiver følger ikke filbeskrivelsen"),
    ("Individ00", ERROR, "Filen mangler gyldige individer"),
    ("Individ01", ERROR, "Individ følger ikke filbeskrivelsen"),
    ("Individ04", ERROR, "Samme fødselsnummer på flere individer"),
    ("Individ05", ERROR, "Samme journalnummer på flere individer"),
]

SEVERITY: dict[str, str] = {r.id: r.severity for r in AVGIVER_RULES + INDIVID_RULES}
SEVERITY.update({rule_id: severity for rule_id, severity, _ in FILE_RULES})
DESCRIPTION: dict[str, str] = {r.id: r.description for r in AVGIVER_RULES + INDIVID_RULES}
DESCRIPTION.update({rule_id: text for rule_id, _, text in FILE_RULES})
