"""The import page in a real browser: upload, status, and no WCAG 2.1 AA violations."""

from __future__ import annotations

import pytest

from fagloft.accounts.roles import Role
from fagloft.organizations.tests.factories import make_county, make_municipality, make_user
from fagloft.tests_browser.fixtures import assert_accessible, browser_login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_admin_imports_population_in_the_browser(page, live_url, settings, tmp_path):
    settings.FAGLOFT_IMPORT_DIR = str(tmp_path / "imports")
    make_municipality(make_county("91", "Nordfylket"), "9101", "Alvik")
    upload = tmp_path / "befolkning.csv"
    rows = [f"2022,9101,{age},{40 + age}" for age in range(18)] + ["2022,9101,total,3000"]
    upload.write_text("aar,kommunenummer,alder,antall\n" + "\n".join(rows) + "\n", encoding="utf-8")
    browser_login(page, live_url, make_user("admin", Role.ADMIN, is_staff=True))
    page.goto(f"{live_url}/drift/import/")
    assert_accessible(page, "import-start")
    page.get_by_label("Befolkning etter alder (SSB tabell 07459: CSV eller JSON-stat2)").check()
    page.locator("#id_file").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_role("button", name="Start importen").click()
    assert "Importen er fullført" in page.content()
    assert_accessible(page, "import-status")
