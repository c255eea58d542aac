"""Red-team round 2, finding F2: ``BrowserSecrets.forget_ended`` (what the "workshop ended"
notice calls) looked the page's code up for anyone and answered a missing code differently
from an existing one, uncounted and past the wrong-code limit: one socket tested about
1,000 codes a minute from an address the home page had already blocked.

Over raw sockets from addresses of their own (``fresh_address``): a browser holding nothing
for a code is answered the same for a workshop and for no workshop; a browser holding a
made-up token is too; made-up keys for codes that are no workshop cost a wrong code each, as
on the join page, and past the limit forget nothing, as for a workshop that exists, while
the home page then refuses the right code as well."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy.orm import Session

from benchmarks.reflex_socket import ReflexTab
from tests.asyncio_support import run
from tests.live.sockets import KEYS, TOKENS
from tests.live.test_abuse_limits import _limit, fresh_address
from workshop.domain.codes import CODE_ALPHABET
from workshop.domain.creation import NewWorkshop
from workshop.state.home import HomeState
from workshop.state.secrets import BrowserSecrets
from workshop.store import workshops

SECRETS = BrowserSecrets.get_full_name()
HOME = HomeState.get_full_name()
# Codes that no workshop of the test app has.
NO_WORKSHOPS = [f"XY{a}{b}KMNP" for a in CODE_ALPHABET[:6] for b in CODE_ALPHABET[:5]]
FAKE = "made-up-secret"


@pytest.fixture
def real_code(database) -> str:
    with Session(database) as session, session.begin():
        code = workshops.create_workshop(session, NewWorkshop(title="Secret", challenge="", language="fi")).code
    assert code not in NO_WORKSHOPS
    return code


async def _connected(tab: ReflexTab) -> ReflexTab:
    """``tab`` connected, hydrated and its page loaded (nothing of that left to arrive)."""
    await tab.connect()
    await tab.wait_for(SECRETS, "forgotten", lambda forgotten: forgotten is False)
    await asyncio.sleep(0.3)
    return tab


async def _answer(tab: ReflexTab, path: str) -> dict[str, object]:
    """Call what the ended notice calls, from ``path``; the values of this browser's secrets
    the answer changed (the answer carries the page's path, so it is known to be in)."""
    tab.path = path
    tab.updates.clear()
    await tab.send(f"{SECRETS}.forget_ended")
    for _ in range(250):
        if path in json.dumps([update for _, update in tab.updates]):
            break
        await asyncio.sleep(0.02)
    else:
        raise TimeoutError(f"no answer from {path}")
    changed: dict[str, object] = {}
    for _, update in tab.updates:
        changed |= {name.removesuffix("_rx_state_"): value
                    for name, value in update.get("delta", {}).get(SECRETS, {}).items()}
    return changed


def test_a_browser_holding_nothing_or_a_made_up_token_learns_nothing_of_a_code(running_app, real_code):
    async def scenario() -> dict[str, list[dict[str, object]]]:
        source = fresh_address()
        empty = ReflexTab(running_app.url, "/", source=source)
        await _connected(empty)
        answers = {"nothing": [await _answer(empty, f"{route}{code}")
                               for code in (real_code, *NO_WORKSHOPS[:3]) for route in ("/w/", "/facilitate/")]}
        await empty.close()
        answers["token"] = []
        for code in (real_code, NO_WORKSHOPS[3]):
            phone = ReflexTab(running_app.url, "/", storage={TOKENS: json.dumps({code: FAKE})}, source=source)
            await _connected(phone)
            answers["token"].append(await _answer(phone, f"/w/{code}"))
            await phone.close()
        return answers

    answers = run(scenario())
    assert answers["nothing"] == [{}] * 8
    # A token that proves nobody goes, for a workshop and for none alike; nothing else changes.
    assert answers["token"] == [{"participant_tokens": "{}", "forgotten": True}] * 2


def test_made_up_keys_count_as_wrong_codes_and_tell_nothing_past_the_limit(running_app, real_code):
    allowed = _limit("join_code_guesses")
    wrong, blocked = NO_WORKSHOPS[4:4 + allowed], NO_WORKSHOPS[4 + allowed]

    async def scenario() -> tuple[list[dict[str, object]], dict[str, object], dict[str, object], str, str]:
        source = fresh_address()
        keys = json.dumps({code: FAKE for code in (*wrong, blocked, real_code)})
        guesser = ReflexTab(running_app.url, "/", storage={KEYS: keys}, source=source)
        await _connected(guesser)
        counted = [await _answer(guesser, f"/facilitate/{code}") for code in wrong]
        exists = await _answer(guesser, f"/facilitate/{real_code}")
        past_limit = await _answer(guesser, f"/facilitate/{blocked}")
        await guesser.close()
        home = await _connected(ReflexTab(running_app.url, "/", source=source))
        home.updates.clear()
        await home.send(f"{HOME}.join", form={"code": real_code})  # right, but too late
        refused = await home.wait_for(HOME, "join_error", lambda _: True)  # "": let in
        await home.close()
        other = ReflexTab(running_app.url, "/", source=fresh_address())
        await other.connect()
        await other.send(f"{HOME}.join", form={"code": NO_WORKSHOPS[-1]})
        elsewhere = await other.wait_for(HOME, "join_error", bool)
        await other.close()
        return counted, exists, past_limit, refused, elsewhere

    counted, exists, past_limit, refused, elsewhere = run(scenario())
    # Below the limit a deleted workshop's keys go (the join page, too, tells a code is no
    # workshop there), each one a wrong code.
    assert counted[0]["forgotten"] is True
    assert all(code not in json.loads(answer["facilitator_keys"]) for code, answer in zip(wrong, counted))
    # An existing workshop's made-up key stays, and past the limit nothing is looked up: the same answer.
    assert exists == {} and past_limit == exists
    assert refused == "limits.too_many_guesses"
    assert elsewhere == "errors.code_unknown"  # another address is not blocked
