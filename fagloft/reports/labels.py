"""Texts in every language at once, for figures that are frozen and later printed in bokmål or
nynorsk: a label is stored as {"nb": …, "nn": …, "en": …}, user-written text as a plain string."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import translation

LANGUAGES = ("nb", "nn", "en")
Label = dict[str, str]


def tr(text: Any) -> Label:
    """`text` (a lazy string, or a function returning text) rendered in each language."""
    out: Label = {}
    for language in LANGUAGES:
        with translation.override(language):
            out[language] = str(text() if callable(text) else text)
    return out


def tr_each(make: Callable[[], Any]) -> Label:
    return tr(make)


def names(obj: Any) -> Label:
    """A model with name_nb / name_nn / name_en columns (indicators, themes)."""
    nb = getattr(obj, "name_nb", "") or str(obj)
    return {"nb": nb, "nn": getattr(obj, "name_nn", "") or nb, "en": getattr(obj, "name_en", "") or nb}


def text(value: Any, language: str | None = None) -> str:
    """A stored label in `language` (the active one by default), or a plain string as it is."""
    if isinstance(value, dict):
        language = (language or translation.get_language() or "nb")[:2]
        return value.get(language) or value.get("nb") or ""
    return "" if value is None else str(value)
