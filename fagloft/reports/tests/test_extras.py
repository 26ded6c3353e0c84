"""Section 7 reads programmes (further education progress) and knowledge (the measures pyramid)."""

from __future__ import annotations

from fagloft.reports import sections
from fagloft.reports.labels import text
from fagloft.reports.tests.factories import make_report


def test_programmes_and_knowledge_parts_of_the_priorities(filled):
    tree, _ = filled
    figures = sections.build(make_report(tree))
    extras = figures["sections"]["priorities"]["extras"]
    apps = {x["app"] for x in extras}
    assert "programmes" in apps
    further = next(x for x in extras if x["app"] == "programmes")
    assert text(further["kind"], "nb") == "Videreutdanning"
    # No offers are registered in the tree: every pyramid level of Alvik is a gap.
    pyramid = [x for x in extras if x["app"] == "knowledge"]
    assert {text(x["title"], "nb") for x in pyramid} == {
        "Alvik: Universelt nivå",
        "Alvik: Selektert nivå",
        "Alvik: Indikert nivå",
    }
    assert all("Ingen tilbud på nivået." in text(x["detail"], "nb") for x in pyramid)
