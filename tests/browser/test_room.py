"""A facilitator on a laptop and three phones: create, join three ways, presence, phases live."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import created_link, device_link, open_page, open_screen


def _create_workshop(page: Page, base: str) -> tuple[str, str]:
    open_page(page, f"{base}/?lang=fi")
    page.get_by_role("textbox", name="Työpajan nimi").fill("Jälkihuolto 2030")
    page.get_by_role("button", name="Luo työpaja").click()
    return created_link(page)


def _join(page: Page, role: str, nickname: str = "") -> None:
    expect(page).to_have_url(re.compile(r"/join/[A-Z0-9]{8}"))
    expect(page.locator("[data-hydrated='true']")).to_have_count(1, timeout=30_000)
    page.get_by_role("radio", name=role).check()
    if nickname:
        page.get_by_role("textbox", name="Lempinimi (ei pakollinen)").fill(nickname)
    page.get_by_role("button", name="Liity mukaan").click()
    expect(page).to_have_url(re.compile(r"/w/[A-Z0-9]{8}$"))


def _presence(page: Page, role: str) -> str:
    return page.locator(f"dd[data-role='{role}']")


def test_facilitator_and_three_phones(app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop")
    facilitator = laptop.new_page()
    code, link = _create_workshop(facilitator, base)
    facilitator.goto(link)
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text("Jälkihuolto 2030")
    # The key went into this browser and out of the address bar.
    expect(facilitator).to_have_url(re.compile(f"/facilitate/{code}$"))
    expect(facilitator.get_by_role("img", name="QR-koodi, joka avaa liittymislinkin")).to_be_visible()

    # Phone 1 types the code (lower case, with a space) on the home page.
    phone1 = new_context("phone").new_page()
    open_page(phone1, f"{base}/?lang=fi")
    phone1.get_by_role("textbox", name="Työpajan koodi").fill(f"{code[:3].lower()} {code[3:]}")
    phone1.get_by_role("button", name="Liity").click()
    _join(phone1, "Nuori", "Aino")
    # Phones 2 and 3 follow the join link (as from the QR code).
    phone2 = new_context("phone").new_page()
    open_page(phone2, f"{base}/join/{code}")
    _join(phone2, "Vanhempi")
    phone3 = new_context("phone").new_page()
    open_page(phone3, f"{base}/join/{code}?lang=fi")
    _join(phone3, "Ammattilainen")
    phones = (phone1, phone2, phone3)
    for phone in phones:
        expect(phone.get_by_role("heading", level=1)).to_have_text("Alku")

    # Presence by role, live on the facilitator's screen and the big screen.
    expect(_presence(facilitator, "young_person")).to_have_text("1")
    expect(_presence(facilitator, "parent")).to_have_text("1")
    expect(_presence(facilitator, "professional")).to_have_text("1")
    expect(_presence(facilitator, "total")).to_have_text("3")
    screen = laptop.new_page()
    open_screen(facilitator, screen)
    expect(screen.locator(".join-code")).to_have_text(code)
    expect(_presence(screen, "total")).to_have_text("3")
    # One person of each role: the big screen shows no role of fewer than K (3) apart, only
    # the three together, named; the cockpit above keeps the exact figures.
    expect(_presence(screen, "combined")).to_have_text("3")
    expect(screen.locator("[data-group='combined'] dt")).to_have_text("Ryhmät yhdessä: Nuoret, Vanhemmat, Ammattilaiset")
    expect(screen.locator("dd[data-role='young_person']")).to_have_count(0)
    screen.screenshot(path=str(artifacts / "screen-lobby-1280.png"), full_page=True)
    facilitator.screenshot(path=str(artifacts / "facilitator-lobby-1280.png"), full_page=True)

    # Every screen works at 360 px: nothing wider than the phone.
    small = new_context("phone")
    small_facilitator = small.new_page()
    small_facilitator.goto(device_link(facilitator))  # a one-time link of its own
    expect(small_facilitator.get_by_role("button", name=re.compile("^Seuraava:"))).to_be_visible()
    small_screen = small.new_page()
    open_screen(facilitator, small_screen)
    expect(small_screen.locator(".join-code")).to_have_text(code)
    for page, name in ((small_facilitator, "facilitator"), (small_screen, "screen"), (phone1, "participant")):
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        page.screenshot(path=str(artifacts / f"{name}-lobby-360.png"), full_page=True)
    small.close()

    # The facilitator moves on: every screen follows without a reload.
    facilitator.get_by_role("button", name="Seuraava: Nyt: mikä ei toimi?").click()
    for page in (*phones, screen):
        expect(page.get_by_role("heading", level=1)).to_have_text("Nyt: mikä ei toimi?")
    facilitator.get_by_role("button", name=re.compile("^Äänestys")).click()
    for page in phones:
        expect(page.get_by_role("heading", level=1)).to_have_text("Äänestys")
    expect(facilitator.get_by_role("button", name="Äänestys käynnissä")).to_have_attribute("aria-current", "step")

    # Lock and timer reach the phones too.
    facilitator.get_by_role("button", name="Lukitse vastaaminen").click()
    expect(phone2.get_by_text("Vetäjä on lukinnut vastaamisen hetkeksi.")).to_be_visible()
    facilitator.get_by_role("combobox", name="Minuuttia").select_option("5")
    facilitator.get_by_role("button", name="Käynnistä", exact=True).click()
    expect(phone3.get_by_role("timer")).to_contain_text(re.compile(r"[45]:\d\d"))
    phone3.screenshot(path=str(artifacts / "participant-vote-360.png"), full_page=True)

    # A reload brings back the same participant, not a new one.
    phone1.reload()
    expect(phone1).to_have_url(re.compile(f"/w/{code}$"))
    expect(phone1.get_by_text("Aino")).to_be_visible()
    expect(phone1.get_by_role("heading", level=1)).to_have_text("Äänestys")
    expect(_presence(facilitator, "young_person")).to_have_text("1")
    expect(_presence(facilitator, "total")).to_have_text("3")

    # A phone that loses its network catches up when it is back, without a reload,
    # and the room it shows is never wiped to empty by the re-hydration.
    expect(phone2.get_by_role("timer")).to_have_count(1)
    phone1.context.set_offline(True)
    facilitator.get_by_role("button", name=re.compile("^Entä jos")).click()
    expect(phone2.get_by_role("heading", level=1)).to_have_text("Entä jos…")
    # The vote's countdown stopped with the move: the new phase shows none.
    expect(phone2.get_by_role("timer")).to_have_count(0)
    phone1.wait_for_timeout(500)
    expect(phone1.get_by_role("heading", level=1)).to_have_text("Äänestys")
    phone1.context.set_offline(False)
    expect(phone1.get_by_role("heading", level=1)).to_have_text("Entä jos…", timeout=20_000)
    expect(phone1.get_by_text("Yhdistetään työpajaan…")).to_have_count(0)
    facilitator.get_by_role("button", name=re.compile("^Äänestys")).click()
    expect(phone1.get_by_role("heading", level=1)).to_have_text("Äänestys")

    # A participant who opens the facilitator's page is refused, and nothing moves.
    phone2.goto(f"{base}/facilitate/{code}")
    expect(phone2.get_by_role("alert")).to_contain_text("vain työpajan vetäjälle")
    expect(phone2.get_by_role("button", name=re.compile("^Seuraava"))).to_have_count(0)
    expect(phone3.get_by_role("heading", level=1)).to_have_text("Äänestys")
    # Phone 2 left the workshop page, so it no longer counts as here.
    expect(_presence(facilitator, "parent")).to_have_text("0")

    # A phone that closes leaves the head-count too.
    phone3.context.close()
    expect(_presence(facilitator, "professional")).to_have_text("0")
    expect(_presence(facilitator, "total")).to_have_text("1")

    # Closed to newcomers: those in the room are told the door is closed (and stay in);
    # a new phone gets a clear message instead of the form.
    facilitator.locator("summary", has_text="Työkalut").click()  # rarely needed: in the tools
    facilitator.get_by_role("button", name="Sulje työpaja uusilta osallistujilta").click()
    expect(phone1.get_by_text("Työpaja on suljettu: uudet eivät voi liittyä.")).to_be_visible()
    latecomer = new_context("phone").new_page()
    open_page(latecomer, f"{base}/join/{code}")
    expect(latecomer.get_by_role("alert")).to_have_text("Tämä työpaja on suljettu.")
    expect(latecomer.get_by_role("button", name="Liity mukaan")).to_have_count(0)
