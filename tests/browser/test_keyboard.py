"""A participant by keyboard alone on a phone-sized screen: join, write an idea, vote, switch
the language mid-workshop and keep their place. Focus is always visible, updates are
announced politely and never steal focus, and ``<html lang>`` follows the language."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import create_workshop, open_page

IDEA = "Entä jos nuorten oma neuvosto päättäisi osasta rahoista?"


def _focused(page: Page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== 'none';
        const name = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText)
            || el.innerText || el.value || '';
        return {tag: el.tagName, type: el.type || '', name: name.trim(), visible};
    }""")


def _tab_to(page: Page, matches, limit: int = 40) -> dict:
    """Press Tab until the focused element matches; every stop on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        # (After the last control Tab leaves the page for the browser's own bar: BODY.)
        assert focused["visible"] or focused["tag"] == "BODY", f"focus not visible on {focused}"
        if matches(focused):
            return focused
    raise AssertionError("never reached by Tab")


def test_a_participant_by_keyboard_alone(app_server, new_context, artifacts):
    base = app_server.url
    desk = new_context("desktop").new_page()
    code, link = create_workshop(desk, base, "Näppäimistö")
    desk.goto(link)
    desk.get_by_role("button", name=re.compile("^Entä jos")).click()

    phone = open_page(new_context("phone").new_page(), f"{base}/join/{code}?lang=fi")
    _tab_to(phone, lambda f: f["type"] == "radio")
    # Arrow keys move within the role group; Space ticks the focused one.
    while not _focused(phone)["name"].startswith("Ammattilainen"):
        phone.keyboard.press("ArrowDown")
    phone.keyboard.press("Space")
    expect(phone.get_by_role("radio", name="Ammattilainen")).to_be_checked()
    _tab_to(phone, lambda f: f["tag"] == "INPUT" and f["type"] == "text")
    phone.keyboard.type("Kim")
    _tab_to(phone, lambda f: f["name"] == "Liity mukaan")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(f"/w/{code}$"))

    _tab_to(phone, lambda f: f["tag"] == "TEXTAREA")
    phone.keyboard.type(IDEA)
    _tab_to(phone, lambda f: f["name"] == "Lähetä")
    phone.keyboard.press("Enter")
    expect(phone.locator(".idea-card--mine").filter(has_text=IDEA)).to_have_count(1)

    desk.get_by_role("button", name=re.compile("^Äänestys")).click()
    desk.get_by_role("combobox", name="Mitä äänestetään?").select_option("what_if")
    desk.locator("form.new-round").get_by_role("button", name="Aloita äänestys").click()
    expect(phone.locator("#dots-left")).to_have_text("5 / 5")
    plus = f"Lisää piste: {IDEA}"
    _tab_to(phone, lambda f: f["name"] == plus)
    phone.keyboard.press("Enter")
    expect(phone.locator("#dots-left")).to_have_text("4 / 5")
    phone.keyboard.press("Enter")
    expect(phone.locator("#dots-left")).to_have_text("3 / 5")
    # The count is announced politely; focus stays on the button that was pressed.
    assert _focused(phone)["name"] == plus
    expect(phone.locator(".dots-left [role=status]")).to_have_count(1)
    expect(phone.locator("#vote-progress")).to_have_attribute("aria-live", "polite")

    # Switch to Swedish by keyboard: the page, <html lang> and the title follow; the place is kept.
    _tab_to(phone, lambda f: f["name"] == "Svenska")
    phone.keyboard.press("Enter")
    expect(phone.locator("html")).to_have_attribute("lang", "sv")
    expect(phone.get_by_role("button", name=f"Lägg till en prick: {IDEA}")).to_be_visible()
    expect(phone.locator("#dots-left")).to_have_text("3 / 5")
    expect(phone).to_have_url(re.compile(f"/w/{code}$"))
    phone.screenshot(path=str(artifacts / "phone-vote-keyboard-sv-360.png"), full_page=True)
    phone.reload()
    expect(phone.locator("html")).to_have_attribute("lang", "sv")
    expect(phone.locator("#dots-left")).to_have_text("3 / 5")
