"""Each section's figures equal what the statistics, competence and assessment pages show for the
same unit and year."""

from __future__ import annotations

from decimal import Decimal

from fagloft.assessments import queries as assessment_queries
from fagloft.competence import queries as competence_queries
from fagloft.reports import sections
from fagloft.reports.models import Report
from fagloft.reports.tests.factories import DEADLINE, YEAR, make_report
from fagloft.statistics import queries as stats_queries
from fagloft.statistics.tests.factories import make_value


def _indicator(figures, code):
    for theme in figures["sections"]["themes"]["themes"]:
        for row in theme["indicators"]:
            if row["code"] == code:
                return row
    raise AssertionError(code)


def test_indicators_equal_the_statistics_comparison_over_five_years(filled):
    tree, data = filled
    report = make_report(tree)
    figures = sections.build(report)
    row = _indicator(figures, DEADLINE)
    comparison = next(c for c in stats_queries.comparison(tree.municipality_a, [data["deadline"]]))
    expected = {p.year: p.value for p in comparison.municipality if YEAR - 5 < p.year <= YEAR}
    assert {y: Decimal(v) for y, v in row["series"]["unit"]} == expected
    assert len(row["series"]["unit"]) == 5  # six years stored, five shown
    assert {y: Decimal(v) for y, v in row["series"]["nation"]} == {
        p.year: p.value for p in comparison.nation if YEAR - 5 < p.year <= YEAR
    }
    assert {y: Decimal(v) for y, v in row["series"]["county"]} == {
        p.year: p.value for p in comparison.county if YEAR - 5 < p.year <= YEAR
    }
    assert comparison.latest is not None
    assert row["source"]["nb"] == comparison.latest.source_label


def test_a_service_report_reads_the_service_values(filled):
    tree, data = filled
    make_value(data["deadline"], YEAR, 91, service=tree.service_ab)
    report = make_report(tree, form=Report.Form.SERVICE, municipality=None)
    row = _indicator(sections.build(report), DEADLINE)
    assert row["series"]["unit"] == [
        [YEAR, str(stats_queries.service_values(tree.service_ab, [data["deadline"]])[data["deadline"].pk][0].value)]
    ]


def test_small_numbers_are_noted(filled):
    tree, data = filled
    Report.objects.all().delete()
    from fagloft.organizations.models import Population

    Population.objects.filter(municipality=tree.municipality_b).update(children=300)
    report = make_report(tree, municipality=tree.municipality_b)
    assert _indicator(sections.build(report), DEADLINE)["small_numbers"] is True
    report_a = make_report(tree)
    assert _indicator(sections.build(report_a), DEADLINE)["small_numbers"] is False


def test_service_section_equals_the_competence_figures(filled):
    tree, _data = filled
    report = make_report(tree)
    facts = {f["id"]: f["value"] for f in sections.build(report)["sections"]["service"]["facts"]}
    figures = competence_queries.figures_for([tree.service_ab.pk])[tree.service_ab.pk]
    assert Decimal(facts["service.fte"]) == figures.fte
    assert int(facts["service.headcount"]) == figures.headcount
    assert figures.vacancies is not None
    assert int(facts["service.vacancies"]) == figures.vacancies.open_count
    assert facts["service.out_of_hours"] == "Felles barnevernvakt Nord"
    assert facts["service.municipalities"] == "Alvik, Bergvik"


def test_challenges_follow_the_final_assessment(filled):
    tree, data = filled
    figures = sections.build(make_report(tree))
    challenges = figures["sections"]["challenges"]
    bands = assessment_queries.risk_bands()
    top = challenges["themes"][0]
    assert top["theme"] == "capacity" and top["score"] == 20
    assert top["band"] == assessment_queries.band_for(20, bands) == "high"
    assert [n["description"] for n in challenges["needs"]] == ["To nye saksbehandlere"]
    assert challenges["assessment"]["leadership_commitment"] == data["assessment"].leadership_commitment
    cooperation = figures["sections"]["cooperation"]["assessment"]
    assert cooperation["status_today"].startswith("Fast samarbeidsmøte")
    priorities = figures["sections"]["priorities"]
    assert [m["description"] for m in priorities["measures"]] == ["Kurs i samtaler med barn"]


def test_the_summary_is_drafted_from_the_sections(filled):
    tree, _data = filled
    report = make_report(tree)
    summary = report.sections.get(key="summary").text
    assert "Alvik" in summary and "høy" in summary and "Kapasitet og bemanning" in summary
    analysis = report.sections.get(key="themes.case_flow").text.replace("\xa0", " ")
    assert "85,0 %" in analysis and "80,0 %" in analysis
