"""``python -m workshop.store.bootstrap`` migrates, adds the demo once and prints where to go."""

from __future__ import annotations

import re
import subprocess
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.domain.tokens import secret_matches
from workshop.domain.vocabulary import Opener
from workshop.store import openers
from workshop.store.db import REPO_ROOT, make_engine
from workshop.store.models import Workshop


def _bootstrap(url: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "workshop.store.bootstrap"],
        cwd=REPO_ROOT, env={"DATABASE_URL": url, "PORT": "3999", "PATH": "/usr/bin:/bin"},
        check=True, capture_output=True, text=True,
    ).stdout


def test_bootstrap_creates_the_demo_once_and_prints_a_one_time_link_each_run(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = _bootstrap(url)
    second = _bootstrap(url)

    assert "http://localhost:3999/" in first and "key=" not in first + second
    links = [re.search(r"/facilitate/([A-Z0-9]{8})\?open=(\S+)", out) for out in (first, second)]
    assert all(links), first + second
    (code, opener), (again, later) = links[0].groups(), links[1].groups()
    assert f"Demo join code:   {code}" in first and again == code
    assert later != opener  # a fresh one-time link on every run, from the key kept on this machine

    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        workshops = session.scalars(select(Workshop)).all()
        assert [w.code for w in workshops] == [code]
        for token in (opener, later):
            _, key = openers.take(session, [Opener.FACILITATOR], code, token)
            assert secret_matches(key, workshops[0].facilitator_key_hash)
    engine.dispose()


def test_a_demo_link_file_written_before_openers_still_gives_a_link(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _bootstrap(url)
    link = tmp_path / "old.db.demo-link"
    code, key = link.read_text().split()
    link.write_text(f"{code} /facilitate/{code}?key={key}\n")
    opener = re.search(rf"/facilitate/{code}\?open=(\S+)", _bootstrap(url)).group(1)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        assert openers.take(session, [Opener.FACILITATOR], code, opener)[1] == key
    engine.dispose()
