"""The develop phase and the downloads in a real browser: the facilitator drafts briefs
from the vote's top, fills one in, two tabs editing the same field never silently
overwrite each other, a phone's suggestion is taken in; every format downloads from the
facilitator's view and from the read-only results link through one-time tokens, and
nothing with a key in the address."""

from __future__ import annotations

import io
import json
import re
import zipfile

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from tests.browser.axe import assert_accessible
from tests.browser.pages import join, one_time_link, open_page
from workshop.domain import voting as rules
from workshop.domain.creation import NewWorkshop
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Opener, Role
from workshop.store import clusters, participants, voting, workshops
from workshop.store.db import make_engine
from workshop.store.models import Idea, Participant, Workshop

SCHOOL = "Koulun kuraattori"
SCHOOL_IDEAS = ["Entä jos kuraattori olisi koulussa joka päivä?", "Kuraattorin voisi tavata ilman ajanvarausta"]
FAMILY = "Perheiden illat"


def _workshop_in_develop(database_url: str) -> dict:
    """A workshop whose vote (on two groups) was revealed: the school group won."""
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Jatkokehitys", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        young = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        pro = participants.join(session, workshop, NewParticipant(Role.PROFESSIONAL, None))
        rows = [Idea(workshop_id=workshop.id, participant_id=young.id, kind="what_if", text=text)
                for text in [*SCHOOL_IDEAS, "Perhetyötä iltaisin"]]
        session.add_all(rows)
        session.flush()
        school = clusters.create(session, workshop, SCHOOL, [rows[0].id, rows[1].id])
        family = clusters.create(session, workshop, FAMILY, [rows[2].id])
        workshop.phase = "vote"
        voting.open_round(session, workshop, rules.parse_round("cluster", 3, 2))
        session.flush()
        for person, item in ((young, school), (young, school), (young, family), (pro, school)):
            voting.add_dot(session, workshop, session.get(Participant, person.id), item.id)
        voting.reveal_round(session, workshop)
        workshop.phase = "develop"
        result = {"code": created.code, "key": created.facilitator_key, "young": young.token}
    engine.dispose()
    return result


def _brief(page: Page, title: str):
    return page.locator("section.brief").filter(has=page.get_by_role("heading", name=title))


def test_briefs_are_developed_and_every_format_downloads(app_server, new_context, artifacts):
    base = app_server.url
    room = _workshop_in_develop(app_server.database_url)
    code, key = room["code"], room["key"]
    laptop = new_context("desktop")
    desk = open_page(laptop.new_page(), one_time_link(base, app_server.database_url, Opener.FACILITATOR, code, key))
    desk.get_by_role("button", name="Tee suunnitelmat äänestyksen kolmesta kärjestä").click()
    brief = _brief(desk, SCHOOL)
    expect(brief).to_have_count(1)
    # One brief in the editor at a time; the others are listed (second place is in the top three too).
    expect(desk.locator("section.brief")).to_have_count(1)
    expect(desk.get_by_role("button", name=FAMILY)).to_have_count(1)
    expect(brief.get_by_role("textbox", name="Entä jos – yhdellä lauseella")).to_have_value(SCHOOL_IDEAS[0])
    # ... and one from a single idea, chosen from the list.
    desk.get_by_role("combobox", name="Tee suunnitelma ryhmästä tai ideasta").select_option(label=SCHOOL_IDEAS[1])
    desk.get_by_role("button", name="Tee suunnitelma", exact=True).click()
    desk.get_by_role("button", name=SCHOOL_IDEAS[1]).click()
    expect(_brief(desk, SCHOOL_IDEAS[1])).to_have_count(1)
    desk.get_by_role("button", name=re.compile(f"^{SCHOOL}")).click()
    expect(_brief(desk, SCHOOL)).to_have_count(1)

    need = brief.get_by_role("textbox", name="Tarve")
    need.fill("Nuoret tarvitsevat aikuisen, joka on paikalla.")
    need.press("Tab")
    other = open_page(laptop.new_page(), f"{base}/facilitate/{code}")  # the same browser: key kept
    expect(_brief(other, SCHOOL).get_by_role("textbox", name="Tarve")).to_have_value(
        "Nuoret tarvitsevat aikuisen, joka on paikalla.")

    # Two tabs type into the same field; the second to save is refused and keeps its text.
    for page in (desk, other):  # the experiment is in a folded part
        _brief(page, SCHOOL).locator("summary", has_text="Kokeilu").click()
    mine = _brief(other, SCHOOL).get_by_role("textbox", name="Ensimmäinen kokeilu tai pilotti")
    mine.click()
    mine.type("Kokeilu kahdessa koulussa")
    first = brief.get_by_role("textbox", name="Ensimmäinen kokeilu tai pilotti")
    first.fill("Kokeilu yhdessä koulussa syksyllä")
    first.press("Tab")
    expect(_brief(desk, SCHOOL).get_by_role("textbox", name="Ensimmäinen kokeilu tai pilotti")).to_have_value(
        "Kokeilu yhdessä koulussa syksyllä")
    mine.press("Tab")
    expect(other.get_by_role("alert").filter(has_text="Toinen välilehti muutti")).to_be_visible()
    expect(_brief(other, SCHOOL).locator("pre.rejected-text")).to_have_text("Kokeilu kahdessa koulussa")
    expect(_brief(other, SCHOOL).get_by_role("textbox", name="Ensimmäinen kokeilu tai pilotti")).to_have_value(
        "Kokeilu yhdessä koulussa syksyllä")

    # Ticks are stored, then shown (controlled by the server's copy): click, then see them ticked.
    for page in (desk, other):
        _brief(page, SCHOOL).locator("summary", has_text="Tavoite").click()
    for box in (brief.get_by_role("checkbox", name="Perheiden tuki"),
                brief.get_by_role("radio", name=re.compile("^Ennakoiva innovaatiotoiminta")),
                brief.get_by_role("checkbox", name="Osallisuus")):
        box.click()
        expect(box).to_be_checked()
    expect(_brief(other, SCHOOL).get_by_role("checkbox", name="Osallisuus")).to_be_checked()

    # A phone suggests; the facilitator takes it in to "Who must be involved".
    phone = join(new_context("phone"), base, code, "Nuori")
    phone_brief = phone.locator("section.brief").filter(has_text=SCHOOL).locator("xpath=..")
    phone_brief.get_by_role("textbox", name="Sinun ehdotuksesi tähän suunnitelmaan").fill("Oppilaskunta mukaan")
    phone_brief.get_by_role("button", name="Lähetä ehdotus").click()
    # "Sent" shows under the form used, where the teen is looking, not at the top of the page.
    expect(phone_brief.get_by_role("status")).to_have_text("Kiitos! Ehdotuksesi lähti vetäjälle.")
    expect(phone_brief.get_by_role("status")).to_be_in_viewport()
    expect(phone.locator(".brief-with-suggestion").get_by_role("status")).to_have_count(1)
    brief.locator("summary", has_text="Ehdotukset").click()
    suggestion = brief.locator("li").filter(has_text="Oppilaskunta mukaan")
    suggestion.get_by_role("combobox", name="Lisää kohtaan").select_option("involved")
    suggestion.get_by_role("button", name="Ota mukaan").click()
    expect(brief.get_by_role("textbox", name="Keiden pitää olla mukana")).to_have_value("Oppilaskunta mukaan")
    phone.screenshot(path=str(artifacts / "phone-develop-360.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    desk.screenshot(path=str(artifacts / "facilitator-develop-1280.png"), full_page=True)

    # Downloads from the facilitator's view: each through a one-time token, no key in any address.
    assert key not in desk.content()
    downloads = {}
    for label, fmt in (("Markdown", "md"), ("Word (DOCX)", "docx"), ("Aineisto taulukkoina (CSV, zip)", "csv"),
                       ("Aineisto (JSON)", "json")):
        with desk.expect_download() as done:
            desk.get_by_role("button", name=label).first.click()
        assert "key=" not in done.value.url and "token=" in done.value.url
        downloads[fmt] = done.value.path().read_bytes()
    with laptop.expect_page() as opened:
        desk.get_by_role("button", name=re.compile("^Tulostettava sivu")).first.click()
    printable = opened.value
    printable.wait_for_load_state()
    assert "key=" not in printable.url and "token=" in printable.url
    html = printable.content()
    assert desk.request.get(printable.url).status == 403  # used up
    markdown = downloads["md"].decode()
    for expected in (SCHOOL, "Nuoret tarvitsevat aikuisen", "Kokeilu yhdessä koulussa syksyllä",
                     "Perheiden tuki", "Osallisuus", "Ennakoiva innovaatiotoiminta", "Oppilaskunta mukaan"):
        assert expected in markdown and expected in html, expected
    assert downloads["docx"][:2] == b"PK" and downloads["csv"][:2] == b"PK"
    assert {"ideas.csv", "clusters.csv", "votes.csv", "participants_by_role.csv"} <= set(
        zipfile.ZipFile(io.BytesIO(downloads["csv"])).namelist())
    data = json.loads(downloads["json"])
    assert data["schema_version"] == 1 and data["briefs"][0]["need"].startswith("Nuoret tarvitsevat")

    # The read-only results link for project preparers.
    desk.locator("summary", has_text="Työkalut").click()  # rarely needed: in the tools
    desk.get_by_role("button", name="Tee uusi tulosten linkki").click()
    shown = desk.locator(".keys-panel .one-time-link").filter(has_text="/results/")
    expect(shown).to_have_text(re.compile(f"/results/{code}\\?open=[\\w-]+$"))
    results_link = shown.text_content()
    preparer = open_page(new_context("desktop").new_page(), results_link)
    expect(preparer.get_by_role("heading", name="Jatkokehitys")).to_be_visible()
    expect(preparer).to_have_url(re.compile(f"/results/{code}$"))  # the link left the address bar
    preparer.reload()  # ... and the key stayed in this browser
    expect(preparer.get_by_role("heading", name="Jatkokehitys")).to_be_visible()
    results_key = json.loads(preparer.evaluate("localStorage.getItem('entajos_results_keys')"))[code]
    assert results_key not in results_link
    # The link opened once: in another browser it opens nothing, and says so.
    again = open_page(new_context("desktop").new_page(), results_link)
    expect(again.get_by_role("alert")).to_contain_text("Tämä linkki on jo käytetty tai vanhentunut")
    expect(again.get_by_role("heading", name="Jatkokehitys")).to_have_count(0)
    assert_accessible(preparer, "results link page")
    with preparer.expect_download() as done:
        preparer.get_by_role("button", name="Markdown").click()
    assert SCHOOL in done.value.path().read_text()
    assert preparer.get_by_role("button").filter(has_text=re.compile("Tee|Poista")).count() == 0

    # Nothing without a one-time token: no key opens a download, not even the facilitator's.
    for url in (f"{base}/api/workshops/{code}/export.md", f"{base}/api/workshops/{code}/export.json?key=wrong",
                f"{base}/api/workshops/{code}/export.md?key={key}", f"{base}/api/workshops/{code}/export.md?token={key}",
                f"{base}/api/workshops/ZZZZZZ/export.md?key={key}"):
        refused = preparer.request.get(url)
        assert refused.status == 403 and SCHOOL not in refused.text(), url
    # A key in the address opens nothing any more (the results key itself included).
    keyed = open_page(new_context("desktop").new_page(), f"{base}/results/{code}?key={results_key}")
    expect(keyed.get_by_role("alert")).to_contain_text("Lataus vaatii")
    wrong = open_page(new_context("desktop").new_page(), f"{base}/results/{code}?key=wrong")
    expect(wrong.get_by_role("alert")).to_contain_text("Lataus vaatii")
