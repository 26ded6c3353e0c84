"""Small helpers shared by this app's views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from fagloft.lib.refusals import Refused


def refuse(request: HttpRequest, message: Any, url: str) -> HttpResponse:
    """A page that cannot be opened now (an edit form for an assessment that is no longer a
    draft): say why in Norwegian and go back to where the workflow is explained. Nothing the user
    typed is lost, since nothing was sent."""
    messages.error(request, str(message))
    return redirect(url)


def run(form: Any, write: Any) -> Any:
    """Run a use case with a valid form's values; on refusal put it on the form (at its field or in
    the error summary, keeping the input) and return None."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except Refused as error:
        form.refuse(error)
        return None
