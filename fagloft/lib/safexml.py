"""Hardened XML parsing for uploaded files (KOSTRA 15F and other imports). No models.

Uploaded XML is hostile until proven otherwise. The helpers here:
- check the size on disk before anything is parsed (`check_size`);
- sniff the first bytes and refuse empty files, binary junk, and any DOCTYPE (a 15F file never
  has one; refusing it outright shuts the door on entity expansion ("billion laughs") and
  external entities, whatever the parser would have done);
- parse with lxml `iterparse` configured to never resolve entities, never load a DTD, never touch
  the network, and keep the libxml2 size limits (`huge_tree=False`).

Every refusal raises `UnsafeXmlError` with a Norwegian message that can be shown to the user.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

# How much of the file is sniffed for a DOCTYPE and junk. A prolog longer than this is refused.
SNIFF_BYTES = 64 * 1024
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


class UnsafeXmlError(ValueError):
    """The file is not XML we are willing to parse. `str(error)` is a Norwegian message."""


class SchemaInvalidError(ValueError):
    """Well-formed XML that failed the schema given to `hardened_iterparse` (streaming validation)."""


def default_max_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "FAGLOFT_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))


def check_size(path: str | os.PathLike[str], max_bytes: int | None = None) -> int:
    limit = default_max_bytes() if max_bytes is None else max_bytes
    size = Path(path).stat().st_size
    if size == 0:
        raise UnsafeXmlError("Filen er tom.")
    if size > limit:
        raise UnsafeXmlError(
            f"Filen er for stor ({size / 1_000_000:.1f} MB). Største tillatte størrelse er {limit / 1_000_000:.1f} MB."
        )
    return size


def sniff(head: bytes) -> None:
    """Refuse what is obviously not plain XML, judging by the first bytes of the file."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise UnsafeXmlError("Filen er tom.")
    if stripped.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        raise UnsafeXmlError("Filen er ikke en XML-fil (den inneholder binære data).")
    if not stripped.startswith(b"<"):
        raise UnsafeXmlError("Filen er ikke en XML-fil (den begynner ikke med et XML-element).")
    if any(byte in _CONTROL for byte in stripped[:4096]):
        raise UnsafeXmlError("Filen er ikke en XML-fil (den inneholder binære data).")
    if _DOCTYPE.search(head) or _ENTITY.search(head):
        raise UnsafeXmlError(
            "Filen inneholder en DOCTYPE- eller ENTITY-erklæring. Det brukes ikke i KOSTRA-filer og "
            "kan misbrukes (entitetsutvidelse, eksterne entiteter), så filen blir avvist."
        )


def check_file(path: str | os.PathLike[str], max_bytes: int | None = None) -> int:
    """Size limit and sniffing; returns the size in bytes."""
    size = check_size(path, max_bytes)
    with open(path, "rb") as handle:
        sniff(handle.read(SNIFF_BYTES))
    return size


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
    try:
        yield from parser
    except etree.XMLSyntaxError as error:
        # The log can hold earlier entries of the same thread; the last one is what stopped us.
        last = error.error_log.last_error
        if last is not None and last.domain == etree.ErrorDomains.SCHEMASV:
            raise SchemaInvalidError(_short(error)) from error
        line = getattr(error, "lineno", None) or getattr(error, "position", (None,))[0]
        where = f" (linje {line})" if line else ""
        raise UnsafeXmlError(f"Filen er ikke gyldig XML{where}: {_short(error)}") from error


_LONG_NUMBER = re.compile(r"\d{6,}")


def _short(error: Exception) -> str:
    # Parser messages can quote bits of the file; long digit runs may be identity numbers.
    return _LONG_NUMBER.sub("…", str(error).split("\n", 1)[0])[:200]


def safe_schema(path: str | os.PathLike[str]) -> etree.XMLSchema:
    """Load an XSD from a trusted path (the shared data dir) without network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(path), parser))
