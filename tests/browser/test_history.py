"""Red-team finding 1: keys stayed in the browser's history. A real Chromium profile (a
persistent user-data folder, as a person's browser has) opens every kind of link the app
hands out, as a person would: the new workshop's facilitator link and a link for another
device, the big screen (from the cockpit and by its link), the results link, and a new
portfolio's coordinator, viewer and invitation links. Then the browser closes and the test
reads what it left on disk: Chromium's History database (what chrome://history, the address
bar's suggestions and a synced account hold), and every other file of the profile but the
app's own storage. No key that this browser holds may be found in any of them, and every
one-time link the history holds opens nothing any more."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.pages import create_workshop, open_page, screen_link

USED = "Tämä linkki on jo käytetty tai vanhentunut"

# This test's own client address (TEST-NET-3): the other tests count theirs in TEST-NET-2.
ADDRESS = {"X-Forwarded-For": "203.0.113.61"}
# Where the app's pages keep their keys on purpose (LevelDB folders of the profile).
APP_STORAGE = ("Local Storage", "Session Storage")


def _secrets(page: Page) -> set[str]:
    """Every key this tab's browser keeps for the app (localStorage and this tab's sessionStorage)."""
    raw = page.evaluate("() => [...Object.entries(localStorage), ...Object.entries(sessionStorage)]")
    found: set[str] = set()
    for name, value in raw:
        if name.startswith("entajos_") and value.startswith("{"):
            found.update(v for v in json.loads(value).values() if isinstance(v, str))
    return found


def _panel_links(desk: Page) -> tuple[str, str]:
    """A results link and a link to the cockpit for another device, from the keys panel."""
    desk.locator("summary").filter(has_text="Työkalut").click()
    panel = desk.get_by_role("region", name="Linkit ja avaimet")
    panel.get_by_role("button", name="Tee uusi tulosten linkki").click()
    panel.get_by_role("button", name="Linkki toiselle laitteelle", exact=True).click()
    results = panel.locator(".one-time-link").filter(has_text="/results/")
    device = panel.locator("#device-link")
    for shown in (results, device):
        expect(shown).to_have_text(re.compile(r"\?open=[\w-]+$"))
    return results.text_content(), device.text_content()


def _portfolio_links(page: Page, base: str) -> dict[str, str]:
    open_page(page, f"{base}/?lang=fi")
    page.get_by_role("textbox", name="Portfolion nimi").fill("Historia")
    page.get_by_role("button", name="Luo portfolio").click()
    created = page.get_by_test_id("portfolio-created")
    return {name: created.locator(f"#{name}-link").text_content() for name in ("coordinator", "viewer", "invitation")}


def _history_urls(profile: Path, copy: Path) -> list[str]:
    shutil.copy(profile / "Default" / "History", copy)
    with sqlite3.connect(copy) as db:
        return [url for (url,) in db.execute("SELECT url FROM urls ORDER BY id")]


def _files_holding(profile: Path, secret: str) -> list[str]:
    """Files of the profile (but the app's storage) that hold ``secret`` as text (UTF-8 or UTF-16)."""
    needles = (secret.encode(), secret.encode("utf-16-le"))
    return [str(path.relative_to(profile)) for path in profile.rglob("*")
            if path.is_file() and not any(part in APP_STORAGE for part in path.parts)
            and any(needle in path.read_bytes() for needle in needles)]


def test_no_key_stays_in_the_browsers_history_or_profile(app_server, browser, tmp_path):
    base = app_server.url
    profile = tmp_path / "profile"
    person = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 800}, extra_http_headers=ADDRESS)
    held: set[str] = set()
    try:
        # The facilitator: a new workshop, its link opened, the big screen from the cockpit and by
        # its link, the results link, a link to the cockpit for another device.
        desk = person.new_page()
        code, link = create_workshop(desk, base, "Historia")
        open_page(desk, link)
        expect(desk).to_have_url(re.compile(f"/facilitate/{code}$"))
        with person.expect_page() as opened:
            desk.get_by_role("region", name="Ohjauspalkki").get_by_role("button", name="Valkokangas").click()
        own_screen = opened.value
        expect(own_screen.locator(".join-code")).to_have_text(code)
        screen = open_page(person.new_page(), screen_link(desk))
        expect(screen.locator(".join-code")).to_have_text(code)
        results_link, device_link = _panel_links(desk)
        results = open_page(person.new_page(), results_link)
        expect(results.get_by_role("heading", name="Historia")).to_be_visible()
        device = open_page(person.new_page(), device_link)
        expect(device.get_by_role("region", name="Ohjauspalkki")).to_be_visible()
        # The coordinator: a new portfolio and its three links.
        home = person.new_page()
        links = _portfolio_links(home, base)
        coordinator = open_page(person.new_page(), links["coordinator"])
        expect(coordinator.get_by_test_id("portfolio-mode")).to_be_visible()
        viewer = open_page(person.new_page(), links["viewer"])
        expect(viewer.get_by_test_id("portfolio-mode")).to_be_visible()
        invited = open_page(person.new_page(), links["invitation"])
        expect(invited.get_by_test_id("invitation")).to_contain_text("Historia")
        for page in (desk, own_screen, screen, results, device, home, coordinator, viewer, invited):
            expect(page).not_to_have_url(re.compile(r"[?&](key|open)="))
            held |= _secrets(page)
    finally:
        person.close()

    # The browser holds six keys: facilitator, display, results, coordinator, viewer, invitation.
    assert len(held) >= 6, held
    urls = _history_urls(profile, tmp_path / "History")
    assert any(f"/facilitate/{code}" in url for url in urls), urls  # the history was written
    leaked = {secret: [url for url in urls if secret in url] for secret in held}
    assert not any(leaked.values()), f"keys in Chromium's History: {leaked}"
    assert not [url for url in urls if re.search(r"[?&]key=", url)], urls
    on_disk = {secret: _files_holding(profile, secret) for secret in held}
    assert not any(on_disk.values()), f"keys in the profile's files: {on_disk}"

    # What the history holds instead: one-time links, every one used up.
    kept = [url for url in urls if "open=" in url]
    assert len(kept) >= 8, urls
    elsewhere = browser.new_context(extra_http_headers=ADDRESS)
    try:
        for url in kept:
            page = open_page(elsewhere.new_page(), url)
            expect(page.get_by_role("alert").filter(has_text=USED)).to_have_count(1)
            expect(page.get_by_test_id("invitation")).to_have_count(0)
            page.close()
    finally:
        elsewhere.close()
