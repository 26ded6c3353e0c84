"""SSB's control rules for KOSTRA 15F (barnevern), one small function each, registered in `RULES`.

Rule ids and severities are those of SSB's current control program (see the shared `rules.csv`);
where its written specification and the program disagree, these follow the program. A rule gets
one client (`Individ`) and the run's `Context` and returns its findings as `Message`s: a bokmål
template (SSB's wording, marked for translation with `gettext_noop`) and its named parameters.
Nothing is translated while a file is checked: the report translates each template once when it
is shown (`localize`), so nynorsk and English readers get their language and the hot loop stays
as fast as plain string formatting. Messages name the referral/measure Ids, never the national
identity number.

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

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from fagloft.kostra.validation import ssn
from fagloft.kostra.validation.records import Avgiver, Individ, Melding, Plan, Tiltak, Undersokelse
from fagloft.lib.messages import render_nested

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


# A finding's text: the bokmål template (a msgid) and its parameters (strings and numbers only, so
# the report can be stored as JSON and translated when it is read).
Message = tuple[str, dict[str, Any]]


def render(template: str, params: dict[str, Any]) -> str:
    # File-level findings carry nested templates (`reason_template`, see fagloft.lib.safexml).
    if params and any(key.endswith("_template") for key in params):
        return render_nested(template, params)
    return template % params if params else template


def localize(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings with `message` in the active language. Each template is translated once per
    call (one report), not once per finding. Findings from before the templates were stored keep
    their bokmål message; a translation that does not fit its parameters falls back to bokmål."""
    translated: dict[str, str] = {}
    out = []
    for finding in findings:
        template = finding.get("template")
        if template is None:
            out.append(finding)
            continue
        params = finding.get("params") or {}
        if any(key.endswith("_template") for key in params):
            out.append({**finding, "message": render_nested(template, params, gettext)})
            continue
        text = translated.get(template)
        if text is None:
            text = translated[template] = gettext(template)
        try:
            message = render(text, params)
        except (KeyError, TypeError, ValueError):
            message = finding["message"]
        out.append({**finding, "message": message})
    return out


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
    check: Callable[..., list[Message]]
    description: Any  # a lazy translation: str() gives it in the active language
    # The list on Individ the rule looks at; a client without any such records cannot break it,
    # so the engine skips the call (big files have many clients without, e.g., moves).
    needs: str = ""


def _blank(text: str | None) -> bool:
    return text is None or text.strip() == ""


def _empty(text: str | None) -> bool:
    return text is None or text == ""


# --- Avgiver ---------------------------------------------------------------------------------


def avgiver02(a: Avgiver, ctx: Context) -> list[Message]:
    if a.versjon != str(ctx.year):
        return [
            (
                gettext_noop("Filen er for feil år (%(stated)s), forventet %(year)s."),
                {"stated": a.versjon, "year": ctx.year},
            )
        ]
    return []


def avgiver03(a: Avgiver, ctx: Context) -> list[Message]:
    return [(gettext_noop("Filen mangler organisasjonsnummer."), {})] if _blank(a.organisasjonsnummer) else []


def avgiver04(a: Avgiver, ctx: Context) -> list[Message]:
    if a.kommunenummer != ctx.region[:4]:
        return [
            (
                gettext_noop("Filen gjelder feil kommune (%(stated)s), forventet %(expected)s."),
                {"stated": a.kommunenummer, "expected": ctx.region[:4]},
            )
        ]
    return []


def avgiver06(a: Avgiver, ctx: Context) -> list[Message]:
    return [(gettext_noop("Filen mangler kommunenavn."), {})] if _blank(a.kommunenavn) else []


AVGIVER_RULES: list[Rule] = [
    Rule("Avgiver02", ERROR, avgiver02, _("Rapporteringsåret i filen er feil")),
    Rule("Avgiver03", ERROR, avgiver03, _("Organisasjonsnummer mangler")),
    Rule("Avgiver04", ERROR, avgiver04, _("Kommunenummer stemmer ikke med regionen")),
    Rule("Avgiver06", ERROR, avgiver06, _("Kommunenavn mangler")),
]


# --- Individ ---------------------------------------------------------------------------------

_OUT_OF_RANGE = {  # one whole sentence per date, so each language can word it its own way
    "melding_start": gettext_noop("Melding (%(id)s) startdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "melding_end": gettext_noop("Melding (%(id)s) sluttdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "undersokelse_start": gettext_noop(
        "Undersøkelse (%(id)s) startdato: dato (%(date)s) må være mellom %(min)s og %(max)s."
    ),
    "undersokelse_end": gettext_noop(
        "Undersøkelse (%(id)s) sluttdato: dato (%(date)s) må være mellom %(min)s og %(max)s."
    ),
    "plan_start": gettext_noop("Plan (%(id)s) startdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "plan_end": gettext_noop("Plan (%(id)s) sluttdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "plan_evaluated": gettext_noop("Plan (%(id)s) evaluert dato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "tiltak_start": gettext_noop("Tiltak (%(id)s) startdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "tiltak_end": gettext_noop("Tiltak (%(id)s) sluttdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "flytting_end": gettext_noop("Flytting (%(id)s) sluttdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "individ_start": gettext_noop("Individets startdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
    "individ_end": gettext_noop("Individets sluttdato: dato (%(date)s) må være mellom %(min)s og %(max)s."),
}


def _all_dates(i: Individ) -> list[tuple[datetime.date | None, str, str]]:
    dates: list[tuple[datetime.date | None, str, str]] = []
    for m in i.meldinger:
        dates += [(m.start, "melding_start", m.id), (m.slutt, "melding_end", m.id)]
    for u in i.undersokelser:
        dates += [(u.start, "undersokelse_start", u.id), (u.slutt, "undersokelse_end", u.id)]
    for p in i.planer:
        dates += [(p.start, "plan_start", p.id), (p.slutt, "plan_end", p.id), (p.evaluert, "plan_evaluated", p.id)]
    for t in i.tiltak:
        dates += [(t.start, "tiltak_start", t.id), (t.slutt, "tiltak_end", t.id)]
    dates += [(f.slutt, "flytting_end", f.id) for f in i.flyttinger]
    return dates + [(i.start, "individ_start", ""), (i.slutt, "individ_end", "")]


def _dates_in_range(i: Individ) -> bool:
    # The common case, checked without building labels: every date within the fixed bounds.
    # Written out as plain comparisons: it runs for every client of big files.
    lo, hi = MIN_DATE, MAX_DATE
    if not lo <= i.start <= hi or (i.slutt is not None and not lo <= i.slutt <= hi):
        return False
    records: tuple[Melding | Undersokelse | Plan | Tiltak, ...] = (*i.meldinger, *i.undersokelser, *i.planer, *i.tiltak)
    for record in records:
        if not lo <= record.start <= hi or (record.slutt is not None and not lo <= record.slutt <= hi):
            return False
    return all(p.evaluert is None or lo <= p.evaluert <= hi for p in i.planer) and all(
        lo <= f.slutt <= hi for f in i.flyttinger
    )


def individ01a(i: Individ, ctx: Context) -> list[Message]:
    if _dates_in_range(i):
        return []
    return [
        (_OUT_OF_RANGE[which], {"id": record_id, "date": str(date), "min": str(MIN_DATE), "max": str(MAX_DATE)})
        for date, which, record_id in _all_dates(i)
        if date is not None and not (MIN_DATE <= date <= MAX_DATE)
    ]


def individ02a(i: Individ, ctx: Context) -> list[Message]:
    if i.slutt is not None and i.start > i.slutt:
        return [
            (
                gettext_noop("Individets startdato (%(start)s) er etter sluttdato (%(end)s)."),
                {"start": str(i.start), "end": str(i.slutt)},
            )
        ]
    return []


def individ02b(i: Individ, ctx: Context) -> list[Message]:
    if i.slutt is not None and i.slutt < ctx.previous_count_date:
        return [
            (
                gettext_noop("Individets sluttdato (%(end)s) er før forrige telletidspunkt (%(count_date)s)."),
                {"end": str(i.slutt), "count_date": str(ctx.previous_count_date)},
            )
        ]
    return []


def individ02d(i: Individ, ctx: Context) -> list[Message]:
    if i.avslutta3112 == CLOSED and i.slutt is None:
        return [(gettext_noop("Individet er avsluttet hos barnevernet (Avslutta3112 = 1), men mangler sluttdato."), {})]
    return []


def individ03(i: Individ, ctx: Context) -> list[Message]:
    if i.fodselsnummer is not None:
        return (
            []
            if i.fnr_checksum_valid or ssn.is_acceptable(i.fodselsnummer, ctx.year)
            else [(gettext_noop("Feil i fødselsnummer. Kan ikke identifisere individet."), {})]
        )
    if i.duf is not None:
        return (
            []
            if ssn.is_valid_duf(i.duf)
            else [(gettext_noop("Feil i DUF-nummer. Kan ikke identifisere individet."), {})]
        )
    return [(gettext_noop("Fødselsnummer og DUF-nummer mangler. Kan ikke identifisere individet."), {})]


def individ06(i: Individ, ctx: Context) -> list[Message]:
    if not i.meldinger and not i.planer and not i.tiltak:
        return [(gettext_noop("Individet har ingen meldinger, planer eller tiltak i løpet av året."), {})]
    return []


def individ07(i: Individ, ctx: Context) -> list[Message]:
    if i.age is not None and i.age > 25:
        return [
            (gettext_noop("Individet er %(age)s år, altså over 25 år, og skal avsluttes som klient."), {"age": i.age})
        ]
    return []


def individ08(i: Individ, ctx: Context) -> list[Message]:
    if i.age is not None and i.age > 18 and not i.tiltak:
        return [(gettext_noop("Individet er %(age)s år, altså over 18 år, og skal dermed ha tiltak."), {"age": i.age})]
    return []


def _oslo(ctx: Context) -> bool:
    return ctx.region.startswith("0301")


def individ09(i: Individ, ctx: Context) -> list[Message]:
    if _oslo(ctx) and _blank(i.bydelsnummer):
        return [(gettext_noop("Individet mangler bydelsnummer (påkrevd for Oslo)."), {})]
    return []


def individ10(i: Individ, ctx: Context) -> list[Message]:
    if _oslo(ctx) and _blank(i.bydelsnavn):
        return [(gettext_noop("Individet mangler bydelsnavn (påkrevd for Oslo)."), {})]
    return []


def individ11(i: Individ, ctx: Context) -> list[Message]:
    f = i.fodselsnummer
    if f is None or not i.fnr_checksum_valid or f.endswith("55555"):
        return [(gettext_noop("Individet har ufullstendig fødselsnummer. Korriger fødselsnummer."), {})]
    return []


def individ12(i: Individ, ctx: Context) -> list[Message]:
    if i.fodselsnummer is None or not (i.fnr_checksum_valid or ssn.is_acceptable(i.fodselsnummer, ctx.year)):
        return [(gettext_noop("Fødselsnummer mangler eller er ugyldig."), {})]
    return []


def individ19(i: Individ, ctx: Context) -> list[Message]:
    if i.duf is not None and not ssn.is_valid_duf(i.duf):
        return [(gettext_noop("DUF-nummeret har feil kontrollsiffer."), {})]
    return []


# --- Date checks shared by Melding, Undersøkelse, Plan and Tiltak (rules NN02a–NN02e) -------
# SSB's program applies the same five date checks to each kind of record; only the label, the
# records and (for Melding02c) one extra condition differ, so each rule is built from one shape.
# Each kind gets its own whole sentence (not a label pasted in), so translations can inflect it.

Records = Callable[[Individ], Sequence[Any]]
RecordRule = Callable[[Individ, Context], list[Message]]


def _closed_but_open(i: Individ, end: datetime.date | None, ctx: Context) -> bool:
    return i.avslutta3112 == CLOSED and (end is None or i.slutt is None or end > ctx.count_date)


def _starts_after_end(template: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[Message]:
        return [
            (template, {"id": r.id, "start": str(r.start), "end": str(r.slutt)})
            for r in records(i)
            if r.slutt is not None and r.start > r.slutt
        ]

    return rule


def _ends_outside_year(template: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[Message]:
        return [
            (template, {"id": r.id, "end": str(r.slutt), "year": ctx.year})
            for r in records(i)
            if r.slutt is not None and r.slutt.year != ctx.year
        ]

    return rule


def _ends_after_individual(template: str, records: Records, also: Callable[[Any], bool] = lambda r: True) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[Message]:
        if i.slutt is None:
            return []
        return [
            (template, {"id": r.id, "end": str(r.slutt), "individual_end": str(i.slutt)})
            for r in records(i)
            if r.slutt is not None and r.slutt > i.slutt and also(r)
        ]

    return rule


def _open_in_closed_individual(template: str, template_no_end: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[Message]:
        if i.avslutta3112 != CLOSED:
            return []
        return [
            (template, {"id": r.id, "end": str(r.slutt)}) if r.slutt else (template_no_end, {"id": r.id})
            for r in records(i)
            if _closed_but_open(i, r.slutt, ctx)
        ]

    return rule


def _starts_before_individual(template: str, records: Records) -> RecordRule:
    def rule(i: Individ, ctx: Context) -> list[Message]:
        return [
            (template, {"id": r.id, "start": str(r.start), "individual_start": str(i.start)})
            for r in records(i)
            if r.start < i.start
        ]

    return rule


_meldinger, _undersokelser = attrgetter("meldinger"), attrgetter("undersokelser")
_planer, _tiltak = attrgetter("planer"), attrgetter("tiltak")


melding02a = _starts_after_end(
    gettext_noop("Melding (%(id)s). Startdato (%(start)s) er etter sluttdato (%(end)s)."), _meldinger
)
# SSB's program exempts notifications with conclusion code 1 from this check.
melding02c = _ends_after_individual(
    gettext_noop("Melding (%(id)s). Sluttdato (%(end)s) er etter individets sluttdato (%(individual_end)s)."),
    _meldinger,
    also=lambda m: m.konklusjon != "1",
)
melding02d = _open_in_closed_individual(
    gettext_noop(
        "Melding (%(id)s). Individet er avsluttet hos barnevernet, og dets meldinger skal dermed være "
        "avsluttet. Sluttdato er %(end)s."
    ),
    gettext_noop(
        "Melding (%(id)s). Individet er avsluttet hos barnevernet, og dets meldinger skal dermed være "
        "avsluttet. Sluttdato er uoppgitt."
    ),
    _meldinger,
)
melding02e = _starts_before_individual(
    gettext_noop("Melding (%(id)s). Startdato (%(start)s) er før individets startdato (%(individual_start)s)."),
    _meldinger,
)

undersokelse02a = _starts_after_end(
    gettext_noop("Undersøkelse (%(id)s). Startdato (%(start)s) er etter sluttdato (%(end)s)."), _undersokelser
)
undersokelse02b = _ends_outside_year(
    gettext_noop("Undersøkelse (%(id)s). Sluttdato (%(end)s) er ikke i rapporteringsåret (%(year)s)."), _undersokelser
)
undersokelse02c = _ends_after_individual(
    gettext_noop("Undersøkelse (%(id)s). Sluttdato (%(end)s) er etter individets sluttdato (%(individual_end)s)."),
    _undersokelser,
)
undersokelse02d = _open_in_closed_individual(
    gettext_noop(
        "Undersøkelse (%(id)s). Individet er avsluttet hos barnevernet, og dets undersøkelser skal "
        "dermed være avsluttet. Sluttdato er %(end)s."
    ),
    gettext_noop(
        "Undersøkelse (%(id)s). Individet er avsluttet hos barnevernet, og dets undersøkelser skal "
        "dermed være avsluttet. Sluttdato er uoppgitt."
    ),
    _undersokelser,
)
undersokelse02e = _starts_before_individual(
    gettext_noop("Undersøkelse (%(id)s). Startdato (%(start)s) er før individets startdato (%(individual_start)s)."),
    _undersokelser,
)

plan02a = _starts_after_end(gettext_noop("Plan (%(id)s). Startdato (%(start)s) er etter sluttdato (%(end)s)."), _planer)
plan02c = _ends_after_individual(
    gettext_noop("Plan (%(id)s). Sluttdato (%(end)s) er etter individets sluttdato (%(individual_end)s)."), _planer
)
plan02d = _open_in_closed_individual(
    gettext_noop(
        "Plan (%(id)s). Individet er avsluttet hos barnevernet, og dets planer skal dermed være "
        "avsluttet. Sluttdato er %(end)s."
    ),
    gettext_noop(
        "Plan (%(id)s). Individet er avsluttet hos barnevernet, og dets planer skal dermed være "
        "avsluttet. Sluttdato er uoppgitt."
    ),
    _planer,
)
plan02e = _starts_before_individual(
    gettext_noop("Plan (%(id)s). Startdato (%(start)s) er før individets startdato (%(individual_start)s)."), _planer
)

tiltak02a = _starts_after_end(
    gettext_noop("Tiltak (%(id)s). Startdato (%(start)s) er etter sluttdato (%(end)s)."), _tiltak
)
tiltak02b = _ends_outside_year(
    gettext_noop("Tiltak (%(id)s). Sluttdato (%(end)s) er ikke i rapporteringsåret (%(year)s)."), _tiltak
)
tiltak02c = _ends_after_individual(
    gettext_noop("Tiltak (%(id)s). Sluttdato (%(end)s) er etter individets sluttdato (%(individual_end)s)."), _tiltak
)
tiltak02d = _open_in_closed_individual(
    gettext_noop(
        "Tiltak (%(id)s). Individet er avsluttet hos barnevernet, og dets tiltak skal dermed være "
        "avsluttet. Sluttdato er %(end)s."
    ),
    gettext_noop(
        "Tiltak (%(id)s). Individet er avsluttet hos barnevernet, og dets tiltak skal dermed være "
        "avsluttet. Sluttdato er uoppgitt."
    ),
    _tiltak,
)
tiltak02e = _starts_before_individual(
    gettext_noop("Tiltak (%(id)s). Startdato (%(start)s) er før individets startdato (%(individual_start)s)."), _tiltak
)


# --- Melding, Melder, Saksinnhold ------------------------------------------------------------


def melding03(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop(
                "Melding (%(id)s). Fristoverskridelse på behandlingstid for melding: mer enn 7 dager "
                "(pluss én dags margin) fra %(start)s til %(end)s."
            ),
            {"id": m.id, "start": str(m.start), "end": str(m.slutt)},
        )
        for m in i.meldinger
        if m.slutt is not None and m.slutt - m.start > EIGHT_DAYS
    ]


# Melding04/05 apply to referrals concluded (1 or 2) with an end date in the reporting year or
# later: the program's condition, the reverse of the spec's wording.
def melding04(i: Individ, ctx: Context) -> list[Message]:
    return [
        (gettext_noop("Melding (%(id)s). Konkludert melding mangler melder(e)."), {"id": m.id})
        for m in i.meldinger
        if not m.melder and m.konklusjon in ("1", "2") and m.slutt is not None and m.slutt.year >= ctx.year
    ]


def melding05(i: Individ, ctx: Context) -> list[Message]:
    return [
        (gettext_noop("Melding (%(id)s). Konkludert melding mangler saksinnhold."), {"id": m.id})
        for m in i.meldinger
        if not m.saksinnhold and m.konklusjon in ("1", "2") and m.slutt is not None and m.slutt.year >= ctx.year
    ]


def melder02(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop("Melding (%(id)s). Melder med kode 22 (andre offentlige instanser) mangler presisering."),
            {"id": m.id},
        )
        for m in i.meldinger
        for kode, presisering in m.melder
        if kode == "22" and _empty(presisering)
    ]


def saksinnhold02(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop("Melding (%(id)s). Saksinnhold med kode %(code)s (andre forhold) mangler presisering."),
            {"id": m.id, "code": kode},
        )
        for m in i.meldinger
        for kode, presisering in m.saksinnhold
        if kode in ("18", "19") and _empty(presisering)
    ]


# --- Undersøkelse, Vedtaksgrunnlag -----------------------------------------------------------


def undersokelse03(i: Individ, ctx: Context) -> list[Message]:
    return [
        (gettext_noop("Undersøkelse (%(id)s). Konklusjon 5 (barnet har flyttet) mangler presisering."), {"id": u.id})
        for u in i.undersokelser
        if u.konklusjon == "5" and _empty(u.presisering)
    ]


def undersokelse04(i: Individ, ctx: Context) -> list[Message]:
    return [
        (gettext_noop("Undersøkelse (%(id)s). Avsluttet undersøkelse mangler konklusjon."), {"id": u.id})
        for u in i.undersokelser
        if u.slutt is not None and u.konklusjon is None
    ]


def undersokelse07(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop(
                "Undersøkelse (%(id)s). Undersøkelse konkludert med vedtak om tiltak eller begjæring "
                "til fylkesnemnda mangler vedtaksgrunnlag."
            ),
            {"id": u.id},
        )
        for u in i.undersokelser
        if u.konklusjon in ("1", "2") and not u.vedtaksgrunnlag
    ]


def undersokelse08(i: Individ, ctx: Context) -> list[Message]:
    limit = ctx.mid_year
    return [
        (
            gettext_noop(
                "Undersøkelse (%(id)s). Undersøkelsen startet %(start)s og skal konkluderes, da den har "
                "pågått i mer enn 6 måneder."
            ),
            {"id": u.id, "start": str(u.start)},
        )
        for u in i.undersokelser
        if u.start < limit and u.slutt is None
    ]


def vedtak02(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop(
                "Undersøkelse (%(id)s). Vedtaksgrunnlag med kode %(code)s (andre forhold) mangler presisering."
            ),
            {"id": u.id, "code": kode},
        )
        for u in i.undersokelser
        for kode, presisering in u.vedtaksgrunnlag
        if kode in ("18", "19") and _empty(presisering)
    ]


# --- Plan ------------------------------------------------------------------------------------


# --- Tiltak, Lovhjemmel ----------------------------------------------------------------------


def is_placement(t: Tiltak) -> bool:
    """Plasseringstiltak: institution (1.x), foster care (2.x) or housing with follow-up (8.2)."""
    return t.is_placement


def is_care_order(t: Tiltak) -> bool:
    """Omsorgstiltak as the program defines it (see `records._is_care_order`)."""
    return t.is_care_order


def tiltak04(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop("Tiltak (%(id)s). Omsorgstiltak med sluttdato (%(end)s) mangler årsak til opphevelse."),
            {"id": t.id, "end": str(t.slutt)},
        )
        for t in i.tiltak
        if t.slutt is not None and t.opphevelse is None and t.is_care_order
    ]


def tiltak05(i: Individ, ctx: Context) -> list[Message]:
    if i.age is None or i.age <= 6:
        return []
    return [
        (
            gettext_noop("Tiltak (%(id)s). Barnet er over 7 år og i barnehage. Barnets alder er %(age)s år."),
            {"id": t.id, "age": i.age},
        )
        for t in i.tiltak
        if t.kategori and t.kategori.kode == "4.1"
    ]


def tiltak06(i: Individ, ctx: Context) -> list[Message]:
    if i.age is None or i.age <= 10:
        return []
    return [
        (
            gettext_noop(
                "Tiltak (%(id)s). Barnet er over 11 år og i SFO/aktivitetsskole. Barnets alder er %(age)s år."
            ),
            {"id": t.id, "age": i.age},
        )
        for t in i.tiltak
        if t.kategori and t.kategori.kode == "4.2"
    ]


def tiltak07(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop("Tiltak (%(id)s). Tiltakskategori %(category)s mangler presisering."),
            {"id": t.id, "category": t.kategori.kode},
        )
        for t in i.tiltak
        if t.kategori and t.kategori.kode in PRESISERING_CATEGORIES and _empty(t.kategori.presisering)
    ]


def tiltak08(i: Individ, ctx: Context) -> list[Message]:
    return [
        (gettext_noop("Tiltak (%(id)s). Opphevelse med kode 4 (annet) mangler presisering."), {"id": t.id})
        for t in i.tiltak
        if t.opphevelse and t.opphevelse.kode == "4" and _empty(t.opphevelse.presisering)
    ]


def _overlaps_90_days(a: Tiltak, b: Tiltak, fallback: datetime.date) -> bool:
    a_end, b_end = a.slutt or fallback, b.slutt or fallback
    if not (a.start < b_end and b.start < a_end):
        return False
    return max(a.start, b.start) + datetime.timedelta(days=90) < min(a_end, b_end)


def tiltak09(i: Individ, ctx: Context) -> list[Message]:
    placements = [t for t in i.tiltak if t.is_placement]
    if len(placements) < 2:
        return []
    placements.sort(key=lambda t: t.start)
    flagged: dict[str, None] = {}  # at most one finding per measure, in order
    for index, outer in enumerate(placements[:-1]):
        for inner in placements[index + 1 :]:
            if _overlaps_90_days(outer, inner, ctx.count_date):
                flagged[inner.id] = None
    return [
        (
            gettext_noop("Tiltak (%(id)s). Plasseringstiltak kan ikke overlappe med mer enn 3 måneder."),
            {"id": tiltak_id},
        )
        for tiltak_id in flagged
    ]


def tiltak24(i: Individ, ctx: Context) -> list[Message]:
    out: list[Message] = []
    for t in i.tiltak:
        lov = t.lovhjemmel.lov if t.lovhjemmel else None
        if t.start <= LAST_DAY_OF_OLD_ACT:
            if lov != BVL or any(j.lov != BVL for j in t.jmfr):
                out.append(
                    (
                        gettext_noop("Tiltak (%(id)s). Tiltak opprettet før 01.01.2023 krever lov = '%(law)s'."),
                        {"id": t.id, "law": BVL},
                    )
                )
        elif lov not in (BVL, BVL2021) or all(j.lov not in (BVL, BVL2021) for j in t.jmfr):
            out.append(
                (
                    gettext_noop(
                        "Tiltak (%(id)s). Tiltak opprettet 01.01.2023 eller senere krever lov = "
                        "'%(law)s' eller '%(new_law)s'."
                    ),
                    {"id": t.id, "law": BVL, "new_law": BVL2021},
                )
            )
    return out


def lovhjemmel03(i: Individ, ctx: Context) -> list[Message]:
    if i.age is None or i.age <= 18:
        return []
    return [
        (
            gettext_noop(
                "Tiltak (%(id)s). Individet er %(age)s år og har omsorgstiltak. Omsorgstiltak gjelder bare til 18 år."
            ),
            {"id": t.id, "age": i.age},
        )
        for t in i.tiltak
        if t.is_care_order
    ]


def lovhjemmel04(i: Individ, ctx: Context) -> list[Message]:
    return [
        (gettext_noop("Tiltak (%(id)s). Lovhjemmel har ugyldig kapittel eller paragraf (0)."), {"id": t.id})
        for t in i.tiltak
        if t.lovhjemmel and (t.lovhjemmel.kapittel == "0" or t.lovhjemmel.paragraf == "0")
    ]


# --- Flytting --------------------------------------------------------------------------------


def flytting02c(i: Individ, ctx: Context) -> list[Message]:
    if i.slutt is None:
        return []
    return [
        (
            gettext_noop(
                "Flytting (%(id)s). Flyttedato (%(date)s) er etter individets sluttdato (%(individual_end)s)."
            ),
            {"id": f.id, "date": str(f.slutt), "individual_end": str(i.slutt)},
        )
        for f in i.flyttinger
        if f.slutt > i.slutt
    ]


def flytting02f(i: Individ, ctx: Context) -> list[Message]:
    return [
        (
            gettext_noop(
                "Flytting (%(id)s). Flyttedato (%(date)s) er før individets startdato (%(individual_start)s)."
            ),
            {"id": f.id, "date": str(f.slutt), "individual_start": str(i.start)},
        )
        for f in i.flyttinger
        if f.slutt < i.start
    ]


INDIVID_RULES: list[Rule] = [
    Rule("Individ01a", ERROR, individ01a, _("Dato utenfor gyldig periode")),
    Rule("Individ02a", ERROR, individ02a, _("Individets startdato er etter sluttdato")),
    Rule("Individ02b", ERROR, individ02b, _("Individets sluttdato er før rapporteringsperioden")),
    Rule("Individ02d", ERROR, individ02d, _("Avsluttet individ mangler sluttdato")),
    Rule("Individ03", ERROR, individ03, _("Individet kan ikke identifiseres")),
    Rule("Individ06", ERROR, individ06, _("Individet har ingen meldinger, planer eller tiltak")),
    Rule("Individ07", ERROR, individ07, _("Individet er over 25 år")),
    Rule("Individ08", ERROR, individ08, _("Individet er over 18 år uten tiltak")),
    Rule("Individ09", ERROR, individ09, _("Bydelsnummer mangler (Oslo)")),
    Rule("Individ10", ERROR, individ10, _("Bydelsnavn mangler (Oslo)")),
    Rule("Individ11", WARNING, individ11, _("Ufullstendig fødselsnummer")),
    Rule("Individ12", WARNING, individ12, _("Fødselsnummer mangler eller er ugyldig")),
    Rule("Individ19", WARNING, individ19, _("Feil i DUF-nummer")),
    Rule("Melding02a", ERROR, melding02a, _("Meldingens startdato er etter sluttdato"), needs="meldinger"),
    Rule("Melding02c", ERROR, melding02c, _("Meldingen slutter etter individets sluttdato"), needs="meldinger"),
    Rule("Melding02d", ERROR, melding02d, _("Avsluttet individ har åpen melding"), needs="meldinger"),
    Rule("Melding02e", ERROR, melding02e, _("Meldingen starter før individets startdato"), needs="meldinger"),
    Rule("Melding03", WARNING, melding03, _("Behandlingstid for melding over fristen"), needs="meldinger"),
    Rule("Melding04", ERROR, melding04, _("Konkludert melding mangler melder"), needs="meldinger"),
    Rule("Melding05", ERROR, melding05, _("Konkludert melding mangler saksinnhold"), needs="meldinger"),
    Rule("Melder02", ERROR, melder02, _("Melder kode 22 mangler presisering"), needs="meldinger"),
    Rule("Saksinnhold02", ERROR, saksinnhold02, _("Saksinnhold 18/19 mangler presisering"), needs="meldinger"),
    Rule(
        "Undersokelse02a",
        ERROR,
        undersokelse02a,
        _("Undersøkelsens startdato er etter sluttdato"),
        needs="undersokelser",
    ),
    Rule(
        "Undersokelse02b",
        ERROR,
        undersokelse02b,
        _("Undersøkelsens sluttdato er ikke i rapporteringsåret"),
        needs="undersokelser",
    ),
    Rule(
        "Undersokelse02c",
        ERROR,
        undersokelse02c,
        _("Undersøkelsen slutter etter individets sluttdato"),
        needs="undersokelser",
    ),
    Rule(
        "Undersokelse02d", ERROR, undersokelse02d, _("Avsluttet individ har åpen undersøkelse"), needs="undersokelser"
    ),
    Rule(
        "Undersokelse02e",
        ERROR,
        undersokelse02e,
        _("Undersøkelsen starter før individets startdato"),
        needs="undersokelser",
    ),
    Rule("Undersokelse03", ERROR, undersokelse03, _("Konklusjon 5 mangler presisering"), needs="undersokelser"),
    Rule(
        "Undersokelse04", ERROR, undersokelse04, _("Avsluttet undersøkelse mangler konklusjon"), needs="undersokelser"
    ),
    Rule(
        "Undersokelse07",
        ERROR,
        undersokelse07,
        _("Undersøkelse med vedtak mangler vedtaksgrunnlag"),
        needs="undersokelser",
    ),
    Rule(
        "Undersokelse08",
        WARNING,
        undersokelse08,
        _("Undersøkelsen har pågått mer enn 6 måneder"),
        needs="undersokelser",
    ),
    Rule("Vedtak02", ERROR, vedtak02, _("Vedtaksgrunnlag 18/19 mangler presisering"), needs="undersokelser"),
    Rule("Plan02a", ERROR, plan02a, _("Planens startdato er etter sluttdato"), needs="planer"),
    Rule("Plan02c", ERROR, plan02c, _("Planen slutter etter individets sluttdato"), needs="planer"),
    Rule("Plan02d", ERROR, plan02d, _("Avsluttet individ har åpen plan"), needs="planer"),
    Rule("Plan02e", ERROR, plan02e, _("Planen starter før individets startdato"), needs="planer"),
    Rule("Tiltak02a", ERROR, tiltak02a, _("Tiltakets startdato er etter sluttdato"), needs="tiltak"),
    Rule("Tiltak02b", ERROR, tiltak02b, _("Tiltakets sluttdato er ikke i rapporteringsåret"), needs="tiltak"),
    Rule("Tiltak02c", ERROR, tiltak02c, _("Tiltaket slutter etter individets sluttdato"), needs="tiltak"),
    Rule("Tiltak02d", ERROR, tiltak02d, _("Avsluttet individ har åpent tiltak"), needs="tiltak"),
    Rule("Tiltak02e", ERROR, tiltak02e, _("Tiltaket starter før individets startdato"), needs="tiltak"),
    Rule("Tiltak04", WARNING, tiltak04, _("Avsluttet omsorgstiltak mangler opphevelse"), needs="tiltak"),
    Rule("Tiltak05", WARNING, tiltak05, _("Barn over 7 år i barnehage"), needs="tiltak"),
    Rule("Tiltak06", WARNING, tiltak06, _("Barn over 11 år i SFO"), needs="tiltak"),
    Rule("Tiltak07", ERROR, tiltak07, _("Tiltakskategori mangler presisering"), needs="tiltak"),
    Rule("Tiltak08", ERROR, tiltak08, _("Opphevelse kode 4 mangler presisering"), needs="tiltak"),
    Rule("Tiltak09", WARNING, tiltak09, _("Plasseringstiltak overlapper mer enn 3 måneder"), needs="tiltak"),
    Rule("Tiltak24", ERROR, tiltak24, _("Feil barnevernlov i lovhjemmel"), needs="tiltak"),
    Rule("Lovhjemmel03", ERROR, lovhjemmel03, _("Omsorgstiltak for individ over 18 år"), needs="tiltak"),
    Rule("Lovhjemmel04", ERROR, lovhjemmel04, _("Ugyldig kapittel eller paragraf i lovhjemmel"), needs="tiltak"),
    Rule("Flytting02c", ERROR, flytting02c, _("Flytting etter individets sluttdato"), needs="flyttinger"),
    Rule("Flytting02f", ERROR, flytting02f, _("Flytting før individets startdato"), needs="flyttinger"),
]

# Rules the engine raises itself (they need the whole stream), with their descriptions.
FILE_RULES: list[tuple[str, str, Any]] = [
    ("Avgiver00", ERROR, _("Filen skal ha nøyaktig én gyldig avgiver")),
    ("Avgiver01", ERROR, _("Avgiver følger ikke filbeskrivelsen")),
    ("Individ00", ERROR, _("Filen mangler gyldige individer")),
    ("Individ01", ERROR, _("Individ følger ikke filbeskrivelsen")),
    ("Individ04", ERROR, _("Samme fødselsnummer på flere individer")),
    ("Individ05", ERROR, _("Samme journalnummer på flere individer")),
]

SEVERITY: dict[str, str] = {r.id: r.severity for r in AVGIVER_RULES + INDIVID_RULES}
SEVERITY.update({rule_id: severity for rule_id, severity, _ in FILE_RULES})
DESCRIPTION: dict[str, Any] = {r.id: r.description for r in AVGIVER_RULES + INDIVID_RULES}
DESCRIPTION.update({rule_id: text for rule_id, _, text in FILE_RULES})
