"""The facilitator's cockpit in every phase, at 1280×720 and at 360×640: "Next" and the timer
lie inside the first viewport, also after scrolling to the bottom (the bar is sticky); the
page never scrolls sideways at 360 px; axe-core finds no violation. The timer pauses, gains a
minute and resets; the guide shows the phase on now; answers filter by kind and prompt."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from tests.browser.axe import violations
from tests.browser.pages import one_time_link, open_page, screen_link
from workshop.domain import voting as rules
from workshop.domain.creation import NewWorkshop
from workshop.domain.decks import load_decks
from workshop.domain.guide import load_guides
from workshop.domain.participation import NewParticipant
from workshop.domain.vocabulary import PHASE_ORDER, Opener, Role
from workshop.store import briefs, clusters, participants, voting, workshops
from workshop.store.db import PROMPTS_DIR, make_engine
from workshop.store.models import Idea, Participant, Prompt, Workshop

DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 360, "height": 640}
TITLE = "Nuorten tulevaisuuspaja Kallion nuorisotalolla"
NEXT = re.compile("^Seuraava:")


def _full_workshop(database_url: str) -> dict:
    """A lobby with the bundled deck, 40 answers (critique and what-if), 6 groups of what-ifs,
    a revealed vote and two briefs: every phase has plenty to scroll past."""
    engine = make_engine(database_url)
    deck = load_decks(PROMPTS_DIR).find("radical-child-welfare", "fi")
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(
            session, NewWorkshop(title=TITLE, challenge="Miten lastensuojelu toimisi paremmin?", language="fi"), deck)
        workshop = session.get(Workshop, created.id)
        people = [participants.join(session, workshop, NewParticipant(role, None))
                  for role in (Role.YOUNG_PERSON, Role.YOUNG_PERSON, Role.PARENT, Role.PROFESSIONAL)]
        prompts = session.query(Prompt).filter_by(workshop_id=workshop.id).order_by(Prompt.position).all()
        critique = [p for p in prompts if p.kind == "critique"]
        what_if = [p for p in prompts if p.kind == "what_if"]
        rows = []
        for i in range(40):
            kind, pool = ("critique", critique) if i % 3 == 0 else ("what_if", what_if)
            text = (f"Idea numero {i}: nuorelle tuttu aikuinen, joka vastaa viestiin samana päivänä"
                    if kind == "what_if" else f"Huoli {i}: apu tulee liian myöhään ja jonot ovat pitkät")
            rows.append(Idea(workshop_id=workshop.id, participant_id=people[i % 4].id, kind=kind, text=text,
                             prompt_id=pool[i % len(pool)].id if i % 7 else None))
        session.add_all(rows)
        session.flush()
        # Only answers on the board can be grouped: critique stays hidden (and off it) until
        # revealed, so the groups hold what-if answers, four each.
        board = [r for r in rows if r.kind == "what_if"]
        groups = [clusters.create(session, workshop, f"Ryhmä {n}: tuki kotiin nopeasti",
                                  [r.id for r in board[n * 4:(n + 1) * 4]]) for n in range(6)]
        workshop.phase = "vote"
        voting.open_round(session, workshop, rules.parse_round("cluster", 3, 2))
        session.flush()
        for person in people:
            for item in groups[:3]:
                voting.add_dot(session, workshop, session.get(Participant, person.id), item.id)
        voting.reveal_round(session, workshop)
        briefs.create_from_top(session, workshop)
        workshop.phase = "lobby"
        result = {"code": created.code, "key": created.facilitator_key}
    engine.dispose()
    return result


def _in_view(page: Page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= 0 and box["y"] >= 0, f"{selector} at {box} starts outside the viewport {size}"
    assert box["x"] + box["width"] <= size["width"] + 0.5, f"{selector} at {box} overflows {size}"
    assert box["y"] + box["height"] <= size["height"] + 0.5, f"{selector} at {box} is below the fold of {size}"


def _check_phase(page: Page, phase: str, artifacts, problems: list[str]) -> None:
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.evaluate("window.scrollTo(0, 0)")
        where = f"{phase} at {size['width']}×{size['height']}"
        _in_view(page, "#cockpit-next")
        _in_view(page, "#cockpit-timer")
        page.screenshot(path=str(artifacts / f"cockpit-{phase}-{size['width']}.png"))
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_timeout(50)
        _in_view(page, "#cockpit-next")
        _in_view(page, "#cockpit-timer")
        if size == PHONE:
            # Everything folded (tools, answers, a brief's parts) must fit too: open it all.
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{where}: the page is {width} px wide"
        page.evaluate("window.scrollTo(0, 0)")
        problems.extend(f"{where}: {v}" for v in violations(page))
        page.screenshot(path=str(artifacts / f"cockpit-{phase}-{size['width']}-full.png"), full_page=True)


def test_the_cockpit_in_every_phase(app_server, new_context, artifacts):
    room = _full_workshop(app_server.database_url)
    desk = open_page(new_context("desktop", viewport=DESKTOP).new_page(),
                     one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, room["code"], room["key"]))
    expect(desk.locator(".cockpit")).to_contain_text(TITLE)
    problems: list[str] = []
    for index, phase in enumerate(PHASE_ORDER):
        expect(desk.locator(".cockpit")).to_have_attribute("data-phase", phase.value)
        current = desk.locator(".step[aria-current='step']")
        expect(current).to_have_count(1)
        expect(current).to_contain_text("käynnissä")  # in words, not colour only
        # The guide for the phase on now.
        expect(desk.locator("details.guide")).to_have_count(1)
        expect(desk.locator("details.guide summary")).to_contain_text("min")
        # While the phase's notes wait for a reveal, the bar offers it as its main action.
        reveal = desk.get_by_test_id("cockpit-reveal")
        if phase.value == "critique":
            expect(reveal).to_contain_text("Näytä kritiikit kaikille")
            expect(reveal).to_contain_text("14 vastausta näkyy muille vasta, kun näytät ne")
        else:
            expect(reveal).to_have_count(0)
        _check_phase(desk, phase.value, artifacts, problems)
        desk.set_viewport_size(DESKTOP)
        if phase.value == "critique":
            reveal.get_by_role("button", name="Näytä kritiikit kaikille").click()
            expect(reveal).to_have_count(0)
        if index + 1 < len(PHASE_ORDER):
            following = desk.locator(".step").nth(index + 1).locator(".step-name").inner_text()
            nxt = desk.get_by_role("button", name=NEXT)
            expect(nxt).to_contain_text(following)
            nxt.click()
    # The last phase: "Next" is disabled and says why.
    nxt = desk.get_by_role("button", name=NEXT)
    expect(nxt).to_be_disabled()
    expect(desk.locator("#last-phase-note")).to_have_text("Tämä on viimeinen vaihe.")
    assert not problems, f"axe-core: {len(problems)} violation(s)\n" + "\n".join(problems)


def test_timer_controls_and_answer_filters(app_server, new_context, artifacts):
    room = _full_workshop(app_server.database_url)
    desk = open_page(new_context("desktop", viewport=DESKTOP).new_page(),
                     one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, room["code"], room["key"]))
    time = desk.locator("#cockpit-timer .cockpit-time")
    expect(time).to_have_text("0:00")
    desk.get_by_role("combobox", name="Minuuttia").select_option("2")
    desk.get_by_role("button", name="Käynnistä", exact=True).click()
    expect(time).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
    desk.get_by_role("button", name="Tauko").click()
    expect(desk.locator("#cockpit-timer")).to_contain_text("tauolla")
    paused = time.inner_text()
    desk.wait_for_timeout(1500)
    assert time.inner_text() == paused  # stands still
    desk.get_by_role("button", name="+1 min").click()
    expect(time).to_have_text(re.compile(r"^(3:00|2:5\d)$"))
    desk.get_by_role("button", name="Jatka").click()
    expect(desk.locator("#cockpit-timer")).not_to_contain_text("tauolla")
    desk.get_by_role("button", name="Nollaa").click()
    expect(time).to_have_text("0:00")

    # Answers in the what-if phase: one row each, filtered by kind and by prompt.
    desk.get_by_role("button", name=re.compile("^Entä jos")).first.click()
    rows = desk.locator(".mod-row")
    expect(rows).to_have_count(40)
    desk.get_by_role("combobox", name="Laji").select_option("critique")
    expect(rows).to_have_count(14)
    desk.get_by_role("combobox", name="Laji").select_option("")
    desk.get_by_role("combobox", name="Kysymys").select_option(label="Kritiikki: Muu kritiikki (ei kysymystä)")
    expect(rows).to_have_count(2)  # answers 0 and 21: critique, no prompt
    expect(desk.get_by_role("combobox", name="Kysymys").locator("option", has_text="Muu idea (ei kysymystä)")) \
        .to_have_count(1)
    row = rows.first
    row.get_by_role("button", name="Piilota").press("Enter")  # by keyboard
    expect(row).to_have_class(re.compile("mod-row--hidden"))
    expect(row).to_contain_text("piilotettu")
    row.get_by_role("button", name="Palauta näkyviin").press("Enter")
    expect(row).not_to_have_class(re.compile("mod-row--hidden"))
    desk.screenshot(path=str(artifacts / "cockpit-answers-filtered-1280.png"))

    # The guide folds away; the next phase opens its own.
    guide = desk.locator("details.guide")
    expect(guide).to_contain_text("Hullutkin ideat ovat hyviä")
    guide.locator("summary").click()
    expect(guide).not_to_have_attribute("open", "")
    expect(guide.get_by_text("Hullutkin ideat ovat hyviä")).to_be_hidden()
    desk.get_by_role("button", name=NEXT).click()
    expect(desk.locator("details.guide")).to_have_attribute("open", "")
    expect(desk.locator("details.guide")).to_contain_text("Lue kolme ideaa ääneen")

    # The lock shows in the bar in words, not only as a pressed button.
    lock = desk.get_by_role("button", name="Lukitse vastaaminen")
    lock.click()
    expect(lock).to_have_attribute("aria-pressed", "true")
    expect(desk.locator(".cockpit-locked")).to_have_text(re.compile("Lukittu"))

    # 360 px: the rest of the bar is one tap away.
    desk.set_viewport_size(PHONE)
    more = desk.get_by_role("button", name="Lisää")
    expect(desk.get_by_role("button", name=re.compile("^Ryhmittely"))).to_be_hidden()
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(desk.get_by_role("button", name=re.compile("^Ryhmittely"))).to_be_visible()
    expect(desk.get_by_role("button", name="Lukitse vastaaminen")).to_be_visible()
    desk.screenshot(path=str(artifacts / "cockpit-more-open-360.png"))


def test_the_guide_starts_closed_on_a_phone_and_opens_by_keyboard(app_server, new_context, artifacts):
    """At 360 px the guide would push the phase's work below the fold: it starts folded (its
    summary a button that says which phase and how long), opens by keyboard, and a new
    phase starts folded again. On a desktop it starts open beside the work."""
    engine = make_engine(app_server.database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title=TITLE, challenge="", language="fi"))
    engine.dispose()
    def address() -> str:  # a one-time link for each device
        return one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, created.code,
                             created.facilitator_key)

    desk = open_page(new_context("desktop", viewport=DESKTOP).new_page(), address())
    expect(desk.locator("details.guide")).to_have_attribute("open", "")
    phone = open_page(new_context("phone", viewport=PHONE).new_page(), address())
    guide = phone.locator("details.guide")
    expect(guide).to_have_count(1)
    expect(guide).not_to_have_attribute("open", "")
    summary = guide.locator("summary")
    expect(summary).to_contain_text("min")
    phone.screenshot(path=str(artifacts / "cockpit-guide-closed-360.png"))
    summary.focus()
    phone.keyboard.press("Enter")
    expect(guide).to_have_attribute("open", "")
    expect(guide.locator(".guide-say")).to_be_visible()
    phone.keyboard.press("Enter")
    expect(guide).not_to_have_attribute("open", "")
    phone.get_by_role("button", name=NEXT).click()
    expect(phone.locator(".cockpit")).to_have_attribute("data-phase", "critique")
    expect(phone.locator("details.guide")).not_to_have_attribute("open", "")


def _overlap(page: Page, first: str, second: str) -> float:
    """How many pixels wide ``first`` and ``second`` overlap (0: they don't)."""
    a, b = page.locator(first).bounding_box(), page.locator(second).bounding_box()
    assert a is not None and b is not None
    across = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    down = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return across if across > 0 and down > 0 else 0.0


def test_the_phase_name_stays_clear_of_the_timer_in_every_language(app_server, new_context, artifacts):
    """At 360 px the bar holds the phase's name, the timer and "More" on one row: in each
    language and phase the name stays whole and in its own place ("Vidareutveckling" is the
    longest), never under the timer or cut off at the screen's edge. The folded guide's heading
    wraps beside its arrow."""
    engine = make_engine(app_server.database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title=TITLE, challenge="", language="fi"))
    engine.dispose()
    phone = open_page(new_context("phone", viewport=PHONE).new_page(),
                      one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, created.code,
                                    created.facilitator_key))
    problems = []
    languages = ("sv", "en", "fi")
    for index, phase in enumerate(PHASE_ORDER):
        expect(phone.locator(".cockpit")).to_have_attribute("data-phase", phase.value)
        for language in languages:
            phone.get_by_test_id(f"language-{language}").click()
            expect(phone.get_by_test_id(f"language-{language}")).to_have_attribute("aria-pressed", "true")
            name = phone.locator(".cockpit-phase")
            clipped = name.evaluate("e => e.scrollWidth > e.clientWidth + 1")
            for other in ("#cockpit-timer", ".cockpit-more-button"):
                if (pixels := _overlap(phone, ".cockpit-phase", other)) > 0:
                    problems.append(f"{language} {phase.value}: the phase name overlaps {other} by {pixels:.0f} px")
            if clipped:
                problems.append(f"{language} {phase.value}: the phase name is cut off")
            # The guide's folded heading wraps beside its arrow, not under an arrow alone.
            below = phone.locator(".guide-summary").evaluate("""s => {
                const text = document.createTreeWalker(s, NodeFilter.SHOW_TEXT).nextNode();
                const range = document.createRange();
                range.selectNodeContents(text);
                const style = getComputedStyle(s);
                return range.getClientRects()[0].top - s.getBoundingClientRect().top - parseFloat(style.paddingTop);
            }""")
            if below > 12:
                problems.append(f"{language} {phase.value}: the guide's heading starts below its arrow")
            if phase.value in ("critique", "develop"):
                phone.screenshot(path=str(artifacts / f"cockpit-{phase.value}-360-{language}.png"))
        if index + 1 < len(PHASE_ORDER):
            phone.locator("#cockpit-next").click()
    assert not problems, "\n".join(problems)


def test_no_phase_name_breaks_inside_a_word_beside_the_locked_badge(app_server, new_context, artifacts):
    """With answering locked, the badge sits beside the phase's name at 360 px: the badge goes
    to the next line rather than the name breaking inside a word ("Ryhmi / ttely")."""
    engine = make_engine(app_server.database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title=TITLE, challenge="", language="fi"))
        session.get(Workshop, created.id).input_locked = True
    engine.dispose()
    phone = open_page(new_context("phone", viewport=PHONE).new_page(),
                      one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, created.code,
                                    created.facilitator_key))
    problems = []
    for index, phase in enumerate(PHASE_ORDER):
        expect(phone.locator(".cockpit")).to_have_attribute("data-phase", phase.value)
        expect(phone.locator(".cockpit-locked")).to_be_visible()
        for language in ("fi", "sv", "en"):
            phone.get_by_test_id(f"language-{language}").click()
            expect(phone.get_by_test_id(f"language-{language}")).to_have_attribute("aria-pressed", "true")
            broken = phone.locator(".cockpit-phase").evaluate("""e => {
                const broken = [];
                const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const match of node.data.matchAll(/\\S+/g)) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                        if (tops.size > 1) broken.push(match[0]);
                    }
                }
                return broken;
            }""")
            if broken:
                problems.append(f"{language} {phase.value}: {broken} broken across lines")
            if phase.value == "group" and language == "fi":
                phone.screenshot(path=str(artifacts / "cockpit-group-locked-360.png"))
        if index + 1 < len(PHASE_ORDER):
            phone.locator("#cockpit-next").click()
    assert not problems, "\n".join(problems)


def test_the_answers_list_shows_this_phases_newest_answers_first(app_server, new_context):
    """With 30 people typing, the facilitator moderates what just arrived: in the what-if
    phase the what-if answers come first, newest first, and the notes of the critique phase
    before after them (they came first, oldest first, pushing new answers down)."""
    engine = make_engine(app_server.database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title=TITLE, challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        person = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        prompt = Prompt(workshop_id=workshop.id, kind="what_if", text="Entä jos koulu?", position=0)
        session.add(prompt)
        session.flush()
        for kind, text in (("critique", "Huoli yksi"), ("critique", "Huoli kaksi"), ("what_if", "Idea A"),
                           ("what_if", "Idea B"), ("what_if", "Idea C")):
            session.add(Idea(workshop_id=workshop.id, participant_id=person.id, kind=kind, text=text,
                             prompt_id=prompt.id if kind == "what_if" else None))
            session.flush()
        workshop.phase = "what_if"
    engine.dispose()
    desk = open_page(new_context("desktop", viewport=DESKTOP).new_page(),
                     one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, created.code,
                                   created.facilitator_key))
    rows = desk.locator(".mod-row .idea-text")
    expect(rows).to_have_count(5)
    assert rows.all_inner_texts() == ["Idea C", "Idea B", "Idea A", "Huoli kaksi", "Huoli yksi"]


def test_the_timer_offers_the_guides_time_and_stops_at_a_new_phase(app_server, new_context, artifacts):
    """The minutes offered first are the phase's time in the guide beside them (read from the
    same files as the guide's "· 15 min"), afresh in every phase; starting with them counts
    that long. Next, Back and a jump on the stepper each stop a running or paused countdown."""
    engine = make_engine(app_server.database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title=TITLE, challenge="", language="fi"))
    engine.dispose()
    library = load_guides(PROMPTS_DIR / "guide")
    suggested = {s.phase.value: s.minutes for s in library.find("fi").steps}
    assert len(set(suggested.values())) >= 3  # the guide gives phases different times
    desk = open_page(new_context("desktop", viewport=DESKTOP).new_page(),
                     one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, created.code,
                                   created.facilitator_key))
    minutes = desk.get_by_role("combobox", name="Minuuttia")
    time = desk.locator("#cockpit-timer .cockpit-time")
    for index, phase in enumerate(PHASE_ORDER):
        expect(desk.locator(".cockpit")).to_have_attribute("data-phase", phase.value)
        expect(desk.locator("details.guide summary")).to_contain_text(f"· {suggested[phase.value]} min")
        expect(minutes).to_have_value(str(suggested[phase.value]))
        if phase.value == "what_if":
            desk.screenshot(path=str(artifacts / "cockpit-timer-suggested-1280.png"))
        if index + 1 < len(PHASE_ORDER):
            desk.locator("#cockpit-next").click()

    # In the what-if phase (15 min in the guide): the default starts 15 minutes.
    desk.locator(".step[data-phase='what_if']").click()
    expect(desk.locator(".cockpit")).to_have_attribute("data-phase", "what_if")
    expect(minutes).to_have_value(str(suggested["what_if"]))
    desk.get_by_role("button", name="Käynnistä", exact=True).click()
    whole = suggested["what_if"]
    expect(time).to_have_text(re.compile(rf"^({whole}:00|{whole - 1}:5\d)$"))
    # Next: no countdown, and the next phase's own time offered.
    desk.locator("#cockpit-next").click()
    expect(desk.locator(".cockpit")).to_have_attribute("data-phase", "group")
    expect(time).to_have_text("0:00")
    expect(minutes).to_have_value(str(suggested["group"]))
    # A paused countdown, then Back.
    minutes.select_option("2")
    desk.get_by_role("button", name="Käynnistä", exact=True).click()
    desk.get_by_role("button", name="Tauko").click()
    expect(desk.locator("#cockpit-timer")).to_contain_text("tauolla")
    desk.locator(".cockpit-back").click()
    expect(desk.locator(".cockpit")).to_have_attribute("data-phase", "what_if")
    expect(time).to_have_text("0:00")
    expect(desk.locator("#cockpit-timer")).not_to_contain_text("tauolla")
    expect(minutes).to_have_value(str(suggested["what_if"]))
    # A running countdown on the big screen too, then a jump to the end: the thank-you
    # screen shows no countdown.
    desk.get_by_role("button", name="Käynnistä", exact=True).click()
    expect(time).not_to_have_text("0:00")
    screen = open_page(new_context("desktop", viewport=DESKTOP).new_page(), screen_link(desk))
    expect(screen.get_by_role("timer")).to_have_count(1)
    desk.locator(".step[data-phase='results']").click()
    expect(desk.locator(".cockpit")).to_have_attribute("data-phase", "results")
    expect(time).to_have_text("0:00")
    expect(screen.locator("[data-phase='results']").first).to_be_visible()
    expect(screen.get_by_role("timer")).to_have_count(0)


def test_the_vote_phase_offers_to_open_the_vote_until_one_is_opened(app_server, new_context, artifacts):
    """Review round 2, #8: entering the vote phase opens no vote, and 'Next' could skip it. Until
    a round is opened, the bar's main action opens one with the workshop's settings, and says
    which; 'Next' turns secondary. Once a round is open, the call is gone."""
    engine = make_engine(app_server.database_url)
    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title="Äänestys", challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        person = participants.join(session, workshop, NewParticipant(Role.YOUNG_PERSON, None))
        ideas = [Idea(workshop_id=workshop.id, participant_id=person.id, kind="what_if", text=f"Idea {n}")
                 for n in range(4)]
        session.add_all(ideas)
        session.flush()
        clusters.create(session, workshop, "Koulu", [ideas[0].id, ideas[1].id])
        clusters.create(session, workshop, "Koti", [ideas[2].id, ideas[3].id])
        workshop.phase = "vote"
        code, key = created.code, created.facilitator_key
    engine.dispose()
    desk = open_page(new_context("desktop", viewport=DESKTOP).new_page(),
                     one_time_link(app_server.url, app_server.database_url, Opener.FACILITATOR, code, key))
    call = desk.get_by_test_id("cockpit-vote-call")
    expect(call).to_contain_text("Ideoiden ryhmät · 5 pistettä")
    expect(desk.locator("#cockpit-next")).to_have_class(re.compile("button--secondary"))
    desk.screenshot(path=str(artifacts / "cockpit-vote-call-1280.png"))
    call.get_by_role("button", name="Aloita äänestys").click()
    expect(desk.get_by_text("Äänestys on auki").first).to_be_visible()
    expect(call).to_have_count(0)
    expect(desk.locator("#cockpit-next")).to_have_class(re.compile("button--primary"))
