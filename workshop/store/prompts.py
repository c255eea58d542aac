"""A workshop's own copy of its prompts: edit, reorder, hide, add, and pick the one on screen."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workshop.domain.creation import InvalidInput
from workshop.domain.decks import PROMPT_TEXT
from workshop.domain.ids import row_id
from workshop.domain.text import clean_text
from workshop.domain.vocabulary import IdeaKind
from workshop.store.models import Prompt, Workshop


def _prompt(session: Session, workshop: Workshop, prompt_id: object) -> Prompt:
    prompt = session.scalar(select(Prompt).where(Prompt.id == row_id(prompt_id, "errors.prompt_unknown"),
                                                Prompt.workshop_id == workshop.id))
    if prompt is None:
        raise InvalidInput("errors.prompt_unknown")
    return prompt


def _text(raw: object) -> str:
    return clean_text(raw, PROMPT_TEXT)


def add(session: Session, workshop: Workshop, kind: object, text: object) -> Prompt:
    """A new prompt at the end of the list."""
    try:
        checked_kind = IdeaKind(kind)
    except ValueError:
        raise InvalidInput("errors.prompt_unknown") from None
    last = session.scalar(select(func.max(Prompt.position)).where(Prompt.workshop_id == workshop.id))
    prompt = Prompt(workshop_id=workshop.id, kind=checked_kind.value, text=_text(text),
                    position=(last if last is not None else -1) + 1)
    session.add(prompt)
    session.flush()
    return prompt


def edit(session: Session, workshop: Workshop, prompt_id: object, text: object) -> None:
    _prompt(session, workshop, prompt_id).text = _text(text)


def set_hidden(session: Session, workshop: Workshop, prompt_id: object, hidden: bool) -> None:
    prompt = _prompt(session, workshop, prompt_id)
    prompt.hidden = hidden is True
    if prompt.hidden:
        prompt.is_current = False


def move(session: Session, workshop: Workshop, prompt_id: object, direction: object) -> None:
    """Swap a prompt with its neighbour above (-1) or below (1)."""
    if direction not in (-1, 1):
        raise InvalidInput("errors.prompt_unknown")
    prompts = list(session.scalars(
        select(Prompt).where(Prompt.workshop_id == workshop.id).order_by(Prompt.position, Prompt.id)
    ))
    prompt = _prompt(session, workshop, prompt_id)
    index = prompts.index(prompt)
    other = index + int(direction)  # type: ignore[arg-type]
    if not 0 <= other < len(prompts):
        return
    prompts[index], prompts[other] = prompts[other], prompts[index]
    for position, item in enumerate(prompts):
        item.position = position


def show(session: Session, workshop: Workshop, prompt_id: object) -> None:
    """Make ``prompt_id`` the one prompt on screen (0 or None: none)."""
    session.execute(update(Prompt).where(Prompt.workshop_id == workshop.id).values(is_current=False))
    session.flush()
    if prompt_id in (None, 0):
        return
    prompt = _prompt(session, workshop, prompt_id)
    if prompt.hidden:
        raise InvalidInput("errors.prompt_unknown")
    prompt.is_current = True
