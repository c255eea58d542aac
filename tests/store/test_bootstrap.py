"""``python -m workshop.store.bootstrap`` migrates, adds the demo once and prints where to go."""

from __future__ import annotations

import re
import subprocess
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.domain.tokens import secret_matches
from workshop.store.db import REPO_ROOT, make_engine
from workshop.store.models import Workshop


def _bootstrap(url: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "workshop.store.bootstrap"],
        cwd=REPO_ROOT, env={"DATABASE_URL": url, "PORT": "3999", "PATH": "/usr/bin:/bin"},
        check=True, capture_output=True, text=True,
    ).stdout


def test_bootstrap_creates_the_demo_once_and_prints_its_links(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = _bootstrap(url)
    second = _bootstrap(url)

    assert "http://localhost:3999/" in first
    link = re.search(r"/facilitate/([A-Z0-9]{8})\?key=(\S+)", first)
    assert link, first
    code, key = link.groups()
    assert f"Demo join code:   {code}" in first
    assert second == first  # the link is kept for later runs on this machine

    engine = make_engine(url)
    with Session(engine) as session:
        workshops = session.scalars(select(Workshop)).all()
    engine.dispose()
    assert [w.code for w in workshops] == [code]
    assert secret_matches(key, workshops[0].facilitator_key_hash)
    assert key not in workshops[0].facilitator_key_hash
