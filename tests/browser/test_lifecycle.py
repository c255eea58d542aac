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
    controls.locator("summary").click()
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


def test_a_phone_forgets_the_workshop_and_reads_the_privacy_notice(app_server, new_context, desktop, artifacts):
    code, _link = create_workshop(desktop, app_server.url, "Unohdettava työpaja")
    phone = join(new_context("phone"), app_server.url, code, "Vanhempi")
    assert code in phone.evaluate("localStorage.getItem('entajos_participant_tokens')")

    phone.get_by_role("button", name="Unohda tämä työpaja tällä laitteella").click()
    expect(phone).to_have_url(re.compile(r"/$"))
    expect(phone.get_by_test_id("forgotten")).to_have_text(re.compile("Tämä laite ei enää muista työpajaa"))
    assert code not in phone.evaluate("localStorage.getItem('entajos_participant_tokens')")
    # Coming back asks to join again: the device kept nothing.
    open_page(phone, f"{app_server.url}/w/{code}?lang=fi")
    expect(phone).to_have_url(re.compile(f"/join/{code}"))

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
