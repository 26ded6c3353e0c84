"""The suggested overall risk level: computed from the theme scores by the national rule
(`RiskSuggestionRule`, Bufdir's data) and the risk bands. The service may choose another level,
but only with a written reason (`services.assessments`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from fagloft.assessments.models import Assessment, RiskBand, RiskLevel, RiskSuggestionRule, ThemeEntry
from fagloft.assessments.queries import band_for

ORDER: dict[str, int] = {RiskLevel.LOW: 1, RiskLevel.MODERATE: 2, RiskLevel.HIGH: 3}


@dataclass(frozen=True)
class Suggestion:
    level: str  # empty when no theme has both likelihood and consequence
    reason: str

    @property
    def label(self) -> str:
        return str(dict(RiskLevel.choices).get(self.level, "")) if self.level else ""


def current_rule() -> RiskSuggestionRule:
    """The national rule; a database without one (a fresh test) suggests by the highest band."""
    return RiskSuggestionRule.objects.order_by("pk").first() or RiskSuggestionRule(
        method=RiskSuggestionRule.Method.HIGHEST
    )


def suggest(
    entries: Iterable[ThemeEntry], bands: list[RiskBand] | None = None, rule: RiskSuggestionRule | None = None
) -> Suggestion:
    bands = list(RiskBand.objects.order_by("max_score")) if bands is None else bands
    rule = current_rule() if rule is None else rule
    scored = [(entry, band_for(entry.score, bands)) for entry in entries if entry.score is not None]
    if not scored:
        return Suggestion("", _("Ingen temaer har både sannsynlighet og konsekvens ennå."))
    levels = [level for _entry, level in scored if level]
    if rule.method == RiskSuggestionRule.Method.COUNT:
        high = sum(1 for level in levels if level == RiskLevel.HIGH)
        moderate_or_high = sum(1 for level in levels if ORDER[level] >= ORDER[RiskLevel.MODERATE])
        if high >= rule.min_high_themes:
            level = RiskLevel.HIGH
        elif moderate_or_high >= rule.min_moderate_themes:
            level = RiskLevel.MODERATE
        else:
            level = RiskLevel.LOW
        return Suggestion(
            level,
            _(
                "{high} temaer med høy risiko og {moderate} med moderat eller høy "
                "(regel: høy fra {h}, moderat fra {m})."
            ).format(high=high, moderate=moderate_or_high, h=rule.min_high_themes, m=rule.min_moderate_themes),
        )
    top_entry, top = max(scored, key=lambda pair: (ORDER.get(pair[1] or "", 0), pair[0].score or 0))
    return Suggestion(
        top or "",
        _("Høyeste risikobånd blant temaene: {theme} (produkt {score}).").format(
            theme=top_entry.theme.name, score=top_entry.score
        ),
    )


def suggest_for(assessment: Assessment) -> Suggestion:
    return suggest(assessment.entries.select_related("theme"))


def needs_reason(chosen: str, suggestion: Suggestion) -> bool:
    """A chosen level other than a suggested one must be explained."""
    return bool(chosen and suggestion.level and chosen != suggestion.level)


def describe(assessment: Assessment, suggestion: Any) -> dict[str, Any]:
    """What the pages and the API show: the suggestion and, if another level was chosen, why."""
    return {
        "level": suggestion.level,
        "reason": suggestion.reason,
        "differs": needs_reason(assessment.risk_level, suggestion),
    }
