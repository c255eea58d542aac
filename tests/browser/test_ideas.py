"""Three phones write, edit and delete; the facilitator reveals and hides; every screen agrees.
Idea text is data: a list of XSS payloads written as ideas never runs."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.pages import create_workshop, join, open_screen, write_idea

XSS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    "<svg onload=window.__xss=3>",
    "javascript:window.__xss=4",
    '"><iframe src="javascript:window.__xss=5">',
    "[klikkaa](javascript:window.__xss=6) **lihava**",
    "{{constructor.constructor('window.__xss=7')()}}",
]


def test_three_phones_write_edit_delete_and_the_facilitator_moderates(app_server, new_context, artifacts):
    base = app_server.url
    laptop = new_context("desktop")
    facilitator = laptop.new_page()
    code, link = create_workshop(facilitator, base, "Ideat")
    facilitator.goto(link)
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text("Ideat")
    screen = laptop.new_page()
    open_screen(facilitator, screen)

    dialogs: list[str] = []
    phones = [join(new_context("phone"), base, code, role) for role in ("Nuori", "Vanhempi", "Ammattilainen")]
    for page in (*phones, facilitator, screen):
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    young, parent, professional = phones

    # Critique: notes stay on the writer's phone until the facilitator reveals them.
    facilitator.get_by_role("button", name=re.compile("^Nyt: mikä ei toimi")).click()
    # The phone shows the prompt it answers above the text box; the next one is one tap away.
    expect(young.locator("#prompt-now")).to_have_text("Missä kohtaa apu tulee liian myöhään?")
    young.get_by_role("button", name="Seuraava kysymys").click()
    expect(young.locator("#prompt-now")).to_have_text("Milloin lapsi tai nuori ei tule kuulluksi?")
    young.get_by_role("button", name="Edellinen kysymys").click()
    expect(young.locator("#prompt-now")).to_have_text("Missä kohtaa apu tulee liian myöhään?")
    write_idea(young, "Apu tulee liian myöhään.")
    expect(parent.get_by_text("Muiden vastaukset näkyvät, kun vetäjä avaa ne.")).to_be_visible()
    expect(parent.get_by_text("Apu tulee liian myöhään.")).to_have_count(0)
    expect(screen.get_by_text("Apu tulee liian myöhään.")).to_have_count(0)
    expect(facilitator.get_by_text("Apu tulee liian myöhään.")).to_be_visible()
    facilitator.get_by_test_id("cockpit-reveal").get_by_role("button", name="Näytä kritiikit kaikille").click()
    expect(parent.get_by_text("Apu tulee liian myöhään.")).to_be_visible()
    expect(screen.get_by_text("Apu tulee liian myöhään.")).to_be_visible()

    # What if: answers to a chosen prompt appear everywhere at once.
    facilitator.get_by_role("button", name=re.compile("^Entä jos")).click()
    prompt = "Entä jos apu tulisi kotiin saman päivän aikana, kun perhe pyytää sitä?"
    expect(screen.get_by_role("listitem").filter(has_text=prompt)).to_be_visible()
    expect(professional.locator("#prompt-now")).to_have_text(prompt)
    write_idea(young, "Nuoret päättäisivät itse 🙂\nja aikuiset kuuntelisivat", prompt)
    write_idea(parent, "Perhetyö illalla ja viikonloppuna")
    write_idea(professional, "Yksi tuttu työntekijä koko ajaksi")
    write_idea(professional, "Kirjoitusvirhe tässä")
    for page in (*phones, screen):
        expect(page.get_by_text("Perhetyö illalla ja viikonloppuna")).to_be_visible()
        expect(page.locator(".wall-group, div").filter(has_text=prompt).get_by_text("Nuoret päättäisivät itse 🙂")
               .first).to_be_visible()

    # The professional fixes one idea and deletes the other.
    mine = professional.locator(".idea-card--mine").filter(has_text="Kirjoitusvirhe tässä")
    mine.get_by_role("button", name="Muokkaa").click()
    # A refused save says why inside the edit, where the person is looking, and keeps the edit.
    professional.get_by_role("textbox", name="Muokkaa tekstiä").fill("   ")
    professional.get_by_role("button", name="Tallenna").click()
    expect(professional.locator("#edit-notice")).to_have_text("Kirjoita jotain ennen lähettämistä.")
    expect(professional.locator("#edit-notice")).to_be_in_viewport()
    expect(professional.locator("#participant-notice")).to_have_count(0)  # one alert, not two
    professional.get_by_role("textbox", name="Muokkaa tekstiä").fill("Korjattu: vertaistuki vanhemmille")
    professional.get_by_role("button", name="Tallenna").click()
    professional.locator(".idea-card--mine").filter(has_text="Yksi tuttu työntekijä").get_by_role(
        "button", name="Poista").click()
    for page in (*phones, screen, facilitator):
        expect(page.get_by_text("Korjattu: vertaistuki vanhemmille")).to_be_visible()
        expect(page.get_by_text("Kirjoitusvirhe tässä")).to_have_count(0)
        expect(page.get_by_text("Yksi tuttu työntekijä koko ajaksi")).to_have_count(0)

    # The facilitator hides the parent's idea: gone from every screen, kept (and marked) for the facilitator.
    facilitator.locator(".mod-row").filter(has_text="Perhetyö illalla").get_by_role("button", name="Piilota").click()
    for page in (young, professional, screen):
        expect(page.get_by_text("Perhetyö illalla ja viikonloppuna")).to_have_count(0)
    hidden = facilitator.locator(".mod-row--hidden").filter(has_text="Perhetyö illalla")
    expect(hidden.get_by_role("button", name="Palauta näkyviin")).to_be_visible()
    expect(parent.locator(".idea-card--mine").filter(has_text="Perhetyö illalla")).to_contain_text("piilotettu")
    screen.screenshot(path=str(artifacts / "screen-what-if-1280.png"), full_page=True)
    young.screenshot(path=str(artifacts / "participant-what-if-360.png"), full_page=True)
    assert young.evaluate("document.documentElement.scrollWidth") <= 360
    facilitator.screenshot(path=str(artifacts / "facilitator-what-if-1280.png"), full_page=True)

    # Participant text is data: every payload shows as its own literal text and runs nowhere.
    for payload in XSS:
        write_idea(young, payload)
    for page in (young, parent, screen, facilitator):
        for payload in XSS:
            expect(page.locator(".idea-text").filter(has_text=payload).first).to_be_visible()
        assert page.evaluate("window.__xss") is None
        assert page.locator(".wall img, .wall iframe, .wall svg, .idea-list a").count() == 0
    assert dialogs == []
