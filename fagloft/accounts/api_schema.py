"""The OpenAPI schema documents the errors the API answers, not only its successes.

Every error under /api/ is an RFC 9457 problem (`fagloft.lib.api_errors`). drf-spectacular only
documents the success of each operation, so a client (and the schema fuzz test) would take every
403, 404 or 409 as undocumented. This schema class adds the problem responses each operation can
give: 403 and 429 everywhere (not allowed, not logged in, second factor missing; too many
requests), 404 where the path names an object, 400 where the client sends parameters or a body,
and 409 where a write meets the object's current state (a stale `version`, a step the workflow
does not allow now).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_MEDIA_TYPES = [PROBLEM_MEDIA_TYPE]


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details. Field errors are in `errors`, and also as top-level members."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    # The metaclass takes declared fields out of the class, so `Serializer.errors` is not shadowed.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )

    class Meta:
        ref_name = "Problem"


ERRORS = {
    "400": "The parameters or the body are invalid, or a service refused the change.",
    "403": "Not logged in, second factor missing, or the action is not allowed for this user.",
    "404": "No such object, or not within the user's reach.",
    "409": "The change conflicts with the object's current state (a stale `version`, or a step not allowed now).",
    "429": "Too many requests.",
}


class AutoSchema(openapi.AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["403", "429"]
        has_path_parameters = "{" in self.path
        if has_path_parameters:
            codes.append("404")
        writes = self.method in ("POST", "PUT", "PATCH")
        if writes or self._is_list_view() or self.get_override_parameters():
            codes.append("400")
        # A create makes a new object, so it meets no current state; every other write may.
        if writes and not self._is_create_operation():
            codes.append("409")
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ProblemSerializer, description=ERRORS[code]),
                    code,
                    media_types=PROBLEM_MEDIA_TYPES,
                    direction=direction,
                )
        return responses


def problem_response(code: int, description: str = "") -> dict[tuple[int, str], OpenApiResponse]:
    """An error response for `@extend_schema(responses={...})`, for an error this class cannot infer
    (a 404 for an object named in a query parameter)."""
    response = OpenApiResponse(ProblemSerializer, description=description or ERRORS[str(code)])
    return {(code, PROBLEM_MEDIA_TYPE): response}
