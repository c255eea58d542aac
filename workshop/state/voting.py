"""Running dot-vote rounds: the facilitator opens, closes, reopens and reveals.

Phones add and remove their own dots through ``ParticipantState`` (their
dots stay in their own state); every screen gets the ballot and the tally
from the room hub. Tallies are not sent to anyone, the facilitator
included, until the round is revealed: only "X of Y used all their dots".
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain import voting as rules
from workshop.domain.creation import InvalidInput
from workshop.state.workshop_page import form_fields
from workshop.store import voting
from workshop.store.models import Workshop

VOTING_ERRORS = (
    "errors.vote_not_open",
    "errors.vote_item_unknown",
    "errors.no_dots_left",
    "errors.item_full",
    "errors.no_dot_here",
    "errors.round_still_open",
    "errors.round_none",
    "errors.round_not_closed",
    "errors.round_revealed",
    "errors.dots_invalid",
    "errors.vote_target_unknown",
)

# What a round's change shows on the screens.
ROUND_PARTS = ("ballot", "tally", "rounds")


class VoteRunning(rx.State, mixin=True):
    """The facilitator's vote handlers; the page's state supplies ``_change``."""

    async def _change(self, apply: Callable[[Session, Workshop], object], *parts: str) -> bool:
        raise NotImplementedError

    @rx.event
    async def open_round(self, form: dict):
        """A new round: on clusters, what-if ideas, critique notes or every idea; dots and most per item."""
        if (form := form_fields(self, form)) is None:
            return
        try:
            settings = rules.parse_round(form.get("ballot"), form.get("dots"), form.get("per_item"))
        except InvalidInput as refused:
            self.notice = refused.key  # type: ignore[attr-defined]
            return
        await self._change(lambda s, w: voting.open_round(s, w, settings), *ROUND_PARTS)

    @rx.event
    async def close_round(self):
        await self._change(voting.close_round, *ROUND_PARTS)

    @rx.event
    async def reopen_round(self):
        await self._change(voting.reopen_round, *ROUND_PARTS)

    @rx.event
    async def reveal_round(self):
        await self._change(voting.reveal_round, *ROUND_PARTS)
