"""The foundation in a real browser: every demo role logs in, sees its pages, and they pass axe-core.

The data mirrors the demo: Finnmark with four municipalities (square borders, population), Alta's
service and one service per other municipality, and one user per demo role. A neighbouring county
("Utenfor") exists so the county map is shown to hold only the county's own municipalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from fagloft.accounts.roles import Role
from fagloft.organizations.models import Border, County, Municipality, Service
from fagloft.organizations.tests.factories import (
    make_county,
    make_municipality,
    make_population,
    make_service,
    make_user,
)
from fagloft.tests_browser.fixtures import assert_accessible, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FINNMARK = [("5601", "Alta"), ("5603", "Hammerfest"), ("5605", "Sør-Varanger"), ("5607", "Vadsø")]
ROLES = [
    "admin",
    "bufdir",
    "statsforvalter.finnmark",
    "koordinator.finnmark",
    "kommunedirektor.alta",
    "leder.alta",
    "ansatt.alta",
    "rkbu.nord",
]


@dataclass
class Demo:
    county: County
    municipalities: list[Municipality]
    alta_service: Service
    users: dict[str, Any] = field(default_factory=dict)


def add_square_border(municipality: Municipality, west: float, south: float, size: float = 1.0) -> None:
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    Border.objects.create(
        municipality=municipality,
        year=2024,
        source="test",
        geometry={"type": "Polygon", "coordinates": [ring]},
        bbox=[west, south, east, north],
    )


def build_demo() -> Demo:
    county = make_county("56", "Finnmark")
    municipalities = []
    for index, (number, name) in enumerate(FINNMARK):
        municipality = make_municipality(county, number, name)
        add_square_border(municipality, 22.0 + index * 1.2, 69.5 + (index % 2) * 0.6)
        make_population(municipality, 2024, total=20000 - index * 3000, children=4000 - index * 500)
        municipalities.append(municipality)
    outside = make_county("55", "Utenforfylket")
    add_square_border(make_municipality(outside, "5501", "Utenforvik"), 18.0, 69.0)
    alta, *others = municipalities
    alta_service = make_service(alta, [alta], "Alta barneverntjeneste")
    for municipality in others:
        make_service(municipality)
    demo = Demo(county, municipalities, alta_service)
    demo.users = {
        "admin": make_user("admin", Role.ADMIN, is_staff=True),
        "bufdir": make_user("bufdir", Role.NATIONAL),
        "statsforvalter.finnmark": make_user("statsforvalter.finnmark", Role.COUNTY_ADVISOR, county),
        "koordinator.finnmark": make_user("koordinator.finnmark", Role.NETWORK_COORDINATOR, county),
        "kommunedirektor.alta": make_user("kommunedirektor.alta", Role.MUNICIPAL_LEADER, alta),
        "leder.alta": make_user("leder.alta", Role.SERVICE_LEADER, alta_service),
        "ansatt.alta": make_user("ansatt.alta", Role.EMPLOYEE, alta_service),
        "rkbu.nord": make_user("rkbu.nord", Role.COMPETENCE_ENVIRONMENT, organisation_name="RKBU Nord"),
    }
    return demo


@pytest.fixture
def demo() -> Demo:
    return build_demo()


def shot(name: str) -> str:
    return f"foundation-{name}"


@pytest.mark.parametrize("username", ROLES)
def test_every_role_logs_in_and_gets_an_accessible_front_page(page, live_url, demo, username):
    browser_login(page, live_url, demo.users[username])
    page.goto(f"{live_url}/")
    assert page.locator("h1").first.inner_text().startswith("Hei")
    assert_accessible(page, shot(f"front-{username}"))


@pytest.mark.parametrize("username", ["statsforvalter.finnmark", "bufdir"])
def test_the_county_page_maps_each_municipality_of_the_county_as_a_link(page, live_url, demo, username):
    browser_login(page, live_url, demo.users[username])
    page.goto(live_url + reverse("organizations:county-detail", args=[demo.county.number]))
    links = page.locator("svg.fl-map a")
    hrefs = sorted(links.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert hrefs == sorted(reverse("organizations:municipality-detail", args=[m.number]) for m in demo.municipalities)
    assert "Utenforvik" not in page.content()
    assert_accessible(page, shot(f"county-{username}"))


@pytest.mark.parametrize("username", ["statsforvalter.finnmark", "bufdir"])
def test_a_map_link_leads_to_an_accessible_municipality_page(page, live_url, demo, username):
    browser_login(page, live_url, demo.users[username])
    page.goto(live_url + reverse("organizations:county-detail", args=[demo.county.number]))
    with page.expect_navigation():
        page.locator("svg.fl-map a[aria-label^='Hammerfest']").click()
    assert page.url.endswith(reverse("organizations:municipality-detail", args=["5603"]))
    assert page.locator("h1").first.inner_text().strip().startswith("Hammerfest")
    assert_accessible(page, shot(f"municipality-{username}"))


def test_the_service_leader_gets_an_accessible_service_page(page, live_url, demo):
    browser_login(page, live_url, demo.users["leder.alta"])
    page.goto(live_url + reverse("organizations:service-detail", args=[demo.alta_service.pk]))
    assert "Alta barneverntjeneste" in page.locator("h1").first.inner_text()
    assert_accessible(page, shot("service-leder.alta"))


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_header_form_switches_the_language(page, live_url, demo, language):
    browser_login(page, live_url, demo.users["leder.alta"])
    page.goto(f"{live_url}/")
    header = page.locator("form.fl-language")
    header.locator("select[name='language']").select_option(language)
    with page.expect_navigation():
        header.locator("button[type='submit']").click()
    assert page.locator("html").get_attribute("lang") == language
    with translation.override(language):
        expected = translation.gettext("Hopp til hovedinnhold")
    assert expected != "Hopp til hovedinnhold", f"the {language} catalogue lacks the skip link text"
    assert page.locator(".ds-skip-link").inner_text().strip() == expected
    assert_accessible(page, shot(f"front-leder.alta-{language}"))


def test_the_login_page_is_accessible(page, live_url, demo):
    page.goto(f"{live_url}/konto/logg-inn/")
    assert_accessible(page, shot("login"))


def test_the_login_page_shows_an_accessible_error_for_a_wrong_password(page, live_url, demo):
    page.goto(f"{live_url}/konto/logg-inn/")
    page.locator("input[name='username']").fill("leder.alta")
    page.locator("input[name='password']").fill("wrong-password")
    with page.expect_navigation():
        page.locator("form:has(input[name='password']) button[type='submit']").click()
    assert "Feil brukernavn eller passord" in page.content()
    assert_accessible(page, shot("login-error"))


def test_the_two_factor_setup_page_is_accessible(page, live_url, demo):
    page.goto(f"{live_url}/konto/logg-inn/")
    page.locator("input[name='username']").fill("statsforvalter.finnmark")
    page.locator("input[name='password']").fill("test-password-123")
    with page.expect_navigation():
        page.locator("form:has(input[name='password']) button[type='submit']").click()
    assert "/konto/to-faktorer/" in page.url
    # An unenrolled privileged user first gives the one-time code the administrator issued.
    assert page.locator("input[name='token']").count() == 0
    assert_accessible(page, shot("two-factor-enrolment-code"))
    from fagloft.accounts.two_factor import issue_enrolment_code

    code = issue_enrolment_code(demo.users["statsforvalter.finnmark"], issued_by=None)
    page.locator("input[name='enrolment_code']").fill(code)
    with page.expect_navigation():
        page.locator("form:has(input[name='enrolment_code']) button[type='submit']").click()
    assert page.locator("input[name='token']").count() == 1
    assert_accessible(page, shot("two-factor-setup"))


def test_the_county_list_is_accessible_for_bufdir(page, live_url, demo):
    browser_login(page, live_url, demo.users["bufdir"])
    page.goto(live_url + reverse("organizations:county-list"))
    assert page.locator("main a", has_text="Finnmark").count() >= 1
    assert_accessible(page, shot("county-list-bufdir"))


def test_search_finds_a_municipality_as_you_type_and_without_javascript(page, live_url, demo):
    browser_login(page, live_url, demo.users["statsforvalter.finnmark"])
    page.goto(live_url + reverse("organizations:search"))
    page.locator("main input[name='q']").fill("Hammer")
    # htmx replaces the results while typing; the list must then name Hammerfest and not Vadsø.
    results = page.locator("#search-results")
    results.get_by_text("Hammerfest").first.wait_for()
    assert "Vadsø" not in results.inner_text()
    assert_accessible(page, shot("search-statsforvalter.finnmark"))
    page.goto(live_url + reverse("organizations:search") + "?q=5607")  # the plain GET form works too
    assert "Vadsø" in page.locator("#search-results").inner_text()
