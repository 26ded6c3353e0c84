"""Prefill Bufdir's seven sections from what the other apps know, through their `queries`.

`build(report, day)` returns every figure of the report as plain JSON: labels in every language
(`labels.tr`), numbers as strings of decimals, each figure with its source and the date it was read.
The same structure is shown beside the editor, frozen into `Report.figures`, printed into the Word
and PDF documents and compared year on year, so what the council reads is what the page showed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagloft.assessments import queries as assessment_queries
from fagloft.competence import queries as competence_queries
from fagloft.grants import queries as grant_queries
from fagloft.lib import formatting
from fagloft.networks import queries as network_queries
from fagloft.organizations import queries as org_queries
from fagloft.organizations.models import Municipality, Service
from fagloft.reports import extras
from fagloft.reports.labels import Label, names, text, tr
from fagloft.reports.models import Report, SectionKey
from fagloft.statistics import queries as stats_queries

FIGURES_VERSION = 1
YEARS = 5
# Below these, a change from one year to the next may be chance: a handful of children.
SMALL_COUNT = 20
SMALL_CHILDREN = 1000

# Section 4: Bufdir's themes and the statistics catalogue's indicators for each.
THEMES: list[tuple[str, Any, list[str], str]] = [
    (
        "case_flow",
        gettext_lazy("Meldinger og undersøkelser innen fristene"),
        [
            "kostra-meldinger-innen-frist",
            "kostra-undersokelser-innen-frist",
            "kostra-undersokelser-innen-6-mnd",
            "kostra-barn-med-melding",
            "kostra-barn-med-undersokelse-andel",
        ],
        "case_flow",
    ),
    (
        "plans",
        gettext_lazy("Tiltaksplaner og evaluering av dem"),
        ["kostra-tiltaksplan-andel", "kostra-tiltaksplan-evaluert"],
        "case_flow",
    ),
    (
        "placements",
        gettext_lazy("Tiltak og plasseringer"),
        [
            "kostra-barn-med-tiltak-per-1000",
            "kostra-hjelpetiltak-i-hjemmet",
            "kostra-plassert-utenfor-hjemmet",
            "kostra-plasseringer-fosterhjem-familie",
            "kostra-akuttvedtak-per-1000",
        ],
        "foster_care",
    ),
    (
        "competence",
        gettext_lazy("Kompetanse"),
        ["ssb-fagstillinger-per-1000", "kostra-barn-per-arsverk"],
        "competence",
    ),
    ("participation", gettext_lazy("Barns medvirkning"), [], "participation"),
    ("complaints", gettext_lazy("Klager og tilsynsfunn"), ["egen-klager", "egen-avvik"], "supervision"),
]
THEME_KEYS = [key for key, *_rest in THEMES]


def analysis_key(theme: str) -> str:
    return f"{SectionKey.THEMES}.{theme}"


def num(value: Any) -> str | None:
    return None if value is None else str(value)


def fact(fid: str, label: Any, value: Any, kind: str = "number", decimals: int = 0, **extra: Any) -> dict[str, Any]:
    """One figure: `kind` says how to print it (number, percent, money, text, date)."""
    stored = value if isinstance(value, dict) else (num(value) if kind in ("number", "percent", "money") else value)
    return {"id": fid, "label": tr(label), "value": stored, "kind": kind, "decimals": decimals, **extra}


# The unit ------------------------------------------------------------------------------------------


def served_municipalities(report: Report) -> list[Municipality]:
    return list(report.municipalities.order_by("number"))


def _report_day(report: Report, day: datetime.date) -> datetime.date:
    """Figures about the year are read at its end, or today while the year is still running."""
    return min(day, datetime.date(report.year, 12, 31))


# 3 The service and its organisation ------------------------------------------------------------------


def _capacity(report: Report, day: datetime.date, context: dict[str, Any]) -> Any:
    """The service's staff figures (`competence.queries.figures_for`), read once per build: the
    service section and the themes' competence facts both show them."""
    if "figures" not in context:
        service = report.service
        context["figures"] = competence_queries.figures_for([service.pk], today=_report_day(report, day)).get(
            service.pk
        )
    return context["figures"]


def _children_served(report: Report, context: dict[str, Any]) -> int | None:
    # Competence's reading, so the report and the competence pages agree (each municipality once
    # per service, the renumbering fallback) in a fixed number of queries.
    if "children_served" not in context:
        context["children_served"] = competence_queries.children_served(report.service, report.year)
    return context["children_served"]


def service_section(report: Report, day: datetime.date, context: dict[str, Any]) -> dict[str, Any]:
    service = report.service
    at = _report_day(report, day)
    # Once each: overlapping rows or several districts of one municipality name it once.
    covered = list(dict.fromkeys(c.municipality for c in org_queries.coverages_of(service) if c.is_valid_on(at)))
    figures = _capacity(report, day, context)
    children = _children_served(report, context)
    facts = [
        fact("service.name", gettext_lazy("Barneverntjeneste"), service.name, "text"),
        fact("service.host", gettext_lazy("Vertskommune"), service.host_municipality.name, "text"),
        fact(
            "service.municipalities",
            gettext_lazy("Kommuner tjenesten dekker"),
            ", ".join(m.name for m in covered),
            "text",
        ),
        fact("service.children", gettext_lazy("Barn 0–17 år i kommunene tjenesten dekker"), children),
    ]
    tables: list[dict[str, Any]] = []
    if figures is not None:
        facts += [
            fact("service.headcount", gettext_lazy("Ansatte"), figures.headcount),
            fact("service.fte", gettext_lazy("Årsverk"), figures.fte, decimals=1),
        ]
        if figures.vacancies is not None:
            facts += [
                fact("service.vacancies", gettext_lazy("Ledige stillinger"), figures.vacancies.open_count),
                fact("service.vacant_fte", gettext_lazy("Ledige årsverk"), figures.vacancies.open_fte, decimals=1),
            ]
        tables.append(
            {
                "id": "service.turnover",
                "caption": tr(gettext_lazy("Turnover per år")),
                "columns": [tr(gettext_lazy("År")), tr(gettext_lazy("Turnover"))],
                "kinds": ["text", "percent"],
                "rows": [[str(y), num(v)] for y, v in sorted(figures.turnover.items())],
            }
        )
        context["fte"] = figures.fte
    agreements = list(org_queries.agreements_of(covered or [service.host_municipality], report.year))
    out_of_hours = [a for a in agreements if a.kind == "out_of_hours"]
    facts.append(
        fact(
            "service.out_of_hours",
            gettext_lazy("Barnevernvakt utenfor kontortid"),
            ", ".join(a.title for a in out_of_hours) or tr(gettext_lazy("Ingen avtale registrert")),
            "text",
        )
    )
    tables.append(
        {
            "id": "service.agreements",
            "caption": tr(gettext_lazy("Samarbeidsavtaler")),
            "columns": [
                tr(gettext_lazy("Avtale")),
                tr(gettext_lazy("Type")),
                tr(gettext_lazy("Vertskommune")),
                tr(gettext_lazy("Parter")),
            ],
            "kinds": ["text"] * 4,
            "rows": [
                [
                    a.title,
                    tr(a.get_kind_display),
                    a.host.name if a.host else "",
                    ", ".join(p.name for p in a.parties.all()),
                ]
                for a in agreements
            ],
        }
    )
    context["covered"] = covered
    return {"facts": facts, "tables": tables}


# 4 Themes with indicators ----------------------------------------------------------------------------


def _five(points: list[Any], year: int) -> list[list[Any]]:
    return [[p.year, num(p.value)] for p in points if p.half == 0 and year - YEARS < p.year <= year]


def _small(indicator: Any, own: list[list[Any]], children: int | None) -> bool:
    if indicator.unit == "antall":
        return any(v is not None and Decimal(v) < SMALL_COUNT for _y, v in own)
    return children is not None and children < SMALL_CHILDREN


def _indicator_payload(
    indicator: Any,
    own: list[Any],
    county: list[Any],
    nation: list[Any],
    peers: list[Any],
    year: int,
    children: int | None,
) -> dict[str, Any]:
    own_five = _five(own, year)
    shown = [p for p in own if p.half == 0 and year - YEARS < p.year <= year]
    latest = shown[-1] if shown else None
    return {
        "code": indicator.code,
        "name": names(indicator),
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "better": indicator.better,
        "series": {
            "unit": own_five,
            "county": _five(county, year),
            "nation": _five(nation, year),
            "peers": _five(peers, year),
        },
        "source": tr(latest.source_label) if latest else tr(indicator.get_source_display),
        "source_detail": latest.source_detail if latest else indicator.source_note,
        "preliminary": bool(latest and latest.is_preliminary),
        "small_numbers": _small(indicator, own_five, children),
    }


def themes_section(report: Report, day: datetime.date, context: dict[str, Any]) -> dict[str, Any]:
    codes = [code for _k, _l, theme_codes, _t in THEMES for code in theme_codes]
    catalogue = {i.code: i for i in stats_queries.active_indicators() if i.code in codes}
    indicators = [catalogue[c] for c in codes if c in catalogue]
    subject = report.subject
    if isinstance(subject, Municipality):
        comparisons = {c.indicator.code: c for c in stats_queries.comparison(subject, indicators)}
        children = org_queries.children_0_17(subject, report.year)
        own = {code: c.municipality for code, c in comparisons.items()}
    else:
        reference = stats_queries.comparison(subject.host_municipality, indicators)
        comparisons = {c.indicator.code: c for c in reference}
        service_series = stats_queries.service_values(subject, indicators)
        own = {i.code: service_series.get(i.pk, []) for i in indicators}
        children = _children_served(report, context)
    load_assessment(report, context)
    _capacity(report, day, context)  # the competence theme's facts
    assessment = context.get("assessment")
    entries = context.get("entries", {})
    themes = []
    for key, label, theme_codes, assessment_theme in THEMES:
        rows = []
        for code in theme_codes:
            indicator = catalogue.get(code)
            if indicator is None:
                continue
            c = comparisons.get(code)
            rows.append(
                _indicator_payload(
                    indicator,
                    own.get(code, []),
                    c.county if c else [],
                    c.nation if c else [],
                    c.peers if c else [],
                    report.year,
                    children,
                )
            )
        facts = []
        if key == "competence":
            facts = _competence_facts(report, context)
        entry = entries.get(assessment_theme)
        themes.append(
            {
                "key": key,
                "label": tr(label),
                "indicators": rows,
                "facts": facts,
                "assessment": _entry_payload(entry, context) if entry is not None else None,
            }
        )
    context["themes"] = themes
    return {
        "themes": themes,
        "assessment": {"year": assessment.year, "revision": assessment.revision} if assessment else None,
        "peer_group": subject.kostra_group
        if isinstance(subject, Municipality)
        else subject.host_municipality.kostra_group,
    }


def _competence_facts(report: Report, context: dict[str, Any]) -> list[dict[str, Any]]:
    figures = context.get("figures")
    facts = []
    if figures is not None:
        facts.append(
            fact(
                "competence.requirement_share",
                gettext_lazy("Andel som oppfyller kompetansekravet fra 2031"),
                figures.requirement_share,
                "percent",
                1,
            )
        )
        forecast = figures.requirement_rows[-1] if figures.requirement_rows else None
        if forecast is not None:
            facts.append(
                fact(
                    "competence.forecast",
                    gettext_lazy("Prognose for andelen i %(year)s") % {"year": forecast["year"]},
                    forecast["share"],
                    "percent",
                    1,
                )
            )
    progress = competence_queries.further_education_progress([report.service_id])
    facts.append(
        fact(
            "competence.further_education",
            gettext_lazy("Andel med relevant videreutdanning i strategiperioden"),
            progress.share,
            "percent",
            1,
        )
    )
    return facts


# The assessment: 5, 6 and the themes -------------------------------------------------------------------


def _entry_payload(entry: Any, context: dict[str, Any]) -> dict[str, Any]:
    answers = list(entry.answers or [])
    questions = list(entry.theme.questions or [])
    return {
        "theme": entry.theme.code,
        "name": names(entry.theme),
        "status_today": entry.status_today,
        "own_judgement": entry.own_judgement,
        "likelihood": entry.likelihood,
        "consequence": entry.consequence,
        "score": entry.score,
        "band": assessment_queries.band_for(entry.score, context["bands"]),
        "questions": [
            {
                "question": {
                    "nb": q,
                    "nn": _nth(entry.theme.questions_nn, n, q),
                    "en": _nth(entry.theme.questions_en, n, q),
                },
                "answer": answers[n] if n < len(answers) else "",
            }
            for n, q in enumerate(questions)
        ],
    }


def _nth(values: Any, n: int, default: str) -> str:
    values = list(values or [])
    return values[n] if n < len(values) and values[n] else default


def load_assessment(report: Report, context: dict[str, Any]) -> None:
    """The assessment behind sections 4–6, read once per build (and only by those sections)."""
    if "assessment" in context:
        return
    assessment = assessment_queries.report_assessment(report.service, report.year)
    context["assessment"] = assessment
    context["bands"] = assessment_queries.risk_bands()
    context["entries"] = (
        {e.theme.code: e for e in assessment.entries.select_related("theme")} if assessment is not None else {}
    )


def cooperation_section(report: Report, day: datetime.date, context: dict[str, Any]) -> dict[str, Any]:
    load_assessment(report, context)
    entry = context["entries"].get("cooperation")
    return {"assessment": _entry_payload(entry, context) if entry is not None else None}


RISK_LABELS = {"low": gettext_lazy("Lav"), "moderate": gettext_lazy("Moderat"), "high": gettext_lazy("Høy")}


def challenges_section(report: Report, day: datetime.date, context: dict[str, Any]) -> dict[str, Any]:
    load_assessment(report, context)
    assessment = context["assessment"]
    if assessment is None:
        return {"assessment": None, "themes": [], "needs": []}
    entries = sorted(
        (_entry_payload(e, context) for e in context["entries"].values()),
        key=lambda e: (-(e["score"] or 0), e["theme"]),
    )
    needs = [
        {"kind": tr(n.get_kind_display), "description": n.description, "theme": names(n.theme) if n.theme else None}
        for n in assessment.need_items.select_related("theme")
    ]
    return {
        "assessment": {
            "year": assessment.year,
            "revision": assessment.revision,
            "status": tr(assessment.get_status_display),
            "risk_level": tr(RISK_LABELS[assessment.risk_level]) if assessment.risk_level in RISK_LABELS else None,
            "conclusion": assessment.conclusion,
            "leadership_commitment": assessment.leadership_commitment,
        },
        "themes": [
            {**e, "band_label": tr(RISK_LABELS[e["band"]]) if e["band"] in RISK_LABELS else None} for e in entries
        ],
        "needs": needs,
    }


# 7 Priorities and measures --------------------------------------------------------------------------


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def priorities_section(report: Report, day: datetime.date, context: dict[str, Any]) -> dict[str, Any]:
    service = report.service
    measures = [
        {
            "plan": plan.title,
            "description": m.description,
            "kind": tr(m.get_kind_display),
            "owner": m.owner,
            "due_on": _date(m.due_on),
            "state": tr(m.get_state_display),
        }
        for plan in competence_queries.plans_for(service, report.year)
        for m in plan.measures.all()
    ]
    # The report's own municipalities (one for a municipality's report, all for the whole service).
    municipalities = served_municipalities(report)
    # One query each for all the municipalities (a whole service's report covers many).
    projects = [
        {
            "title": p.title,
            "network": p.network.name,
            "status": tr(p.get_status_display),
            "goals": p.goals,
            "outcome": p.evaluation or p.final_report,
        }
        for p in network_queries.projects_for_any(municipalities, report.year)
    ]
    grants = []
    for a in grant_queries.applications_of_any(municipalities, report.year):
        decision = getattr(a, "decision", None)
        final = next((r.text for r in a.reports.all() if r.kind == "final"), "")
        grants.append(
            {
                "title": a.title,
                "call": a.call.title,
                "status": tr(a.get_status_display),
                "amount": num(decision.amount) if decision and decision.outcome == "granted" else None,
                "outcome": final,
            }
        )
    engagements = [
        {
            "origin": tr(e.get_origin_display),
            "status": tr(e.get_status_display),
            "period_start": _date(e.period_start),
            "period_end": _date(e.period_end),
            "reason": e.reason,
            "outcome": e.outcome,
        }
        for e in assessment_queries.engagements_of(service, report.year)
    ]
    return {
        "measures": measures,
        "projects": sorted(projects, key=lambda p: p["title"]),
        "grants": sorted(grants, key=lambda g: g["title"]),
        "engagements": engagements,
        "extras": extras.collect(report, municipalities),
        "previous": previous_priorities(report),
    }


# 2 About child welfare, and the drafts ----------------------------------------------------------------


ABOUT_DEFAULT = gettext_lazy(
    "Barneverntjenesten skal sikre at barn og unge som lever under forhold som kan skade helsen og "
    "utviklingen deres, får nødvendig hjelp, omsorg og beskyttelse til rett tid. Kommunen har ansvaret "
    "for barneverntjenesten, og kommunestyret skal hvert år få en rapport om tilstanden i barnevernet "
    "(barnevernsloven § 15-3). Fra barnevernsreformen i 2022 har kommunen fått et større faglig og "
    "økonomisk ansvar, blant annet for forebygging, for fosterhjem og for å velge rett tiltak til rett tid. "
    "Jevnlige tilstandsrapporter gir kommuneledelsen oversikt over barnevernet."
)


def _value(number: Any, unit: str, decimals: int) -> str:
    if number is None:
        return "–"
    if unit == "prosent":
        return formatting.percent(number, decimals)
    if unit == "kroner":
        return formatting.money(number)
    return formatting.number(number, decimals)


def theme_draft(theme: dict[str, Any], year: int) -> str:
    """One sentence per indicator: this year's value against the nation, the change, a caution."""
    lines = []
    for row in theme["indicators"]:
        own = dict((y, v) for y, v in row["series"]["unit"])
        nation = dict((y, v) for y, v in row["series"]["nation"])
        value = own.get(year)
        if value is None:
            continue
        line = _("%(name)s: %(value)s i %(year)s (landet: %(nation)s).") % {
            "name": _name(row),
            "value": _value(value, row["unit"], row["decimals"]),
            "year": year,
            "nation": _value(nation.get(year), row["unit"], row["decimals"]),
        }
        before = own.get(year - 1)
        if before is not None:
            line += " " + _("Året før: %(value)s.") % {"value": _value(before, row["unit"], row["decimals"])}
        if row["small_numbers"]:
            line += " " + _("Små tall: endringen fra år til år kan være tilfeldig.")
        lines.append(line)
    assessment = theme.get("assessment")
    if assessment and assessment.get("own_judgement"):
        lines.append(assessment["own_judgement"])
    return "\n".join(lines)


def _name(row: dict[str, Any]) -> str:
    return text(row["name"])


def summary_draft(report: Report, sections: dict[str, Any]) -> str:
    facts = {f["id"]: f["value"] for f in sections[SectionKey.SERVICE]["facts"]}
    parts = [
        _("Rapporten gjelder %(unit)s for %(year)s.") % {"unit": str(report.subject), "year": report.year},
    ]
    if facts.get("service.fte") is not None:
        parts.append(
            _("Tjenesten har %(fte)s årsverk og %(vacancies)s ledige stillinger.")
            % {
                "fte": formatting.number(facts["service.fte"], 1),
                "vacancies": formatting.number(facts.get("service.vacancies") or 0),
            }
        )
    better = worse = 0
    for theme in sections[SectionKey.THEMES]["themes"]:
        for row in theme["indicators"]:
            own = dict((y, v) for y, v in row["series"]["unit"]).get(report.year)
            nation = dict((y, v) for y, v in row["series"]["nation"]).get(report.year)
            if own is None or nation is None or row["better"] == "neutral":
                continue
            good = Decimal(own) >= Decimal(nation) if row["better"] == "higher" else Decimal(own) <= Decimal(nation)
            better, worse = (better + 1, worse) if good else (better, worse + 1)
    if better or worse:
        parts.append(
            _("%(better)s indikatorer er like gode som eller bedre enn landet, %(worse)s er svakere.")
            % {"better": better, "worse": worse}
        )
    challenges = sections[SectionKey.CHALLENGES]
    if challenges.get("assessment"):
        high = [t for t in challenges["themes"] if t["band"] == "high"]
        if challenges["assessment"].get("risk_level"):
            parts.append(
                _("Samlet risiko i risiko- og tilstandsvurderingen: %(level)s.")
                % {"level": text(challenges["assessment"]["risk_level"]).lower()}
            )
        if high:
            parts.append(_("Høy risiko: %(themes)s.") % {"themes": ", ".join(text(t["name"]) for t in high)})
        if challenges["needs"]:
            parts.append(_("Tjenesten har meldt %(count)s behov.") % {"count": len(challenges["needs"])})
    priorities = sections[SectionKey.PRIORITIES]
    if priorities["measures"]:
        parts.append(_("Kompetanseplanen har %(count)s tiltak.") % {"count": len(priorities["measures"])})
    return " ".join(parts)


def cooperation_draft(payload: dict[str, Any]) -> str:
    entry = payload.get("assessment")
    if not entry:
        return ""
    answers = [q["answer"] for q in entry["questions"] if q["answer"]]
    return "\n".join(x for x in [entry["status_today"], *answers, entry["own_judgement"]] if x)


def challenges_draft(payload: dict[str, Any]) -> str:
    assessment = payload.get("assessment")
    if not assessment:
        return ""
    lines = [assessment["conclusion"]] if assessment["conclusion"] else []
    if assessment["leadership_commitment"]:
        lines.append(_("Kommuneledelsen forplikter seg til: %(text)s") % {"text": assessment["leadership_commitment"]})
    return "\n".join(lines)


def priorities_draft(payload: dict[str, Any]) -> str:
    lines = [f"– {m['description']}" for m in payload["measures"][:10]]
    lines += [f"– {p['title']} ({p['network']})" for p in payload["projects"][:5]]
    return "\n".join(lines)


def drafts(report: Report, figures: dict[str, Any]) -> dict[str, Label]:
    """The first text of every section (and theme analysis), in each language."""
    sections = figures["sections"]

    def all_languages(make: Any) -> Label:
        return tr(make)

    out: dict[str, Label] = {
        SectionKey.SUMMARY: all_languages(lambda: summary_draft(report, sections)),
        SectionKey.ABOUT: sections[SectionKey.ABOUT]["text"]
        if isinstance(sections[SectionKey.ABOUT]["text"], dict)
        else {lang: sections[SectionKey.ABOUT]["text"] for lang in ("nb", "nn", "en")},
        SectionKey.SERVICE: {lang: "" for lang in ("nb", "nn", "en")},
        SectionKey.THEMES: {lang: "" for lang in ("nb", "nn", "en")},
        SectionKey.COOPERATION: all_languages(lambda: cooperation_draft(sections[SectionKey.COOPERATION])),
        SectionKey.CHALLENGES: all_languages(lambda: challenges_draft(sections[SectionKey.CHALLENGES])),
        SectionKey.PRIORITIES: all_languages(lambda: priorities_draft(sections[SectionKey.PRIORITIES])),
    }
    for theme in sections[SectionKey.THEMES]["themes"]:
        out[analysis_key(theme["key"])] = all_languages(lambda theme=theme: theme_draft(theme, report.year))
    return out


# Everything ------------------------------------------------------------------------------------------


def build(
    report: Report, day: datetime.date | None = None, about_text: str | None = None, only: str | None = None
) -> dict[str, Any]:
    """Every figure of the report on `day` (today by default), as JSON. With `only` (a section key)
    just that section is read, the others are empty: the page editing one section shows no more."""
    from django.utils import timezone

    day = day or timezone.localdate()
    context: dict[str, Any] = {}

    def about() -> dict[str, Any]:
        return {"text": about_text if about_text is not None else _about(report.service)}

    # In the template's order: the service section reads the staff figures the themes reuse.
    builders: dict[str, Any] = {
        SectionKey.SUMMARY: lambda: {},
        SectionKey.ABOUT: about,
        SectionKey.SERVICE: lambda: service_section(report, day, context),
        SectionKey.THEMES: lambda: themes_section(report, day, context),
        SectionKey.COOPERATION: lambda: cooperation_section(report, day, context),
        SectionKey.CHALLENGES: lambda: challenges_section(report, day, context),
        SectionKey.PRIORITIES: lambda: priorities_section(report, day, context),
    }
    empty: dict[str, Any] = {SectionKey.THEMES: {"themes": []}}
    sections = {key: make() if only is None or key == only else empty.get(key, {}) for key, make in builders.items()}
    return {
        "version": FIGURES_VERSION,
        "date": day.isoformat(),
        "year": report.year,
        "unit": {"name": str(report.subject), "kind": "municipality" if report.municipality_id else "service"},
        "sections": sections,
    }


def _about(service: Service) -> Any:
    from fagloft.reports.models import AboutText

    saved = AboutText.objects.filter(service=service).values_list("text", flat=True).first()
    return saved if saved else tr(ABOUT_DEFAULT)


def previous_priorities(report: Report) -> dict[str, Any] | None:
    """What last year's report for the same unit said it would prioritise, and where it stands."""
    previous = (
        Report.objects.filter(
            service=report.service, municipality=report.municipality, form=report.form, year=report.year - 1
        )
        .order_by("-pk")
        .first()
    )
    if previous is None:
        return None
    text = previous.sections.filter(key=SectionKey.PRIORITIES).values_list("text", flat=True).first() or ""
    return {"year": previous.year, "status": tr(previous.get_status_display), "text": text}
