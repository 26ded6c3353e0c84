"""The county table and a municipality's series as CSV (semicolon, for Norwegian Excel) and Excel files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from fagloft.statistics.queries import Comparison, CountyTable

Table = tuple[list[str], list[list[Any]]]


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def county_table_rows(table: CountyTable) -> Table:
    header = [
        _("Kommunenummer"),
        _("Kommune"),
        _("KOSTRA-gruppe"),
        _("Barn 0–17"),
        _("År"),
        _("Verdi"),
        _("Endring fra året før"),
        _("Kilde"),
    ]
    rows = []
    for row in table.rows:
        latest = row.latest
        rows.append(
            [
                row.municipality.number,
                row.municipality.name,
                row.municipality.kostra_group,
                row.children,
                latest.period_label if latest else None,
                _number(latest.value) if latest else None,
                _number(row.change),
                latest.get_source_display() if latest else None,
            ]
        )
    return header, rows


def municipality_rows(municipality_name: str, comparisons: Sequence[Comparison]) -> Table:
    header = [
        _("Indikator"),
        _("Kode"),
        _("Enhet"),
        _("Periode"),
        municipality_name,
        _("Fylket"),
        _("Hele landet"),
        _("KOSTRA-gruppen"),
    ]
    rows = []
    for comparison in comparisons:
        for row in comparison.rows():
            rows.append(
                [
                    comparison.indicator.name,
                    comparison.indicator.code,
                    comparison.indicator.unit,
                    row["label"],
                    *[_number(p.value) if p else None for p in row["values"]],
                ]
            )
    return header, rows


def to_csv(table: Table) -> bytes:
    header, rows = table
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else (str(v).replace(".", ",") if isinstance(v, float) else v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def to_xlsx(title: str, table: Table) -> bytes:
    header, rows = table
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(10, min(40, len(name) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
