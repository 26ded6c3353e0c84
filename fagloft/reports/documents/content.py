"""The report as a list of blocks in one language (headings, paragraphs, tables, charts), which the
Word and PDF writers both print, so the two documents always say the same.

Must run inside `translation.override(language)`: headings come from gettext, stored labels from the
figures in that language, and texts nobody edited are drafted anew in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from fagloft.lib import formatting
from fagloft.reports import sections as prefill
from fagloft.reports.documents import charts
from fagloft.reports.labels import text
from fagloft.reports.models import Report, SectionKey, section_label


@dataclass
class Block:
    kind: str  # heading, paragraph, table, chart
    text: str = ""
    level: int = 1
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    numeric: list[bool] = field(default_factory=list)
    image: bytes = b""
    alt: str = ""


def value(raw: Any, kind: str = "number", decimals: int = 0, unit: str = "") -> str:
    if isinstance(raw, dict):
        return text(raw)
    if raw is None or raw == "":
        return "–"
    if kind == "percent" or unit == "prosent":
        return formatting.percent(raw, decimals)
    if kind == "money" or unit == "kroner":
        return formatting.money(raw)
    if kind in ("number",) or unit:
        return formatting.number(raw, decimals)
    if kind == "date":
        return formatting.date(raw)
    return str(raw)


def paragraphs(body: str) -> list[Block]:
    return [Block("paragraph", line.strip()) for line in (body or "").splitlines() if line.strip()]


def section_texts(report: Report, figures: dict[str, Any], language: str) -> dict[str, str]:
    """The texts to print: what was written, or (for a section nobody edited) the draft in `language`."""
    drafts = prefill.drafts(report, figures)
    texts = {}
    for section in report.sections.all():
        texts[section.key] = section.text if section.edited else text(drafts.get(section.key, section.text), language)
    return texts


def indicator_rows(row: dict[str, Any], year: int) -> tuple[list[str], list[list[str]]]:
    series = {name: dict((y, v) for y, v in row["series"][name]) for name in ("unit", "county", "nation", "peers")}
    years = list(range(year - prefill.YEARS + 1, year + 1))
    columns = [_("År"), _("Enheten"), _("Fylket"), _("Landet"), _("KOSTRA-gruppen")]
    rows = [
        [str(y)] + [value(series[n].get(y), unit=row["unit"], decimals=row["decimals"]) for n in series] for y in years
    ]
    return columns, rows


def source_line(row: dict[str, Any], date: str) -> str:
    line = _("Kilde: %(source)s, hentet %(date)s.") % {
        "source": ", ".join(x for x in [text(row["source"]), row.get("source_detail") or ""] if x),
        "date": formatting.date(date),
    }
    if row.get("preliminary"):
        line += " " + _("Foreløpige tall.")
    if row.get("small_numbers"):
        line += " " + _("Små tall: en endring fra år til år kan være tilfeldig.")
    return line


def _facts(facts: list[dict[str, Any]]) -> Block:
    return Block(
        "table",
        text=_("Nøkkeltall"),
        columns=[_("Hva"), _("Tall")],
        rows=[[text(f["label"]), value(f["value"], f["kind"], f["decimals"])] for f in facts],
        numeric=[False, True],
    )


def _table(spec: dict[str, Any]) -> Block:
    kinds = spec.get("kinds") or []
    return Block(
        "table",
        text=text(spec["caption"]),
        columns=[text(c) for c in spec["columns"]],
        rows=[
            [value(cell, kinds[i] if i < len(kinds) else "text", 1) for i, cell in enumerate(r)] for r in spec["rows"]
        ],
        numeric=[k in ("number", "percent", "money") for k in kinds],
    )


def _entry_blocks(entry: dict[str, Any] | None) -> list[Block]:
    if not entry:
        return [Block("paragraph", _("Ingen risiko- og tilstandsvurdering for året."))]
    blocks = []
    for q in entry["questions"]:
        if q["answer"]:
            blocks += [Block("paragraph", text(q["question"]))] + paragraphs(q["answer"])
    return blocks


def build_blocks(report: Report, figures: dict[str, Any], language: str, with_charts: bool = True) -> list[Block]:
    sections = figures["sections"]
    texts = section_texts(report, figures, language)
    year = figures["year"]
    date = figures["date"]
    blocks: list[Block] = [Block("heading", report.title, 0)]
    blocks.append(
        Block(
            "paragraph",
            _("Tallene er hentet %(date)s.") % {"date": formatting.date(date)}
            + (" " + _("Tallene er låst.") if report.is_frozen else ""),
        )
    )

    def heading(key: str, number: int) -> None:
        blocks.append(Block("heading", f"{number}. {section_label(key)}", 1))

    heading(SectionKey.SUMMARY, 1)
    blocks += paragraphs(texts.get(SectionKey.SUMMARY, ""))

    heading(SectionKey.ABOUT, 2)
    blocks += paragraphs(texts.get(SectionKey.ABOUT, ""))

    heading(SectionKey.SERVICE, 3)
    service = sections[SectionKey.SERVICE]
    blocks += paragraphs(texts.get(SectionKey.SERVICE, ""))
    blocks.append(_facts(service["facts"]))
    blocks += [_table(t) for t in service["tables"] if t["rows"]]

    heading(SectionKey.THEMES, 4)
    blocks += paragraphs(texts.get(SectionKey.THEMES, ""))
    for theme in sections[SectionKey.THEMES]["themes"]:
        blocks.append(Block("heading", text(theme["label"]), 2))
        for row in theme["indicators"]:
            if not row["series"]["unit"] and not row["series"]["nation"]:
                continue
            name = text(row["name"])
            blocks.append(Block("heading", name, 3))
            columns, rows = indicator_rows(row, year)
            if with_charts:
                image, alt = charts.indicator_chart(row, year, name)
                blocks.append(Block("chart", text=name, image=image, alt=alt))
            blocks.append(
                Block("table", text=name, columns=columns, rows=rows, numeric=[False, True, True, True, True])
            )
            blocks.append(Block("paragraph", source_line(row, date)))
        if theme["facts"]:
            blocks.append(_facts(theme["facts"]))
        blocks.append(Block("heading", _("Vurdering"), 3))
        analysis = texts.get(prefill.analysis_key(theme["key"]), "")
        blocks += paragraphs(analysis) or [Block("paragraph", "–")]

    heading(SectionKey.COOPERATION, 5)
    blocks += paragraphs(texts.get(SectionKey.COOPERATION, ""))
    if not texts.get(SectionKey.COOPERATION):
        blocks += _entry_blocks(sections[SectionKey.COOPERATION]["assessment"])

    heading(SectionKey.CHALLENGES, 6)
    challenges = sections[SectionKey.CHALLENGES]
    blocks += paragraphs(texts.get(SectionKey.CHALLENGES, ""))
    if challenges["themes"]:
        blocks.append(
            Block(
                "table",
                text=_("Temaer etter risiko"),
                columns=[_("Tema"), _("Sannsynlighet"), _("Konsekvens"), _("Risiko")],
                rows=[
                    [
                        text(t["name"]),
                        value(t["likelihood"]),
                        value(t["consequence"]),
                        text(t["band_label"]) if t["band_label"] else "–",
                    ]
                    for t in challenges["themes"]
                ],
                numeric=[False, True, True, False],
            )
        )
    if challenges["needs"]:
        blocks.append(
            Block(
                "table",
                text=_("Behov"),
                columns=[_("Type"), _("Behov")],
                rows=[[text(n["kind"]), n["description"]] for n in challenges["needs"]],
            )
        )

    heading(SectionKey.PRIORITIES, 7)
    priorities = sections[SectionKey.PRIORITIES]
    blocks += paragraphs(texts.get(SectionKey.PRIORITIES, ""))
    listings = [
        (
            _("Tiltak i kompetanseplanen"),
            [_("Tiltak"), _("Type"), _("Ansvarlig"), _("Status")],
            [[m["description"], text(m["kind"]), m["owner"], text(m["state"])] for m in priorities["measures"]],
        ),
        (
            _("Prosjekter i læringsnettverket"),
            [_("Prosjekt"), _("Nettverk"), _("Status"), _("Resultat")],
            [[p["title"], p["network"], text(p["status"]), p["outcome"] or "–"] for p in priorities["projects"]],
        ),
        (
            _("Tilskudd"),
            [_("Prosjekt"), _("Utlysning"), _("Status"), _("Innvilget"), _("Resultat")],
            [
                [g["title"], g["call"], text(g["status"]), value(g["amount"], "money"), g["outcome"] or "–"]
                for g in priorities["grants"]
            ],
        ),
        (
            _("Veiledningsteam og Tjenestestøtteprogrammet"),
            [_("Initiativ"), _("Status"), _("Resultat")],
            [[text(e["origin"]), text(e["status"]), e["outcome"] or "–"] for e in priorities["engagements"]],
        ),
        (
            _("Programmer og tiltak"),
            [_("Type"), _("Hva"), _("Detaljer")],
            [[text(x["kind"]), x["title"], x["detail"]] for x in priorities.get("extras", [])],
        ),
    ]
    for caption, columns, rows in listings:
        if rows:
            blocks.append(Block("table", text=caption, columns=columns, rows=rows))
    previous = priorities.get("previous")
    if previous:
        blocks.append(Block("heading", _("Hva som kom ut av fjorårets prioriteringer"), 2))
        blocks += paragraphs(previous["text"]) or [Block("paragraph", "–")]
    return blocks
