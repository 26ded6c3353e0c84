"""The browser fixtures themselves: a page loads from the live server, login with TOTP works."""

from __future__ import annotations

import pytest

from fagloft.accounts.roles import Role
from fagloft.organizations.tests.factories import make_county, make_user
from fagloft.tests_browser.fixtures import browser_login, current_token, format_violations, screenshot_path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_browser_opens_the_login_page_of_the_live_server(page, live_url):
    page.goto(f"{live_url}/konto/logg-inn/")
    assert page.locator("input[name='username']").count() == 1
    assert page.locator("html").get_attribute("lang") == "nb"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_completes_the_second_factor_for_a_county_advisor(page, live_url):
    county = make_county("91", "Nordfylket")
    advisor = make_user("advisor", Role.COUNTY_ADVISOR, county)
    browser_login(page, live_url, advisor)
    assert "/konto/" not in page.url
    page.goto(f"{live_url}/konto/min-konto/")
    assert "/konto/to-faktorer/" not in page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_needs_no_second_factor_for_an_employee(page, live_url):
    employee = make_user("employee")
    browser_login(page, live_url, employee)
    assert "/konto/" not in page.url


@pytest.mark.django_db
def test_the_token_is_accepted_by_the_users_device():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user("someone")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    assert device.verify_token(current_token(user))
    assert device.verify_token(current_token(user)), "a second login within the same 30 s must also work"


def test_violations_are_listed_with_id_impact_help_and_target():
    text = format_violations(
        "front",
        "http://x/",
        [
            {
                "id": "color-contrast",
                "impact": "serious",
                "help": "Elements must meet contrast",
                "nodes": [{"target": [".fl-badge"], "failureSummary": "Fix this"}],
            },
        ],
    )
    assert "color-contrast [serious]: Elements must meet contrast" in text
    assert '[".fl-badge"]' in text


def test_screenshot_names_are_safe_file_names():
    assert screenshot_path("front page/nn").name == "front-page-nn.png"
