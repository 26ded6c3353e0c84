"""Reads of the kostra app for pages: the user's own runs, and the report grouped and filtered."""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from fagloft.accounts.access import visible
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.permissions import UPLOAD
from fagloft.kostra.validation.rules import DESCRIPTION, SEVERITY, localize
from fagloft.organizations.models import District, Service


def upload_services(user: Any) -> QuerySet[Service]:
    return visible(user, UPLOAD, Service.objects.all()).order_by("name")


def own_runs(user: Any) -> QuerySet[ValidationRun]:
    """Reports are private to the user who uploaded the file, even for admins and other leaders."""
    if not getattr(user, "is_authenticated", False):
        return ValidationRun.objects.none()
    return visible(user, UPLOAD, ValidationRun.objects.filter(uploaded_by=user)).select_related("service")


def district_labels(run: ValidationRun) -> list[str]:
    """The file's city districts for the report («01 Gamle Oslo», «uten bydel»); empty for a file
    whose clients carry no district at all (every file outside Oslo)."""
    if not any(run.district_numbers) and not run.unmatched_district_names:
        return []
    names = dict(District.objects.filter(municipality__number=run.municipality_number).values_list("number", "name"))
    labels = [f"{number} {names[number]}" if number in names else number for number in run.district_numbers if number]
    labels += [_("«%(name)s» (ukjent bydel)") % {"name": name} for name in run.unmatched_district_names]
    if "" in run.district_numbers:
        labels.append(_("uten bydel"))
    return labels


@dataclass
class Group:
    key: str
    title: str
    severity: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "ERROR")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "WARNING")


def rule_name(rule: str) -> str:
    """The control's name in the active language (SSB's bokmål wording in bokmål)."""
    return str(DESCRIPTION[rule]) if rule in DESCRIPTION else _("Filen kan ikke leses")


def filter_findings(
    findings: list[dict[str, Any]], severity: str = "", rule: str = "", record: str = ""
) -> list[dict[str, Any]]:
    record = record.strip().lower()
    return [
        f
        for f in findings
        if (not severity or f["severity"] == severity)
        and (not rule or f["rule"] == rule)
        and (not record or record in f["record"].lower())
    ]


def by_rule(findings: list[dict[str, Any]]) -> list[Group]:
    groups: OrderedDict[str, Group] = OrderedDict()
    for finding in sorted(findings, key=lambda f: (f["severity"] != "ERROR", f["rule"])):
        key = finding["rule"] or "-"
        if key not in groups:
            title = rule_name(finding["rule"])
            groups[key] = Group(key, title, finding["severity"])
        groups[key].findings.append(finding)
    return list(groups.values())


def by_record(findings: list[dict[str, Any]]) -> list[Group]:
    groups: OrderedDict[str, Group] = OrderedDict()
    for finding in sorted(findings, key=lambda f: f["record"]):
        key = finding["record"] or "-"
        groups.setdefault(key, Group(key, key)).findings.append(finding)
    return list(groups.values())


def rule_choices(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    rules = sorted({f["rule"] for f in findings if f["rule"]})
    return [(rule, f"{rule} – {rule_name(rule)}") for rule in rules]


def localized(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings with messages in the active language (each template translated once)."""
    return localize(findings)


@dataclass
class RuleResult:
    """One control's line in the downloads: id, name, severity, how many findings, which journals."""

    rule: str
    name: str
    severity: str
    count: int
    journals: list[str]


def rule_results(run: ValidationRun) -> list[RuleResult]:
    """Per control: the count of all its findings (also those beyond the 1,000 kept per rule, from
    the summary) and the journal numbers of the kept ones, errors first. Journal numbers only:
    never a name or an identity number (the findings hold neither)."""
    journals: dict[str, dict[str, None]] = {}
    kept: Counter[str] = Counter()
    for finding in run.findings:
        key = finding["rule"] or "(fil)"
        kept[key] += 1
        bucket = journals.setdefault(key, {})
        if finding["record"]:
            bucket[finding["record"]] = None
    by_rule = (run.summary or {}).get("by_rule") or {}
    results = []
    for key, records in journals.items():
        entry = by_rule.get(key) or {}
        rule = "" if key == "(fil)" else key
        results.append(
            RuleResult(
                rule,
                rule_name(rule),
                entry.get("severity") or SEVERITY.get(rule, "ERROR"),
                int(entry.get("count") or kept[key]),
                sorted(records),
            )
        )
    return sorted(results, key=lambda r: (r.severity != "ERROR", r.rule))
