"""Reading files someone uploads or imports: the one problem every importer raises for bad input,
with a message a user can act on, and the small readers every format shares (text, integers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


class ImportProblem(Exception):
    """Bad input. `str(error)` is a Norwegian message naming file, place and field."""

    def __init__(
        self,
        file: str | Path,
        problem: str,
        *,
        line: int | None = None,
        feature: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = Path(file).name
        self.problem = problem
        self.line = line
        self.feature = feature
        self.field = field
        super().__init__(self.message)

    @property
    def message(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"linje {self.line}")
        if self.feature is not None:
            parts.append(f"objekt {self.feature}")
        if self.field:
            parts.append(f"felt «{self.field}»")
        return f"{', '.join(parts)}: {self.problem}"


Progress = Callable[[int], Any]


def no_progress(_step: int) -> None:
    """The default progress callback: do nothing."""


def read_text(path: Path) -> str:
    """The file as text (UTF-8, with or without BOM), refusing empty and non-text files."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportProblem(path, f"filen kan ikke leses ({error.strerror or error})") from error
    if not raw.strip():
        raise ImportProblem(path, "filen er tom")
    if b"\x00" in raw:
        raise ImportProblem(path, "filen er ikke en tekstfil (den inneholder binære data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # SSB's older CSV exports are Windows-1252 (Latin-1 with extras).
            return raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportProblem(path, "filen er ikke tekst i UTF-8 eller Windows-1252") from error


def parse_int(value: Any, path: Path, field: str, *, line: int | None = None, feature: int | None = None) -> int:
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    try:
        number = int(text)
    except ValueError:
        raise ImportProblem(path, f"«{value}» er ikke et heltall", line=line, feature=feature, field=field) from None
    if number < 0:
        raise ImportProblem(path, f"{number} er negativt", line=line, feature=feature, field=field)
    return number
