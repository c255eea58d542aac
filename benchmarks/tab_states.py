"""``make bench`` (part): what one keyless address can make a worker hold by opening tabs.

Red-team round 3, F1: Reflex keeps a state tree per tab token in the worker's memory for an
hour after the tab's last event, socket open or closed. One client address opens fresh tabs
(connect with a new token, load a page with 4 KB browser-kept values, close after 50 ms),
100 at a time, and the worker's resident memory (every process of the app) is read as it
goes. Three apps in the same run, side by side:

- **before**: tab states kept an hour and no limit on new sockets (what Reflex did alone);
- **grace only**: closed tabs' states dropped after ``TAB_STATE_GRACE_SECONDS`` (30);
- **as shipped**: that, and ``CONNECTIONS_PER_ADDRESS`` (1200/minute).

Resident memory does not shrink when Python frees objects (its allocator keeps the pages
for reuse): the figure to read is whether it keeps growing with the tabs opened.
"""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.reflex_socket import ReflexTab
from tests.browser.app_server import start_app, stop_app
from workshop.state.secrets import BrowserSecrets

TABS = 6000
AT_ONCE = 100
CHECKPOINTS = (2000, 4000, 6000)
KEPT = {f"{BrowserSecrets.get_full_name()}.{name}_rx_state_": "{" + '"x":"' + "y" * 4000 + '"}'
        for name in ("facilitator_keys", "participant_tokens")}
SETUPS = (
    ("before (kept an hour, no limit)", {"ENTAJOS_TAB_STATE_GRACE_SECONDS": "3600",
                                         "ENTAJOS_CONNECTIONS_PER_ADDRESS": "1000000/minute"}),
    ("grace only (30 s, no limit)", {"ENTAJOS_CONNECTIONS_PER_ADDRESS": "1000000/minute"}),
    ("as shipped (30 s, 1200/minute)", {}),
)


def _resident_mb(group: int) -> float:
    out = subprocess.run(["ps", "-o", "rss=", "-g", str(group)], capture_output=True, text=True).stdout
    return sum(int(kb) for kb in out.split()) / 1024


async def _one(url: str, refused: list[int]) -> None:
    tab = ReflexTab(url, "/privacy", storage=KEPT, source="127.0.77.1")
    try:
        await tab.connect()
        await asyncio.sleep(0.05)
    except Exception:
        refused.append(1)
    finally:
        try:
            await tab.close()
        except Exception:
            pass


async def _attack(url: str, group: int) -> tuple[list[float], int, float]:
    refused: list[int] = []
    memory = []
    started = time.monotonic()
    for opened in range(AT_ONCE, TABS + 1, AT_ONCE):
        await asyncio.gather(*(_one(url, refused) for _ in range(AT_ONCE)))
        if opened in CHECKPOINTS:
            memory.append(_resident_mb(group))
    return memory, len(refused), time.monotonic() - started


def main() -> None:
    rows = []
    for label, env in SETUPS:
        with tempfile.TemporaryDirectory() as scratch:
            server, process = start_app(Path(scratch), backend_only=True,
                                        extra_env={"ENTAJOS_TRUSTED_PROXIES": "127.0.0.1"} | env)
            try:
                time.sleep(2)
                start = _resident_mb(process.pid)
                memory, refused, took = asyncio.run(_attack(server.url, process.pid))
                rows.append((label, start, memory, refused, took))
            finally:
                stop_app(process)
    print(f"Tab states: one address opening {TABS} fresh tabs ({AT_ONCE} at a time), the app's resident memory (MB)")
    print("| app | at start | " + " | ".join(f"after {n} tabs" for n in CHECKPOINTS) + " | refused | seconds |")
    print("|---|---|" + "---|" * len(CHECKPOINTS) + "---|---|")
    for label, start, memory, refused, took in rows:
        print(f"| {label} | {start:.0f} | " + " | ".join(f"{m:.0f}" for m in memory) + f" | {refused} | {took:.0f} |")


if __name__ == "__main__":
    main()
