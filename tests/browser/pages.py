"""Small helpers the browser tests share."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def open_page(page: Page, url: str) -> Page:
    """Go to ``url`` and wait until the app has hydrated (events now reach the server)."""
    page.goto(url)
    expect(page.locator("[data-hydrated='true']")).to_have_count(1, timeout=30_000)
    return page


def create_workshop(page: Page, base: str, title: str) -> tuple[str, str]:
    """Create a workshop from the home page (in Finnish); returns its code and facilitator link."""
    open_page(page, f"{base}/?lang=fi")
    page.get_by_role("textbox", name="Työpajan nimi").fill(title)
    page.get_by_role("button", name="Luo työpaja").click()
    link = page.get_by_role("status").get_by_role("link").get_attribute("href")
    code = re.search(r"/facilitate/([A-Z0-9]{8})", link).group(1)
    return code, link


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
        page.get_by_role("combobox", name="Mihin kysymykseen vastaat?").select_option(label=prompt)
    page.get_by_role("button", name="Lähetä").click()
    expect(page.locator(".idea-card--mine").filter(has_text=text)).to_have_count(1)
    expect(box).to_have_value("")


def screen_link(facilitator: Page) -> str:
    """The big-screen link the facilitator's cockpit shows (it carries the display key)."""
    link = facilitator.get_by_role("region", name="Ohjauspalkki").get_by_role("link", name="Valkokangas")
    expect(link).to_have_attribute("href", re.compile(r"/screen/[A-Z0-9]{8}\?key=."))
    return link.get_attribute("href")


def open_screen(facilitator: Page, page: Page) -> Page:
    """Open the big screen in ``page`` by the facilitator's big-screen link."""
    return open_page(page, screen_link(facilitator))
