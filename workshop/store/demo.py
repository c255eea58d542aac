"""A demo workshop, so that a fresh ``make run`` has something to join."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop.domain.creation import NewWorkshop
from workshop.domain.decks import load_decks
from workshop.store.db import PROMPTS_DIR
from workshop.store.models import Workshop
from workshop.store.workshops import CreatedWorkshop, create_workshop

DEMO = NewWorkshop(
    title="Entä jos – lastensuojelun tulevaisuustyöpaja",
    challenge="Miten lastensuojelu voisi tukea nuoria ja perheitä paremmin?",
    language="fi",
    deck_id="radical-child-welfare",
)


def ensure_demo_workshop(session: Session) -> CreatedWorkshop | None:
    """Create the demo workshop when the database holds no workshop at all."""
    if session.scalar(select(func.count()).select_from(Workshop)):
        return None
    deck = load_decks(PROMPTS_DIR).find(DEMO.deck_id, DEMO.language) if DEMO.deck_id else None
    return create_workshop(session, DEMO, deck)
