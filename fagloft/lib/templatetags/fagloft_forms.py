"""Template filters that render form widgets in Designsystemet markup for `components/field.html`."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_CHOICE_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.filter
def is_choice_group(field: BoundField) -> bool:
    """Checkbox and radio groups are drawn as a fieldset with a legend instead of a label."""
    return isinstance(field.field.widget, _CHOICE_WIDGETS)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def ds_widget(field: BoundField) -> SafeString:
    """The widget with Designsystemet's class and the ARIA links to its help text and errors."""
    widget = field.field.widget
    attrs: dict[str, str | bool] = {}
    if isinstance(widget, forms.CheckboxInput):
        attrs["class"] = "ds-input"
    elif not isinstance(widget, (*_CHOICE_WIDGETS, forms.HiddenInput)):
        attrs["class"] = "ds-input"
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-help")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
    if described and not isinstance(widget, _CHOICE_WIDGETS):
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
