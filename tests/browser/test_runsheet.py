"""The printable run sheet from the create form: every phase with its time, what to say and
tips; a phase left out leaves the total and the printed page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import open_page


def test_the_run_sheet_prints_the_chosen_phases(app_server, new_context, artifacts):
    page = open_page(new_context("desktop").new_page(), f"{app_server.url}/?lang=fi")
    page.get_by_role("link", name="Tulostettava ajokaavio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajokaavio")
    rows = page.locator("tr.runsheet-row")
    expect(rows).to_have_count(7)
    expect(page.locator("#runsheet-total")).to_have_text("75 min")
    expect(rows.nth(4)).to_contain_text("Muistuta, että kukaan ei näe, kuka äänesti mitä.")
    box = page.get_by_role("checkbox", name="Ryhmittely")
    box.click()  # (a controlled box: its state comes back from the server)
    expect(box).not_to_be_checked()
    expect(page.locator("#runsheet-total")).to_have_text("65 min")
    expect(rows.nth(3)).to_have_attribute("data-included", "false")
    assert_accessible(page, "run sheet")
    page.screenshot(path=str(artifacts / "runsheet-1280.png"), full_page=True)
    page.emulate_media(media="print")
    expect(rows.nth(3)).to_be_hidden()
    expect(rows.nth(4)).to_be_visible()
    expect(page.get_by_role("button", name="Tulosta")).to_be_hidden()
    page.emulate_media(media="screen")
    # In Swedish the guide speaks Swedish; at 360 px nothing scrolls sideways.
    page.get_by_role("button", name="Svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Körschema")
    expect(rows.nth(4)).to_contain_text("Påminn om att ingen ser vem som röstade på vad.")
    page.set_viewport_size({"width": 360, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page, "run sheet at 360 px")
    page.screenshot(path=str(artifacts / "runsheet-360.png"), full_page=True)
