"""The group phase in a real browser: the facilitator groups by tap on a phone-sized
screen and by drag on a desktop, accepts part of a suggestion, and two phones and
the big screen see every change; then a phone groups by tap when allowed."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import create_workshop, device_link, join, open_screen, write_idea

SCHOOL_1 = "Koulussa kuraattori joka päivä"
SCHOOL_2 = "Kuraattori kävisi luokassa joka viikko"
FAMILY_1 = "Perhetyö illalla ja viikonloppuna"
FAMILY_2 = "Vanhempien vertaistuki illalla"


def _cluster(page: Page, name: str):
    return page.locator("section.cluster").filter(has=page.get_by_role("heading", name=re.compile(f"^{name}")))


def _card(page: Page, text: str):
    return page.locator(".board .idea-card").filter(has_text=text)


def test_grouping_by_tap_by_drag_and_by_suggestion(app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop")
    desk = laptop.new_page()
    code, link = create_workshop(desk, base, "Ryhmittely")
    desk.goto(link)
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Ryhmittely")
    screen = laptop.new_page()
    open_screen(desk, screen)
    young = join(new_context("phone"), base, code, "Nuori")
    parent = join(new_context("phone"), base, code, "Vanhempi")

    desk.get_by_role("button", name=re.compile("^Entä jos")).click()
    write_idea(young, SCHOOL_1)
    write_idea(young, SCHOOL_2)
    write_idea(parent, FAMILY_1)
    write_idea(parent, FAMILY_2)
    desk.get_by_role("button", name=re.compile("^Ryhmittely")).click()
    for page in (young, parent, screen, desk):
        expect(page.get_by_role("heading", name="Ei vielä ryhmässä")).to_be_visible()
        expect(_card(page, FAMILY_2)).to_be_visible()

    # The facilitator on a phone-sized screen (the same key, kept in that browser after its own
    # one-time link) groups by tap.
    small = new_context("phone").new_page()
    small.goto(device_link(desk))
    expect(small.get_by_role("heading", name="Ideoiden ryhmät")).to_be_visible()
    _card(small, FAMILY_1).get_by_role("button", name="Valitse").click()
    expect(_card(small, FAMILY_1).get_by_role("button", name="Valittu")).to_have_attribute("aria-pressed", "true")
    expect(small.get_by_role("status").filter(has_text="Idea valittu")).to_be_visible()
    small.get_by_role("textbox", name=re.compile("^Uuden ryhmän nimi")).fill("Perhe")
    small.get_by_role("button", name="Luo ryhmä").click()
    expect(_cluster(small, "Perhe")).to_contain_text(FAMILY_1)
    small.screenshot(path=str(artifacts / "facilitator-group-360.png"), full_page=True)
    assert small.evaluate("document.documentElement.scrollWidth") <= 360

    # ... and on the desktop by drag: the second family idea onto the cluster.
    expect(_cluster(desk, "Perhe")).to_be_visible()
    # (A tall window, so that neither end of the drag needs scrolling: the guide and the
    # sticky control bar moved the board down the page, and a drag that scrolls mid-way misses.)
    desk.set_viewport_size({"width": 1280, "height": 1400})
    _card(desk, FAMILY_2).drag_to(_cluster(desk, "Perhe"))
    expect(_cluster(desk, "Perhe")).to_contain_text(FAMILY_2)
    desk.set_viewport_size({"width": 1280, "height": 800})

    # The suggestion proposes the two school ideas; nothing changes until accepted.
    desk.get_by_role("button", name="Ehdota ryhmiä").click()
    suggestion = desk.locator(".suggestion").filter(has_text=SCHOOL_1)
    expect(suggestion).to_contain_text(SCHOOL_2)
    expect(young.locator("section.cluster")).to_have_count(2)  # Perhe + ungrouped
    name = suggestion.get_by_role("textbox", name="Ryhmän nimi")
    expect(name).to_have_value(re.compile("kuraattori", re.I))
    name.fill("Koulun kuraattori")
    name.blur()
    suggestion.get_by_role("button", name="Hyväksy").click()
    expect(_cluster(desk, "Koulun kuraattori")).to_contain_text(SCHOOL_2)
    desk.screenshot(path=str(artifacts / "facilitator-group-1280.png"), full_page=True)

    # Rename by keyboard-reachable form; merge; every screen follows.
    family = _cluster(desk, "Perhe")
    family.locator("summary").click()
    family.get_by_role("textbox", name="Ryhmän nimi").fill("Perheen tuki illalla")
    family.get_by_role("button", name="Tallenna nimi").click()
    for page in (young, parent, screen):
        expect(_cluster(page, "Perheen tuki illalla")).to_contain_text(FAMILY_1)
        expect(_cluster(page, "Perheen tuki illalla")).to_contain_text(FAMILY_2)
        expect(_cluster(page, "Koulun kuraattori")).to_contain_text(SCHOOL_1)
    for page in (young, parent):
        expect(page.get_by_text("Kaikki ideat ovat ryhmissä.")).to_be_visible()
    screen.screenshot(path=str(artifacts / "screen-group-1280.png"), full_page=True)
    young.screenshot(path=str(artifacts / "participant-group-360.png"), full_page=True)
    # Phones only look, until the facilitator lets them group.
    expect(young.get_by_role("button", name="Valitse")).to_have_count(0)

    desk.get_by_role("button", name="Osallistujat saavat ryhmitellä puhelimilla").click()
    _card(young, SCHOOL_2).get_by_role("button", name="Valitse").click()
    young.get_by_role("button", name="Siirrä ryhmittelemättömiin").click()
    for page in (desk, parent, screen):
        expect(page.locator(".cluster--ungrouped")).to_contain_text(SCHOOL_2)
    expect(_cluster(parent, "Koulun kuraattori")).not_to_contain_text(SCHOOL_2)

    # Merge the school cluster into the family one: both ideas kept.
    school = _cluster(desk, "Koulun kuraattori")
    school.locator("summary").click()
    school.get_by_role("combobox", name="Yhdistä ryhmään").select_option(label="Perheen tuki illalla")
    school.get_by_role("button", name="Yhdistä", exact=True).click()
    expect(_cluster(parent, "Koulun kuraattori")).to_have_count(0)
    expect(_cluster(parent, "Perheen tuki illalla")).to_contain_text(SCHOOL_1)
    expect(parent.locator(".cluster--ungrouped")).to_contain_text(SCHOOL_2)
