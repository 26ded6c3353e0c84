"""The form renderer: Django's templates, with the smallest widget templates written in Python.

Django renders every widget, and every option of a select or checkbox group, through its own
template. Each of those renders costs about half a millisecond, so a form listing all 357
municipalities (cooperation agreements, networks, dialogue meetings) spent 200 ms of its 250 ms
drawing options. The templates below are Django's own (`django/forms/widgets/`), reproduced
byte for byte: `tests/test_form_renderer.py` renders every one both ways and compares. Any
other template, or one a project overrides, still goes through the template engine.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

Widget = dict[str, Any]


def _text(value: Any) -> str:
    # The template engine's autoescape: safe strings pass, everything else is escaped like
    # django.utils.html.escape (which also writes ' as &#x27;).
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value), quote=True)


def _attrs(attrs: dict[str, Any]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"')
    return "".join(parts)


def _input(widget: Widget) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _input_option(widget: Widget) -> str:
    if not widget.get("wrap_label"):
        return _input(widget)
    label_for = f' for="{_text(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    # The included input template's closing newline stays inside the label.
    return f"<label{label_for}>{_input(widget)}\n {_text(widget['label'])}</label>"


def _option(widget: Widget) -> str:
    return f'<option value="{_text(widget["value"])}"{_attrs(widget["attrs"])}>{_text(widget["label"])}</option>'


def _select(widget: Widget) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != "django/forms/widgets/select_option.html":
                raise _Unhandled
            # Django's option template ends with a newline, which its include keeps.
            parts.append(f"\n  {_option(option)}\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class _Unhandled(Exception):
    """A widget this module does not reproduce: let the template engine draw it."""


_PLAIN_INPUTS: tuple[str, ...] = ("checkbox", "color", "date", "datetime", "email", "hidden", "number", "password")
_PLAIN_INPUTS += ("search", "tel", "text", "time", "url", "input")
FAST: dict[str, Callable[[Widget], str]] = {
    **{f"django/forms/widgets/{name}.html": _input for name in _PLAIN_INPUTS},
    **{f"django/forms/widgets/{name}.html": _input_option for name in ("checkbox_option", "radio_option")},
    "django/forms/widgets/input_option.html": _input_option,
    "django/forms/widgets/select_option.html": _option,
    "django/forms/widgets/select.html": _select,
}


class FormRenderer(DjangoTemplates):
    """FORM_RENDERER: Django's template renderer, with the templates in FAST drawn in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        fast = FAST.get(template_name)
        if fast is not None and set(context) == {"widget"}:
            try:
                return mark_safe(fast(context["widget"]))  # every value is escaped in _text
            except _Unhandled:
                pass
        return super().render(template_name, context, request)
