"""Security headers: strict CSP without inline script, no-store on pages with personal data."""

from __future__ import annotations

import re

import pytest

from fagloft.organizations.tests.factories import build_tree, login


@pytest.mark.django_db
def test_pages_get_a_strict_policy_and_are_not_cached_for_a_logged_in_user(client):
    tree = build_tree()
    login(client, tree.users["leader_ab"])
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response.headers["Cache-Control"] == "no-store"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_no_page_template_holds_an_inline_script(client):
    response = client.get("/konto/logg-inn/")
    html = response.content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, f"inline script on the login page: {tag}"


def test_static_files_may_be_cached(client):
    response = client.get("/static/fagloft/app.css")
    assert response.headers.get("Cache-Control") != "no-store"
