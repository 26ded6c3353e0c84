"""A limit per address over how many different usernames fail to log in.

django-axes locks a username from one address after five failures. Someone who tries one common
password on many usernames fails only once per username, so that lock never comes. This counts the
distinct usernames that failed from an address within a window (in the cache, shared by the app
servers when FAGLOFT_CACHE=database); at the limit the address may not try again until the window
has passed since its last failure. An office behind one address does not lock itself out by a few
mistyped passwords: it takes many different usernames.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache


def client_address(request: Any) -> str:
    """The client's address, trusting X-Forwarded-For only as far as FAGLOFT_NUM_PROXIES says."""
    proxies = settings.FAGLOFT_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


def _key(request: Any) -> str:
    return "fagloft:login-spray:" + hashlib.sha256(client_address(request).encode()).hexdigest()


def _window() -> int:
    return settings.FAGLOFT_LOGIN_SPRAY_MINUTES * 60


def blocked(request: Any) -> bool:
    return len(cache.get(_key(request), ())) >= settings.FAGLOFT_LOGIN_SPRAY_USERNAMES


def note_failure(request: Any, username: str) -> None:
    # Usernames are kept as hashes: the cache may be a shared database table.
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:16]
    failed = set(cache.get(_key(request), ()))
    failed.add(name)
    cache.set(_key(request), sorted(failed), timeout=_window())


def _token_key(request: Any) -> str:
    return "fagloft:token-failures:" + hashlib.sha256(client_address(request).encode()).hexdigest()


def too_many_token_failures(request: Any) -> bool:
    return cache.get(_token_key(request), 0) >= settings.FAGLOFT_API_TOKEN_FAILURES


def note_token_failure(request: Any) -> None:
    """Count a wrong API key from this address, within the same window as failed logins."""
    key = _token_key(request)
    if cache.add(key, 1, timeout=_window()):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=_window())
