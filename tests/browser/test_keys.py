"""A key per purpose in real browsers: the projector opens the big screen with its display
key and never holds the facilitator key (its /facilitate tab gets nothing), no key stays
in an address bar, a new facilitator link (after a confirmation step) voids the old one
(and the big-screen link made from it) while the rotating browser keeps control, a
co-facilitator's browser and a big screen open with the old links say at once that their
link was replaced, and a results link opens the results."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import create_workshop, open_page, screen_link

NO_ACCESS = "Tämä sivu on vain työpajan vetäjälle"
NEXT = re.compile("^Seuraava: ")  # the cockpit's "Seuraava: <next phase>"
ROTATE = "Tee uusi vetäjän linkki…"  # opens the confirmation step ...
ROTATE_YES = "Kyllä, tee uusi vetäjän linkki"  # ... whose button makes the new link
REPLACED = "Tämän linkin tilalle on tehty uusi linkki"  # what a page open with a replaced link shows


def _storage(page: Page) -> dict[str, dict]:
    """This browser's stored maps of secrets, by name."""
    raw = page.evaluate("() => ({...localStorage, ...Object.fromEntries("
                        "Object.keys(sessionStorage).map(k => ['session:' + k, sessionStorage[k]]))})")
    return {name: json.loads(value) for name, value in raw.items() if name.removeprefix("session:").startswith("entajos_")}


def test_the_projector_holds_only_the_display_key_and_rotation_voids_the_old_links(
        app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop")
    desk = laptop.new_page()
    code, link = create_workshop(desk, base, "Avaimet")
    key = link.rsplit("?key=", 1)[1]
    open_page(desk, link)
    expect(desk).to_have_url(re.compile(f"/facilitate/{code}$"))
    # The keys panel is one of the cockpit's folded tools.
    desk.locator("summary").filter(has_text="Työkalut").click()
    panel = desk.get_by_role("region", name="Linkit ja avaimet")
    expect(panel).to_be_visible()
    assert_accessible(desk, "facilitator page with the keys panel")

    # The projector: opened by the big-screen link, which carries the display key only.
    old_screen = screen_link(desk)
    assert key not in old_screen and key not in desk.content()
    projector = new_context("desktop")
    screen = open_page(projector.new_page(), old_screen)
    expect(screen.locator(".join-code")).to_have_text(code)
    expect(screen).to_have_url(re.compile(f"/screen/{code}$"))
    stored = _storage(screen)
    assert stored.get("entajos_display_keys") == {code: old_screen.rsplit("?key=", 1)[1]}
    assert not stored.get("entajos_facilitator_keys") and key not in json.dumps(stored)
    # The finding: a /facilitate tab on the projector controlled the workshop. Now it gets nothing.
    taken = open_page(projector.new_page(), f"{base}/facilitate/{code}")
    expect(taken.get_by_role("alert")).to_contain_text(NO_ACCESS)
    expect(taken.get_by_role("region", name="Ohjauspalkki")).to_have_count(0)
    expect(taken.get_by_role("button", name=NEXT)).to_have_count(0)
    taken.close()

    # A new facilitator link: shown once, kept by this browser, the old one void.
    panel.locator("summary").filter(has_text=ROTATE).click()
    panel.get_by_role("button", name=ROTATE_YES, exact=True).click()
    new_link = panel.get_by_role("status").filter(has_text="Tässä uusi vetäjän linkkisi").get_by_role("link")
    expect(new_link).to_have_attribute("href", re.compile(f"/facilitate/{code}\\?key=."))
    new_key = new_link.get_attribute("href").rsplit("?key=", 1)[1]
    assert new_key != key
    expect(desk.get_by_role("button", name=NEXT)).to_be_visible()
    desk.get_by_role("button", name=NEXT).click()  # still in control, with the new key
    expect(desk.get_by_role("heading", level=1)).to_contain_text(re.compile("mikä ei toimi", re.IGNORECASE))
    assert _storage(desk)["entajos_facilitator_keys"] == {code: new_key}
    new_screen = screen_link(desk)
    assert new_screen != old_screen
    # The big screen open with the old display key says so at once, and shows nothing of the room.
    expect(screen.get_by_role("alert")).to_contain_text(REPLACED)
    expect(screen.locator(".join-code")).to_have_count(0)
    assert "Avaimet" not in screen.locator("main").inner_text()
    screen.screenshot(path=str(artifacts / "big-screen-link-replaced-1280.png"))
    assert_accessible(screen, "the big screen, its link replaced")
    # The old facilitator link, and the big screen opened with the old display key, open nothing now.
    stale = open_page(new_context("desktop").new_page(), link)
    expect(stale.get_by_role("alert")).to_contain_text(NO_ACCESS)
    screen.reload()
    expect(screen.get_by_role("alert")).to_contain_text("valkokangaslinkillä")
    open_page(screen, new_screen)
    expect(screen.get_by_role("heading", level=1)).to_contain_text(re.compile("mikä ei toimi", re.IGNORECASE))

    # A new big-screen link voids the last one.
    panel.get_by_role("button", name="Tee uusi valkokangaslinkki").click()
    expect(panel.get_by_role("link", name="Avaa valkokangasnäkymä")).not_to_have_attribute("href", new_screen)
    expect(screen.get_by_role("alert")).to_contain_text(REPLACED)
    expect(desk.get_by_role("button", name=NEXT)).to_be_visible()  # the facilitator's own tab stays
    screen.reload()
    expect(screen.get_by_role("alert")).to_contain_text("valkokangaslinkillä")

    # The results link: the key leaves the address bar, stays for this tab only, opens no facilitator page.
    panel.get_by_role("button", name="Tee uusi tulosten linkki").click()
    results_link = panel.locator("a[href*='/results/']").get_attribute("href")
    preparer = new_context("desktop")
    results = open_page(preparer.new_page(), results_link)
    expect(results.get_by_role("heading", name="Avaimet")).to_be_visible()
    expect(results).to_have_url(re.compile(f"/results/{code}$"))
    results_key = results_link.rsplit("?key=", 1)[1]
    kept = _storage(results)
    assert kept.get("session:entajos_results_keys") == {code: results_key}
    assert results_key not in json.dumps({name: v for name, v in kept.items() if not name.startswith("session:")})
    results.reload()
    expect(results.get_by_role("heading", name="Avaimet")).to_be_visible()
    other = open_page(preparer.new_page(), f"{base}/facilitate/{code}?key={results_key}")
    expect(other.get_by_role("alert")).to_contain_text(NO_ACCESS)
    desk.screenshot(path=str(artifacts / "facilitator-keys-1280.png"), full_page=True)


def test_a_new_facilitator_link_asks_first_and_cuts_off_the_other_facilitator(app_server, new_context, artifacts):
    """A mis-tap must not lock out a co-facilitator: the button only opens a step that says
    what happens; confirming makes the new link, and the co-facilitator's browser, open
    with the old link, shows at once that its link was replaced and cannot open the
    cockpit again."""
    base = app_server.url
    desk = new_context("desktop", viewport={"width": 1280, "height": 720}).new_page()
    code, link = create_workshop(desk, base, "Kaksi vetäjää")
    key = link.rsplit("?key=", 1)[1]
    open_page(desk, link)
    co_facilitator = open_page(new_context("phone").new_page(), link)
    for page in (desk, co_facilitator):
        expect(page.get_by_role("button", name=NEXT)).to_be_visible()

    desk.locator("summary").filter(has_text="Työkalut").click()
    panel = desk.get_by_role("region", name="Linkit ja avaimet")
    step = panel.locator("details.confirm-step")
    expect(step.get_by_role("button", name=ROTATE_YES, exact=True)).to_be_hidden()
    step.locator("summary").filter(has_text=ROTATE).focus()
    desk.keyboard.press("Enter")  # the step opens by keyboard, and opening it changes nothing
    expect(step).to_have_attribute("open", "")
    question = step.locator(".confirm-question")
    expect(question).to_contain_text("menettää pääsyn heti")
    expect(question).to_contain_text("näytetään vain kerran")
    expect(panel.get_by_role("status")).to_have_count(0)
    assert _storage(desk)["entajos_facilitator_keys"] == {code: key}
    step.get_by_role("button", name=ROTATE_YES, exact=True).scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-rotate-confirm-1280x720.png"))
    assert_accessible(desk, "the keys panel, the new facilitator link's confirmation open, 1280 px")
    desk.set_viewport_size({"width": 360, "height": 740})
    step.get_by_role("button", name=ROTATE_YES, exact=True).scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-rotate-confirm-360.png"))
    assert desk.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(desk, "the keys panel, the new facilitator link's confirmation open, 360 px")

    step.get_by_role("button", name=ROTATE_YES, exact=True).click()
    shown = panel.get_by_role("status").filter(has_text="Tässä uusi vetäjän linkkisi")
    new_link = shown.get_by_role("link").get_attribute("href")
    new_key = re.search(rf"/facilitate/{code}\?key=([\w-]+)$", new_link).group(1)
    assert new_key != key and _storage(desk)["entajos_facilitator_keys"] == {code: new_key}
    shown.scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-rotated-360.png"))
    assert desk.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(desk, "the keys panel, a new facilitator link shown, 360 px")
    desk.set_viewport_size({"width": 1280, "height": 720})
    shown.scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-rotated-1280x720.png"))
    assert_accessible(desk, "the keys panel, a new facilitator link shown, 1280 px")

    # The co-facilitator's browser, still holding the old link: at once the cockpit gives way
    # to "this link was replaced", with nothing of the room left on screen, and the old link
    # opens no cockpit any more.
    expect(co_facilitator.get_by_role("alert")).to_contain_text(REPLACED)
    expect(co_facilitator.get_by_role("button", name=NEXT)).to_have_count(0)
    expect(co_facilitator.get_by_role("region", name="Ohjauspalkki")).to_have_count(0)
    assert "Kaksi vetäjää" not in co_facilitator.locator("main").inner_text()
    co_facilitator.screenshot(path=str(artifacts / "facilitator-link-replaced-360.png"))
    assert co_facilitator.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(co_facilitator, "a facilitator page whose link was replaced, 360 px")
    open_page(co_facilitator, link)
    expect(co_facilitator.get_by_role("alert")).to_contain_text(NO_ACCESS)
    expect(co_facilitator.get_by_role("button", name=NEXT)).to_have_count(0)
    open_page(co_facilitator, f"{base}/facilitate/{code}")  # nor does the key it kept
    expect(co_facilitator.get_by_role("alert")).to_contain_text(NO_ACCESS)

    # The rotating browser goes on with the new key.
    desk.get_by_role("button", name=NEXT).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(re.compile("mikä ei toimi", re.IGNORECASE))
