"""A phone whose connection is lost says so in its language ("Reconnecting…", a polite live
region) until it is back, then works on with no reload by hand: the room, its ideas and
its seat are still there."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import create_workshop, join, write_idea


def test_a_lost_connection_says_reconnecting_then_the_phone_works_on(app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop").new_page()
    code, link = create_workshop(laptop, base, "Yhteys")
    laptop.goto(link)
    laptop.get_by_role("button", name=re.compile("^Nyt: mikä ei toimi")).click()
    phone_context = new_context("phone")
    phone = join(phone_context, base, code, "Nuori")
    write_idea(phone, "Ennen katkosta")
    banner = phone.locator("#reconnecting")
    expect(banner).to_have_count(0)

    phone_context.set_offline(True)
    expect(banner).to_be_visible(timeout=60_000)
    expect(banner).to_contain_text("Yhdistetään uudelleen…")
    expect(banner).to_contain_text("Lähettämäsi on tallessa")
    phone.screenshot(path=str(artifacts / "phone-reconnecting-360.png"))
    assert_accessible(phone, "phone while reconnecting")

    phone_context.set_offline(False)
    expect(banner).to_have_count(0, timeout=30_000)
    expect(phone.locator(".idea-card--mine").filter(has_text="Ennen katkosta")).to_have_count(1)
    write_idea(phone, "Katkoksen jälkeen")
