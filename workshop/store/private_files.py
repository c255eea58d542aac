"""Owner-only files: the data folder (0700) and what lies in it (0600).

The SQLite database holds everything participants wrote, and the demo link
file a facilitator key; other accounts on the machine must read neither.
SQLite gives its -wal and -shm files the database file's mode.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def _tighten(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` when this process's user owns it (never someone else's /tmp)."""
    try:
        if path.stat().st_uid == os.getuid():
            path.chmod(mode)
    except FileNotFoundError:
        pass


def private_dir(path: Path, *, tighten_existing: bool = False) -> None:
    """Create the folder (and missing parents) owner-only; an existing one is tightened on request."""
    if not path.exists():
        path.mkdir(parents=True, mode=DIR_MODE)
        path.chmod(DIR_MODE)  # mkdir's mode passes through the umask
    elif tighten_existing:
        _tighten(path, DIR_MODE)


def private_file(path: Path) -> None:
    """Create the file empty and owner-only if missing; an existing one is tightened."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass
    _tighten(path, FILE_MODE)


def write_private(path: Path, text: str, *, tighten_dir: bool = False) -> None:
    """Write ``text`` to an owner-only file (its folder owner-only when created here or asked)."""
    private_dir(path.parent, tighten_existing=tighten_dir)
    private_file(path)
    path.write_text(text)
