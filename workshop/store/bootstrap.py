"""``python -m workshop.store.bootstrap``: migrate, add the demo workshop, say where to go.

The demo's facilitator key is stored hashed, so its link can only be shown
when the demo is created; a small file beside the SQLite database (or in
git-ignored ``data/`` for other databases) keeps it for later runs here.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.store import migrate
from sqlalchemy.engine import make_url

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


def main() -> None:
    base = f"http://localhost:{os.environ.get('PORT', '3000')}"
    engine = make_engine()
    link = link_file()
    migrate.upgrade(engine=engine)
    with Session(engine) as session, session.begin():
        created = ensure_demo_workshop(session)
        if created is not None:
            write_private(link, f"{created.code} /facilitate/{created.code}?key={created.facilitator_key}\n",
                          tighten_dir=link.parent == DEFAULT_SQLITE.parent)
        code = session.scalar(select(Workshop.code).order_by(Workshop.id).limit(1))
    engine.dispose()

    print(f"Home page:        {base}/")
    if code is None:
        return
    print(f"Demo join code:   {code}   (participants: {base}/join/{code})")
    if link.exists():
        private_file(link)  # one written before files were owner-only
    saved = link.read_text().split() if link.exists() else []
    if len(saved) == 2 and saved[0] == code:
        print(f"Facilitator link: {base}{saved[1]}")
    else:
        print("Facilitator link: shown only when the workshop was created (keys are stored hashed)")


if __name__ == "__main__":
    main()
