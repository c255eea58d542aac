"""The phone's writing form on a small phone (360x640): the prompt being answered is chosen on
the prompt card, above the text box, before writing; the card's prompt is the one the idea is
stored under; "Send" is in the first screenful of the what-if phase (bundled prompt deck, timer on)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.pages import create_workshop, join
from workshop.store.db import make_engine
from workshop.store.models import Idea, Prompt

SMALL_PHONE = {"width": 360, "height": 640}

# Top edges (px from the top of the page) of the text box and of every control that changes
# which prompt the idea goes to.
LAYOUT = """() => {
  const top = el => el.getBoundingClientRect().top + scrollY;
  const box = document.querySelector('#idea-text');
  const choosers = [...document.querySelectorAll('#idea-prompt, [aria-controls="prompt-now"]')];
  return {box: top(box), choosers: choosers.map(top)};
}"""


def _prompt_of(database_url: str, text: str) -> str | None:
    engine = make_engine(database_url)
    with Session(engine) as session:
        idea = session.scalar(select(Idea).where(Idea.text == text))
        prompt = session.get(Prompt, idea.prompt_id) if idea and idea.prompt_id else None
        answer = prompt.text if prompt else None
    engine.dispose()
    return answer


def _in_first_screen(page: Page, locator) -> bool:
    box = locator.bounding_box()
    return (page.evaluate("scrollY") == 0 and box is not None
            and box["y"] >= 0 and box["y"] + box["height"] <= SMALL_PHONE["height"])


def _send(phone: Page, text: str) -> None:
    phone.locator("#idea-text").fill(text)
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.locator(".idea-card--mine").filter(has_text=text)).to_have_count(1)


def test_the_prompt_is_chosen_on_the_card_and_send_is_in_view(app_server, new_context, artifacts):
    base = app_server.url
    facilitator = new_context("desktop").new_page()
    code, link = create_workshop(facilitator, base, "Nuorten jälkihuolto 2030")
    facilitator.goto(link)
    phone = join(new_context("phone", viewport=SMALL_PHONE), base, code, "Nuori")

    for kind, button, shot in (("critique", "^Nyt: mikä ei toimi", "critique"), ("what_if", "^Entä jos", "what_if")):
        facilitator.get_by_role("button", name=re.compile(button)).click()
        facilitator.get_by_role("combobox", name="Minuuttia").select_option("5")
        facilitator.get_by_role("button", name="Käynnistä", exact=True).click()
        # Right after the page loads, as a phone opening the room mid-phase sees it.
        phone.reload()
        expect(phone.get_by_role("timer")).to_contain_text(re.compile(r"\d:\d\d"))
        first = phone.locator("#prompt-now").inner_text()
        phone.wait_for_timeout(300)
        phone.screenshot(path=str(artifacts / f"writing-form-{shot}-360x640.png"))
        problems = []
        # (c) "Send" is on the first screen, without scrolling.
        if not _in_first_screen(phone, phone.get_by_role("button", name="Lähetä")):
            problems.append(f"{kind}: Lähetä below the fold at 360x640 "
                            f"(y={phone.get_by_role('button', name='Lähetä').bounding_box()})")
        # (a) The question is chosen above the text box, as part of the prompt card.
        layout = phone.evaluate(LAYOUT)
        if not layout["choosers"] or any(top >= layout["box"] for top in layout["choosers"]):
            problems.append(f"{kind}: prompt chooser not above the text box {layout}")
        assert not problems, problems

        # (b) "Next question" changes the card's prompt, and the idea is stored under it.
        following = phone.get_by_role("button", name="Seuraava kysymys")
        expect(phone.get_by_role("button", name="Edellinen kysymys")).to_be_visible()
        expect(phone.locator("#prompt-position")).to_have_text(re.compile(r"^Kysymys 1 / \d+$"))
        following.focus()
        phone.keyboard.press("Enter")  # by keyboard
        expect(phone.locator("#prompt-now")).not_to_have_text(first)
        expect(phone.locator("#prompt-position")).to_have_text(re.compile(r"^Kysymys 2 / \d+$"))
        second = phone.locator("#prompt-now").inner_text()
        # The prompt's text is read out when it changes.
        expect(phone.locator("#prompt-now")).to_have_attribute("aria-live", "polite")
        text = f"Toiseen kysymykseen ({kind})"
        _send(phone, text)
        assert _prompt_of(app_server.database_url, text) == second
        # The card keeps the chosen prompt for the next idea; back again goes to the first.
        expect(phone.locator("#prompt-now")).to_have_text(second)
        phone.get_by_role("button", name="Edellinen kysymys").click()
        expect(phone.locator("#prompt-now")).to_have_text(first)
        text = f"Ensimmäiseen kysymykseen ({kind})"
        _send(phone, text)
        assert _prompt_of(app_server.database_url, text) == first

    # Only one prompt on: no chooser, the card shows that prompt.
    facilitator.locator("#tools > summary").click()
    one = facilitator.get_by_role("checkbox", name="Näytä yksi kysymys kerrallaan")
    one.click()
    expect(one).to_be_checked()
    facilitator.get_by_text("Muokkaa kysymyksiä").click()
    on_now = facilitator.locator("li.prompt-item[data-kind='what_if']").nth(2)
    on_now.get_by_role("button", name="Näytä nyt").click()
    expect(on_now.get_by_role("button", name="Näytä nyt")).to_have_attribute("aria-pressed", "true")
    expect(phone.get_by_role("button", name="Seuraava kysymys")).to_have_count(0)
    expect(phone.get_by_role("combobox")).to_have_count(0)
    shown = phone.locator("#prompt-now")
    expect(shown).to_have_text(on_now.locator("textarea").input_value())
    text = "Vain yksi kysymys"
    _send(phone, text)
    assert _prompt_of(app_server.database_url, text) == shown.inner_text()
