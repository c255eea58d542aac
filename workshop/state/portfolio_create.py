"""The home page's "create a portfolio": the same passphrase and the same limit per address
as creating a workshop. Its three links are shown once, here: the coordinator's link
(this browser keeps its key, like a new workshop's facilitator key), the read-only
viewer link and the invitation link for facilitators."""

from __future__ import annotations

import reflex as rx

from workshop.domain import portfolio as rules
from workshop.domain.creation import InvalidInput, passphrase_accepted
from workshop.live.ratelimit import limiter
from workshop.state.home import CREATE_LIMIT, _create_passphrase
from workshop.state.secrets import PORTFOLIO_KEYS, BrowserSecrets, remember
from workshop.state.workshop_page import FORM_INVALID, client_address, form_fields, with_database
from workshop.store import portfolio as store

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
        try:
            created = await with_database(lambda session: store.create_portfolio(session, form.get("title")))
        except InvalidInput as refused:
            self.portfolio_error = refused.key
            return None
        remember(await self.get_state(BrowserSecrets), PORTFOLIO_KEYS, created.code, created.coordinator_key)
        origin = self.router.url.origin
        self.portfolio_error = ""
        self.portfolio_code = created.code
        self.coordinator_link = f"{origin}/portfolio/{created.code}?key={created.coordinator_key}"
        self.viewer_link = f"{origin}/portfolio/{created.code}?key={created.viewer_key}"
        self.invitation_link = f"{origin}/?invite={created.code}&key={created.invitation_key}"
        return None
