"""``python -m workshop.store.bootstrap``: migrate, add the demo workshop, say where to go.

The demo's facilitator key is stored hashed, so it can only be known when the
demo is created; a small owner-only file beside the SQLite database (or in
git-ignored ``data/`` for other databases) keeps it for later runs here. Each run
prints a fresh one-time facilitator link for it (``workshop.store.openers``): the
key itself never goes into an address.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from workshop.domain.openers import opener_path
from workshop.domain.tokens import secret_matches
from workshop.domain.vocabulary import Opener
from workshop.store import migrate, openers
from workshop.store.db import DEFAULT_SQLITE, REPO_ROOT, database_url, make_engine
from workshop.store.demo import ensure_demo_workshop
from workshop.store.models import Workshop
from workshop.store.private_files import private_file, write_private


def link_file() -> Path:
    """Where the demo's facilitator link is kept for this database."""
    url = make_url(database_url())
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(f"{url.database}.demo-link")
    return REPO_ROOT / "data" / "demo-link"


def saved_key(link: Path, code: str) -> str | None:
    """The demo's facilitator key the file keeps (``CODE KEY``; or, as written before,
    ``CODE /facilitate/CODE?key=KEY``), when it is for ``code``."""
    if link.exists():
        private_file(link)  # one written before files were owner-only
    saved = link.read_text().split() if link.exists() else []
    if len(saved) != 2 or saved[0] != code:
        return None
    return saved[1].rsplit("?key=", 1)[-1]


def main() -> None:
    base = f"http://localhost:{os.environ.get('PORT', '3000')}"
    engine = make_engine()
    link = link_file()
    migrate.upgrade(engine=engine)
    opened = None
    with Session(engine) as session, session.begin():
        created = ensure_demo_workshop(session)
        if created is not None:
            write_private(link, f"{created.code} {created.facilitator_key}\n",
                          tighten_dir=link.parent == DEFAULT_SQLITE.parent)
        demo = session.scalar(select(Workshop).order_by(Workshop.id).limit(1))
        code = demo.code if demo is not None else None
        key = saved_key(link, code) if code else None
        if demo is not None and secret_matches(key, demo.facilitator_key_hash):
            opened = opener_path(Opener.FACILITATOR, code, openers.mint(session, Opener.FACILITATOR, key, demo))
    engine.dispose()

    print(f"Home page:        {base}/")
    if code is None:
        return
    print(f"Demo join code:   {code}   (participants: {base}/join/{code})")
    if opened:
        print(f"Facilitator link: {base}{opened}   (opens once; that browser then keeps the key)")
    else:
        print("Facilitator link: shown only when the workshop was created (keys are stored hashed)")


if __name__ == "__main__":
    main()
