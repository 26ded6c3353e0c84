"""Every app's nynorsk and English catalogues are complete, and the language switch works."""

from __future__ import annotations

import pytest

from fagloft.lib import i18n
from fagloft.organizations.tests.factories import login


def test_every_catalogue_is_translated_with_no_fuzzy_entries():
    problems = i18n.problems()
    assert problems == [], (
        "Untranslated or fuzzy entries (translate them, then run `python -m fagloft.lib.i18n "
        "compile`):\n" + "\n".join(problems)
    )


def test_the_project_and_the_bottom_apps_have_catalogues_in_all_three_languages():
    # .../<app>/locale/<language>/LC_MESSAGES/django.po; the project's own is fagloft/locale/.
    found = {(path.parts[-5], path.parts[-3]) for path in i18n.catalogues()}
    for app in ("fagloft", "accounts", "organizations"):
        for language in ("nb", "nn", "en"):
            assert (app, language) in found, f"no {language} catalogue for {app}"


def test_every_compiled_catalogue_is_up_to_date():
    stale = [
        str(po)
        for po in i18n.catalogues()
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    assert stale == [], f"Run `python -m fagloft.lib.i18n compile`: {stale}"


@pytest.mark.parametrize(
    ("language", "words", "html_lang"),
    [
        ("nn", ["Dette treng merksemda di", "Byt språk", "Hopp til hovudinnhaldet"], "nn"),
        ("en", ["This needs your attention", "Change language", "Skip to main content"], "en"),
        ("nb", ["Dette trenger din oppmerksomhet", "Bytt språk", "Hopp til hovedinnhold"], "nb"),
    ],
)
def test_the_language_switch_changes_the_language_of_the_pages(client, tree, language, words, html_lang):
    login(client, tree.users["leader_ab"])
    response = client.post("/i18n/sprak/", {"language": language, "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    page = client.get("/").content.decode()
    assert f'<html lang="{html_lang}"' in page
    for word in words:
        assert word in page
    assert f'<option value="{language}" selected' in page


def test_the_language_choice_is_kept_on_other_pages(client, tree):
    login(client, tree.users["leader_ab"])
    client.post("/i18n/sprak/", {"language": "en", "next": "/"})
    page = client.get(f"/tjenester/{tree.service_ab.pk}/").content.decode()
    assert "Municipalities the service covers" in page and '<html lang="en"' in page


def test_the_language_switch_also_works_before_logging_in(client, tree):
    client.post("/i18n/sprak/", {"language": "nn", "next": "/konto/logg-inn/"})
    page = client.get("/konto/logg-inn/").content.decode()
    assert "Brukarnamn" in page and '<html lang="nn"' in page
