"""Streams a 15F file one `Avgiver`/`Individ` at a time: schema check, control rules, indicators.

Mirrors how SSB's program reads a file: every Avgiver and Individ element is checked on its own
against Avgiver.xsd / Individ.xsd (so memory stays bounded), attributes and elements the schema
does not know are dropped before that check (the program maps to objects and serialises again),
and only records that pass go through the content rules. National identity numbers stay in
memory for the run only, as salted hashes for the duplicate check; they never reach a message.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext, gettext_noop
from lxml import etree

from fagloft.kostra.validation import ssn
from fagloft.kostra.validation.indicators import Derivation
from fagloft.kostra.validation.records import Individ, MappingError, read_avgiver, read_individ
from fagloft.kostra.validation.rules import (
    AVGIVER_RULES,
    DESCRIPTION,
    ERROR,
    INDIVID_RULES,
    WARNING,
    Context,
    Message,
    localize,
    render,
)
from fagloft.lib.safexml import SchemaInvalidError, UnsafeXmlError, check_file, hardened_iterparse, safe_schema

ROOT = "Barnevern"
# Findings kept per rule by default (the CLI's --all-findings lifts it); all are counted.
MAX_PER_RULE = 1000
Progress = Callable[[int, int], None]
# Attributes and child elements each element may have (Individ.xsd / Avgiver.xsd); others are dropped.
KNOWN: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Avgiver": (frozenset({"Organisasjonsnummer", "Versjon", "Kommunenummer", "Kommunenavn"}), frozenset()),
    "Individ": (
        frozenset(
            {
                "Id",
                "Journalnummer",
                "StartDato",
                "SluttDato",
                "Fodselsnummer",
                "DUFnummer",
                "Bydelsnummer",
                "Bydelsnavn",
                "Distriktsnummer",
                "Saksbehandler",
                "Avslutta3112",
            }
        ),
        frozenset({"Melding", "Plan", "Tiltak", "Flytting"}),
    ),
    "Melding": (
        frozenset({"Id", "StartDato", "SluttDato", "Konklusjon"}),
        frozenset({"Melder", "Saksinnhold", "Undersokelse"}),
    ),
    "Melder": (frozenset({"Kode"}), frozenset({"Presisering"})),
    "Saksinnhold": (frozenset({"Kode"}), frozenset({"Presisering"})),
    "Undersokelse": (
        frozenset({"Id", "StartDato", "SluttDato", "Konklusjon"}),
        frozenset({"Presisering", "Vedtaksgrunnlag"}),
    ),
    "Vedtaksgrunnlag": (frozenset({"Kode"}), frozenset({"Presisering"})),
    "Plan": (frozenset({"Id", "StartDato", "SluttDato", "EvaluertDato", "Plantype"}), frozenset()),
    "Tiltak": (
        frozenset({"Id", "StartDato", "SluttDato"}),
        frozenset({"Lovhjemmel", "JmfrLovhjemmel", "Kategori", "Tiltaksgrunnlag", "Opphevelse"}),
    ),
    "Lovhjemmel": (frozenset({"Lov", "Kapittel", "Paragraf", "Bokstav", "Ledd", "Punktum"}), frozenset()),
    "JmfrLovhjemmel": (frozenset({"Lov", "Kapittel", "Paragraf", "Bokstav", "Ledd", "Punktum"}), frozenset()),
    "Kategori": (frozenset({"Kode"}), frozenset({"Presisering"})),
    "Tiltaksgrunnlag": (frozenset({"Kode"}), frozenset({"Presisering"})),
    "Opphevelse": (frozenset({"Kode"}), frozenset({"Presisering"})),
    "Flytting": (frozenset({"Id", "SluttDato"}), frozenset({"ArsakFra", "FlyttingTil"})),
    "ArsakFra": (frozenset({"Kode", "Presisering"}), frozenset()),
    "FlyttingTil": (frozenset({"Kode", "Presisering"}), frozenset()),
    "Presisering": (frozenset(), frozenset()),
}
_RULE_GROUPS: list[tuple[str, list[tuple[str, str, Any]]]] = [
    (needs, [(r.id, r.severity, r.check) for r in INDIVID_RULES if r.needs == needs])
    for needs in dict.fromkeys(r.needs for r in INDIVID_RULES)
]
_LONG_NUMBER = re.compile(r"'[^']*\d{5,}[^']*'")


@dataclass
class Report:
    file: str
    valid_xml: bool = False
    readable: bool = True
    error: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    indicators: dict[str, Any] = field(default_factory=dict)
    year: int | None = None
    municipality: str = ""
    # The city districts the clients carry, as the file states them: sorted distinct pairs of
    # (Bydelsnummer, Bydelsnavn), "" where a client gives none. Matched to the tree by the caller.
    districts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f["severity"] == ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        if not self.readable:
            return 2
        return 1 if self.has_errors else 0

    def as_json(self) -> dict[str, Any]:
        """The report for the CLI, in the active language: each finding's message and each rule's
        name translated (once per template), without the stored template and parameters."""
        findings = [
            {"rule": f["rule"], "severity": f["severity"], "record": f["record"], "message": f["message"]}
            for f in localize(self.findings)
        ]
        summary = dict(self.summary)
        if "by_rule" in summary:
            summary["by_rule"] = {
                rule: {**entry, "name": str(DESCRIPTION.get(rule, gettext("Filen kan ikke leses")))}
                for rule, entry in summary["by_rule"].items()
            }
        return {
            "file": self.file,
            "valid_xml": self.valid_xml,
            "findings": findings,
            "summary": summary,
            "indicators": self.indicators,
        }


Schemas = tuple[etree.XMLSchema, etree.XMLSchema, etree.XMLSchema]


@lru_cache(maxsize=4)
def _schemas(directory: str) -> Schemas | None:
    base = Path(directory)
    names = ("Avgiver.xsd", "Individ.xsd", "KostraBarnevern.xsd")
    if not all((base / name).is_file() for name in names):
        return None
    avgiver, individ, whole = (safe_schema(base / name) for name in names)
    return avgiver, individ, whole


def schemas() -> Schemas | None:
    """The 15F schemas from the shared data dir, read at run time (never copied into the repo)."""
    from fagloft.lib.shared_data import shared_data_dir

    base = shared_data_dir()
    return None if base is None else _schemas(str(base / "kostra-15f" / "xsd"))


class _CountingFile:
    """Wraps the file so progress can be reported in bytes read."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.position += len(data)
        return data


def _strip_unknown(element: Any) -> None:
    attributes, children = KNOWN.get(element.tag, (frozenset(), frozenset()))
    for name in [n for n in element.attrib if n not in attributes]:
        del element.attrib[name]
    for child in list(element):
        if not isinstance(child.tag, str) or child.tag not in children:
            element.remove(child)
        else:
            _strip_unknown(child)


def prepare(individ: Individ, year: int) -> None:
    """Facts from the identity number that several rules need, computed once."""
    fnr = individ.fodselsnummer
    individ.age = ssn.age_in_years(fnr, year)
    individ.fnr_checksum_valid = fnr is not None and ssn.is_checksum_valid(fnr)


def _duplicate_ids(individ: Individ) -> str | None:
    """The xs:unique constraints of Individ.xsd, which KostraBarnevern.xsd does not carry: the name
    of the first element (Melding, Plan, Tiltak, Flytting) whose Ids repeat, or None."""
    for element, items in (
        ("Melding", individ.meldinger),
        ("Plan", individ.planer),
        ("Tiltak", individ.tiltak),
        ("Flytting", individ.flyttinger),
    ):
        if len(items) > 1 and len({item.id for item in items}) != len(items):
            return element
    return None


def _district_of(number: str | None, name: str | None) -> tuple[str, str]:
    """A client's district as the file gives it: a number of one digit is padded («2» is «02»)."""
    number = (number or "").strip()[:10]
    if number.isdigit() and len(number) == 1:
        number = f"0{number}"
    return number, " ".join((name or "").split())[:100]


def _scrub(message: str) -> str:
    # Schema errors quote offending values; a value may be an identity number.
    return _LONG_NUMBER.sub("'…'", message)[:300]


class Validator:
    """One run over one file. Use `validate_file()`."""

    def __init__(
        self,
        path: str,
        year: int | None,
        municipality: str | None,
        progress: Progress | None,
        schema_set: Schemas | None,
        fast: bool,
        max_per_rule: int | None = None,
    ) -> None:
        self.report = Report(file=os.path.basename(path))
        self.path = path
        self.year_arg, self.municipality_arg = year, municipality
        self.progress = progress
        self.schemas = schema_set
        # Fast path: the whole file is validated while it streams (in C, against KostraBarnevern.xsd);
        # if it fails, the run starts again checking each Individ against Individ.xsd on its own.
        self.fast = fast and schema_set is not None
        self.ctx: Context | None = None
        self.derivation: Derivation | None = None
        self.avgivere = self.individer = self.valid_individer = 0
        self.all_schema_valid = True
        self.salt = secrets.token_bytes(16)
        # Duplicate checks (Individ04/05) need a little state per client: a salted 8-byte hash of the
        # identity number with the first journal number (a list only once a duplicate turns up).
        self.seen_fnr: dict[bytes, str | list[str]] = {}
        self.seen_journal: dict[str, int] = Counter()
        self.max_per_rule = max_per_rule
        self.counts: dict[str, int] = {}
        self.districts: set[tuple[str, str]] = set()

    def add(self, rule: str, severity: str, record: str, message: Message) -> None:
        self._add_capped(rule, severity, record, message)

    def _add_capped(self, rule: str, severity: str, record: str, message: Message) -> None:
        # Every finding is counted; only the first `max_per_rule` of each rule are kept, so memory
        # stays bounded however broken a big file is. A kept finding stores its bokmål text (SSB's
        # wording) and the template with its parameters, which the report translates when shown;
        # nothing is translated here, in the loop over every client.
        count = self.counts[rule] = self.counts.get(rule, 0) + 1
        if self.max_per_rule is None or count <= self.max_per_rule:
            template, params = message
            self.report.findings.append(
                {
                    "rule": rule,
                    "severity": severity,
                    "record": record,
                    "message": render(template, params),
                    "template": template,
                    "params": params,
                }
            )

    # -- context ------------------------------------------------------------------------------

    def context_from(self, raw_year: str | None, raw_municipality: str | None) -> None:
        if self.ctx is not None:
            return
        year = self.year_arg
        if year is None:
            # A year outside the window the rules accept (e.g. Versjon="0001") falls back to last year.
            stated = int(raw_year) if raw_year and raw_year.isdigit() else 0
            year = stated if 1998 <= stated <= 2049 else datetime.date.today().year - 1
        municipality = self.municipality_arg or raw_municipality or "0000"
        region = municipality if len(municipality) == 6 else f"{municipality[:4]:0>4}00"
        self.ctx = Context(year=year, region=region)
        self.derivation = Derivation(year)
        self.report.year, self.report.municipality = year, region[:4]

    # -- elements -----------------------------------------------------------------------------

    def _schema_error(self, schema: etree.XMLSchema, element: Any) -> str | None:
        if element.tag == "Avgiver" and (element.get("Versjon") or "").isdigit():
            # The program reads Versjon as a number: "0001" becomes "1", which is no xs:gYear.
            element.set("Versjon", str(int(element.get("Versjon"))))
        if schema.validate(element):
            return None
        _strip_unknown(element)
        if schema.validate(element):
            return None
        last = schema.error_log.last_error
        return _scrub(f"linje {last.line}: {last.message}") if last is not None else ""

    def on_avgiver(self, element: Any) -> None:
        self.context_from(element.get("Versjon"), element.get("Kommunenummer"))
        problem = self._schema_error(self.schemas[0], element) if self.schemas else None
        message: Message | None = None
        try:
            avgiver = read_avgiver(element) if problem is None else None
        except MappingError:
            avgiver = None
            message = (
                gettext_noop("Klarer ikke å validere Avgiver mot filspesifikasjonen (mangler påkrevd attributt)."),
                {},
            )
        if avgiver is None:
            self.all_schema_valid = False
            # The schema's own explanation (lxml's English) is quoted as it is: it cannot be translated.
            self.add(
                "Avgiver01",
                ERROR,
                "Avgiver",
                message
                or (
                    gettext_noop("Klarer ikke å validere Avgiver mot filspesifikasjonen (%(problem)s)."),
                    {"problem": problem},
                ),
            )
            return
        self.avgivere += 1
        for rule in AVGIVER_RULES:
            for message in rule.check(avgiver, self.ctx):
                self.add(rule.id, rule.severity, "Avgiver", message)

    def on_individ(self, element: Any) -> None:
        self.context_from(None, None)
        self.individer += 1
        # Read before the schema check: a client whose record fails still belongs to its district.
        self.districts.add(_district_of(element.get("Bydelsnummer"), element.get("Bydelsnavn")))
        problem = self._schema_error(self.schemas[1], element) if self.schemas and not self.fast else None
        individ: Individ | None = None
        message: Message | None = None
        if problem is None:
            try:
                individ = read_individ(element)
            except MappingError as error:
                message = (
                    gettext_noop(
                        "Definisjon av Individ er feil i forhold til filspesifikasjonen (mangler "
                        "eller ugyldig %(field)s)."
                    ),
                    {"field": str(error)},
                )
        if individ is not None and self.fast:
            element_name = _duplicate_ids(individ)
            if element_name:
                individ = None
                message = (
                    gettext_noop(
                        "Definisjon av Individ er feil i forhold til filspesifikasjonen "
                        "(%(element)s-Id er ikke unik innen individet)."
                    ),
                    {"element": element_name},
                )
        if individ is None:
            self.all_schema_valid = False
            record = element.get("Journalnummer") or element.get("Id") or f"Individ nr. {self.individer}"
            self.add(
                "Individ01",
                ERROR,
                record,
                message
                or (
                    gettext_noop("Definisjon av Individ er feil i forhold til filspesifikasjonen (%(problem)s)."),
                    {"problem": problem},
                ),
            )
            return
        self.valid_individer += 1
        self.check_individ(individ)

    def check_individ(self, individ: Individ) -> None:
        ctx = self.ctx
        assert ctx is not None and self.derivation is not None
        prepare(individ, ctx.year)
        record = individ.journalnummer
        add = self._add_capped
        for needs, group in _RULE_GROUPS:
            if needs and not getattr(individ, needs):
                continue
            for rule_id, severity, check in group:
                messages = check(individ, ctx)
                if messages:
                    for message in messages:
                        add(rule_id, severity, record, message)
        self._remember(individ)
        self.derivation.add(individ)

    def _remember(self, individ: Individ) -> None:
        """State for the duplicate checks (Individ04/05), as SSB's program keeps it."""
        fnr, record = individ.fodselsnummer, individ.journalnummer
        if fnr is None:
            return
        self.seen_journal[record] += 1
        if not individ.fnr_checksum_valid:
            return
        key = hashlib.blake2b(fnr.encode(), key=self.salt, digest_size=8).digest()
        existing = self.seen_fnr.get(key)
        if existing is None:
            self.seen_fnr[key] = record
        elif isinstance(existing, list):
            existing.append(record)
        else:
            self.seen_fnr[key] = [existing, record]

    # -- run ----------------------------------------------------------------------------------

    def run(self, max_bytes: int | None) -> Report:
        try:
            total = check_file(self.path, max_bytes)
            self._stream(total)
        except UnsafeXmlError as error:
            self.report.readable, self.report.valid_xml, self.report.error = False, False, str(error)
            # The refusal's own template and parameters, so the stored report reads in any language.
            template, params = error.template, error.params
            self.report.findings = [
                {
                    "rule": "",
                    "severity": ERROR,
                    "record": "",
                    "message": render(template, params),
                    "template": template,
                    "params": params,
                }
            ]
            self.report.summary = self._summary()
            return self.report
        self._finish()
        return self.report

    def _stream(self, total: int) -> None:
        with open(self.path, "rb") as handle:
            counting = _CountingFile(handle)
            extra = {"schema": self.schemas[2]} if self.fast and self.schemas else {}
            context = hardened_iterparse(counting, events=("end",), tag=("Avgiver", "Individ"), **extra)
            root_checked = False
            for _event, element in context:
                if not root_checked:
                    self._check_root(element.getroottree().getroot().tag)
                    root_checked = True
                if element.tag == "Avgiver":
                    self.on_avgiver(element)
                else:
                    self.on_individ(element)
                    if self.progress is not None and self.individer % 500 == 0:
                        self.progress(counting.position, total)
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
            if not root_checked:
                root = context.root
                self._check_root(root.tag if root is not None else None)
            if self.progress is not None:
                self.progress(total, total)

    def _check_root(self, tag: str | None) -> None:
        if tag != ROOT:
            if tag:
                raise UnsafeXmlError(
                    gettext_noop(
                        "Filen er ikke en KOSTRA 15F-fil: rotelementet skal være <%(root)s>, men er <%(tag)s>."
                    ),
                    {"root": ROOT, "tag": str(tag)[:60]},
                )
            raise UnsafeXmlError(
                gettext_noop(
                    "Filen er ikke en KOSTRA 15F-fil: rotelementet skal være <%(root)s>, "
                    "men filen har ingen avgiver eller individer."
                ),
                {"root": ROOT},
            )

    def _finish(self) -> None:
        self.context_from(None, None)
        if self.avgivere != 1:
            self.add(
                "Avgiver00",
                ERROR,
                "Avgiver",
                (gettext_noop("Antall gyldige avgivere skal være 1, fant %(count)s."), {"count": self.avgivere}),
            )
        if self.valid_individer < 1:
            self.add("Individ00", ERROR, "", (gettext_noop("Filen mangler gyldige individer."), {}))
        self._duplicate_findings()
        # Nothing in the file conformed to the 15F schema: it cannot be read as a 15F file.
        if self.avgivere == 0 and self.valid_individer == 0:
            self.report.readable = False
            self.report.error = "Verken avgiver eller noe individ i filen følger filbeskrivelsen for KOSTRA 15F."
        # Without the shared XSDs this says only that the file was well-formed and every record
        # could be read; the summary then says "schema_validation": "unavailable".
        self.report.valid_xml = self.all_schema_valid
        assert self.derivation is not None
        self.report.indicators = self.derivation.result()
        self.report.districts = sorted(self.districts)
        self.report.summary = self._summary()

    def _duplicate_findings(self) -> None:
        # One entry per journal involved, as the program reports them; never the number itself.
        for journals in self.seen_fnr.values():
            if isinstance(journals, list):
                for journal in journals:
                    others = ", ".join(j for j in journals if j != journal) or journal
                    self.add(
                        "Individ04",
                        ERROR,
                        journal,
                        (
                            gettext_noop(
                                "Dublett for fødselsnummer: samme fødselsnummer er brukt for journalnummer %(others)s."
                            ),
                            {"others": others},
                        ),
                    )
        for journal, count in self.seen_journal.items():
            if count > 1:
                for _ in range(count):
                    self.add(
                        "Individ05",
                        ERROR,
                        journal,
                        (
                            gettext_noop("Dublett for journalnummer (%(journal)s): brukt %(count)s ganger."),
                            {"journal": journal, "count": count},
                        ),
                    )
        self.seen_fnr.clear()

    def _summary(self) -> dict[str, Any]:
        by_rule: dict[str, dict[str, Any]] = {}
        for finding in self.report.findings:
            rule = finding["rule"] or "(fil)"
            by_rule.setdefault(rule, {"severity": finding["severity"], "count": self.counts.get(finding["rule"], 1)})
        shown = len(self.report.findings)
        total = sum(entry["count"] for entry in by_rule.values())
        return {
            "children": self.individer,
            "children_valid": self.valid_individer,
            "errors": sum(e["count"] for e in by_rule.values() if e["severity"] == ERROR),
            "warnings": sum(e["count"] for e in by_rule.values() if e["severity"] == WARNING),
            "findings_shown": shown,
            "findings_total": total,
            "by_rule": dict(sorted(by_rule.items())),
            "year": self.report.year,
            "municipality": self.report.municipality,
            "schema_validation": "available" if self.schemas is not None else "unavailable",
            "readable": self.report.readable,
            "error": self.report.error,
        }


def validate_file(
    path: str | os.PathLike[str],
    year: int | None = None,
    municipality: str | None = None,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    use_schema: bool = True,
    max_per_rule: int | None = None,
) -> Report:
    """Validate a 15F file and derive its indicators. Never raises for a bad file: see `Report.readable`.

    `max_per_rule` keeps only that many findings per rule in the report (all are still counted).
    """
    schema_set = schemas() if use_schema else None
    arguments = (str(path), year, municipality, progress, schema_set)
    try:
        return Validator(*arguments, fast=True, max_per_rule=max_per_rule).run(max_bytes)
    except SchemaInvalidError:
        return Validator(*arguments, fast=False, max_per_rule=max_per_rule).run(max_bytes)
