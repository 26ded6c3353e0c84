"""Walk samples for the accounts URLs: the password-reset link (uid and token of the e-mail)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def samples(tree: Any) -> dict[str, tuple[Any, Any]]:
    inside = tree.users["leader_ab"]
    outside = tree.users["leader_c"]
    return {
        "uidb64": (urlsafe_base64_encode(force_bytes(inside.pk)), urlsafe_base64_encode(force_bytes(outside.pk))),
        "token": (default_token_generator.make_token(inside), "ugyldig-lenke"),
    }


def insiders(tree: Any, samples: dict[str, tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Pages each role is meant to see (the walk asserts 200): the login page, and one's own
    account page for every logged-in role, also without any role."""
    from django.urls import reverse

    return [("anonymous", reverse("accounts:login")), *((label, reverse("accounts:profile")) for label in tree.users)]
