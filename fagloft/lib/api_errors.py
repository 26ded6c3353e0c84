"""Errors of the REST API as RFC 9457 problem details, never an HTML page.

Every error under /api/ answers `application/problem+json` with `type`, `title`, `status` and
`detail`. Field errors go in `errors` ({field: [messages]}); they are also kept as top-level
members (an RFC 9457 extension) because clients were written against DRF's earlier shape, where
`{"service": "..."}` was the whole body. Django's `ValidationError` (and so `Refused`) raised in a
view or service answers 400 with its field errors instead of a 500.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response

API_PREFIX = "/api/"
CONTENT_TYPE = "application/problem+json"
RESERVED = {"type", "title", "status", "detail", "errors", "instance"}


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem(status: int, detail: str, errors: dict[str, Any] | None = None, instance: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {"type": "about:blank", "title": _title(status), "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = {name: value if isinstance(value, list) else [value] for name, value in errors.items()}
        body.update({name: value for name, value in errors.items() if name not in RESERVED})
    return body


def problem_response(status: int, detail: str, errors: dict[str, Any] | None = None) -> HttpResponse:
    """A plain Django response, for middleware and error handlers that run outside DRF."""
    return HttpResponse(
        json.dumps(problem(status, str(detail), errors), ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )


def _django_validation_to_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    field = getattr(error, "field", None)  # `Refused` names its field this way
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        )
    return exceptions.ValidationError({field or "non_field_errors": [str(m) for m in error.messages]})


class Conflict(exceptions.APIException):
    """409: the request meets the object's current state (a stale `version`, a step not allowed now)."""

    status_code = 409
    default_detail = "Endringen passer ikke med objektets nåværende tilstand."
    default_code = "conflict"


def refusal(error: DjangoValidationError, status: int = 400) -> exceptions.APIException:
    """The API error for a service's refusal (`Refused`), raised by a view so that the exception
    handler answers problem details: 400 (invalid) or 409 (`Conflict`)."""
    detail = _django_validation_to_drf(error).detail
    return Conflict(detail) if status == 409 else exceptions.ValidationError(detail)


def _summary(detail: Any) -> str:
    """One readable sentence of a DRF error detail (which may be a string, list or dict)."""
    if isinstance(detail, dict):
        parts = []
        for name, value in detail.items():
            text = _summary(value)
            parts.append(text if name in ("non_field_errors", "detail") else f"{name}: {text}")
        return " ".join(parts)
    if isinstance(detail, list):
        return " ".join(_summary(item) for item in detail)
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Imported here: rest_framework.views reads the authentication classes when imported, and one of
    # them (accounts.api_tokens) imports this module through the two-factor middleware.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        exc = _django_validation_to_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's handler500 answers (as JSON under /api/)
    detail = response.data
    errors = None
    if isinstance(detail, dict) and set(detail) != {"detail"}:
        errors = detail
    elif isinstance(detail, list):
        errors = {"non_field_errors": detail}
    elif isinstance(detail, dict):
        detail = detail["detail"]
    request = context.get("request")
    response.data = problem(
        response.status_code, _summary(detail), errors, instance=request.path if request is not None else ""
    )
    # The browsable API (a person in a browser) still gets its HTML page around the same body.
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or getattr(renderer, "format", "") == "json":
        response.content_type = CONTENT_TYPE
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(404, _("Finnes ikke."))
    return defaults.page_not_found(request, exception)


def handler403(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem_response(403, _("Du har ikke tilgang til dette."))
    return defaults.permission_denied(request, exception)


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem_response(400, _("Ugyldig forespørsel."))
    return defaults.bad_request(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return problem_response(500, _("Noe gikk galt på serveren. Feilen er logget."))
    return defaults.server_error(request)
