from __future__ import annotations

from fagloft.organizations.tests.factories import login
from fagloft.reports.services import create_report
from fagloft.reports.tests.factories import make_report


def test_list_is_scoped_and_sections_patch(filled, client):
    tree, _ = filled
    report = make_report(tree)
    other = create_report(None, tree.service_c, year=2025, municipality=tree.municipality_c)
    login(client, tree.users["advisor_x"])
    ids = (
        [r["id"] for r in client.get("/api/v1/reports/").json()["results"]]
        if isinstance(client.get("/api/v1/reports/").json(), dict)
        else [r["id"] for r in client.get("/api/v1/reports/").json()]
    )
    assert report.pk in ids and other.pk not in ids
    section = report.sections.get(key="summary")
    url = f"/api/v1/reports/{report.pk}/sections/summary/"
    assert (
        client.patch(url, {"text": "x", "version": section.version}, content_type="application/json").status_code == 403
    )
    login(client, tree.users["leader_ab"])
    response = client.patch(url, {"text": "Fra API", "version": section.version}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["text"] == "Fra API"
    stale = client.patch(url, {"text": "Gammel", "version": section.version}, content_type="application/json")
    assert stale.status_code == 409
