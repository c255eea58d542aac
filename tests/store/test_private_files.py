"""The data folder and its files are owner-only: 0700 for the folder, 0600 for the database,
its WAL files and the demo link (which holds a facilitator key)."""

from __future__ import annotations

import stat
import subprocess
import sys

from sqlalchemy import text

from workshop.store.db import REPO_ROOT, make_engine
from workshop.store.private_files import write_private


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_database_and_its_folder_are_owner_only(tmp_path):
    folder = tmp_path / "data"
    engine = make_engine(f"sqlite:///{folder / 'workshop.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
        files = sorted(p.name for p in folder.iterdir())
        modes = {p.name: _mode(p) for p in folder.iterdir()}
    engine.dispose()
    assert "workshop.db-wal" in files  # WAL mode: the -wal file exists while connected
    assert _mode(folder) == 0o700
    assert modes == {name: 0o600 for name in files}


def test_an_existing_database_file_is_tightened(tmp_path):
    database = tmp_path / "old.db"
    database.touch(mode=0o644)
    database.chmod(0o644)
    make_engine(f"sqlite:///{database}").dispose()
    assert _mode(database) == 0o600


def test_write_private(tmp_path):
    link = tmp_path / "new" / "demo-link"
    write_private(link, "ABC234 /facilitate/ABC234?key=x\n")
    assert (_mode(link.parent), _mode(link)) == (0o700, 0o600)
    link.chmod(0o644)
    write_private(link, "again\n")
    assert _mode(link) == 0o600 and link.read_text() == "again\n"


def test_bootstrap_writes_the_demo_link_owner_only(tmp_path):
    folder = tmp_path / "data"
    subprocess.run(
        [sys.executable, "-m", "workshop.store.bootstrap"], cwd=REPO_ROOT, check=True, capture_output=True,
        env={"DATABASE_URL": f"sqlite:///{folder / 'workshop.db'}", "PORT": "3999", "PATH": "/usr/bin:/bin"},
    )
    assert _mode(folder) == 0o700
    assert _mode(folder / "workshop.db") == 0o600
    assert _mode(folder / "workshop.db.demo-link") == 0o600
