"""Names of the localStorage-backed vars a raw socket client sends on hydrate."""

from workshop.state.secrets import BrowserSecrets

KEYS = f"{BrowserSecrets.get_full_name()}.facilitator_keys_rx_state_"
TOKENS = f"{BrowserSecrets.get_full_name()}.participant_tokens_rx_state_"
