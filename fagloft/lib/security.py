"""Security headers on every response: a strict Content-Security-Policy, Permissions-Policy, and
`Cache-Control: no-store` where a response may hold personal data.

The policy allows scripts and styles only from this server: no inline script anywhere (htmx and
`fagloft/static/fagloft/app.js` are files), no external host (public-sector pages must not leak
visitors to third parties). Style *attributes* stay allowed because the maps colour each
municipality with one. The OpenAPI pages (Swagger UI, ReDoc) start their bundles with a small
inline script that drf-spectacular writes, so those two pages alone may run inline script.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

STRICT = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
API_DOCS = (
    STRICT.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("img-src 'self' data:", "img-src 'self' data: blob:")
    + "; worker-src 'self' blob:"
)
API_DOC_PATHS = ("/api/v1/docs/", "/api/v1/redoc/")
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = API_DOCS if request.path.startswith(API_DOC_PATHS) else STRICT
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        if _may_hold_personal_data(request, response):
            response.headers["Cache-Control"] = "no-store"
        return response


def _may_hold_personal_data(request: HttpRequest, response: HttpResponse) -> bool:
    if request.path.startswith("/static/"):
        return False
    if "attachment" in response.headers.get("Content-Disposition", ""):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
