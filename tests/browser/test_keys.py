"""A key per purpose in real browsers, handed out through one-time links: the projector
opens the big screen with its display key and never holds the facilitator key (its
/facilitate tab gets nothing), no key is in any link or address bar, each link opens once
(used again it says so), a new facilitator link (after a confirmation step) voids the old
key, the big-screen link made from it and the results links given out earlier while the
rotating browser keeps control, a co-facilitator's browser (opened with a link for
another device) and a big screen open with the old links say at once that their link was
replaced, a new big-screen link voids the unopened ones, and results links open the
results for each person."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import create_workshop, open_page, screen_link

NO_ACCESS = "Tämä sivu on vain työpajan vetäjälle"
USED = "Tämä linkki on jo käytetty tai vanhentunut"
NEXT = re.compile("^Seuraava: ")  # the cockpit's "Seuraava: <next phase>"
ROTATE = "Tee uusi vetäjän linkki…"  # opens the confirmation step ...
ROTATE_YES = "Kyllä, tee uusi vetäjän linkki"  # ... whose button makes the new link
REPLACED = "Tämän linkin tilalle on tehty uusi linkki"  # what a page open with a replaced link shows
ANOTHER_DEVICE = "Linkki toiselle laitteelle"
ROTATED = "Tässä uusi vetäjän linkkisi"
ANOTHER_RESULTS = "Tulosten linkki yhdelle henkilölle lisää"
RESULTS_REFUSED = "Lataus vaatii työpajan vetäjän tai tulosten linkin"


def _storage(page: Page) -> dict[str, dict]:
    """This browser's stored maps of secrets, by name."""
    raw = page.evaluate("() => ({...localStorage, ...Object.fromEntries("
                        "Object.keys(sessionStorage).map(k => ['session:' + k, sessionStorage[k]]))})")
    return {name: json.loads(value) for name, value in raw.items() if name.removeprefix("session:").startswith("entajos_")}


def _shown(panel, has_text: str) -> str:
    """The text of the one-time link the panel shows in the block that says ``has_text``."""
    link = panel.get_by_role("status").filter(has_text=has_text).locator(".one-time-link")
    expect(link).to_have_count(1)
    return link.text_content()


def _device_link(desk: Page, panel) -> str:
    """A one-time link to this cockpit for another device."""
    before = panel.locator("#device-link").text_content() if panel.locator("#device-link").count() else None
    panel.get_by_role("button", name=ANOTHER_DEVICE, exact=True).click()
    shown = panel.locator("#device-link")
    expect(shown).to_have_text(re.compile(r"/facilitate/[A-Z0-9]{8}\?open=[\w-]+$"))
    if before:
        expect(shown).not_to_have_text(before)
    return shown.text_content()


def test_the_projector_holds_only_the_display_key_and_rotation_voids_the_old_links(
        app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop")
    desk = laptop.new_page()
    code, link = create_workshop(desk, base, "Avaimet")
    key = _storage(desk)["entajos_facilitator_keys"][code]
    assert key not in link
    open_page(desk, link)  # the browser that created it already holds the key: the link opens it too
    expect(desk).to_have_url(re.compile(f"/facilitate/{code}$"))
    # The keys panel is one of the cockpit's folded tools.
    desk.locator("summary").filter(has_text="Työkalut").click()
    panel = desk.get_by_role("region", name="Linkit ja avaimet")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Jokainen linkki avautuu kerran")
    assert_accessible(desk, "facilitator page with the keys panel")

    # The projector: opened by a one-time big-screen link, which hands over the display key only.
    old_screen = screen_link(desk)
    assert key not in old_screen and key not in desk.content()
    projector = new_context("desktop")
    screen = open_page(projector.new_page(), old_screen)
    expect(screen.locator(".join-code")).to_have_text(code)
    expect(screen).to_have_url(re.compile(f"/screen/{code}$"))
    stored = _storage(screen)
    display = stored["entajos_display_keys"][code]
    assert display != key and display not in old_screen
    assert not stored.get("entajos_facilitator_keys") and key not in json.dumps(stored)
    # The link opened once: in another browser it opens nothing, and says so.
    used = open_page(new_context("desktop").new_page(), old_screen)
    expect(used.get_by_role("alert")).to_contain_text(USED)
    expect(used.locator(".join-code")).to_have_count(0)
    # The finding: a /facilitate tab on the projector controlled the workshop. Now it gets nothing.
    taken = open_page(projector.new_page(), f"{base}/facilitate/{code}")
    expect(taken.get_by_role("alert")).to_contain_text(NO_ACCESS)
    expect(taken.get_by_role("region", name="Ohjauspalkki")).to_have_count(0)
    expect(taken.get_by_role("button", name=NEXT)).to_have_count(0)
    taken.close()

    # The cockpit's "Big screen" opens the big screen in a new tab of this browser (a one-time link).
    with laptop.expect_page() as opened:
        desk.get_by_role("region", name="Ohjauspalkki").get_by_role("button", name="Valkokangas").click()
    own = opened.value
    expect(own.locator(".join-code")).to_have_text(code)
    expect(own).to_have_url(re.compile(f"/screen/{code}$"))
    own.close()

    # A new facilitator link: shown once, kept by this browser, the old key void.
    panel.locator("summary").filter(has_text=ROTATE).click()
    panel.get_by_role("button", name=ROTATE_YES, exact=True).click()
    new_link = _shown(panel, ROTATED)
    assert re.search(f"/facilitate/{code}\\?open=[\\w-]+$", new_link)
    new_key = _storage(desk)["entajos_facilitator_keys"][code]
    assert new_key != key and new_key not in new_link
    expect(desk.get_by_role("button", name=NEXT)).to_be_visible()
    desk.get_by_role("button", name=NEXT).click()  # still in control, with the new key
    expect(desk.get_by_role("heading", level=1)).to_contain_text(re.compile("mikä ei toimi", re.IGNORECASE))
    new_screen = screen_link(desk)
    assert new_screen != old_screen
    # The big screen open with the old display key says so at once, and shows nothing of the room.
    expect(screen.get_by_role("alert")).to_contain_text(REPLACED)
    expect(screen.locator(".join-code")).to_have_count(0)
    assert "Avaimet" not in screen.locator("main").inner_text()
    screen.screenshot(path=str(artifacts / "big-screen-link-replaced-1280.png"))
    assert_accessible(screen, "the big screen, its link replaced")
    # The first facilitator link was used; and the big screen opened with the old display key opens nothing now.
    stale = open_page(new_context("desktop").new_page(), link)
    expect(stale.get_by_role("alert")).to_contain_text(USED)
    screen.reload()
    expect(screen.get_by_role("alert")).to_contain_text("valkokangaslinkillä")
    open_page(screen, new_screen)
    expect(screen.get_by_role("heading", level=1)).to_contain_text(re.compile("mikä ei toimi", re.IGNORECASE))

    # A new big-screen link voids the last display key, and the one-time links not yet opened.
    unopened = screen_link(desk)
    panel.get_by_role("button", name="Tee uusi valkokangaslinkki").click()
    expect(panel.locator("#screen-link")).not_to_have_text(unopened)
    expect(screen.get_by_role("alert")).to_contain_text(REPLACED)
    expect(desk.get_by_role("button", name=NEXT)).to_be_visible()  # the facilitator's own tab stays
    screen.reload()
    expect(screen.get_by_role("alert")).to_contain_text("valkokangaslinkillä")
    late = open_page(new_context("desktop").new_page(), unopened)
    expect(late.get_by_role("alert")).to_contain_text(USED)

    # The results link: the link leaves the address bar, the key stays in this browser and opens
    # no facilitator page; one more link for another person hands over the same key.
    panel.get_by_role("button", name="Tee uusi tulosten linkki").click()
    results_link = panel.locator(".one-time-link").filter(has_text="/results/").text_content()
    preparer = new_context("desktop")
    results = open_page(preparer.new_page(), results_link)
    expect(results.get_by_role("heading", name="Avaimet")).to_be_visible()
    expect(results).to_have_url(re.compile(f"/results/{code}$"))
    results_key = _storage(results)["entajos_results_keys"][code]
    assert results_key not in results_link and results_key not in (key, new_key, display)
    results.reload()
    expect(results.get_by_role("heading", name="Avaimet")).to_be_visible()
    other = open_page(preparer.new_page(), f"{base}/facilitate/{code}?key={results_key}")
    expect(other.get_by_role("alert")).to_contain_text(NO_ACCESS)
    expect(other).to_have_url(re.compile(f"/facilitate/{code}$"))  # a key in the address leaves it too
    panel.get_by_role("button", name="Tulosten linkki yhdelle henkilölle lisää").click()
    expect(panel.locator(".one-time-link").filter(has_text="/results/")).not_to_have_text(results_link)
    second_link = panel.locator(".one-time-link").filter(has_text="/results/").text_content()
    second = open_page(new_context("phone").new_page(), second_link)
    expect(second.get_by_role("heading", name="Avaimet")).to_be_visible()
    assert _storage(second)["entajos_results_keys"] == {code: results_key}
    results.reload()  # the first preparer keeps the results too
    expect(results.get_by_role("heading", name="Avaimet")).to_be_visible()

    # A link to this cockpit for another device (the same key): that browser keeps it.
    elsewhere = open_page(new_context("phone").new_page(), _device_link(desk, panel))
    expect(elsewhere.get_by_role("button", name=NEXT)).to_be_visible()
    assert _storage(elsewhere)["entajos_facilitator_keys"] == {code: new_key}
    panel.scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-keys-1280.png"), full_page=True)
    desk.set_viewport_size({"width": 360, "height": 740})
    panel.locator("#device-link").scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-keys-360.png"))
    assert desk.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(desk, "the keys panel with one-time links shown, 360 px")


def test_a_new_facilitator_link_asks_first_and_cuts_off_the_other_facilitator(app_server, new_context, artifacts):
    """A mis-tap must not lock out a co-facilitator: the button only opens a step that says
    what happens; confirming makes the new link, and the co-facilitator's browser, open
    with the old link, shows at once that its link was replaced and cannot open the
    cockpit again."""
    base = app_server.url
    desk = new_context("desktop", viewport={"width": 1280, "height": 720}).new_page()
    code, link = create_workshop(desk, base, "Kaksi vetäjää")
    key = _storage(desk)["entajos_facilitator_keys"][code]
    open_page(desk, link)
    desk.locator("summary").filter(has_text="Työkalut").click()
    panel = desk.get_by_role("region", name="Linkit ja avaimet")
    # The co-facilitator's phone: opened with a one-time link for another device.
    device_link = _device_link(desk, panel)
    co_facilitator = open_page(new_context("phone").new_page(), device_link)
    for page in (desk, co_facilitator):
        expect(page.get_by_role("button", name=NEXT)).to_be_visible()
    # Results links made before (as a leaked facilitator link could): one opened by a
    # project preparer, one not opened yet.
    results_links = []
    for _ in range(2):
        panel.get_by_role("button", name=ANOTHER_RESULTS).click()
        shown_results = panel.locator(".one-time-link").filter(has_text="/results/")
        if results_links:
            expect(shown_results).not_to_have_text(results_links[-1])
        results_links.append(shown_results.text_content())
    preparer = open_page(new_context("phone").new_page(), results_links[0])
    expect(preparer.get_by_role("heading", name="Kaksi vetäjää")).to_be_visible()

    step = panel.locator("details.confirm-step")
    expect(step.get_by_role("button", name=ROTATE_YES, exact=True)).to_be_hidden()
    step.locator("summary").filter(has_text=ROTATE).focus()
    desk.keyboard.press("Enter")  # the step opens by keyboard, and opening it changes nothing
    expect(step).to_have_attribute("open", "")
    question = step.locator(".confirm-question")
    expect(question).to_contain_text("menettää pääsyn heti")
    expect(question).to_contain_text("näytetään vain kerran")
    expect(question).to_contain_text("aiemmin annetut tulosten linkit lakkaavat toimimasta")
    expect(panel.get_by_role("status").filter(has_text=ROTATED)).to_have_count(0)
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
    shown = panel.get_by_role("status").filter(has_text=ROTATED)
    new_link = _shown(panel, ROTATED)
    # Done, the step closes: a second tap cannot void the link just shown (review round 2, #9).
    expect(step).not_to_have_attribute("open", "")
    expect(step.get_by_role("button", name=ROTATE_YES, exact=True)).to_be_hidden()
    assert re.search(rf"/facilitate/{code}\?open=[\w-]+$", new_link)
    new_key = _storage(desk)["entajos_facilitator_keys"][code]
    assert new_key != key and new_key not in new_link
    # The link for another device made before handed out the old key: it is void, and no longer shown.
    expect(panel.locator("#device-link")).to_have_count(0)
    # So is the results link (red-team finding F2): the results key was renewed with it.
    expect(panel.locator(".one-time-link").filter(has_text="/results/")).to_have_count(0)
    preparer.reload()
    expect(preparer.get_by_role("alert")).to_contain_text(RESULTS_REFUSED)
    expect(preparer.get_by_role("heading", name="Kaksi vetäjää")).to_have_count(0)
    late = open_page(new_context("phone").new_page(), results_links[1])
    expect(late.get_by_role("alert")).to_contain_text(USED)
    shown.scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-rotated-360.png"))
    assert desk.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(desk, "the keys panel, a new facilitator link shown, 360 px")
    desk.set_viewport_size({"width": 1280, "height": 720})
    shown.scroll_into_view_if_needed()
    desk.screenshot(path=str(artifacts / "facilitator-rotated-1280x720.png"))
    assert_accessible(desk, "the keys panel, a new facilitator link shown, 1280 px")

    # The co-facilitator's browser, still holding the old key: at once the cockpit gives way
    # to "this link was replaced", with nothing of the room left on screen; its one-time
    # link was used, and the key it kept opens no cockpit any more.
    expect(co_facilitator.get_by_role("alert")).to_contain_text(REPLACED)
    expect(co_facilitator.get_by_role("alert")).to_contain_text("Työkalut, Linkit ja avaimet")  # where to go
    expect(co_facilitator.get_by_role("button", name=NEXT)).to_have_count(0)
    expect(co_facilitator.get_by_role("region", name="Ohjauspalkki")).to_have_count(0)
    assert "Kaksi vetäjää" not in co_facilitator.locator("main").inner_text()
    co_facilitator.screenshot(path=str(artifacts / "facilitator-link-replaced-360.png"))
    assert co_facilitator.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(co_facilitator, "a facilitator page whose link was replaced, 360 px")
    open_page(co_facilitator, device_link)  # its link was used; the key it kept is void
    expect(co_facilitator.get_by_role("alert")).to_contain_text(USED)
    expect(co_facilitator.get_by_role("button", name=NEXT)).to_have_count(0)
    open_page(co_facilitator, f"{base}/facilitate/{code}")  # nor does the key it kept
    expect(co_facilitator.get_by_role("alert")).to_contain_text(NO_ACCESS)

    # The rotating browser goes on with the new key.
    desk.get_by_role("button", name=NEXT).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text(re.compile("mikä ei toimi", re.IGNORECASE))
