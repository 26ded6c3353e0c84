"""Reads for pages, the API, attention items and other apps (reports)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from fagloft.accounts.access import visible
from fagloft.assessments import permissions as perms
from fagloft.assessments.models import (
    AgreedAction,
    Assessment,
    DialogueMeeting,
    FollowUpMeasure,
    GuidanceEngagement,
    Need,
    RiskBand,
    RiskLevel,
    SignalRule,
    Theme,
    ThemeEntry,
)
from fagloft.organizations.models import County, Municipality, Service, ServiceCoverage
from fagloft.organizations.queries import municipalities_in_county

RISK_ORDER: dict[str, int] = {RiskLevel.LOW: 1, RiskLevel.MODERATE: 2, RiskLevel.HIGH: 3}
# Fill colours for the map; the label beside each colour carries the same information in text.
RISK_COLOURS: dict[str, str] = {RiskLevel.LOW: "#4d9a5b", RiskLevel.MODERATE: "#e0b400", RiskLevel.HIGH: "#c6302c"}
# A municipality without an assessment: the map's fill and the legend's swatch come from here.
NO_ASSESSMENT_COLOUR = "#d5d9de"


def visible_assessments(user: Any) -> QuerySet[Assessment]:
    """The assessments `user` may read: the service side (service leader, municipal leadership)
    at every stage, the county governor and Bufdir only once the leadership has forwarded them
    (`permissions.FORWARDED_OR_OWN`, the same rule `can()` applies to one assessment)."""
    base = Assessment.objects.select_related("service__host_municipality")
    own = visible(user, perms.READ_OWN_ASSESSMENT, Assessment.objects.all()).values("pk")
    shared = visible(
        user, perms.VIEW_ASSESSMENT, Assessment.objects.filter(status__in=perms.SHARED_WITH_COUNTY)
    ).values("pk")
    return base.filter(Q(pk__in=own) | Q(pk__in=shared))


def awaiting_leadership(user: Any) -> QuerySet[Assessment]:
    """Submitted assessments the municipal leadership `user` may forward or send back."""
    return visible(
        user,
        perms.REVIEW_ASSESSMENT,
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED).select_related("service"),
    )


def visible_meetings(user: Any) -> QuerySet[DialogueMeeting]:
    return visible(
        user, perms.VIEW_MEETINGS, DialogueMeeting.objects.select_related("municipality", "service", "county")
    )


def visible_engagements(user: Any) -> QuerySet[GuidanceEngagement]:
    return visible(user, perms.VIEW_GUIDANCE, GuidanceEngagement.objects.select_related("service"))


def risk_bands() -> list[RiskBand]:
    return list(RiskBand.objects.order_by("max_score"))


def band_for(score: int | None, bands: list[RiskBand]) -> str | None:
    """The risk level of a likelihood × consequence product; products above every band are high."""
    if score is None:
        return None
    for band in bands:
        if score <= band.max_score:
            return band.level
    return RiskLevel.HIGH


def latest_assessments(services: QuerySet[Service]) -> dict[int, Assessment]:
    """Per service, the newest assessment the municipal leadership has forwarded to the county
    governor (latest year, highest version). Drafts and assessments still with the leadership are
    the municipality's own: the county overview and the national picture never show them. One
    query for the ids, one for the rows."""
    mine = (
        Assessment.objects.filter(service=OuterRef("pk"), status__in=perms.SHARED_WITH_COUNTY)
        .order_by("-year", "-revision")
        .values("pk")
    )
    ids = [pk for pk in services.annotate(shared=Subquery(mine[:1])).values_list("shared", flat=True) if pk]
    return {a.service_id: a for a in Assessment.objects.filter(pk__in=ids)}


def fired_signals(assessment: Assessment | None) -> list[dict[str, Any]]:
    """The signals stored when the assessment was submitted, only those that fired."""
    if assessment is None:
        return []
    return [s for s in assessment.signals_snapshot or [] if s.get("fired")]


@dataclass
class ServiceRow:
    service: Service
    municipalities: list[Municipality]
    assessment: Assessment | None
    signals: list[dict[str, Any]] = field(default_factory=list)

    @property
    def risk_level(self) -> str:
        return self.assessment.risk_level if self.assessment else ""


def structure_day(county: County) -> datetime.date:
    """Today for a current county; its last day for one that has ended (shown as it was then)."""
    if county.is_valid_on() or county.valid_to is None:
        return timezone.localdate()
    return county.valid_to


def county_services(county: County) -> QuerySet[Service]:
    day = structure_day(county)
    coverages = ServiceCoverage.objects.valid_on(day).filter(municipality__in=municipalities_in_county(county, day))
    return Service.objects.filter(pk__in=coverages.values("service")).order_by("name")


def county_overview(county: County) -> tuple[list[ServiceRow], dict[int, str]]:
    """All services in the county with their latest assessment, and each municipality's risk level
    (the highest of the services that serve it)."""
    current = ServiceCoverage.objects.valid_on(structure_day(county)).select_related("municipality")
    services = county_services(county).prefetch_related(Prefetch("coverages", queryset=current))
    latest = latest_assessments(services)
    rows: list[ServiceRow] = []
    by_municipality: dict[int, str] = {}
    for service in services:
        assessment = latest.get(service.pk)
        municipalities = [c.municipality for c in service.coverages.all()]
        rows.append(ServiceRow(service, municipalities, assessment, fired_signals(assessment)))
        level = assessment.risk_level if assessment else ""
        for municipality in municipalities:
            highest = by_municipality.get(municipality.pk, "")
            if RISK_ORDER.get(level, 0) > RISK_ORDER.get(highest, 0):
                by_municipality[municipality.pk] = level
    return rows, by_municipality


def national_picture() -> list[dict[str, Any]]:
    """For every current county: the number of services at each latest risk level."""
    services = Service.objects.all()
    latest = latest_assessments(services)
    counties_of = defaultdict(set)
    for service_id, county_id in services.values_list("pk", "coverages__municipality__county_periods__county"):
        if county_id:
            counties_of[county_id].add(service_id)
    rows = []
    for county in County.objects.valid_on():
        counts: Counter[str] = Counter()
        for service_id in counties_of.get(county.pk, ()):
            assessment = latest.get(service_id)
            counts[assessment.risk_level if assessment and assessment.risk_level else "none"] += 1
        rows.append({"county": county, "counts": counts, "total": sum(counts.values())})
    return rows


def rules_visible_to(user: Any) -> QuerySet[SignalRule]:
    """County rules in the user's scope, and Bufdir's national rules (which apply to everyone)."""
    scoped = visible(user, perms.VIEW_SIGNAL_RULES, SignalRule.objects.all())
    national = SignalRule.objects.filter(county__isnull=True)
    return (scoped | national).select_related("county", "theme").order_by("county__number", "kind", "name")


def overdue_actions(user: Any) -> QuerySet[AgreedAction]:
    return visible(
        user, perms.VIEW_MEETINGS, AgreedAction.objects.filter(is_done=False, deadline__lt=timezone.localdate())
    )


def report_assessment(service: Service, year: int) -> Assessment | None:
    """The assessment the tilstandsrapport reads for `year`: the final version if there is one,
    else the newest version (the service's own report may draw on its draft)."""
    versions = Assessment.objects.filter(service=service, year=year).order_by("-revision")
    return versions.filter(status=Assessment.Status.FINAL).first() or versions.first()


def engagements_of(service: Service, year: int) -> QuerySet[GuidanceEngagement]:
    """The service's guidance-team engagements that ran in `year` (or have no period yet)."""
    return (
        GuidanceEngagement.objects.filter(service=service)
        .filter(Q(period_start__isnull=True) | Q(period_start__year__lte=year))
        .filter(Q(period_end__isnull=True) | Q(period_end__year__gte=year))
        .exclude(status=GuidanceEngagement.Status.DECLINED)
        .order_by("period_start", "pk")
    )


# The chain (issue 10): needs, risk history, guidance-team candidates ---------------------------

# Statuses that count as "submitted" for the needs other apps read when no final one exists.
SUBMITTED_OR_LATER = ("submitted", "forwarded", "discussed")
FINAL = "final"


def _chosen_assessment_ids(service_ids: list[int] | QuerySet[Any], year: int | None) -> list[int]:
    """Per service: its latest final assessment (year, then version), or if it has none, its latest
    submitted one (submitted, forwarded or discussed). `year` keeps only that year and earlier.
    One query."""
    rows = Assessment.objects.filter(service_id__in=service_ids, status__in=(*SUBMITTED_OR_LATER, FINAL))
    if year is not None:
        rows = rows.filter(year__lte=year)
    best: dict[int, tuple[tuple[int, int, int], int]] = {}
    for pk, service_id, status, assessment_year, revision in rows.values_list(
        "pk", "service_id", "status", "year", "revision"
    ):
        key = (1 if status == FINAL else 0, assessment_year, revision)
        if service_id not in best or key > best[service_id][0]:
            best[service_id] = (key, pk)
    return [pk for _key, pk in best.values()]


def _needs(assessment_ids: list[int]) -> list[Need]:
    return list(
        Need.objects.filter(assessment_id__in=assessment_ids)
        .select_related("theme", "assessment__service")
        .defer("assessment__signals_snapshot")  # a JSON column decoded per need, not shown with them
        .order_by("assessment__service__name", "assessment__year", "position", "pk")
    )


def latest_final_needs(municipality_ids: Any, *, year: int | None = None) -> list[Need]:
    """The needs of the services that serve these municipalities (today's coverage), each from its
    latest final assessment — or, if it has none, its latest submitted one. `year`: only
    assessments for that year or earlier. Not filtered by user: the caller shows them to whom it
    may (the network's steering group reads its members' needs). Two queries."""
    service_ids = ServiceCoverage.objects.valid_on().filter(municipality_id__in=list(municipality_ids))
    return _needs(_chosen_assessment_ids(service_ids.values("service_id"), year))


def needs_for_service(service: Service, year: int | None = None) -> list[Need]:
    """The needs of one service's latest final (else latest submitted) assessment, up to `year`."""
    return _needs(_chosen_assessment_ids([service.pk], year))


def risk_history(service: Service, *, include_own: bool = False) -> list[tuple[int, str]]:
    """[(year, overall risk level)] oldest first: per year the highest version the leadership has
    forwarded (discussed, final). `include_own` adds the service side's submitted versions (a
    draft's level is not yet the service's word). Years without a level are left out. One query."""
    statuses = [*perms.SHARED_WITH_COUNTY, *(["submitted"] if include_own else [])]
    latest: dict[int, tuple[int, str]] = {}
    for year, revision, level in Assessment.objects.filter(service=service, status__in=statuses).values_list(
        "year", "revision", "risk_level"
    ):
        if year not in latest or revision > latest[year][0]:
            latest[year] = (revision, level)
    return [(year, level) for year, (_revision, level) in sorted(latest.items()) if level]


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The assessment the service made before this year's: the latest final (else submitted) one
    of an earlier year."""
    ids = _chosen_assessment_ids([assessment.service_id], assessment.year - 1)
    return Assessment.objects.filter(pk__in=ids).first()


@dataclass
class PreviousTheme:
    """What last year's assessment said in one theme: its needs and follow-up measures, and the
    guidance engagements asked for from those needs (the other apps' answers come through
    `fagloft.lib.links` on each need)."""

    needs: list[Need] = field(default_factory=list)
    measures: list[FollowUpMeasure] = field(default_factory=list)


def previous_by_theme(previous: Assessment | None) -> dict[int | None, PreviousTheme]:
    """{theme id (None: no theme): PreviousTheme}; three queries however many needs."""
    if previous is None:
        return {}
    grouped: dict[int | None, PreviousTheme] = defaultdict(PreviousTheme)
    engagements = Prefetch("guidance_engagements", queryset=GuidanceEngagement.objects.order_by("-created_at"))
    for need in previous.need_items.select_related("theme").prefetch_related(engagements):
        need.assessment = previous  # the one object, not a joined copy per need (JSON columns decoded)
        grouped[need.theme_id].needs.append(need)
    for measure in previous.measures.select_related("theme"):
        grouped[measure.theme_id].measures.append(measure)
    return dict(grouped)


@dataclass
class Candidate:
    """A service the county governor should consider for a guidance team, and why."""

    service: Service
    assessment: Assessment | None
    reasons: list[str]
    engagement: GuidanceEngagement | None = None


def _high_runs(years_high: list[int]) -> list[list[int]]:
    """Runs of consecutive years, at least two long: [2022, 2023, 2025] → [[2022, 2023]]."""
    runs: list[list[int]] = []
    for year in sorted(set(years_high)):
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [run for run in runs if len(run) >= 2]


def guidance_candidates(rows: list[ServiceRow]) -> list[Candidate]:
    """The county overview's candidates for a guidance team, from the services' forwarded
    assessments: overall risk high in the latest one; high risk in the same theme in two or more
    consecutive years; vulnerability signals that fired at submission. A fixed number of queries
    for the whole county."""
    services = {row.service.pk: row for row in rows}
    bands = risk_bands()
    themes = {t.pk: t for t in Theme.objects.all()}
    # Per (service, year) the highest forwarded version; its themes' bands.
    chosen: dict[tuple[int, int], int] = {}
    entries = ThemeEntry.objects.filter(
        assessment__service_id__in=list(services), assessment__status__in=perms.SHARED_WITH_COUNTY
    ).values_list(
        "assessment__service_id", "assessment__year", "assessment__revision", "theme_id", "likelihood", "consequence"
    )
    scores: dict[tuple[int, int, int], list[tuple[int, int | None]]] = defaultdict(list)
    for service_id, year, revision, theme_id, likelihood, consequence in entries:
        chosen[(service_id, year)] = max(chosen.get((service_id, year), 0), revision)
        score = likelihood * consequence if likelihood and consequence else None
        scores[(service_id, year, revision)].append((theme_id, score))
    high_years: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (service_id, year), revision in chosen.items():
        for theme_id, score in scores[(service_id, year, revision)]:
            if band_for(score, bands) == RiskLevel.HIGH:
                high_years[(service_id, theme_id)].append(year)
    open_engagements = {
        e.service_id: e
        for e in GuidanceEngagement.objects.filter(
            service_id__in=list(services), status__in=("requested", "offered", "accepted", "running")
        ).order_by("created_at")
    }
    candidates = []
    for service_id, row in services.items():
        reasons: list[str] = []
        if row.assessment and row.assessment.risk_level == RiskLevel.HIGH:
            reasons.append(_("Samlet risiko høy i {year}.").format(year=row.assessment.year))
        for (sid, theme_id), years in sorted(high_years.items(), key=lambda item: item[0]):
            if sid != service_id:
                continue
            for run in _high_runs(years):
                theme = themes.get(theme_id)
                reasons.append(
                    _("Høy risiko i «{theme}» {first}–{last}.").format(
                        theme=theme.name if theme else "–", first=run[0], last=run[-1]
                    )
                )
        for signal in row.signals:
            if signal.get("kind") == SignalRule.Kind.VULNERABILITY:
                reasons.append(
                    _("Sårbarhetssignal: {message}").format(message=signal.get("message") or signal.get("name"))
                )
        if reasons:
            candidates.append(Candidate(row.service, row.assessment, reasons, open_engagements.get(service_id)))
    return candidates


def open_engagements_waiting(user: Any, states: tuple[str, ...], action: Any) -> QuerySet[GuidanceEngagement]:
    """Engagements in one of `states` on which `user` holds `action` (who must take the next step)."""
    return visible(
        user, action, GuidanceEngagement.objects.filter(status__in=states).select_related("service")
    ).order_by("created_at")


def report_assessments(service_ids: Any, year: int) -> dict[int, Assessment]:
    """`report_assessment` for many services in two queries, entries and themes prefetched (overviews)."""
    chosen: dict[int, Assessment] = {}
    rows = (
        Assessment.objects.filter(service_id__in=list(service_ids), year=year)
        .prefetch_related(Prefetch("entries", queryset=ThemeEntry.objects.select_related("theme")))
        .order_by("service_id", "-revision")
    )
    for assessment in rows:
        current = chosen.get(assessment.service_id)
        if current is None or (
            assessment.status == Assessment.Status.FINAL and current.status != Assessment.Status.FINAL
        ):
            chosen[assessment.service_id] = assessment
    return chosen
