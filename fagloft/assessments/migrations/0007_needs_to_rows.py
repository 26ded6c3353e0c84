"""Data: the old free-text «hva tjenesten trenger» becomes one Need of kind «other» per
assessment; guidance engagements move to the new states; the themes get their indicators for
«status i dag»; the national rule for the suggested risk level starts as «highest band»."""

from django.db import migrations

# Old engagement status → new one. A proposal the county made is an offer waiting for the
# municipality; one the municipality asked for waits for the county.
STATUS_MAP = {"active": "running", "completed": "ended", "declined": "declined"}

# Which figures from the statistics catalogue (and the competence app's published figures)
# describe each theme's «status i dag». Codes without values are skipped on the page.
THEME_INDICATORS = {
    "competence": ["competence-requirement-share", "ssb-fagstillinger-per-1000"],
    "capacity": [
        "competence-fte",
        "competence-turnover",
        "competence-vacancies",
        "competence-fte-per-1000-children",
        "kostra-barn-per-arsverk",
    ],
    "case_flow": [
        "kostra-meldinger-innen-frist",
        "kostra-undersokelser-innen-frist",
        "kostra-undersokelser-innen-6-mnd",
        "kostra-tiltaksplan-andel",
        "kostra-tiltaksplan-evaluert",
    ],
    "measures": ["kostra-hjelpetiltak-i-hjemmet", "kostra-barn-med-tiltak-per-1000"],
    "foster_care": ["kostra-plasseringer-fosterhjem-familie", "kostra-flyttinger-per-plassert-barn"],
    "economy": ["ssb-utgifter-per-barn-0-17", "ssb-andel-utgifter-saksbehandling"],
    "supervision": ["egen-klager", "egen-avvik"],
}


def forward(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    Need = apps.get_model("assessments", "Need")
    Engagement = apps.get_model("assessments", "GuidanceEngagement")
    Theme = apps.get_model("assessments", "Theme")
    ThemeIndicator = apps.get_model("assessments", "ThemeIndicator")
    Rule = apps.get_model("assessments", "RiskSuggestionRule")
    rows = []
    # The browser tests run data migrations again against today's models, where the column is gone.
    has_text = any(f.name == "needs" for f in Assessment._meta.get_fields())
    texts = Assessment.objects.exclude(needs="").values_list("pk", "needs") if has_text else []
    for pk, text in texts:
        if text.strip() and not Need.objects.filter(assessment_id=pk).exists():
            rows.append(Need(assessment_id=pk, kind="other", description=text.strip()[:2000], position=0))
    Need.objects.bulk_create(rows)
    for engagement in Engagement.objects.all():
        if engagement.status == "proposed":
            engagement.status = "requested" if engagement.origin == "requested" else "offered"
        else:
            engagement.status = STATUS_MAP.get(engagement.status, engagement.status)
        engagement.save(update_fields=["status"])
    themes = {t.code: t for t in Theme.objects.all()}
    for code, indicators in THEME_INDICATORS.items():
        if code in themes:
            for order, indicator in enumerate(indicators):
                ThemeIndicator.objects.get_or_create(
                    theme=themes[code], indicator_code=indicator, defaults={"sort_order": order * 10}
                )
    if not Rule.objects.exists():
        Rule.objects.create(method="highest")


def backward(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    Need = apps.get_model("assessments", "Need")
    Engagement = apps.get_model("assessments", "GuidanceEngagement")
    texts: dict[int, list[str]] = {}
    for assessment_id, description in Need.objects.order_by("position", "pk").values_list(
        "assessment_id", "description"
    ):
        texts.setdefault(assessment_id, []).append(description)
    for assessment_id, parts in texts.items():
        Assessment.objects.filter(pk=assessment_id).update(needs="\n".join(parts))
    back = {"running": "active", "accepted": "active", "ended": "completed", "requested": "proposed", "offered": "proposed"}
    for old_new, old in back.items():
        Engagement.objects.filter(status=old_new).update(status=old)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0006_needs_risk_reason_guidance_states")]

    operations = [migrations.RunPython(forward, backward)]
