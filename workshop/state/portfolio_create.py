"""The home page's "create a portfolio": the same passphrase and the same limit per address
as creating a workshop. Its three one-time links are shown once, here: the coordinator's
link for another device (this browser keeps the coordinator key, like a new workshop's
facilitator key), the read-only viewer link and the invitation link for facilitators.
Each opens once (``workshop.state.opening``); the coordinator makes more on the portfolio's
page."""

from __future__ import annotations

import reflex as rx
from sqlalchemy.orm import Session

from workshop.domain import portfolio as rules
from workshop.domain.creation import InvalidInput, passphrase_accepted
from workshop.live.ratelimit import limiter
from workshop.state.home import CREATE_LIMIT, _create_passphrase
from workshop.domain.vocabulary import Opener
from workshop.state.opening import opener_link
from workshop.state.secrets import PORTFOLIO_KEYS, BrowserSecrets, remember
from workshop.state.workshop_page import FORM_INVALID, client_address, form_fields, with_database
from workshop.store import openers
from workshop.store import portfolio as store
from workshop.store.models import Portfolio
from workshop.store.portfolio import CreatedPortfolio

PORTFOLIO_CREATE_ERRORS = (
    "portfolio.title_required",
    "portfolio.title_too_long",
    "errors.passphrase_wrong",
    "limits.too_many_workshops",
    FORM_INVALID,
)


class PortfolioCreation(rx.State):
    """The create-a-portfolio form and its once-shown links."""

    portfolio_error: str = ""
    portfolio_code: str = ""
    coordinator_link: str = ""
    viewer_link: str = ""
    invitation_link: str = ""

    @rx.event
    async def create_portfolio(self, form: dict):
        """Create a portfolio; each address creates at most ``workshops_created_per_address``
        workshops and portfolios together (a wrong passphrase counts too)."""
        if (form := form_fields(self, form, "portfolio_error")) is None:
            return None
        address = client_address(self)
        if not limiter().test(CREATE_LIMIT, address):
            self.portfolio_error = "limits.too_many_workshops"
            return None
        if not passphrase_accepted(_create_passphrase(), form.get("passphrase")):
            limiter().hit(CREATE_LIMIT, address)
            self.portfolio_error = "errors.passphrase_wrong"
            return None
        try:
            rules.clean_title(form.get("title"))
        except InvalidInput as refused:
            self.portfolio_error = refused.key
            return None
        if not limiter().hit(CREATE_LIMIT, address):
            self.portfolio_error = "limits.too_many_workshops"
            return None
        def create(session: Session) -> tuple[CreatedPortfolio, dict[Opener, str]]:
            created = store.create_portfolio(session, form.get("title"))
            portfolio = session.get(Portfolio, created.id)
            keys = {Opener.COORDINATOR: created.coordinator_key, Opener.VIEWER: created.viewer_key,
                    Opener.INVITATION: created.invitation_key}
            return created, {purpose: openers.mint(session, purpose, key, portfolio) for purpose, key in keys.items()}

        try:
            created, tokens = await with_database(create)
        except InvalidInput as refused:
            self.portfolio_error = refused.key
            return None
        remember(await self.get_state(BrowserSecrets), PORTFOLIO_KEYS, created.code, created.coordinator_key)
        self.portfolio_error = ""
        self.portfolio_code = created.code
        self.coordinator_link, self.viewer_link, self.invitation_link = (
            opener_link(self, purpose, created.code, tokens[purpose])
            for purpose in (Opener.COORDINATOR, Opener.VIEWER, Opener.INVITATION))
        return None
