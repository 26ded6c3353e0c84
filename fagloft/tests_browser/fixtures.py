"""Pytest plugin for browser tests: Playwright in headless Chromium against pytest-django's live server.

Registered for every test by the root `conftest.py`. Provides:

- `live_url`: the base URL of the live server (test database, transactional).
- `page`: a Playwright sync `Page` (one browser per session/xdist worker, a fresh context per test,
  locale nb-NO, viewport 1280x900).
- `browser_login(page, live_url, user)`: logs in through the login form, completing the TOTP step
  for roles that need a second factor.
- `assert_accessible(page, name)`: runs axe-core (WCAG 2.0/2.1 A and AA) on the current page, saves
  a full-page screenshot to `test-artifacts/screenshots/<name>.png`, fails listing every violation.

Chromium is `$FAGLOFT_CHROMIUM` or `/usr/bin/chromium`. Without it, or with
`FAGLOFT_SKIP_BROWSER=1`, browser tests are skipped with a loud reason, except under `CI=true`,
where they fail: CI must never pass by silently not running them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

PASSWORD = "test-password-123"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"
_SESSION_STARTED = time.time()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium with Playwright")


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects by mark
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A test that drives the browser is a browser test, whether or not its author marked it.
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str | None:
    candidate = os.environ.get("FAGLOFT_CHROMIUM") or DEFAULT_CHROMIUM
    found = shutil.which(candidate) if not os.path.isabs(candidate) else candidate
    return found if found and os.path.isfile(found) and os.access(found, os.X_OK) else None


def _unavailable_reason() -> str | None:
    if os.environ.get("FAGLOFT_SKIP_BROWSER") == "1":
        return "FAGLOFT_SKIP_BROWSER=1 is set"
    if chromium_path() is None:
        wanted = os.environ.get("FAGLOFT_CHROMIUM") or DEFAULT_CHROMIUM
        return f"Chromium not found at {wanted} (install it, or set FAGLOFT_CHROMIUM)"
    if not AXE_SCRIPT.is_file():
        return f"axe-core is missing at {AXE_SCRIPT} (run `npm ci`)"
    return None


def _skip_or_fail(reason: str) -> None:
    message = f"BROWSER TESTS NOT RUN: {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true requires them", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def _browser() -> Iterator[Any]:
    reason = _unavailable_reason()
    if reason:
        _skip_or_fail(reason)
    # Playwright's sync API keeps an event loop running in this thread; Django refuses ORM calls
    # from a thread with a running loop unless told this is safe (it is: nothing here is async).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS)
    except Exception as error:  # noqa: BLE001 - a broken Chromium install is "unavailable"
        playwright.stop()
        _skip_or_fail(f"Chromium failed to start: {error}")
    yield browser
    browser.close()
    playwright.stop()


def restore_reference_data() -> None:
    """Run the data migrations of Fagløft's apps again when their rows are gone.

    A live-server test runs outside a transaction and ends with a flush, which also empties the
    reference rows that data migrations seed (indicator catalogue, themes, framework areas). The
    seeding functions are idempotent, so running them again restores exactly those rows.
    """
    from django.apps import apps as global_apps
    from django.core.exceptions import FieldDoesNotExist, FieldError
    from django.db import connection, transaction
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    from fagloft.statistics.models import Indicator

    if Indicator.objects.exists():
        return
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    ours = {config.label for config in global_apps.get_app_configs() if config.name.startswith("fagloft.")}
    done: set[tuple[str, str]] = set()
    for leaf in loader.graph.leaf_nodes():
        for key in loader.graph.forwards_plan(leaf):
            if key in done or key[0] not in ours:
                continue
            done.add(key)
            for operation in loader.graph.nodes[key].operations:
                if isinstance(operation, RunPython):
                    # The data migrations run against the real app registry, with no schema editor.
                    # A migration that moved data between fields since removed (a free-text field
                    # turned into a foreign key) names fields today's models lack: it has nothing
                    # to restore, so it is passed over. Seeding code uses today's fields.
                    try:
                        with transaction.atomic():
                            operation.code(global_apps, None)  # type: ignore[arg-type]
                    except (FieldError, FieldDoesNotExist):
                        continue


@pytest.fixture
def live_url(live_server: Any) -> str:
    restore_reference_data()
    return str(live_server.url)


@pytest.fixture
def page(_browser: Any, live_server: Any) -> Generator[Any]:
    restore_reference_data()
    context = _browser.new_context(
        locale="nb-NO",
        viewport={"width": 1280, "height": 900},
        base_url=str(live_server.url),
        # axe-core is injected as an inline script; a strict CSP must not stop the audit.
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()


def _needs_second_factor(user: Any) -> bool:
    from django.conf import settings

    from fagloft.accounts.models import Membership
    from fagloft.accounts.roles import TWO_FACTOR_ROLES

    if getattr(settings, "DEMO_MODE_NOT_FOR_PRODUCTION", False):
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists()


def current_token(user: Any) -> str:
    """A TOTP token the user's (pending or confirmed) device accepts now, as an app would show it."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
    assert device is not None, f"no TOTP device for {user.username}: the two-factor page should have made one"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        # The current step's token was used already (same user logged in twice within 30 s);
        # the next step is inside the device's tolerance.
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def browser_login(page: Any, live_url: str, user: Any, password: str = PASSWORD) -> None:
    """Log in through the form as a person would, including the second factor where required.

    A privileged user is given a confirmed authenticator first, as if they had enrolled earlier with
    an admin-issued code (enrolment itself is tested in `fagloft/accounts/tests/test_enrolment.py`)."""
    if _needs_second_factor(user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    page.goto(f"{live_url}/konto/logg-inn/")
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='username']").fill(user.username)
    form.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    assert "/konto/logg-inn/" not in page.url, f"login failed for {user.username}: {_page_errors(page)}"
    if not _needs_second_factor(user):
        return
    if "/konto/to-faktorer/" not in page.url:
        page.goto(f"{live_url}/konto/to-faktorer/?next=/")
    form = page.locator("form:has(input[name='token'])")
    form.locator("input[name='token']").fill(current_token(user))
    with page.expect_navigation():
        form.locator("button[type='submit']").click()
    assert "/konto/to-faktorer/" not in page.url, f"second factor refused for {user.username}: {_page_errors(page)}"


def _page_errors(page: Any) -> str:
    texts = page.locator(".ds-error-message, .ds-validation-message, [role='alert']").all_inner_texts()
    return "; ".join(t.strip() for t in texts if t.strip()) or "(no error message on the page)"


def screenshot_path(name: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "page"
    return SCREENSHOT_DIR / f"{safe}.png"


NARROW = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _audit(page: Any, name: str) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    path = screenshot_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    violations = result.get("violations", [])
    return [format_violations(name, page.url, violations)] if violations else []


def horizontal_overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the window (0 when it does not scroll sideways)."""
    return int(
        page.evaluate(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth"
        )
    )


def assert_accessible(page: Any, name: str, widths: tuple[str, ...] = ("desktop", "narrow")) -> None:
    """Fail on any axe-core WCAG 2.1 A/AA violation at desktop width (1366 px) and at 390 px, and on
    a page that scrolls sideways at either width; save a screenshot of each."""
    page.wait_for_load_state("load")
    original = page.viewport_size
    failures: list[str] = []
    try:
        for width in widths:
            page.set_viewport_size(DESKTOP if width == "desktop" else NARROW)
            page.wait_for_timeout(50)  # let layout settle after the media queries switch
            failures += _audit(page, name if width == "desktop" else f"{name}-390")
            overflow = horizontal_overflow(page)
            if overflow > 1:
                failures.append(f"'{name}' ({page.url}) scrolls sideways by {overflow} px at {width} width")
    finally:
        if original:
            page.set_viewport_size(original)
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


def format_violations(name: str, url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s) on '{name}' ({url}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation.get('impact')}]: {violation.get('help')}")
        for node in violation.get("nodes", []):
            lines.append(f"    at {json.dumps(node.get('target'), ensure_ascii=False)}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def _skip_message(report: Any) -> str:
    longrepr = getattr(report, "longrepr", None)
    message = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr or "")
    return message.removeprefix("Skipped: ") if "BROWSER TESTS NOT RUN" in message else ""


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    # Read from the reports, so the notice also appears on the xdist controller.
    reasons = sorted({_skip_message(report) for report in terminalreporter.stats.get("skipped", [])} - {""})
    if reasons:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        for reason in reasons:
            terminalreporter.write_line(f"  {reason}", red=True)
    # Under xdist the workers take the screenshots; the controller sees them by their timestamps.
    if SCREENSHOT_DIR.is_dir() and any(p.stat().st_mtime >= _SESSION_STARTED for p in SCREENSHOT_DIR.glob("*.png")):
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"Screenshots: {SCREENSHOT_DIR}")
