"""The facilitator's side of the SOILA portfolio (the cockpit's tools): where and when the
workshop was held, joining a portfolio with its invitation link, and publishing chosen
briefs to it or withdrawing them. Nothing reaches the portfolio unless published.

Every handler proves the facilitator key through ``_as_facilitator`` (the page's state,
``FacilitatorState``) in the same transaction as the change. Nothing here changes what
the room's screens show, so nothing is broadcast; the card is read afresh after each
change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain import portfolio as rules
from workshop.domain.creation import InvalidInput
from workshop.domain.ids import row_id
from workshop.domain.invitation import UNREADABLE, parse_invitation
from workshop.domain.vocabulary import Opener
from workshop.state.opening import USED_PORTFOLIO, key_that_opens
from workshop.state.secrets import BrowserSecrets, invitation
from workshop.state.workshop_page import FORM_INVALID, form_fields
from workshop.store import portfolio as store
from workshop.store.models import Workshop

T = TypeVar("T")

PUBLISH_ERRORS = (
    "errors.not_facilitator",
    "errors.brief_unknown",
    "portfolio.region_unknown",
    "portfolio.date_invalid",
    "portfolio.invitation_wrong",
    "portfolio.workshop_not_in_portfolio",
    "portfolio.not_published",
    USED_PORTFOLIO,
    UNREADABLE,
    FORM_INVALID,
)
@dataclasses.dataclass
class Publishing:
    """What the cockpit's portfolio card shows (never a key)."""

    portfolio_code: str = ""
    portfolio_title: str = ""
    region: str = ""
    held_on: str = ""
    # brief id (as text) -> "published" or "changed" (edited since it was published)
    published: dict[str, str] = dataclasses.field(default_factory=dict)


def read_publishing(session: Session, workshop: Workshop) -> Publishing:
    member = store.membership(session, workshop)
    states = store.published_of_workshop(session, workshop) if member else {}
    return Publishing(
        portfolio_code=member.portfolio_code if member else "",
        portfolio_title=member.portfolio_title if member else "",
        region=workshop.region or "",
        held_on=workshop.held_on.isoformat() if workshop.held_on else "",
        published={str(brief): "changed" if state.changed_since else "published" for brief, state in states.items()},
    )


class PortfolioPublishing(rx.State, mixin=True):
    """The facilitator's portfolio handlers; the page's state supplies ``_as_facilitator``."""

    publishing: Publishing = Publishing()
    publish_notice: str = ""
    held_min: str = ""
    held_max: str = ""

    async def _as_facilitator(self, work: Callable[[Session, Workshop, str], T],
                              notice: str = "notice") -> tuple[bool, T | None]:
        raise NotImplementedError  # the page's state supplies it (FacilitatorState)

    async def _publishing_change(self, apply: Callable[[Session, Workshop], object]) -> bool:
        """Authorize, ``apply``, commit, and read the card afresh in the same transaction."""

        def work(session: Session, workshop: Workshop, _: str) -> Publishing:
            apply(session, workshop)
            session.flush()
            return read_publishing(session, workshop)

        done, read = await self._as_facilitator(work, "publish_notice")
        if done:
            self.publishing = read
        return done

    def _window(self) -> None:
        earliest, latest = rules.held_window(date.today())
        self.held_min, self.held_max = earliest.isoformat(), latest.isoformat()

    async def _load_publishing(self) -> None:
        """Read the card (on page load)."""
        self._window()
        await self._publishing_change(lambda _, __: None)

    @rx.event
    async def save_where_when(self, form: dict):
        """The workshop's region and the date it was held."""
        if (form := form_fields(self, form, "publish_notice")) is None:
            return
        await self._publishing_change(lambda session, workshop: store.set_where_when(
            session, workshop, form.get("region", ""), form.get("held_on", ""), date.today()))

    @rx.event
    async def join_portfolio(self, form: dict):
        """Join the portfolio whose one-time invitation link the facilitator pasted. The link
        is used up by joining; a used one still joins when this tab holds that invitation
        (the facilitator opened the link here first)."""
        if (form := form_fields(self, form, "publish_notice")) is None:
            return
        try:
            code, opener = parse_invitation(form.get("invitation"))
        except InvalidInput as refused:
            self.publish_notice = refused.key
            return
        held = invitation(await self.get_state(BrowserSecrets))

        def join(session: Session, workshop: Workshop) -> None:
            found = key_that_opens(session, (Opener.INVITATION,), code, opener,
                                   (held[1] if held and held[0] == code else None,),
                                   lambda key: store.for_invitation(session, code, key))
            if found is None:
                raise InvalidInput(USED_PORTFOLIO)
            store.join_with_invitation(session, workshop, code, found[0])

        await self._publishing_change(join)

    @rx.event
    async def leave_portfolio(self):
        """Leave the portfolio; this workshop's published briefs are withdrawn from it."""
        await self._publishing_change(lambda session, workshop: store.leave_portfolio(session, workshop))

    async def _brief_change(self, brief_id: object, change) -> None:  # type: ignore[no-untyped-def]
        """``change(session, workshop, brief)`` for one brief of this workshop, by its id."""
        try:
            brief = row_id(brief_id, "errors.brief_unknown")
        except InvalidInput as refused:
            self.publish_notice = refused.key
            return
        await self._publishing_change(lambda session, workshop: change(session, workshop, brief))

    @rx.event
    async def publish_brief(self, brief_id: int):
        """Publish one brief to the portfolio (again: its edits since replace the snapshot)."""
        await self._brief_change(brief_id, store.publish)

    @rx.event
    async def withdraw_brief(self, brief_id: int):
        """Take one brief out of the portfolio."""
        await self._brief_change(brief_id, store.withdraw)
