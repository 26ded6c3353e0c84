"""Hardened XML parsing for uploaded files (KOSTRA 15F and other imports). No models.

Uploaded XML is hostile until proven otherwise. The helpers here:
- check the size on disk before anything is parsed (`check_size`);
- sniff the first bytes and refuse empty files, binary junk, and any DOCTYPE (a 15F file never
  has one; refusing it outright shuts the door on entity expansion ("billion laughs") and
  external entities, whatever the parser would have done);
- parse with lxml `iterparse` configured to never resolve entities, never load a DTD, never touch
  the network, and keep the libxml2 size limits (`huge_tree=False`).

Every refusal raises `UnsafeXmlError` with a Norwegian message that can be shown to the user. The
message is a translatable template with parameters (`error.template`, `error.params`), so a stored
report can be shown in the reader's language; `str(error)` is the text in the active language.

A DOCTYPE is refused wherever it appears: the first bytes are sniffed, and since a prolog can be
padded past the sniffed bytes (64 KB of comments), the parsed document's DTD is checked again before
the first element reaches the caller.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext, gettext_noop
from lxml import etree

from fagloft.lib.messages import render_nested

# How much of the file is sniffed for a DOCTYPE and junk. A prolog longer than this is refused.
SNIFF_BYTES = 64 * 1024
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


class UnsafeXmlError(ValueError):
    """The file is not XML we are willing to parse. `str(error)` is the message in the active
    language; `template` (bokmål source, translatable) and `params` keep it for later rendering."""

    def __init__(self, template: str, params: dict[str, Any] | None = None) -> None:
        self.template = template
        self.params = params or {}
        super().__init__(render_nested(template, self.params))

    def __str__(self) -> str:
        return render_nested(self.template, self.params, gettext)


class SchemaInvalidError(ValueError):
    """Well-formed XML that failed the schema given to `hardened_iterparse` (streaming validation)."""


def default_max_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "FAGLOFT_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))


def check_size(path: str | os.PathLike[str], max_bytes: int | None = None) -> int:
    limit = default_max_bytes() if max_bytes is None else max_bytes
    size = Path(path).stat().st_size
    if size == 0:
        raise UnsafeXmlError(gettext_noop("Filen er tom."))
    if size > limit:
        raise UnsafeXmlError(
            gettext_noop("Filen er for stor (%(size)s MB). Største tillatte størrelse er %(limit)s MB."),
            {"size": f"{size / 1_000_000:.1f}", "limit": f"{limit / 1_000_000:.1f}"},
        )
    return size


def sniff(head: bytes) -> None:
    """Refuse what is obviously not plain XML, judging by the first bytes of the file."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise UnsafeXmlError(gettext_noop("Filen er tom."))
    if stripped.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        raise UnsafeXmlError(gettext_noop("Filen er ikke en XML-fil (den inneholder binære data)."))
    if not stripped.startswith(b"<"):
        raise UnsafeXmlError(gettext_noop("Filen er ikke en XML-fil (den begynner ikke med et XML-element)."))
    if any(byte in _CONTROL for byte in stripped[:4096]):
        raise UnsafeXmlError(gettext_noop("Filen er ikke en XML-fil (den inneholder binære data)."))
    if _DOCTYPE.search(head) or _ENTITY.search(head):
        raise UnsafeXmlError(DTD_REFUSED)


def check_file(path: str | os.PathLike[str], max_bytes: int | None = None) -> int:
    """Size limit and sniffing; returns the size in bytes."""
    size = check_size(path, max_bytes)
    with open(path, "rb") as handle:
        sniff(handle.read(SNIFF_BYTES))
    return size


DTD_REFUSED = gettext_noop(
    "Filen inneholder en DOCTYPE- eller ENTITY-erklæring. Det brukes ikke i KOSTRA-filer og "
    "kan misbrukes (entitetsutvidelse, eksterne entiteter), så filen blir avvist."
)


def _refuse_dtd(element: Any) -> None:
    if element is None:
        return
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise UnsafeXmlError(DTD_REFUSED)


class HardenedIterparse:
    """Iterate like lxml `iterparse`; `.root` is the document's root element once parsing started."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser

    @property
    def root(self) -> Any:
        return getattr(self.parser, "root", None)

    def __iter__(self) -> Iterator[Any]:
        return _translated(self.parser)


def hardened_iterparse(source: Any, events: tuple[str, ...] = ("start", "end"), **kwargs: Any) -> HardenedIterparse:
    """lxml `iterparse` that never resolves entities, loads a DTD or opens the network.

    Parse errors are turned into `UnsafeXmlError` with the line number; schema errors (with a
    `schema=` argument) into `SchemaInvalidError`.
    """
    # libxml2's error log is per thread and keeps earlier parses' entries; start clean so the
    # first entry after a failure is this file's first problem.
    etree.clear_error_log()
    parser = etree.iterparse(
        source,
        events=events,
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        **kwargs,
    )
    return HardenedIterparse(parser)


def _translated(parser: Any) -> Iterator[Any]:
    checked = False
    try:
        for item in parser:
            if not checked:
                _refuse_dtd(item[1] if isinstance(item, tuple) else item)
                checked = True
            yield item
        if not checked:
            _refuse_dtd(getattr(parser, "root", None))
    except etree.XMLSyntaxError as error:
        last = error.error_log.last_error
        if last is not None and last.domain == etree.ErrorDomains.SCHEMASV:
            raise SchemaInvalidError(_short(error)) from error
        raise _syntax_refusal(error) from error


# libxml2's error types, said in Norwegian: (template, how the detail is written). The first error in
# the log is the cause, later ones follow from it. Anything else keeps the parser's own (English)
# words after a Norwegian lead.
_REASONS: dict[str, tuple[str, str]] = {
    "ERR_UNDECLARED_ENTITY": (
        gettext_noop(
            "filen bruker entiteten %(detail)s, som ikke er tillatt "
            "(bare &amp; &lt; &gt; &quot; &apos; og tegnreferanser)"
        ),
        "entity",
    ),
    "WAR_UNDECLARED_ENTITY": (
        gettext_noop(
            "filen bruker entiteten %(detail)s, som ikke er tillatt "
            "(bare &amp; &lt; &gt; &quot; &apos; og tegnreferanser)"
        ),
        "entity",
    ),
    "ERR_TAG_NOT_FINISHED": (
        gettext_noop("filen slutter før elementet %(detail)s er avsluttet (er filen avkortet?)"),
        "element",
    ),
    "ERR_TAG_NAME_MISMATCH": (gettext_noop("sluttaggen passer ikke til starttaggen %(detail)s"), "element"),
    "ERR_ATTRIBUTE_REDEFINED": (gettext_noop("attributtet %(detail)s står to ganger i samme element"), "name"),
    "ERR_DOCUMENT_END": (gettext_noop("det står noe etter rotelementet"), ""),
    "ERR_DOCUMENT_EMPTY": (gettext_noop("filen har ikke noe XML-element"), ""),
    "ERR_ATTRIBUTE_NOT_STARTED": (gettext_noop("en attributtverdi mangler anførselstegn"), ""),
    "ERR_GT_REQUIRED": (gettext_noop("en tagg er ikke lukket med >"), ""),
    "ERR_LT_IN_ATTRIBUTE": (gettext_noop("en attributtverdi inneholder tegnet <"), ""),
    "ERR_INVALID_CHAR": (gettext_noop("filen inneholder et tegn som ikke er tillatt i XML"), ""),
    "ERR_INVALID_ENCODING": (
        gettext_noop(
            "filen har tegn som ikke passer med tegnkodingen "
            "(den skal være UTF-8, eller det som står i XML-erklæringen)"
        ),
        "",
    ),
    "ERR_NAME_REQUIRED": (gettext_noop("det mangler et navn etter <"), ""),
    "ERR_ENTITYREF_SEMICOL_MISSING": (gettext_noop("et &-tegn må skrives &amp;amp; i XML"), ""),
}
# The name the message is about: 'foo' (entities), "tag X", "mismatch: X line", "Attribute X".
_DETAIL = re.compile(r"mismatch: ([\w:.-]{1,60}) line|'([^']{1,60})'|in tag ([\w:.-]{1,60})|Attribute ([\w:.-]{1,60})")


def _syntax_refusal(error: etree.XMLSyntaxError) -> UnsafeXmlError:
    entries = [e for e in error.error_log if e.level >= etree.ErrorLevels.ERROR] or list(error.error_log)
    first = entries[0] if entries else None
    line = (first.line if first is not None else 0) or getattr(error, "lineno", 0) or 0
    column = (first.column if first is not None else 0) or 0
    message = first.message if first is not None else str(error)
    template, shape = _REASONS.get(first.type_name if first is not None else "", ("", ""))
    if template:
        found = _DETAIL.search(message)
        name = _LONG_NUMBER.sub("…", next((g for g in found.groups() if g), "") if found else "")
        detail = {"entity": f"&{name};", "element": f"<{name}>", "name": name}.get(shape, "")
    else:
        template, detail = gettext_noop("XML-feil: %(detail)s"), _short(message)
    params = {"line": line, "column": column, "reason_template": template, "detail": detail}
    if line:
        return UnsafeXmlError(
            gettext_noop("Filen er ikke gyldig XML (linje %(line)s, kolonne %(column)s): %(reason)s."), params
        )
    return UnsafeXmlError(gettext_noop("Filen er ikke gyldig XML: %(reason)s."), params)


_LONG_NUMBER = re.compile(r"\d{6,}")


def _short(error: object) -> str:
    # Parser messages can quote bits of the file; long digit runs may be identity numbers.
    return _LONG_NUMBER.sub("…", str(error).split("\n", 1)[0])[:200]


def safe_schema(path: str | os.PathLike[str]) -> etree.XMLSchema:
    """Load an XSD from a trusted path (the shared data dir) without network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(path), parser))
