"""Raw socket tabs for the live tests: a phone or the facilitator's laptop of one workshop,
with the secret their browser would hold, and a refusal read back from a handler."""

import json

from benchmarks.reflex_socket import ReflexTab
from workshop.state.secrets import BrowserSecrets

# The localStorage-backed vars a raw socket client sends on hydrate.
KEYS = f"{BrowserSecrets.get_full_name()}.facilitator_keys_rx_state_"
TOKENS = f"{BrowserSecrets.get_full_name()}.participant_tokens_rx_state_"


def phone_tab(app, code: str, token: str) -> ReflexTab:
    """A participant's phone on ``/w/CODE`` holding ``token``."""
    return ReflexTab(app.url, f"/w/{code}", storage={TOKENS: json.dumps({code: token})})


def facilitator_tab(app, code: str, key: str) -> ReflexTab:
    """The facilitator's view of ``code`` in a browser holding ``key``."""
    return ReflexTab(app.url, f"/facilitate/{code}", storage={KEYS: json.dumps({code: key})})


async def refusal(tab: ReflexTab, state: str, handler: str, *, notice: str = "notice", **payload) -> str:
    """Call a handler and return the catalog key of the refusal it answers with (in the
    state's var ``notice``; the data controls answer in ``data_notice``)."""
    tab.updates.clear()
    await tab.send(f"{state}.{handler}", **payload)
    return await tab.wait_for(state, notice, bool)


def workshop_with_brief(session, brief_title: str):
    """A new workshop (in the session's transaction) with one parent, one idea and one brief
    drafted from a group of that idea: (the workshop's CreatedWorkshop, its Workshop, the brief's id)."""
    from workshop.domain.creation import NewWorkshop
    from workshop.domain.participation import NewParticipant
    from workshop.domain.vocabulary import Role
    from workshop.store import briefs, clusters, participants, workshops
    from workshop.store.models import Idea, Workshop

    created = workshops.create_workshop(session, NewWorkshop(title="Paja", challenge="", language="fi"))
    workshop = session.get(Workshop, created.id)
    person = participants.join(session, workshop, NewParticipant(Role.PARENT, None))
    idea = Idea(workshop_id=workshop.id, participant_id=person.id, kind="what_if", text="Entä jos?")
    session.add(idea)
    session.flush()
    brief = briefs.create_from(session, workshop, "cluster", clusters.create(session, workshop, brief_title, [idea.id]).id)
    return created, workshop, brief.id


def what_if_room(engine, title: str) -> tuple[str, str, str, int]:
    """A new workshop in the what-if phase with one prompt and one participant (committed):
    (code, facilitator key, the participant's token, the prompt's id)."""
    from sqlalchemy.orm import Session

    from workshop.domain.creation import NewWorkshop
    from workshop.domain.participation import NewParticipant
    from workshop.domain.vocabulary import Role
    from workshop.store import participants, workshops
    from workshop.store.models import Prompt, Workshop

    with Session(engine) as session, session.begin():
        created = workshops.create_workshop(session, NewWorkshop(title=title, challenge="", language="fi"))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "what_if"
        prompt = Prompt(workshop_id=workshop.id, kind="what_if", text="Entä jos?", position=0)
        session.add(prompt)
        joined = participants.join(session, workshop, NewParticipant(Role.PARENT, None))
        session.flush()
        return created.code, created.facilitator_key, joined.token, prompt.id


def log_size(app) -> int:
    """Where the running app's log ends now (for :func:`log_since`)."""
    return app.log_path.stat().st_size


def log_since(app, offset: int) -> str:
    """What the running app logged after ``offset``."""
    with app.log_path.open("rb") as log:
        log.seek(offset)
        return log.read().decode(errors="replace")
