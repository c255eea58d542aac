"""Small groups stay anonymous on every screen: one young person and three professionals
vote; the big screen, the phones and the facilitator's view show no young people's column,
only the groups together; a round only the young person votes in is "too few to show"."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import create_workshop, join, open_page, open_screen, write_idea
from tests.browser.test_voting import _open_round, _placings, _role_column, _tap

MINE = "Oma aikuinen koululle"
THEIRS = "Perhetyötä iltaisin"


def _no_young_peoples_column(page: Page) -> None:
    expect(page.locator("#results-overall li.placing")).to_have_count(2)
    expect(_role_column(page, "Nuoret")).to_have_count(0)
    expect(page.locator("[data-group='young_person']")).to_have_count(0)


def test_one_young_person_is_never_shown_apart(app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop")
    desk = laptop.new_page()
    # K is a field of the create form; its default is the deployment's (3).
    open_page(desk, f"{base}/?lang=fi")
    expect(desk.get_by_role("spinbutton", name=re.compile("^Pienin ryhmä"))).to_have_value("3")
    code, link = create_workshop(desk, base, "Pienet ryhmät")
    desk.goto(link)
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Pienet ryhmät")
    screen = open_screen(desk, laptop.new_page())
    young = join(new_context("phone"), base, code, "Nuori")
    pros = [join(new_context("phone"), base, code, "Ammattilainen") for _ in range(3)]
    phones = [young, *pros]

    desk.get_by_role("button", name=re.compile("^Entä jos")).click()
    write_idea(young, MINE)
    write_idea(pros[0], THEIRS)
    desk.get_by_role("button", name=re.compile("^Äänestys")).click()
    _open_round(desk, "what_if", 2, 2, phones)
    _tap(young, "+", MINE, 2)  # the young person's own vote: 2 on MINE
    for pro in pros:
        _tap(pro, "+", THEIRS)
    desk.get_by_role("button", name="Näytä tulokset").click()

    # The first place overall says so in words too; the placings by role are not marked.
    by_role = [f"1. Sija 1: {THEIRS} 3 pistettä", f"2. Sija 2: {MINE} 2 pistettä"]
    overall = [f"1. Sija 1: ★ Eniten pisteitä {THEIRS} 3 pistettä", by_role[1]]
    for page in (desk, screen, *phones):
        _no_young_peoples_column(page)
        assert _placings(page.locator("#results-overall")) == overall, page.url
        # 1 young person < 3, and the overall minus the professionals would be that person's
        # vote: so the professionals are shown together with them, not apart either.
        expect(_role_column(page, "Ammattilaiset")).to_have_count(0)
        together = _role_column(page, "Ryhmät yhdessä")
        expect(together).to_contain_text("Nuoret, Ammattilaiset")
        expect(together).to_contain_text("4 osallistujaa · 5 pistettä")
        expect(together).to_contain_text("Ryhmiä, joissa on alle 3 henkeä, ei näytetä erikseen")
        assert _placings(together) == by_role
    screen.screenshot(path=str(artifacts / "screen-small-groups-1280.png"), full_page=True)
    young.screenshot(path=str(artifacts / "phone-small-groups-360.png"), full_page=True)
    assert young.evaluate("document.documentElement.scrollWidth") <= 360

    # A round only the young person votes in: even all groups together are too few.
    _open_round(desk, "what_if", 1, 1, phones)
    _tap(young, "+", MINE)
    desk.get_by_role("button", name="Näytä tulokset").click()
    for page in (desk, screen, *phones):
        expect(page.locator("#results-overall li.placing")).to_have_count(2)
        _no_young_peoples_column(page)
        expect(_role_column(page, "Ryhmät yhdessä")).to_have_count(0)
        too_few = _role_column(page, "Liian vähän näytettäväksi")
        expect(too_few).to_contain_text("ettei tuloksia näytetä ryhmittäin")
        expect(too_few.locator("li.placing")).to_have_count(0)
    # The facilitator's earlier round keeps its groups together too.
    earlier = desk.locator("details.earlier-round")
    earlier.locator("summary").click()
    expect(earlier.locator("[data-group='combined']")).to_contain_text("Nuoret, Ammattilaiset")
    expect(earlier.locator("[data-group='young_person']")).to_have_count(0)
