"""Bokmål is the default whatever the browser asks for; the language switch changes it."""

from __future__ import annotations

import pytest

from fagloft.organizations.tests.factories import login, make_user


@pytest.mark.django_db
def test_it_shows_bokmal_to_a_browser_that_prefers_english(client):
    login(client, make_user("someone"))
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nb"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["nn", "en"])
def test_it_follows_the_language_the_user_chose(client, code):
    login(client, make_user("someone"))
    client.post("/i18n/sprak/", {"language": code, "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nb")
    assert f'<html lang="{code}"' in response.content.decode()
