"""Spreadsheets in and out: formula escaping for every Excel/CSV export, and a size check for every
uploaded .xlsx before openpyxl opens it.

Exports: a cell whose text starts with =, +, -, @, tab, CR or | is run as a formula (or a DDE
command) by Excel and LibreOffice when the file is opened, so a name like `=HYPERLINK("http://…")`
typed into the register would become a live link in the leader's export (CSV/formula injection,
OWASP). `escape_formula` puts an apostrophe in front of such text; numbers and dates stay numbers.
`unescape_formula` takes it away again when the same file is imported.

Uploads: an .xlsx is a zip archive, and a few hundred kilobytes can unpack to gigabytes (a zip
bomb). `check_xlsx` reads only the zip directory and streams the sheets through a counter, so the
sum of the members' sizes, their compression ratio and the number of rows and cells are known
before any XML is parsed.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from fagloft.lib.refusals import Refused

# What spreadsheet programs treat as the start of a formula or command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|")

MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
# Ordinary workbooks compress 5–20 times; a bomb of repeated bytes 1000 times and more.
MAX_RATIO = 100
# The ratio is only meaningful for members of some size (a tiny member can compress oddly).
RATIO_FROM_BYTES = 1024 * 1024
MAX_MEMBERS = 500
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000

_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_CHUNK = 1024 * 1024


class SpreadsheetRefused(Refused):
    """An uploaded spreadsheet that is not opened at all (too large when unpacked, not a workbook)."""


def escape_formula(value: Any) -> Any:
    """`value` made safe for a spreadsheet cell: text that would start a formula gets a leading
    apostrophe; numbers, dates, booleans and None are returned unchanged."""
    if value is None or isinstance(value, (bool, int, float, Decimal, datetime.date, datetime.time)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def escape_row(values: list[Any]) -> list[Any]:
    return [escape_formula(v) for v in values]


def unescape_formula(text: str) -> str:
    """The text as typed before `escape_formula` (for importing a file this app exported)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def check_xlsx(
    content: bytes,
    *,
    max_uncompressed: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: int = MAX_RATIO,
    max_rows: int = MAX_ROWS,
    max_cells: int = MAX_CELLS,
    name: str = "",
) -> None:
    """Refuse an .xlsx whose unpacked size, compression ratio, rows or cells exceed the limits.

    Raises `SpreadsheetRefused` with a Norwegian message; returns None when the file may be opened.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError):
        raise SpreadsheetRefused(
            _("%(file)s kan ikke leses som et Excel-ark (.xlsx).") % {"file": _quoted(name)}, field="file"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise SpreadsheetRefused(
                _("%(file)s har for mange deler til å være et vanlig Excel-ark.") % {"file": _quoted(name)},
                field="file",
            )
        # The sizes in the zip directory are what the archive claims; the streaming count below
        # also stops at the limit if a member lies about its size.
        total = sum(m.file_size for m in members)
        if total > max_uncompressed:
            raise _too_large(max_uncompressed)
        for member in members:
            if member.file_size >= RATIO_FROM_BYTES and member.file_size > max_ratio * max(member.compress_size, 1):
                raise SpreadsheetRefused(
                    _(
                        "%(file)s er pakket unormalt tett (over %(ratio)s ganger) og blir ikke åpnet. Lagre arket "
                        "på nytt i Excel og prøv igjen."
                    )
                    % {"file": _quoted(name), "ratio": max_ratio},
                    field="file",
                )
        rows = cells = unpacked = 0
        for member in members:
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            tail = b""
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > max_uncompressed:
                        raise _too_large(max_uncompressed)
                    # Keep a few bytes from the previous chunk so a tag split across chunks is counted once.
                    window = tail + chunk
                    rows += len(_ROW.findall(window)) - len(_ROW.findall(tail))
                    cells += len(_CELL.findall(window)) - len(_CELL.findall(tail))
                    tail = window[-16:]
            if rows > max_rows:
                raise SpreadsheetRefused(
                    _("%(file)s har mer enn %(max)s rader.") % {"file": _quoted(name), "max": max_rows}, field="file"
                )
            if cells > max_cells:
                raise SpreadsheetRefused(
                    _("%(file)s har mer enn %(max)s celler.") % {"file": _quoted(name), "max": max_cells}, field="file"
                )


def _quoted(name: str) -> str:
    return _("Fila «%(name)s»") % {"name": name} if name else _("Fila")


def _too_large(limit: int) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _("Excel-arket er for stort når det pakkes ut (over %(limit)s MB). Del det opp i flere filer.")
        % {"limit": limit // (1024 * 1024)},
        field="file",
    )
