"""Data lifecycle in a browser: deleting a workshop takes its typed code (downloads offered
first) and every screen says it is gone; a phone forgets the workshop on this device; the
privacy notice shows the deployment's numbers in three languages."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import create_workshop, join, open_page
from workshop.settings import settings


def test_the_facilitator_deletes_the_workshop_after_typing_its_code(app_server, new_context, artifacts):
    desk = new_context("desktop").new_page()
    code, link = create_workshop(desk, app_server.url, "Poistettava työpaja")
    phone = join(new_context("phone"), app_server.url, code, "Nuori")
    open_page(desk, link)

    # The data controls are one of the cockpit's folded tools.
    desk.locator("summary").filter(has_text="Työkalut").click()
    controls = desk.get_by_test_id("data-controls")
    controls.locator("summary").filter(has_text="Poista tämä työpaja").click()
    # The downloads come first, inside the same panel (buttons: each mints a one-time token).
    expect(controls.get_by_role("button", name=re.compile("^Markdown"))).to_be_visible()
    box = controls.get_by_role("textbox", name="Vahvista kirjoittamalla työpajan koodi:")
    box.fill("WRONG1")
    controls.get_by_role("button", name="Poista työpaja lopullisesti").click()
    expect(controls.get_by_role("alert")).to_have_text(re.compile("ei ole tämän työpajan koodi"))
    expect(desk.get_by_role("heading", name=re.compile("Poistettava työpaja"))).to_be_visible()
    assert_accessible(desk, "facilitator data controls, delete open")

    box.fill(code.lower())
    controls.get_by_role("button", name="Poista työpaja lopullisesti").click()
    for page in (desk, phone):
        expect(page.get_by_role("heading", name="Tämä työpaja on poistettu. Siitä ei ole enää mitään tallessa.")
               ).to_be_visible()
    desk.screenshot(path=str(artifacts / "workshop-deleted-desktop.png"))
    # The code is unknown now, and this browser no longer keeps the key.
    assert code not in desk.evaluate("localStorage.getItem('entajos_facilitator_keys') || ''")
    # Red-team finding 8: the phone, told its workshop is gone, keeps nothing of it either
    # (its token went from localStorage), as its page says.
    expect(phone.get_by_test_id("forgotten")).to_have_text(re.compile("Tämä laite ei enää muista työpajaa"))
    assert code not in phone.evaluate("JSON.stringify({...localStorage, ...sessionStorage}) + document.cookie")
    phone.screenshot(path=str(artifacts / "workshop-deleted-phone.png"))
    open_page(phone, f"{app_server.url}/join/{code}?lang=fi")
    expect(phone.get_by_role("alert").filter(has_text="Tällä koodilla")).to_be_visible()


FORGET = "Unohda tämä työpaja tällä laitteella"


def test_a_phone_forgets_the_workshop_only_once_it_confirms_and_reads_the_privacy_notice(
        app_server, new_context, desktop, artifacts):
    code, _link = create_workshop(desktop, app_server.url, "Unohdettava työpaja")
    phone = join(new_context("phone"), app_server.url, code, "Vanhempi")
    room = phone.url

    def kept() -> bool:
        return code in (phone.evaluate("localStorage.getItem('entajos_participant_tokens')") or "")

    assert kept()
    footer = phone.locator("footer")
    forget = footer.get_by_text(FORGET, exact=True)
    # A quiet link at the foot of the page, not a button as big as the page's own.
    assert forget.evaluate("e => e.getBoundingClientRect().width") < 300
    # One tap only asks: what happens, a clearly marked "yes" and a way back. Nothing is forgotten.
    forget.click()
    step = footer.locator("details.confirm-step")
    expect(step).to_have_attribute("open", "")
    question = step.locator(".confirm-question")
    expect(question).to_contain_text("uutena osallistujana")
    yes = step.get_by_role("button", name="Kyllä, unohda")
    expect(yes).to_have_class(re.compile("button--danger"))
    phone.wait_for_timeout(500)
    expect(phone).to_have_url(room)
    assert kept()
    expect(phone.get_by_test_id("forgotten")).to_have_text("")
    yes.scroll_into_view_if_needed()
    phone.screenshot(path=str(artifacts / "phone-forget-confirm-360.png"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone, "phone, forget this workshop: the confirmation open")

    # Cancel closes the question; focus goes back where it was. Nothing is forgotten.
    step.get_by_role("button", name="Peruuta").click()
    expect(step).not_to_have_attribute("open", "")
    expect(forget).to_be_focused()
    # By keyboard: Enter opens it, Escape closes it.
    phone.keyboard.press("Enter")
    expect(step).to_have_attribute("open", "")
    phone.keyboard.press("Tab")
    expect(yes).to_be_focused()
    phone.keyboard.press("Escape")
    expect(step).not_to_have_attribute("open", "")
    expect(forget).to_be_focused()
    expect(phone).to_have_url(room)
    assert kept()

    # Confirmed, the device forgets the workshop.
    forget.click()
    yes.click()
    expect(phone).to_have_url(re.compile(r"/$"))
    expect(phone.get_by_test_id("forgotten")).to_have_text(re.compile("Tämä laite ei enää muista työpajaa"))
    assert not kept()
    # Coming back asks to join again: the device kept nothing.
    open_page(phone, f"{app_server.url}/w/{code}?lang=fi")
    expect(phone).to_have_url(re.compile(f"/join/{code}"))
    # Before joining, the foot offers nothing to forget (review round 2).
    expect(phone.get_by_test_id("forget-here")).to_have_count(0)

    # The join page states both periods and links to the notice.
    config = settings()
    expect(phone.get_by_text(f"Vastauksia voi kirjoittaa {config.close_after_days} päivää")).to_be_visible()
    phone.get_by_role("link", name="Tietosuoja: mitä tallennetaan ja kuinka kauan").first.click()
    expect(phone).to_have_url(re.compile("/privacy$"))
    expect(phone.get_by_text(f"{config.delete_after_days} päivää työpajan jälkeen kaikki")).to_be_visible()
    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_role("heading", name="What happens to what you write")).to_be_visible()
    expect(phone.get_by_text(f"fewer than {config.min_group_size} people")).to_be_visible()
    expect(phone).to_have_title("Privacy – Entä jos")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(artifacts / "privacy-en-360.png"), full_page=True)
    assert_accessible(phone, "privacy page")


def test_the_cockpit_forgets_its_key_only_from_its_tools_and_only_once_confirmed(app_server, desktop, artifacts):
    code, link = create_workshop(desktop, app_server.url, "Vetäjän avain")
    open_page(desktop, link)

    def held() -> bool:
        return code in (desktop.evaluate("localStorage.getItem('entajos_facilitator_keys')") or "")

    # The foot of the cockpit keeps the privacy notice, not a one-click "forget this workshop".
    footer = desktop.locator("footer")
    expect(footer.get_by_role("link", name="Tietosuoja: mitä tallennetaan ja kuinka kauan")).to_be_visible()
    expect(footer.get_by_text(FORGET)).to_have_count(0)
    expect(desktop.get_by_test_id("forget-here")).to_have_count(0)
    # The Tools panel's "forget my key" explains itself and asks first.
    desktop.locator("summary").filter(has_text="Työkalut").click()
    controls = desktop.get_by_test_id("data-controls")
    step = controls.locator("details.confirm-step")
    step.locator("summary").filter(has_text="Unohda avaimeni tällä laitteella").click()
    expect(step).to_have_attribute("open", "")
    expect(step.locator(".confirm-question")).to_contain_text("uuden kertakäyttöisen vetäjän linkin")
    desktop.wait_for_timeout(500)
    assert held()
    step.get_by_role("button", name="Kyllä, unohda avaimeni").scroll_into_view_if_needed()
    desktop.screenshot(path=str(artifacts / "cockpit-forget-key-confirm-1280.png"))
    step.get_by_role("button", name="Peruuta").click()
    expect(step).not_to_have_attribute("open", "")
    assert held()
    step.locator("summary").click()
    step.get_by_role("button", name="Kyllä, unohda avaimeni").click()
    expect(desktop).to_have_url(re.compile(r"/$"))
    assert not held()
