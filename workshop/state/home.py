"""Home page: join a workshop by code, or create one and become its facilitator."""

from __future__ import annotations

import dataclasses
import logging
import os
from datetime import date

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain import portfolio as portfolio_rules
from workshop.domain.codes import normalize_code
from workshop.domain.creation import InvalidInput, parse_new_workshop, passphrase_accepted
from workshop.domain.decks import DeckLibrary, load_decks
from workshop.domain.vocabulary import WorkshopStatus
from workshop.live.ratelimit import limiter
from workshop.state.language import PageLoad
from workshop.state.secrets import (
    FACILITATOR_KEYS,
    BrowserSecrets,
    forget_invitation,
    invitation,
    remember,
    remember_invitation,
)
from workshop.state.workshop_page import FORM_INVALID, STORE_UNAVAILABLE, client_address, count_wrong_code, form_fields, guessing_blocked, with_database
from workshop.domain.vocabulary import Opener
from workshop.state.opening import (FORGET_ADDRESS_QUERY, USED_PORTFOLIO, address_to_forget, given_opener,
                                    key_that_opens, opener_link)
from workshop.store import openers
from workshop.store import portfolio as portfolio_store
from workshop.store import workshops
from workshop.store.models import Workshop
from workshop.store.db import PROMPTS_DIR

logger = logging.getLogger(__name__)

PASSPHRASE_ENV = "WORKSHOP_CREATE_PASSPHRASE"
CREATE_LIMIT = "workshops_created_per_address"

# Catalog keys the home page may show as messages.
JOIN_ERRORS = ("errors.code_format", "errors.code_unknown", "errors.workshop_closed", "limits.too_many_guesses", FORM_INVALID,
               STORE_UNAVAILABLE)
CREATE_ERRORS = (
    "errors.title_required",
    "errors.title_too_long",
    "errors.challenge_too_long",
    "errors.language_unknown",
    "errors.passphrase_wrong",
    "errors.dots_invalid",
    "errors.vote_target_unknown",
    "errors.deck_unknown",
    "errors.idea_length_invalid",
    "errors.rate_invalid",
    "limits.too_many_workshops",
    "smallgroups.size_invalid",
    "portfolio.region_unknown",
    "portfolio.date_invalid",
    "portfolio.invitation_wrong",
    USED_PORTFOLIO,
    FORM_INVALID,
    STORE_UNAVAILABLE,
)


@dataclasses.dataclass
class DeckOption:
    """A deck the create form offers: its id and its title in each language it has."""

    id: str
    titles: dict[str, str]


def _deck_options(library: DeckLibrary) -> list[DeckOption]:
    options: dict[str, DeckOption] = {}
    for deck in library.decks:
        options.setdefault(deck.id, DeckOption(deck.id, {})).titles[deck.language] = deck.title
    return list(options.values())


def _decks() -> DeckLibrary:
    """The decks in prompts/, read afresh so that a dropped-in file shows up at once."""
    library = load_decks(PROMPTS_DIR)
    for problem in library.problems:
        logger.warning("prompt deck skipped: %s", problem)
    return library


def _create_passphrase() -> str:
    return os.environ.get(PASSPHRASE_ENV, "")


class HomeState(PageLoad, rx.State):
    """Messages and the once-shown one-time facilitator link of a new workshop."""

    join_error: str = ""
    create_error: str = ""
    passphrase_required: bool = False
    deck_options: list[DeckOption] = []
    created_code: str = ""
    # The new workshop's one-time facilitator link, for another device (this browser keeps the key).
    created_facilitator_link: str = ""
    # The portfolio a workshop created here will belong to (an invitation link was opened).
    invited_to: str = ""
    invited_title: str = ""
    held_min: str = ""
    held_max: str = ""

    async def _load_page(self):
        """Reset the page and tell whether creating needs the passphrase; take the key of a
        one-time invitation link (``?invite=CODE&open=…``) into this tab, and the link out of
        the address bar. A used one is refused unless this tab already holds that invitation."""
        self.join_error = ""
        self.create_error = ""
        self.passphrase_required = bool(_create_passphrase())
        self.deck_options = _deck_options(_decks())
        earliest, latest = portfolio_rules.held_window(date.today())
        self.held_min, self.held_max = earliest.isoformat(), latest.isoformat()
        secrets = await self.get_state(BrowserSecrets)
        params = self.router.url.query_parameters
        invite, opener = params.get("invite"), given_opener(self)
        code = (normalize_code(invite) or "") if isinstance(invite, str) else ""
        taken = await with_database(lambda session: key_that_opens(
            session, (Opener.INVITATION,), code, opener, (),
            lambda key: portfolio_store.for_invitation(session, code, key))) if code and opener else None
        if taken is not None:
            remember_invitation(secrets, code, taken[0])
        self.invited_to, self.invited_title = "", ""
        held = invitation(secrets)
        if held is not None:
            found = await with_database(lambda session: portfolio_store.for_invitation(session, *held))
            if found is None:
                forget_invitation(secrets)
                self.create_error = "portfolio.invitation_wrong"
            else:
                self.invited_to, self.invited_title = held[0], found.title
        if opener and taken is None and (not code or self.invited_to != code):
            self.create_error = USED_PORTFOLIO
        return rx.call_script(FORGET_ADDRESS_QUERY) if invite or address_to_forget(self) else None

    @rx.event
    async def drop_invitation(self):
        """Create workshops outside the portfolio again (this tab forgets the invitation)."""
        forget_invitation(await self.get_state(BrowserSecrets))
        self.invited_to, self.invited_title = "", ""

    @rx.event
    async def join(self, form: dict):
        """Check the typed code and go to the join page of that workshop."""
        if (form := form_fields(self, form, "join_error")) is None:
            return None
        if guessing_blocked(self):
            self.join_error = "limits.too_many_guesses"
            return None
        code = normalize_code(str(form.get("code", "")))
        if code is None:
            self.join_error = "errors.code_format"
            return None

        def status_of(session: Session) -> str | None:
            found = workshops.find_by_code(session, code)
            return found.status if found else None

        status = await with_database(status_of)
        if status is None:
            count_wrong_code(self)
            self.join_error = "errors.code_unknown"
            return None
        if status != WorkshopStatus.OPEN:
            self.join_error = "errors.workshop_closed"
            return None
        self.join_error = ""
        return rx.redirect(f"/join/{code}")

    @rx.event
    async def create(self, form: dict):
        """Create a workshop; its facilitator link is shown once, here.

        Each address creates at most ``workshops_created_per_address`` (a wrong
        passphrase counts too), with or without the passphrase."""
        if (form := form_fields(self, form, "create_error")) is None:
            return None
        address = client_address(self)
        if not limiter().test(CREATE_LIMIT, address):
            self.create_error = "limits.too_many_workshops"
            return None
        if not passphrase_accepted(_create_passphrase(), form.get("passphrase")):
            limiter().hit(CREATE_LIMIT, address)
            self.create_error = "errors.passphrase_wrong"
            return None
        try:
            new = parse_new_workshop(
                title=form.get("title"),
                challenge=form.get("challenge"),
                language=form.get("language"),
                dots_per_participant=form.get("dots_per_participant"),
                max_dots_per_item=form.get("max_dots_per_item"),
                vote_target=form.get("vote_target"),
                show_names=form.get("show_names"),
                max_idea_length=form.get("max_idea_length"),
                ideas_per_minute=form.get("ideas_per_minute"),
                min_group_size=form.get("min_group_size"),
                deck_id=form.get("deck_id"),
                known_decks=(library := _decks()).ids(),
            )
            today = date.today()
            region = portfolio_rules.clean_region(form.get("region"))
            held_on = portfolio_rules.clean_held_on(form.get("held_on"), today)
        except InvalidInput as refused:
            self.create_error = refused.key
            return None
        if not limiter().hit(CREATE_LIMIT, address):
            self.create_error = "limits.too_many_workshops"
            return None
        deck = library.find(new.deck_id, new.language) if new.deck_id else None
        secrets = await self.get_state(BrowserSecrets)
        invited = invitation(secrets)

        def create(session: Session) -> tuple[workshops.CreatedWorkshop, str]:
            # The invitation is checked before anything is written: on SQLite the new
            # workshop's savepoint (the transaction's first statement) commits at once, so a
            # refusal after it would not undo it.
            if invited is not None and portfolio_store.for_invitation(session, *invited) is None:
                raise InvalidInput("portfolio.invitation_wrong")
            made = workshops.create_workshop(session, new, deck)
            workshop = session.get(Workshop, made.id)
            portfolio_store.set_where_when(session, workshop, region or "",
                                           held_on.isoformat() if held_on else "", today)
            if invited is not None:
                # A wrong invitation undoes the whole creation (one transaction).
                portfolio_store.join_with_invitation(session, workshop, *invited)
            return made, openers.mint(session, Opener.FACILITATOR, made.facilitator_key, workshop)

        try:
            created, opener = await with_database(create)
        except InvalidInput as refused:
            self.create_error = refused.key
            return None
        remember(secrets, FACILITATOR_KEYS, created.code, created.facilitator_key)
        self.create_error = ""
        self.created_code = created.code
        self.created_facilitator_link = opener_link(self, Opener.FACILITATOR, created.code, opener)
        return None
