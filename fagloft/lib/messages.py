"""Messages the system writes and stores (refusals, findings, reasons) as a translatable template
with parameters, rendered in the reader's language when shown. No models."""

from __future__ import annotations

from typing import Any


def render_nested(template: str, params: dict[str, Any], translate: Any = None) -> str:
    """`template % params`, where a parameter `x_template` is itself a template (rendered with the
    same parameters) that fills `%(x)s`. `translate` (gettext) is applied to every template; a
    translation that does not fit its parameters falls back to the source text."""

    def fill(text: str, nested: bool = True) -> str:
        values = dict(params)
        for key, value in params.items():
            if nested and key.endswith("_template") and isinstance(value, str):
                values[key.removesuffix("_template")] = fill(value, nested=False)
        for candidate in (translate(text), text) if translate else (text,):
            try:
                return candidate % values if values else candidate
            except (KeyError, ValueError, TypeError):
                continue
        return text

    return fill(template)
