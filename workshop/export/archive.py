"""Zip files whose bytes depend only on their contents and one date."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import date

# The zip format cannot store dates before 1980.
_EARLIEST = date(1980, 1, 1)


def zip_time(day: date | None) -> tuple[int, int, int, int, int, int]:
    """Noon of the workshop's date as a zip member time (1980-01-01 when unknown)."""
    day = day if day is not None and day >= _EARLIEST else _EARLIEST
    return (day.year, day.month, day.day, 12, 0, 0)


def deterministic_zip(members: Iterable[tuple[str, bytes]], day: date | None) -> bytes:
    """A deflated zip of ``(name, data)`` members, in the given order, every
    member with the same fixed time, permissions and creator system."""
    when = zip_time(day)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the permissions below apply
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def rezip(data: bytes, day: date | None) -> bytes:
    """The same zip with every member's time and attributes fixed (python-docx
    stamps members with the current time)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    return deterministic_zip(members, day)
