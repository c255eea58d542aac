"""Small helpers the browser tests share."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop.domain.openers import opener_path
from workshop.domain.vocabulary import WORKSHOP_OPENERS, Opener
from workshop.store import openers
from workshop.store.db import make_engine
from workshop.store.models import Portfolio, Workshop


def open_page(page: Page, url: str) -> Page:
    """Go to ``url`` and wait until the app has hydrated (events now reach the server)."""
    page.goto(url)
    expect(page.locator("[data-hydrated='true']")).to_have_count(1, timeout=30_000)
    return page


def created_link(page: Page) -> tuple[str, str]:
    """The new workshop's code and its one-time facilitator link, as the home page shows them."""
    shown = page.locator("#created-facilitator-link")
    expect(shown).to_have_text(re.compile(r"/facilitate/[A-Z0-9]{8}\?open=[\w-]+$"))
    link = shown.text_content()
    return re.search(r"/facilitate/([A-Z0-9]{8})", link).group(1), link


def create_workshop(page: Page, base: str, title: str) -> tuple[str, str]:
    """Create a workshop from the home page (in Finnish); returns its code and its one-time
    facilitator link (this browser already holds the key: the link opens the page here too)."""
    open_page(page, f"{base}/?lang=fi")
    page.get_by_role("textbox", name="Työpajan nimi").fill(title)
    page.get_by_role("button", name="Luo työpaja").click()
    return created_link(page)


def join(context, base: str, code: str, role: str) -> Page:
    """A new page of ``context`` joins ``code`` by its link with ``role`` (Finnish name)."""
    page = context.new_page()
    open_page(page, f"{base}/join/{code}?lang=fi")
    page.get_by_role("radio", name=role).check()
    page.get_by_role("button", name="Liity mukaan").click()
    expect(page).to_have_url(re.compile(f"/w/{code}$"))
    return page


def write_idea(page: Page, text: str, prompt: str | None = None) -> None:
    """Send one answer from a phone and wait until it is listed as the phone's own."""
    box = page.get_by_role("textbox", name=re.compile("^(Mikä ei toimi|Sinun ideasi)"))
    box.fill(text)
    if prompt:
        # The prompt card steps through the open prompts ("Seuraava kysymys") to ``prompt``.
        shown = page.locator("#prompt-now")
        for _ in range(int(page.locator("#prompt-position").inner_text().split("/")[-1])):
            if shown.inner_text() == prompt:
                break
            before = shown.inner_text()
            page.get_by_role("button", name="Seuraava kysymys").click()
            expect(shown).not_to_have_text(before)
        expect(shown).to_have_text(prompt)
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator(".idea-card--mine").filter(has_text=text)).to_have_count(1)
    expect(box).to_have_value("")


def one_time_link(base: str, database_url: str, purpose: Opener, code: str, key: str) -> str:
    """A one-time link that hands ``key`` over, as the app makes them (minted in the app's
    database): for tests that set a workshop or portfolio up through the store."""
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        model = Workshop if purpose in WORKSHOP_OPENERS else Portfolio
        target = session.scalar(select(model).where(model.code == code))
        token = openers.mint(session, purpose, key, target)
    engine.dispose()
    return base + opener_path(purpose, code, token)


def _panel_link(facilitator: Page, button, shown_id: str, pattern: str) -> str:
    """Press ``button`` of the keys panel (under Tools, left as it was found) and return the
    one-time link it shows in ``#shown_id``."""
    tools = facilitator.locator("details#tools")
    was_open = tools.evaluate("tools => tools.open")
    if not was_open:
        facilitator.locator("#tools > summary").click()
    shown = facilitator.locator(f"#{shown_id}")
    before = shown.text_content() if shown.count() else None
    button.click()
    expect(shown).to_have_text(re.compile(pattern))
    if before:
        expect(shown).not_to_have_text(before)
    link = shown.text_content()
    if not was_open:
        facilitator.locator("#tools > summary").click()
    return link


def screen_link(facilitator: Page) -> str:
    """A one-time big-screen link (it hands the display key over once), made in the
    facilitator's keys panel ("Valkokangaslinkki toiselle laitteelle")."""
    return _panel_link(facilitator, facilitator.get_by_test_id("another-screen-link"), "screen-link",
                       r"/screen/[A-Z0-9]{8}\?open=[\w-]+$")


def device_link(facilitator: Page) -> str:
    """A one-time link to the facilitator's page for another device (the keys panel's
    "Linkki toiselle laitteelle")."""
    button = facilitator.locator(".keys-panel").get_by_role("button", name="Linkki toiselle laitteelle", exact=True)
    return _panel_link(facilitator, button, "device-link", r"/facilitate/[A-Z0-9]{8}\?open=[\w-]+$")


def open_screen(facilitator: Page, page: Page) -> Page:
    """Open the big screen in ``page`` by a one-time big-screen link of the facilitator's."""
    return open_page(page, screen_link(facilitator))
