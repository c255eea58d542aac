"""Smoke test: the home page on a phone, its form fields by name, the language switch."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import created_link, open_page


def test_home_on_a_phone_has_join_and_create_and_switches_language(app_server, phone, artifacts):
    page = open_page(phone, f"{app_server.url}/")

    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.get_by_role("textbox", name="Työpajan koodi")).to_be_visible()
    expect(page.get_by_role("button", name="Luo työpaja")).to_be_visible()
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "home-fi-360.png"), full_page=True)
    # A link in the text (the privacy notice in the footer) is told from text by an
    # underline, not by colour alone: the base styles had reset both.
    privacy = page.get_by_role("link", name="Tietosuoja: mitä tallennetaan ja kuinka kauan").first
    assert privacy.evaluate("link => getComputedStyle(link).textDecorationLine") == "underline"
    assert privacy.evaluate("link => getComputedStyle(link).color") != page.locator("body").evaluate(
        "body => getComputedStyle(body).color")

    page.get_by_role("button", name="Svenska").click()
    expect(page.get_by_role("textbox", name="Verkstadens kod")).to_be_visible()
    expect(page.get_by_role("button", name="Skapa verkstad")).to_be_visible()
    expect(page.get_by_role("button", name="Svenska")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page).to_have_title(re.compile("framtidsverkstad"))

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("textbox", name="Workshop code")).to_be_visible()
    expect(page.get_by_role("button", name="Create workshop")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The choice is remembered in this browser: a reload stays in English.
    page.reload()
    expect(page.locator("[data-hydrated='true']")).to_have_count(1, timeout=30_000)
    expect(page.get_by_role("textbox", name="Workshop code")).to_be_visible()


def test_lang_query_forces_the_language(app_server, phone):
    page = open_page(phone, f"{app_server.url}/?lang=sv")
    expect(page.get_by_role("button", name="Gå med")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_wrong_code_gets_a_clear_message(app_server, phone):
    page = open_page(phone, f"{app_server.url}/?lang=fi")
    page.get_by_role("textbox", name="Työpajan koodi").fill("xx xx-xx")
    page.get_by_role("button", name="Liity").click()
    expect(page.get_by_role("alert").filter(has_text="Tällä koodilla")).to_be_visible()
    page.get_by_role("textbox", name="Työpajan koodi").fill("12")
    page.get_by_role("button", name="Liity").click()
    expect(page.get_by_role("alert").filter(has_text="Tarkista koodi")).to_be_visible()


def test_creating_a_workshop_shows_its_code_and_facilitator_link_once(app_server, desktop, artifacts):
    page = open_page(desktop, f"{app_server.url}/?lang=en")
    page.get_by_role("textbox", name="Workshop name").fill("Aftercare futures")
    page.get_by_role("textbox", name="The challenge in one sentence").fill(
        "How could leaving care feel like a start?"
    )
    page.get_by_role("combobox", name="Workshop language").select_option("sv")
    # The bundled deck is offered, and chosen unless the facilitator says otherwise.
    expect(page.get_by_role("combobox", name="Prompt deck")).to_have_value("radical-child-welfare")
    expect(page.get_by_role("option", name="Radical child welfare")).to_have_count(1)
    page.get_by_role("button", name="Create workshop").click()

    # (The page's other status region, "Reconnecting…", stays empty while connected.)
    notice = page.get_by_role("status").filter(has_text="The workshop is ready")
    expect(notice).to_be_visible()
    # This browser keeps the key: the facilitator's page is a plain link. The one-time link
    # for another device is text to copy, and says that it opens once.
    code, link = created_link(page)
    assert re.search(r"/facilitate/[A-Z0-9]{8}\?open=[\w-]{32}$", link), link
    expect(notice).to_contain_text(code)
    expect(notice).to_contain_text("It opens once, and that browser then remembers it")
    expect(notice.get_by_role("link", name="Go to the facilitator's page")).to_have_attribute(
        "href", f"/facilitate/{code}")
    expect(notice.get_by_role("button", name="Copy")).to_be_visible()
    key = page.evaluate(f"JSON.parse(localStorage.getItem('entajos_facilitator_keys'))['{code}']")
    assert len(key) == 32 and key not in page.content() and key not in link
    notice.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "home-created-1280.png"))
    page.set_viewport_size({"width": 360, "height": 740})
    notice.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "home-created-360.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page, "the home page with a new workshop's links, 360 px")
    page.set_viewport_size({"width": 1280, "height": 800})

    # The code now leads participants on (the join page itself is the next step).
    page.get_by_role("textbox", name="Workshop code").fill(code.lower())
    page.get_by_role("button", name="Join").click()
    expect(page).to_have_url(re.compile(f"/join/{code}$"))
