"""Dot voting in a real browser: three phones of different roles spend their dots with
the + and − buttons (one moves a dot), nobody sees tallies before the reveal, and the
revealed result, overall and by role, matches what the phones did, on every screen
(one person per role: shown together, see test_small_groups.py)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import create_workshop, join, open_screen, write_idea

A = "Kuraattori joka koulussa"
B = "Perhetyötä iltaisin"
C = "Nuorten oma neuvosto"


def _tap(page: Page, sign: str, idea: str, times: int = 1) -> None:
    name = f"{'Lisää piste' if sign == '+' else 'Ota piste pois'}: {idea}"
    for _ in range(times):
        before = page.locator("#dots-left").inner_text()
        page.get_by_role("button", name=name).click()
        expect(page.locator("#dots-left")).not_to_have_text(before)  # the server answered


def _open_round(desk: Page, ballot: str, dots: int, per_item: int, phones: list[Page]) -> None:
    desk.get_by_role("combobox", name="Mitä äänestetään?").select_option(ballot)
    desk.get_by_role("spinbutton", name="Pisteitä osallistujalle").fill(str(dots))
    desk.get_by_role("spinbutton", name="Enintään yhdelle kohdalle").fill(str(per_item))
    desk.locator("form.new-round").get_by_role("button", name="Aloita äänestys").click()
    for phone in phones:
        expect(phone.locator("#dots-left")).to_have_text(f"{dots} / {dots}")


# An element on one line, nothing cut off.
ONE_LINE = ("e => e.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(e).lineHeight)"
            " && e.scrollWidth <= e.clientWidth")


def _placings(scope) -> list[str]:
    """Each placing of a result list as "rank label dots", as a person reads it."""
    return [" ".join(text.split()) for text in scope.locator("li.placing").all_inner_texts()]


def _role_column(page: Page, plural: str):
    return page.locator("#results-by-role section").filter(has=page.get_by_role("heading", name=plural))


def test_three_phones_vote_and_the_result_by_role_matches(app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop")
    desk = laptop.new_page()
    code, link = create_workshop(desk, base, "Äänestys")
    desk.goto(link)
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Äänestys")
    screen = laptop.new_page()
    open_screen(desk, screen)
    young = join(new_context("phone"), base, code, "Nuori")
    parent = join(new_context("phone"), base, code, "Vanhempi")
    pro = join(new_context("phone"), base, code, "Ammattilainen")

    desk.get_by_role("button", name=re.compile("^Entä jos")).click()
    for phone, idea in ((young, A), (parent, B), (pro, C)):
        write_idea(phone, idea)
    desk.get_by_role("button", name=re.compile("^Äänestys")).click()
    expect(young.get_by_role("status").filter(has_text="Äänestys alkaa pian")).to_be_visible()

    # A round on the what-if ideas: 3 dots each, at most 2 on one idea.
    _open_round(desk, "what_if", 3, 2, [young, parent, pro])

    _tap(young, "+", A, 2)
    expect(young.get_by_role("button", name=f"Lisää piste: {A}")).to_be_disabled()  # at most 2 on one
    _tap(young, "+", B)
    expect(young.locator("#dots-left")).to_have_text("0 / 3")
    expect(young.get_by_role("button", name=f"Lisää piste: {C}")).to_be_disabled()  # no dots left
    # The button keeps the keyboard focus (aria-disabled); pressing it anyway gets a plain answer.
    young.get_by_role("button", name=f"Lisää piste: {C}").press("Enter")
    expect(young.get_by_role("alert")).to_contain_text("Kaikki pisteesi on käytetty")
    expect(young.locator("#dots-left")).to_have_text("0 / 3")
    young.screenshot(path=str(artifacts / "phone-vote-360.png"), full_page=True)
    assert young.evaluate("document.documentElement.scrollWidth") <= 360

    _tap(parent, "+", C, 2)
    _tap(parent, "-", C)  # moves a dot: off C, onto B
    _tap(parent, "+", B, 2)
    expect(parent.locator("#dots-left")).to_have_text("0 / 3")
    _tap(pro, "+", A)
    _tap(pro, "+", C)  # one dot left unused

    # While the round is open: progress on every screen, tallies on none.
    for page in (desk, screen, young, parent, pro):
        expect(page.locator("#vote-progress").first).to_contain_text("2 / 3")
        expect(page.locator("li.placing")).to_have_count(0)
    desk.screenshot(path=str(artifacts / "facilitator-vote-1280.png"), full_page=True)

    desk.get_by_role("button", name="Näytä tulokset").click()
    # A 3 (young 2 + professional 1), B 3 (young 1 + parent 2): a shared first place; C 2.
    # The first place says so in words too (not only by colour); by role it is not marked.
    # A shared place is "1." for each, with a small "tasapeli" under it (not "=1.").
    overall = [f"1. Sija 1, tasapeli: tasapeli ★ Eniten pisteitä {A} 3 pistettä",
               f"1. Sija 1, tasapeli: tasapeli ★ Eniten pisteitä {B} 3 pistettä", f"3. Sija 3: {C} 2 pistettä"]
    unmarked = [placing.replace("★ Eniten pisteitä ", "") for placing in overall]
    for page in (desk, screen, young, parent, pro):
        expect(page.locator("#results-overall li.placing")).to_have_count(3)
        assert _placings(page.locator("#results-overall")) == overall, page.url
        # One person per role is fewer than K = 3: the three are shown together, never apart
        # (each one's column would be that person's vote).
        for alone in ("Nuoret", "Vanhemmat", "Ammattilaiset"):
            expect(_role_column(page, alone)).to_have_count(0)
        together = _role_column(page, "Ryhmät yhdessä")
        expect(together).to_contain_text("Nuoret, Vanhemmat, Ammattilaiset")
        expect(together).to_contain_text("3 osallistujaa · 8 pistettä")
        assert _placings(together) == unmarked  # the same ranking, without the first-place mark
        # Roles nobody voted from take one line, not a card each (on a phone they came first).
        expect(_role_column(page, "Kokemusasiantuntijat")).to_have_count(0)
        expect(page.locator("#results-by-role-none")).to_have_text("Ei ääniä: Kokemusasiantuntijat")
    young.screenshot(path=str(artifacts / "phone-results-360.png"), full_page=True)
    # At 360 px the first place's mark keeps to one line of its own, and the number sits by the name.
    for page in (young, desk):
        winners = page.locator("#results-overall .placing--winner")
        expect(winners).to_have_count(2)
        for winner in winners.all():
            assert winner.locator(".winner-tag").evaluate(ONE_LINE), page.url
            rank, label = winner.locator(".rank").bounding_box(), winner.locator(".placing-label").bounding_box()
            assert abs(rank["y"] - label["y"]) < 4, (rank, label)
    screen.screenshot(path=str(artifacts / "screen-results-1280.png"), full_page=True)
    assert young.evaluate("document.documentElement.scrollWidth") <= 360

    # A second round is kept apart: every phone starts with its full dots again, and the
    # facilitator still has the first round's result under "earlier rounds".
    _open_round(desk, "idea", 1, 1, [young, parent, pro])
    earlier = desk.locator("details.earlier-round")
    expect(earlier).to_have_count(1)
    earlier.locator("summary").click()
    expect(earlier.locator("li.placing").first).to_contain_text(A)

    # The facilitator hides an idea that has a dot: the dot goes back to its owner's phone.
    _tap(young, "+", C)
    expect(young.locator("#dots-left")).to_have_text("0 / 1")
    desk.locator("summary", has_text="Vastaukset").click()  # outside the writing phases: one tap away
    desk.locator(".mod-row").filter(has_text=C).get_by_role("button", name="Piilota").click()
    expect(young.get_by_role("button", name=f"Lisää piste: {C}")).to_have_count(0)
    expect(young.locator("#dots-left")).to_have_text("1 / 1")
    _tap(young, "+", B)
    expect(young.locator("#dots-left")).to_have_text("0 / 1")


def test_every_idea_leaves_unshown_critique_out_and_the_form_says_so(app_server, new_context, artifacts):
    """Red-team finding 7: critique notes hidden until shown (the default) stay off an
    "Every idea" ballot; the new-round form says so in words, with the button that shows them."""
    from tests.browser.axe import assert_accessible

    base = app_server.url
    desk = new_context("desktop").new_page()
    code, link = create_workshop(desk, base, "Kritiikki piilossa")
    desk.goto(link)
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Kritiikki piilossa")
    young = join(new_context("phone"), base, code, "Nuori")
    desk.get_by_role("button", name=re.compile("^Nyt: mikä ei toimi")).click()
    write_idea(young, "Sossu ei kuuntele")
    desk.get_by_role("button", name=re.compile("^Entä jos")).click()
    write_idea(young, A)
    desk.get_by_role("button", name=re.compile("^Äänestys")).click()

    hint = desk.locator("#round-ballot-hint")
    expect(hint).to_contain_text("Kritiikkejä ei ole vielä näytetty kaikille. ”Kaikki ideat” jättää ne pois")
    expect(desk.get_by_role("combobox", name="Mitä äänestetään?")).to_have_attribute(
        "aria-describedby", "round-ballot-hint")
    for size, name in (({"width": 360, "height": 800}, "facilitator-unshown-critique-360.png"),
                       ({"width": 1280, "height": 720}, "facilitator-unshown-critique-1280.png")):
        desk.set_viewport_size(size)
        hint.scroll_into_view_if_needed()
        desk.screenshot(path=str(artifacts / name))
        assert_accessible(desk, f"the new-round form with its hint at {size['width']} px")
        assert desk.evaluate("document.documentElement.scrollWidth") <= size["width"]

    _open_round(desk, "idea", 1, 1, [young])
    expect(young.locator(".ballot-item")).to_have_count(1)
    expect(young.locator(".ballot")).to_contain_text(A)
    assert "Sossu ei kuuntele" not in young.content()

    # The facilitator chooses to show them, from the form: the note joins this round's
    # ballot at once, and the form's words go.
    desk.get_by_role("button", name="Näytä tulokset").click()
    hint.get_by_role("button", name="Näytä kritiikit kaikille").click()
    expect(hint).to_have_text("")
    _open_round(desk, "idea", 1, 1, [young])
    expect(young.locator(".ballot-item")).to_have_count(2)
    expect(young.locator(".ballot")).to_contain_text("Sossu ei kuuntele")
