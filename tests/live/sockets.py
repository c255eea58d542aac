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
