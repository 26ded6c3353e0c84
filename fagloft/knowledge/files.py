"""Checks on uploaded library files: size, type by name and by content.

Only document formats a service can open and reuse are taken: PDF, DOCX, XLSX, ODT and ODS. The
content must match the name (a PDF starts with `%PDF-`; the office formats are zip packages with
their own manifest), so a renamed executable or a script is refused. Files are served only through
the library's views, which check access, with `Content-Disposition: attachment`.
"""

from __future__ import annotations

import hashlib
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from fagloft.lib.refusals import Refused

MAX_BYTES = 20 * 1024 * 1024
TYPES = {
    ".pdf": ("PDF", "application/pdf"),
    ".docx": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".odt": ("ODT", "application/vnd.oasis.opendocument.text"),
    ".ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
}


def suffix_of(name: str) -> str:
    name = (name or "").lower()
    return name[name.rfind(".") :] if "." in name else ""


def check_upload(upload: Any) -> str:
    """The file's SHA-256 if it is acceptable; otherwise `Refused` on the field `file`."""
    suffix = suffix_of(upload.name)
    if suffix not in TYPES:
        raise Refused(
            _("«%(name)s» har en filtype vi ikke tar imot. Last opp PDF, DOCX, XLSX, ODT eller ODS.")
            % {"name": upload.name},
            field="file",
        )
    if upload.size > MAX_BYTES:
        raise Refused(_("Filen er for stor. Største tillatte størrelse er 20 MB."), field="file")
    if upload.size == 0:
        raise Refused(_("Filen er tom."), field="file")
    if not _content_matches(upload, suffix):
        raise Refused(
            _("Innholdet i «%(name)s» er ikke en gyldig %(kind)s-fil.")
            % {"name": upload.name, "kind": TYPES[suffix][0]},
            field="file",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _content_matches(upload: Any, suffix: str) -> bool:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            if suffix in (".docx", ".xlsx"):
                return "[Content_Types].xml" in names
            if "mimetype" not in names:
                return False
            return package.read("mimetype").decode("ascii", "replace").strip() == TYPES[suffix][1]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    finally:
        upload.seek(0)
