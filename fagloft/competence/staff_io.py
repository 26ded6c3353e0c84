"""Import and export of the staff register as Excel (openpyxl) or CSV: the leader's HR sheet.

One row per person, with at most one education and one further education (more can be added on
the profile). Imports are all-or-nothing: every row is validated first and every problem is
reported as «ark «Ansatte», rad 7, kolonne «Stillingsprosent»: må være et tall mellom 0 og 100».
A row whose e-mail matches someone already in the service updates that person.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from fagloft.accounts.access import can
from fagloft.accounts.use_cases import use_case
from fagloft.audit.models import AuditEvent
from fagloft.audit.services import record, record_update, snapshot
from fagloft.competence.models import (
    Certification,
    Education,
    EducationField,
    EducationLevel,
    Employee,
    FurtherEducation,
    Method,
    Position,
    Programme,
    Status,
)
from fagloft.competence.permissions import CHANGE_STAFF

# The same linking every write of an employee does; private to the app, shared by its two writers.
from fagloft.competence.services import _link_users
from fagloft.lib.forms import EARLIEST, LATEST
from fagloft.lib.spreadsheets import SpreadsheetRefused, check_xlsx, escape_formula, unescape_formula
from fagloft.organizations.models import Service

SHEET = "Ansatte"
MAX_ROWS = 20000
YES = {"ja", "j", "x", "1", "true", "yes"}
NO = {"nei", "n", "", "0", "false", "no"}


class ImportRejected(Exception):
    """The file was not imported; `errors` says why, one line per bad cell."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Column:
    header: str
    attr: str
    parse: Callable[[Any], Any]
    required: bool = False
    # None for a column that is only read (the service id of a multi-service import).
    export: Callable[[Employee], Any] | None = None

    def exported(self, employee: Employee) -> Any:
        if self.export is None:
            raise TypeError(f"column {self.header!r} is not exported")
        return self.export(employee)


def _text(limit: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        # A file this app exported carries an apostrophe before text that looks like a formula.
        text = "" if value is None else unescape_formula(str(value).strip())
        if len(text) > limit:
            raise ValueError(_("kan ha høyst %(limit)s tegn") % {"limit": limit})
        return text

    return parse


def _number(low: Decimal, high: Decimal) -> Callable[[Any], Decimal | None]:
    def parse(value: Any) -> Decimal | None:
        if value is None or str(value).strip() == "":
            return None
        try:
            number = Decimal(str(value).strip().replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or not low <= number <= high:
            raise ValueError(_("må være et tall mellom %(low)s og %(high)s") % {"low": low, "high": high})
        return number

    return parse


def _year(value: Any) -> int | None:
    number = _number(Decimal(1950), Decimal(2100))(value)
    if number is not None and number != number.to_integral_value():
        raise ValueError(_("må være et årstall"))
    return None if number is None else int(number)


def _date(value: Any) -> datetime.date | None:
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        day = _parse_date(str(value).strip())
    # A year like 0024 or 20240 is a typo, and not every database can store it.
    if not EARLIEST <= day <= LATEST:
        raise ValueError(_("må være en dato mellom 1900 og 2100"))
    return day


def _parse_date(text: str) -> datetime.date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("må være en dato som 31.12.2024"))


def _choice(choices: type[TextChoices], extra: dict[str, str] | None = None) -> Callable[[Any], str]:
    lookup = {str(label).lower(): value for value, label in choices.choices}
    lookup.update({value: value for value in choices.values})
    lookup.update(extra or {})

    def parse(value: Any) -> str:
        text = "" if value is None else str(value).strip().lower()
        if text == "":
            return ""
        if text not in lookup:
            allowed = ", ".join(str(label) for _, label in choices.choices)
            raise ValueError(_("må være en av: %(allowed)s") % {"allowed": allowed})
        return lookup[text]

    return parse


def _yes_no(value: Any) -> bool:
    text = "" if value is None else str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(_("må være «ja» eller «nei»"))


def _methods(value: Any) -> list[str]:
    parse = _choice(Method)
    return [parse(part) for part in str(value or "").replace(";", ",").split(",") if part.strip()]


def _first(items: Iterable[Any]) -> Any:
    return next(iter(items), None)


def _label(choices: type[TextChoices], value: str) -> str:
    return str(dict(choices.choices).get(value, "")) if value else ""


def _yes(flag: bool) -> str:
    return "ja" if flag else "nei"


COLUMNS = [
    Column("Fornavn", "first_name", _text(100), True, lambda e: e.first_name),
    Column("Etternavn", "last_name", _text(100), True, lambda e: e.last_name),
    Column("E-post", "email", _text(254), False, lambda e: e.email),
    Column(
        "Stilling",
        "position",
        _choice(Position, {"nestleder": "deputy_leader", "leder": "leader"}),
        True,
        lambda e: _label(Position, e.position),
    ),
    Column("Stillingsprosent", "fte_percent", _number(Decimal(0), Decimal(100)), True, lambda e: e.fte_percent),
    Column("Ansatt fra", "started_on", _date, True, lambda e: e.started_on),
    Column("Sluttet", "ended_on", _date, False, lambda e: e.ended_on),
    Column("Kjerneoppgaver", "does_core_tasks", _yes_no, False, lambda e: _yes(e.does_core_tasks)),
    Column(
        "Tidligere erfaring (år)",
        "prior_experience_years",
        _number(Decimal(0), Decimal(60)),
        False,
        lambda e: e.prior_experience_years,
    ),
    Column(
        "Utdanningsnivå",
        "education_level",
        _choice(EducationLevel),
        False,
        lambda e: _label(EducationLevel, getattr(_first(e.educations.all()), "level", "")),
    ),
    Column(
        "Fagfelt",
        "education_field",
        _choice(EducationField, {"sosionom": "social_work", "vernepleier": "social_education"}),
        False,
        lambda e: _label(EducationField, getattr(_first(e.educations.all()), "field", "")),
    ),
    Column("Utdanningsår", "education_year", _year, False, lambda e: getattr(_first(e.educations.all()), "year", None)),
    Column(
        "Lærested",
        "education_institution",
        _text(200),
        False,
        lambda e: getattr(_first(e.educations.all()), "institution", ""),
    ),
    Column(
        "Videreutdanning",
        "further_programme",
        _choice(Programme),
        False,
        lambda e: _label(Programme, getattr(_first(e.further_educations.all()), "programme", "")),
    ),
    Column(
        "Studiepoeng",
        "further_ects",
        _number(Decimal(0), Decimal(300)),
        False,
        lambda e: getattr(_first(e.further_educations.all()), "ects", None),
    ),
    Column(
        "Videreutdanningsår",
        "further_year",
        _year,
        False,
        lambda e: getattr(_first(e.further_educations.all()), "year", None),
    ),
    Column(
        "Videreutdanning pågår",
        "further_ongoing",
        _yes_no,
        False,
        lambda e: _yes(getattr(_first(e.further_educations.all()), "status", "") == Status.ONGOING),
    ),
    Column(
        "Metodesertifiseringer",
        "methods",
        _methods,
        False,
        lambda e: ", ".join(c.get_method_display() for c in e.certifications.all()),
    ),
    Column("Språk", "languages", _text(300), False, lambda e: e.languages),
    Column("Samisk kompetanse", "sami_competence", _yes_no, False, lambda e: _yes(e.sami_competence)),
    Column("Lederutdanning", "leadership_training", _text(300), False, lambda e: e.leadership_training),
]
SERVICE_COLUMN = "Tjeneste-ID"
EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "position",
    "fte_percent",
    "started_on",
    "ended_on",
    "does_core_tasks",
    "prior_experience_years",
    "languages",
    "sami_competence",
    "leadership_training",
)


@dataclass
class Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)


def _rows_from_xlsx(content: bytes, filename: str) -> tuple[str, Iterator[tuple[int, list[Any]]]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = ((number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1))
    return _("fil «%(file)s», ark «%(sheet)s», rad") % {"file": filename, "sheet": sheet.title}, rows


def _rows_from_csv(content: bytes, filename: str) -> tuple[str, Iterator[tuple[int, list[Any]]]]:
    text = content.decode("utf-8-sig", errors="strict")
    dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=";,\t") if text.strip() else csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return _("fil «%(file)s», linje") % {"file": filename}, ((n, row) for n, row in enumerate(reader, start=1))


def parse(content: bytes, filename: str, with_service: bool = False) -> list[Row]:
    """Validate every row; raise ImportRejected listing every problem, or return the rows."""
    if not filename.lower().endswith(".csv"):
        # Before openpyxl unpacks anything: a small upload may unpack to gigabytes.
        try:
            check_xlsx(content, max_rows=MAX_ROWS + 1, max_cells=(MAX_ROWS + 1) * (len(COLUMNS) + 1) * 2, name=filename)
        except SpreadsheetRefused as refused:
            raise ImportRejected([refused.text]) from None
    try:
        if filename.lower().endswith(".csv"):
            where, rows = _rows_from_csv(content, filename)
        else:
            where, rows = _rows_from_xlsx(content, filename)
    except (UnicodeDecodeError, csv.Error):
        raise ImportRejected([_("Fila «%(file)s» er ikke en CSV-fil i UTF-8.") % {"file": filename}]) from None
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        raise ImportRejected(
            [_("Fila «%(file)s» kan ikke leses som et Excel-ark (.xlsx).") % {"file": filename}]
        ) from None
    header_number, header = next(rows, (1, []))
    columns = _map_header([str(h or "").strip() for h in header], with_service, where, header_number)
    parsed, errors = [], []
    for number, values in rows:
        if number > MAX_ROWS:
            raise ImportRejected(
                [_("Fila «%(file)s» har mer enn %(max)s rader.") % {"file": filename, "max": MAX_ROWS}]
            )
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        row, row_errors = _parse_row(number, values, columns, where)
        parsed.append(row)
        errors.extend(row_errors)
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise ImportRejected([_("Fila «%(file)s» har ingen ansatte.") % {"file": filename}])
    return parsed


def _map_header(header: list[str], with_service: bool, where: str, number: int) -> list[tuple[int, Column]]:
    wanted = COLUMNS + (
        [Column(SERVICE_COLUMN, "service_id", _number(Decimal(1), Decimal(10**9)), True)] if with_service else []
    )
    positions = {name.lower(): index for index, name in enumerate(header)}
    missing = [c.header for c in wanted if c.required and c.header.lower() not in positions]
    if missing:
        raise ImportRejected(
            [
                _("%(where)s %(number)s: mangler kolonnen «%(column)s»")
                % {"where": where, "number": number, "column": name}
                for name in missing
            ]
        )
    return [(positions[c.header.lower()], c) for c in wanted if c.header.lower() in positions]


def _parse_row(number: int, values: list[Any], columns: list[tuple[int, Column]], where: str) -> tuple[Row, list[str]]:
    row, errors = Row(number), []
    for index, column in columns:
        raw = values[index] if index < len(values) else None
        try:
            value = column.parse(raw)
            if column.required and (value is None or value == ""):
                raise ValueError(_("må fylles ut"))
            row.values[column.attr] = value
        except ValueError as error:
            errors.append(
                _("%(where)s %(number)s, kolonne «%(column)s»: %(message)s")
                % {"where": where, "number": number, "column": column.header, "message": error}
            )
    errors.extend(_row_rules(row, where))
    return row, errors


def _row_rules(row: Row, where: str) -> list[str]:
    """Rules across cells of one row."""
    v, errors = row.values, []

    def fail(column: str, message: str) -> None:
        errors.append(
            _("%(where)s %(number)s, kolonne «%(column)s»: %(message)s")
            % {"where": where, "number": row.number, "column": column, "message": message}
        )

    if v.get("ended_on") and v.get("started_on") and v["ended_on"] < v["started_on"]:
        fail("Sluttet", _("kan ikke være før «Ansatt fra»"))
    if v.get("education_level") and not (v.get("education_field") and v.get("education_year")):
        fail("Fagfelt", _("fagfelt og utdanningsår må fylles ut når utdanningsnivå er oppgitt"))
    if v.get("further_programme") and (v.get("further_ects") is None or not v.get("further_year")):
        fail("Studiepoeng", _("studiepoeng og år må fylles ut når videreutdanning er oppgitt"))
    return errors


@use_case(CHANGE_STAFF, on="service")
def import_rows(actor: Any, rows: list[Row], service: Service | None, filename: str) -> int:
    """Write validated rows. With no `service`, each row names its service (a national register);
    then the actor must be allowed to change the staff of every service named."""
    services = (
        {s.pk: s for s in Service.objects.filter(pk__in={int(r.values["service_id"]) for r in rows})}
        if service is None
        else {}
    )
    unknown = [r for r in rows if service is None and int(r.values["service_id"]) not in services]
    if unknown:
        raise ImportRejected(
            [
                _("fil «%(file)s», rad %(number)s, kolonne «%(column)s»: ukjent tjeneste")
                % {"file": filename, "number": r.number, "column": SERVICE_COLUMN}
                for r in unknown
            ]
        )
    if actor is not None and any(not can(actor, CHANGE_STAFF, s) for s in services.values()):
        raise PermissionDenied
    existing = {
        (e.service_id, e.email.lower()): e
        for e in Employee.objects.filter(service__in=[service] if service else services.values()).exclude(email="")
    }
    new_employees, updated = [], 0
    for row in rows:
        target = service or services[int(row.values["service_id"])]
        fields = {name: row.values[name] for name in EMPLOYEE_FIELDS if name in row.values}
        fields = {k: v for k, v in fields.items() if v is not None or k == "ended_on"}
        match = existing.get((target.pk, str(fields.get("email", "")).lower())) if fields.get("email") else None
        if match is not None:
            # One audit row per changed person (before/after of the changed fields), like an edit in
            # the form; a row that changes nothing writes nothing.
            # Compared as values, not as text: the sheet's 100 is the column's 100.00.
            changed = [name for name, value in fields.items() if getattr(match, name) != value]
            if changed:
                before = snapshot(match, changed)
                for name in changed:
                    setattr(match, name, fields[name])
                match.version += 1
                record_update(actor, match, before, message=f"Ansatte importert fra {filename}"[:500])
                Employee.objects.filter(pk=match.pk).update(version=match.version, **fields)
            updated += 1
            continue
        new_employees.append((row, Employee(service=target, **fields)))
    created = Employee.objects.bulk_create([e for _, e in new_employees], batch_size=1000)
    _link_users(created)
    _create_courses([(row, employee) for (row, _), employee in zip(new_employees, created, strict=True)])
    for unit in [service] if service else services.values():
        record(
            actor,
            AuditEvent.Verb.IMPORT,
            unit,
            {"nye": [None, len(created)], "oppdatert": [None, updated]},
            message=f"Ansatte importert fra {filename}"[:500],
        )
    return len(created) + updated


def _create_courses(pairs: list[tuple[Row, Employee]]) -> None:
    educations, further, certifications = [], [], []
    for row, employee in pairs:
        v = row.values
        if v.get("education_level"):
            educations.append(
                Education(
                    employee=employee,
                    level=v["education_level"],
                    field=v["education_field"],
                    year=v["education_year"],
                    institution=v.get("education_institution", ""),
                )
            )
        if v.get("further_programme"):
            further.append(
                FurtherEducation(
                    employee=employee,
                    programme=v["further_programme"],
                    ects=v["further_ects"],
                    year=v["further_year"],
                    status=Status.ONGOING if v.get("further_ongoing") else Status.COMPLETED,
                )
            )
        for method in v.get("methods") or []:
            certifications.append(Certification(employee=employee, method=method, year=employee.started_on.year))
    Education.objects.bulk_create(educations, batch_size=1000)
    FurtherEducation.objects.bulk_create(further, batch_size=1000)
    Certification.objects.bulk_create(certifications, batch_size=1000)


def export_xlsx(employees: Iterable[Employee]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.append([c.header for c in COLUMNS])
    for employee in employees:
        sheet.append([escape_formula(_cell(c.exported(employee))) for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_csv(employees: Iterable[Employee]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([c.header for c in COLUMNS])
    for employee in employees:
        writer.writerow([_text_cell(_cell(c.exported(employee))) for c in COLUMNS])
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return escape_formula(str(value))
