"""Helpers without domain knowledge and without models (see STYLE.md § 1)."""
