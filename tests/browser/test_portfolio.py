"""The SOILA portfolio in a real browser: a coordinator creates a portfolio; three workshops
in two regions join it (two created through the invitation link, one existing workshop by
pasting the invitation in the cockpit), each with briefs (seeded through the store: the
issue asks for the publishing to be clicked, not the workshop's phases); the facilitators
publish chosen briefs. The coordinator sees them in the matrix and the filters, filters
(the address holds the filter, never a key), sets a status, downloads DOCX and CSV and
reads them. The viewer link shows everything without controls; a wrong key sees nothing
and a wrong download token gets 403. axe-core at 360 and 1280 px; screenshots."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
import zipfile
from datetime import date

from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.axe import assert_accessible
from tests.browser.pages import created_link, one_time_link, open_page
from workshop.domain import voting as vote_rules
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import Opener, Role
from workshop.store import briefs, clusters, participants, portfolio, voting
from workshop.store.db import make_engine
from workshop.store.models import Brief, Idea, Participant, Workshop

TODAY = date.today().isoformat()
# (workshop title, region id, region name, roles of its people, its briefs: title, quadrant, goals, characteristics)
WORKSHOPS = (
    ("Tampereen nuoret", "pirkanmaa", "Pirkanmaa",
     [Role.YOUNG_PERSON] * 3 + [Role.PARENT] * 2,
     [("Kuraattori joka päivä", "enhancement", ["2"], ["everyday_life", "participation"]),
      ("Nuorten raati päättää", "anticipatory", ["1"], ["participation", "co_development"])]),
    ("Ammattilaisten ilta", "pirkanmaa", "Pirkanmaa",
     [Role.PROFESSIONAL] * 3,
     [("Perheillat kouluilla", "adaptive", ["2"], ["networks"])]),
    ("Lapin jälkihuolto", "lappi", "Lapland",
     [Role.YOUNG_PERSON] + [Role.PARENT] * 3,
     [("Oma koti jälkihuollossa", "mission_oriented", ["3"], ["everyday_life"]),
      ("Salainen luonnos", "enhancement", ["4"], [])]),
)
UNPUBLISHED = "Salainen luonnos"
NICKNAME = "Mikko-nimimerkki"


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


def _seed(database_url: str, code: str, roles: list[Role], made: list[tuple]) -> None:
    """People, one idea and one group per brief, a revealed vote (everyone's dot on the first
    group) and the briefs with their SOILA choices; the workshop in develop."""
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        people = [participants.join(session, workshop, NewParticipant(role, NICKNAME if n == 0 else None))
                  for n, role in enumerate(roles)]
        groups = []
        for title, *_ in made:
            idea = Idea(workshop_id=workshop.id, participant_id=people[0].id, kind="what_if", text=f"Entä jos {title}?")
            session.add(idea)
            session.flush()
            groups.append(clusters.create(session, workshop, title, [idea.id]))
        workshop.phase = "vote"
        voting.open_round(session, workshop, vote_rules.parse_round("cluster", 1, 1))
        session.flush()
        for person in people:
            voting.add_dot(session, workshop, session.get(Participant, person.id), groups[0].id)
        voting.reveal_round(session, workshop)
        for group, (title, quadrant, goals, characteristics) in zip(groups, made):
            brief = briefs.create_from(session, workshop, "cluster", group.id)
            briefs.set_text(session, workshop, brief.id, "need", f"Tarve: {title}", session.get(Brief, brief.id).need)
            briefs.set_choice(session, workshop, brief.id, "quadrant", quadrant, True)
            for goal in goals:
                briefs.set_choice(session, workshop, brief.id, "goal", goal, True)
            for characteristic in characteristics:
                briefs.set_choice(session, workshop, brief.id, "characteristic", characteristic, True)
        workshop.phase = "develop"
    engine.dispose()


def _create_workshop(page: Page, title: str, region: str) -> tuple[str, str]:
    """Fill in the home page's create form (English UI); the new workshop's code and facilitator link."""
    page.get_by_role("textbox", name="Workshop name").fill(title)
    page.get_by_role("combobox", name="Region (wellbeing services county)").select_option(region)
    page.get_by_label("Date the workshop is held").fill(TODAY)
    page.get_by_role("button", name="Create workshop").click()
    return created_link(page)


def _another_invitation(coordinator: Page) -> str:
    """One more one-time invitation link, from the coordinator's "Links and deleting"."""
    tools = coordinator.locator("details.tools").filter(has_text="Links and deleting")
    if not tools.evaluate("tools => tools.open"):
        tools.locator("summary").first.click()
    shown = tools.locator(".shown-once .one-time-link").filter(has_text="invite=")
    before = shown.text_content() if shown.count() else None
    tools.get_by_role("button", name="Invitation link for one more facilitator").click()
    expect(shown).to_have_text(re.compile(r"/\?invite=[A-Z0-9]+&open=[\w-]+$"))
    if before:
        expect(shown).not_to_have_text(before)
    return shown.text_content()


def _tools(desk: Page):
    """The cockpit's portfolio card, its Tools opened."""
    if not desk.locator("details#tools").evaluate("tools => tools.open"):
        desk.locator("#tools > summary").click()
    card = desk.get_by_test_id("portfolio-tools")
    expect(card).to_be_visible()
    return card


def _publish(desk: Page, titles: list[str]) -> None:
    card = _tools(desk)
    for title in titles:
        row = card.locator(".publish-row").filter(has_text=title)
        row.get_by_role("button", name="Publish").click()
        expect(row).to_contain_text("Published")


def test_a_portfolio_gathers_published_briefs_for_its_coordinator_and_viewers(app_server, new_context, artifacts):
    base = app_server.url
    coordinator = new_context("desktop").new_page()
    open_page(coordinator, f"{base}/?lang=en")
    coordinator.get_by_role("textbox", name="Portfolio name").fill("SOILA 2026")
    coordinator.get_by_role("button", name="Create portfolio").click()
    created = coordinator.get_by_test_id("portfolio-created")
    expect(created).to_contain_text("shown only this once")
    expect(created).to_contain_text("Each link opens once")
    links = {name: created.locator(f"#{name}-link").text_content() for name in ("coordinator", "viewer", "invitation")}
    code = re.search(r"/portfolio/([A-Z0-9]+)\?open=", links["coordinator"]).group(1)
    assert links["viewer"].startswith(f"{base}/portfolio/{code}?open=") and links["viewer"] != links["coordinator"]
    assert re.search(rf"/\?invite={code}&open=[\w-]+$", links["invitation"])
    assert len(created.get_by_role("button", name="Copy").all()) == 3
    coordinator_key = json.loads(coordinator.evaluate("localStorage.getItem('entajos_portfolio_keys')"))[code]
    assert not any(coordinator_key in link for link in links.values())
    coordinator.screenshot(path=str(artifacts / "portfolio-created-1280.png"), full_page=True)
    assert_accessible(coordinator, "the home page with a new portfolio's links, 1280 px")

    # Two workshops are created through one-time invitation links (the link leaves the address
    # at once; each facilitator gets one of their own) ...
    invitations = [links["invitation"]]
    open_page(coordinator, f"{base}/portfolio/{code}?lang=en")  # this browser keeps the coordinator key
    invitations += [_another_invitation(coordinator), _another_invitation(coordinator)]
    assert len(set(invitations)) == 3
    facilitator = new_context("desktop")
    desks = []
    for (title, region, _, roles, made), invitation in zip(WORKSHOPS[:2], invitations):
        page = open_page(facilitator.new_page(), invitation + "&lang=en")
        expect(page).to_have_url(f"{base}/")
        expect(page.get_by_test_id("invitation")).to_contain_text("SOILA 2026")
        workshop_code, desk_link = _create_workshop(page, title, region)
        _seed(app_server.database_url, workshop_code, roles, made)
        desks.append((open_page(page, desk_link + "&lang=en"), made))
    # ... and one existing workshop joins from its cockpit by pasting the invitation.
    title, region, _, roles, made = WORKSHOPS[2]
    elsewhere = new_context("desktop").new_page()
    open_page(elsewhere, f"{base}/?lang=en")
    expect(elsewhere.get_by_test_id("invitation")).to_have_count(0)
    workshop_code, desk_link = _create_workshop(elsewhere, title, region)
    _seed(app_server.database_url, workshop_code, roles, made)
    desk = open_page(elsewhere, desk_link + "&lang=en")
    card = _tools(desk)
    card.get_by_role("textbox", name="Invitation link").fill(links["invitation"])  # used already
    card.get_by_role("button", name="Join the portfolio").click()
    expect(card.get_by_role("alert")).to_contain_text("This link has been used already or has expired")
    card.get_by_role("textbox", name="Invitation link").fill(invitations[2])
    card.get_by_role("button", name="Join the portfolio").click()
    expect(card.get_by_test_id("membership")).to_contain_text("SOILA 2026")
    desks.append((desk, made[:1]))

    for desk, made in desks:
        _publish(desk, [brief[0] for brief in made])
    desk.get_by_test_id("portfolio-tools").screenshot(path=str(artifacts / "portfolio-cockpit-publish-1280.png"))
    assert_accessible(desk, "the cockpit with its portfolio card, 1280 px")

    # The coordinator sees the published briefs (and only those) in the matrix. The coordinator
    # link opened in the browser that already keeps its key: it opens the page, and is used up.
    page = open_page(coordinator, links["coordinator"] + "&lang=en")
    expect(page).to_have_url(f"{base}/portfolio/{code}")
    expect(page.get_by_test_id("portfolio-mode")).to_contain_text("coordinator")
    kept = json.loads(page.evaluate("localStorage.getItem('entajos_portfolio_keys')"))
    assert kept == {code: coordinator_key}
    matrix = page.locator("#matrix")
    for _, _, _, _, made in WORKSHOPS:
        for brief_title, quadrant, _, _ in made:
            if brief_title != UNPUBLISHED:
                expect(matrix.locator(f".quadrant[data-quadrant='{quadrant}']")).to_contain_text(brief_title)
    expect(page.get_by_text(UNPUBLISHED)).to_have_count(0)
    expect(page.get_by_text(NICKNAME)).to_have_count(0)
    expect(matrix.locator(".radical-figure")).to_have_text("50 %")
    expect(page.get_by_test_id("portfolio-brief")).to_have_count(4)

    # Filters: the region; the address holds the filter only, and opens the same view again.
    filters = page.locator("#filters")
    filters.locator("summary").filter(has_text="Region").click()
    filters.get_by_role("checkbox", name="Lapland").click()
    expect(filters.get_by_role("checkbox", name="Lapland")).to_be_checked()
    expect(page.get_by_test_id("portfolio-brief")).to_have_count(1)
    expect(page.get_by_test_id("portfolio-brief")).to_contain_text("Oma koti jälkihuollossa")
    expect(page).to_have_url(f"{base}/portfolio/{code}?region=lappi")
    filters.get_by_role("searchbox", name="Search the briefs").fill("koti")
    expect(page).to_have_url(re.compile(r"region=lappi&q=koti$"))
    shared = page.url
    assert "key" not in shared
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_test_id("portfolio-brief")).to_have_count(4)
    expect(filters.get_by_role("searchbox", name="Search the briefs")).to_have_value("")
    expect(page).to_have_url(f"{base}/portfolio/{code}")
    filters.locator("summary").filter(has_text="OECD quadrant").click()
    filters.get_by_role("checkbox", name=re.compile("^Adaptive")).click()
    expect(page.get_by_test_id("portfolio-brief")).to_have_count(1)
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_test_id("portfolio-brief")).to_have_count(4)

    # A status with a dated note.
    brief = page.get_by_test_id("portfolio-brief").filter(has_text="Perheillat kouluilla")
    brief.get_by_role("combobox", name="New status").select_option("in_preparation")
    brief.get_by_role("textbox", name="Note (dated today)").fill("Hankehaku syksyllä")
    brief.get_by_role("button", name="Save status").click()
    expect(brief.locator(".status-badge")).to_have_attribute("data-status", "in_preparation")
    expect(brief.locator(".brief-status")).to_contain_text("Hankehaku syksyllä")
    expect(brief.locator(".brief-status")).to_contain_text(TODAY)
    other = page.get_by_test_id("portfolio-brief").filter(has_text="Kuraattori joka päivä")
    expect(other.locator(".status-badge")).to_have_attribute("data-status", "new")
    # The vote result crossed with the brief (everyone of the workshop's five put a dot on it).
    expect(other).to_contain_text("5 dots · place 1 · 5 voters")

    # Downloads: DOCX and CSV, each through a one-time token, read back.
    with page.expect_download() as got:
        page.get_by_role("button", name="Report (Word, DOCX)").click()
    docx = got.value
    assert "key=" not in docx.url and "token=" in docx.url
    with zipfile.ZipFile(docx.path()) as archive:
        document = archive.read("word/document.xml").decode()
    for expected in ("SOILA 2026", "Perheillat kouluilla", "Oma koti jälkihuollossa", "Hankehaku syksyllä"):
        assert expected in document, expected
    assert UNPUBLISHED not in document and NICKNAME not in document
    assert _get(docx.url) == 403  # once only
    with page.expect_download() as got:
        page.get_by_role("button", name="Tables (CSV, zip)").click()
    with zipfile.ZipFile(io.BytesIO(open(got.value.path(), "rb").read())) as archive:
        tables = "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    for expected in ("Kuraattori joka päivä", "Perheillat kouluilla", "in_preparation"):
        assert expected in tables, expected
    assert UNPUBLISHED not in tables and NICKNAME not in tables

    page.screenshot(path=str(artifacts / "portfolio-coordinator-1280-full.png"), full_page=True)
    page.evaluate("window.scrollTo(0, 0)")
    for size, name in (({"width": 1280, "height": 720}, "1280x720"), ({"width": 1920, "height": 1080}, "1920x1080")):
        page.set_viewport_size(size)
        page.screenshot(path=str(artifacts / f"portfolio-coordinator-{name}.png"))
    page.set_viewport_size({"width": 1280, "height": 800})
    assert_accessible(page, "the portfolio, coordinator, 1280 px")
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "portfolio-print.png"), full_page=True)
    expect(page.locator("#filters")).to_be_hidden()
    page.emulate_media(media="screen")

    # The viewer link: everything, no controls.
    viewer = open_page(new_context("phone").new_page(), links["viewer"] + "&lang=en")
    expect(viewer.get_by_test_id("portfolio-mode")).to_contain_text("Viewer link")
    viewer_key = json.loads(viewer.evaluate("localStorage.getItem('entajos_portfolio_view_keys')"))[code]
    assert viewer_key not in links["viewer"] and viewer.evaluate("localStorage.getItem('entajos_portfolio_keys')") \
        in (None, "{}")
    # The viewer link opened once: in another browser it opens nothing, and says so.
    second = open_page(new_context("phone").new_page(), links["viewer"] + "&lang=en")
    expect(second.get_by_role("alert")).to_contain_text("This link has been used already or has expired")
    expect(second.locator("#matrix")).to_have_count(0)
    second.screenshot(path=str(artifacts / "portfolio-link-used-360.png"), full_page=True)
    assert_accessible(second, "the portfolio, a used one-time link, 360 px")
    expect(viewer.get_by_test_id("portfolio-brief")).to_have_count(4)
    expect(viewer.locator("#matrix")).to_contain_text("Nuorten raati päättää")
    expect(viewer.get_by_test_id("portfolio-brief").filter(has_text="Perheillat kouluilla")).to_contain_text(
        "Hankehaku syksyllä")
    expect(viewer.get_by_role("button", name="Save status")).to_have_count(0)
    expect(viewer.get_by_text("Links and deleting")).to_have_count(0)
    # The shared, filtered address opens the filtered view for a viewer too.
    open_page(viewer, shared)
    expect(viewer.get_by_test_id("portfolio-brief")).to_have_count(1)
    viewer.screenshot(path=str(artifacts / "portfolio-viewer-360.png"), full_page=True)
    viewer.locator("#matrix").screenshot(path=str(artifacts / "portfolio-matrix-360.png"))
    assert_accessible(viewer, "the portfolio, viewer, 360 px")
    viewer.get_by_role("button", name="Clear filters").click()
    expect(viewer.get_by_test_id("portfolio-brief")).to_have_count(4)
    assert viewer.evaluate("document.documentElement.scrollWidth") <= 360
    # "Forget this portfolio on this device", once confirmed: the viewer key is gone, the address opens nothing.
    viewer.locator("footer summary").filter(has_text="Forget this portfolio on this device").click()
    expect(viewer.locator("footer .confirm-question")).to_contain_text("forgets the portfolio's keys")
    viewer.locator("footer").get_by_role("button", name="Yes, forget").click()
    expect(viewer).to_have_url(f"{base}/")
    open_page(viewer, shared)
    expect(viewer.get_by_role("alert")).to_contain_text("key")
    expect(viewer.get_by_test_id("portfolio-brief")).to_have_count(0)

    # A wrong key: the page says so and offers nothing; a made-up token gets 403.
    stranger = open_page(new_context("phone").new_page(), f"{base}/portfolio/{code}?key=wrong-key&lang=en")
    expect(stranger.get_by_role("alert")).to_contain_text("key")
    expect(stranger.locator("#matrix")).to_have_count(0)
    expect(stranger.get_by_role("button", name=re.compile("Report|Save status|Clear|Make a new"))).to_have_count(0)
    assert "key=" not in stranger.url
    assert _get(f"{base}/api/portfolios/{code}/export.docx?token=wrong-key") == 403
    assert _get(f"{base}/api/portfolios/{code}/export.json?key={coordinator_key}") == 403


def test_a_new_coordinator_link_cuts_off_the_old_one(app_server, new_context, artifacts):
    """A leaked coordinator link: the coordinator makes a new one (after a confirmation); a
    browser holding the old link is refused on its next step and sees nothing, nor does one
    that opened a viewer link given out before; the rotating tab goes on with the new key,
    which it keeps."""
    engine = make_engine(app_server.database_url)
    with Session(engine) as session, session.begin():
        made = portfolio.create_portfolio(session, "SOILA Pohjois-Savo")
    engine.dispose()
    base, code = app_server.url, made.code

    def old_link() -> str:  # a one-time link for each device, as the coordinator hands them out
        return one_time_link(base, app_server.database_url, Opener.COORDINATOR, code, made.coordinator_key) + "&lang=en"

    page = open_page(new_context("desktop", viewport={"width": 1280, "height": 720}).new_page(), old_link())
    leaked_link = old_link()
    leaked = open_page(new_context("phone").new_page(), leaked_link)
    for tab in (page, leaked):
        expect(tab.get_by_test_id("portfolio-mode")).to_contain_text("coordinator")
    # A viewer link given out earlier (as a leaked coordinator link could), opened by a follower.
    follower = open_page(new_context("phone").new_page(), one_time_link(
        base, app_server.database_url, Opener.VIEWER, code, made.viewer_key) + "&lang=en")
    expect(follower.get_by_test_id("portfolio-mode")).to_contain_text("Viewer link")

    page.locator("summary").filter(has_text="Links and deleting").click()
    step = page.locator("details.confirm-step").filter(has_text="Make a new coordinator link…")
    expect(step.get_by_role("button", name="Yes, make a new coordinator link")).to_be_hidden()
    step.locator("summary").filter(has_text="Make a new coordinator link…").focus()
    page.keyboard.press("Enter")  # the confirmation step opens by keyboard
    expect(step).to_have_attribute("open", "")
    expect(step.get_by_text("The old coordinator link stops working at once")).to_be_visible()
    expect(step).to_contain_text("Viewer and invitation links given out earlier stop working too")
    page.screenshot(path=str(artifacts / "portfolio-rotate-confirm-1280x720.png"))
    page.get_by_role("button", name="Yes, make a new coordinator link").click()
    shown = page.get_by_role("status").filter(has_text="new coordinator link")
    new_link = shown.locator(".one-time-link").text_content()
    assert re.search(rf"/portfolio/{code}\?open=[\w-]+$", new_link)
    new_key = json.loads(page.evaluate("localStorage.getItem('entajos_portfolio_keys')"))[code]
    assert new_key != made.coordinator_key and new_key not in new_link
    expect(page.get_by_role("button", name="Copy")).to_be_visible()
    expect(page).to_have_url(f"{base}/portfolio/{code}")
    assert json.loads(page.evaluate("localStorage.getItem('entajos_portfolio_keys')")) == {code: new_key}
    page.get_by_role("button", name="Copy").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "portfolio-rotated-1280x720.png"))
    assert_accessible(page, "the portfolio, a new coordinator link shown, 1280 px")
    page.set_viewport_size({"width": 360, "height": 740})
    page.get_by_role("button", name="Copy").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "portfolio-rotated-360.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page, "the portfolio, a new coordinator link shown, 360 px")

    # The browser that held the old link: its next step is refused and the portfolio goes away.
    expect(leaked.get_by_test_id("portfolio-mode")).to_contain_text("coordinator")  # nothing pushed to it
    leaked.locator("summary").filter(has_text="Links and deleting").click()
    leaked.get_by_role("button", name="Make a new viewer link").click()
    expect(leaked.get_by_role("alert")).to_contain_text("key")
    expect(leaked.get_by_test_id("portfolio-mode")).to_have_count(0)
    expect(leaked.get_by_text("SOILA Pohjois-Savo")).to_have_count(0)
    leaked.screenshot(path=str(artifacts / "portfolio-old-coordinator-link-360.png"), full_page=True)
    assert leaked.evaluate("document.documentElement.scrollWidth") <= 360
    open_page(leaked, leaked_link)  # opening the old link again opens nothing either
    expect(leaked.get_by_role("alert")).to_contain_text("used already or has expired")
    expect(leaked.get_by_test_id("portfolio-mode")).to_have_count(0)

    # The viewer link given out earlier was renewed with it (red-team finding F2): the
    # follower's browser sees nothing of the portfolio any more.
    follower.reload()
    expect(follower.get_by_role("alert")).to_contain_text("key")
    expect(follower.get_by_test_id("portfolio-mode")).to_have_count(0)
    expect(follower.get_by_text("SOILA Pohjois-Savo")).to_have_count(0)

    # The rotating tab goes on: a new viewer link works, and a reload opens the portfolio.
    page.get_by_role("button", name="Make a new viewer link").click()
    expect(page.locator(".shown-once")).to_have_count(2)
    open_page(page, f"{base}/portfolio/{code}?lang=en")
    expect(page.get_by_test_id("portfolio-mode")).to_contain_text("coordinator")
