"""Every page a role can reach, found the way a user finds them: from the front page, by following
links. Used by the every-page benchmark and the load test, so both cover new apps' pages without
a list to keep up to date.

The crawl runs in-process with Django's test client (logged in, second factor done). It follows
same-site `<a href>` links, and the `action` of a `<form method="get">` (as sent with nothing
chosen), breadth first, keeps at most `per_route` URLs per URL pattern (a list of 400
municipalities is one pattern), and never follows links that change state or leave the pages:
logout, language switch, downloads and exports, the Django admin, calendars. The API is taken from
its root (`/api/v1/`), which lists every endpoint; a list answer's first objects lead to their
detail endpoints (`<list>/<id>/`, by the object's id, number or code), as an API client goes on.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlsplit

SKIP = re.compile(
    r"^/(konto/logg-ut|i18n/|drift/admin|oidc/|static/|media/|api/v1/(schema|docs|redoc))"
    r"|/(eksport|export|last-ned|download|ical|kalender\.ics|pdf|xlsx|docx|csv|word)(/|$|\?)"
    r"|\.(xlsx|csv|pdf|docx|ics|zip|json|xml)(\?|$)"
    r"|[?&](format|download)="
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)
        elif tag == "form":
            # A GET form leads to a page as a link does (a comparison, a search elsewhere); a user
            # gets there by pressing its button. POST forms change state and are never followed.
            values = dict(attrs)
            action = values.get("action")
            if action and (values.get("method") or "get").lower() == "get":
                self.hrefs.append(action)


@dataclass
class Crawl:
    urls: list[str] = field(default_factory=list)
    routes: dict[str, str] = field(default_factory=dict)  # url -> its URL pattern ("kommuner/<str:number>/")
    statuses: dict[str, int] = field(default_factory=dict)


def route_of(path: str) -> str | None:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return f"{match.namespace + ':' if match.namespace else ''}{match.url_name or match.route}"


def _internal(href: str) -> str | None:
    href, _fragment = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIP.search(path) else path


# The keys an API object is addressed by in its detail URL, in the order they are tried.
API_KEYS = ("id", "pk", "number", "code", "slug")


def api_details(path: str, body: bytes, per_route: int) -> list[str]:
    """Detail URLs of the first `per_route` objects of an API list answer (empty for anything else)."""
    if not path.startswith("/api/") or "?" in path:
        return []
    try:
        data = json.loads(body)
    except ValueError:
        return []
    items = data.get("results") if isinstance(data, dict) else data
    urls = []
    for item in items[:per_route] if isinstance(items, list) else []:
        key = next((item[k] for k in API_KEYS if isinstance(item, dict) and item.get(k) not in (None, "")), None)
        if key is not None:
            urls.append(f"{path.rstrip('/')}/{key}/")
    return urls


def crawl(client: Any, start: str = "/", limit: int = 400, per_route: int = 2) -> Crawl:
    """The pages reachable from `start` (200 answers only in `urls`), at most `limit` of them."""
    result = Crawl()
    seen: set[str] = {start}
    per: dict[str, int] = {}
    queue: deque[str] = deque([start])
    api_root = client.get("/api/v1/", HTTP_ACCEPT="application/json")
    if api_root.status_code == 200:
        seen.add("/api/v1/")
        queue.append("/api/v1/")
        for url in api_root.json().values():
            path = _internal(str(url).replace("http://testserver", ""))
            if path and path not in seen:
                seen.add(path)
                queue.append(path)
    while queue and len(result.urls) < limit:
        path = queue.popleft()
        route = route_of(path)
        if route is None:
            continue
        if per.get(route, 0) >= per_route:
            continue
        response = client.get(path)
        result.statuses[path] = response.status_code
        if response.status_code != 200:
            continue
        per[route] = per.get(route, 0) + 1
        result.urls.append(path)
        result.routes[path] = route
        if "json" in response.get("Content-Type", ""):
            for target in api_details(path, response.content, per_route):
                if target not in seen and route_of(target) is not None:
                    seen.add(target)
                    queue.append(target)
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for href in parser.hrefs:
            target = _internal(href)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return result
