"""Reads of the kostra app for pages: the user's own runs, and the report grouped and filtered."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from fagloft.accounts.access import get_object_for, visible
from fagloft.kostra.models import ValidationRun
from fagloft.kostra.permissions import UPLOAD
from fagloft.kostra.validation.rules import DESCRIPTION
from fagloft.organizations.models import Service


def upload_services(user: Any) -> QuerySet[Service]:
    return visible(user, UPLOAD, Service.objects.all()).order_by("name")


def own_runs(user: Any) -> QuerySet[ValidationRun]:
    """Reports are private to the user who uploaded the file, even for admins and other leaders."""
    if not getattr(user, "is_authenticated", False):
        return ValidationRun.objects.none()
    return visible(user, UPLOAD, ValidationRun.objects.filter(uploaded_by=user)).select_related("service")


def own_run(user: Any, run_id: int) -> ValidationRun:
    return get_object_for(user, UPLOAD, own_runs(user), pk=run_id)


@dataclass
class Group:
    key: str
    title: str
    severity: str = ""
    findings: list[dict[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "ERROR")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "WARNING")


def filter_findings(findings: list[dict[str, str]], severity: str = "", rule: str = "",
                    record: str = "") -> list[dict[str, str]]:
    record = record.strip().lower()
    return [f for f in findings
            if (not severity or f["severity"] == severity) and (not rule or f["rule"] == rule)
            and (not record or record in f["record"].lower())]


def by_rule(findings: list[dict[str, str]]) -> list[Group]:
    groups: OrderedDict[str, Group] = OrderedDict()
    for finding in sorted(findings, key=lambda f: (f["severity"] != "ERROR", f["rule"])):
        key = finding["rule"] or "-"
        if key not in groups:
            title = DESCRIPTION.get(finding["rule"], "Filen kan ikke leses")
            groups[key] = Group(key, title, finding["severity"])
        groups[key].findings.append(finding)
    return list(groups.values())


def by_record(findings: list[dict[str, str]]) -> list[Group]:
    groups: OrderedDict[str, Group] = OrderedDict()
    for finding in sorted(findings, key=lambda f: f["record"]):
        key = finding["record"] or "-"
        groups.setdefault(key, Group(key, key)).findings.append(finding)
    return list(groups.values())


def rule_choices(findings: list[dict[str, str]]) -> list[tuple[str, str]]:
    rules = sorted({f["rule"] for f in findings if f["rule"]})
    return [(rule, f"{rule} – {DESCRIPTION.get(rule, '')}") for rule in rules]
