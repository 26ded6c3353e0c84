"""Template conventions that no single page test would notice."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = sorted(Path(__file__).resolve().parents[1].glob("**/templates/**/*.html"))
TITLE_BLOCK = re.compile(r"{% block title %}(.*?){% endblock %}", re.DOTALL)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 50


def test_page_titles_are_plain_text():
    # A <title> is read by screen readers and shown in tabs: markup there is shown as raw text.
    offenders = [
        f"{path.relative_to(path.parents[3])}: {match.group(1)[:60]!r}"
        for path in TEMPLATES
        for match in TITLE_BLOCK.finditer(path.read_text(encoding="utf-8"))
        if "<" in match.group(1) or "\n" in match.group(1).strip()
    ]
    assert offenders == []


def test_short_comments_close_on_their_own_line():
    # Django's {# … #} ends at the line: one spread over lines is printed on the page as text.
    offenders = [
        f"{path.relative_to(path.parents[3])}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert offenders == []
